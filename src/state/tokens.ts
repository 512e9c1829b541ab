import { SignJWT, compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose'
import { CognitoError } from '../model/exceptions.ts'
import { deriveRsaKeyPair } from './rsa.ts'
import { wire } from '../model/messages.ts'

/** The scope every Cognito access token from a user-password or SRP sign-in carries, and the device API needs. */
export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin'

/** The claims of a Cognito access token, in the order the real service writes them (WIRE §6). */
export interface AccessTokenClaims {
  sub: string
  device_key?: string
  iss: string
  client_id: string
  origin_jti: string
  event_id: string
  token_use: 'access'
  scope: string
  auth_time: number
  exp: number
  iat: number
  jti: string
  username: string
}

/**
 * An access token's claims in Cognito's order, from values the caller has drawn (sign-in and `tokens.issue()`
 * draw them in orders of their own, which seeded snapshots pin).
 *
 * @example
 * accessTokenClaims({ pool, user, clientId, originJti, eventId, jti, scope: ADMIN_SCOPE, authTime: iat, iat, exp: iat + 3600 })
 */
export function accessTokenClaims(input: {
  pool: { id: string; region: string }
  user: { sub: string; username: string }
  clientId: string
  originJti: string
  eventId: string
  jti: string
  scope: string
  authTime: number
  iat: number
  exp: number
  deviceKey?: string | undefined
}): AccessTokenClaims {
  return {
    sub: input.user.sub,
    ...(input.deviceKey !== undefined ? { device_key: input.deviceKey } : {}),
    iss: issuerOf(input.pool.region, input.pool.id),
    client_id: input.clientId,
    origin_jti: input.originJti,
    event_id: input.eventId,
    token_use: 'access',
    scope: input.scope,
    auth_time: input.authTime,
    exp: input.exp,
    iat: input.iat,
    jti: input.jti,
    username: input.user.username,
  }
}

/** The claims of a Cognito ID token, in the order the real service writes them. */
export interface IdTokenClaims {
  sub: string
  email_verified: boolean
  iss: string
  /** Only for a user with a phone number (fidelity.idTokenPhoneClaims). */
  phone_number_verified?: boolean
  'cognito:username': string
  origin_jti: string
  aud: string
  event_id: string
  token_use: 'id'
  auth_time: number
  phone_number?: string
  exp: number
  iat: number
  jti: string
  /** Absent for a user without an email address. */
  email?: string
  /** The user's other attributes (`name`, `custom:tier`…), strings, as the user has them when the token is minted. */
  [attribute: `${string}`]: unknown
}


/** `iss` of a pool's tokens; China regions live under `.amazonaws.com.cn`. */
export function issuerOf(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/${poolId}`
}

/**
 * Signs and verifies access tokens with one RS256 key per user pool, derived from the mock's seed so that
 * the same seed signs byte-identical tokens everywhere.
 */
export class TokenSigner {
  readonly #seed: string
  readonly #keys = new Map<string, Promise<{ kid: string; publicJwk: JWK; privateKey: CryptoKey; publicKey: CryptoKey }>>()
  /** Signature checks are the costly part of a call; a token's signature never changes, so check it once. */
  readonly #verified = new Map<string, AccessTokenClaims>()

  constructor(seed: string) {
    this.#seed = seed
  }

  keyOf(poolId: string) {
    let key = this.#keys.get(poolId)
    if (!key) {
      key = deriveRsaKeyPair(`${this.#seed}/${poolId}`).then(async (pair) => ({
        kid: pair.kid,
        publicJwk: pair.publicJwk as JWK,
        privateKey: (await importJWK(pair.privateJwk as JWK, 'RS256')) as CryptoKey,
        publicKey: (await importJWK(pair.publicJwk as JWK, 'RS256')) as CryptoKey,
      }))
      this.#keys.set(poolId, key)
    }
    return key
  }

  /** The pool's JSON Web Key Set, as served at `{iss}/.well-known/jwks.json`. */
  async jwks(poolId: string): Promise<{ keys: JWK[] }> {
    const { publicJwk } = await this.keyOf(poolId)
    return { keys: [publicJwk] }
  }

  /** Signs access tokens and (sign-in) ID tokens alike; only access tokens pass `verify`. */
  async sign(poolId: string, claims: AccessTokenClaims | IdTokenClaims): Promise<string> {
    const { kid, privateKey } = await this.keyOf(poolId)
    return new SignJWT({ ...claims }).setProtectedHeader({ kid, alg: 'RS256' }).sign(privateKey)
  }

  /**
   * The claims of a well-formed access token signed by the key of a pool whose issuer `issuerOfPool` gives, or
   * NotAuthorizedException `Invalid Access Token`. Expiry and revocation are the caller's: they change
   * with time and state, the signature does not.
   */
  async verify(token: string, issuerOfPool: (poolId: string) => string | undefined): Promise<AccessTokenClaims> {
    const cached = this.#verified.get(token)
    if (cached) return cached
    const invalid = () => new CognitoError('NotAuthorizedException', wire.token.invalid)
    let claims: AccessTokenClaims
    let kid: string | undefined
    try {
      kid = decodeProtectedHeader(token).kid
      claims = decodeJwt(token) as unknown as AccessTokenClaims
    } catch {
      throw invalid()
    }
    const poolId = typeof claims.iss === 'string' ? claims.iss.slice(claims.iss.lastIndexOf('/') + 1) : ''
    if (!poolId || claims.iss !== issuerOfPool(poolId) || claims.token_use !== 'access' || typeof claims.username !== 'string') throw invalid()
    const key = await this.keyOf(poolId)
    if (kid !== key.kid) throw invalid()
    try {
      await compactVerify(token, key.publicKey, { algorithms: ['RS256'] })
    } catch {
      throw invalid()
    }
    if (this.#verified.size > 10_000) this.#verified.clear()
    this.#verified.set(token, claims)
    return claims
  }
}
