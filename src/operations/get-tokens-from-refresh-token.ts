import { clientOrFail } from '../auth/clients.ts'
import { constantTimeEqual } from '../lib/bytes.ts'
import { refreshTokens } from '../auth/flows.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError, isCognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse } from '../model/operation-types.generated.ts'

/**
 * The refresh Amplify v6 uses (REFRESH_TOKEN_AUTH's newer twin): the client secret itself instead of a
 * SECRET_HASH, the device key as a member. Same rules and tokens as REFRESH_TOKEN_AUTH, but for a user whose
 * password must be reset, whose refusal the model does not list here.
 */
export async function getTokensFromRefreshToken(
  ctx: OperationContext,
  input: GetTokensFromRefreshTokenRequest,
): Promise<GetTokensFromRefreshTokenResponse> {
  const { pool, client } = clientOrFail(ctx, input.ClientId)
  if (client.clientSecret !== undefined) {
    if (input.ClientSecret === undefined) throw new CognitoError('NotAuthorizedException', fidelity.clientSecret.missing(client.clientId))
    if (!constantTimeEqual(input.ClientSecret, client.clientSecret)) throw new CognitoError('NotAuthorizedException', fidelity.clientSecret.wrong(client.clientId))
  }
  try {
    const result = await refreshTokens(ctx, { pool, client, token: input.RefreshToken, deviceKey: input.DeviceKey, checkSecret: async () => {} })
    return { AuthenticationResult: result }
  } catch (error) {
    // The model lists no PasswordResetRequiredException here: a RESET_REQUIRED user's refresh is not authorized [I].
    if (isCognitoError(error) && error.type === 'PasswordResetRequiredException') throw new CognitoError('NotAuthorizedException', error.wireMessage)
    throw error
  }
}
