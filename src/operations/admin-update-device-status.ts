import type { OperationContext } from '../state/context.ts'
import { adminPool, adminUser, deviceNotFound } from './auth.ts'
import type { AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse } from '../model/operation-types.generated.ts'
import { applyStatus } from './update-device-status.ts'

/** Any device of the user, remembered or not. Answers `{}`. */
export async function adminUpdateDeviceStatus(ctx: OperationContext, input: AdminUpdateDeviceStatusRequest): Promise<AdminUpdateDeviceStatusResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  const device = ctx.store.getDevice(pool.id, user.username, input.DeviceKey)
  if (!device) throw deviceNotFound()
  applyStatus(ctx, device, input.DeviceRememberedStatus)
  return {}
}
