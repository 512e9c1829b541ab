import type { ClockMode } from './clock.ts'
import type { AuthSessionRecord } from './session-types.ts'
import type { Seed } from './seed.ts'
import type { WorldDescription } from './world-description.ts'

/**
 * The records the mock keeps. Plain data throughout, so that a snapshot is JSON and a restore is exact.
 * Dates are epoch milliseconds (the wire shows them as epoch seconds with a millisecond fraction).
 */

/**
 * How a user pool remembers devices (the console's "Remember user devices"; the API's
 * `DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt`: false for `always`, true for `user-opt-in`):
 * - `always`: a confirmed device is remembered at once (`UserConfirmationNecessary: false`);
 * - `user-opt-in`: a confirmed device stays `not_remembered` until the user remembers it (`true`);
 * - `off`: the pool tracks no devices.
 */
export type DeviceRemembering = 'always' | 'user-opt-in' | 'off'

/**
 * An app client. Sign-in names it by `ClientId`; a client with a secret needs `SECRET_HASH` (WIRE-style
 * Base64(HMAC-SHA256(secret, username + clientId))) on every sign-in call.
 */
export interface AppClientRecord {
  clientId: string
  clientName: string
  /** The client secret; absent for a public client (browsers, Amplify, amazon-cognito-identity-js). */
  clientSecret?: string
  /**
   * `ENABLED` (the default here, as in the console): an unknown user signs in like a wrong password;
   * `LEGACY`: UserNotFoundException.
   */
  preventUserExistenceErrors?: 'ENABLED' | 'LEGACY'
  /**
   * The sign-in flows the client allows (`ALLOW_USER_SRP_AUTH`, `ALLOW_USER_PASSWORD_AUTH`,
   * `ALLOW_REFRESH_TOKEN_AUTH`). Absent: all three.
   */
  explicitAuthFlows?: string[]
}

/** A second factor, as the mock names it: `sms` (SMS_MFA), `totp` (SOFTWARE_TOKEN_MFA), `email` (EMAIL_OTP). */
export type MfaFactor = 'sms' | 'totp' | 'email'

/** The pool's MfaConfiguration: `off`, `optional` (users who set up a factor use it) or `on` (every user). */
export type MfaMode = 'off' | 'optional' | 'on'

/** What SetUserPoolMfaConfig sets, and the device setting that lets a remembered device skip MFA. */
export interface PoolMfaRecord {
  mode: MfaMode
  /** The factors the pool offers, in this order when a user may choose (SELECT_MFA_TYPE, MFA_SETUP). */
  factors: MfaFactor[]
  /**
   * DeviceConfiguration.ChallengeRequiredOnNewDevice (despite its name, `true` lets a remembered device sign in
   * with device SRP instead of MFA; the console's "Trust remembered devices to suppress MFA").
   */
  rememberedDevicesSkipMfa: boolean
  /** What a world gave users it does not describe (world-mfa.ts): kept so that the pool reads as it was described. */
  userFactors?: MfaFactor[]
  /** SmsMfaConfiguration.SmsAuthenticationMessage: contains `{####}`. */
  smsMessage?: string
  /** SmsMfaConfiguration.SmsConfiguration, kept as given. */
  smsConfiguration?: { SnsCallerArn?: string; ExternalId?: string; SnsRegion?: string }
  /** EmailMfaConfiguration.Message (contains `{####}`) and Subject. */
  emailMessage?: string
  emailSubject?: string
}

/** The attributes a pool lets users sign in with besides the username (AliasAttributes / UsernameAttributes). */
export type SignInAlias = 'email' | 'phone_number'

export interface UserPoolRecord {
  id: string
  name: string
  region: string
  deviceRemembering: DeviceRemembering
  clients: AppClientRecord[]
  createdAt: number
  /** Absent in snapshots taken before MFA existed: MFA off (see `poolMfa`). */
  mfa?: PoolMfaRecord
  /** AliasAttributes: a user may sign in, and an admin call may name them, by these (verified) attributes. */
  aliases?: SignInAlias[]
  /**
   * UsernameAttributes: users sign up and sign in with their email or phone number instead of a username (they get
   * a generated one). A pool has aliases or username attributes, never both.
   */
  usernameAttributes?: SignInAlias[]
  /** AutoVerifiedAttributes: where sign-up codes go, and which changed attributes need a code (absent: fidelity.poolDefaults). */
  autoVerified?: VerifiableAttribute[]
  /** Standard attributes SignUp and AdminCreateUser must be given (absent: fidelity.poolDefaults). */
  requiredAttributes?: string[]
  /** The pool's custom attributes, `custom:` included (`custom:tier`). */
  customAttributes?: string[]
  /** The password policy (absent: Cognito's default, fidelity.poolDefaults). */
  passwordPolicy?: PasswordPolicyRecord
  /** AccountRecoverySetting, in priority order (absent: fidelity.poolDefaults). */
  accountRecovery?: RecoveryOption[]
  /**
   * UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: a changed email or phone number waits
   * for its code, the old one still signs in and receives messages.
   */
  keepOriginalUntilVerified?: boolean
}

