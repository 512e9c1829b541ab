import { fail } from '../lib/errors.ts'
import type { DeviceRecord } from './types.ts'

/** A device as the world draws it, before the store gives it its place (`seq`). */
export type SeededDevice = Omit<DeviceRecord, 'seq'>

interface Unseeded {
  /** The first of the `count` seqs reserved for the user's devices when the world was grown. */
  readonly firstSeq: number
  readonly count: number
  /** Draws the devices, in list order, from the user's own stream. */
  readonly draw: () => SeededDevice[]
}

/**
 * Users' seeded devices not drawn yet: a world draws each user's devices from a stream of its own, so they can wait
 * until something first reads them. Their seqs are reserved when the world is grown, in the order an eager world
 * would have given them, so that when (and whether) a user's devices are drawn never shows in any answer or
 * snapshot: the store draws every user's before a snapshot.
 *
 * @example
 * unseeded.defer(userKey, store.reserveSeqs(3), 3, () => drawDevices())
 * for (const device of unseeded.take(userKey)) store.putDevice(device)
 */
export class UnseededDevices {
  readonly #byUser = new Map<string, Unseeded>()

  get size(): number {
    return this.#byUser.size
  }

  defer(user: string, firstSeq: number, count: number, draw: () => SeededDevice[]): void {
    this.#byUser.set(user, { firstSeq, count, draw })
  }

  /** The user's devices with their reserved seqs, drawn now, and forgotten here; none if already drawn. */
  take(user: string): DeviceRecord[] {
    const unseeded = this.#byUser.get(user)
    if (!unseeded) return []
    this.#byUser.delete(user)
    const devices = unseeded.draw()
    if (devices.length !== unseeded.count) fail(`internal: ${devices.length} devices drawn where ${unseeded.count} were reserved.`)
    return devices.map((device, i) => ({ ...device, seq: unseeded.firstSeq + i }))
  }

  users(): string[] {
    return [...this.#byUser.keys()]
  }

  /** A user removed before their devices were drawn: their seqs stay unused, as a removed device's do. */
  forget(user: string): void {
    this.#byUser.delete(user)
  }

  clear(): void {
    this.#byUser.clear()
  }
}
