/**
 * Helpers for the demo app's end-to-end tests: what the app's test hooks (e2e/app/README.md) mean, in
 * functions. The specs import `test` and `expect` from the library itself (src/playwright.ts).
 */
import { expect, type BrowserContext, type ConsoleMessage, type Locator, type Page } from '@playwright/test'
import { createCognitoMock, type CognitoMock, type DeviceRecord, type UserPoolRecord, type UserRecord } from '../../src/index.ts'
import type { CognitoPage } from '../../src/playwright.ts'

/** What the demo boots with (e2e/app/src/main.tsx, e2e/app/README.md). */
export const DEMO = {
  seed: 42,
  /**
   * The demo's world: the default one with 20–32 devices per user, and MFA on (authenticator, SMS or email;
   * remembered devices skip it). Equal to DEMO_WORLD in e2e/app/src/main.tsx.
   */
  world: {
    devicesPerUser: { min: 20, max: 32 },
    mfa: { mode: 'on', factors: ['totp', 'sms', 'email'], rememberedDevicesSkipMfa: true },
  },
  /** ListDevices `Limit` of the app. */
  pageSize: 10,
  /** Seed 42: the first user of the first pool, and how many of their devices are remembered. */
  username: 'Olga.Jensen9',
  remembered: 23,
  /** Seed 42: the first user's second factor (the first user of a pool with MFA always has one). */
  factor: 'totp',
  /** Seed 42: a user with no factor of their own but a phone number: the pool (MFA on, SMS offered) texts a code. */
  smsUsername: 'Dara.Zhang51',
} as const

/** The storageState file e2e/support/global-setup.ts writes: the demo's first user, signed in on a remembered device. */
export const SIGNED_IN_STATE = '.tmp/auth/demo-signed-in.json'

/** The list's container; `data-state` is loading | ready | empty | error. */
export const devicesRoot = (page: Page): Locator => page.getByTestId('devices')

/** Waits until the first page has an outcome (list, empty state or an error screen) and returns that state. */
export async function settled(page: Page): Promise<string> {
  const root = page.locator('[data-testid="devices"]:not([data-state="loading"])')
  await expect(root).toBeVisible()
  return (await root.getAttribute('data-state'))!
}

/** Waits for a given list state. */
export async function expectState(page: Page, state: 'loading' | 'ready' | 'empty' | 'error'): Promise<void> {
  await expect(devicesRoot(page)).toHaveAttribute('data-state', state)
}

/** One rendered device row, as the user sees it. */
export interface RenderedDevice {
  key: string
  /** Readable name ("Chrome 139 on macOS"). */
  label: string
  /** The raw DeviceName (a user agent), also the label's `title`. */
  rawName: string
  title: string
  ip: string
  lastUsed: string
  lastUsedIso: string | null
  created: string
  createdIso: string | null
  modified: string
  modifiedIso: string | null
}

/** Every rendered row, in order. */
export async function renderedDevices(page: Page): Promise<RenderedDevice[]> {
  return page.getByTestId('device-item').evaluateAll((rows) =>
    rows.map((row) => {
      const get = (id: string) => row.querySelector(`[data-testid="${id}"]`)
      const text = (id: string) => get(id)?.textContent?.trim() ?? ''
      return {
        key: row.getAttribute('data-device-key') ?? '',
        label: text('device-name'),
        rawName: text('device-raw-name'),
        title: get('device-name')?.getAttribute('title') ?? '',
        ip: text('device-ip'),
        lastUsed: text('device-last-used'),
        lastUsedIso: get('device-last-used')?.getAttribute('datetime') ?? null,
        created: text('device-created'),
        createdIso: get('device-created')?.getAttribute('datetime') ?? null,
        modified: text('device-modified'),
        modifiedIso: get('device-modified')?.getAttribute('datetime') ?? null,
      }
    }),
  )
}

/** The `data-device-key`s of the rendered rows, in order. */
export async function renderedKeys(page: Page): Promise<string[]> {
  return page.getByTestId('device-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-device-key') ?? ''))
}

/**
 * Clicks "Load more" until `list-end` shows; returns how many pages were loaded after the first. Before each
 * click it waits until no page is in flight (`aria-busy` off on the list), so it never clicks a button that
 * is still "Loading…"; a `load-more-error` fails it. One wait and one click per page: traces stay small.
 */
export async function loadEverything(page: Page, maxPages = 50): Promise<number> {
  for (let pages = 0; ; pages++) {
    const handle = await page.waitForFunction(() => {
      const root = document.querySelector('[data-testid="devices"]')
      if (!root || root.getAttribute('aria-busy') === 'true') return null
      if (document.querySelector('[data-testid="load-more-error"]')) return 'error'
      if (document.querySelector('[data-testid="list-end"]')) return 'end'
      const more = document.querySelector<HTMLButtonElement>('[data-testid="load-more"]')
      return more && !more.disabled ? 'more' : null
    })
    const state = await handle.jsonValue()
    if (state === 'end') return pages
    if (state === 'error') throw new Error(`"Load more" failed: ${await page.getByTestId('load-more-error').textContent()}`)
    if (pages >= maxPages) throw new Error(`still no list-end after ${maxPages} "Load more" clicks`)
    await page.getByTestId('load-more').click()
  }
}

