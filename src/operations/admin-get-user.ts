import type { OperationContext } from '../state/context.ts'
import type { AdminGetUserRequest, AdminGetUserResponse } from '../model/operation-types.generated.ts'
import { adminPool, adminUser } from './auth.ts'
import { epochSeconds } from './device-type.ts'
import { userAttributes } from '../state/user-lookup.ts'
import { userMfaFields } from './user-type.ts'

/**
 * Any user of the pool, named by username, alias or `sub`, whatever their state: attributes, dates (epoch
 * seconds; the last change of an attribute, the status or the password), status and second factors (fidelity.userView).
 */
export async function adminGetUser(ctx: OperationContext, input: AdminGetUserRequest): Promise<AdminGetUserResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  return {
    Username: user.username,
    UserAttributes: userAttributes(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt ?? user.createdAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...userMfaFields(pool, user),
  }
}
