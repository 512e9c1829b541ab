import type { OperationContext } from '../state/context.ts'
import type { GetDeviceRequest, GetDeviceResponse } from '../model/operation-types.generated.ts'
import { serverRequired } from '../model/validation.ts'
import { authenticate, deviceNotFound } from './auth.ts'
import { deviceType } from './device-type.ts'

/** A user's own remembered device; a not-remembered one does not exist for the user API (WIRE §5). */
export async function getDevice(ctx: OperationContext, input: GetDeviceRequest): Promise<GetDeviceResponse> {
  const { user } = await authenticate(ctx, serverRequired('GetDevice', input, 'AccessToken'))
  const device = ctx.store.getDevice(user.poolId, user.username, input.DeviceKey)
  if (!device || device.rememberedStatus !== 'remembered') throw deviceNotFound()
  return { Device: deviceType(ctx, device, 'user') }
}