/** `3 Mar 2025, 14:05 UTC`: the app's date format (e2e/app/src/lib/format.ts). */
export const DATE_TEXT = /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2} UTC$/

// ---------------------------------------------------------------------------------------------------
// The same world in Node: what the page's mock must show
// ---------------------------------------------------------------------------------------------------

export interface DemoWorld {
  mock: CognitoMock
  pool: UserPoolRecord
  user: UserRecord
  /** The user's remembered devices in list order: what ListDevices pages through. */
  remembered: DeviceRecord[]
}

/** A Node mock seeded like the demo: the same seed must give the same world in Node and in the browser. */
export function demoWorld(seed: number | string = DEMO.seed): DemoWorld {
  const mock = createCognitoMock({ seed, world: DEMO.world })
  const pool = mock.pools.list()[0]!
  const user = mock.users.list(pool.id)[0]!
  const remembered = mock.devices.list(pool.id, user.username).filter((d) => d.rememberedStatus === 'remembered')
  return { mock, pool, user, remembered }
}

/** The signed-in user of the page's mock (first pool, first user, as the demo signs in). */
export async function pageUser(cognito: Pick<CognitoPage, 'state'>) {
  const [pool] = await cognito.state('pools.list')
  const [user] = await cognito.state('users.list', pool!.id)
  return { poolId: pool!.id, username: user!.username }
}

// ---------------------------------------------------------------------------------------------------
// Console
// ---------------------------------------------------------------------------------------------------

/** MSW's warning when mockServiceWorker.js does not match the installed msw (worker integrity check). */
export const WORKER_MISMATCH = /generated by a different version of MSW|worker script integrity/i

/**
 * Chromium's network log for a failing response ("Failed to load resource: the server responded with a
 * status of 400 ()", "net::ERR_FAILED"): expected under failure scenarios, not an app error.
 */
export const FAILED_RESOURCE = /^Failed to load resource: (the server responded with a status of [45]\d\d|net::ERR_FAILED)/

export interface ConsoleWatch {
  messages: { type: string; text: string }[]
  pageErrors: string[]
  /** Errors and warnings, plus uncaught page errors, minus `ignore` patterns. */
  problems(ignore?: readonly RegExp[]): string[]
}

/** Records the page's console and uncaught errors from now on. */
export function watchConsole(page: Page): ConsoleWatch {
  const messages: { type: string; text: string }[] = []
  const pageErrors: string[] = []
  page.on('console', (message: ConsoleMessage) => messages.push({ type: message.type(), text: message.text() }))
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`))
  return {
    messages,
    pageErrors,
    problems(ignore = []) {
      return [
        ...messages
          .filter((m) => m.type === 'error' || m.type === 'warning')
          .filter((m) => !ignore.some((pattern) => pattern.test(m.text)))
          .map((m) => `console.${m.type}: ${m.text}`),
        ...pageErrors.map((e) => `pageerror: ${e}`),
      ]
    },
  }
}

/** What {@link keepOffNetwork} saw: requests that tried to leave, and the Cognito operations the worker answered. */
export interface NetworkWatch {
  /** Requests for another origin that did not come back from the service worker (each was aborted). */
  escaped: string[]
  /** The operations the service worker answered, in order; a challenge answer as `Respond:<ChallengeName>`. */
  operations: string[]
}

/**
 * Keeps a test off the network: every request for another origin than `origin` must be answered by the service
 * worker (`fromServiceWorker`); anything that would reach the network, from the page or the worker, is recorded
 * and aborted, so a failing test cannot call AWS either.
 *
 * @example
 * const network = await keepOffNetwork(context, new URL(baseURL!).origin)
 * // … the journey …
 * expect(network.escaped).toEqual([])
 */
export async function keepOffNetwork(context: BrowserContext, origin: string): Promise<NetworkWatch> {
  const external = (url: string) => /^https?:/.test(url) && new URL(url).origin !== origin
  const watch: NetworkWatch = { escaped: [], operations: [] }
  await context.route(
    (url) => external(url.href),
    (route) => {
      watch.escaped.push(`${route.request().method()} ${route.request().url()}`)
      return route.abort('blockedbyclient')
    },
  )
  context.on('response', (response) => {
    if (!external(response.url())) return
    const request = response.request()
    if (!response.fromServiceWorker()) {
      watch.escaped.push(`${request.method()} ${response.url()} (answered by the network)`)
      return
    }
    const operation = (request.headers()['x-amz-target'] ?? '').replace(/^AWSCognitoIdentityProviderService\./, '')
    if (!operation) return
    const challenge = operation === 'RespondToAuthChallenge' ? (request.postDataJSON() as { ChallengeName?: string }).ChallengeName : undefined
    watch.operations.push(challenge ? `Respond:${challenge}` : operation)
  })
  return watch
}
