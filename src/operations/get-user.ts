import type { OperationContext } from '../state/context.ts'
import type { GetUserRequest, GetUserResponse } from '../model/operation-types.generated.ts'
import { authenticate } from './auth.ts'
import { userAttributes } from '../state/user-lookup.ts'
import { userMfaFields } from './user-type.ts'

/** The signed-in user's name, attributes and second factors (fidelity.userView). */
export async function getUser(ctx: OperationContext, input: GetUserRequest): Promise<GetUserResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  return { Username: user.username, UserAttributes: userAttributes(user), ...userMfaFields(pool, user) }
}
