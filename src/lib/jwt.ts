import { decodeJwt, decodeProtectedHeader } from 'jose'

/**
 * Reading a JWT without verifying it, through jose: for matching (scenario rules, the request log) and for
 * telling token kinds apart, never for trusting a token (`TokenSigner.verify` does that).
 */

/**
 * The payload of a compact JWT, or `undefined` when `token` is not one.
 *
 * @example
 * unverifiedClaims(accessToken)?.username // 'ada.kim'
 */
export function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  try {
    return decodeJwt(token)
  } catch {
    return undefined
  }
}

/**
 * Whether `token` is a signed JWT (an access or ID token: three parts, a header naming its `alg`), as opposed
 * to an opaque or encrypted one (Cognito's refresh tokens are five-part JWEs).
 *
 * @example
 * isSignedJwt(accessToken) // true
 * isSignedJwt(refreshToken) // false
 */
export function isSignedJwt(token: string): boolean {
  if (token.split('.').length !== 3) return false
  try {
    return typeof decodeProtectedHeader(token).alg === 'string'
  } catch {
    return false
  }
}
