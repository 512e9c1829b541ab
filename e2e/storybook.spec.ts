/**
 * The built Storybook (`npm run build-storybook`, served by `npm run serve:static -- storybook-static 6006`):
 * every story of index.json renders without console errors and, for the preset stories, shows the screen its
 * preset asks for; the docs pages render many worlds at once, each in its own state (the isolation
 * cognito-device-mock/storybook exists for; decisions/0009-storybook-isolation.md).
 *
 * URLs are absolute (http://127.0.0.1:6006), independent of the config's baseURL, so this file runs as a
 * project of its own next to the demo app's specs.
 */
import { expect, test, type ConsoleMessage, type Locator, type Page } from '@playwright/test'
import { presets } from '../src/index.ts'
import { lifecyclePresets } from '../src/scenarios/presets-lifecycle.ts'
import { keepOffNetwork } from './support/app.ts'

const ORIGIN = 'http://127.0.0.1:6006'
const PRESETS = 'demo-devices-mock-presets'
const RULES = 'demo-devices-mock-rules'
const FIXTURES = 'demo-devicelist'
const MFA = 'demo-amplify-sign-in-mfa'
const SIGNED_IN = 'demo-amplify-sign-in-signed-in'

interface IndexEntry {
  id: string
  title: string
  name: string
  type: 'story' | 'docs'
  tags?: string[]
}

/** What a story's list shows once settled: its `data-state`, a test id inside it, and attributes of that element. */
interface Screen {
  state: 'loading' | 'ready' | 'empty' | 'error'
  testId: string
  attributes?: Record<string, string>
}

/**
 * Presets about signing in (MFA, a new password) and the lifecycle's (sign-up, codes, resets): the device list
 * (signed in with tokens.issue) does not show them, so they have no Presets story; the Amplify MFA stories
 * (`mfaScreens` below) and the Authenticator stories render their screens.
 */
const signInPresets: string[] = [
  'mfa-totp', 'mfa-sms', 'mfa-email', 'mfa-select', 'mfa-setup-required', 'mfa-remembered-devices-ignored', 'new-password-required',
  'mfa-code-mismatch', 'mfa-code-expired', 'mfa-code-reused', 'mfa-too-many-attempts', 'mfa-setup-code-mismatch', 'code-delivery-failure',
  ...lifecyclePresets.map((preset) => preset.name),
]

/** The screen of each preset, as src/scenarios/presets.ts (`ui`) and e2e/app/README.md describe it. */
const presetScreens: Record<string, Screen | 'settled'> = {
  'happy-path': { state: 'ready', testId: 'device-list' },
  'no-devices': { state: 'empty', testId: 'empty-state' },
  'many-devices': { state: 'ready', testId: 'load-more' },
  throttled: { state: 'error', testId: 'error-throttled' },
  'throttled-then-ok': { state: 'ready', testId: 'device-list' },
  'access-token-expired': { state: 'error', testId: 'error-session', attributes: { 'data-reason': 'expired' } },
  'token-revoked': { state: 'error', testId: 'error-session', attributes: { 'data-reason': 'revoked' } },
  'missing-scope': { state: 'error', testId: 'error-session', attributes: { 'data-reason': 'missing-scope' } },
  'device-not-found': { state: 'ready', testId: 'device-list' },
  'internal-error': { state: 'error', testId: 'error-internal' },
  'waf-blocked': { state: 'error', testId: 'error-blocked' },
  'password-reset-required': { state: 'error', testId: 'error-password-reset' },
  'user-not-confirmed': { state: 'error', testId: 'error-not-confirmed' },
  'user-pool-misconfigured': { state: 'error', testId: 'error-config' },
  'slow-network': { state: 'ready', testId: 'device-list' },
  offline: { state: 'error', testId: 'error-offline' },
  // Seeded failures: the outcome depends on the seed's draws; whatever it is, it must settle on a screen.
  flaky: 'settled',
}

