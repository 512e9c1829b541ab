import type { OperationContext } from '../state/context.ts'
import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from '../model/operation-types.generated.ts'
import { deleteAttributes, writeAttributes } from '../auth/attributes.ts'
import { sendUserCode } from '../auth/codes.ts'
import { adminPool, adminUser } from './auth.ts'

/**
 * An admin's writes of a user's attributes: as UpdateUserAttributes, but `email_verified` and
 * `phone_number_verified` may be set [C], and a change marked verified in the same call sends no code [C].
 */
export async function adminUpdateUserAttributes(ctx: OperationContext, input: AdminUpdateUserAttributesRequest): Promise<AdminUpdateUserAttributesResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  for (const attribute of writeAttributes(ctx, pool, user, input.UserAttributes, 'admin')) sendUserCode(ctx, { pool, user, purpose: 'verify-attribute', attribute })
  return {}
}

/** Removes attributes of a user; tokens already issued keep their claims [C]. */
export async function adminDeleteUserAttributes(ctx: OperationContext, input: AdminDeleteUserAttributesRequest): Promise<AdminDeleteUserAttributesResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  deleteAttributes(ctx, pool, adminUser(ctx, pool, input.Username, true), input.UserAttributeNames)
  return {}
}
