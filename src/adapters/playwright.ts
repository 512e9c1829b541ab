import { test as base, type BrowserContext, type Page } from '@playwright/test'
import type { CognitoMock } from '../handle/types.ts'
import { fail } from '../lib/errors.ts'
import type { ScenarioInput, ScenarioOption } from '../scenarios/types.ts'
import { cognitoHostPattern, customEndpointPattern } from '../protocol/aws-json.ts'
import { CONTROL_KEYS, type ScenarioControl, type StateMethod } from '../handle/control.ts'
import type { RequestRecord } from '../scenarios/types.ts'
import type { Seed } from '../state/seed.ts'

// ---------------------------------------------------------------------------------------------------
// The fixture-less core: a page whose app runs the mock's service worker
// ---------------------------------------------------------------------------------------------------

export interface CognitoPageOptions {
  /** Seed of the page's mock (written to localStorage before the page loads). */
  seed?: Seed
  /** Scenario(s) active from the start: preset names or JSON scenarios/rules. */
  scenario?: ScenarioOption
  /** The window property the app exposes (`startCognitoWorker({ exposeOnWindow })`). */
  windowName?: string
  /** How long `ready()` waits for the app's worker (default 15 s). */
  timeout?: number
}

/** A test's handle on the mock inside the page: the same engine as `cognito.scenarios` in Node. */
export interface CognitoPage {
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
  /** A state method of the page's mock, e.g. `state('devices.create', poolId, username, { name: 'Kiosk' })`. */
  state<T = unknown>(method: StateMethod, ...args: unknown[]): Promise<T>
}

/**
 * Attaches to the mock that a page's app runs in its service worker. Call before navigating: the seed and
 * initial scenario are written to `localStorage` by an init script, so the app starts in that world.
 *
 * @example
 * const cognito = await attachCognito(page, { seed: 7, scenario: 'throttled' })
 * await cognito.goto('/')
 * await cognito.use('offline')
 * expect((await cognito.requests()).at(-1)?.status).toBe(0)
 */
export async function attachCognito(page: Page, options: CognitoPageOptions = {}): Promise<CognitoPage> {
  const windowName = options.windowName ?? CONTROL_KEYS.windowName
  const timeout = options.timeout ?? 15_000
  const settings: { seed?: Seed; scenario?: unknown } = {}
  if (options.seed !== undefined) settings.seed = options.seed
  if (options.scenario !== undefined) settings.scenario = options.scenario
  if (Object.keys(settings).length > 0) {
    await page.addInitScript(
      ([key, value]) => {
        // Before the tab's first navigation to this origin only (init scripts run on every load): a reload
        // keeps what the app or the test stored since, e.g. a seed chosen in a dev panel.
        const marker = `${key}:attached`
        if (window.sessionStorage.getItem(marker) !== null) return
        window.sessionStorage.setItem(marker, '1')
        window.localStorage.setItem(key, value)
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
    state: (method, ...args) => call('state', method, ...args),
  }
}

// ---------------------------------------------------------------------------------------------------
// Route mode: the mock runs in the test process, no service worker
// ---------------------------------------------------------------------------------------------------

/**
 * Answers every Cognito request of a page or context from a mock in the test process, through
 * Playwright's routing (what `@msw/playwright` does for MSW handlers, without a worker and for either msw
 * major). Service workers bypass routing, so the app must not start the mock's worker in this mode (create
 * the context with `serviceWorkers: 'block'`).
 *
 * @example
 * const cognito = createCognitoMock({ seed: 7 })
 * await routeCognito(context, cognito)
 */
export async function routeCognito(target: Page | BrowserContext, mock: CognitoMock, options: { endpoints?: readonly string[] } = {}): Promise<void> {
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
}

// ---------------------------------------------------------------------------------------------------
// The fixture
// ---------------------------------------------------------------------------------------------------

export interface CognitoFixtureOptions {
  /** Seed of the page's mock (default: the app's own). */
  cognitoSeed: Seed | undefined
  /** Scenario(s) active when the page loads. */
  cognitoScenario: ScenarioOption | undefined
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
 * test.use({ cognitoSeed: 7 })
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
  cognitoWindowName: [CONTROL_KEYS.windowName, { option: true }],
  cognito: async ({ page, cognitoSeed, cognitoScenario, cognitoWindowName }, use) => {
    const options: CognitoPageOptions = { windowName: cognitoWindowName }
    if (cognitoSeed !== undefined) options.seed = cognitoSeed
    if (cognitoScenario !== undefined) options.scenario = cognitoScenario
    await use(await attachCognito(page, options))
  },
})

export { expect } from '@playwright/test'
