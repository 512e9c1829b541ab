import type { DeviceRememberedStatus } from '../state/types.ts'
import type { OperationContext } from './context.ts'
import { adminPool, adminUser, deviceNotFound } from './auth.ts'
import { applyStatus } from './update-device-status.ts'

export interface AdminUpdateDeviceStatusInput {
  UserPoolId: string
  Username: string
  DeviceKey: string
  DeviceRememberedStatus?: DeviceRememberedStatus
}

export async function adminUpdateDeviceStatus(ctx: OperationContext, input: AdminUpdateDeviceStatusInput): Promise<Record<string, never>> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  const device = ctx.store.getDevice(pool.id, user.username, input.DeviceKey)
  if (!device) throw deviceNotFound()
  applyStatus(ctx, device, input.DeviceRememberedStatus)
  return {}
}
