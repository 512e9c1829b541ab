import { http, type HttpHandler } from 'msw'
import { fidelity } from './fidelity.ts'
import { CognitoError, isCognitoError, isModeledError, isProtocolError, type OperationName } from './model/exceptions.ts'
import { validateInput } from './model/validation.ts'
import { isImplementedOperation, isSignedOperation, operations, type OperationContext } from './operations/index.ts'
import { PageTokens } from './operations/pagination.ts'
import { awsEndpointPattern, CONTENT_TYPE, customEndpointPattern, endpointRegion, SIGNING_NAME, targetOf } from './protocol/aws-json.ts'
import { corsHeaders, errorResponse, preflightResponse, successResponse, type AnswerContext } from './protocol/responses.ts'
import { checkSigV4, type AwsCredentials } from './protocol/sigv4.ts'
import { Clock, toEpochMilliseconds, toMilliseconds, type ClockMode, type Duration } from './state/clock.ts'
import * as make from './state/factory.ts'
import { countedUuids, checkDraws, type Counted } from './state/draw-count.ts'
import { seededFaker, streams, type SeededFaker, type Seed } from './state/random.ts'
import { Store } from './state/store.ts'
import { ADMIN_SCOPE, issuerOf, TokenSigner, type AccessTokenClaims } from './state/tokens.ts'
import type {
  DeviceRecord,
  DeviceRemembering,
  DeviceRememberedStatus,
  ExactPosition,
  StoreSnapshot,
  UserPoolRecord,
  UserRecord,
  UserStatus,
} from './state/types.ts'
import { checkWorldOptions, generateWorld, type WorldOptions } from './state/world.ts'
import { addSeededClients, makeClient, type CreateClientInput } from './auth/clients.ts'
import { issueDeviceKey } from './auth/devices.ts'
import { seededPassword } from './auth/passwords.ts'
import { signInResult, type AuthenticationResult } from './auth/results.ts'
import { ScenarioEngine, type Firing } from './scenarios/engine.ts'
import { presets } from './scenarios/presets.ts'
import { RequestLog, scenarioCall } from './scenarios/request-log.ts'
import type { RequestRecord, Scenario, ScenarioRule } from './scenarios/types.ts'

// ---------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------

export interface CognitoMockOptions {
  /** Seeds the world and every generated value (default 1). The same seed gives byte-identical answers. */
  seed?: Seed
  /** The reference date: seeded data lies before it and the logical clock starts at it (default 2026-01-15T09:30:00Z). */
  now?: Date | number | string
  /** `logical` (default): deterministic time; `wall`: real time, for demos. */
  clock?: ClockMode
  /** Region of the seeded pools and default region of new ones (default `us-east-1`). */
  region?: string
  /** Twelve-digit account id in device ARNs (default `123456789012`). */
  accountId?: string
  /** Extra endpoint URLs to answer besides the public Cognito hosts, e.g. `http://localhost:4566`. */
  endpoints?: readonly string[]
  /** The seeded world's shape (default: one pool, five users, 0–8 devices each). */
  world?: WorldOptions
  /**
   * Verify SigV4 signatures of admin calls against these credentials, refusing unknown keys and bad
   * signatures as AWS does. Without it, admin calls need a well-formed signature for the right
   * service and region, with any key.
   */
  credentials?: readonly AwsCredentials[]
  /**
   * A scenario active from the start and after every `reset()`: a preset's name, a scenario, or rules.
   * See `scenarios.use()`.
   */
  scenario?: ScenarioInput | readonly (string | Scenario)[]
  /** Log one line per answered call to the console (default false: quiet in tests). */
  log?: boolean
}

/** What can be passed to `scenarios.use()`: a preset's name, a scenario, one rule, or a list of rules. */
export type ScenarioInput = string | Scenario | ScenarioRule | readonly ScenarioRule[]

/** Marks a body that is not JSON: scenarios may still answer it, the store refuses it. */
const MALFORMED = Symbol('malformed JSON')

const DEFAULT_NOW = '2026-01-15T09:30:00.000Z'
/** The logical clock's step per answered request: successive changes get distinct, deterministic dates. */
const CLOCK_STEP_MS = 1

// ---------------------------------------------------------------------------------------------------
// Handle types
// ---------------------------------------------------------------------------------------------------

export interface CreatePoolInput {
  id?: string
  name?: string
  region?: string
  deviceRemembering?: DeviceRemembering
  /** The pool's app clients (default: one public client, `web`). `clientSecret: true` draws a secret. */
  clients?: CreateClientInput[]
}

export interface CreateUserInput {
  username?: string
  email?: string
  /** The password sign-in checks (default: one drawn from the seed, pool and username, e.g. `Harbor-Falcon-4821`). */
  password?: string
  status?: UserStatus
  enabled?: boolean
}

