import { associateForSession, associateForUser } from '../auth/software-token.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import { authenticate } from './auth.ts'

/** A new authenticator secret: for the signed-in user (AccessToken), or during sign-in's MFA_SETUP (Session). */
export async function associateSoftwareToken(ctx: OperationContext, input: AssociateSoftwareTokenRequest): Promise<AssociateSoftwareTokenResponse> {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) {
    throw new CognitoError(fidelity.softwareToken.oneOf.type, fidelity.softwareToken.oneOf.message)
  }
  if (input.Session !== undefined) return associateForSession(ctx, input.Session)
  const { pool, user } = await authenticate(ctx, input.AccessToken!)
  return { SecretCode: associateForUser(ctx, pool, user) }
}
