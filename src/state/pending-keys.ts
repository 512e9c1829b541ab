import type { PendingDeviceRecord } from './types.ts'

/**
 * Device keys handed out at sign-in and waiting for ConfirmDevice, by key, with each user's keys in the order
 * they were issued. Nothing makes a pending key unconfirmable (any access token of its user confirms it), so a
 * user keeps the newest `limit` (fidelity.pendingDeviceKeysPerUser) and older ones are let go.
 */
export class PendingKeys {
  readonly #byKey = new Map<string, PendingDeviceRecord>()
  /** Per user key: their keys in issue order; entries before `head`, and confirmed ones, are no longer pending. */
  readonly #queues = new Map<string, { keys: string[]; head: number; live: number }>()
  readonly #userKey: (poolId: string, username: string) => string

  constructor(userKey: (poolId: string, username: string) => string) {
    this.#userKey = userKey
  }

  get(deviceKey: string): PendingDeviceRecord | undefined {
    return this.#byKey.get(deviceKey)
  }

  has(deviceKey: string): boolean {
    return this.#byKey.has(deviceKey)
  }

  get size(): number {
    return this.#byKey.size
  }

  values(): IterableIterator<PendingDeviceRecord> {
    return this.#byKey.values()
  }

  /** Entries the per-user queues hold, pending or not yet let go: what the memory tests watch. */
  get queued(): number {
    let count = 0
    for (const queue of this.#queues.values()) count += queue.keys.length
    return count
  }

  /** Adds a key; past `limit` for its user (when given), their oldest pending keys are dropped. */
  add(record: PendingDeviceRecord, limit = Number.POSITIVE_INFINITY): void {
    const user = this.#userKey(record.poolId, record.username)
    let queue = this.#queues.get(user)
    if (!queue) this.#queues.set(user, (queue = { keys: [], head: 0, live: 0 }))
    this.#byKey.set(record.key, record)
    queue.keys.push(record.key)
    queue.live++
    while (queue.live > limit) this.drop(queue.keys[queue.head++]!)
    // Let go of what is no longer pending: dropped keys before the head, and confirmed ones once they outnumber the rest.
    if (queue.head > 64 && queue.head * 2 > queue.keys.length) {
      queue.keys = queue.keys.slice(queue.head)
      queue.head = 0
    }
    if (queue.keys.length - queue.head > 2 * queue.live + 16) {
      queue.keys = queue.keys.slice(queue.head).filter((key) => this.#byKey.has(key) && this.#ownerOf(key) === user)
      queue.head = 0
    }
  }

  /** The key is no longer pending (confirmed, or dropped). */
  drop(deviceKey: string): void {
    const pending = this.#byKey.get(deviceKey)
    if (!pending) return
    this.#byKey.delete(deviceKey)
    const queue = this.#queues.get(this.#userKey(pending.poolId, pending.username))
    if (queue) queue.live--
  }

  /** Every key of the user (by user key) goes. */
  forgetUser(user: string): void {
    for (const [deviceKey, pending] of this.#byKey) if (this.#userKey(pending.poolId, pending.username) === user) this.#byKey.delete(deviceKey)
    this.#queues.delete(user)
  }

  clear(): void {
    this.#byKey.clear()
    this.#queues.clear()
  }

  #ownerOf(deviceKey: string): string | undefined {
    const pending = this.#byKey.get(deviceKey)
    return pending && this.#userKey(pending.poolId, pending.username)
  }
}