/**
 * The Amplify MFA stories (e2e/app/src/stories/AmplifyMfa.stories.tsx): each play function signs in for real
 * against the story's mock and ends on one screen: a `data-step` of `mfa-step`, or a test id, with attributes.
 */
const mfaScreens: Record<string, { step?: string; testId?: string; attributes?: Record<string, string> }> = {
  'totp-code': { step: 'totp-code' },
  'sms-code': { step: 'sms-code' },
  'email-code': { step: 'email-code' },
  selection: { step: 'select' },
  'totp-setup': { step: 'totp-setup' },
  'new-password-required': { step: 'new-password' },
  'remember-device': { testId: 'remember-prompt' },
  'wrong-code': { step: 'totp-code', testId: 'signin-error', attributes: { 'data-kind': 'wrong-code', 'data-error-name': 'CodeMismatchException' } },
  'expired-session': { testId: 'session-expired', attributes: { 'data-error-name': 'NotAuthorizedException' } },
}

/** The presentational stories (fixtures, no network): the state each one's props make. */
function fixtureState(name: string): Screen['state'] {
  if (name === 'loading') return 'loading'
  if (name === 'empty') return 'empty'
  const errors = ['throttled', 'session-expired', 'session-revoked', 'missing-scope', 'offline', 'blocked', 'internal', 'password-reset', 'not-confirmed', 'misconfigured', 'unknown']
  return errors.includes(name) ? 'error' : 'ready'
}

const storyName = (id: string) => id.slice(id.indexOf('--') + 2)

async function storyIndex(page: Page): Promise<IndexEntry[]> {
  const response = await page.request.get(`${ORIGIN}/index.json`)
  expect(response.ok(), `${ORIGIN}/index.json`).toBe(true)
  const { entries } = (await response.json()) as { entries: Record<string, IndexEntry> }
  return Object.values(entries)
}

/**
 * Console errors and uncaught exceptions of a page. Chromium logs "Failed to load resource" for every 4xx/5xx
 * answer and network error, including the ones the mock gives on purpose (throttled, offline, …): those are
 * the browser's network log, not errors of the page, and are dropped when they come from a story endpoint.
 */
function watchConsole(page: Page): { take(): string[] } {
  let problems: string[] = []
  const deliberate = (message: ConsoleMessage) =>
    message.text().startsWith('Failed to load resource') && /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/__story\//.test(message.location().url)
  page.on('console', (message) => {
    if (message.type() === 'error' && !deliberate(message)) problems.push(`console.error: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => {
    // msw's worker.start() calls registration.update() without awaiting it (mswjs/msw#2006); when the page is
    // navigated to the next story meanwhile, Chromium rejects that update ("Not found") as unhandled. The
    // worker is running (a missing worker fails start() and the story loudly); that rejection is noise.
    if (/^Failed to update a ServiceWorker for scope \('[^']*'\) with script \('[^']*\/mockServiceWorker\.js'\)/.test(error.message)) return
    problems.push(`uncaught: ${error.message}`)
  })
  return {
    take() {
      const taken = problems
      problems = []
      return taken
    },
  }
}

/** Waits until Storybook has finished the story (loaders, render, play function) and shows no error overlay. */
async function storyFinished(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (storyId) => {
      const render = (window as { __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string; story?: { id: string } } } }).__STORYBOOK_PREVIEW__?.currentRender
      return render?.story?.id === storyId && render.phase === 'finished'
    },
    id,
    { timeout: 30_000 },
  )
  await expect(page.locator('body'), `${id} shows Storybook's error overlay`).not.toHaveClass(/sb-show-errordisplay/)
}

/** What `recordLoading` saw of one story's device list: each `data-state` it took, in order, and the skeleton. */
interface LoadingRecord {
  states: string[]
  skeletonShown: boolean
}

/**
 * From now on, in every document `page` loads for the slow-network story, records the device list's states and
 * whether its loading skeleton (`devices-loading`) was shown, as they happen (a MutationObserver), into
 * `window.__loadingRecord`. The loading state lasts one 2.5 s latency timer from the first call, which a live
 * `toBeVisible()` can miss on a loaded machine (the story may finish rendering late); the record cannot.
 */
async function recordLoading(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (!new URLSearchParams(location.search).get('id')?.endsWith('--slow-network')) return
    const record: LoadingRecord = { states: [], skeletonShown: false }
    ;(window as { __loadingRecord?: LoadingRecord }).__loadingRecord = record
    new MutationObserver(() => {
      const devices = document.querySelector('#storybook-root [data-testid="devices"]')
      const state = devices?.getAttribute('data-state')
      if (state && record.states.at(-1) !== state) record.states.push(state)
      if (devices?.querySelector('[data-testid="devices-loading"]')?.checkVisibility()) record.skeletonShown = true
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] })
  })
}

