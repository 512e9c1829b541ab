import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { playwright } from '@vitest/browser-playwright'
import { msw } from 'msw/vite'
import { defineConfig } from 'vitest/config'
import { chromiumLaunchOptions } from './e2e/support/chromium.ts'

/**
 * Vitest browser mode (`npm run test:browser`): test-browser/**\/*.test.ts run in headless Chromium through
 * Playwright, and each test file starts the library's service worker itself (`startCognitoWorker`), then drives
 * unmodified clients (AWS SDK v3, Amplify v6) in the page. docs/recipes/vitest-browser.md is the same recipe as a
 * user would write it.
 *
 * - Browser: Debian's /usr/bin/chromium, else Playwright's own (e2e/support/chromium.ts, as playwright.config.ts).
 * - Two projects, one per supported msw major, as vitest.config.ts does for Node:
 *   - `browser-msw3`: the `msw` devDependency. Vitest 5 no longer serves /mockServiceWorker.js
 *     (vitest-dev/vitest#11230); msw 3's own Vite plugin (`msw/vite`, worker-only) serves it from the installed
 *     package, so script and library always match.
 *   - `browser-msw2`: `msw` and `msw/browser` aliased to the `msw2` devDependency (npm:msw@2.15.0), for the test
 *     files and the library source alike. msw 2 has no Vite plugin: its CLI (`msw init`) writes the worker script
 *     into .tmp/vitest-browser/msw2/ (gitignored) when this config loads, and that directory is the project's
 *     Vite `publicDir`, which browser mode serves at `/`.
 *   test-browser/sdk-v3.test.ts checks that each project runs the major it says, worker script included.
 * - `cognito-device-mock/browser` resolves to src/browser.ts, so the tests import the package as a user does and
 *   run the current source without a build (the demo app does the same, e2e/app/vite.config.ts).
 *   test-browser/tsconfig.json maps it the same way for `tsc -p test-browser/tsconfig.json --noEmit`.
 * - The dependencies the tests reach are pre-bundled up front (`optimizeDeps.include`): a dependency discovered
 *   mid-run makes Vite re-optimise and reload the page, which fails the file that was running.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * Writes msw 2's mockServiceWorker.js into `dir` with msw 2's own CLI (what `npx msw init dir` does), unless the
 * file there is already that version's (Vitest loads this config more than once per run).
 */
function msw2WorkerDirectory(dir: string): string {
  const { version } = JSON.parse(readFileSync(here('node_modules/msw2/package.json'), 'utf8')) as { version: string }
  const script = join(dir, 'mockServiceWorker.js')
  if (existsSync(script) && readFileSync(script, 'utf8').includes(`const PACKAGE_VERSION = '${version}'`)) return dir
  const run = spawnSync(process.execPath, [here('node_modules/msw2/cli/index.js'), 'init', dir, '--no-save'], {
    cwd: here('.'),
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`[vitest.browser.config] msw2 init ${dir} failed:\n${run.stdout}${run.stderr}`)
  return dir
}

const aliasSource = [
  { find: /^cognito-device-mock\/browser$/, replacement: here('src/browser.ts') },
  { find: /^cognito-device-mock$/, replacement: here('src/index.ts') },
]

const msw2Alias = [
  // Exact-match patterns: `msw` must not swallow `msw2` nor `msw/vite`.
  { find: /^msw$/, replacement: 'msw2' },
  { find: /^msw\/browser$/, replacement: 'msw2/browser' },
  { find: /^msw\/package\.json$/, replacement: here('node_modules/msw2/package.json') },
]

const provider = playwright({ launchOptions: chromiumLaunchOptions() })

/** A fresh object per project: Vitest writes into `instances`, so two projects must not share one. */
const browser = () => ({
  enabled: true,
  headless: true,
  provider,
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
})

/** What the tests and the library import from node_modules, pre-bundled before the first test runs. */
const dependencies = (msw: string) => [
  msw,
  `${msw}/browser`,
  '@aws-sdk/client-cognito-identity-provider',
  'aws-amplify',
  'aws-amplify/auth',
  '@faker-js/faker',
  '@faker-js/faker/locale/base',
  'jose',
  'otpauth',
  'zod/mini',
]

export default defineConfig({
  test: {
    include: ['test-browser/**/*.test.ts'],
    // Starting a worker, deriving a pool's RSA key and an SRP sign-in take a few seconds on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        plugins: [msw({ mode: 'worker-only' })],
        resolve: { alias: aliasSource },
        optimizeDeps: { include: dependencies('msw') },
        test: { name: 'browser-msw3', browser: browser(), provide: { mswMajor: 3 } },
      },
      {
        extends: true,
        publicDir: msw2WorkerDirectory(here('.tmp/vitest-browser/msw2')),
        resolve: { alias: [...aliasSource, ...msw2Alias] },
        optimizeDeps: { include: dependencies('msw2') },
        test: { name: 'browser-msw2', browser: browser(), provide: { mswMajor: 2 } },
      },
    ],
  },
})
