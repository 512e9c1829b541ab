import type { OperationContext } from './context.ts'
import { authenticate, deviceNotFound } from './auth.ts'
import { deviceType, type DeviceType } from './device-type.ts'

export interface GetDeviceInput {
  AccessToken: string
  DeviceKey: string
}

/** A user's own remembered device; a not-remembered one does not exist for the user API (WIRE §5). */
export async function getDevice(ctx: OperationContext, input: GetDeviceInput): Promise<{ Device: DeviceType }> {
  const { user } = await authenticate(ctx, input.AccessToken)
  const device = ctx.store.getDevice(user.poolId, user.username, input.DeviceKey)
  if (!device || device.rememberedStatus !== 'remembered') throw deviceNotFound()
  return { Device: deviceType(ctx, device, 'user') }
}