/** The list's settled screen inside `scope`: waits out the loading state unless loading is what is expected. */
async function expectScreen(scope: Locator, screen: Screen | 'settled', label: string): Promise<void> {
  const devices = scope.getByTestId('devices')
  await expect(devices, label).toHaveCount(1)
  if (screen === 'settled') {
    await expect(devices, label).toHaveAttribute('data-state', /^(ready|empty|error)$/, { timeout: 30_000 })
    return
  }
  await expect(devices, label).toHaveAttribute('data-state', screen.state, { timeout: 30_000 })
  const element = devices.getByTestId(screen.testId)
  await expect(element, label).toBeVisible()
  for (const [name, value] of Object.entries(screen.attributes ?? {})) await expect(element, label).toHaveAttribute(name, value)
}

test.describe.configure({ mode: 'parallel' })

test('index.json has a story for every preset, and a docs page for the presets', async ({ page }) => {
  const entries = await storyIndex(page)
  const presetStories = entries.filter((e) => e.type === 'story' && e.id.startsWith(`${PRESETS}--`)).map((e) => storyName(e.id))
  const devicePresets = presets.map((p) => p.name).filter((name) => !signInPresets.includes(name))
  expect(presetStories.sort()).toEqual(devicePresets.sort())
  expect(Object.keys(presetScreens).sort()).toEqual(devicePresets.sort())
  expect(signInPresets.filter((name) => !presets.some((p) => p.name === name)), 'signInPresets names presets that exist').toEqual([])
  expect(entries.map((e) => e.id)).toEqual(expect.arrayContaining([`${PRESETS}--docs`, `${RULES}--docs`, `${FIXTURES}--docs`]))
  expect(entries.filter((e) => e.id.startsWith(`${RULES}--`) && e.type === 'story').length).toBeGreaterThanOrEqual(3)
  const mfaStories = entries.filter((e) => e.type === 'story' && e.id.startsWith(`${MFA}--`)).map((e) => storyName(e.id))
  expect(mfaStories.sort()).toEqual(Object.keys(mfaScreens).sort())
})

