/**
 * The app a user writes to start the mock in development only, and what Vite makes of it. Shared by
 * bench/browser.ts (parts c and d) and test/production-build.test.ts.
 *
 * The app is as small as an app can be: an index.html, a src/main.ts that starts the mock behind
 * `import.meta.env.DEV` (the README's snippet, DEV_ONLY_START) and then writes "ready" into the page. It has a
 * package.json of its own and `cognito-device-mock` installed in its node_modules (a copy of this repository's
 * package.json and dist/ JavaScript), so Vite resolves the package as it does in a user's app: through its
 * `exports` and, in the dev server, through the dependency optimizer. Its other packages (msw, jose, zod, …) are
 * found in this repository's node_modules, up the directory tree.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin, Rollup } from 'vite'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** The README's snippet: Vite replaces `import.meta.env.DEV` by `false` in `vite build`, and the branch goes. */
export const DEV_ONLY_START = `if (import.meta.env.DEV) {
  const { startCognitoWorker } = await import('cognito-device-mock/browser')
  await startCognitoWorker({ seed: 42 })
}
`

/** The same start with msw alone (a trivial handler): the baseline of the development cost. */
export const MSW_ONLY_START = `if (import.meta.env.DEV) {
  const [{ setupWorker }, { http, HttpResponse }] = await Promise.all([import('msw/browser'), import('msw')])
  const worker = setupWorker(http.post('https://cognito-idp.us-east-1.amazonaws.com/', () => HttpResponse.json({})))
  // The options startCognitoWorker passes (msw 3 reads onUnhandledFrame, msw 2 onUnhandledRequest).
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass' })
}
`

/** What the app does once the mock (if any) is running. */
const APP_CODE = `document.querySelector('#app')!.textContent = 'ready'\n`

export type AppStart = 'cognito' | 'msw' | 'cognito-unguarded'

/** src/main.ts of the app: `cognito` is the README's snippet; `cognito-unguarded` the same without the `if`. */
export function appSource(start: AppStart): string {
  const guarded = start === 'msw' ? MSW_ONLY_START : DEV_ONLY_START
  return (start === 'cognito-unguarded' ? guarded.replace('if (import.meta.env.DEV) {', '{') : guarded) + APP_CODE
}

/**
 * A distinctive string of the mock or of a package it brings into a browser bundle: string literals (error
 * messages, codes, names in strings), which minification keeps. Each was checked against a minified build of
 * the mock (`cognito-unguarded`), and the faker ones against builds importing only `generateMersenne53Randomizer`,
 * `SimpleFaker` and `Faker` with the `base` locale (faker's shared chunk carries both strings in all three).
 */
export interface Needle {
  /** The package the string comes from (`msw` for msw 2 as well). */
  owner: string
  text: string
}

