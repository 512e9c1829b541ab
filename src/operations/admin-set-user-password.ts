import type { OperationContext } from '../state/context.ts'
import type { AdminSetUserPasswordRequest, AdminSetUserPasswordResponse } from '../model/operation-types.generated.ts'
import { checkPassword } from '../auth/password-policy.ts'
import { adminPool, adminUser } from './auth.ts'

/**
 * Sets a user's password from any status [C]: `Permanent: true` → CONFIRMED; otherwise a temporary password
 * (FORCE_CHANGE_PASSWORD, its validity counted from now). The old password stops working [C]; tokens and devices
 * stay [I].
 */
export async function adminSetUserPassword(ctx: OperationContext, input: AdminSetUserPasswordRequest): Promise<AdminSetUserPasswordResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  checkPassword(pool, input.Password)
  const now = ctx.clock.now()
  user.password = input.Password
  if (input.Permanent === true) {
    user.status = 'CONFIRMED'
    delete user.temporaryPasswordAt
  } else {
    user.status = 'FORCE_CHANGE_PASSWORD'
    user.temporaryPasswordAt = now
  }
  user.codes = user.codes?.filter((code) => code.purpose !== 'forgot-password')
  user.modifiedAt = now
  return {}
}
