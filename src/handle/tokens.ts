import { issueDeviceKey } from '../auth/devices.ts'
import { signInResult, type AuthenticationResult } from '../auth/results.ts'
import { fail } from '../lib/errors.ts'
import { unverifiedClaims } from '../lib/jwt.ts'
import { toMilliseconds } from '../state/clock.ts'
import * as make from '../state/factory.ts'
import type { Runtime } from '../state/runtime.ts'
import { accessTokenClaims, ADMIN_SCOPE, issuerOf } from '../state/tokens.ts'
import { lookups } from './lookups.ts'
import type { CognitoMock, SignInInput } from './types.ts'
import type { AppClientRecord, UserPoolRecord, UserRecord } from '../state/types.ts'

/**
 * What a sign-in from code needs, checked as the service would check a sign-in: the pool, the user and the app
 * client, with a usage error naming what refuses it. Shared by `signIn()` and `signInAs()`, which checks before it
 * makes the device it signs in from.
 *
 * @example
 * const { pool, user, client } = signInParties(runtime.store, pool.id, 'ada.kim', {}, 'signInAs')
 */
export function signInParties(
  store: Runtime['store'],
  poolId: string,
  username: string,
  input: SignInInput,
  where?: string,
): { pool: UserPoolRecord; user: UserRecord; client: AppClientRecord } {
  const find = lookups(store, where)
  const pool = find.pool(poolId)
  const user = find.user(poolId, username)
  const client = input.clientId === undefined ? pool.clients[0] : pool.clients.find((c) => c.clientId === input.clientId)
  if (!client) fail(input.clientId === undefined ? `pool ${pool.id} has no app client to sign in with.` : `pool ${pool.id} has no app client ${input.clientId}.`)
  if (input.deviceKey !== undefined) {
    if (pool.deviceRemembering === 'off') fail(`pool ${pool.id} does not track devices (deviceRemembering "off"): sign in without deviceKey.`)
    if (!store.getDevice(pool.id, user.username, input.deviceKey)) fail(`user "${user.username}" has no device "${input.deviceKey}" (devices.list() shows theirs).`)
  }
  if (user.status !== 'CONFIRMED') fail(`user "${user.username}" has status ${user.status}: a sign-in would be refused. Set status: 'CONFIRMED' first.`)
  if (!user.enabled) fail(`user "${user.username}" is disabled: a sign-in would be refused (User is disabled.).`)
  return { pool, user, client }
}

/**
 * A sign-in from code: the user's state is checked, the password is not, and no SRP is walked. The one
 * implementation behind `cognito.signIn()` (and its deprecated alias `cognito.tokens.signIn()`).
 *
 * @example
 * const signIn = signInFromCode(runtime)
 * const { AccessToken, NewDeviceMetadata } = await signIn(pool.id, 'ada.kim')
 */
export function signInFromCode(runtime: Runtime): CognitoMock['signIn'] {
  return async function signIn(poolId: string, username: string, input: SignInInput = {}): Promise<AuthenticationResult> {
    const { pool, user, client } = signInParties(runtime.store, poolId, username, input)
    const ctx = runtime.context(undefined)
    if (input.deviceKey !== undefined) {
      // From a known device: no new key is handed out; the tokens name the device and its last sign-in moves.
      const device = runtime.store.getDevice(pool.id, user.username, input.deviceKey)!
      device.lastAuthenticatedAt = Math.floor(runtime.clock.now() / 1000) * 1000
      return signInResult(ctx, { pool, client, user, deviceKey: device.key })
    }
    const newDevice = pool.deviceRemembering === 'off' ? undefined : issueDeviceKey(ctx, pool, user)
    return signInResult(ctx, { pool, client, user, ...(newDevice ? { newDevice } : {}) })
  }
}

/**
 * `cognito.tokens`: signed access tokens with Cognito's claims, revocation and the key set.
 *
 * @example
 * const tokens = tokensHandle(runtime, signIn)
 * const accessToken = await tokens.issue(pool.id, 'ada.kim', { expiresIn: '5m' })
 */
export function tokensHandle(runtime: Runtime, signIn: CognitoMock['signIn']): CognitoMock['tokens'] {
  const { store } = runtime
  const find = lookups(store)
  return {
    async issue(poolId, username, input = {}) {
      const pool = find.pool(poolId)
      const user = find.user(poolId, username)
      const iat = Math.floor(runtime.clock.now() / 1000)
      const lifetime = Math.floor(toMilliseconds(input.expiresIn ?? '1h') / 1000)
      // Drawn in this order since the first release: seeded snapshots pin it.
      const originJti = make.uuid(runtime.random)
      const clientId = input.clientId ?? pool.clients[0]?.clientId ?? make.appClientId(runtime.random)
      const eventId = make.uuid(runtime.random)
      const claims = accessTokenClaims({
        pool,
        user,
        clientId,
        originJti,
        eventId,
        jti: make.uuid(runtime.random),
        scope: input.scope ?? ADMIN_SCOPE,
        authTime: iat,
        iat,
        exp: iat + lifetime,
        deviceKey: input.deviceKey,
      })
      store.addTokenFamily(pool.id, user.username, originJti)
      return runtime.tokens.sign(pool.id, claims)
    },
    revoke(token) {
      const originJti = typeof token === 'string' ? unverifiedClaims(token)?.origin_jti : undefined
      if (typeof originJti !== 'string' || originJti === '') fail('revoke() takes an access token the mock issued.')
      store.revokeFamily(originJti)
    },
    signOut(poolId, username) {
      const user = find.user(poolId, username)
      store.revokeUserTokens(user.poolId, user.username)
    },
    jwks: (poolId) => runtime.tokens.jwks(find.pool(poolId).id),
    issuer(poolId) {
      const pool = find.pool(poolId)
      return issuerOf(pool.region, pool.id)
    },
    signIn: (poolId, username, input) => signIn(poolId, username, input),
  }
}
