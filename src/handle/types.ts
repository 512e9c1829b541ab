import type { PoolSettingsSpec } from '../state/pool-settings.ts'
import type { HttpHandler } from 'msw'
import type { AuthenticationResult } from '../auth/results.ts'
import type { AwsCredentials } from '../protocol/sigv4.ts'
import type { ActiveLayer } from '../scenarios/engine.ts'
import type { RequestRecord, Scenario, ScenarioInput, ScenarioOption } from '../scenarios/types.ts'
import type { CreateClientInput } from '../state/clients.ts'
import type { SessionCookie } from './client-storage.ts'
import type { Duration } from '../state/clock.ts'
import type { RuntimeOptions } from '../state/runtime.ts'
import type { Seed } from '../state/seed.ts'
import type { OutboxFilter } from '../state/outbox.ts'
import type { PoolMfaSpec, UserMfaSpec } from '../state/world-mfa.ts'
import type {
  DeviceRecord,
  DeviceRemembering,
  DeviceRememberedStatus,
  OutboxMessage,
  MfaMode,
  SignInAlias,
  StoreSnapshot,
  UserPoolRecord,
  UserRecord,
  UserStatus,
} from '../state/types.ts'

/** The public types of the mock: its options, the handle, and what its methods take. */

/** The options of `createCognitoMock`: the state's (`RuntimeOptions`: seed, now, clock, region, accountId, world) and these. */
export interface CognitoMockOptions extends RuntimeOptions {
  /** Extra endpoint URLs to answer besides the public Cognito hosts, e.g. `http://localhost:4566`. */
  endpoints?: readonly string[]
  /**
   * Verify SigV4 signatures of admin calls against these credentials, refusing unknown keys and bad
   * signatures as AWS does. Without it, admin calls need a well-formed signature for the right
   * service and region, with any key.
   */
  credentials?: readonly AwsCredentials[]
  /**
   * Refuse admin calls whose X-Amz-Date is more than 15 minutes from now, as AWS does (`InvalidSignatureException`,
   * `Signature expired: … - 15 min.`). "Now" is the wall clock or the mock's clock, whichever is nearer, since
   * SDKs that adopt a server's Date header sign with the mock's time. Default false: tests move the mock's clock at
   * will; `serve` turns it on.
   */
  checkSignatureDate?: boolean
  /**
   * A scenario active from the start and after every `reset()`: a preset's name, a scenario, or rules.
   * See `scenarios.use()`.
   */
  scenario?: ScenarioOption
  /** Log one line per answered call to the console (default false: quiet in tests). */
  log?: boolean
}

// ---------------------------------------------------------------------------------------------------
// Handle types
// ---------------------------------------------------------------------------------------------------

export interface CreatePoolInput extends PoolSettingsSpec {
  id?: string
  name?: string
  region?: string
  deviceRemembering?: DeviceRemembering
  /** The pool's app clients (default: one public client, `web`). `clientSecret: true` draws a secret. */
  clients?: readonly CreateClientInput[]
  /** MFA (default `'off'`): `'optional'`, `'on'`, or `{ mode, factors, rememberedDevicesSkipMfa, smsMessage, … }`. */
  mfa?: MfaMode | PoolMfaSpec
  /** Attributes users may also sign in with, and admin calls name them by. */
  aliases?: readonly SignInAlias[]
}

/** What `users.create` takes: the name and password, the state, contact details and second factors. */
export interface CreateUserInput extends UserMfaSpec {
  username?: string
  email?: string
  /** The password sign-in checks (default: one drawn from the seed, pool and username, e.g. `Harbor-Falcon-4821`). */
  password?: string
  status?: UserStatus
  enabled?: boolean
  /** Attributes besides email and phone number: standard (`name`, `given_name`…) or the pool's custom ones (`custom:tier`). */
  attributes?: Readonly<Record<string, string>>
}

