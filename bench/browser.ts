/**
 * Browser benchmarks of the mock. Prints figures and writes them to bench/results-browser.json; never a
 * pass/fail test (targets are shown next to the figures, for a human to judge).
 *
 *   npm run bench                      # builds, runs bench/run.ts, then this file
 *   node bench/browser.ts              # after `npm run build` (part a bundles dist/)
 *   node bench/browser.ts --runs=4     # fewer navigations per variant
 *   node bench/browser.ts --only=a     # one part
 *
 * a. Bundle cost of `cognito-device-mock/browser` (dist/browser.js) and everything it pulls in except msw,
 *    bundled by Vite (Rolldown) for an app that calls `startCognitoWorker`, minified and gzipped; msw's own
 *    browser bundle (`setupWorker`, `http`, `HttpResponse`) measured the same way. Which dependencies weigh
 *    what: the bundle again with each one left out (its marginal gzipped cost).
 * b. Time from navigation to the first mocked Cognito response: a page that starts the mock as the demo
 *    does (`startCognitoWorker` with the demo's world, `persist`, `exposeOnWindow`; a token for the first
 *    user; one ListDevices through the AWS SDK v3) against the same page with a trivial MSW handler answering the mock's own bytes. Both are
 *    built by Vite into .tmp/bench-browser/pages, served on 127.0.0.1, each run in a fresh browser context
 *    (a fresh service worker registration, as every Playwright test gets), variants alternating.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { cpus } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const here = (path: string) => join(root, path)
const work = here('.tmp/bench-browser')
const args = process.argv.slice(2)
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const { build } = await import('vite')
const { chromium } = await import('@playwright/test')
const { chromiumLaunchOptions } = await import('../e2e/support/chromium.ts')
const { createCognitoMock } = await import('../src/index.ts')

const kB = (bytes: number) => Math.round(bytes / 10.24) / 100
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as { version: string }

// ---------------------------------------------------------------------------------------------------
// a. Bundle cost
// ---------------------------------------------------------------------------------------------------

interface BundleSize {
  /** Minified bytes of every JS chunk. */
  minified: number
  /** Sum of each chunk gzipped (level 9), as a server would send them. */
  gzipped: number
  /** Rendered (tree-shaken, not yet minified) bytes per package or own file, largest first. */
  modules: { id: string; bytes: number }[]
}

const MSW = /^msw($|\/)/
const dependencyPatterns = {
  zod: /^zod($|\/)/,
  jose: /^jose($|\/)/,
} as const

/** Where a module comes from: an npm package name, or the library's own file. */
function origin(id: string): string {
  const packagePath = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)
  if (packagePath) return packagePath[1]!
  return id.startsWith(root) ? id.slice(root.length) : id
}

/**
 * Bundles `source` (an app entry) like an app build: Vite 8 (Rolldown), minified, ES2022, `external` left
 * out. The entry keeps what it imports reachable, so tree-shaking leaves what an app calling it ships.
 */
async function bundle(name: string, source: string, external: RegExp[], plugins: import('vite').Plugin[] = []): Promise<BundleSize> {
  const entry = join(work, 'entries', `${name}.js`)
  await mkdir(join(work, 'entries'), { recursive: true })
  await writeFile(entry, source)
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: { input: entry, external },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as import('vite').Rollup.RollupOutput[]
  let minified = 0
  let gzipped = 0
  const byOrigin = new Map<string, number>()
  for (const output of outputs) {
    for (const chunk of output.output) {
      if (chunk.type !== 'chunk') continue
      minified += Buffer.byteLength(chunk.code)
      gzipped += gzipSync(chunk.code, { level: 9 }).length
      for (const [id, info] of Object.entries(chunk.modules)) {
        const key = origin(id)
        byOrigin.set(key, (byOrigin.get(key) ?? 0) + info.renderedLength)
      }
    }
  }
  const modules = [...byOrigin].map(([id, bytes]) => ({ id, bytes })).sort((a, b) => b.bytes - a.bytes)
  return { minified, gzipped, modules }
}

const mockEntry = `import { startCognitoWorker } from ${JSON.stringify(here('dist/browser.js'))}\nglobalThis.__keep = startCognitoWorker\n`
const mswEntry = `import { setupWorker } from 'msw/browser'\nimport { http, HttpResponse } from 'msw'\nglobalThis.__keep = [setupWorker, http, HttpResponse]\n`

