import type { CognitoMock, SignedInSession } from './types.ts'
import { pageSignIns, signInPage, type PageSignIn } from './page-sign-in.ts'
import { fail } from '../lib/errors.ts'
import { scenarioUses } from '../scenarios/input.ts'
import type { ActiveLayer } from '../scenarios/engine.ts'
import type { Seed } from '../state/seed.ts'
import type { OutboxFilter } from '../state/outbox.ts'
import type { OutboxMessage } from '../state/types.ts'
import { checkWorld, type WorldOptions } from '../state/world-spec.ts'
import type { RequestRecord, Scenario, ScenarioInput, ScenarioOption } from '../scenarios/types.ts'

/** The query parameters and storage key a page reads at start-up. */
export const CONTROL_KEYS = {
  scenarioParam: 'cognito-scenario',
  seedParam: 'cognito-seed',
  /** A JSON world description (`WorldOptions` without factories): replaces the app's `world` option. */
  worldParam: 'cognito-world',
  /** Start signed in: a username, or JSON (`{"username":"ada","device":"remembered"}` or a list). */
  signInParam: 'cognito-sign-in',
  storageKey: 'cognito-device-mock',
  /** Where `startCognitoWorker({ persist: true })` saves the mock's state (in `sessionStorage` by default). */
  stateKey: 'cognito-device-mock:state',
  windowName: '__cognitoDeviceMock',
  /** In `sessionStorage`: the start-up sign-ins already written in this tab, so a reload does not sign in again. */
  signedInKey: 'cognito-device-mock:signed-in',
} as const

/** What a page asked for at start-up: from the URL first, else from `localStorage`. */
export interface StartupSettings {
  /** Scenarios to use, in order (later ones win). */
  scenarios: ScenarioInput[]
  seed?: Seed
  /** A world description (JSON, so without factories), checked: it replaces the app's own `world`. */
  world?: WorldOptions
  /** Sessions to start signed in with (`cognito.signInAs()` in the page's mock, written to the app's storage). */
  signIn: PageSignIn[]
}

/**
 * A `cognito-scenario` value: preset names separated by commas (`slow-network,flaky`), or JSON (a scenario,
 * a rule, or a list of rules) for anything else.
 */
export function parseScenarioValue(value: string): ScenarioInput[] {
  const text = value.trim()
  if (text === '') return []
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return [JSON.parse(text) as ScenarioInput]
    } catch {
      fail(`${CONTROL_KEYS.scenarioParam} is neither preset names nor valid JSON: ${text.slice(0, 80)}`)
    }
  }
  return text.split(',').map((name) => name.trim()).filter(Boolean)
}

function parseSeed(value: string): Seed {
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value
}

/**
 * Reads `?cognito-scenario=…&cognito-seed=…&cognito-world=…`, else the `cognito-device-mock` entry of
 * `localStorage` (`{"scenario": "throttled", "seed": 7, "world": {"pools": [{"users": [{"username": "ada"}]}]}}`),
 * so a developer working offline can pick a world and reload, and a Playwright test can start the app in its own.
 * A world is checked here, so a bad one is refused with the place it came from and the path to fix.
 *
 * @example
 * const settings = readStartupSettings(location.search, localStorage)
 * // ?cognito-scenario=throttled → { scenarios: ['throttled'] }
 * // ?cognito-world={"usersPerPool":1} → { scenarios: [], world: { usersPerPool: 1 } }
 */
export function readStartupSettings(search: string, storage?: Pick<Storage, 'getItem'>): StartupSettings {
  const params = new URLSearchParams(search)
  const settings: StartupSettings = { scenarios: [], signIn: [] }
  const storageName = `localStorage["${CONTROL_KEYS.storageKey}"]`
  let stored: { scenario?: unknown; seed?: unknown; world?: unknown; signIn?: unknown } = {}
  const raw = storage?.getItem(CONTROL_KEYS.storageKey)
  if (raw) {
    try {
      stored = JSON.parse(raw)
    } catch {
      fail(`${storageName} is not JSON; expected e.g. {"scenario":"throttled","seed":7}.`)
    }
  }
  const scenario = params.get(CONTROL_KEYS.scenarioParam)
  if (scenario !== null) settings.scenarios = parseScenarioValue(scenario)
  else if (typeof stored.scenario === 'string') settings.scenarios = parseScenarioValue(stored.scenario)
  else settings.scenarios = scenarioUses(stored.scenario as ScenarioOption | undefined)
  const seed = params.get(CONTROL_KEYS.seedParam)
  if (seed !== null && seed.trim() !== '') settings.seed = parseSeed(seed)
  else if (typeof stored.seed === 'number' || typeof stored.seed === 'string') settings.seed = stored.seed
  const world = params.get(CONTROL_KEYS.worldParam)
  if (world !== null && world.trim() !== '') settings.world = parseWorldValue(world)
  else if (stored.world !== undefined && stored.world !== null) settings.world = checkWorld(stored.world, storageName)
  const signIn = params.get(CONTROL_KEYS.signInParam)
  if (signIn !== null && signIn.trim() !== '') settings.signIn = pageSignIns(parseSignInValue(signIn), `URL parameter ${CONTROL_KEYS.signInParam}`)
  else if (stored.signIn !== undefined && stored.signIn !== null) settings.signIn = pageSignIns(stored.signIn, `${storageName}.signIn`)
  return settings
}

