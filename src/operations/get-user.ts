import { fidelity } from '../fidelity.ts'
import type { OperationContext } from '../state/context.ts'
import type { GetUserRequest, GetUserResponse } from '../model/operation-types.generated.ts'
import { authenticate } from './auth.ts'

/** The signed-in user's name and attributes (`sub`, `email_verified`, `email`). */
export async function getUser(ctx: OperationContext, input: GetUserRequest): Promise<GetUserResponse> {
  const { user } = await authenticate(ctx, input.AccessToken)
  return {
    Username: user.username,
    UserAttributes: [
      { Name: 'sub', Value: user.sub },
      { Name: 'email_verified', Value: String(fidelity.emailVerified(user.status)) },
      { Name: 'email', Value: user.email },
    ],
  }
}
