import { test as base, type BrowserContext, type Page } from '@playwright/test'
import type { CognitoMock, SignedInSession } from '../handle/types.ts'
import { signInAsInPage, signInAsRouted, type FixtureSignInOptions } from './playwright-sessions.ts'
import { fail } from '../lib/errors.ts'
import type { ScenarioInput, ScenarioOption } from '../scenarios/types.ts'
import { cognitoHostPattern, customEndpointPattern } from '../protocol/aws-json.ts'
import { CONTROL_KEYS, firstPoolId, type ScenarioControl, type StateArgs, type StateMethod, type StateResult } from '../handle/control.ts'
import type { OutboxFilter } from '../state/outbox.ts'
import type { OutboxMessage } from '../state/types.ts'
import type { RequestRecord } from '../scenarios/types.ts'
import type { Seed } from '../state/seed.ts'
import { checkWorld, type WorldOptions } from '../state/world-spec.ts'

// ---------------------------------------------------------------------------------------------------
// The fixture-less core: a page whose app runs the mock's service worker
// ---------------------------------------------------------------------------------------------------

/**
 * A world description that can go to the page: `WorldOptions` without its factories (`pool`, `user`, `device`),
 * since it crosses into the page as JSON. Dates become ISO strings on the way, which a world accepts as well.
 *
 * @example
 * const world: PageWorldOptions = { pools: [{ users: [{ username: 'ada', devices: [{ name: 'Ada’s MacBook', remembered: true }] }] }] }
 */
export type PageWorldOptions = Omit<WorldOptions, 'pool' | 'user' | 'device'>

export interface CognitoPageOptions {
  /** Seed of the page's mock (written to localStorage before the page loads). */
  seed?: Seed
  /**
   * The page's world (written to localStorage before the page loads): replaces the app's own `world` option,
   * as `seed` replaces its seed. Checked here, in Node, before the page loads.
   */
  world?: PageWorldOptions
  /** Scenario(s) active from the start: preset names or JSON scenarios/rules. */
  scenario?: ScenarioOption
  /** The window property the app exposes (`startCognitoWorker({ exposeOnWindow })`). */
  windowName?: string
  /** How long `ready()` waits for the app's worker (default 15 s). */
  timeout?: number
}

/**
 * The codes a test types in, read from the mock: the same calls on the worker fixture (`cognito` of `test`,
 * `attachCognito`) and in route mode (what `routeCognito` returns), so a test reads codes the same way in both.
 *
 * @example
 * await page.getByRole('button', { name: 'Sign in' }).click()
 * await expect(page.getByLabel('Code')).toBeVisible() // the code is in the outbox once the challenge is shown
 * await page.getByLabel('Code').fill(await cognito.lastCode({ username: 'ada', medium: 'SMS' }))
 */
export interface CognitoCodes {
  /**
   * The SMS and email messages sent so far, oldest first: `poolId`, `username` (case-insensitive), `medium`, `purpose` filter them.
   *
   * @example
   * expect(await cognito.outbox({ medium: 'EMAIL' })).toHaveLength(1)
   */
  outbox(filter?: OutboxFilter): Promise<OutboxMessage[]>
  /**
   * The newest matching message's code; rejects, saying what the outbox holds, when none matches.
   *
   * @example
   * await page.getByLabel('Code').fill(await cognito.lastCode({ username: 'ada' }))
   */
  lastCode(filter?: OutboxFilter): Promise<string>
  /**
   * The code the user's authenticator app shows now, on the mock's clock (`cognito.users.totpCode`); `poolId`
   * defaults to the mock's first pool.
   *
   * @example
   * await page.getByLabel('Authenticator code').fill(await cognito.totpCode('ada'))
   */
  totpCode(username: string, poolId?: string): Promise<string>
}

