import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider'

/**
 * A device as the UI shows it: the SDK's `DeviceType` flattened. Plain data, so stories and tests can
 * build fixtures without the SDK.
 */
export interface Device {
  key: string
  /** `device_name`: usually the user agent of the browser that confirmed the device. Absent when none was given. */
  name?: string
  /** `device_status`: ListDevices shows remembered devices only. */
  status: 'remembered' | 'not_remembered'
  /** `last_ip_used` */
  lastIp?: string
  createdAt?: Date
  lastAuthenticatedAt?: Date
  lastModifiedAt?: Date
}

export function toDevice(device: DeviceType): Device {
  const attributes = new Map((device.DeviceAttributes ?? []).map((a) => [a.Name, a.Value]))
  const name = attributes.get('device_name')
  const lastIp = attributes.get('last_ip_used')
  return {
    key: device.DeviceKey ?? '',
    ...(name !== undefined ? { name } : {}),
    status: attributes.get('device_status') === 'not_remembered' ? 'not_remembered' : 'remembered',
    ...(lastIp !== undefined ? { lastIp } : {}),
    ...(device.DeviceCreateDate ? { createdAt: device.DeviceCreateDate } : {}),
    ...(device.DeviceLastAuthenticatedDate ? { lastAuthenticatedAt: device.DeviceLastAuthenticatedDate } : {}),
    ...(device.DeviceLastModifiedDate ? { lastModifiedAt: device.DeviceLastModifiedDate } : {}),
  }
}