/** The stories are split into parts run in parallel; each part opens its stories one after the other. */
const PARTS = 4
for (let part = 0; part < PARTS; part++) {
  test(`every story renders, settles and logs no error (part ${part + 1} of ${PARTS})`, async ({ page }) => {
    test.setTimeout(240_000)
    const console = watchConsole(page)
    const stories = (await storyIndex(page)).filter((e) => e.type === 'story').filter((_, i) => i % PARTS === part)
    expect(stories.length).toBeGreaterThan(0)
    await recordLoading(page)
    for (const story of stories) {
      await test.step(story.id, async () => {
        await page.goto(`${ORIGIN}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`)
        await storyFinished(page, story.id)
        const root = page.locator('#storybook-root')
        const name = storyName(story.id)
        if (story.id.startsWith(`${PRESETS}--`)) {
          await expectScreen(root, presetScreens[name]!, story.id)
          if (name === 'slow-network') {
            const record = await page.evaluate(() => (window as { __loadingRecord?: LoadingRecord }).__loadingRecord)
            expect(record, 'slow-network shows its loading state first, then its devices').toEqual({ states: ['loading', 'ready'], skeletonShown: true })
          }
          await expect(root.getByTestId('story-scenario')).toHaveText(name)
        } else if (story.id.startsWith(`${MFA}--`)) {
          const screen = mfaScreens[name]
          expect(screen, `${story.id} has an expected screen in mfaScreens`).toBeDefined()
          if (screen!.step) await expect(root.getByTestId('mfa-step'), story.id).toHaveAttribute('data-step', screen!.step)
          if (screen!.testId) {
            const element = root.getByTestId(screen!.testId)
            await expect(element, story.id).toBeVisible()
            for (const [attribute, value] of Object.entries(screen!.attributes ?? {})) await expect(element, story.id).toHaveAttribute(attribute, value)
          }
          await expect(root.getByTestId('pool-id'), story.id).toBeVisible()
        } else if (story.id.startsWith(`${SIGNED_IN}--`)) {
          // signedInAs: the page renders signed in (the play function checks there was no sign-in call).
          await expect(root.getByTestId('username'), story.id).toBeVisible()
          await expect(root.getByTestId('amplify-device').first(), story.id).toBeVisible()
        } else if (story.id.startsWith(`${AUTHENTICATOR}--`)) {
          // The Authenticator's screens (authenticatorScreens, at the end of this file): no device list there.
          await expectAuthenticatorScreen(root, name, story.id)
        } else if (story.id.startsWith(`${FIXTURES}--`)) {
          await expect(root.getByTestId('devices'), story.id).toHaveAttribute('data-state', fixtureState(name))
        } else {
          await expect(root.getByTestId('devices'), story.id).toHaveAttribute('data-state', /^(ready|empty|error)$/, { timeout: 30_000 })
        }
        expect(console.take(), `console of ${story.id}`).toEqual([])
      })
    }
  })
}

test('the presets docs page renders every preset at once, each in its own world', async ({ page }) => {
  test.setTimeout(120_000)
  const console = watchConsole(page)
  await page.goto(`${ORIGIN}/iframe.html?id=${PRESETS}--docs&viewMode=docs`)
  const lists = page.locator('#storybook-docs [data-testid="devices"]')
  // The primary story (happy-path) is shown twice: at the top and in the list of stories.
  const devicePresets = presets.filter((p) => !signInPresets.includes(p.name))
  await expect(lists).toHaveCount(devicePresets.length + 1, { timeout: 60_000 })
  await expect(page.locator('#storybook-docs [data-testid="devices"][data-state="loading"]')).toHaveCount(0, { timeout: 60_000 })

  for (const { name } of devicePresets) {
    const block = page.locator(`[id="anchor--${PRESETS}--${name}"]`)
    await expectScreen(block, presetScreens[name]!, `docs: ${name}`)
    await expect(block.getByTestId('story-scenario'), `docs: ${name}`).toHaveText(name)
  }
  const primary = page.locator(`[id="anchor--primary--${PRESETS}--happy-path"]`)
  await expectScreen(primary, presetScreens['happy-path']!, 'docs: primary')

  // One endpoint, hence one mock, per rendered story, the two copies of the primary story included.
  const endpoints = await page.locator('#storybook-docs [data-testid="story-frame"]').evaluateAll((frames) => frames.map((f) => f.getAttribute('data-endpoint')))
  expect(new Set(endpoints).size).toBe(devicePresets.length + 1)

  // State: forgetting a device in one story leaves the same seeded device in every other story.
  const happy = page.locator(`[id="anchor--${PRESETS}--happy-path"]`)
  const first = happy.getByTestId('device-item').first()
  const key = (await first.getAttribute('data-device-key'))!
  await first.getByTestId('device-forget').click()
  await expect(happy.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
  await expect(happy.locator(`[data-device-key="${key}"]`)).toHaveCount(0)
  for (const other of [primary, page.locator(`[id="anchor--${PRESETS}--device-not-found"]`), page.locator(`[id="anchor--${PRESETS}--slow-network"]`)]) {
    await other.getByTestId('refresh').click()
    await expect(other.getByTestId('devices')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 })
    await expect(other.locator(`[data-testid="device-item"][data-device-key="${key}"]`)).toHaveCount(1)
  }
  // Rules: the throttled story is still throttled, and its neighbour still answered.
  const throttled = page.locator(`[id="anchor--${PRESETS}--throttled"]`)
  await throttled.getByTestId('refresh').click()
  await expectScreen(throttled, presetScreens.throttled!, 'docs: throttled after refresh')
  await expectScreen(page.locator(`[id="anchor--${PRESETS}--throttled-then-ok"]`), presetScreens['throttled-then-ok']!, 'docs: throttled-then-ok')

  expect(console.take()).toEqual([])
})

