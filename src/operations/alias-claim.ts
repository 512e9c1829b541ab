import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { OperationContext } from '../state/context.ts'
import { findUser } from '../state/user-lookup.ts'
import type { UserCodeRecord, UserPoolRecord, UserRecord, VerifiableAttribute } from '../state/types.ts'
import { setAttribute } from '../auth/attributes.ts'

/**
 * `value` as a verified `attribute` of `owner` (undefined: a user not made yet), in a pool that signs users in by
 * it (an alias): another user who holds it verified keeps it unless `force` (ForceAliasCreation),
 * `AliasExistsException: An account with the email already exists.` [C]; with `force` the other user's copy is no
 * longer verified [C: the developer guide].
 *
 * @example
 * takeAlias(ctx, pool, 'email', 'ada@example.com', input.ForceAliasCreation === true)
 */
export function takeAlias(ctx: OperationContext, pool: UserPoolRecord, attribute: VerifiableAttribute, value: string | undefined, force: boolean, owner?: UserRecord): void {
  if (value === undefined || value === '' || !(pool.aliases ?? []).includes(attribute)) return
  const holder = findUser(ctx.store, pool, value, { sub: false })
  if (holder === undefined || holder === owner) return
  if (!force) throw new CognitoError('AliasExistsException', wire.lifecycle.aliasExists(attribute))
  setAttribute(holder, `${attribute}_verified`, 'false')
  holder.modifiedAt = ctx.clock.now()
}

/**
 * Verifies `attribute` of `user` with the code `record` (`value`: the one being verified, when it differs from the
 * user's), taking the alias from another user as `takeAlias` says; refused, the code stays good.
 *
 * @example
 * claimAlias(ctx, pool, user, 'email', false, record)
 */
export function claimAlias(
  ctx: OperationContext,
  pool: UserPoolRecord,
  user: UserRecord,
  attribute: VerifiableAttribute,
  force: boolean,
  record: UserCodeRecord,
  value: string | undefined = attribute === 'email' ? user.email : user.phoneNumber,
): void {
  try {
    takeAlias(ctx, pool, attribute, value, force, user)
  } catch (error) {
    user.codes = [...(user.codes ?? []), record]
    throw error
  }
  setAttribute(user, `${attribute}_verified`, 'true')
}