async function partA() {
  if (!existsSync(here('dist/browser.js'))) throw new Error('bench/browser.ts: dist/ is missing; run `npm run build` first (npm run bench does).')
  console.log('\na. Bundle cost (Vite 8 / Rolldown, minified, gzip -9; msw external to the mock)')
  const mock = await bundle('mock', mockEntry, [MSW])
  const msw = await bundle('msw', mswEntry, [])
  const ownOnly = await bundle('mock-own', mockEntry, [MSW, ...Object.values(dependencyPatterns)])
  const dependencies: Record<string, { gzipped: number; minified: number; rendered: number }> = {}
  for (const [name, pattern] of Object.entries(dependencyPatterns)) {
    const without = await bundle(`mock-without-${name.replace(/\W/g, '_')}`, mockEntry, [MSW, pattern])
    dependencies[name] = {
      gzipped: mock.gzipped - without.gzipped,
      minified: mock.minified - without.minified,
      rendered: mock.modules.filter((m) => m.id === name).reduce((sum, m) => sum + m.bytes, 0),
    }
  }

  const target = 60
  const line = (label: string, size: BundleSize, note = '') =>
    console.log(`   ${label.padEnd(44)} ${String(kB(size.minified)).padStart(7)} kB min  ${String(kB(size.gzipped)).padStart(6)} kB gz${note}`)
  line('cognito-device-mock/browser + deps (no msw)', mock, `   target ≤ ${target} kB gz: ${kB(mock.gzipped) <= target ? 'met' : 'NOT met'}`)
  line('msw (setupWorker, http, HttpResponse)', msw)
  console.log(`     msw's largest parts: ${msw.modules.slice(0, 4).map(({ id, bytes }) => `${id} ${kB(bytes)} kB`).join(', ')} (before minification)`)
  line('the library\'s own code (every dep external)', ownOnly)
  console.log('   marginal cost of each dependency (bundle without it):')
  for (const [name, size] of Object.entries(dependencies)) {
    console.log(`     ${name.padEnd(20)} ${String(kB(size.minified)).padStart(7)} kB min  ${String(kB(size.gzipped)).padStart(6)} kB gz  (${Math.round((100 * size.gzipped) / mock.gzipped)} % of the gzipped bundle)`)
  }
  console.log('   largest parts before minification:')
  for (const { id, bytes } of mock.modules.slice(0, 8)) console.log(`     ${id.padEnd(52)} ${String(kB(bytes)).padStart(7)} kB`)

  const summary = (size: BundleSize) => ({ minifiedKB: kB(size.minified), gzippedKB: kB(size.gzipped) })
  return {
    targetGzippedKB: target,
    mock: { ...summary(mock), largest: mock.modules.slice(0, 12).map(({ id, bytes }) => ({ id, renderedKB: kB(bytes) })) },
    msw: { ...summary(msw), largest: msw.modules.slice(0, 6).map(({ id, bytes }) => ({ id, renderedKB: kB(bytes) })) },
    ownCode: summary(ownOnly),
    dependencies: Object.fromEntries(
      Object.entries(dependencies).map(([name, size]) => [name, { marginalMinifiedKB: kB(size.minified), marginalGzippedKB: kB(size.gzipped), renderedKB: kB(size.rendered) }]),
    ),
  }
}

// ---------------------------------------------------------------------------------------------------
// b. Navigation to the first mocked Cognito response
// ---------------------------------------------------------------------------------------------------

const contentTypes: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css' }

