import { fidelity } from '../fidelity.ts'
import type { DeviceList } from '../state/device-list.ts'
import type { DeviceRecord } from '../state/types.ts'

/**
 * One page of `list`: up to `limit` devices that `visible` admits, after `afterSeq`, and whether another
 * visible device follows (the token is absent on the last page, WIRE §1).
 */
export function pageOf(
  list: DeviceList,
  afterSeq: number,
  limit: number,
  visible: (device: DeviceRecord) => boolean,
): { devices: DeviceRecord[]; more: boolean } {
  const devices: DeviceRecord[] = []
  const { ordered } = list
  for (let i = list.firstIndexAfter(afterSeq); i < ordered.length; i++) {
    const device = ordered[i]!
    if (!visible(device)) continue
    if (devices.length === limit) return { devices, more: true }
    devices.push(device)
  }
  return { devices, more: false }
}

export function effectiveLimit(limit: number | undefined): number {
  if (limit === undefined || (limit === 0 && fidelity.zeroLimitMeansDefault)) return fidelity.defaultListLimit
  return limit
}