/** A test's handle on the mock inside the page: the same engine as `cognito.scenarios` in Node. */
export interface CognitoPage extends CognitoCodes {
  /** Navigates and waits until the page's mock answers (worker active, control surface exposed). */
  goto(url: string, options?: Parameters<Page['goto']>[1]): Promise<void>
  /** Waits until the page's mock is ready (after a navigation you made yourself). */
  ready(): Promise<void>
  use(scenario: ScenarioInput): Promise<void>
  /** No scenario at all (`cognito.scenarios.clear()` in Node); the state is kept. */
  clear(): Promise<void>
  /** Back to the initial scenario (`cognito.scenarios.reset()` in Node); the state is kept. */
  resetScenarios(): Promise<void>
  /** Back to the seeded world and the initial scenario, with an empty request log (`cognito.reset()`). */
  reset(): Promise<void>
  active(): Promise<ReturnType<ScenarioControl['active']>>
  presets(): Promise<ReturnType<ScenarioControl['presets']>>
  requests(): Promise<RequestRecord[]>
  clearRequests(): Promise<void>
  /**
   * Starts the app signed in as `username`, with no SRP: call it before `goto`, and the app's mock signs the user
   * in as it starts (`cognito.signInAs()`: tokens it accepts, and with `device` a device whose secret it keeps, so
   * the next real sign-in runs device SRP) and writes the session where the app's client reads it, before
   * `startCognitoWorker` resolves. `storage` is `'localStorage'` (the clients' default), `'sessionStorage'` or
   * `'cookie'` (Amplify's `ssr: true`); `poolId` defaults to the first pool. Called after the page has loaded,
   * it signs in at once and the app sees it at its next read or a reload.
   *
   * @example
   * await cognito.signInAs('ada', { device: 'remembered' })
   * await cognito.goto('/') // signed in: the app lists devices, no sign-in call in cognito.requests()
   */
  signInAs(username: string, options?: FixtureSignInOptions): Promise<void>
  /**
   * @deprecated The result typed by the caller and the arguments unchecked: drop the type argument,
   * `state('users.list', poolId)` is typed from the method's name. Kept for 0.x callers; removed in 1.0. Only
   * with a type argument: without one it wants eight arguments, which no state method takes, so a wrong
   * argument to the typed form stays an error, and (this overload first) the compiler's message is the typed form's.
   */
  state<T = never>(method: StateMethod, ...args: [T] extends [never] ? [never, never, never, never, never, never, never] : unknown[]): Promise<T>
  /**
   * A state method of the page's mock, typed by the handle's: the arguments are the method's ({@link StateArgs}), the
   * result its result as it crosses the page, JSON ({@link StateResult}: `undefined` is `null`).
   *
   * @example
   * const kiosk = await cognito.state('devices.create', poolId, 'ada', { name: 'Kiosk' }) // DeviceRecord
   * const pool = await cognito.state('pools.get', poolId) // UserPoolRecord | null
   */
  state<M extends StateMethod>(method: M, ...args: StateArgs<M>): Promise<StateResult<M>>
}

/**
 * `world` checked for the page, in Node, so that a test fails at once rather than the app at boot: factories
 * cannot cross into the page (JSON), and a bad description is named with `where` and the path to fix.
 */
function pageWorld(world: unknown, where: string): PageWorldOptions {
  const record = (typeof world === 'object' && world !== null ? world : {}) as Record<string, unknown>
  const factories = (['pool', 'user', 'device'] as const).filter((name) => typeof record[name] === 'function')
  if (factories.length > 0) {
    fail(
      `${where}: ${factories.map((name) => `world.${name}`).join(', ')} ${factories.length > 1 ? 'are factories' : 'is a factory'}, and ` +
        'factories only work where the mock is created: this world goes to the page as JSON. Describe the pools, users and ' +
        'devices instead, or create the mock with its factories in the test process (routeCognito(context, createCognitoMock({ world })) ' +
        'or the app\'s own startCognitoWorker({ world })).',
      TypeError,
    )
  }
  return checkWorld(world, where)
}

/**
 * Attaches to the mock that a page's app runs in its service worker. Call before navigating: the seed, world
 * and initial scenario are written to `localStorage` by an init script, so the app starts in that world.
 *
 * @example
 * const cognito = await attachCognito(page, { seed: 7, scenario: 'throttled' })
 * // or a world of the test's own, replacing the app's:
 * await attachCognito(page, { world: { pools: [{ users: [{ username: 'ada', devices: [{ name: 'Kiosk', remembered: true }] }] }] } })
 * await cognito.goto('/')
 * await cognito.use('offline')
 * expect((await cognito.requests()).at(-1)?.status).toBe(0)
 */
