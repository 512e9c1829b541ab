import type {
  AuthSessionRecord,
  DeviceRecord,
  PendingDeviceRecord,
  RefreshTokenRecord,
  StoreSnapshot,
  UserPoolRecord,
  UserRecord,
} from './types.ts'

/**
 * One user's devices, ordered by `seq`. Appends are O(1) (new devices get the highest seq), lookups by
 * key O(1), and a page is a binary search plus the page itself, whatever the number of devices.
 */
export class DeviceList {
  readonly ordered: DeviceRecord[] = []
  readonly byKey = new Map<string, DeviceRecord>()

  add(device: DeviceRecord): void {
    const last = this.ordered[this.ordered.length - 1]
    if (last && last.seq >= device.seq) {
      this.ordered.splice(this.firstIndexAfter(device.seq - 1), 0, device)
    } else this.ordered.push(device)
    this.byKey.set(device.key, device)
  }

  remove(key: string): DeviceRecord | undefined {
    const device = this.byKey.get(key)
    if (!device) return undefined
    this.byKey.delete(key)
    this.ordered.splice(this.firstIndexAfter(device.seq - 1), 1)
    return device
  }

  /** Index of the first device whose seq is greater than `seq`. */
  firstIndexAfter(seq: number): number {
    let lo = 0
    let hi = this.ordered.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.ordered[mid]!.seq <= seq) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** Usernames are case-insensitive in Cognito pools created since 2020 (the console default). */
export function userKey(poolId: string, username: string): string {
  return `${poolId}\u0000${username.toLowerCase()}`
}

/**
 * The mock's state: pools, users, devices, keys awaiting confirmation and revoked tokens. No rules live here
 * (they are in `operations/`); the store only keeps records consistent with each other.
 */
export class Store {
  readonly pools = new Map<string, UserPoolRecord>()
  readonly users = new Map<string, UserRecord>()
  readonly devices = new Map<string, DeviceList>()
  /** deviceKey → owner, so a key is unique across the whole mock, as real keys are. */
  readonly deviceOwners = new Map<string, string>()
  readonly pending = new Map<string, PendingDeviceRecord>()
  readonly revokedTokenIds = new Set<string>()
  /** userKey → origin_jti of the tokens issued to that user. */
  readonly issuedTokenIds = new Map<string, string[]>()
  /** Refresh tokens issued by sign-in, by token. */
  readonly refreshTokens = new Map<string, RefreshTokenRecord>()
  /** Sign-ins between two challenges, by `Session` string. */
  readonly sessions = new Map<string, AuthSessionRecord>()
  nextSeq = 1

  // -------------------------------------------------------------------------------------------------
  // Users
  // -------------------------------------------------------------------------------------------------

  getUser(poolId: string, username: string): UserRecord | undefined {
    return this.users.get(userKey(poolId, username))
  }

  putUser(user: UserRecord): void {
    this.users.set(userKey(user.poolId, user.username), user)
  }

  removeUser(poolId: string, username: string): boolean {
    const key = userKey(poolId, username)
    const list = this.devices.get(key)
    if (list) for (const device of list.ordered) this.deviceOwners.delete(device.key)
    this.devices.delete(key)
    this.issuedTokenIds.delete(key)
    for (const [deviceKey, pending] of this.pending) {
      if (userKey(pending.poolId, pending.username) === key) this.pending.delete(deviceKey)
    }
    for (const [token, refresh] of this.refreshTokens) {
      if (userKey(refresh.poolId, refresh.username) === key) this.refreshTokens.delete(token)
    }
    for (const [session, record] of this.sessions) {
      if (userKey(record.poolId, record.username) === key) this.sessions.delete(session)
    }
    return this.users.delete(key)
  }

  usersOf(poolId: string): UserRecord[] {
    return [...this.users.values()].filter((user) => user.poolId === poolId)
  }

  removePool(poolId: string): boolean {
    for (const user of this.usersOf(poolId)) this.removeUser(poolId, user.username)
    for (const [session, record] of this.sessions) if (record.poolId === poolId) this.sessions.delete(session)
    return this.pools.delete(poolId)
  }

