import type { OperationContext } from '../state/context.ts'
import { authenticate } from './auth.ts'
import type { ListDevicesRequest, ListDevicesResponse } from '../model/operation-types.generated.ts'
import { deviceType } from './device-type.ts'
import { effectiveLimit, pageOf } from './pagination.ts'
import type { ListScope } from '../state/page-tokens.ts'
import type { UserRecord } from '../state/types.ts'

/** The listing shared by ListDevices and AdminListDevices; only what they show differs. */
export async function listPage(
  ctx: OperationContext,
  user: UserRecord,
  view: 'user' | 'admin',
  limit: number | undefined,
  paginationToken: string | undefined,
): Promise<ListDevicesResponse> {
  const scope: ListScope = { poolId: user.poolId, username: user.username, view }
  const afterSeq = paginationToken === undefined ? 0 : await ctx.pages.decode(scope, paginationToken)
  const { devices, more } = pageOf(
    ctx.store.devicesOf(user.poolId, user.username),
    afterSeq,
    effectiveLimit(limit),
    view === 'admin' ? () => true : (device) => device.rememberedStatus === 'remembered',
  )
  const output: ListDevicesResponse = { Devices: devices.map((device) => deviceType(ctx, device, view)) }
  if (more) output.PaginationToken = await ctx.pages.encode(scope, devices[devices.length - 1]!.seq)
  return output
}

/** The caller's remembered devices only (WIRE §5). */
export async function listDevices(ctx: OperationContext, input: ListDevicesRequest): Promise<ListDevicesResponse> {
  const { user } = await authenticate(ctx, input.AccessToken)
  return listPage(ctx, user, 'user', input.Limit, input.PaginationToken)
}