export async function attachCognito(page: Page, options: CognitoPageOptions = {}): Promise<CognitoPage> {
  const windowName = options.windowName ?? CONTROL_KEYS.windowName
  const timeout = options.timeout ?? 15_000
  const settings: { seed?: Seed; scenario?: unknown; world?: PageWorldOptions } = {}
  if (options.seed !== undefined) settings.seed = options.seed
  if (options.world !== undefined) settings.world = pageWorld(options.world, 'attachCognito(page, { world })')
  if (options.scenario !== undefined) settings.scenario = options.scenario
  if (Object.keys(settings).length > 0) {
    await page.addInitScript(
      ([key, value]) => {
        // Before the tab's first navigation to this origin only (init scripts run on every load): a reload
        // keeps what the app or the test stored since, e.g. a seed chosen in a dev panel.
        const marker = `${key}:attached`
        if (window.sessionStorage.getItem(marker) !== null) return
        window.sessionStorage.setItem(marker, '1')
        // Over what a storageState file put there (its sign-ins stay).
        let earlier: Record<string, unknown> = {}
        try {
          earlier = JSON.parse(window.localStorage.getItem(key) ?? '{}') as Record<string, unknown>
        } catch {
          // Not JSON: replaced.
        }
        window.localStorage.setItem(key, JSON.stringify({ ...earlier, ...(JSON.parse(value) as Record<string, unknown>) }))
      },
      [CONTROL_KEYS.storageKey, JSON.stringify(settings)] as const,
    )
  }

  const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    await ready()
    const result: unknown = await page.evaluate(
      async ([name, fn, values]) => {
        const control = (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[name]!
        return await control[fn]!(...values)
      },
      [windowName, method, args] as const,
    )
    // What the page's control returned, as JSON: its shape is the control method's, which the caller names.
    return result as T
  }

  async function ready(): Promise<void> {
    try {
      await page.waitForFunction((name) => name in window, windowName, { timeout })
    } catch {
      fail(
        `The page never exposed window.${windowName}. Start the worker with ` +
          '`startCognitoWorker({ exposeOnWindow: true })` and make sure mockServiceWorker.js is served (`npx msw init <public dir>`).',
      )
    }
  }

  return {
    async goto(url, gotoOptions) {
      await page.goto(url, gotoOptions)
      await ready()
    },
    ready,
    use: (scenario) => call('use', scenario),
    clear: () => call('clear'),
    resetScenarios: () => call('resetScenarios'),
    reset: () => call('reset'),
    active: () => call('active'),
    presets: () => call('presets'),
    requests: () => call('requests'),
    clearRequests: () => call('clearRequests'),
    // The page's control checks the method and runs it; its result's type is the control's (StateResult).
    state: ((method: StateMethod, ...args: unknown[]) => call('state', method, ...args)) as CognitoPage['state'],
    outbox: (filter) => call('outbox', filter),
    lastCode: (filter) => call('lastCode', filter),
    totpCode: (username, poolId) => call('totpCode', username, poolId),
    signInAs: (username, signInOptions = {}) => signInAsInPage(page, username, signInOptions, (name, rest) => call('signInAs', name, rest)),
  }
}

// ---------------------------------------------------------------------------------------------------
// Route mode: the mock runs in the test process, no service worker
// ---------------------------------------------------------------------------------------------------

/**
 * Answers every Cognito request of a page or context from a mock in the test process, through
 * Playwright's routing (what `@msw/playwright` does for MSW handlers, without a worker and for either msw
 * major). Service workers bypass routing, so the app must not start the mock's worker in this mode (create
 * the context with `serviceWorkers: 'block'`). Returns the mock's {@link CognitoCodes} (`outbox`, `lastCode`,
 * `totpCode`), the calls the worker fixture has, so a test reads MFA codes the same way in both modes, and `signInAs`.
 *
 * @example
 * const cognito = createCognitoMock({ seed: 7 })
 * const codes = await routeCognito(context, cognito)
 * // later, at an MFA challenge: await page.getByLabel('Code').fill(await codes.lastCode({ medium: 'SMS' }))
 * // The mock lives in the test process, so a world's factories work here:
 * await routeCognito(context, createCognitoMock({ world: { device: ({ index }) => ({ name: `Kiosk ${index}` }) } }))
 */
