import type { OperationContext } from '../state/context.ts'
import type { ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse } from '../model/operation-types.generated.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { countCall, useUserCode } from '../auth/codes.ts'
import { checkPassword } from '../auth/password-policy.ts'
import { clientCall, clientUser } from './client-user.ts'

/**
 * The new password, with the code ForgotPassword or AdminResetUserPassword sent: the user is CONFIRMED again
 * (from RESET_REQUIRED too) [C]; their tokens and remembered devices stay (fidelity.passwordChangeKeepsSessions).
 * The password policy is checked before the code [I]. Under PreventUserExistenceErrors an unknown or disabled
 * user mismatches [C].
 */
export async function confirmForgotPassword(ctx: OperationContext, input: ConfirmForgotPasswordRequest): Promise<ConfirmForgotPasswordResponse> {
  const call = await clientCall(ctx, input)
  const user = clientUser(call, { refuseDisabled: true })
  if (user === undefined) throw new CognitoError('CodeMismatchException', wire.lifecycle.codeMismatch)
  countCall(ctx, user, 'ConfirmForgotPassword')
  checkPassword(call.pool, input.Password)
  useUserCode(ctx, user, 'forgot-password', input.ConfirmationCode)
  user.password = input.Password
  if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED'
  delete user.temporaryPasswordAt
  user.modifiedAt = ctx.clock.now()
  return {}
}