export interface SignInInput {
  /** Sign in from this device, as a device SRP sign-in does: no new device, `device_key` in the access token. */
  deviceKey?: string
  /** The app client (default: the pool's first client). */
  clientId?: string
}

/** What `cognito.signInAs()` takes besides the pool and user. */
export interface SignInAsOptions {
  /**
   * The device the session signs in from, whose keys and secret go into storage so the client's next sign-in
   * runs device SRP with it: `'remembered'`, `'not_remembered'`, or `'new'` (as a first sign-in leaves it:
   * remembered in an `always` pool, not remembered in a `user-opt-in` one). Default `false`: no device keys,
   * as after a sign-in in a pool that tracks no devices.
   */
  device?: 'new' | 'remembered' | 'not_remembered' | false
  /** The device's name, as ConfirmDevice's DeviceName (default: one drawn from the seed, like a browser's). */
  deviceName?: string
  /** The app client whose keys are written (default: the pool's first client). */
  clientId?: string
  /**
   * Whose convention `clockDrift` follows, as the two clients write the same key differently: `'amplify'`
   * (v6: ms, token time minus wall time; the default) or `'identity-js'` (seconds, the other way round). Only
   * matters when the mock's clock is not the wall clock.
   */
  client?: 'amplify' | 'identity-js'
  /** `signInDetails.loginId`: what the user typed to sign in (default: the username). */
  loginId?: string
}

/**
 * A signed-in session as data: what Amplify v6 and amazon-cognito-identity-js keep once a user has signed in,
 * with tokens the mock accepts and, with `device`, a device whose secret the mock knows.
 */
