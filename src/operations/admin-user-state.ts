import type { OperationContext } from '../state/context.ts'
import type {
  AdminDeleteUserRequest,
  AdminDisableUserRequest,
  AdminDisableUserResponse,
  AdminEnableUserRequest,
  AdminEnableUserResponse,
  AdminUserGlobalSignOutRequest,
  AdminUserGlobalSignOutResponse,
} from '../model/operation-types.generated.ts'
import { adminPool, adminUser } from './auth.ts'

/**
 * An admin's switches on a user: delete, disable, enable, sign out everywhere. Each names the user by username,
 * alias or `sub` and answers an unknown one with `User does not exist.` (all four model UserNotFoundException).
 */

/** Deletes the user with their devices, tokens and sign-ins in progress; an empty body [C]. */
export async function adminDeleteUser(ctx: OperationContext, input: AdminDeleteUserRequest): Promise<void> {
  const user = adminUser(ctx, adminPool(ctx, input.UserPoolId), input.Username, true)
  ctx.store.removeUser(user.poolId, user.username)
}

/**
 * `Enabled: false`: sign-in answers `User is disabled.` [C], and every token issued so far is revoked [C: the
 * model's doc] (they stay revoked after AdminEnableUser). Disabling twice is no error [I].
 */
export async function adminDisableUser(ctx: OperationContext, input: AdminDisableUserRequest): Promise<AdminDisableUserResponse> {
  const user = adminUser(ctx, adminPool(ctx, input.UserPoolId), input.Username, true)
  user.enabled = false
  user.modifiedAt = ctx.clock.now()
  ctx.store.revokeUserTokens(user.poolId, user.username)
  return {}
}

/** `Enabled: true` again; tokens revoked by the disabling stay revoked [I]. */
export async function adminEnableUser(ctx: OperationContext, input: AdminEnableUserRequest): Promise<AdminEnableUserResponse> {
  const user = adminUser(ctx, adminPool(ctx, input.UserPoolId), input.Username, true)
  user.enabled = true
  user.modifiedAt = ctx.clock.now()
  return {}
}

/** Revokes every token issued to the user, as their own GlobalSignOut does; remembered devices stay [I]. */
export async function adminUserGlobalSignOut(ctx: OperationContext, input: AdminUserGlobalSignOutRequest): Promise<AdminUserGlobalSignOutResponse> {
  const user = adminUser(ctx, adminPool(ctx, input.UserPoolId), input.Username, true)
  ctx.store.revokeUserTokens(user.poolId, user.username)
  return {}
}
