import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { CONTROL_KEYS, firstPoolId } from '../handle/control.ts'
import { pageSignIns, type PageSignIn } from '../handle/page-sign-in.ts'
import type { CognitoMock, SignedInSession } from '../handle/types.ts'
import { fail } from '../lib/errors.ts'
import type { ScenarioOption } from '../scenarios/types.ts'
import type { Seed } from '../state/seed.ts'
import { checkWorld, type WorldOptions } from '../state/world-spec.ts'

/**
 * Starting a Playwright test signed in: through the page's own mock (worker mode: the sign-in is part of what the
 * page reads at start-up), through a storageState file (the same, written once in `globalSetup`), or from a mock
 * in the test process (route mode: the session is written by an init script or as cookies).
 */

/** `signInAs`'s options on the fixture: `cognito.signInAs()`'s, plus the pool and where the app's client keeps its session. */
export type FixtureSignInOptions = Omit<PageSignIn, 'username'>

/**
 * The worker fixture's `signInAs`: before the page's first navigation, the sign-in joins what the app's mock
 * reads at start-up (it signs in and writes the session before `startCognitoWorker` resolves); afterwards, the
 * page's mock signs in at once (`control`), and the app sees it at its next read or reload.
 *
 * @example
 * await signInAsInPage(page, 'ada', { device: 'remembered' }, (username, options) => call('signInAs', username, options))
 */
export async function signInAsInPage(
  page: Page,
  username: string,
  options: FixtureSignInOptions,
  control: (username: string, options: FixtureSignInOptions) => Promise<unknown>,
): Promise<void> {
  const [spec] = pageSignIns({ ...options, username }, 'cognito.signInAs')
  if (page.url() !== 'about:blank') {
    await control(username, options)
    return
  }
  await page.addInitScript(
    ([key, marker, value]) => {
      // Once per tab, as the fixture's other start-up settings: the app's mock keeps signing in at each load (its
      // state starts from the seed), but writes the session to storage only the first time.
      if (window.sessionStorage.getItem(marker) !== null) return
      window.sessionStorage.setItem(marker, '1')
      let settings: Record<string, unknown> = {}
      try {
        settings = JSON.parse(window.localStorage.getItem(key) ?? '{}') as Record<string, unknown>
      } catch {
        // Not JSON: the app's mock would refuse it anyway; replace it.
      }
      const earlier = settings.signIn === undefined ? [] : Array.isArray(settings.signIn) ? settings.signIn : [settings.signIn]
      settings.signIn = [...earlier, value]
      window.localStorage.setItem(key, JSON.stringify(settings))
    },
    [CONTROL_KEYS.storageKey, `${CONTROL_KEYS.storageKey}:sign-in:${username}:${JSON.stringify(spec)}`, spec] as const,
  )
}

/**
 * Route mode's `signInAs`: the mock is in the test process, so the session is made here and written into the
 * page or context: storage entries by an init script (once per tab), cookies through `addCookies` (which needs
 * the app's `url`). Returns the session.
 *
 * @example
 * const session = await signInAsRouted(context, cognito, 'ada', { device: 'remembered' })
 */
export async function signInAsRouted(
  target: Page | BrowserContext,
  mock: CognitoMock,
  username: string,
  options: FixtureSignInOptions & { url?: string } = {},
): Promise<SignedInSession> {
  const { url, ...rest } = options
  const [spec] = pageSignIns({ ...rest, username }, 'signInAs')
  const { poolId, storage = 'localStorage', username: name, ...signInOptions } = spec!
  const session = await mock.signInAs(poolId ?? firstPoolId(mock, 'signInAs'), name, signInOptions)
  if (storage === 'cookie') {
    if (url === undefined) fail('signInAs: storage "cookie" needs the app\'s url (e.g. { url: "http://localhost:5173" }) to set the cookies for.')
    const context = 'context' in target ? target.context() : target
    let domain: string
    try {
      domain = new URL(url).hostname
    } catch {
      fail(`signInAs: url must be the app's URL, such as "http://localhost:5173", got ${JSON.stringify(url)}.`)
    }
    // By domain, not url: Playwright derives `secure` from a url's scheme, and Amplify's cookies are Secure even
    // on http://localhost (a secure context for the browser).
    await context.addCookies(session.cookies.map((cookie) => ({ ...cookie, domain })))
    return session
  }
  await target.addInitScript(
    ([kind, marker, entries]) => {
      if (window.sessionStorage.getItem(marker) !== null) return
      window.sessionStorage.setItem(marker, '1')
      for (const [key, value] of Object.entries(entries)) window[kind].setItem(key, value)
    },
    [storage, `${CONTROL_KEYS.signedInKey}:${session.accessToken.slice(-16)}`, session.storage] as const,
  )
  return session
}

/** What `cognitoStorageState` writes: Playwright's `storageState` format. */
export interface CognitoStorageState {
  cookies: never[]
  origins: { origin: string; localStorage: { name: string; value: string }[] }[]
}

export interface CognitoStorageStateOptions {
  /** The app's origin, e.g. `http://localhost:5173` (your `baseURL`). */
  origin: string
  /** Who starts signed in: a username, `{ username, device, poolId, storage, … }`, or several. */
  signIn: string | PageSignIn | readonly (string | PageSignIn)[]
  /** Where to write the file (what `use: { storageState }` names); the state is returned either way. */
  path?: string
  /** The page mock's seed, world and scenario, as the fixture's `cognitoSeed`, `cognitoWorld` and `cognitoScenario` set them. */
  seed?: Seed
  world?: Omit<WorldOptions, 'pool' | 'user' | 'device'>
  scenario?: ScenarioOption
}

/**
 * A Playwright `storageState` whose pages start signed in, for Playwright's authentication recipe: write it once
 * in `globalSetup` (or a setup project), then `use: { storageState }`. It holds the page mock's start-up settings
 * with the sign-in: at its first load in a tab, the app's mock signs the user in (tokens it accepts, a device whose
 * secret it keeps) and writes the session where the app's client reads it, before `startCognitoWorker` resolves.
 * So the app must await `startCognitoWorker` before its auth client reads storage, as MSW's setup does anyway.
 *
 * @example
 * // global-setup.ts
 * import { cognitoStorageState } from 'cognito-device-mock/playwright'
 * export default async () => {
 *   await cognitoStorageState({ origin: 'http://localhost:5173', signIn: { username: 'ada', device: 'remembered' }, path: 'playwright/.auth/ada.json' })
 * }
 * // playwright.config.ts: use: { storageState: 'playwright/.auth/ada.json' }
 */
export async function cognitoStorageState(options: CognitoStorageStateOptions): Promise<CognitoStorageState> {
  let origin: string
  try {
    origin = new URL(options.origin).origin
  } catch {
    fail(`cognitoStorageState: origin must be a URL such as "http://localhost:5173", got ${JSON.stringify(options.origin)}.`)
  }
  const settings: Record<string, unknown> = { signIn: pageSignIns(options.signIn, 'cognitoStorageState({ signIn })') }
  if (options.seed !== undefined) settings.seed = options.seed
  if (options.world !== undefined) settings.world = checkWorld(options.world, 'cognitoStorageState({ world })')
  if (options.scenario !== undefined) settings.scenario = options.scenario
  const state: CognitoStorageState = {
    cookies: [],
    origins: [{ origin, localStorage: [{ name: CONTROL_KEYS.storageKey, value: JSON.stringify(settings) }] }],
  }
  if (options.path !== undefined) {
    await mkdir(dirname(options.path), { recursive: true })
    await writeFile(options.path, `${JSON.stringify(state, null, 2)}\n`)
  }
  return state
}
