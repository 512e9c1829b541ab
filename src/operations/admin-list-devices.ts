import type { OperationContext } from '../state/context.ts'
import { adminPool, adminUser } from './auth.ts'
import type { AdminListDevicesRequest, AdminListDevicesResponse } from '../model/operation-types.generated.ts'
import { listPage } from './list-devices.ts'

/** Every device of the user, remembered or not (fidelity.adminSeesNotRemembered). */
export async function adminListDevices(ctx: OperationContext, input: AdminListDevicesRequest): Promise<AdminListDevicesResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, false)
  return listPage(ctx, user, 'admin', input.Limit, input.PaginationToken)
}