/** A `cognito-sign-in` value: a username, or JSON for options or several sessions. */
function parseSignInValue(value: string): unknown {
  const text = value.trim()
  if (!text.startsWith('{') && !text.startsWith('[')) return text
  try {
    return JSON.parse(text)
  } catch {
    fail(`URL parameter ${CONTROL_KEYS.signInParam} is neither a username nor valid JSON: ${text.slice(0, 80)}`)
  }
}

/** A `cognito-world` value: a world description as JSON, checked. */
function parseWorldValue(value: string): WorldOptions {
  let world: unknown
  try {
    world = JSON.parse(value)
  } catch {
    fail(`URL parameter ${CONTROL_KEYS.worldParam} is not JSON; expected a world description such as {"pools":[{"users":[{"username":"ada"}]}]}, got ${value.slice(0, 80)}`)
  }
  return checkWorld(world, `URL parameter ${CONTROL_KEYS.worldParam}`)
}

/**
 * The control surface a page exposes on `window` when asked to: plain functions, callable from a test or the
 * console. The verbs are the handle's: `use`, `clear` and `resetScenarios` are `cognito.scenarios.use`,
 * `.clear` and `.reset`; `reset` is `cognito.reset()`.
 */
export interface ScenarioControl {
  use(scenario: ScenarioInput): void
  /** No scenario at all (`cognito.scenarios.clear()`); the state is kept. */
  clear(): void
  /** Back to the initial scenario (`cognito.scenarios.reset()`); the state is kept. */
  resetScenarios(): void
  /** Back to the start (`cognito.reset()`): seeded world, initial scenario, empty log. */
  reset(): void
  active(): ActiveLayer[]
  presets(): Pick<Scenario, 'name' | 'description' | 'ui'>[]
  requests(): RequestRecord[]
  clearRequests(): void
  /**
   * Calls a method of the handle's state API by name, with JSON arguments, and returns its JSON result:
   * `state('devices.create', poolId, username, { name: 'Kiosk' })`, `state('pools.list')`,
   * `state('tokens.issue', poolId, username)`. Lets a test seed data in the page's mock. The arguments are the
   * handle method's ({@link StateArgs}); the result is its result as JSON ({@link StateResult}: `undefined` is `null`).
   *
   * @example
   * const device = await window.__cognitoDeviceMock.state('devices.create', poolId, 'ada', { name: 'Kiosk' }) // DeviceRecord
   * await window.__cognitoDeviceMock.state('pools.get', 'us-east-1_nope') // null
   */
  state<M extends StateMethod>(method: M, ...args: StateArgs<M>): Promise<StateResult<M>>
  /**
   * The SMS and email messages sent so far, oldest first (`cognito.outbox.list(filter)`).
   *
   * @example
   * window.__cognitoDeviceMock.outbox({ medium: 'EMAIL' }) // [{ id: 1, code: '12345678', destination: 'ada@example.com', … }]
   */
  outbox(filter?: OutboxFilter): OutboxMessage[]
  /**
   * The newest matching message's code (`cognito.outbox.code(filter)`); throws, saying what the outbox holds, when none matches.
   *
   * @example
   * window.__cognitoDeviceMock.lastCode({ username: 'ada', medium: 'SMS' }) // '123456'
   */
  lastCode(filter?: OutboxFilter): string
  /**
   * The code the user's authenticator app shows now (`cognito.users.totpCode`), in `poolId` or else the first pool.
   *
   * @example
   * window.__cognitoDeviceMock.totpCode('ada') // '492039'
   */
  totpCode(username: string, poolId?: string): string
  /**
   * Signs `username` in with `cognito.signInAs()` and writes the session where the app's client reads it
   * (`localStorage` unless `storage` says otherwise); the app sees it at its next read, or after a reload.
   *
   * @example
   * await window.__cognitoDeviceMock.signInAs('ada', { device: 'remembered' }) // then location.reload()
   */
  signInAs(username: string, options?: Omit<PageSignIn, 'username'>): Promise<SignedInSession>
}

/** The state methods a control surface may call: everything but handlers and the raw pipeline. */
const stateMethods = [
  'pools.list', 'pools.get', 'pools.create', 'pools.update', 'pools.remove',
  'users.list', 'users.get', 'users.create', 'users.update', 'users.remove', 'users.totpCode',
  'outbox.list', 'outbox.last', 'outbox.code', 'outbox.clear',
  'devices.list', 'devices.get', 'devices.create', 'devices.update', 'devices.remove', 'devices.issueKey',
  'tokens.issue', 'tokens.revoke', 'tokens.signOut', 'tokens.jwks', 'tokens.issuer',
  'signIn',
  'clock.now', 'clock.advance', 'clock.set',
  'snapshot', 'restore',
] as const

export type StateMethod = (typeof stateMethods)[number]

type AnyFunction = (...args: never[]) => unknown

