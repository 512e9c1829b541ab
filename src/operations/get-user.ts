import { fidelity } from '../fidelity.ts'
import type { OperationContext } from './context.ts'
import { authenticate } from './auth.ts'

export interface GetUserInput {
  AccessToken: string
}

export interface GetUserOutput {
  Username: string
  UserAttributes: { Name: string; Value: string }[]
}

/** The signed-in user's name and attributes (`sub`, `email_verified`, `email`). */
export async function getUser(ctx: OperationContext, input: GetUserInput): Promise<GetUserOutput> {
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