test('the rules docs page counts each story’s sequence on its own', async ({ page }) => {
  test.setTimeout(120_000)
  const console = watchConsole(page)
  await page.goto(`${ORIGIN}/iframe.html?id=${RULES}--docs&viewMode=docs`)
  await expect(page.locator('#storybook-docs [data-testid="devices"]').first()).toBeVisible({ timeout: 60_000 })
  await expect(page.locator('#storybook-docs [data-testid="devices"][data-state="loading"]')).toHaveCount(0, { timeout: 60_000 })
  // The same rule (throttle ListDevices twice, then answer) in two stories on one page: with retries the
  // list loads after two throttled calls; without, the first call's throttling shows. Neither saw the other's calls.
  const withRetries = page.locator(`[id="anchor--${RULES}--throttle-twice-then-succeed"]`)
  await expect(withRetries.getByTestId('devices')).toHaveAttribute('data-state', 'ready')
  await expect(withRetries.getByTestId('story-request')).toHaveCount(3)
  const withoutRetries = page.locator(`[id="anchor--${RULES}--throttle-twice-without-retries"]`)
  await expect(withoutRetries.getByTestId('error-throttled')).toBeVisible()
  await expect(withoutRetries.getByTestId('story-request')).toHaveCount(1)
  expect(console.take()).toEqual([])
})

test('switching stories in one preview starts each story from its own world, and ends the last one', async ({ page }) => {
  test.setTimeout(120_000)
  const console = watchConsole(page)
  const select = async (storyId: string) => {
    await page.evaluate((id) => {
      const channel = (window as { __STORYBOOK_ADDONS_CHANNEL__?: { emit(event: string, payload: unknown): void } }).__STORYBOOK_ADDONS_CHANNEL__
      channel!.emit('setCurrentStory', { storyId: id, viewMode: 'story' })
    }, storyId)
    await storyFinished(page, storyId)
  }
  const root = page.locator('#storybook-root')
  const endpoint = () => root.getByTestId('story-frame').getAttribute('data-endpoint')

  await page.goto(`${ORIGIN}/iframe.html?id=${PRESETS}--happy-path&viewMode=story`)
  await storyFinished(page, `${PRESETS}--happy-path`)
  await expectScreen(root, presetScreens['happy-path']!, 'happy-path')
  const first = root.getByTestId('device-item').first()
  const key = (await first.getAttribute('data-device-key'))!
  await first.getByTestId('device-forget').click()
  await expect(root.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
  const ended = (await endpoint())!

  await select(`${PRESETS}--throttled`)
  await expectScreen(root, presetScreens.throttled!, 'throttled after happy-path')

  // The happy-path render has ended: its endpoint is refused, never answered by the throttled story's mock.
  const late = await page.evaluate(async (url) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      body: '{}',
    })
    return { status: response.status, type: ((await response.json()) as { __type?: string }).__type }
  }, ended)
  expect(late).toEqual({ status: 404, type: 'CognitoDeviceMock#NoStoryMock' })

  await select(`${PRESETS}--happy-path`)
  await expectScreen(root, presetScreens['happy-path']!, 'happy-path again')
  expect(await endpoint()).not.toBe(ended)
  await expect(root.locator(`[data-testid="device-item"][data-device-key="${key}"]`), 'the forgotten device is back: a fresh world').toHaveCount(1)
  expect(console.take()).toEqual([])
})