/** The handle's function a state method names: `'devices.create'` is `CognitoMock['devices']['create']`. */
type StateFunction<M extends StateMethod> = Extract<
  M extends `${infer Group extends keyof CognitoMock}.${infer Name}`
    ? Name extends keyof CognitoMock[Group] ? CognitoMock[Group][Name] : never
    : M extends keyof CognitoMock ? CognitoMock[M] : never,
  AnyFunction
>

/**
 * The arguments of a state method: the handle method's own, e.g. `StateArgs<'devices.create'>` is
 * `[poolId: string, username: string, input?: CreateDeviceInput]`.
 *
 * @example
 * const args: StateArgs<'users.get'> = [poolId, 'ada']
 */
export type StateArgs<M extends StateMethod> = Parameters<StateFunction<M>>

/**
 * What a state method's result is once it has crossed to the caller as JSON (`JSON.parse(JSON.stringify(…))`):
 * the handle method's awaited result, `Jsonified`, with `undefined` (and `void`) as `null`. The records are plain
 * data already, so `StateResult<'devices.create'>` is `DeviceRecord` and `StateResult<'pools.get'>` is
 * `UserPoolRecord | null`.
 *
 * @example
 * const pool: StateResult<'pools.get'> = await cognito.state('pools.get', poolId) // UserPoolRecord | null
 */
export type StateResult<M extends StateMethod> = JsonResult<Awaited<ReturnType<StateFunction<M>>>>

type JsonResult<T> = T extends undefined | void ? null : Jsonified<T>

type JsonOf<T> = T extends { toJSON(...args: never[]): infer J }
  ? Jsonified<J>
  : T extends string | number | boolean | null
    ? T
    : T extends undefined | symbol | bigint | AnyFunction
      ? never
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: JsonElement<T[K]> }
        : T extends object
          ? { [K in keyof T as K extends symbol ? never : [Exclude<T[K], undefined>] extends [AnyFunction] ? never : K]: Jsonified<T[K]> }
          : never

/** In an array, what JSON cannot hold becomes `null` rather than disappearing. */
type JsonElement<T> = T extends undefined | symbol | AnyFunction ? null : Jsonified<T>

/**
 * `T` as `JSON.parse(JSON.stringify(value))` gives it back: a `Date` (anything with `toJSON`) becomes what
 * `toJSON` returns (a string), functions and `undefined` members disappear (`null` in arrays), tuples stay tuples.
 * A type that is plain JSON already comes back as itself, so editors show `DeviceRecord`, not a mapped type.
 *
 * @example
 * type Row = Jsonified<{ at: Date; retry?: () => void; tags: (string | undefined)[] }> // { at: string; tags: (string | null)[] }
 */
export type Jsonified<T> = unknown extends T ? T : [T] extends [JsonOf<T>] ? ([JsonOf<T>] extends [T] ? T : JsonOf<T>) : JsonOf<T>

/**
 * The pool a call that names none means: the first pool, as the demo and `serve` show them.
 *
 * @example
 * mock.users.totpCode(poolId ?? firstPoolId(mock, 'totpCode'), username)
 */
export function firstPoolId(mock: Pick<CognitoMock, 'pools'>, where: string): string {
  return mock.pools.list()[0]?.id ?? fail(`${where}: no poolId given and the mock has no user pools. Create one with pools.create(), or name the pool.`)
}

/**
 * The control surface of `mock`, as plain functions that survive `page.evaluate` and the console.
 *
 * @example
 * window.__cognitoDeviceMock = scenarioControl(cognito)
 * // in a Playwright test: await page.evaluate(() => window.__cognitoDeviceMock.use('offline'))
 */
export function scenarioControl(mock: CognitoMock): ScenarioControl {
  return {
    use: (scenario) => mock.scenarios.use(scenario),
    clear: () => mock.scenarios.clear(),
    resetScenarios: () => mock.scenarios.reset(),
    reset: () => mock.reset(),
    active: () => mock.scenarios.active(),
    presets: () => mock.scenarios.list().map(({ name, description, ui }) => ({ name, ...(description ? { description } : {}), ...(ui ? { ui } : {}) })),
    requests: () => mock.requests.list(),
    clearRequests: () => mock.requests.clear(),
    outbox: (filter) => mock.outbox.list(filter ?? undefined),
    lastCode: (filter) => mock.outbox.code(filter ?? undefined),
    totpCode: (username, poolId) => mock.users.totpCode(poolId ?? firstPoolId(mock, 'totpCode'), username),
    signInAs: async (username, options) => signInPage(mock, pageSignIns({ ...options, username }, 'signInAs')[0]!, globalThis),
    async state(method, ...args) {
      if (!(stateMethods as readonly string[]).includes(method)) {
        fail(`state("${method}"): not a state method. Use one of ${stateMethods.join(', ')}.`)
      }
      const [group, name] = method.includes('.') ? method.split('.') : [undefined, method]
      const target = (group ? (mock as unknown as Record<string, Record<string, unknown>>)[group] : mock) as Record<string, unknown>
      const result = await (target[name!] as (...values: unknown[]) => unknown)(...args)
      return result === undefined ? null : JSON.parse(JSON.stringify(result))
    },
  }
}
