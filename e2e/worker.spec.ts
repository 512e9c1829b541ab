/**
 * The service worker the demo serves matches the msw the app bundles (no integrity/version warning), and
 * the happy path keeps the console clean. A planted msw 2.15 worker proves the check can fail.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { expect, test } from '../src/playwright.ts'
import { DEMO, expectState, loadEverything, watchConsole, WORKER_MISMATCH } from './support/app.ts'

const require = createRequire(import.meta.url)
/** An installed msw package (`msw` is 3.x, `msw2` is the 2.15 alias of the test matrix). */
function mswPackage(name: 'msw' | 'msw2') {
  const manifest = require.resolve(`${name}/package.json`)
  const root = dirname(manifest)
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
  return { root, version, worker: readFileSync(join(root, 'lib', 'mockServiceWorker.js'), 'utf8') }
}

const workerVersion = (source: string) => /const PACKAGE_VERSION = '([^']+)'/.exec(source)?.[1]
const workerChecksum = (source: string) => /const INTEGRITY_CHECKSUM = '([0-9a-f]+)'/.exec(source)?.[1]

test.use({ cognitoSeed: DEMO.seed })

test('the served mockServiceWorker.js is the installed msw\'s, with the checksum its client expects', async ({ request }) => {
  const msw = mswPackage('msw')
  const served = await (await request.get('/mockServiceWorker.js')).text()
  expect(workerVersion(served)).toBe(msw.version)
  // The client checks the worker's checksum against the one compiled into msw/browser.
  const client = readFileSync(join(msw.root, 'lib', 'browser', 'index.js'), 'utf8')
  const expected = /checksum !== "([0-9a-f]{32})"/.exec(client)?.[1]
  expect(expected, 'msw/browser still compares the worker checksum').toBeDefined()
  expect(workerChecksum(served)).toBe(expected)
})

test('no worker integrity warning and no console error through a whole session', async ({ page, cognito }) => {
  const console = watchConsole(page)
  await cognito.goto('/')
  await expectState(page, 'ready')
  await loadEverything(page)
  const [first, second] = await page.getByTestId('device-item').all()
  await second!.getByTestId('device-unremember').click()
  await page.getByTestId('notice-undo').click()
  await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'restored')
  await first!.getByTestId('device-forget').click()
  await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
  await page.reload()
  await cognito.ready()
  await expectState(page, 'ready')

  expect(console.messages.filter((m) => WORKER_MISMATCH.test(m.text))).toEqual([])
  expect(console.problems()).toEqual([])
})

test('the check catches a stale worker: an msw 2.15 mockServiceWorker.js raises the warning', async ({ page, context, cognito }) => {
  const stale = mswPackage('msw2')
  expect(stale.version).not.toBe(mswPackage('msw').version)
  // The worker script is fetched by the browser for the context, not by the page: route it there.
  await context.route('**/mockServiceWorker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: stale.worker }))
  const console = watchConsole(page)
  await cognito.goto('/')
  await expect.poll(() => console.messages.filter((m) => WORKER_MISMATCH.test(m.text)).length).toBeGreaterThan(0)
  const warning = console.messages.find((m) => WORKER_MISMATCH.test(m.text))!
  expect(warning.type).toBe('warning')
  expect(warning.text).toContain(`different version of MSW (${stale.version})`)
  expect(console.problems()).toContainEqual(expect.stringMatching(WORKER_MISMATCH))
})