test('signedInAs renders the page signed in, and the session leaves storage with the render', async ({ page }) => {
  test.setTimeout(120_000)
  const console = watchConsole(page)
  const root = page.locator('#storybook-root')
  const sessionKeys = () => page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('CognitoIdentityServiceProvider.')))
  await page.goto(`${ORIGIN}/iframe.html?id=${SIGNED_IN}--on-remembered-device&viewMode=story`)
  await storyFinished(page, `${SIGNED_IN}--on-remembered-device`)
  await expect(root.getByTestId('username')).toBeVisible()
  await expect(root.getByTestId('current-device-state')).toHaveText('remembered')
  await expect(root.getByRole('heading', { name: 'Sign in', exact: true })).toHaveCount(0)
  // LastAuthUser, the tokens, the device's three keys, signInDetails and clockDrift.
  expect((await sessionKeys()).length).toBe(9)

  await page.evaluate((id) => {
    const channel = (window as { __STORYBOOK_ADDONS_CHANNEL__?: { emit(event: string, payload: unknown): void } }).__STORYBOOK_ADDONS_CHANNEL__
    channel!.emit('setCurrentStory', { storyId: id, viewMode: 'story' })
  }, `${PRESETS}--happy-path`)
  await storyFinished(page, `${PRESETS}--happy-path`)
  // The ended render's cleanup removed what its signedInAs wrote (Amplify's sign-out would keep the device keys).
  expect(await sessionKeys()).toEqual([])
  expect(console.take()).toEqual([])
})

// ---------------------------------------------------------------------------------------------------
// Amplify UI's <Authenticator> (e2e/app/src/stories/Authenticator.stories.tsx)
// ---------------------------------------------------------------------------------------------------

const AUTHENTICATOR = 'demo-authenticator'

/** Where an Authenticator story ends: its tab or heading, what only that screen has, and what the mock answered. */
interface AuthenticatorScreen {
  /** The selected tab (the Sign In and Create Account screens have no heading). */
  tab?: 'Sign In' | 'Create Account'
  /** The screen's heading. */
  heading?: string
  /** A button or field label that tells the screen apart from another with the same heading. */
  button?: string
  label?: string
  /** The Authenticator's error alert. */
  alert?: string
  /** The demo's signed-in page: this address in the header, the device list loaded. */
  signedInAs?: string
  /** The Cognito operations the story's mock answered, in order (challenges as `Respond:NAME`). */
  operations: string[]
}

const SIGN_IN = ['InitiateAuth', 'Respond:PASSWORD_VERIFIER']