/** A static file server for the built pages (a service worker needs http://127.0.0.1, a secure context). */
async function serve(directory: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (request, response) => {
    const path = normalize(join(directory, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)))
    if (!path.startsWith(directory + sep)) return void response.writeHead(403).end()
    try {
      const body = await readFile(path)
      response.writeHead(200, { 'content-type': contentTypes[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return { server, origin: `http://127.0.0.1:${address.port}` }
}

/** The mock's answer to the pages' ListDevices, to be replayed by the trivial handler. */
async function cannedListDevices(): Promise<{ body: string; headers: Record<string, string> }> {
  const mock = createCognitoMock({ seed: 42, world: { devicesPerUser: { min: 20, max: 32 } } })
  const pool = mock.pools.list()[0]!
  const user = mock.users.list(pool.id)[0]!
  const AccessToken = await mock.tokens.issue(pool.id, user.username)
  const response = await mock.handle(
    new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      body: JSON.stringify({ AccessToken, Limit: 10 }),
    }),
  )
  return { body: await response.text(), headers: Object.fromEntries(response.headers) }
}

async function partB() {
  const runs = Number(option('runs') ?? 10)
  console.log(`\nb. Navigation → first mocked Cognito response (fresh context per run, ${runs} runs per variant, alternating)`)
  const pages = join(work, 'pages')
  await rm(pages, { recursive: true, force: true })
  const canned = await cannedListDevices()
  await build({
    configFile: false,
    logLevel: 'warn',
    root: here('bench/browser'),
    base: './',
    define: { __CANNED_LIST_DEVICES__: JSON.stringify(canned) },
    build: {
      outDir: pages,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      chunkSizeWarningLimit: 4000,
      reportCompressedSize: false,
      rollupOptions: {
        input: Object.fromEntries(['cognito', 'trivial'].map((name) => [name, here(`bench/browser/${name}.html`)])),
      },
    },
  })
  const init = spawnSync(process.execPath, [here('scripts/msw-init.mjs'), pages], { encoding: 'utf8' })
  if (init.status !== 0) throw new Error(`msw init failed:\n${init.stdout}${init.stderr}`)

  const { server, origin: siteOrigin } = await serve(pages)
  const browser = await chromium.launch(chromiumLaunchOptions())
  type Variant = 'cognito' | 'trivial'
  const results: Record<Variant, Record<string, number>[]> = { cognito: [], trivial: [] }
  try {
    const once = async (variant: Variant) => {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        await page.goto(`${siteOrigin}/${variant}.html`)
        const handle = await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, undefined, { timeout: 60_000 })
        const result = (await handle.jsonValue()) as { marks: Record<string, number>; devices: number; error?: string }
        if (result.error) throw new Error(`${variant} page failed: ${result.error}`)
        if (result.devices !== 10) throw new Error(`${variant} page listed ${result.devices} devices, not 10`)
        return result.marks
      } finally {
        await context.close()
      }
    }
    // One warm-up round (Chromium's first context, the server's first reads), not counted.
    const variants = Object.keys(results) as Variant[]
    for (const variant of variants) await once(variant)
    for (let i = 0; i < runs; i++) {
      // Rotate the order, so no variant always runs first or after the same one.
      const order = variants.map((_, j) => variants[(i + j) % variants.length]!)
      for (const variant of order) results[variant].push(await once(variant))
    }
  } finally {
    await browser.close()
    server.close()
  }

  const steps = ['script', 'worker', 'token', 'response'] as const
  /** Median time of each mark, and of each step (time since the previous mark). */
  const describe = (marks: Record<string, number>[]) => {
    const at = Object.fromEntries(steps.map((step) => [step, round(median(marks.map((m) => m[step]!)))]))
    const took = Object.fromEntries(steps.map((step, i) => [step, round(median(marks.map((m) => m[step]! - (i ? m[steps[i - 1]!]! : 0))))]))
    return { at, took }
  }
  const cognito = describe(results.cognito)
  const trivial = describe(results.trivial)
  const ratio = round(cognito.at.response! / trivial.at.response!, 2)
  const pairRatios = results.cognito.map((m, i) => m.response! / results.trivial[i]!.response!)
  const labels: Record<(typeof steps)[number], string> = {
    script: 'bundle loaded and running',
    worker: 'mock created + worker started / worker',
    token: 'access token issued (key picked, signed)',
    response: 'ListDevices answered (SDK → worker → page)',
  }
  const cell = (value: number | undefined) => String(value).padStart(9)
  console.log(`   ${'step (median ms, each since the previous)'.padEnd(46)} ${'mock'.padStart(9)} ${'trivial'.padStart(9)}`)
  for (const step of steps) console.log(`   ${labels[step].padEnd(46)} ${cell(cognito.took[step])} ${cell(trivial.took[step])}`)
  console.log(`   ${'navigation → first response'.padEnd(46)} ${cell(cognito.at.response)} ${cell(trivial.at.response)}`)
  console.log(`   ratio ×${ratio} (median of per-run ratios ×${round(median(pairRatios), 2)}), target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'}`)
  const withoutToken = round((cognito.at.response! - cognito.took.token!) / trivial.at.response!, 2)
  console.log(`   without the token step (a page that already holds a token) ×${withoutToken}`)

  return {
    runsPerVariant: runs,
    medianMs: { mock: cognito, trivial },
    ratio,
    medianPairRatio: round(median(pairRatios), 2),
    ratioWithoutTokenIssue: withoutToken,
    target: 1.2,
    raw: results,
  }
}

// ---------------------------------------------------------------------------------------------------

const only = new Set((option('only') ?? 'a,b').split(','))
const started = Date.now()
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  versions: {
    msw: (await readJson(here('node_modules/msw/package.json'))).version,
    vite: (await readJson(here('node_modules/vite/package.json'))).version,
    chromium: await (async () => {
      const browser = await chromium.launch(chromiumLaunchOptions())
      const version = browser.version()
      await browser.close()
      return version
    })(),
  },
}
if (only.has('a')) results.bundle = await partA()
if (only.has('b')) results.firstResponse = await partB()
if (only.size === 2) {
  await writeFile(here('bench/results-browser.json'), `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwrote bench/results-browser.json (${round((Date.now() - started) / 1000, 0)} s)`)
}

