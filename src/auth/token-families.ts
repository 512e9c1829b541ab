import type { Store } from '../state/store.ts'

/**
 * Token families: every sign-in (and `tokens.issue()`) starts a family, named by its `origin_jti`, that
 * refreshes keep. GlobalSignOut and `tokens.signOut()` revoke every family of the user; the one place both go.
 */

/** Registers a new family for the user, so that a global sign-out revokes it. */
export function registerTokenFamily(store: Store, poolId: string, username: string, originJti: string): void {
  store.addTokenFamily(poolId, username, originJti)
}

/**
 * Revokes every family issued to the user: their access tokens answer `Access Token has been revoked` and
 * their refresh tokens `Refresh Token has been revoked`.
 *
 * @example
 * signOutEverywhere(ctx.store, user.poolId, user.username)
 */
export function signOutEverywhere(store: Store, poolId: string, username: string): void {
  store.revokeUserTokens(poolId, username)
}
