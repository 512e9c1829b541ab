import { fidelity } from '../fidelity.ts'
import type { OperationContext } from '../state/context.ts'
import * as make from '../state/factory.ts'
import { ACCESS_TOKEN_LIFETIME_MS } from '../state/store.ts'
import { accessTokenClaims, ADMIN_SCOPE, issuerOf, type IdTokenClaims } from '../state/tokens.ts'
import type { AppClientRecord, RefreshTokenRecord, UserPoolRecord, UserRecord } from '../state/types.ts'

/** Access and ID tokens live one hour, Cognito's default (the store prunes refresh tokens by it). */
export const TOKEN_LIFETIME_SECONDS = ACCESS_TOKEN_LIFETIME_MS / 1000

/** The wire's `AuthenticationResultType`, members in the model's order. */
export interface AuthenticationResult {
  AccessToken: string
  ExpiresIn: number
  TokenType: 'Bearer'
  RefreshToken?: string
  IdToken: string
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string }
}

/** `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`: the protected header of every real refresh token. */
const REFRESH_HEADER = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ'
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * An opaque refresh token shaped like the real ones: a five-part JWE (header, 256-byte encrypted key, 12-byte
 * IV, ciphertext, 16-byte tag), drawn from the seeded runtime stream. Nothing can be read out of it: the store
 * knows what it stands for.
 */
function refreshTokenText(ctx: OperationContext): string {
  const part = (length: number) => ctx.random.string.fromCharacters(B64URL, length)
  return [REFRESH_HEADER, part(342), part(16), part(1100), part(22)].join('.')
}

interface Minted {
  AccessToken: string
  IdToken: string
}

/** An access token and an ID token of one family (`origin_jti`), signed with the pool's key. */
async function mint(
  ctx: OperationContext,
  input: { pool: UserPoolRecord; user: UserRecord; clientId: string; originJti: string; authTime: number; deviceKey?: string },
): Promise<Minted> {
  const { pool, user } = input
  const iat = Math.floor(ctx.clock.now() / 1000)
  const iss = issuerOf(pool.region, pool.id)
  const eventId = make.uuid(ctx.random)
  const access = accessTokenClaims({
    pool,
    user,
    clientId: input.clientId,
    originJti: input.originJti,
    eventId,
    jti: make.uuid(ctx.random),
    scope: ADMIN_SCOPE,
    authTime: input.authTime,
    iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    deviceKey: input.deviceKey,
  })
  const phone = fidelity.idTokenPhoneClaims && user.phoneNumber !== undefined
  const id: IdTokenClaims = {
    sub: user.sub,
    email_verified: user.emailVerified ?? fidelity.emailVerified(user.status),
    iss,
    ...(phone ? { phone_number_verified: user.phoneVerified ?? true } : {}),
    'cognito:username': user.username,
    origin_jti: input.originJti,
    aud: input.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: input.authTime,
    ...(phone ? { phone_number: user.phoneNumber } : {}),
    exp: iat + TOKEN_LIFETIME_SECONDS,
    iat,
    jti: make.uuid(ctx.random),
    ...user.attributes,
    ...(user.email !== '' ? { email: user.email } : {}),
  }
  return { AccessToken: await ctx.tokens.sign(pool.id, access), IdToken: await ctx.tokens.sign(pool.id, id) }
}

/**
 * The tokens of a completed sign-in: a new token family registered to the user (so GlobalSignOut revokes it),
 * a refresh token bound to the device the sign-in tracked, and NewDeviceMetadata when a new device was issued.
 */
export async function signInResult(
  ctx: OperationContext,
  input: {
    pool: UserPoolRecord
    client: AppClientRecord
    user: UserRecord
    /** The device the user signed in from (device SRP). */
    deviceKey?: string
    /** A key just issued for ConfirmDevice. */
    newDevice?: { DeviceKey: string; DeviceGroupKey: string }
  },
): Promise<AuthenticationResult> {
  const { pool, client, user } = input
  const now = ctx.clock.now()
  const originJti = make.uuid(ctx.random)
  const authTime = Math.floor(now / 1000)
  ctx.store.addTokenFamily(pool.id, user.username, originJti)
  const deviceKey = input.deviceKey ?? (fidelity.newDeviceKeyInAccessToken ? input.newDevice?.DeviceKey : undefined)
  const tokens = await mint(ctx, { pool, user, clientId: client.clientId, originJti, authTime, ...(deviceKey !== undefined ? { deviceKey } : {}) })
  const refresh: RefreshTokenRecord = {
    token: refreshTokenText(ctx),
    poolId: pool.id,
    username: user.username,
    sub: user.sub,
    clientId: client.clientId,
    originJti,
    ...((input.deviceKey ?? input.newDevice?.DeviceKey) !== undefined ? { deviceKey: (input.deviceKey ?? input.newDevice?.DeviceKey)! } : {}),
    authTime,
    issuedAt: now,
    expiresAt: now + fidelity.refreshToken.lifetimeMs,
  }
  ctx.store.addRefreshToken(refresh, now)
  return {
    AccessToken: tokens.AccessToken,
    ExpiresIn: TOKEN_LIFETIME_SECONDS,
    TokenType: 'Bearer',
    RefreshToken: refresh.token,
    IdToken: tokens.IdToken,
    ...(input.newDevice ? { NewDeviceMetadata: input.newDevice } : {}),
  }
}

/** New access and ID tokens from a refresh token: same family and `auth_time`, no new refresh token. */
export async function refreshResult(ctx: OperationContext, record: RefreshTokenRecord, pool: UserPoolRecord, user: UserRecord): Promise<AuthenticationResult> {
  const tokens = await mint(ctx, {
    pool,
    user,
    clientId: record.clientId,
    originJti: record.originJti,
    authTime: record.authTime,
    ...(record.deviceKey !== undefined ? { deviceKey: record.deviceKey } : {}),
  })
  return { AccessToken: tokens.AccessToken, ExpiresIn: TOKEN_LIFETIME_SECONDS, TokenType: 'Bearer', IdToken: tokens.IdToken }
}
