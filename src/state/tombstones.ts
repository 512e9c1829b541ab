import type { AuthSessionRecord, PrunedRecordsSnapshot, RefreshTokenRecord } from './types.ts'

/**
 * What is left of records the store pruned, so that pruning changes no answer: a refresh token whose family
 * ended still answers `Refresh Token has expired` (or `has been revoked`), an expired sign-in session still
 * `Invalid session for the user, session is expired.` once. Each is a 53-bit hash of its token or session
 * string (and of its `origin_jti`) plus an owner: 50–70 bytes where the record took 2 kB.
 */

/**
 * A 53-bit hash of `text`, never 0 (cyrb53, public domain). Tokens and sessions are long random strings: two
 * colliding among millions is a chance of about 1 in 10^4 billion, and it only ever swaps one refusal for another.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1
}

/**
 * Hashes to int32 values, open addressing in typed arrays: 12 bytes a slot where a Map entry takes about 50.
 * Exported for its property test, which holds it to a `Map`.
 */
export class HashTable {
  #keys = new Float64Array(16)
  #values = new Int32Array(16)
  #size = 0

  get size(): number {
    return this.#size
  }

  #find(hash: number): number {
    const mask = this.#keys.length - 1
    let i = (hash >>> 0) & mask
    while (this.#keys[i] !== 0 && this.#keys[i] !== hash) i = (i + 1) & mask
    return i
  }

  get(hash: number): number | undefined {
    const i = this.#find(hash)
    return this.#keys[i] === 0 ? undefined : this.#values[i]
  }

