import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { OperationContext } from '../state/context.ts'
import { findUser } from '../state/user-lookup.ts'
import type { UserCodeRecord, UserPoolRecord, UserRecord, VerifiableAttribute } from '../state/types.ts'
import { setAttribute } from '../auth/attributes.ts'

/**
 * Verifies `attribute` of `user` with a code (`value`: the one being verified, when it differs from the user's). In a pool that signs users in by it (an alias), another user who
 * holds it verified keeps it unless `force` (ForceAliasCreation): `AliasExistsException: An account with the email
 * already exists.` [C], and the code stays good; with `force` the other user's copy is no longer verified [C: the
 * developer guide].
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
  if (value !== undefined && (pool.aliases ?? []).includes(attribute)) {
    const holder = findUser(ctx.store, pool, value, { sub: false })
    if (holder !== undefined && holder !== user) {
      if (!force) {
        user.codes = [...(user.codes ?? []), record]
        throw new CognitoError('AliasExistsException', wire.lifecycle.aliasExists(attribute))
      }
      setAttribute(holder, `${attribute}_verified`, 'false')
      holder.modifiedAt = ctx.clock.now()
    }
  }
  setAttribute(user, `${attribute}_verified`, 'true')
}
