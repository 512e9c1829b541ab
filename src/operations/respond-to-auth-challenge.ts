import { answerCode, answerNewPassword, answerSelection, answerSetup } from '../auth/challenges.ts'
import { checkSecretHash, clientOrFail } from '../auth/clients.ts'
import { answerDevicePasswordVerifier, answerDeviceSrpAuth, answerPasswordVerifier } from '../auth/flows.ts'
import { required } from '../auth/parameters.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from '../model/operation-types.generated.ts'

/**
 * Answers the challenges the mock hands out: PASSWORD_VERIFIER (found by its SECRET_BLOCK); then, each found by
 * its Session, NEW_PASSWORD_REQUIRED, the second factor (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE,
 * MFA_SETUP), DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER. The mock issues no other challenge, so no session
 * can be for one: `Invalid session for the user.`
 */
export async function respondToAuthChallenge(ctx: OperationContext, input: RespondToAuthChallengeRequest): Promise<RespondToAuthChallengeResponse> {
  const { pool, client } = clientOrFail(ctx, input.ClientId)
  const responses = input.ChallengeResponses ?? {}
  const sourceIp = input.UserContextData?.IpAddress ?? ctx.sourceIp
  const name = input.ChallengeName
  const answer = { pool, client, responses, session: input.Session, sourceIp }
  switch (name) {
    case 'PASSWORD_VERIFIER':
    case 'DEVICE_SRP_AUTH':
    case 'DEVICE_PASSWORD_VERIFIER':
    case 'NEW_PASSWORD_REQUIRED':
    case 'SMS_MFA':
    case 'SOFTWARE_TOKEN_MFA':
    case 'EMAIL_OTP':
    case 'SELECT_MFA_TYPE':
    case 'MFA_SETUP':
      break
    default:
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
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(ctx, answer)
    case 'SMS_MFA':
    case 'SOFTWARE_TOKEN_MFA':
    case 'EMAIL_OTP':
      return answerCode(ctx, answer, name)
    case 'SELECT_MFA_TYPE':
      return answerSelection(ctx, answer)
    case 'MFA_SETUP':
      return answerSetup(ctx, answer)
  }
}