  set(hash: number, value: number): void {
    if ((this.#size + 1) * 4 > this.#keys.length * 3) this.#grow()
    const i = this.#find(hash)
    if (this.#keys[i] === 0) this.#size++
    this.#keys[i] = hash
    this.#values[i] = value
  }

  /** Linear probing's deletion: later entries of the run move back, so no marker is left behind. */
  delete(hash: number): boolean {
    const mask = this.#keys.length - 1
    let i = this.#find(hash)
    if (this.#keys[i] === 0) return false
    this.#size--
    for (let j = (i + 1) & mask; this.#keys[j] !== 0; j = (j + 1) & mask) {
      const home = (this.#keys[j]! >>> 0) & mask
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        this.#keys[i] = this.#keys[j]!
        this.#values[i] = this.#values[j]!
        i = j
      }
    }
    this.#keys[i] = 0
    return true
  }

  *entries(): Generator<[hash: number, value: number]> {
    for (let i = 0; i < this.#keys.length; i++) if (this.#keys[i] !== 0) yield [this.#keys[i]!, this.#values[i]!]
  }

  #grow(): void {
    const keys = this.#keys
    const values = this.#values
    this.#keys = new Float64Array(keys.length * 2)
    this.#values = new Int32Array(keys.length * 2)
    this.#size = 0
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, values[i]!)
  }
}

/** Whose pruned records these are: what a refusal checks before it says "expired". */
interface Owner {
  poolId: string
  username: string
  /** The user key (pool and lowercased name) that `forgetUser` names. */
  user: string
  /** Refresh tokens only: the user's `sub` and the app client at issue. */
  sub?: string
  clientId?: string
  /** Refresh tombstones of this owner at slots below this were revoked by a global sign-out. */
  revokedBelow: number
  /** The user or pool was removed: its tombstones answer as unknown tokens, as their records would. */
  dead: boolean
}

/** A refresh token pruned after its family ended: what `refreshTokens` and RevokeToken still read. */
export interface PrunedRefreshToken {
  pruned: true
  poolId: string
  username: string
  sub: string
  clientId: string
  revoked: boolean
  /** Where the tombstone lives, for revoking it. */
  slot: number
}

export class Tombstones {
  #owners: Owner[] = []
  #ownerIds = new Map<string, number>()
  #byToken = new HashTable()
  #byJti = new HashTable()
  /** Per refresh tombstone: owner id × 2 + revoked. */
  #slots = new Int32Array(64)
  #slotCount = 0
  /** Expired sessions: hash → owner id. Taken (deleted) by the first answer that names them, as the record was. */
  #sessions = new HashTable()

  #owner(poolId: string, username: string, user: string, sub?: string, clientId?: string): number {
    const name = `${user}\u0000${sub ?? ''}\u0000${clientId ?? ''}`
    let id = this.#ownerIds.get(name)
    if (id === undefined) {
      id = this.#owners.push({ poolId, username, user, ...(sub !== undefined ? { sub, clientId } : {}), revokedBelow: 0, dead: false }) - 1
      this.#ownerIds.set(name, id)
    }
    return id
  }

  addRefreshToken(record: RefreshTokenRecord, user: string, revoked: boolean, slot?: { token: number; jti: number }): void {
    const owner = this.#owner(record.poolId, record.username, user, record.sub, record.clientId)
    if (this.#slotCount === this.#slots.length) {
      const slots = new Int32Array(this.#slots.length * 2)
      slots.set(this.#slots)
      this.#slots = slots
    }
    const index = this.#slotCount++
    this.#slots[index] = owner * 2 + (revoked ? 1 : 0)
    this.#byToken.set(slot?.token ?? hash53(record.token), index)
    // 0: a snapshot lost this family's id to a collision; its token still answers.
    const jti = slot?.jti ?? hash53(record.originJti)
    if (jti !== 0) this.#byJti.set(jti, index)
  }

  refreshToken(token: string): PrunedRefreshToken | undefined {
    const slot = this.#byToken.get(hash53(token))
    if (slot === undefined) return undefined
    const owner = this.#owners[this.#slots[slot]! >> 1]!
    if (owner.dead) return undefined
    const revoked = (this.#slots[slot]! & 1) === 1 || slot < owner.revokedBelow
    return { pruned: true, poolId: owner.poolId, username: owner.username, sub: owner.sub!, clientId: owner.clientId!, revoked, slot }
  }

  revokeSlot(slot: number): void {
    this.#slots[slot]! |= 1
  }

  /** Revokes the pruned family `originJti`, when it is one: true if it was. */
  revokeFamily(originJti: string): boolean {
    const slot = this.#byJti.get(hash53(originJti))
    if (slot === undefined) return false
    this.revokeSlot(slot)
    return true
  }

  /** A global sign-out: every pruned family of the user so far is revoked. */
  revokeUser(user: string): void {
    for (const owner of this.#owners) if (owner.user === user && !owner.dead) owner.revokedBelow = this.#slotCount
  }

  addSession(record: AuthSessionRecord, user: string): void {
    this.#sessions.set(hash53(record.session), this.#owner(record.poolId, record.username, user))
  }

  /** Whether `session` expired and was pruned; it is forgotten by the asking, as an expired record is spent. */
  takeSession(session: string): boolean {
    const hash = hash53(session)
    const owner = this.#sessions.get(hash)
    if (owner === undefined) return false
    this.#sessions.delete(hash)
    return !this.#owners[owner]!.dead
  }

  /**
   * A user or pool removed: their tombstones answer as unknown, and a user created again starts afresh. Their
   * refresh slots stay until the next restore or clear: removing users is rare, and a slot is a few bytes.
   */
  forget(matches: (owner: { poolId: string; user: string }) => boolean): void {
    for (const [name, id] of this.#ownerIds) {
      const owner = this.#owners[id]!
      if (!matches(owner)) continue
      owner.dead = true
      this.#ownerIds.delete(name)
    }
    for (const [hash, id] of [...this.#sessions.entries()]) if (this.#owners[id]!.dead) this.#sessions.delete(hash)
  }

  get size(): { refreshTokens: number; sessions: number } {
    return { refreshTokens: this.#byToken.size, sessions: this.#sessions.size }
  }

  /** Sorted by owner and hash, so that the same tombstones give the same snapshot whenever they were pruned. */
  snapshot(): PrunedRecordsSnapshot {
    const jtiOf = new Map<number, number>()
    for (const [hash, slot] of this.#byJti.entries()) jtiOf.set(slot, hash)
    const refresh = new Map<number, [number, number, 0 | 1][]>()
    for (const [hash, slot] of this.#byToken.entries()) {
      const id = this.#slots[slot]! >> 1
      const owner = this.#owners[id]!
      if (owner.dead) continue
      const revoked = (this.#slots[slot]! & 1) === 1 || slot < owner.revokedBelow ? 1 : 0
      if (!refresh.has(id)) refresh.set(id, [])
      refresh.get(id)!.push([hash, jtiOf.get(slot) ?? 0, revoked])
    }
    const sessions = new Map<number, number[]>()
    for (const [hash, id] of this.#sessions.entries()) {
      if (!sessions.has(id)) sessions.set(id, [])
      sessions.get(id)!.push(hash)
    }
    const order = (a: [number, unknown], b: [number, unknown]) => {
      const [x, y] = [ownerName(this.#owners[a[0]]!), ownerName(this.#owners[b[0]]!)]
      return x < y ? -1 : x > y ? 1 : 0
    }
    return {
      refreshTokens: [...refresh].sort(order).map(([id, tokens]) => {
        const { poolId, username, sub, clientId } = this.#owners[id]!
        return { poolId, username, sub: sub!, clientId: clientId!, tokens: tokens.sort((a, b) => a[0] - b[0]) }
      }),
      sessions: [...sessions].sort(order).map(([id, hashes]) => {
        const { poolId, username } = this.#owners[id]!
        return { poolId, username, sessions: hashes.sort((a, b) => a - b) }
      }),
    }
  }

  restore(snapshot: PrunedRecordsSnapshot, userKey: (poolId: string, username: string) => string): void {
    this.clear()
    for (const owner of snapshot.refreshTokens ?? []) {
      const record = { poolId: owner.poolId, username: owner.username, sub: owner.sub, clientId: owner.clientId } as RefreshTokenRecord
      for (const [token, jti, revoked] of owner.tokens) {
        this.addRefreshToken(record, userKey(owner.poolId, owner.username), revoked === 1, { token, jti })
      }
    }
    for (const owner of snapshot.sessions ?? []) {
      const id = this.#owner(owner.poolId, owner.username, userKey(owner.poolId, owner.username))
      for (const hash of owner.sessions) this.#sessions.set(hash, id)
    }
  }

  clear(): void {
    this.#owners = []
    this.#ownerIds.clear()
    this.#byToken = new HashTable()
    this.#byJti = new HashTable()
    this.#slots = new Int32Array(64)
    this.#slotCount = 0
    this.#sessions = new HashTable()
  }
}

function ownerName(owner: Owner): string {
  return `${owner.poolId}\u0000${owner.username}\u0000${owner.sub ?? ''}\u0000${owner.clientId ?? ''}`
}
