/**
 * The records the mock keeps. Plain data throughout, so that a snapshot is JSON and a restore is exact.
 * Dates are epoch milliseconds (the wire shows them as epoch seconds with a millisecond fraction).
 */

/**
 * How a user pool remembers devices (the console's "Remember user devices"):
 * - `always`: a confirmed device is remembered at once (`UserConfirmationNecessary: false`);
 * - `user-opt-in`: a confirmed device stays `not_remembered` until the user remembers it (`true`);
 * - `off`: the pool tracks no devices.
 */
export type DeviceRemembering = 'always' | 'user-opt-in' | 'off'

export interface AppClientRecord {
  clientId: string
  clientName: string
}

export interface UserPoolRecord {
  id: string
  name: string
  region: string
  deviceRemembering: DeviceRemembering
  clients: AppClientRecord[]
  createdAt: number
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
  status: UserStatus
  enabled: boolean
  createdAt: number
}

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

/** Everything the store holds, as JSON. What `snapshot()` returns and `restore()` takes. */
export interface StoreSnapshot {
  version: 1
  now: number
  pools: UserPoolRecord[]
  users: UserRecord[]
  devices: DeviceRecord[]
  pending: PendingDeviceRecord[]
  /** `origin_jti` of every token the mock issued, per user, so that a global sign-out can revoke them all. */
  issuedTokenIds: { poolId: string; username: string; ids: string[] }[]
  revokedTokenIds: string[]
  nextSeq: number
}
