import type { OperationContext } from './context.ts'
import { adminPool, adminUser, deviceNotFound } from './auth.ts'

export interface AdminForgetDeviceInput {
  UserPoolId: string
  Username: string
  DeviceKey: string
}

export async function adminForgetDevice(ctx: OperationContext, input: AdminForgetDeviceInput): Promise<undefined> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  if (!ctx.store.removeDevice(pool.id, user.username, input.DeviceKey)) throw deviceNotFound()
  return undefined
}
