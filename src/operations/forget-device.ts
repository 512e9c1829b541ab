import type { OperationContext } from '../state/context.ts'
import type { ForgetDeviceRequest } from '../model/operation-types.generated.ts'
import { serverRequired } from '../model/validation.ts'
import { authenticate, deviceNotFound } from './auth.ts'

/** Deletes the device (WIRE §5): remembered or not, it is the user's own. No output shape: an empty body. */
export async function forgetDevice(ctx: OperationContext, input: ForgetDeviceRequest): Promise<void> {
  const { user } = await authenticate(ctx, serverRequired('ForgetDevice', input, 'AccessToken'))
  if (!ctx.store.removeDevice(user.poolId, user.username, input.DeviceKey)) throw deviceNotFound()
}
