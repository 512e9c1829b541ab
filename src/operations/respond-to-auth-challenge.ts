import { checkSecretHash, clientOrFail } from '../auth/clients.ts'
import { answerDevicePasswordVerifier, answerDeviceSrpAuth, answerPasswordVerifier, required } from '../auth/flows.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from '../model/operation-types.generated.ts'

/**
 * Answers the challenges the mock hands out: PASSWORD_VERIFIER (found by its SECRET_BLOCK), then DEVICE_SRP_AUTH
 * and DEVICE_PASSWORD_VERIFIER (found by Session). The mock issues no other challenge, so no session can be
 * for one: `Invalid session for the user.`
 */
export async function respondToAuthChallenge(ctx: OperationContext, input: RespondToAuthChallengeRequest): Promise<RespondToAuthChallengeResponse> {
  const { pool, client } = clientOrFail(ctx, input.ClientId)
  const responses = input.ChallengeResponses ?? {}
  const sourceIp = input.UserContextData?.IpAddress ?? ctx.sourceIp
  const name = input.ChallengeName
  if (name !== 'PASSWORD_VERIFIER' && name !== 'DEVICE_SRP_AUTH' && name !== 'DEVICE_PASSWORD_VERIFIER') {
    throw new CognitoError('NotAuthorizedException', fidelity.session.invalid)
  }
  await checkSecretHash(client, [required(responses, 'USERNAME')], responses.SECRET_HASH)
  switch (name) {
    case 'PASSWORD_VERIFIER':
      return answerPasswordVerifier(ctx, { pool, client, responses, sourceIp })
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrpAuth(ctx, { pool, client, responses, session: input.Session })
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDevicePasswordVerifier(ctx, { pool, client, responses, session: input.Session, sourceIp })
  }
}