export interface SignInInput {
  /** Sign in from this device, as a device SRP sign-in does: no new device, `device_key` in the access token. */
  deviceKey?: string
  /** The app client (default: the pool's first client). */
  clientId?: string
}

export interface CreateDeviceInput {
  key?: string
  /** `null` for a device confirmed without a DeviceName (the attribute is then absent). */
  name?: string | null
  rememberedStatus?: DeviceRememberedStatus
  lastIp?: string
  sdk?: string
  createdAt?: Date | number | string
  lastModifiedAt?: Date | number | string
  lastAuthenticatedAt?: Date | number | string
}

export interface IssueTokenInput {
  /** Space-separated scopes (default `aws.cognito.signin.user.admin`). */
  scope?: string
  /** Lifetime (default one hour, as Cognito's default). */
  expiresIn?: Duration
  /** The `device_key` claim, as after a sign-in from a remembered device. */
  deviceKey?: string
  clientId?: string
}

/** The mock: MSW handlers plus a handle on its state. */
export interface CognitoMock {
  /** Pass to `setupServer(...mock.handlers)` or `setupWorker(...mock.handlers)`. */
  readonly handlers: HttpHandler[]
  /** Answers one request as Cognito would: the mock's core, for servers of your own. */
  handle(request: Request): Promise<Response>
  readonly seed: Seed
  readonly clock: {
    /** The mock's current time, in epoch milliseconds. */
    now(): number
    advance(duration: Duration): number
    set(date: Date | number | string): void
  }
  readonly pools: {
    list(): UserPoolRecord[]
    get(poolId: string): UserPoolRecord | undefined
    create(input?: CreatePoolInput): UserPoolRecord
    update(poolId: string, patch: Partial<Pick<UserPoolRecord, 'name' | 'deviceRemembering'>> & { clients?: CreateClientInput[] }): UserPoolRecord
    remove(poolId: string): boolean
  }
  readonly users: {
    list(poolId: string): UserRecord[]
    get(poolId: string, username: string): UserRecord | undefined
    create(poolId: string, input?: CreateUserInput): UserRecord
    update(poolId: string, username: string, patch: Partial<Pick<UserRecord, 'status' | 'enabled' | 'email' | 'password'>>): UserRecord
    remove(poolId: string, username: string): boolean
  }
  readonly devices: {
    /** All of the user's devices, remembered or not, in list order. */
    list(poolId: string, username: string): DeviceRecord[]
    get(poolId: string, username: string, deviceKey: string): DeviceRecord | undefined
    create(poolId: string, username: string, input?: CreateDeviceInput): DeviceRecord
    update(
      poolId: string,
      username: string,
      deviceKey: string,
      patch: Partial<Pick<DeviceRecord, 'rememberedStatus' | 'name' | 'lastIp' | 'sdk'>>,
    ): DeviceRecord
    remove(poolId: string, username: string, deviceKey: string): boolean
    /**
     * A key as sign-in hands out in `NewDeviceMetadata`, waiting for ConfirmDevice. Issue 5's sign-in
     * flow calls this; tests call it to confirm devices without signing in.
     */
    issueKey(poolId: string, username: string, options?: { lastIp?: string }): { DeviceKey: string; DeviceGroupKey: string }
  }
  readonly tokens: {
    /** A signed RS256 access token for the user, with Cognito's claims. */
    issue(poolId: string, username: string, input?: IssueTokenInput): Promise<string>
    /** Revokes one token (RevokeToken semantics): `Access Token has been revoked` from then on. */
    revoke(token: string): void
    /** Revokes every token issued to the user (GlobalSignOut semantics). */
    signOut(poolId: string, username: string): void
    /** The pool's JSON Web Key Set, also served at `{iss}/.well-known/jwks.json`. */
    jwks(poolId: string): Promise<{ keys: object[] }>
    issuer(poolId: string): string
    /** Same as `signIn()`: a complete sign-in without the SRP round trips. */
    signIn(poolId: string, username: string, input?: SignInInput): Promise<AuthenticationResult>
  }
  /**
   * Signs a user in from code, with no password and no SRP: the AuthenticationResult a successful sign-in
   * returns (access, ID and refresh tokens; NewDeviceMetadata when the pool tracks devices and no `deviceKey`
   * is given). The user's state is checked as at sign-in.
   *
   * @example
   * const { AccessToken, IdToken, RefreshToken, NewDeviceMetadata } = await cognito.signIn(pool.id, 'ada.kim')
   * // from a known device: tokens carry device_key, the device's last sign-in moves
   * await cognito.signIn(pool.id, 'ada.kim', { deviceKey: device.key })
   */
  signIn(poolId: string, username: string, input?: SignInInput): Promise<AuthenticationResult>
  readonly scenarios: {
    /**
     * Adds a scenario on top of the active ones: it wins over them where both match. A scenario with a
     * `world` re-seeds the store with that world shape first.
     */
    use(scenario: ScenarioInput): void
    /** Removes every rule (the store answers everything), keeping the state. */
    reset(): void
    /** The active layers, most recent first, with each rule's firings so far and left. */
    active(): ReturnType<ScenarioEngine['active']>
    /** The named scenarios that `use(name)` knows: the presets and those you registered. */
    list(): Scenario[]
    /** Adds a named scenario, usable by name from code, the URL or a test. */
    register(scenario: Scenario): void
  }
  readonly requests: {
    /** Every answered call, oldest first (the last 10,000). */
    list(): RequestRecord[]
    clear(): void
  }
  /**
   * Back to the start: the seeded world, the reference date, fresh random streams, the initial scenario
   * (the `scenario` option) and an empty request log.
   */
  reset(): void
  /**
   * The whole state as JSON-safe data. With `exact: true` it also records where the seeded streams stand
   * (`exact`): restoring it then carries on exactly as this mock would have, new device keys, token ids and
   * request ids included, instead of drawing them again from where the restoring mock's streams are.
   */
  snapshot(options?: SnapshotOptions): StoreSnapshot
  /** Puts back what `snapshot()` returned; the streams too when it was taken with `exact: true`. */
  restore(snapshot: StoreSnapshot): void
}

