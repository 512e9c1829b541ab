import { findClient } from '../auth/clients.ts'
import { constantTimeEqual } from '../lib/bytes.ts'
import { isSignedJwt } from '../lib/jwt.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { RevokeTokenRequest, RevokeTokenResponse } from '../model/operation-types.generated.ts'

/**
 * Revokes a refresh token's family: the refresh token itself and every access and ID token minted from it
 * (they share its `origin_jti`). See `fidelity.revokeToken` for the refusals. Answers `{}`.
 */
export async function revokeToken(ctx: OperationContext, input: RevokeTokenRequest): Promise<RevokeTokenResponse> {
  const { unauthorized, otherClient, unsupported } = fidelity.revokeToken
  const found = findClient(ctx, input.ClientId)
  if (!found) throw new CognitoError(unauthorized.type, unauthorized.message)
  const { client } = found
  if (client.clientSecret !== undefined && (input.ClientSecret === undefined || !constantTimeEqual(input.ClientSecret, client.clientSecret))) {
    throw new CognitoError(unauthorized.type, unauthorized.message)
  }
  if (isSignedJwt(input.Token)) throw new CognitoError(unsupported.type, unsupported.message)
  const record = ctx.store.findRefreshToken(input.Token, ctx.clock.now())
  if (!record) return {}
  if (record.clientId !== client.clientId) throw new CognitoError(otherClient.type, otherClient.message)
  ctx.store.revokeRefreshToken(record)
  return {}
}
