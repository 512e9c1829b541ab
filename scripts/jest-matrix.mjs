#!/usr/bin/env node
/**
 * `npm run test:jest`: the Jest recipes of docs/recipes/jest.md, run as a user runs them, on each Node they are
 * for. Each project under jest/ imports the built package (dist/, through the package's own name), so run
 * `npm run build` first (`npm test` does).
 *
 * 1. Type-checks the jest/ projects (their tsconfig.json: the package's .d.ts files and the msw major they use).
 * 2. Runs every Jest config with this Node (`process.execPath`: Node 24 under npm scripts), then again with the
 *    system Node 20 (`/usr/bin/node`, or `JEST_MATRIX_NODE20=/path/to/node`) when there is one, skipping (with
 *    a line saying why) the configs that need a newer Node: msw 3 (>= 22.12) and Jest's require(esm) (>= 24.9).
 *    Jest is started as `node [flags] node_modules/jest/bin/jest.js --config <file>`.
 *
 * Prints one line per run (project, Node, pass/fail, test counts, time) and exits non-zero on any failure,
 * on a run with no tests, or on a skipped or todo test. Jest's own output is printed for failed runs only;
 * `--verbose` (or JEST_MATRIX_VERBOSE=1) prints it for every run. Extra arguments (e.g. a test name pattern
 * `-t throttled`) are passed to every Jest run; tests they leave out are then not counted as skipped.
 */

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const jestBin = join(root, 'node_modules/jest/bin/jest.js')
const tscBin = join(root, 'node_modules/typescript/bin/tsc')
const RUN_TIMEOUT_MS = 120_000

const args = process.argv.slice(2)
const verbose = args.includes('--verbose') || process.env.JEST_MATRIX_VERBOSE === '1'
const jestArgs = args.filter((a) => a !== '--verbose')

/**
 * The runs. `minNode`: the lowest Node the run is for ([major, minor]); on an older Node it is skipped, saying `why`.
 * `vmModules`: Jest's native ESM (and require(esm)) needs `node --experimental-vm-modules`.
 */
const runs = [
  { name: 'cjs-node', config: 'jest/cjs-node/jest.config.cjs', msw: 2, minNode: [20, 19] },
  { name: 'cjs-babel', config: 'jest/cjs-babel/jest.config.cjs', msw: 2, minNode: [20, 19] },
  { name: 'cjs-jsdom', config: 'jest/cjs-jsdom/jest.config.cjs', msw: 2, minNode: [20, 19] },
  { name: 'cjs-jsdom-no-webcrypto', config: 'jest/cjs-jsdom/jest.no-webcrypto.config.cjs', msw: 2, minNode: [20, 19] },
  { name: 'esm-node', config: 'jest/esm-node/jest.config.mjs', msw: 3, vmModules: true, minNode: [22, 12], why: 'msw 3 needs Node >= 22.12' },
  { name: 'esm-node-msw2', config: 'jest/esm-node/jest.msw2.config.mjs', msw: 2, vmModules: true, minNode: [20, 19] },
  {
    name: 'cjs-node-require-esm',
    config: 'jest/cjs-node/jest.require-esm.config.cjs',
    msw: 3,
    vmModules: true,
    minNode: [24, 9],
    why: "Jest's require(esm) needs Node >= 24.9",
  },
]

const versionOf = (bin) => {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  return out.status === 0 ? out.stdout.trim() : undefined
}
const parse = (version) => version.replace(/^v/, '').split('.').map(Number)
const atLeast = (version, [major, minor]) => {
  const [a, b] = parse(version)
  return a > major || (a === major && b >= minor)
}

// ---------------------------------------------------------------------------------------------------

if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/node.js'))) {
  console.error('[jest-matrix] dist/ is missing: run `npm run build` first (the jest/ projects import the built package).')
  process.exit(1)
}
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .reduce((t, e) => Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs), 0)
if (newest(join(root, 'src')) > statSync(join(root, 'dist/index.js')).mtimeMs) {
  console.warn('[jest-matrix] warning: src/ has changed since dist/ was built; these runs test dist/ (`npm run build` to refresh).')
}

const nodes = [{ bin: process.execPath, version: process.version }]
const node20Bin = process.env.JEST_MATRIX_NODE20 || '/usr/bin/node'
const node20Version = existsSync(node20Bin) ? versionOf(node20Bin) : undefined
let node20Skip
if (!node20Version) node20Skip = `skip  Node 20 runs: no ${node20Bin} (set JEST_MATRIX_NODE20 to a Node 20 binary)`
else if (parse(node20Version)[0] !== 20) node20Skip = `skip  Node 20 runs: ${node20Bin} is ${node20Version}, not Node 20`
else if (node20Version === process.version) node20Skip = `skip  Node 20 runs: already running on ${node20Version}`
else nodes.push({ bin: node20Bin, version: node20Version })

const distStamp = () => (existsSync(join(root, 'dist/index.js')) ? statSync(join(root, 'dist/index.js')).mtimeMs : 0)
const distAtStart = distStamp()
const started = Date.now()
let failed = 0
let passed = 0
let skipped = 0

