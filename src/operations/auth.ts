import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { userKey } from '../state/store.ts'
import { findUser } from '../state/user-lookup.ts'
import { ADMIN_SCOPE, issuerOf, type AccessTokenClaims } from '../state/tokens.ts'
import type { UserPoolRecord, UserRecord } from '../state/types.ts'
import type { OperationContext } from '../state/context.ts'
import { wire } from '../model/messages.ts'

export interface Caller {
  pool: UserPoolRecord
  user: UserRecord
  claims: AccessTokenClaims
}

/**
 * Who an access token speaks for, with Cognito's checks in its order: the token itself (signature, issuer,
 * expiry, revocation, scope), then the state of its user.
 */
export async function authenticate(ctx: OperationContext, accessToken: string): Promise<Caller> {
  const claims = await ctx.tokens.verify(accessToken, (poolId) => {
    const pool = ctx.store.pools.get(poolId)
    return pool ? issuerOf(pool.region, pool.id) : undefined
  })
  const pool = ctx.store.pools.get(claims.iss.slice(claims.iss.lastIndexOf('/') + 1))!
  if (fidelity.crossRegionTokenIsInvalid && ctx.endpointRegion !== undefined && ctx.endpointRegion !== pool.region) {
    throw new CognitoError('NotAuthorizedException', wire.token.invalid)
  }
  if (ctx.clock.now() >= claims.exp * 1000) throw new CognitoError('NotAuthorizedException', wire.token.expired)
  if (ctx.store.revokedTokenIds.has(claims.origin_jti) || ctx.store.revokedTokenIds.has(claims.jti)) {
    throw new CognitoError('NotAuthorizedException', wire.token.revoked)
  }
  if (!String(claims.scope ?? '').split(' ').includes(ADMIN_SCOPE)) {
    throw new CognitoError('NotAuthorizedException', wire.token.missingScope)
  }
  const user = ctx.store.getUser(pool.id, claims.username)
  // A user deleted and created again under the same name is another user: the old token is not theirs.
  if (!user || user.sub !== claims.sub) throw new CognitoError('UserNotFoundException', fidelity.userMessages.notFound)
  checkUserCanCall(user)
  return { pool, user, claims }
}

/** The user-state errors a signed-in user's call meets. */
export function checkUserCanCall(user: UserRecord): void {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', fidelity.userMessages.notConfirmed)
  if (user.status === 'RESET_REQUIRED') {
    throw new CognitoError('PasswordResetRequiredException', fidelity.userMessages.passwordResetRequired)
  }
}

/** The pool of an admin call, which must live in the region of the endpoint it was sent to. */
export function adminPool(ctx: OperationContext, poolId: string): UserPoolRecord {
  const pool = ctx.store.pools.get(poolId)
  if (!pool || (ctx.endpointRegion !== undefined && pool.region !== ctx.endpointRegion)) {
    throw new CognitoError('ResourceNotFoundException', wire.poolNotFound(poolId))
  }
  return pool
}

/**
 * The user of an admin call, named by username, an alias the pool has or the user's `sub`
 * (fidelity.adminUsernameForms): callers key what they look up next by the user's own `username`. Operations
 * whose model lists UserNotFoundException answer an unknown one with it; the others answer as
 * `fidelity.adminUnknownUserWithoutModeledError` says.
 */
export function adminUser(ctx: OperationContext, pool: UserPoolRecord, username: string, userNotFoundIsModeled: boolean): UserRecord {
  const user = findUser(ctx.store, pool, username, { sub: true })
  if (user) return user
  if (userNotFoundIsModeled) throw new CognitoError('UserNotFoundException', fidelity.userMessages.notFound)
  const { type, message } = fidelity.adminUnknownUserWithoutModeledError
  throw new CognitoError(type, message)
}

export const deviceNotFound = () => new CognitoError('ResourceNotFoundException', wire.deviceNotFound)

export { userKey }
