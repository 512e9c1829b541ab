import { fidelity } from '../fidelity.ts'
import type { DeviceRecord, DeviceRememberedStatus } from '../state/types.ts'
import type { OperationContext } from '../state/context.ts'
import type { UpdateDeviceStatusRequest, UpdateDeviceStatusResponse } from '../model/operation-types.generated.ts'
import { authenticate, deviceNotFound } from './auth.ts'

/** Shared by UpdateDeviceStatus and AdminUpdateDeviceStatus: a status change moves DeviceLastModifiedDate. */
export function applyStatus(ctx: OperationContext, device: DeviceRecord, status: DeviceRememberedStatus | undefined): void {
  if (status === undefined && fidelity.updateWithoutStatusIsNoop) return
  const next = status ?? device.rememberedStatus
  if (next !== device.rememberedStatus || fidelity.updateAlwaysTouchesModifiedDate) device.lastModifiedAt = ctx.clock.now()
  device.rememberedStatus = next
}

/** Works on a not-remembered device too: that is how a user opts in to remembering it. Answers `{}`. */
export async function updateDeviceStatus(ctx: OperationContext, input: UpdateDeviceStatusRequest): Promise<UpdateDeviceStatusResponse> {
  const { user } = await authenticate(ctx, input.AccessToken)
  const device = ctx.store.getDevice(user.poolId, user.username, input.DeviceKey)
  if (!device) throw deviceNotFound()
  applyStatus(ctx, device, input.DeviceRememberedStatus)
  return {}
}