/** The attributes Cognito verifies with a code. */
export type VerifiableAttribute = 'email' | 'phone_number'

/** AccountRecoverySetting's mechanisms. */
export type RecoveryOption = 'verified_email' | 'verified_phone_number' | 'admin_only'

/** PasswordPolicyType: what a new password must have, and how long a temporary one is good for. */
export interface PasswordPolicyRecord {
  minimumLength: number
  requireLowercase: boolean
  requireUppercase: boolean
  requireNumbers: boolean
  requireSymbols: boolean
  temporaryPasswordValidityDays: number
}

/** Cognito's user statuses, as `AdminGetUser` shows them. */
export type UserStatus =
  | 'CONFIRMED'
  | 'UNCONFIRMED'
  | 'RESET_REQUIRED'
  | 'FORCE_CHANGE_PASSWORD'
  | 'ARCHIVED'
  | 'COMPROMISED'
  | 'UNKNOWN'
  | 'EXTERNAL_PROVIDER'

export interface UserRecord {
  poolId: string
  username: string
  sub: string
  email: string
  /** The user's password, in clear: a mock knows it so that tests can sign in (seeded users get one from the seed). */
  password: string
  status: UserStatus
  enabled: boolean
  createdAt: number
  /** `email_verified` (absent: true, unless the user is UNCONFIRMED). */
  emailVerified?: boolean
  /** E.164, `+15555550123`; absent: the user has no phone number. */
  phoneNumber?: string
  /** `phone_number_verified` (absent: true when there is a number). */
  phoneVerified?: boolean
  /** Second factors (absent: none set up). */
  mfa?: UserMfaRecord
  /** Attributes besides `sub`, `email`, `phone_number` and their verified flags (`name`, `custom:tier`…), in the order set. */
  attributes?: Record<string, string>
  /** UserLastModifiedDate: the last change of an attribute, the status or the password (absent: `createdAt`). */
  modifiedAt?: number
  /** FORCE_CHANGE_PASSWORD: when the temporary password was set; it expires after the pool's validity days. */
  temporaryPasswordAt?: number
  /** Codes sent and not used yet: sign-up confirmation, password reset, attribute verification. */
  codes?: UserCodeRecord[]
  /** Calls counted against the hourly limits (fidelity.hourlyLimits): their times, per operation. */
  calls?: Record<string, number[]>
  /** An email or phone number waiting for its code in a pool that keeps the original until then. */
  pendingAttributes?: Partial<Record<VerifiableAttribute, string>>
}

/** A code the user was sent and must type in. */
export interface UserCodeRecord {
  purpose: 'sign-up' | 'forgot-password' | 'verify-attribute'
  /** What a right code verifies: the attribute it went to. */
  attribute?: VerifiableAttribute
  code: string
  expiresAt: number
}

/** A user's second factors: what SetUserMFAPreference enabled, their preference, their authenticator app. */
export interface UserMfaRecord {
  /** Factors enabled for sign-in (UserMFASettingList), in the order they were enabled. */
  enabled: MfaFactor[]
  /** PreferredMfaSetting. */
  preferred?: MfaFactor
  /** The verified authenticator secret (Base32): SOFTWARE_TOKEN_MFA codes are checked against it. */
  totpSecret?: string
  /** VerifySoftwareToken's FriendlyDeviceName: the SOFTWARE_TOKEN_MFA challenge names it. */
  totpName?: string
  /** A secret AssociateSoftwareToken handed out to a signed-in user, until VerifySoftwareToken checks a code. */
  pendingTotpSecret?: string
  /** The last TOTP time step accepted: a code is good once (fidelity.mfa.totp). */
  totpLastStep?: number
}

/** What the pool's outbox records: a code or password the service would have sent by SMS or email. */
export interface OutboxMessage {
  /** Position in the outbox, from 1, never reused. */
  id: number
  /** The mock's clock when it was sent, epoch milliseconds. */
  at: number
  poolId: string
  username: string
  medium: 'SMS' | 'EMAIL'
  /** The full phone number or address (the challenge shows it masked). */
  destination: string
  /**
   * Why it was sent: `mfa` (SMS_MFA, EMAIL_OTP at sign-in or MFA set-up), `sign-up` (SignUp,
   * ResendConfirmationCode), `forgot-password` (ForgotPassword, AdminResetUserPassword), `verify-attribute`
   * (UpdateUserAttributes, GetUserAttributeVerificationCode), `invitation` (AdminCreateUser: the code is the
   * temporary password).
   */
  purpose: OutboxPurpose
  /** An email's subject. */
  subject?: string
  code: string
  /** The message as the pool words it (`{####}` replaced). */
  text: string
  /** When the code stops being good: the end of the sign-in session it was sent for (epoch milliseconds). */
  expiresAt: number
}

/** Why the outbox holds a message. */
export type OutboxPurpose = 'mfa' | 'sign-up' | 'forgot-password' | 'verify-attribute' | 'invitation'