export interface SignedInSession {
  poolId: string
  clientId: string
  /** The username the keys are stored under (the user's own, as the service returns it in USERNAME). */
  username: string
  accessToken: string
  idToken: string
  refreshToken: string
  /** The device signed in from: its keys and the random password behind its SRP verifier. */
  device?: { key: string; groupKey: string; randomPassword: string; rememberedStatus: DeviceRememberedStatus }
  /** The `CognitoIdentityServiceProvider.<clientId>.…` entries, key → value, for `localStorage` or `sessionStorage`. */
  storage: Record<string, string>
  /** The same entries as the cookies Amplify's cookie storage (`ssr: true`) sets: Playwright's `addCookies` shape, without `url`/`domain`. */
  cookies: SessionCookie[]
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
    update(poolId: string, patch: Partial<Pick<UserPoolRecord, 'name' | 'deviceRemembering'>> & Pick<CreatePoolInput, 'clients' | 'mfa' | 'aliases' | keyof PoolSettingsSpec>): UserPoolRecord
    remove(poolId: string): boolean
  }
  readonly users: {
    list(poolId: string): UserRecord[]
    get(poolId: string, username: string): UserRecord | undefined
    create(poolId: string, input?: CreateUserInput): UserRecord
    update(poolId: string, username: string, patch: Partial<Pick<UserRecord, 'status' | 'enabled' | 'email' | 'password'>> & Pick<CreateUserInput, 'attributes'> & UserMfaSpec): UserRecord
    remove(poolId: string, username: string): boolean
    /**
     * The code an authenticator app shows now, on the mock's clock, for the user's authenticator secret: the
     * verified one, else the one AssociateSoftwareToken handed out and VerifySoftwareToken has not checked yet,
     * else the newest live MFA_SETUP sign-in's. Throws when the user has none.
     *
     * @example
     * const code = cognito.users.totpCode(pool.id, 'ada') // '492039': answer SOFTWARE_TOKEN_MFA with it
     * cognito.clock.advance('30s') // the next step: another code
     */
    totpCode(poolId: string, username: string): string
  }
  readonly devices: {
    /** All of the user's devices, remembered or not, in list order. */
    list(poolId: string, username: string): DeviceRecord[]
    get(poolId: string, username: string, deviceKey: string): DeviceRecord | undefined
    /**
     * Gives the user a device, as if they had signed in on it and confirmed it. Remembered unless
     * `rememberedStatus: 'not_remembered'`, so ListDevices and GetDevice show it (a not-remembered device
     * only appears to the admin operations). Throws in a pool with `deviceRemembering: 'off'`, which tracks no devices.
     */
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
    /** @deprecated Use `cognito.signIn()`, the one sign-in from code. Kept as an alias; removed in 1.0. */
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
  /**
   * A signed-in session as data, for starting an app signed in without walking SRP: the user is signed in from
   * code (`signIn`), optionally from a new device whose secret the mock keeps, and the result holds the storage
   * entries and cookies the clients would have written. Put them where the app's client reads them (the
   * Playwright fixture's `signInAs`, Storybook's `signedInAs` and the window control do it for you).
   *
   * @example
   * const session = await cognito.signInAs(pool.id, 'ada', { device: 'remembered' })
   * for (const [key, value] of Object.entries(session.storage)) localStorage.setItem(key, value)
   * // the app's Amplify is signed in; its next sign-in from this browser runs device SRP with session.device
   */
  signInAs(poolId: string, username: string, options?: SignInAsOptions): Promise<SignedInSession>
  readonly scenarios: {
    /**
     * Adds a scenario on top of the active ones: it wins over them where both match. A scenario with a
     * `world` re-seeds the store with that world shape first.
     */
    use(scenario: ScenarioInput): void
    /** Back to the initial scenario (the `scenario` option), as MSW's `resetHandlers()`; the state is kept. */
    reset(): void
    /** No scenario at all: the store answers everything; the state is kept. */
    clear(): void
    /** The active layers, most recent first, with each rule's firings so far and left. */
    active(): ActiveLayer[]
    /** The named scenarios that `use(name)` knows: the presets and those you registered. */
    list(): Scenario[]
    /** Adds a named scenario, usable by name from code, the URL or a test. */
    register(scenario: Scenario): void
  }
  /**
   * The SMS and email messages the mock "sent" (MFA, sign-up, reset and verification codes, invitations), newest
   * last, as copies: what a test types in. A
   * filter's members must all match: `poolId`, `username` (case-insensitive; also the address or number a message went
   * to), `medium` (`'SMS' | 'EMAIL'`), `purpose` (`'mfa' | 'sign-up' | 'forgot-password' | 'verify-attribute' | 'invitation'`).
   *
   * @example
   * const code = cognito.outbox.code({ username: 'ada', medium: 'SMS' }) // the newest SMS code sent to ada
   * const message = cognito.outbox.last() // newest message, or undefined
   * const stop = cognito.outbox.onMessage((message) => console.log(message.text))
   */
  readonly outbox: {
    /**
     * @example
     * cognito.outbox.list({ poolId: pool.id, medium: 'EMAIL' }) // oldest first
     */
    list(filter?: OutboxFilter): OutboxMessage[]
    /**
     * @example
     * cognito.outbox.last({ username: 'ada' })?.destination // '+15555550123'
     */
    last(filter?: OutboxFilter): OutboxMessage | undefined
    /**
     * The newest matching message's code; throws, naming the filter and what the outbox holds, when none matches.
     *
     * @example
     * await respond({ ChallengeName: 'SMS_MFA', ChallengeResponses: { SMS_MFA_CODE: cognito.outbox.code({ username: 'ada' }) } })
     */
    code(filter?: OutboxFilter): string
    /**
     * @example
     * cognito.outbox.clear() // cognito.outbox.list() is [] until the next code is sent
     */
    clear(): void
    /**
     * Calls `listener` with each message as it is sent; returns what stops it.
     *
     * @example
     * const stop = cognito.outbox.onMessage((message) => console.log(`${message.medium} ${message.code}`))
     * stop()
     */
    onMessage(listener: (message: OutboxMessage) => void): () => void
  }
  readonly requests: {
    /** Every answered call, oldest first (the most recent 10,000, large inputs truncated: see the README). */
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