export interface SnapshotOptions {
  /** Also record the seeded streams' positions and the world the state grew from (`exact`). Default false. */
  exact?: boolean
}

// ---------------------------------------------------------------------------------------------------
// createCognitoMock
// ---------------------------------------------------------------------------------------------------

function fail(message: string): never {
  throw new Error(`[cognito-device-mock] ${message}`)
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/

/**
 * The MSW handlers that send every request to Cognito's endpoints (AWS's, and `endpoints`) to `handle`. A mock's
 * own `handlers` are these; the browser adapter builds them before the mock exists, so that the service worker
 * registers while the world is being seeded.
 *
 * @internal not exported from the package entries.
 * @example
 * const handlers = cognitoHandlers(['http://localhost:9229'], (request) => cognito.handle(request))
 */
export function cognitoHandlers(endpoints: readonly string[] | undefined, handle: (request: Request) => Promise<Response>): HttpHandler[] {
  const resolver = ({ request }: { request: Request }) => handle(request)
  return [awsEndpointPattern, ...(endpoints ?? []).map(customEndpointPattern)].map((pattern) => http.all(pattern, resolver))
}

/**
 * Creates a stateful mock of the Cognito user-pools device API.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createCognitoMock } from 'cognito-device-mock'
 *
 * const cognito = createCognitoMock({ seed: 42 })
 * const server = setupServer(...cognito.handlers)
 * server.listen()
 *
 * const [pool] = cognito.pools.list()
 * const [user] = cognito.users.list(pool.id)
 * const accessToken = await cognito.tokens.issue(pool.id, user.username)
 * // new CognitoIdentityProviderClient({ region: 'us-east-1' }).send(new ListDevicesCommand({ AccessToken: accessToken }))
 */
export function createCognitoMock(options: CognitoMockOptions = {}): CognitoMock {
  const seed = options.seed ?? 1
  const region = options.region ?? 'us-east-1'
  if (!regionPattern.test(region)) fail(`region "${region}" is not an AWS region name such as "us-east-1".`)
  const accountId = options.accountId ?? '123456789012'
  if (!/^\d{12}$/.test(accountId)) fail(`accountId must be twelve digits, got "${accountId}".`)
  const reference = toEpochMilliseconds(options.now ?? DEFAULT_NOW)
  const world = checkWorldOptions(options.world ?? {})
  // Built first, so that a bad endpoint is refused before any seeding (`handle` is hoisted).
  const handlers = cognitoHandlers(options.endpoints, handle)

  const store = new Store()
  const tokens = new TokenSigner(String(seed))
  const pages = new PageTokens(String(seed))
  let clock!: Clock
  // The runtime streams count their draws, so that an exact snapshot can say where they stand.
  let random!: SeededFaker
  let scenarioRandom!: SeededFaker
  let requestIds!: Counted<() => string>
  let requestId!: () => string
  /** The shape of the world last seeded (the `world` option, or a scenario's): part of an exact snapshot's origin. */
  let worldShape = world
  const scenarios = new ScenarioEngine(() => scenarioRandom, presets)
  const requestLog = new RequestLog(options.log ?? false)

  /** The runtime streams (new keys and token ids; scenario probabilities), `at` draws after their seeding. */
  function startStreams(at: { runtime: number; scenarios: number } = { runtime: 0, scenarios: 0 }): void {
    random = seededFaker(seed, streams.runtime, at.runtime)
    scenarioRandom = seededFaker(seed, streams.scenarios, at.scenarios)
  }

  /** Request ids, `at` ids after their seeding. Only a reset restarts them: a re-seeded world keeps them unique. */
  function startRequestIds(at = 0): void {
    requestIds = countedUuids(seed, streams.requestIds, at)
    requestId = requestIds.stream
  }

  function seedWorld(worldOverride?: WorldOptions): void {
    store.clear()
    clock = new Clock(reference, options.clock ?? 'logical')
    startStreams()
    const shape = worldOverride ? checkWorldOptions({ ...options.world, ...worldOverride }) : world
    worldShape = shape
    generateWorld(store, seededFaker(seed, streams.world), { now: reference, region, world: shape, seed: String(seed) })
    addSeededClients(store.pools.values(), seededFaker(seed, streams.clients))
  }

  function useScenario(what: ScenarioInput): void {
    const scenario = scenarios.use(what)
    // Re-seeding the world does not restart the request ids: they stay unique for the mock's life.
    if (scenario.world) seedWorld(scenario.world)
  }

  function resetAll(): void {
    seedWorld()
    startRequestIds()
    scenarios.reset()
    requestLog.clear()
    for (const scenario of initialScenarios(options.scenario)) useScenario(scenario)
  }
  resetAll()

  // -------------------------------------------------------------------------------------------------
  // Lookups for the handle
  // -------------------------------------------------------------------------------------------------

  const poolOrFail = (poolId: string): UserPoolRecord =>
    store.pools.get(poolId) ??
    fail(`No user pool "${poolId}". Known pools: ${[...store.pools.keys()].join(', ') || 'none (create one with pools.create())'}.`)

  const userOrFail = (poolId: string, username: string): UserRecord =>
    store.getUser(poolOrFail(poolId).id, username) ?? fail(`No user "${username}" in pool ${poolId}.`)

  const deviceOrFail = (poolId: string, username: string, deviceKey: string): DeviceRecord =>
    store.getDevice(poolId, userOrFail(poolId, username).username, deviceKey) ??
    fail(`No device "${deviceKey}" for user "${username}" in pool ${poolId}.`)

  const copy = <T>(value: T): T => structuredClone(value)

  // -------------------------------------------------------------------------------------------------
  // The request pipeline
  // -------------------------------------------------------------------------------------------------

  /** Calls are answered one at a time, in arrival order: state changes never interleave. */
  let queue: Promise<unknown> = Promise.resolve()

  /** What the pipeline concluded: an answer now, never, or after a delay. */
  type Outcome = { response: Response } | { hang: true } | { delayMs: number; next: () => Promise<Response> }

  /** The request log's facts about one call, filled in as the pipeline learns them. */
  interface CallFacts {
    operation: string
    input: unknown
    answeredBy: string
  }

  async function answer(request: Request, context: AnswerContext, facts: CallFacts): Promise<Outcome> {
    if (request.method === 'OPTIONS') return { response: preflightResponse(request, context) }
    if (request.method === 'GET') {
      const wellKnown = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(new URL(request.url).pathname)
      if (wellKnown) return { response: await wellKnownResponse(wellKnown[1]!, wellKnown[2]!, endpointRegion(request.url)) }
    }
    let name: OperationName
    try {
      name = targetOf(request, isImplementedOperation) as OperationName
    } catch (error) {
      facts.operation = (request.headers.get('x-amz-target') ?? '').replace(/^AWSCognitoIdentityProviderService\./, '')
      return { response: errorAnswer(error, undefined, context) }
    }
    facts.operation = name
    // SigV4 hashes the bytes as sent, a leading BOM included; the JSON reader skips the BOM (as text() would).
    const received = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await request.arrayBuffer())
    const body = received.replace(/^\uFEFF/, '')
    let json: unknown = {}
    if (body.trim() !== '') {
      try {
        json = JSON.parse(body)
      } catch {
        json = MALFORMED
      }
    }
    const input = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined
    facts.input = input

    const firing = scenarios.isEmpty() ? undefined : scenarios.decide(scenarioCall(name, input))
    if (firing) {
      facts.answeredBy = firing.ruleName
      const { answer: scripted, latencyMs } = firing
      if (scripted === 'hang') return { hang: true }
      if (scripted !== 'real') {
        const respond = async () => scriptedResponse(scripted, context)
        return latencyMs > 0 ? { delayMs: latencyMs, next: respond } : { response: await respond() }
      }
      if (latencyMs > 0) return { delayMs: latencyMs, next: () => realAnswer(request, name, received, json, context) }
    }
    return { response: await realAnswer(request, name, received, json, context) }
  }

  /** The stateful answer: signature, decoding, validation, then the operation. The only path that changes state. */
  async function realAnswer(request: Request, name: OperationName, received: string, json: unknown, context: AnswerContext): Promise<Response> {
    try {
      const region = endpointRegion(request.url)
      if (isSignedOperation(name)) {
        const outcome = await checkSigV4(
          { method: request.method, url: request.url, headers: request.headers, body: received },
          { service: SIGNING_NAME, ...(region ? { expectedRegion: region } : {}), ...(options.credentials ? { credentials: options.credentials } : {}) },
        )
        if (!outcome.ok) throw new CognitoError(outcome.failure.type as never, outcome.failure.message)
      }
      if (json === MALFORMED) throw new CognitoError('SerializationException', fidelity.serialization.malformedJson)
      const input = validateInput(name, json)
      const sourceIp = forwardedFor(request)
      const ctx: OperationContext = { store, clock, tokens, pages, random, endpointRegion: region, accountId, ...(sourceIp ? { sourceIp } : {}) }
      const output = await operations[name](ctx, input)
      return successResponse(output, context)
    } catch (error) {
      return errorAnswer(error, name, context)
    }
  }

  function errorAnswer(error: unknown, operation: OperationName | undefined, context: AnswerContext): Response {
    if (isCognitoError(error)) {
      if (operation && !isModeledError(operation, error.type) && !isProtocolError(error.type)) {
        console.error(`[cognito-device-mock] ${operation} answered ${error.type}, which the model does not list for it. This is a bug in the mock.`)
      }
      return errorResponse(error, context)
    }
    console.error('[cognito-device-mock] Unexpected failure while answering a Cognito call; answering InternalErrorException.', error)
    return errorResponse(new CognitoError('InternalErrorException', 'An internal error occurred.'), context)
  }

  function scriptedResponse(scripted: Exclude<Firing['answer'], 'real' | 'hang'>, context: AnswerContext): Response {
    if (scripted === 'network-error') return Response.error()
    if ('error' in scripted) return errorResponse(new CognitoError(scripted.error as never, scripted.message), context)
    const text = scripted.body === undefined ? '' : typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body)
    // Given headers replace the defaults whatever their case (a record with `Content-Type` and `content-type` would join both).
    const headers = new Headers({ 'content-type': CONTENT_TYPE, 'x-amzn-requestid': context.requestId, ...corsHeaders })
    for (const [name, value] of Object.entries(scripted.headers ?? {})) headers.set(name, value)
    // 204, 205 and 304 cannot carry a body, not even an empty one.
    return new Response(text === '' ? null : text, { status: scripted.status, headers })
  }

  async function wellKnownResponse(poolId: string, document: string, region: string | undefined): Promise<Response> {
    const pool = store.pools.get(poolId)
    const headers = { 'content-type': 'application/json', ...corsHeaders }
    if (!pool || (region !== undefined && region !== pool.region)) {
      return new Response(JSON.stringify({ message: `User pool ${poolId} does not exist.` }), { status: 404, headers })
    }
    const issuer = issuerOf(pool.region, pool.id)
    const body =
      document === 'jwks.json'
        ? await tokens.jwks(pool.id)
        : {
            issuer,
            jwks_uri: `${issuer}/.well-known/jwks.json`,
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            response_types_supported: ['code', 'token'],
          }
    return new Response(JSON.stringify(body), { status: 200, headers })
  }

  /** Runs `task` after every call that arrived before it: state changes never interleave. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task)
    queue = run.catch(() => undefined)
    return run
  }

  function handle(request: Request): Promise<Response> {
    // The id is drawn on arrival, before any await, so ids follow the order requests were made in.
    const id = requestId()
    const facts: CallFacts = { operation: '', input: undefined, answeredBy: 'store' }
    return enqueue(async () => {
      const context = { requestId: id, now: clock.now() }
      const outcome = await answer(request, context, facts)
      clock.tick(CLOCK_STEP_MS)
      return { context, outcome }
    }).then(async ({ context, outcome }) => {
      const entry = requestLog.record({ requestId: id, ...facts, at: context.now })
      if ('hang' in outcome) return new Promise<Response>(() => {})
      let response: Response
      if ('delayMs' in outcome) {
        await new Promise((resolve) => setTimeout(resolve, outcome.delayMs))
        response = await enqueue(outcome.next)
      } else response = outcome.response
      requestLog.settle(entry, response)
      return response
    })
  }

  // -------------------------------------------------------------------------------------------------
  // The handle
  // -------------------------------------------------------------------------------------------------

  function clientsOf(inputs: readonly CreateClientInput[]) {
    if (!Array.isArray(inputs) || inputs.length === 0) fail('clients takes a list of at least one app client, e.g. [{ clientName: "web" }].')
    const clients = inputs.map((input) => {
      try {
        return makeClient(random, input)
      } catch (error) {
        return fail((error as Error).message.replace('[cognito-device-mock] ', ''))
      }
    })
    const ids = clients.map((c) => c.clientId)
    const taken = ids.find((id, i) => ids.indexOf(id) !== i || [...store.pools.values()].some((p) => p.clients.some((c) => c.clientId === id)))
    if (taken) fail(`app client id ${taken} is already in use.`)
    return clients
  }

  /** A sign-in from code: the user's state is checked, the password is not, and no SRP is walked. */
  async function signIn(poolId: string, username: string, input: SignInInput = {}): Promise<AuthenticationResult> {
    const pool = poolOrFail(poolId)
    const user = userOrFail(poolId, username)
    const client = input.clientId === undefined ? pool.clients[0] : pool.clients.find((c) => c.clientId === input.clientId)
    if (!client) fail(input.clientId === undefined ? `pool ${pool.id} has no app client to sign in with.` : `pool ${pool.id} has no app client ${input.clientId}.`)
    if (input.deviceKey !== undefined) {
      if (pool.deviceRemembering === 'off') fail(`pool ${pool.id} does not track devices (deviceRemembering "off"): sign in without deviceKey.`)
      if (!store.getDevice(pool.id, user.username, input.deviceKey)) fail(`user "${user.username}" has no device "${input.deviceKey}" (devices.list() shows theirs).`)
    }
    if (user.status !== 'CONFIRMED') fail(`user "${user.username}" has status ${user.status}: a sign-in would be refused. Set status: 'CONFIRMED' first.`)
    if (!user.enabled) fail(`user "${user.username}" is disabled: a sign-in would be refused (User is disabled.).`)
    const ctx: OperationContext = { store, clock, tokens, pages, random, endpointRegion: undefined, accountId }
    if (input.deviceKey !== undefined) {
      // From a known device: no new key is handed out; the tokens name the device and its last sign-in moves.
      const device = store.getDevice(pool.id, user.username, input.deviceKey)!
      device.lastAuthenticatedAt = Math.floor(clock.now() / 1000) * 1000
      return signInResult(ctx, { pool, client, user, deviceKey: device.key })
    }
    const newDevice = pool.deviceRemembering === 'off' ? undefined : issueDeviceKey(ctx, pool, user)
    return signInResult(ctx, { pool, client, user, ...(newDevice ? { newDevice } : {}) })
  }

  const mock: CognitoMock = {
    handlers,
    handle,
    seed,
    clock: {
      now: () => clock.now(),
      advance: (duration) => clock.advance(duration),
      set: (date) => clock.set(date),
    },
    pools: {
      list: () => [...store.pools.values()].map(copy),
      get: (poolId) => {
        const pool = store.pools.get(poolId)
        return pool && copy(pool)
      },
      create(input = {}) {
        const poolRegion = input.region ?? region
        if (!regionPattern.test(poolRegion)) fail(`region "${poolRegion}" is not an AWS region name such as "us-east-1".`)
        const id = input.id ?? make.userPoolId(random, poolRegion)
        if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(id) || id.length > 55) fail(`"${id}" is not a user pool id such as "us-east-1_AbC123xYz".`)
        if (!id.startsWith(`${poolRegion}_`)) fail(`user pool id "${id}" must start with its region, "${poolRegion}_".`)
        if (store.pools.has(id)) fail(`user pool ${id} already exists.`)
        const pool: UserPoolRecord = {
          id,
          name: input.name ?? make.poolName(random),
          region: poolRegion,
          deviceRemembering: checkRemembering(input.deviceRemembering ?? 'user-opt-in'),
          clients: input.clients ? clientsOf(input.clients) : [{ clientId: make.appClientId(random), clientName: 'web' }],
          createdAt: clock.now(),
        }
        store.pools.set(id, pool)
        return copy(pool)
      },
      update(poolId, patch) {
        const pool = poolOrFail(poolId)
        if (patch.deviceRemembering !== undefined) pool.deviceRemembering = checkRemembering(patch.deviceRemembering)
        if (patch.name !== undefined) pool.name = patch.name
        if (patch.clients !== undefined) pool.clients = clientsOf(patch.clients)
        return copy(pool)
      },
      remove: (poolId) => store.removePool(poolId),
    },
    users: {
      list: (poolId) => store.usersOf(poolOrFail(poolId).id).map(copy),
      get(poolId, username) {
        const user = store.getUser(poolId, username)
        return user && copy(user)
      },
      create(poolId, input = {}) {
        const pool = poolOrFail(poolId)
        const person = make.person(random)
        const username = input.username ?? person.username
        if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username) || username.length > 128) {
          fail(`"${username}" is not a valid Cognito username (1–128 letters, marks, symbols, digits or punctuation).`)
        }
        if (store.getUser(pool.id, username)) fail(`user "${username}" already exists in pool ${pool.id}.`)
        const user: UserRecord = {
          poolId: pool.id,
          username,
          sub: make.uuid(random),
          email: input.email ?? `${username.replace(/[^\w.+-]/g, '')}@example.com`,
          password: checkPassword(input.password ?? seededPassword(String(seed), pool.id, username)),
          status: input.status ?? 'CONFIRMED',
          enabled: input.enabled ?? true,
          createdAt: clock.now(),
        }
        store.putUser(user)
        return copy(user)
      },
      update(poolId, username, patch) {
        const user = userOrFail(poolId, username)
        if (patch.status !== undefined) user.status = patch.status
        if (patch.enabled !== undefined) user.enabled = patch.enabled
        if (patch.email !== undefined) user.email = patch.email
        if (patch.password !== undefined) user.password = checkPassword(patch.password)
        return copy(user)
      },
      remove: (poolId, username) => store.removeUser(poolId, username),
    },
    devices: {
      list: (poolId, username) => store.devicesOf(poolId, userOrFail(poolId, username).username).ordered.map(copy),
      get(poolId, username, deviceKey) {
        const device = store.getDevice(poolId, username, deviceKey)
        return device && copy(device)
      },
      create(poolId, username, input = {}) {
        const pool = poolOrFail(poolId)
        const user = userOrFail(poolId, username)
        const key = input.key ?? make.deviceKey(random, pool.region)
        if (!/^[\w-]+_[0-9a-f-]+$/.test(key) || key.length > 55) fail(`"${key}" is not a device key such as "${pool.region}_<lowercase uuid>".`)
        if (store.isDeviceKeyTaken(key)) fail(`device key ${key} is already in use.`)
        const now = clock.now()
        const createdAt = input.createdAt === undefined ? now : toEpochMilliseconds(input.createdAt)
        const device = store.putDevice({
          poolId: pool.id,
          username: user.username,
          key,
          groupKey: make.deviceGroupKey(random),
          ...(input.name === null ? {} : { name: input.name ?? make.deviceName(random) }),
          rememberedStatus: input.rememberedStatus ?? (pool.deviceRemembering === 'always' ? 'remembered' : 'not_remembered'),
          lastIp: input.lastIp ?? make.ipAddress(random),
          sdk: input.sdk ?? 'aws-sdk',
          createdAt,
          lastModifiedAt: input.lastModifiedAt === undefined ? createdAt : toEpochMilliseconds(input.lastModifiedAt),
          lastAuthenticatedAt:
            input.lastAuthenticatedAt === undefined ? Math.floor(createdAt / 1000) * 1000 : toEpochMilliseconds(input.lastAuthenticatedAt),
        })
        return copy(device)
      },
      update(poolId, username, deviceKey, patch) {
        const device = deviceOrFail(poolId, username, deviceKey)
        if (patch.rememberedStatus !== undefined) {
          if (patch.rememberedStatus !== 'remembered' && patch.rememberedStatus !== 'not_remembered') {
            fail(`rememberedStatus must be "remembered" or "not_remembered", got "${patch.rememberedStatus}".`)
          }
          device.rememberedStatus = patch.rememberedStatus
          device.lastModifiedAt = clock.now()
        }
        if ('name' in patch) {
          if (patch.name === undefined) delete device.name
          else device.name = patch.name
        }
        if (patch.lastIp !== undefined) device.lastIp = patch.lastIp
        if (patch.sdk !== undefined) device.sdk = patch.sdk
        return copy(device)
      },
      remove: (poolId, username, deviceKey) => store.removeDevice(poolId, userOrFail(poolId, username).username, deviceKey),
      issueKey(poolId, username, issueOptions = {}) {
        const pool = poolOrFail(poolId)
        const user = userOrFail(poolId, username)
        if (pool.deviceRemembering === 'off') fail(`pool ${pool.id} does not track devices (deviceRemembering "off"): no key to issue.`)
        return issueDeviceKey({ store, random, clock }, pool, user, issueOptions.lastIp)
      },
    },
    tokens: {
      async issue(poolId, username, input = {}) {
        const pool = poolOrFail(poolId)
        const user = userOrFail(poolId, username)
        const iat = Math.floor(clock.now() / 1000)
        const lifetime = Math.floor(toMilliseconds(input.expiresIn ?? '1h') / 1000)
        const originJti = make.uuid(random)
        const claims: AccessTokenClaims = {
          sub: user.sub,
          ...(input.deviceKey !== undefined ? { device_key: input.deviceKey } : {}),
          iss: issuerOf(pool.region, pool.id),
          client_id: input.clientId ?? pool.clients[0]?.clientId ?? make.appClientId(random),
          origin_jti: originJti,
          event_id: make.uuid(random),
          token_use: 'access',
          scope: input.scope ?? ADMIN_SCOPE,
          auth_time: iat,
          exp: iat + lifetime,
          iat,
          jti: make.uuid(random),
          username: user.username,
        }
        const key = `${pool.id}\u0000${user.username.toLowerCase()}`
        store.issuedTokenIds.set(key, [...(store.issuedTokenIds.get(key) ?? []), originJti])
        return tokens.sign(pool.id, claims)
      },
      revoke(token) {
        const payload = token.split('.')[1]
        let claims: Partial<AccessTokenClaims>
        try {
          claims = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/')))
        } catch {
          fail('revoke() takes an access token the mock issued.')
        }
        if (!claims.origin_jti) fail('revoke() takes an access token the mock issued.')
        store.revokedTokenIds.add(claims.origin_jti)
      },
      signOut(poolId, username) {
        const user = userOrFail(poolId, username)
        for (const id of store.issuedTokenIds.get(`${user.poolId}\u0000${user.username.toLowerCase()}`) ?? []) store.revokedTokenIds.add(id)
      },
      jwks: (poolId) => tokens.jwks(poolOrFail(poolId).id),
      issuer(poolId) {
        const pool = poolOrFail(poolId)
        return issuerOf(pool.region, pool.id)
      },
      signIn: (poolId, username, input) => signIn(poolId, username, input),
    },
    signIn: (poolId, username, input) => signIn(poolId, username, input),
    scenarios: {
      use: useScenario,
      reset: () => scenarios.reset(),
      active: () => scenarios.active(),
      list: () => scenarios.presets(),
      register: (scenario) => scenarios.register(scenario),
    },
    requests: {
      list: () => requestLog.list(),
      clear: () => requestLog.clear(),
    },
    reset: resetAll,
    snapshot(snapshotOptions = {}) {
      const state = store.snapshot(clock.now())
      if (!snapshotOptions.exact) return state
      const exact: ExactPosition = {
        origin: { seed, now: reference, region, accountId, clock: clock.mode, world: normalWorld(worldShape) },
        draws: { runtime: random.draws, scenarios: scenarioRandom.draws, requestIds: requestIds.draws() },
        ...(clock.mode === 'wall' ? { wallOffset: clock.now() - Date.now() } : {}),
      }
      return { ...state, exact }
    },
    restore(snapshot) {
      // Checked before anything changes: a refused snapshot leaves the mock as it was.
      const exact = snapshot?.exact
      const at = exact && {
        runtime: checkDraws(exact.draws?.runtime, 'runtime'),
        scenarios: checkDraws(exact.draws?.scenarios, 'scenarios'),
        requestIds: checkDraws(exact.draws?.requestIds, 'requestIds'),
        world: checkWorldOptions(exact.origin?.world ?? {}),
      }
      store.restore(snapshot)
      // Snapshots taken before users had passwords: give them their seeded one.
      for (const user of store.users.values()) user.password ??= seededPassword(String(seed), user.poolId, user.username)
      if (at) {
        startStreams(at)
        startRequestIds(at.requestIds)
        worldShape = at.world
      }
      if (clock.mode === 'wall' && typeof exact?.wallOffset === 'number') clock.set(Date.now() + exact.wallOffset)
      else clock.set(snapshot.now)
    },
  }
  return mock
}

