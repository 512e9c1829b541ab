/**
 * Time to a signed-in page (issue: "time to a signed-in page, injected against a real sign-in, as a ratio").
 * Prints figures and writes them to bench/results-signed-in.json; never a pass/fail test.
 *
 *   npm run bench                        # …, then this file
 *   node bench/signed-in.ts              # builds the demo into .tmp/bench-signed-in/dist first
 *   node bench/signed-in.ts --no-build   # serves e2e/app/dist as it is (`npm run build:demo`)
 *   node bench/signed-in.ts --runs=4     # timed runs per variant (default 8)
 *
 * The demo app's Amplify v6 journey (`/?signin=amplify`), production build, served on 127.0.0.1, in Debian's
 * Chromium. Both variants start the page's mock with seed 42 and the demo's world WITHOUT its MFA
 * (`{ devicesPerUser: { min: 20, max: 32 } }`, through localStorage["cognito-device-mock"], which replaces the
 * app's world), so a real sign-in is only SRP: InitiateAuth, PASSWORD_VERIFIER, then ConfirmDevice.
 *
 * - injected: an init script adds `signIn: [{ username, device: 'remembered', storage: 'sessionStorage' }]`
 *   to the entry; the page's mock signs in at start-up, writes Amplify's session, the app resumes it.
 * - real: the page opens on the sign-in form; Playwright fills Username and Password (read from the page's
 *   mock in a probe run beforehand: same seed, same password) and clicks "Sign in"; Amplify runs SRP.
 *
 * Each run is a fresh browser context (a fresh service worker registration, empty storage and cache), the
 * variants alternating, after one discarded warm-up of each. Measured, from just before `page.goto`, in Node
 * (`performance.now`, ends when Playwright sees the element visible): the signed-in user (`username`) and the
 * first row of the device list (`amplify-device`; in the real variant after "Not now" at "Remember this
 * device?", which makes no call). In the page (a MutationObserver, ms since navigation start, when the element
 * enters the DOM): the same, the sign-in form, the form's submit; "SRP" is submit → username in the page.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const here = (path: string) => join(root, path)
const args = process.argv.slice(2)
const runs = Number(args.find((arg) => arg.startsWith('--runs='))?.slice(7) ?? 8)
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs=N: N must be a positive integer')

const SEED = 42
const WORLD = { devicesPerUser: { min: 20, max: 32 } }
const USERNAME = 'Olga.Jensen9' // DEMO.username (e2e/support/app.ts): the first user of the first pool with seed 42
const PATH = '/?signin=amplify'
const STORAGE_KEY = 'cognito-device-mock'
const TIMEOUT = 60_000

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
const stats = (values: number[]) => ({ median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.map((v) => round(v)) })

// --- The demo, built and served ---

/**
 * Builds the demo into .tmp/ rather than e2e/app/dist, which the e2e tests' preview server may be serving;
 * `--no-build` takes e2e/app/dist as it is.
 */
