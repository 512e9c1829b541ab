import type { OperationContext } from './context.ts'
import { authenticate, deviceNotFound } from './auth.ts'

export interface ForgetDeviceInput {
  AccessToken: string
  DeviceKey: string
}

/** Deletes the device (WIRE §5): remembered or not, it is the user's own. No output shape: an empty body. */
export async function forgetDevice(ctx: OperationContext, input: ForgetDeviceInput): Promise<undefined> {
  const { user } = await authenticate(ctx, input.AccessToken)
  if (!ctx.store.removeDevice(user.poolId, user.username, input.DeviceKey)) throw deviceNotFound()
  return undefined
}
