import type { OperationContext } from '../state/context.ts'
import type { AdminGetDeviceRequest, AdminGetDeviceResponse } from '../model/operation-types.generated.ts'
import { adminPool, adminUser, deviceNotFound } from './auth.ts'
import { deviceType } from './device-type.ts'

/** Any device of the user, remembered or not, with the admin attributes. */
export async function adminGetDevice(ctx: OperationContext, input: AdminGetDeviceRequest): Promise<AdminGetDeviceResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, false)
  const device = ctx.store.getDevice(pool.id, user.username, input.DeviceKey)
  if (!device) throw deviceNotFound()
  return { Device: deviceType(ctx, device, 'admin') }
}
