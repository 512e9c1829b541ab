import type { OperationContext } from '../state/context.ts'
import type { ChangePasswordRequest, ChangePasswordResponse } from '../model/operation-types.generated.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { countCall } from '../auth/codes.ts'
import { checkPassword } from '../auth/password-policy.ts'
import { authenticate } from './auth.ts'

/**
 * The signed-in user's new password: the previous one must match (`Incorrect username or password.` [C]), the new
 * one meet the policy; five a hour [C]. Tokens and remembered devices stay [C tokens; I devices].
 */
export async function changePassword(ctx: OperationContext, input: ChangePasswordRequest): Promise<ChangePasswordResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  countCall(ctx, user, 'ChangePassword')
  if (input.PreviousPassword !== user.password) throw new CognitoError('NotAuthorizedException', wire.incorrectCredentials)
  checkPassword(pool, input.ProposedPassword)
  user.password = input.ProposedPassword
  user.modifiedAt = ctx.clock.now()
  return {}
}
