import type { OperationContext } from './context.ts'
import { authenticate } from './auth.ts'
import { deviceType, type DeviceType } from './device-type.ts'
import { effectiveLimit, pageOf, type ListScope } from './pagination.ts'
import type { UserRecord } from '../state/types.ts'

export interface ListDevicesInput {
  AccessToken: string
  Limit?: number
  PaginationToken?: string
}

export interface ListDevicesOutput {
  Devices: DeviceType[]
  PaginationToken?: string
}

/** The listing shared by ListDevices and AdminListDevices; only what they show differs. */
export async function listPage(
  ctx: OperationContext,
  user: UserRecord,
  view: 'user' | 'admin',
  limit: number | undefined,
  paginationToken: string | undefined,
): Promise<ListDevicesOutput> {
  const scope: ListScope = { poolId: user.poolId, username: user.username, view }
  const afterSeq = paginationToken === undefined ? 0 : await ctx.pages.decode(scope, paginationToken)
  const { devices, more } = pageOf(
    ctx.store.devicesOf(user.poolId, user.username),
    afterSeq,
    effectiveLimit(limit),
    view === 'admin' ? () => true : (device) => device.rememberedStatus === 'remembered',
  )
  const output: ListDevicesOutput = { Devices: devices.map((device) => deviceType(ctx, device, view)) }
  if (more) output.PaginationToken = await ctx.pages.encode(scope, devices[devices.length - 1]!.seq)
  return output
}

/** The caller's remembered devices only (WIRE §5). */
export async function listDevices(ctx: OperationContext, input: ListDevicesInput): Promise<ListDevicesOutput> {
  const { user } = await authenticate(ctx, input.AccessToken)
  return listPage(ctx, user, 'user', input.Limit, input.PaginationToken)
}
