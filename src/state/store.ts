import { Outbox } from './outbox.ts'
import { fail } from '../lib/errors.ts'
import { DeviceList } from './device-list.ts'
import { PendingKeys } from './pending-keys.ts'
import { TombstoneEpochs, type EpochRefreshToken } from './tombstone-epochs.ts'
import { UnseededDevices, type SeededDevice } from './unseeded-devices.ts'
import type {
  AuthSessionRecord,
  DeviceRecord,
  PendingDeviceRecord,
  RefreshTokenRecord,
  StoreSnapshot,
  UserPoolRecord,
  UserRecord,
} from './types.ts'


/** How long after a refresh token expires an access token minted from it can still be presented (their lifetime). */
export const ACCESS_TOKEN_LIFETIME_MS = 3_600_000

/** Pruning walks the sign-in records after this many additions at least, and after half as many as it walks. */
const SWEEP_MIN_ADDITIONS = 256

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
  /** Device keys handed out at sign-in, waiting for ConfirmDevice. */
  readonly pending = new PendingKeys(userKey)
  readonly revokedTokenIds = new Set<string>()
  /** userKey → origin_jti of the tokens issued to that user. */
  readonly issuedTokenIds = new Map<string, string[]>()
  /** Refresh tokens issued by sign-in, by token. */
  readonly refreshTokens = new Map<string, RefreshTokenRecord>()
  /** Sign-ins between two challenges, by `Session` string. */
  readonly sessions = new Map<string, AuthSessionRecord>()
  /** Codes sent by SMS and email. */
  readonly outbox = new Outbox()
  /** What is left of pruned refresh tokens and sessions: enough to refuse them as their records would. */
  readonly pruned = new TombstoneEpochs()
  /** The latest time records were pruned at: a clock set back before it would not see them again. */
  prunedThrough = Number.NEGATIVE_INFINITY
  nextSeq = 1
  readonly #unseeded = new UnseededDevices()
  #additions = 0
  #sweepAfter = SWEEP_MIN_ADDITIONS

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
    this.#unseeded.forget(key)
    const list = this.devices.get(key)
    if (list) for (const device of list.ordered) this.deviceOwners.delete(device.key)
    this.devices.delete(key)
    this.issuedTokenIds.delete(key)
    this.pending.forgetUser(key)
    this.pruned.forget((owner) => owner.user === key)
    // Refresh tokens stay until they expire: a deleted user's answers `User does not exist.` (their `sub` names them).
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
    this.pruned.forget((owner) => owner.poolId === poolId)
    return this.pools.delete(poolId)
  }

  // -------------------------------------------------------------------------------------------------
  // Devices
  // -------------------------------------------------------------------------------------------------

  devicesOf(poolId: string, username: string): DeviceList {
    const key = userKey(poolId, username)
    this.#draw(key)
    let list = this.devices.get(key)
    if (!list) {
      list = new DeviceList()
      this.devices.set(key, list)
    }
    return list
  }

  getDevice(poolId: string, username: string, deviceKey: string): DeviceRecord | undefined {
    const key = userKey(poolId, username)
    this.#draw(key)
    return this.devices.get(key)?.byKey.get(deviceKey)
  }

  /**
   * A user's seeded devices, drawn when first read (`draw` gives `count` of them in list order). Their seqs are
   * taken now, so the world is the same whenever they are drawn (see UnseededDevices).
   */
  deferDevices(poolId: string, username: string, count: number, draw: () => SeededDevice[]): void {
    this.#unseeded.defer(userKey(poolId, username), this.nextSeq, count, draw)
    this.nextSeq += count
  }

  /** Draws every user's deferred devices (a snapshot, a benchmark that wants them all). */
  drawAllDevices(): void {
    for (const user of this.#unseeded.users()) this.#draw(user)
  }

  #draw(user: string): void {
    for (const device of this.#unseeded.take(user)) this.putDevice(device)
  }

  /** Adds a device, giving it the next seq unless it carries one (a restore). */
  putDevice(device: Omit<DeviceRecord, 'seq'> & { seq?: number }): DeviceRecord {
    const record: DeviceRecord = { ...device, seq: device.seq ?? this.nextSeq++ }
    if (record.seq >= this.nextSeq) this.nextSeq = record.seq + 1
    this.devicesOf(record.poolId, record.username).add(record)
    this.deviceOwners.set(record.key, userKey(record.poolId, record.username))
    this.pending.drop(record.key)
    return record
  }

  removeDevice(poolId: string, username: string, deviceKey: string): boolean {
    const removed = this.devicesOf(poolId, username).remove(deviceKey)
    if (removed) this.deviceOwners.delete(deviceKey)
    return removed !== undefined
  }

  isDeviceKeyTaken(deviceKey: string): boolean {
    return this.deviceOwners.has(deviceKey) || this.pending.has(deviceKey)
  }

  // -------------------------------------------------------------------------------------------------
  // Sign-in state: kept while it can change an answer, pruned after
  // -------------------------------------------------------------------------------------------------

  /** A key handed out at sign-in, waiting for ConfirmDevice; a user keeps the newest `limit` (see PendingKeys). */
  addPending(record: PendingDeviceRecord, limit: number, now: number): void {
    this.pending.add(record, limit)
    this.#added(now)
  }

  /**
   * How many entries each of the store's sign-in collections holds, internal queues included: what the pruning
   * tests and the memory bench watch stay bounded.
   */
  get footprint(): Record<'refreshTokens' | 'sessions' | 'pending' | 'pendingQueued' | 'tokenFamilies' | 'revokedTokenIds' | 'tombstones', number> {
    let tokenFamilies = 0
    for (const ids of this.issuedTokenIds.values()) tokenFamilies += ids.length
    const { refreshTokens, sessions } = this.pruned.size
    return {
      refreshTokens: this.refreshTokens.size,
      sessions: this.sessions.size,
      pending: this.pending.size,
      pendingQueued: this.pending.queued,
      tokenFamilies,
      revokedTokenIds: this.revokedTokenIds.size,
      tombstones: refreshTokens + sessions,
    }
  }

  /** Registers a new token family (an `origin_jti`) of the user, so that a global sign-out revokes it. */
  addTokenFamily(poolId: string, username: string, originJti: string): void {
    const key = userKey(poolId, username)
    const ids = this.issuedTokenIds.get(key)
    if (ids) ids.push(originJti)
    else this.issuedTokenIds.set(key, [originJti])
  }

  /** Keeps a refresh token until an hour after it expires, when the last access token minted from it has too. */
  addRefreshToken(record: RefreshTokenRecord, now: number): void {
    this.refreshTokens.set(record.token, record)
    this.#added(now)
  }

  /** What `token` stands for: its record, what is left of it once pruned (it can only be refused), or nothing. */
  findRefreshToken(token: string, now: number): RefreshTokenRecord | EpochRefreshToken | undefined {
    return this.refreshTokens.get(token) ?? this.pruned.refreshToken(token, now)
  }

  isRevoked(token: RefreshTokenRecord | EpochRefreshToken): boolean {
    return 'pruned' in token ? token.revoked : this.revokedTokenIds.has(token.originJti)
  }

  /** RevokeToken: the token's family is revoked, whether its record is kept or pruned. */
  revokeRefreshToken(token: RefreshTokenRecord | EpochRefreshToken): void {
    if ('pruned' in token) this.pruned.revoke(token)
    else this.revokedTokenIds.add(token.originJti)
  }

  /** `tokens.revoke()`: one family, by the `origin_jti` of any of its tokens. */
  revokeFamily(originJti: string): void {
    if (!this.pruned.revokeFamily(originJti)) this.revokedTokenIds.add(originJti)
  }

  /** GlobalSignOut: every family issued to the user so far is revoked, pruned ones included. */
  revokeUserTokens(poolId: string, username: string): void {
    const key = userKey(poolId, username)
    for (const id of this.issuedTokenIds.get(key) ?? []) this.revokedTokenIds.add(id)
    this.pruned.revokeUser(key)
  }

  addSession(record: AuthSessionRecord, now: number): void {
    this.sessions.set(record.session, record)
    this.#added(now)
  }

  /** Whether `session` expired and was pruned. Asking spends it, as answering spends an expired record. */
  takeExpiredSession(session: string, now: number): boolean {
    return this.pruned.takeSession(session, now)
  }

  #added(now: number): void {
    if (++this.#additions >= this.#sweepAfter) this.prune(now)
  }

  /**
   * Drops, as of `now`, what can no longer change an answer, leaving tombstones where a refusal still needs one:
   * refresh tokens an hour past their expiry (every access token of their family has expired too) with their
   * family's ids in `issuedTokenIds` and `revokedTokenIds`, and expired sessions. It walks every such record, after
   * as many additions as half of them: O(1) amortised per addition. Assumes the clock moves forward: setting it
   * back does not revive what was pruned.
   */
  prune(now: number): void {
    const before = this.refreshTokens.size + this.sessions.size
    const ended = new Map<string, Set<string>>()
    for (const [token, record] of this.refreshTokens) {
      if (record.expiresAt + ACCESS_TOKEN_LIFETIME_MS > now) continue
      const key = userKey(record.poolId, record.username)
      this.pruned.addRefreshToken(record, key, this.revokedTokenIds.has(record.originJti), record.expiresAt + ACCESS_TOKEN_LIFETIME_MS)
      this.refreshTokens.delete(token)
      this.revokedTokenIds.delete(record.originJti)
      if (!ended.has(key)) ended.set(key, new Set())
      ended.get(key)!.add(record.originJti)
    }
    for (const [key, families] of ended) {
      const left = this.issuedTokenIds.get(key)?.filter((id) => !families.has(id))
      if (left && left.length > 0) this.issuedTokenIds.set(key, left)
      else this.issuedTokenIds.delete(key)
    }
    for (const [session, record] of this.sessions) {
      if (record.expiresAt > now) continue
      this.pruned.addSession(record, userKey(record.poolId, record.username))
      this.sessions.delete(session)
    }
    this.pruned.drop(now)
    if (this.refreshTokens.size + this.sessions.size < before) this.prunedThrough = Math.max(this.prunedThrough, now)
    this.#additions = 0
    this.#sweepAfter = Math.max(SWEEP_MIN_ADDITIONS, (this.refreshTokens.size + this.sessions.size) >> 1)
  }

  // -------------------------------------------------------------------------------------------------
  // Snapshots
  // -------------------------------------------------------------------------------------------------

  /** Prunes first, so that a snapshot says the same whenever pruning last ran. */
  snapshot(now: number): StoreSnapshot {
    this.prune(now)
    this.drawAllDevices()
    const clone = <T>(value: T): T => structuredClone(value)
    const pruned = this.pruned.snapshot()
    return {
      version: 1,
      now,
      pools: [...this.pools.values()].map(clone),
      users: [...this.users.values()].map(clone),
      // By seq: the order devices were added in, whichever user's were drawn first.
      devices: [...this.devices.values()].flatMap((list) => list.ordered.map(clone)).sort((a, b) => a.seq - b.seq),
      pending: [...this.pending.values()].map(clone),
      issuedTokenIds: [...this.issuedTokenIds].map(([key, ids]) => {
        const user = this.users.get(key)!
        return { poolId: user.poolId, username: user.username, ids: [...ids] }
      }),
      revokedTokenIds: [...this.revokedTokenIds],
      nextSeq: this.nextSeq,
      refreshTokens: [...this.refreshTokens.values()].map(clone),
      sessions: [...this.sessions.values()].map(clone),
      ...(this.outbox.size > 0 ? { outbox: this.outbox.snapshot() } : {}),
      ...(pruned.refreshTokens!.length > 0 || pruned.sessions!.length > 0 ? { pruned } : {}),
    }
  }

  restore(snapshot: StoreSnapshot): void {
    if (snapshot?.version !== 1) {
      fail('restore() takes what snapshot() returned (version 1).', TypeError)
    }
    this.clear()
    for (const pool of snapshot.pools) this.pools.set(pool.id, structuredClone(pool))
    for (const user of snapshot.users) this.putUser(structuredClone(user))
    for (const device of snapshot.devices) this.putDevice(structuredClone(device))
    for (const pending of snapshot.pending) this.pending.add(structuredClone(pending))
    for (const issued of snapshot.issuedTokenIds) this.issuedTokenIds.set(userKey(issued.poolId, issued.username), [...issued.ids])
    for (const id of snapshot.revokedTokenIds) this.revokedTokenIds.add(id)
    for (const refresh of snapshot.refreshTokens ?? []) this.refreshTokens.set(refresh.token, structuredClone(refresh))
    for (const session of snapshot.sessions ?? []) this.sessions.set(session.session, structuredClone(session))
    if (snapshot.outbox) this.outbox.restore(snapshot.outbox)
    if (snapshot.pruned) this.pruned.restore(snapshot.pruned, userKey, snapshot.now)
    this.nextSeq = Math.max(this.nextSeq, snapshot.nextSeq)
  }

  clear(): void {
    this.pools.clear()
    this.users.clear()
    this.devices.clear()
    this.#unseeded.clear()
    this.deviceOwners.clear()
    this.pending.clear()
    this.revokedTokenIds.clear()
    this.issuedTokenIds.clear()
    this.refreshTokens.clear()
    this.sessions.clear()
    this.outbox.reset()
    this.pruned.clear()
    this.prunedThrough = Number.NEGATIVE_INFINITY
    this.#additions = 0
    this.#sweepAfter = SWEEP_MIN_ADDITIONS
    this.nextSeq = 1
  }
}