export const NEEDLES: readonly Needle[] = [
  { owner: 'cognito-device-mock', text: '[cognito-device-mock]' },
  { owner: 'cognito-device-mock', text: 'cognito-device-mock' },
  { owner: 'cognito-device-mock', text: 'AWSCognitoIdentityProviderService' },
  { owner: 'msw', text: '[MSW]' },
  { owner: 'msw', text: 'mockServiceWorker' },
  { owner: 'jose', text: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
  { owner: 'jose', text: 'ERR_JWS_INVALID' },
  { owner: 'zod', text: '$ZodType' },
  { owner: 'zod', text: '$ZodError' },
  { owner: '@faker-js/faker', text: 'FakerLocaleProxy' },
  { owner: '@faker-js/faker', text: 'github.com/faker-js/faker' },
  { owner: 'otpauth', text: 'otpauth://totp/' },
]

/**
 * The owners whose strings a build of the running mock must contain: the mock, msw, and every run-time
 * dependency in package.json (a dependency missing from NEEDLES is reported by `ownersWithoutNeedles`).
 */
export async function expectedOwners(root = repoRoot): Promise<{ owners: string[]; ownersWithoutNeedles: string[] }> {
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  const dependencies = Object.keys(manifest.dependencies ?? {})
  const known = new Set(NEEDLES.map((needle) => needle.owner))
  return {
    owners: ['cognito-device-mock', 'msw', ...dependencies],
    ownersWithoutNeedles: dependencies.filter((name) => !known.has(name)),
  }
}

/** The msw major the app is built against: `msw` (the devDependency, 3) or `msw2` (`npm:msw@2`). */
export type MswPackage = 'msw' | 'msw2'

export interface AppOptions {
  /** Directory of the app (created or emptied). */
  dir: string
  start: AppStart
  /** Which installed msw the app's `msw` and `msw/browser` are (default `msw`). */
  msw?: MswPackage
  /**
   * Put msw's worker script in public/, as `npx msw init public/` does (needed to run the app; a production
   * build then copies it to its output, like every file of public/).
   */
  publicWorker?: boolean
  /** The repository whose dist/ is installed as `cognito-device-mock` (default: this one). */
  root?: string
}

/** Writes the app: package.json, index.html, src/main.ts, node_modules/cognito-device-mock, public/. */
export async function writeApp(options: AppOptions): Promise<void> {
  const { dir, start, msw = 'msw', publicWorker = false, root = repoRoot } = options
  const dist = join(root, 'dist')
  if (!(await readdir(dist).catch(() => undefined))?.includes('browser.js')) {
    throw new Error(`${dist}/browser.js is missing: run \`npm run build\` first (npm test and npm run bench do).`)
  }
  await rm(dir, { recursive: true, force: true })
  await mkdir(join(dir, 'src'), { recursive: true })
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'dev-only-app', private: true, type: 'module' }, null, 2)}\n`)
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html>\n<html lang="en">\n  <head><meta charset="UTF-8" /><title>app</title></head>\n  <body>\n    <div id="app"></div>\n    <script type="module" src="/src/main.ts"></script>\n  </body>\n</html>\n',
  )
  await writeFile(join(dir, 'src/main.ts'), appSource(start))
  // The installed package: its manifest and dist's JavaScript (what `npm pack` ships, without types).
  const installed = join(dir, 'node_modules/cognito-device-mock')
  await mkdir(installed, { recursive: true })
  await cp(join(root, 'package.json'), join(installed, 'package.json'))
  await cp(dist, join(installed, 'dist'), { recursive: true, filter: (path) => !/\.test\.|\.d\.ts$|\.map$/.test(path) })
  if (publicWorker) {
    await mkdir(join(dir, 'public'), { recursive: true })
    await cp(join(root, 'node_modules', msw, 'lib/mockServiceWorker.js'), join(dir, 'public/mockServiceWorker.js'))
  }
}

/** Vite's aliases that make `msw` and `msw/browser` the msw 2 package (as vitest.config.ts does for msw2). */
export function mswAliases(msw: MswPackage): { find: RegExp; replacement: string }[] {
  return msw === 'msw' ? [] : [
    { find: /^msw$/, replacement: msw },
    { find: /^msw\/browser$/, replacement: `${msw}/browser` },
  ]
}

/**
 * Runs `task` with `process.env.NODE_ENV` set: Vite derives `import.meta.env.DEV` from NODE_ENV when it is set
 * (vitest sets it to `test`, and a first build leaves it at `production`), not from the mode alone.
 */
export async function withNodeEnv<T>(value: 'production' | 'development', task: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV
  process.env.NODE_ENV = value
  try {
    return await task()
  } finally {
    if (before === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = before
  }
}

/** Where a bundled module comes from: `app` (the app's own files), an npm package, or `other` (Vite's helpers). */
export function moduleOwner(id: string, appDir: string): string {
  const path = id.replace(/^\0/, '')
  const packagePath = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)
  if (packagePath) return packagePath[1] === 'msw2' ? 'msw' : packagePath[1]!
  return path.startsWith(appDir + sep) ? 'app' : 'other'
}

export interface OutputFile {
  /** Path relative to the output directory. */
  name: string
  bytes: number
  /** Copied from public/ as is, not made by the bundler. */
  fromPublic: boolean
  text: string
}

export interface AppBuild {
  mode: 'production' | 'development'
  outDir: string
  files: OutputFile[]
  /** Rendered (tree-shaken) bytes in the output per module owner (`app`, a package name, `other`). */
  renderedBytes: Record<string, number>
  /** Modules in the output per owner. */
  modules: Record<string, number>
  ms: number
}

/**
 * `vite build` of the app with Vite's defaults (minified, default target; `--mode development` minifies too),
 * into `dir`/dist (production) or `dir`/dist-development. Every output file is read back, so that a caller can
 * search them all.
 */
export async function buildApp(dir: string, mode: 'production' | 'development', msw: MswPackage = 'msw', plugins: Plugin[] = []): Promise<AppBuild> {
  const { build } = await import('vite')
  const outDir = join(dir, mode === 'production' ? 'dist' : 'dist-development')
  const started = performance.now()
  const result = await withNodeEnv(mode, () =>
    build({
      configFile: false,
      envDir: false,
      logLevel: 'silent',
      root: dir,
      mode,
      plugins,
      publicDir: join(dir, 'public'),
      resolve: { alias: mswAliases(msw) },
      build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 10_000 },
    }),
  )
  const ms = performance.now() - started
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[]
  const renderedBytes: Record<string, number> = {}
  const modules: Record<string, number> = {}
  const emitted = new Set<string>()
  for (const output of outputs) {
    for (const item of output.output) {
      emitted.add(item.fileName)
      if (item.type !== 'chunk') continue
      for (const [id, info] of Object.entries(item.modules)) {
        const owner = moduleOwner(id, dir)
        renderedBytes[owner] = (renderedBytes[owner] ?? 0) + info.renderedLength
        modules[owner] = (modules[owner] ?? 0) + 1
      }
    }
  }
  const files: OutputFile[] = []
  for (const name of await listFiles(outDir)) {
    const content = await readFile(join(outDir, name))
    files.push({ name, bytes: content.length, fromPublic: !emitted.has(name), text: content.toString('utf8') })
  }
  return { mode, outDir, files, renderedBytes, modules, ms }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
}

/** How often each needle occurs in the files (only needles found at least once are listed per file). */
export function search(files: readonly OutputFile[], needles: readonly Needle[] = NEEDLES) {
  const perNeedle = needles.map((needle) => ({ ...needle, count: 0, files: [] as string[] }))
  for (const file of files) {
    for (const found of perNeedle) {
      const count = file.text.split(found.text).length - 1
      if (count) {
        found.count += count
        found.files.push(file.name)
      }
    }
  }
  return perNeedle
}
