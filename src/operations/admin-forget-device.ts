import type { OperationContext } from '../state/context.ts'
import type { AdminForgetDeviceRequest } from '../model/operation-types.generated.ts'
import { adminPool, adminUser, deviceNotFound } from './auth.ts'

/** Deletes any device of the user. No output shape: an empty body. */
export async function adminForgetDevice(ctx: OperationContext, input: AdminForgetDeviceRequest): Promise<void> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  if (!ctx.store.removeDevice(pool.id, user.username, input.DeviceKey)) throw deviceNotFound()
}
