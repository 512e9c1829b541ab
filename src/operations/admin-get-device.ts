import type { OperationContext } from './context.ts'
import { adminPool, adminUser, deviceNotFound } from './auth.ts'
import { deviceType, type DeviceType } from './device-type.ts'

export interface AdminGetDeviceInput {
  UserPoolId: string
  Username: string
  DeviceKey: string
}

/** Any device of the user, remembered or not, with the admin attributes. */
export async function adminGetDevice(ctx: OperationContext, input: AdminGetDeviceInput): Promise<{ Device: DeviceType }> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, false)
  const device = ctx.store.getDevice(pool.id, user.username, input.DeviceKey)
  if (!device) throw deviceNotFound()
  return { Device: deviceType(ctx, device, 'admin') }
}
