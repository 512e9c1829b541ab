import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The published artifact, as a consumer gets it: `npm pack` the built package, install the tarball with
 * this project's msw major (see vitest.config.ts) into a fresh project, then load every entry with the
 * repo's Node and typecheck a consumer file with the repo's `tsc`. Needs `npm run build` first (`npm test`
 * builds before running vitest).
 */

const run = promisify(execFile)
const TIMEOUT = 120_000

const root = fileURLToPath(new URL('..', import.meta.url))
const repoNode = existsSync(join(root, 'node_modules/.bin/node')) ? join(root, 'node_modules/.bin/node') : process.execPath
const tscBin = join(root, 'node_modules/typescript/bin/tsc')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> }

const mswMajor = process.env.COGNITO_MOCK_MSW_MAJOR === '2' ? 2 : 3
// msw 2 pinned to the version the msw2 project runs, so the install is served from the npm cache.
const mswSpec = mswMajor === 2 ? `msw@${JSON.parse(readFileSync(join(root, 'node_modules/msw2/package.json'), 'utf8')).version}` : 'msw@3'

/** The outer `npm test` exports its own project and lifecycle to children; the nested npm must not see them. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_local_prefix$|config_prefix$)/i.test(key)) continue
    env[key] = value
  }
  // npm and tsc are `#!/usr/bin/env node` scripts: give them the repo's Node, not an older system one.
  env.PATH = `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`
  return env
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', [...args, '--loglevel=error'], { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** Runs an ES module with the repo's Node (or `node`) in the consumer project; it prints one JSON line. */
async function probe(source: string, nodeArgs: string[] = [], node = repoNode): Promise<any> {
  const file = join(consumer, `probe-${Math.random().toString(36).slice(2)}.mjs`)
  await writeFile(file, source)
  const { stdout } = await run(node, [...nodeArgs, file], { cwd: consumer, env: childEnv() })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

/**
 * The oldest Node the package supports (README "Node versions"): the system's, /usr/bin/node here, or
 * COGNITO_MOCK_NODE20. Where there is no Node 20 the check is skipped, and says so in its name.
 */
const node20 = process.env.COGNITO_MOCK_NODE20 ?? '/usr/bin/node'
const node20Version = existsSync(node20) ? execFileSync(node20, ['--version'], { encoding: 'utf8' }).trim() : 'none'
/** TypeScript 5 for the `moduleResolution: node` (node10) consumer: TypeScript 7, the repo's, no longer has that mode. */
const typescript5 = 'typescript@5.9.3'

/** Imports `specifier` and reports its export names, or the error code it fails with. */
const importProbe = (specifier: string) => `
  try {
    const module = await import(${JSON.stringify(specifier)})
    console.log(JSON.stringify({ ok: true, names: Object.keys(module).sort() }))
  } catch (error) {
    console.log(JSON.stringify({ ok: false, code: error.code, message: String(error.message) }))
  }
`

let work: string
let consumer: string
let tarballFiles: string[]
let installed: string

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).')
  work = await mkdtemp(join(tmpdir(), 'cognito-device-mock-pack-'))
  consumer = join(work, 'consumer')
  await mkdir(consumer)
  // --ignore-scripts: never rebuild dist/ here (the other msw project packs at the same time).
  const [packed] = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as {
    filename: string
    files: { path: string }[]
  }[]
  tarballFiles = packed!.files.map((file) => file.path)
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2))
  // @playwright/test is the optional peer of './playwright' (no browser is downloaded by installing it).
  const playwrightSpec = `@playwright/test@${JSON.parse(readFileSync(join(root, 'node_modules/@playwright/test/package.json'), 'utf8')).version}`
  await npm(['install', join(work, packed!.filename), mswSpec, playwrightSpec, typescript5, '--no-audit', '--no-fund', '--prefer-offline'], consumer)
  installed = join(consumer, 'node_modules', pkg.name)
}, TIMEOUT)

afterAll(async () => {
  if (work && !process.env.KEEP_PACK_DIR) await rm(work, { recursive: true, force: true })
})