export type DeviceRememberedStatus = 'remembered' | 'not_remembered'

export interface DeviceRecord {
  poolId: string
  username: string
  key: string
  groupKey: string
  /** `undefined` when ConfirmDevice had no DeviceName: the attribute is then absent (WIRE §4). */
  name?: string
  rememberedStatus: DeviceRememberedStatus
  lastIp: string
  sdk: string
  createdAt: number
  lastModifiedAt: number
  lastAuthenticatedAt: number
  /** Position in the owner's list: strictly increasing, never reused, so pagination cursors stay valid. */
  seq: number
  verifier?: { passwordVerifier: string; salt: string }
}

/** A key handed out at sign-in (NewDeviceMetadata) that ConfirmDevice has not turned into a device yet. */
export interface PendingDeviceRecord {
  poolId: string
  username: string
  key: string
  groupKey: string
  issuedAt: number
  lastIp: string
}

/**
 * A refresh token the mock issued. Its family is its `originJti`: every access and ID token minted from it
 * carries that `origin_jti`, so revoking the family (RevokeToken, GlobalSignOut) revokes them all.
 */
export interface RefreshTokenRecord {
  token: string
  poolId: string
  username: string
  /** The user's `sub` at issue: a user deleted and created again under the same name does not inherit it. */
  sub: string
  clientId: string
  originJti: string
  /** The device the sign-in tracked (new or recognised): refreshing needs that DEVICE_KEY while the device exists. */
  deviceKey?: string
  /** Epoch seconds of the sign-in, the tokens' `auth_time`. */
  authTime: number
  issuedAt: number
  /** Epoch milliseconds after which the token no longer refreshes. */
  expiresAt: number
}

export type { AuthSessionRecord, SessionChallenge, SessionMfaState } from './session-types.ts'

/** Everything the store holds, as JSON. What `snapshot()` returns and `restore()` takes. */
export interface StoreSnapshot {
  version: 1
  now: number
  pools: UserPoolRecord[]
  users: UserRecord[]
  devices: DeviceRecord[]
  pending: PendingDeviceRecord[]
  /**
   * `origin_jti` of every token family the mock issued whose tokens can still be presented, per user, so that a
   * global sign-out can revoke them all. A sign-in's family leaves an hour after its refresh token expires.
   */
  issuedTokenIds: { poolId: string; username: string; ids: string[] }[]
  /** Revoked families that can still be presented (a pruned one keeps its revocation in `pruned`). */
  revokedTokenIds: string[]
  nextSeq: number
  /** Refresh tokens issued by sign-in, until an hour after they expire (absent in snapshots taken before sign-in existed). */
  refreshTokens?: RefreshTokenRecord[]
  /** Sign-ins waiting for their next challenge answer, until they expire. */
  sessions?: AuthSessionRecord[]
  /** Codes sent by SMS and email, the newest last (absent in snapshots taken before MFA existed). */
  outbox?: OutboxMessage[]
  /** What is left of the refresh tokens and sessions pruned since (absent in snapshots taken before pruning existed). */
  pruned?: PrunedRecordsSnapshot
  /** Only in `snapshot({ exact: true })`: where the seeded streams stand, so that a restore carries on from there. */
  exact?: ExactPosition
}

/**
 * Refresh tokens and sessions the store pruned, as hashes (53-bit integers) of their strings, so that they still
 * answer as expired: `Refresh Token has expired` (`has been revoked` when `revoked` is 1), `Invalid session for
 * the user, session is expired.` See `src/state/tombstones.ts`.
 */
export interface PrunedRecordsSnapshot {
  /** Per owner and epoch (fidelity.prunedRecordsKeptFor): `[hash of the token, hash of its origin_jti, revoked]`. */
  refreshTokens?: { poolId: string; username: string; sub: string; clientId: string; tokens: [number, number, 0 | 1][]; epoch?: number }[]
  sessions?: { poolId: string; username: string; sessions: number[]; epoch?: number }[]
}

/**
 * What `snapshot({ exact: true })` adds to the state: with it, a restore into a fresh mock behaves exactly as the
 * mock that took the snapshot would have gone on behaving (same new device keys, token ids, request ids,
 * probability draws). Browser persistence saves it (decisions/0010-browser-persistence.md).
 */
export interface ExactPosition {
  /** What the state grew from: the mock's seed and world-shaping options, and the world shape of the last seeding. */
  origin: {
    seed: Seed
    /** The reference date, epoch milliseconds. */
    now: number
    region: string
    accountId: string
    clock: ClockMode
    /** The locale of the world's faker (`cognito-device-mock` for the default, `de` for `fakerDE`). */
    locale?: string
    /** The world description, as JSON with sorted keys (factories by their source). */
    world: WorldDescription
  }
  /** Values drawn from each runtime stream since it was seeded. */
  draws: { runtime: number; scenarios: number; requestIds: number }
  /** A wall clock's distance from real time (what `clock.advance`/`clock.set` moved it by): restored instead of `now`. */
  wallOffset?: number
}
