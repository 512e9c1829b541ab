import type { OperationContext } from './context.ts'
import { adminPool, adminUser } from './auth.ts'
import { listPage, type ListDevicesOutput } from './list-devices.ts'

export interface AdminListDevicesInput {
  UserPoolId: string
  Username: string
  Limit?: number
  PaginationToken?: string
}

/** Every device of the user, remembered or not (fidelity.adminSeesNotRemembered). */
export async function adminListDevices(ctx: OperationContext, input: AdminListDevicesInput): Promise<ListDevicesOutput> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, false)
  return listPage(ctx, user, 'admin', input.Limit, input.PaginationToken)
}