/** Each story's screen, as its JSDoc says. */
const authenticatorScreens: Record<string, AuthenticatorScreen> = {
  'sign-in': { tab: 'Sign In', button: 'Forgot your password?', operations: [] },
  'create-account': { tab: 'Create Account', label: 'Confirm Password', operations: [] },
  'confirm-sign-up': { heading: 'We Emailed You', label: 'Confirmation Code', operations: ['SignUp'] },
  'signed-in-after-confirming': {
    signedInAs: 'ada.lovelace@example.com',
    operations: ['SignUp', 'ConfirmSignUp', ...SIGN_IN, 'ConfirmDevice', 'GetUser', 'ListDevices'],
  },
  'forgot-password': { heading: 'Reset Password', button: 'Send code', operations: [] },
  'confirm-reset-password': { heading: 'Reset Password', button: 'Resend Code', label: 'New Password', operations: ['ForgotPassword'] },
  'force-new-password': { heading: 'Change Password', operations: SIGN_IN },
  'verify-contact': { heading: 'Account recovery requires verified contact information', button: 'Skip', operations: [...SIGN_IN, 'ConfirmDevice', 'GetUser'] },
  'username-taken': { tab: 'Create Account', alert: 'User already exists', operations: ['SignUp'] },
  'code-mismatch': { heading: 'We Emailed You', alert: 'Invalid verification code provided, please try again.', operations: ['SignUp', 'ConfirmSignUp'] },
  'code-expired': {
    heading: 'Reset Password',
    button: 'Resend Code',
    alert: 'Invalid code provided, please request a code again.',
    operations: ['ForgotPassword', 'ConfirmForgotPassword'],
  },
  // Amplify's retry decider counts LimitExceededException as throttling: three attempts, then the error.
  'attempt-limit-exceeded': {
    heading: 'Reset Password',
    button: 'Send code',
    alert: 'Attempt limit exceeded, please try after some time.',
    operations: ['ForgotPassword', 'ForgotPassword', 'ForgotPassword'],
  },
  'forgot-password-no-channel': {
    heading: 'Reset Password',
    button: 'Send code',
    alert: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    operations: ['ForgotPassword'],
  },
}

/** The Authenticator story `name` shows its screen inside `root` (the story's canvas). */
async function expectAuthenticatorScreen(root: Locator, name: string, label: string): Promise<void> {
  const screen = authenticatorScreens[name]
  expect(screen, `${label} has an expected screen in authenticatorScreens`).toBeDefined()
  if (screen!.tab) await expect(root.getByRole('tab', { name: screen!.tab }), label).toHaveAttribute('aria-selected', 'true')
  if (screen!.heading) await expect(root.getByRole('heading', { name: screen!.heading }), label).toBeVisible()
  if (screen!.button) await expect(root.getByRole('button', { name: screen!.button, exact: true }), label).toBeVisible()
  if (screen!.label) await expect(root.getByLabel(screen!.label, { exact: true }), label).toBeVisible()
  if (screen!.alert) await expect(root.getByRole('alert'), label).toHaveText(screen!.alert)
  else await expect(root.getByRole('alert'), `${label} shows no error`).toHaveCount(0)
  if (screen!.signedInAs) {
    await expect(root.getByTestId('username'), label).toHaveText(screen!.signedInAs)
    await expect(root.getByTestId('amplify-devices'), label).toHaveAttribute('data-state', 'ready')
  } else {
    await expect(root.getByTestId('pool-id'), label).toBeVisible()
  }
}

test('index.json has a story for every Authenticator screen', async ({ page }) => {
  const names = (await storyIndex(page)).filter((e) => e.type === 'story' && e.id.startsWith(`${AUTHENTICATOR}--`)).map((e) => storyName(e.id))
  expect(names.sort()).toEqual(Object.keys(authenticatorScreens).sort())
  // Amplify is one per page: no docs page would render them side by side.
  expect((await storyIndex(page)).some((e) => e.id === `${AUTHENTICATOR}--docs`)).toBe(false)
})

for (const [name, screen] of Object.entries(authenticatorScreens)) {
  test(`Authenticator › ${name} ends on its screen, answered by its own mock, nothing leaving the page`, async ({ page, context }) => {
    test.setTimeout(90_000)
    const network = await keepOffNetwork(context, ORIGIN)
    const console = watchConsole(page)
    const id = `${AUTHENTICATOR}--${name}`
    await page.goto(`${ORIGIN}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`)
    await storyFinished(page, id)
    await expectAuthenticatorScreen(page.locator('#storybook-root'), name, id)
    expect(network.operations, `${id}: what the story's mock answered`).toEqual(screen.operations)
    expect(network.escaped, `${id}: requests that left the page`).toEqual([])
    expect(console.take(), `console of ${id}`).toEqual([])
  })
}