/**
 * The tasks, run `jobs` at a time (default: one per CPU): the four type-checks, then each Jest config on each
 * Node. A line is printed as each ends; the summary at the end lists them in this order.
 */
const tasks = ['jest/cjs-node', 'jest/cjs-babel', 'jest/cjs-jsdom', 'jest/esm-node'].map((project) => ({
  label: `tsc ${project}/tsconfig.json`,
  start: () => typecheck(project),
}))
for (const node of nodes) {
  for (const run of runs) {
    const label = `${run.name.padEnd(22)} node ${node.version.padEnd(9)} msw ${run.msw}`
    if (atLeast(node.version, run.minNode)) tasks.push({ label, start: () => jestRun(run, node, label) })
    else tasks.push({ label, skip: run.why ?? `needs Node >= ${run.minNode.join('.')}` })
  }
}
const jobs = Math.max(1, Number(process.env.JEST_MATRIX_JOBS) || availableParallelism())

const outDir = mkdtempSync(join(tmpdir(), 'jest-matrix-'))
const results = new Map()
try {
  const queue = tasks.filter((t) => !t.skip)
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        const result = await task.start()
        results.set(task, result)
        console.log(result.line)
        if (!result.ok || verbose) process.stdout.write(result.details)
      }
    }),
  )
} finally {
  rmSync(outDir, { recursive: true, force: true })
}

console.log(`\njest matrix (${jobs} at a time):`)
for (const task of tasks) {
  if (task.skip) {
    skipped++
    console.log(`skip  ${task.label}  (${task.skip})`)
  } else {
    const { ok, line } = results.get(task)
    if (ok) passed++
    else failed++
    console.log(line)
  }
}
if (node20Skip) {
  skipped++
  console.log(node20Skip)
}

if (distStamp() !== distAtStart) {
  console.log('[jest-matrix] dist/ was rebuilt (or removed) while these runs went on: a failure above may come from that.')
}
const total = ((Date.now() - started) / 1000).toFixed(1)
console.log(`jest matrix: ${passed} passed, ${failed} failed, ${skipped} skipped (${total}s)`)
process.exit(failed > 0 ? 1 : 0)

// ---------------------------------------------------------------------------------------------------

/** `tsc --noEmit` on one project's tsconfig.json. */
async function typecheck(project) {
  const t0 = Date.now()
  const r = await capture(process.execPath, [tscBin, '-p', `${project}/tsconfig.json`, '--noEmit'])
  const ok = r.code === 0 && !r.timedOut
  return {
    ok,
    line: `${ok ? 'PASS' : 'FAIL'}  tsc ${project}/tsconfig.json  (${seconds(t0)})`,
    details: `\n---- tsc -p ${project}/tsconfig.json --noEmit\n${r.output}---- end\n\n`,
  }
}

/** One Jest config on one Node; its counts come from Jest's JSON report. */
async function jestRun(run, node, label) {
  const outputFile = join(outDir, `${run.name}-${node.version}.json`)
  const nodeArgs = run.vmModules ? ['--experimental-vm-modules'] : []
  const t0 = Date.now()
  // A generous test timeout: on a loaded machine an SRP sign-in in pure JavaScript can take seconds.
  const r = await capture(node.bin, [...nodeArgs, jestBin, '--config', run.config, '--testTimeout=30000', '--json', `--outputFile=${outputFile}`, ...jestArgs])
  const report = existsSync(outputFile) ? JSON.parse(readFileSync(outputFile, 'utf8')) : undefined
  const problems = []
  if (r.timedOut) problems.push(`killed after ${RUN_TIMEOUT_MS / 1000}s`)
  if (r.code !== 0) problems.push(`jest exited ${r.code ?? r.signal}`)
  if (!report) problems.push('no JSON report')
  else {
    if (report.numTotalTests === 0) problems.push('no tests ran')
    if (jestArgs.length === 0 && (report.numPendingTests > 0 || report.numTodoTests > 0)) problems.push(`${report.numPendingTests} skipped, ${report.numTodoTests} todo`)
    if (report.numRuntimeErrorTestSuites > 0) problems.push(`${report.numRuntimeErrorTestSuites} test files failed to run`)
  }
  const counts = report ? `${report.numPassedTests}/${report.numTotalTests} tests passed in ${report.numTotalTestSuites} files` : 'no counts'
  const ok = problems.length === 0
  const bin = node.bin.startsWith(root) ? relative(root, node.bin) : node.bin
  const command = [bin, ...nodeArgs, relative(root, jestBin), '--config', run.config].join(' ')
  return {
    ok,
    line: `${ok ? 'PASS' : 'FAIL'}  ${label}  ${counts}  (${seconds(t0)})${ok ? '' : `  ${problems.join('; ')}`}`,
    details: `\n---- ${command}\n${r.output}---- end of ${run.name} on ${node.version}\n\n`,
  }
}

function seconds(t0) {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`
}

/** Runs `bin args` in the repository root, collecting stdout and stderr together; kills it after the timeout. */
function capture(bin, argv) {
  return new Promise((resolve) => {
    const child = spawn(bin, argv, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, RUN_TIMEOUT_MS)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, output, timedOut })
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: 1, signal: null, output: `${output}${error.stack}\n`, timedOut })
    })
  })
}
