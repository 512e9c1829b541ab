import type { OperationContext } from '../state/context.ts'
import type { AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse } from '../model/operation-types.generated.ts'
import { adminPool, adminUser } from './auth.ts'
import { setMfaPreference } from './mfa-preference.ts'

/** SetUserMFAPreference for any user of the pool, named by username, alias or `sub`. Answers `{}`. */
export async function adminSetUserMfaPreference(ctx: OperationContext, input: AdminSetUserMFAPreferenceRequest): Promise<AdminSetUserMFAPreferenceResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  setMfaPreference(pool, user, input, 'admin')
  return {}
}