  // -------------------------------------------------------------------------------------------------
  // Devices
  // -------------------------------------------------------------------------------------------------

  devicesOf(poolId: string, username: string): DeviceList {
    const key = userKey(poolId, username)
    let list = this.devices.get(key)
    if (!list) {
      list = new DeviceList()
      this.devices.set(key, list)
    }
    return list
  }

  getDevice(poolId: string, username: string, deviceKey: string): DeviceRecord | undefined {
    return this.devices.get(userKey(poolId, username))?.byKey.get(deviceKey)
  }

  /** Adds a device, giving it the next seq unless it carries one (a restore). */
  putDevice(device: Omit<DeviceRecord, 'seq'> & { seq?: number }): DeviceRecord {
    const record: DeviceRecord = { ...device, seq: device.seq ?? this.nextSeq++ }
    if (record.seq >= this.nextSeq) this.nextSeq = record.seq + 1
    this.devicesOf(record.poolId, record.username).add(record)
    this.deviceOwners.set(record.key, userKey(record.poolId, record.username))
    this.pending.delete(record.key)
    return record
  }

  removeDevice(poolId: string, username: string, deviceKey: string): boolean {
    const removed = this.devices.get(userKey(poolId, username))?.remove(deviceKey)
    if (removed) this.deviceOwners.delete(deviceKey)
    return removed !== undefined
  }

  isDeviceKeyTaken(deviceKey: string): boolean {
    return this.deviceOwners.has(deviceKey) || this.pending.has(deviceKey)
  }

  // -------------------------------------------------------------------------------------------------
  // Snapshots
  // -------------------------------------------------------------------------------------------------

  snapshot(now: number): StoreSnapshot {
    const clone = <T>(value: T): T => structuredClone(value)
    return {
      version: 1,
      now,
      pools: [...this.pools.values()].map(clone),
      users: [...this.users.values()].map(clone),
      devices: [...this.devices.values()].flatMap((list) => list.ordered.map(clone)),
      pending: [...this.pending.values()].map(clone),
      issuedTokenIds: [...this.issuedTokenIds].map(([key, ids]) => {
        const user = this.users.get(key)!
        return { poolId: user.poolId, username: user.username, ids: [...ids] }
      }),
      revokedTokenIds: [...this.revokedTokenIds],
      nextSeq: this.nextSeq,
      refreshTokens: [...this.refreshTokens.values()].map(clone),
      sessions: [...this.sessions.values()].map(clone),
    }
  }

  restore(snapshot: StoreSnapshot): void {
    if (snapshot?.version !== 1) {
      throw new TypeError('[cognito-device-mock] restore() takes what snapshot() returned (version 1).')
    }
    this.clear()
    for (const pool of snapshot.pools) this.pools.set(pool.id, structuredClone(pool))
    for (const user of snapshot.users) this.putUser(structuredClone(user))
    for (const device of snapshot.devices) this.putDevice(structuredClone(device))
    for (const pending of snapshot.pending) this.pending.set(pending.key, structuredClone(pending))
    for (const issued of snapshot.issuedTokenIds) this.issuedTokenIds.set(userKey(issued.poolId, issued.username), [...issued.ids])
    for (const id of snapshot.revokedTokenIds) this.revokedTokenIds.add(id)
    for (const refresh of snapshot.refreshTokens ?? []) this.refreshTokens.set(refresh.token, structuredClone(refresh))
    for (const session of snapshot.sessions ?? []) this.sessions.set(session.session, structuredClone(session))
    this.nextSeq = Math.max(this.nextSeq, snapshot.nextSeq)
  }

  clear(): void {
    this.pools.clear()
    this.users.clear()
    this.devices.clear()
    this.deviceOwners.clear()
    this.pending.clear()
    this.revokedTokenIds.clear()
    this.issuedTokenIds.clear()
    this.refreshTokens.clear()
    this.sessions.clear()
    this.nextSeq = 1
  }
}
