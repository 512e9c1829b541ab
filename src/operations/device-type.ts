import type { DeviceRecord } from '../state/types.ts'
import type { OperationContext } from '../state/context.ts'
import type { DeviceType as DeviceTypeShape } from '../model/operation-types.generated.ts'

/**
 * The wire's `DeviceType` as the mock sends it: the model makes every member optional, the service sends all
 * five. Timestamps are epoch seconds with a millisecond fraction (WIRE §1).
 */
export type DeviceType = Required<DeviceTypeShape>

export function epochSeconds(ms: number): number {
  return ms / 1000
}

/**
 * A device as an operation shows it. Users see three attributes; admins see seven, in this order (WIRE §4).
 * An absent device name is an absent attribute, never an empty one.
 */
export function deviceType(ctx: OperationContext, device: DeviceRecord, view: 'user' | 'admin'): DeviceType {
  const attributes: { Name: string; Value: string }[] = [{ Name: 'device_status', Value: 'valid' }]
  if (device.name !== undefined) attributes.push({ Name: 'device_name', Value: device.name })
  if (view === 'admin') {
    const pool = ctx.store.pools.get(device.poolId)
    const owner = `${device.username}.${device.poolId}`
    attributes.push(
      { Name: 'dev:device_arn', Value: `arn:aws:cognito-idp:${pool?.region ?? device.poolId.split('_')[0]}:${ctx.accountId}:owner/${owner}/device/${device.key}` },
      { Name: 'dev:device_owner', Value: owner },
    )
  }
  attributes.push({ Name: 'last_ip_used', Value: device.lastIp })
  if (view === 'admin') {
    attributes.push(
      { Name: 'dev:device_remembered_status', Value: device.rememberedStatus },
      { Name: 'dev:device_sdk', Value: device.sdk },
    )
  }
  return {
    DeviceKey: device.key,
    DeviceAttributes: attributes,
    DeviceCreateDate: epochSeconds(device.createdAt),
    DeviceLastModifiedDate: epochSeconds(device.lastModifiedAt),
    DeviceLastAuthenticatedDate: epochSeconds(device.lastAuthenticatedAt),
  }
}
