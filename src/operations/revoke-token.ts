import { findClient } from '../auth/clients.ts'
import { sameText } from '../auth/crypto.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from './context.ts'

export interface RevokeTokenInput {
  Token: string
  ClientId: string
  ClientSecret?: string
}

/** A JWT (access or ID token) rather than a refresh token: three parts, a JSON header with `alg`. */
function isJwt(token: string): boolean {
  const parts = token.split('.')
  if (parts.length !== 3) return false
  try {
    return typeof JSON.parse(atob(parts[0]!.replace(/-/g, '+').replace(/_/g, '/'))).alg === 'string'
  } catch {
    return false
  }
}

/**
 * Revokes a refresh token's family: the refresh token itself and every access and ID token minted from it
 * (they share its `origin_jti`). See `fidelity.revokeToken` for the refusals. Answers `{}`.
 */
export async function revokeToken(ctx: OperationContext, input: RevokeTokenInput): Promise<Record<string, never>> {
  const { unauthorized, otherClient, unsupported } = fidelity.revokeToken
  const found = findClient(ctx, input.ClientId)
  if (!found) throw new CognitoError(unauthorized.type, unauthorized.message)
  const { client } = found
  if (client.clientSecret !== undefined && (input.ClientSecret === undefined || !sameText(input.ClientSecret, client.clientSecret))) {
    throw new CognitoError(unauthorized.type, unauthorized.message)
  }
  if (isJwt(input.Token)) throw new CognitoError(unsupported.type, unsupported.message)
  const record = ctx.store.refreshTokens.get(input.Token)
  if (!record) return {}
  if (record.clientId !== client.clientId) throw new CognitoError(otherClient.type, otherClient.message)
  ctx.store.revokedTokenIds.add(record.originJti)
  return {}
}