/** The `scenario` option as a list of uses: a list of names or scenarios is used in order, anything else once. */
function initialScenarios(option: CognitoMockOptions['scenario']): ScenarioInput[] {
  if (option === undefined) return []
  const isList =
    Array.isArray(option) && option.every((item) => typeof item === 'string' || (item !== null && typeof item === 'object' && 'rules' in item))
  return isList && option.length > 0 ? [...(option as (string | Scenario)[])] : Array.isArray(option) && option.length === 0 ? [] : [option as ScenarioInput]
}

/** A world shape with its keys in one order, so that two origins compare equal as JSON when they are. */
function normalWorld(world: Required<WorldOptions>): Required<WorldOptions> {
  const { pools, usersPerPool, devicesPerUser, deviceRemembering } = world
  return { pools, usersPerPool, devicesPerUser: { min: devicesPerUser.min, max: devicesPerUser.max }, deviceRemembering: [...deviceRemembering] }
}

/** The first address of `X-Forwarded-For`, when a proxy (or a test) names the caller (see fidelity.deviceIpSources). */
function forwardedFor(request: Request): string | undefined {
  const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return first || undefined
}

function checkPassword(password: string): string {
  if (typeof password !== 'string' || password.length === 0 || password.length > 256) {
    fail('a password is a non-empty string of at most 256 characters.')
  }
  return password
}

function checkRemembering(mode: DeviceRemembering): DeviceRemembering {
  if (mode !== 'always' && mode !== 'user-opt-in' && mode !== 'off') {
    fail(`deviceRemembering must be "always", "user-opt-in" or "off", got "${String(mode)}".`)
  }
  return mode
}