function demoDist(): string {
  if (args.includes('--no-build')) {
    const dist = here('e2e/app/dist')
    if (!existsSync(join(dist, 'index.html'))) throw new Error('bench/signed-in.ts: e2e/app/dist is missing; run `npm run build:demo` or drop --no-build.')
    return dist
  }
  const dist = here('.tmp/bench-signed-in/dist')
  const steps: [string, string[]][] = [
    [process.execPath, [here('scripts/msw-init.mjs')]],
    [process.execPath, [here('node_modules/vite/bin/vite.js'), 'build', '--config', 'e2e/app/vite.config.ts', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn']],
  ]
  for (const [command, commandArgs] of steps) {
    const result = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
    if (result.status !== 0) throw new Error(`bench/signed-in.ts: building the demo failed (${commandArgs.join(' ')})`)
  }
  return dist
}

const contentTypes: Record<string, string> = Object.fromEntries(
  Object.entries({ html: 'text/html', js: 'text/javascript', mjs: 'text/javascript', css: 'text/css', json: 'application/json', map: 'application/json' }).map(([e, t]) => [`.${e}`, `${t}; charset=utf-8`]),
)
Object.assign(contentTypes, { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2' })

/** A static server for the build on a free 127.0.0.1 port (a secure context, as service workers need); SPA fallback. */
async function serve(directory: string): Promise<{ server: Server; origin: string }> {
  const index = await readFile(join(directory, 'index.html'))
  const server = createServer(async (request, response) => {
    const path = normalize(join(directory, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)))
    if (path !== directory && !path.startsWith(directory + sep)) return void response.writeHead(403).end()
    const headers = (file: string) => ({ 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
    try {
      const body = await readFile(path)
      response.writeHead(200, headers(path)).end(body)
    } catch {
      if (extname(path) === '') response.writeHead(200, headers('index.html')).end(index)
      else response.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return { server, origin: `http://127.0.0.1:${address.port}` }
}

// --- One run ---

type Variant = 'injected' | 'real'
/** ms since navigation start, in the page, when each thing entered the DOM (or the form was submitted). */
interface PageMarks { form?: number; submit?: number; username?: number; device?: number }
interface Run { toUsername: number; toDevices: number; clickToUsername?: number; page: PageMarks }

/** Records PageMarks in `window.__benchMarks` from the first script on. */
function markScript() {
  const marks: Record<string, number> = {}
  ;(window as unknown as { __benchMarks: typeof marks }).__benchMarks = marks
  const seen = (name: string, selector: string) => {
    if (marks[name] === undefined && document.querySelector(selector)) marks[name] = performance.now()
  }
  new MutationObserver(() => {
    seen('form', '[data-testid="signin-form"]')
    seen('username', '[data-testid="username"]')
    seen('device', '[data-testid="amplify-device"]')
  }).observe(document, { childList: true, subtree: true })
  document.addEventListener('submit', () => void (marks.submit ??= performance.now()), true)
}

async function newPage(browser: Browser, variant: Variant): Promise<Page> {
  const context = await browser.newContext()
  const settings = {
    seed: SEED,
    world: WORLD,
    ...(variant === 'injected' ? { signIn: [{ username: USERNAME, device: 'remembered', storage: 'sessionStorage' }] } : {}),
  }
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [STORAGE_KEY, JSON.stringify(settings)] as const)
  await context.addInitScript(markScript)
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  page.on('pageerror', (error) => console.warn(`   [${variant}] page error: ${error.message}`))
  return page
}

async function once(browser: Browser, origin: string, variant: Variant, password: string): Promise<Run> {
  const page = await newPage(browser, variant)
  try {
    const start = performance.now()
    await page.goto(origin + PATH, { waitUntil: 'commit' })
    let clicked: number | undefined
    if (variant === 'real') {
      await page.getByLabel('Username').fill(USERNAME)
      await page.getByLabel('Password').fill(password)
      // Before the click: Playwright's click returns late while SRP keeps the page's main thread busy.
      clicked = performance.now()
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    }
    await page.getByTestId('username').waitFor()
    const toUsername = performance.now() - start
    if (variant === 'real') {
      // A new device: "Remember this device?" (no call either way), unless the pool remembers it by itself.
      await page.locator('[data-testid="remember-no"], [data-testid="amplify-device"]').first().waitFor()
      if (await page.getByTestId('remember-no').isVisible()) await page.getByTestId('remember-no').click()
    }
    await page.getByTestId('amplify-device').first().waitFor()
    const toDevices = performance.now() - start
    const name = await page.getByTestId('username').textContent()
    if (name !== USERNAME) throw new Error(`${variant}: signed in as ${name}, not ${USERNAME}`)
    const marks = await page.evaluate(() => (window as unknown as { __benchMarks: PageMarks }).__benchMarks)
    return { toUsername, toDevices, ...(clicked === undefined ? {} : { clickToUsername: toUsername - (clicked - start) }), page: marks }
  } finally {
    await page.context().close()
  }
}

/** The user's password from the page's mock (and a check that the user exists in this world). */
async function probe(browser: Browser, origin: string): Promise<string> {
  const page = await newPage(browser, 'real')
  try {
    await page.goto(origin + PATH)
    await page.getByTestId('signin-form').waitFor()
    return await page.evaluate(async (username) => {
      type Control = { state(method: string, ...args: unknown[]): Promise<unknown> }
      const control = (window as unknown as { __cognitoDeviceMock: Control }).__cognitoDeviceMock
      const [pool] = (await control.state('pools.list')) as { id: string }[]
      const users = (await control.state('users.list', pool!.id)) as { username: string }[]
      if (!users.some((u) => u.username === username)) throw new Error(`no user ${username} in this world (first: ${users[0]?.username})`)
      return ((await control.state('users.get', pool!.id, username)) as { password: string }).password
    }, USERNAME)
  } finally {
    await page.context().close()
  }
}

// --- Main ---

const dist = demoDist()
const load = [loadavg()[0]!]
const { server, origin } = await serve(dist)
const browser = await chromium.launch(chromiumLaunchOptions())
const chromiumVersion = browser.version()
const results: Record<Variant, Run[]> = { injected: [], real: [] }
try {
  const password = await probe(browser, origin)
  const variants: Variant[] = ['real', 'injected']
  for (const variant of variants) await once(browser, origin, variant, password) // warm-up, not counted
  for (let i = 0; i < runs; i++) {
    for (const variant of i % 2 ? [...variants].reverse() : variants) results[variant].push(await once(browser, origin, variant, password))
    process.stdout.write(`\r   run ${i + 1}/${runs}`)
  }
  process.stdout.write('\n')
} finally {
  await browser.close()
  server.close()
  load.push(loadavg()[0]!)
}

const pick = (variant: Variant, get: (run: Run) => number | undefined) => stats(results[variant].map(get).filter((v): v is number => v !== undefined))
const figures = {
  injected: {
    toUsernameMs: pick('injected', (r) => r.toUsername),
    toDevicesMs: pick('injected', (r) => r.toDevices),
    // The app renders its form while Amplify reads the stored session: the form is in the DOM for a moment.
    inPage: { formMs: pick('injected', (r) => r.page.form), usernameMs: pick('injected', (r) => r.page.username), deviceMs: pick('injected', (r) => r.page.device) },
  },
  real: {
    toUsernameMs: pick('real', (r) => r.toUsername),
    toDevicesMs: pick('real', (r) => r.toDevices),
    clickToUsernameMs: pick('real', (r) => r.clickToUsername),
    inPage: {
      formMs: pick('real', (r) => r.page.form),
      submitMs: pick('real', (r) => r.page.submit),
      usernameMs: pick('real', (r) => r.page.username),
      deviceMs: pick('real', (r) => r.page.device),
      srpMs: pick('real', (r) => (r.page.username ?? NaN) - (r.page.submit ?? NaN)),
    },
  },
}
const ratio = (get: (f: typeof figures.real | typeof figures.injected) => { median: number }) => round(get(figures.real).median / get(figures.injected).median, 2)
const ratios = {
  toUsername: ratio((f) => f.toUsernameMs),
  toDevices: ratio((f) => f.toDevicesMs),
  inPageUsername: ratio((f) => f.inPage.usernameMs),
  pairedToUsername: (() => {
    const each = results.real.map((r, i) => round(r.toUsername / results.injected[i]!.toUsername, 2))
    return { median: round(median(each), 2), min: Math.min(...each), max: Math.max(...each), runs: each }
  })(),
}

const ms = (s: { median: number; min: number; max: number }) => `${String(s.median).padStart(7)} ms  (${s.min}–${s.max})`
console.log(`\nTime to a signed-in page: demo ${PATH}, seed ${SEED}, ${USERNAME}, MFA off; Chromium ${chromiumVersion}; ${runs} runs each, medians (min–max)`)
console.log('  injected sign-in (cognito.signInAs at start-up, remembered device)')
console.log(`    goto → username visible                 ${ms(figures.injected.toUsernameMs)}`)
console.log(`    goto → first device row visible         ${ms(figures.injected.toDevicesMs)}`)
console.log(`    in the page: sign-in form in the DOM    ${ms(figures.injected.inPage.formMs)}   (until the stored session is read)`)
console.log(`    in the page: username in the DOM        ${ms(figures.injected.inPage.usernameMs)}`)
console.log('  real sign-in (form filled by Playwright, Amplify USER_SRP_AUTH)')
console.log(`    goto → username visible                 ${ms(figures.real.toUsernameMs)}`)
console.log(`    goto → first device row visible         ${ms(figures.real.toDevicesMs)}   (after "Not now")`)
console.log(`    in the page: sign-in form in the DOM    ${ms(figures.real.inPage.formMs)}`)
console.log(`    in the page: form submitted             ${ms(figures.real.inPage.submitMs)}`)
console.log(`    in the page: username in the DOM        ${ms(figures.real.inPage.usernameMs)}`)
console.log(`    SRP: submit → username (in the page)    ${ms(figures.real.inPage.srpMs)}`)
console.log(`    click → username visible (Node)         ${ms(figures.real.clickToUsernameMs)}`)
console.log(`  ratio real / injected (medians): to username ${ratios.toUsername}×, to the device list ${ratios.toDevices}×, in the page ${ratios.inPageUsername}×`)
console.log(`    per pair of runs, to username: median ${ratios.pairedToUsername.median}× (${ratios.pairedToUsername.min}–${ratios.pairedToUsername.max})`)
console.log(`    SRP is ${Math.round((100 * figures.real.inPage.srpMs.median) / figures.real.inPage.usernameMs.median)} % of the real variant's time to the username (in the page)`)

await writeFile(
  here('bench/results-signed-in.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, chromium: chromiumVersion, cpus: cpus().length, loadAverage: load, runs, seed: SEED, world: WORLD, username: USERNAME, path: PATH, figures, ratios }, null, 2)}\n`,
)
console.log(`  1-minute load average ${load.map((l) => round(l, 2)).join(' → ')} (start → end, on ${cpus().length} CPUs): absolute times follow it, the ratio less`)
console.log('  written to bench/results-signed-in.json')
