import { verifyForSession, verifyForUser } from '../auth/software-token.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { VerifySoftwareTokenRequest, VerifySoftwareTokenResponse } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import { authenticate } from './auth.ts'

/** Checks a code of the secret AssociateSoftwareToken handed out; during sign-in, answers the next Session. */
export async function verifySoftwareToken(ctx: OperationContext, input: VerifySoftwareTokenRequest): Promise<VerifySoftwareTokenResponse> {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) {
    throw new CognitoError(fidelity.softwareToken.oneOf.type, fidelity.softwareToken.oneOf.message)
  }
  if (input.Session !== undefined) {
    return { Status: 'SUCCESS', Session: verifyForSession(ctx, input.Session, input.UserCode, input.FriendlyDeviceName) }
  }
  const { user } = await authenticate(ctx, input.AccessToken!)
  verifyForUser(ctx, user, input.UserCode, input.FriendlyDeviceName)
  return { Status: 'SUCCESS' }
}
