import type { DeviceRecord } from './types.ts'

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