describe(`the packed package (with msw ${mswMajor})`, { timeout: TIMEOUT }, () => {
  it('ships dist/, package.json, the recipes and the sources the declaration maps point at, and no tests or benchmarks', () => {
    expect(tarballFiles).toContain('package.json')
    expect(tarballFiles).toContain('LICENSE')
    for (const entry of ['index', 'node', 'browser', 'playwright']) expect(tarballFiles).toContain(`dist/${entry}.js`)
    expect(tarballFiles.filter((path) => /^(test|bench|scripts|e2e|mocks|docs|decisions|\.tmp)\/|__snapshots__/.test(path) && !/^docs\/recipes\/[\w-]+\.md$/.test(path))).toEqual([])
    // The recipes the README and the WebCrypto error point at travel with the package.
    expect(tarballFiles).toEqual(expect.arrayContaining(['docs/recipes/jest.md', 'docs/recipes/vitest-browser.md']))
    expect(tarballFiles.filter((path) => /\.(test|spec)\.[cm]?[jt]s$|\.test\.d\.[cm]?ts$/.test(path))).toEqual([])
    expect(tarballFiles.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.startsWith('src/'))).toEqual([])
  })

  it('has a declaration map beside every .d.ts, each pointing at a source file it ships ("go to definition" opens src/)', async () => {
    const declarations = tarballFiles.filter((path) => path.endsWith('.d.ts'))
    expect(declarations.length).toBeGreaterThan(50)
    expect(declarations.filter((path) => !tarballFiles.includes(`${path}.map`))).toEqual([])
    const unshipped: string[] = []
    for (const path of declarations) {
      const map = JSON.parse(await readFile(join(installed, `${path}.map`), 'utf8')) as { sources: string[]; sourceRoot?: string }
      for (const source of map.sources) {
        const target = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? '', source))
        if (!tarballFiles.includes(target)) unshipped.push(`${path}.map → ${target}`)
      }
    }
    expect(unshipped).toEqual([])
  })

  it('ships the CLI that "bin" names', () => {
    // The CLI is written from src/cli.ts; until it exists there is nothing to ship.
    if (!existsSync(join(root, 'src/cli.ts'))) return
    expect(tarballFiles).toContain('dist/cli.js')
  })

  it('installs a package.json with the same exports map', async () => {
    const installedPkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'))
    expect(installedPkg.exports).toEqual(pkg.exports)
    expect(installedPkg.peerDependencies.msw).toMatch(/\^2\./)
    expect(installedPkg.peerDependencies.msw).toMatch(/\^3\./)
  })

  it('has a .d.ts for every entry', () => {
    for (const [subpath, conditions] of Object.entries(pkg.exports)) {
      if (typeof conditions !== 'object' || conditions === null) continue
      const types = (conditions as Record<string, unknown>).types
      expect(types, `types of "${subpath}"`).toMatch(/\.d\.ts$/)
      expect(existsSync(join(installed, types as string)), `${subpath} → ${types}`).toBe(true)
    }
  })

  it('loads "." under Node with every export of src/index.ts', async () => {
    const result = await probe(importProbe(pkg.name))
    expect(result).toMatchObject({ ok: true })
    const source = Object.keys(await import('../src/index.ts')).sort()
    expect(result.names).toEqual(source)
    expect(result.names).toEqual(expect.arrayContaining(['createCognitoMock', 'CognitoError', 'fidelity', 'deviceOperationNames']))
  })

  it('loads "./node" under Node with every export of src/node.ts', async () => {
    const result = await probe(importProbe(`${pkg.name}/node`))
    expect(result).toMatchObject({ ok: true })
    const source = Object.keys(await import('../src/node.ts')).sort()
    expect(result.names).toEqual(source)
    expect(result.names).toContain('setupCognitoServer')
  })

  it('loads "./playwright" under Node with every export of src/playwright.ts, and refuses it in browsers', async () => {
    const result = await probe(importProbe(`${pkg.name}/playwright`))
    expect(result).toMatchObject({ ok: true })
    const source = Object.keys(await import('../src/playwright.ts')).sort()
    expect(result.names).toEqual(source)
    expect(result.names).toEqual(expect.arrayContaining(['test', 'expect', 'attachCognito', 'routeCognito']))
    expect(await probe(importProbe(`${pkg.name}/playwright`), ['--conditions=browser'])).toMatchObject({ ok: false, code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' })
  })

  it('refuses "./browser" under Node (its "node": null condition)', async () => {
    expect(await probe(importProbe(`${pkg.name}/browser`))).toMatchObject({ ok: false, code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' })
  })

  it('refuses "./node" under the browser condition (its "browser": null condition), and still loads "."', async () => {
    expect(await probe(importProbe(`${pkg.name}/node`), ['--conditions=browser'])).toMatchObject({
      ok: false,
      code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    })
    expect(await probe(importProbe(pkg.name), ['--conditions=browser'])).toMatchObject({ ok: true })
  })

  it(`answers Cognito calls through the installed msw ${mswMajor}`, async () => {
    const result = await probe(`
      import { setupCognitoServer } from ${JSON.stringify(`${pkg.name}/node`)}
      import mswPackage from 'msw/package.json' with { type: 'json' }
      const { server } = setupCognitoServer({ seed: 42 })
      server.listen()
      const response = await fetch('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
        body: '{}',
      })
      const body = await response.json()
      server.close()
      console.log(JSON.stringify({ msw: mswPackage.version, status: response.status, type: body.__type }))
    `)
    expect(Number(result.msw.split('.')[0])).toBe(mswMajor)
    expect(result).toMatchObject({ status: 400, type: 'InvalidParameterException' })
  })

  it('typechecks a consumer that imports every entry (moduleResolution nodenext)', async () => {
    await writeFile(
      join(consumer, 'consumer.ts'),
      `import { createCognitoMock, CognitoError, type CognitoMock, type DeviceRecord } from '${pkg.name}'
import { setupCognitoServer } from '${pkg.name}/node'
import { startCognitoWorker, type StartCognitoWorkerOptions } from '${pkg.name}/browser'

const cognito: CognitoMock = createCognitoMock({ seed: 42, world: { usersPerPool: 2 } })
const devices: DeviceRecord[] = cognito.devices.list('us-east-1_AbC123xYz', 'someone')
const { server } = setupCognitoServer(cognito)
server.close()
const start: typeof startCognitoWorker | undefined = undefined
const options: StartCognitoWorkerOptions = {}
const error: CognitoError | undefined = undefined
// @ts-expect-error a seed is a number or a string: fails only if the types are real, not \`any\`
createCognitoMock({ seed: {} })

export { devices, start, options, error }
`,
    )
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2023', 'dom', 'dom.iterable'],
          strict: true,
          noEmit: true,
          // Check the shipped declarations too, not only the consumer file.
          skipLibCheck: false,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    )
    const outcome = await run(repoNode, [tscBin, '-p', 'tsconfig.json'], { cwd: consumer, env: childEnv() }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    )
    expect(outcome.output).toBe('')
    expect(outcome.ok).toBe(true)
  })

  it(`typechecks a consumer with moduleResolution "node" (node10, ${typescript5}): typesVersions maps every subpath`, async () => {
    // Each @ts-expect-error holds only if the entry's types are real (an unresolved one is an error of its own).
    await writeFile(
      join(consumer, 'consumer-node10.ts'),
      `import { createCognitoMock, type DeviceRecord } from '${pkg.name}'
import { setupCognitoServer } from '${pkg.name}/node'
import { startCognitoWorker } from '${pkg.name}/browser'
import type { CognitoPage } from '${pkg.name}/playwright'
import { cognitoStory } from '${pkg.name}/storybook'

declare const page: CognitoPage
export async function seed(poolId: string): Promise<DeviceRecord> {
  return page.state('devices.create', poolId, 'ada', { name: 'Kiosk' })
}
// @ts-expect-error a seed is a number or a string
createCognitoMock({ seed: {} })
// @ts-expect-error a seed is a number or a string
const { server } = setupCognitoServer({ seed: {} })
// @ts-expect-error a seed is a number or a string
void startCognitoWorker({ seed: {} })
// @ts-expect-error devices.create needs a username
void page.state('devices.create', 'us-east-1_AbC123xYz')
// @ts-expect-error an endpoint is a string
export const endpoint: number = cognitoStory({}).endpoint
${
  // msw 3 has no typesVersions of its own: under node10 its msw/node is unresolved (any) behind skipLibCheck.
  mswMajor === 2 ? '// @ts-expect-error SetupServer has no such method\nserver.noSuchMethod()\n' : 'void server\n'
}`,
    )
    await writeFile(
      join(consumer, 'tsconfig.node10.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: 'esnext', moduleResolution: 'node', lib: ['es2023', 'dom', 'dom.iterable'],
          strict: true, noEmit: true, skipLibCheck: true, types: [],
        },
        files: ['consumer-node10.ts'],
      }),
    )
    const tsc5 = join(consumer, 'node_modules/typescript/lib/tsc.js')
    expect(JSON.parse(await readFile(join(consumer, 'node_modules/typescript/package.json'), 'utf8')).version).toMatch(/^5\./)
    const outcome = await run(repoNode, [tsc5, '-p', 'tsconfig.node10.json'], { cwd: consumer, env: childEnv() }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    )
    expect(outcome.output).toBe('')
    expect(outcome.ok).toBe(true)
  })

  // npm on Node 20 installs msw 2 (msw 3 needs Node 22.12): that pair, as installed, on the system's Node 20.
  it.runIf(mswMajor === 2 && node20Version.startsWith('v20.'))(
    `runs on Node 20 (${node20Version}) with msw 2: every Node entry loads, and setupServer answers a call`,
    async () => {
      const result = await probe(
        `
      import { createCognitoMock } from ${JSON.stringify(pkg.name)}
      import ${JSON.stringify(`${pkg.name}/node`)}
      import ${JSON.stringify(`${pkg.name}/playwright`)}
      import ${JSON.stringify(`${pkg.name}/storybook`)}
      import { setupServer } from 'msw/node'
      import mswPackage from 'msw/package.json' with { type: 'json' }
      const cognito = createCognitoMock({ seed: 42 })
      const server = setupServer(...cognito.handlers)
      server.listen({ onUnhandledRequest: 'error' })
      const [pool] = cognito.pools.list()
      const [user] = cognito.users.list(pool.id)
      const response = await fetch('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
        body: JSON.stringify({ AccessToken: await cognito.tokens.issue(pool.id, user.username) }),
      })
      const body = await response.json()
      server.close()
      console.log(JSON.stringify({ node: process.version, msw: mswPackage.version, status: response.status, devices: body.Devices?.length }))
    `,
        [],
        node20,
      )
      expect(result.node).toMatch(/^v20\./)
      expect(result.msw).toMatch(/^2\./)
      expect(result).toMatchObject({ status: 200 })
      expect(result.devices).toBeGreaterThan(0)
    },
  )
})
