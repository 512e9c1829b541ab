import type { OperationContext } from '../state/context.ts'
import type { ListUsersRequest, ListUsersResponse } from '../model/operation-types.generated.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { inSchema } from '../state/pool-settings.ts'
import { userAttributes } from '../state/user-lookup.ts'
import { adminPool } from './auth.ts'
import { matchesUserFilter, parseUserFilter } from './list-users-filter.ts'
import { effectiveLimit } from './pagination.ts'
import { userType } from './user-type.ts'

/**
 * The pool's users, disabled ones too [C], that pass `Filter` (list-users-filter.ts), sorted by username [I], up
 * to `Limit` (default 60) a page; the token, absent on the last page, is good for the same filter only.
 * `AttributesToGet` trims each user's attributes (`[]`: none [C]); one outside the schema, or that a listed user lacks:
 * `One or more requested attributes do not exist.` [C].
 */
export async function listUsers(ctx: OperationContext, input: ListUsersRequest): Promise<ListUsersResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const filter = parseUserFilter(input.Filter)
  const names = input.AttributesToGet
  if (names?.some((name) => !inSchema(pool, name))) throw new CognitoError('InvalidParameterException', wire.lifecycle.missingRequestedAttributes)
  const scope = { poolId: pool.id, username: input.Filter ?? '', view: 'users' as const }
  const start = input.PaginationToken === undefined ? 0 : await ctx.pages.decode(scope, input.PaginationToken)
  const matching = ctx.store
    .usersOf(pool.id)
    .filter((user) => filter === undefined || matchesUserFilter(filter, { username: user.username, status: user.status, enabled: user.enabled, attributes: userAttributes(user) }))
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
  const limit = effectiveLimit(input.Limit)
  const page = matching.slice(start, start + limit)
  // [C] A requested attribute that some listed user lacks refuses the whole page.
  if (names?.some((name) => page.some((user) => !userAttributes(user).some((attribute) => attribute.Name === name)))) {
    throw new CognitoError('InvalidParameterException', wire.lifecycle.missingRequestedAttributes)
  }
  const more = start + limit < matching.length
  return {
    Users: page.map((user) => userType(user, names)),
    ...(more ? { PaginationToken: await ctx.pages.encode(scope, start + limit) } : {}),
  }
}