export async function routeCognito(target: Page | BrowserContext, mock: CognitoMock, options: { endpoints?: readonly string[] } = {}): Promise<CognitoRoute> {
  const patterns = [cognitoHostPattern, ...(options.endpoints ?? []).map(customEndpointPattern)]
  for (const pattern of patterns) {
    await target.route(pattern, async (route) => {
      const request = route.request()
      const body = request.postDataBuffer()
      const answer = await mock.handle(
        new Request(request.url(), {
          method: request.method(),
          headers: await request.allHeaders(),
          ...(body && request.method() !== 'GET' && request.method() !== 'HEAD' ? { body: new Uint8Array(body) } : {}),
        }),
      )
      if (answer.type === 'error') return route.abort('failed')
      await route.fulfill({
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        body: Buffer.from(await answer.arrayBuffer()),
      })
    })
  }
  return { ...codesOf(mock), signInAs: (username, signInOptions) => signInAsRouted(target, mock, username, signInOptions) }
}

/** What `routeCognito` returns: the codes, and starting signed in from the test process's mock. */
export interface CognitoRoute extends CognitoCodes {
  /**
   * Signs `username` in (`mock.signInAs()`) and writes the session into the page or context before its next
   * navigation: storage entries by an init script (once per tab), or cookies (`storage: 'cookie'`, with the app's
   * `url`). Returns the session (tokens, device keys and secret).
   *
   * @example
   * const route = await routeCognito(context, cognito)
   * const session = await route.signInAs('ada', { device: 'remembered' })
   * await page.goto('/') // signed in; session.device.key is the device the next sign-in proves
   */
  signInAs(username: string, options?: FixtureSignInOptions & { url?: string }): Promise<SignedInSession>
}

/**
 * The {@link CognitoCodes} of a mock in the test process (route mode): async, as the page's are.
 *
 * @example
 * const codes = codesOf(createCognitoMock({ seed: 7 }))
 * await codes.lastCode({ medium: 'EMAIL' })
 */
function codesOf(mock: CognitoMock): CognitoCodes {
  return {
    outbox: async (filter) => mock.outbox.list(filter),
    lastCode: async (filter) => mock.outbox.code(filter),
    totpCode: async (username, poolId) => mock.users.totpCode(poolId ?? firstPoolId(mock, 'totpCode'), username),
  }
}

// ---------------------------------------------------------------------------------------------------
// The fixture
// ---------------------------------------------------------------------------------------------------

export interface CognitoFixtureOptions {
  /** Seed of the page's mock (default: the app's own). */
  cognitoSeed: Seed | undefined
  /** Scenario(s) active when the page loads. */
  cognitoScenario: ScenarioOption | undefined
  /**
   * The page's world, replacing the app's `world` (default: the app's own): JSON, so no factories. A world
   * with factories fails the test at once, in Node.
   */
  cognitoWorld: PageWorldOptions | undefined
  /** The window property the app exposes (default `__cognitoDeviceMock`). */
  cognitoWindowName: string
}

/**
 * `test` with a `cognito` fixture for apps that run the mock's service worker. Options are Playwright
 * options: set them per project, per file (`test.use({ cognitoScenario: 'offline' })`) or per test.
 *
 * @example
 * import { test, expect } from 'cognito-device-mock/playwright'
 *
 * test.use({ cognitoSeed: 7 }) // or cognitoWorld: { pools: [{ users: [{ username: 'ada' }] }] }
 * test('shows the offline banner', async ({ page, cognito }) => {
 *   await cognito.goto('/')
 *   await cognito.use('offline')
 *   await page.getByRole('button', { name: 'Retry' }).click()
 *   await expect(page.getByTestId('offline-banner')).toBeVisible()
 * })
 */
export const test = base.extend<CognitoFixtureOptions & { cognito: CognitoPage }>({
  cognitoSeed: [undefined, { option: true }],
  cognitoScenario: [undefined, { option: true }],
  cognitoWorld: [undefined, { option: true }],
  cognitoWindowName: [CONTROL_KEYS.windowName, { option: true }],
  cognito: async ({ page, cognitoSeed, cognitoScenario, cognitoWorld, cognitoWindowName }, use) => {
    const options: CognitoPageOptions = { windowName: cognitoWindowName }
    if (cognitoSeed !== undefined) options.seed = cognitoSeed
    if (cognitoWorld !== undefined) options.world = pageWorld(cognitoWorld, 'the cognitoWorld option')
    if (cognitoScenario !== undefined) options.scenario = cognitoScenario
    await use(await attachCognito(page, options))
  },
})

export { expect } from '@playwright/test'
