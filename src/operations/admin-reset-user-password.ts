import type { OperationContext } from '../state/context.ts'
import type { AdminResetUserPasswordRequest, AdminResetUserPasswordResponse } from '../model/operation-types.generated.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { recoveryAttribute, sendUserCode } from '../auth/codes.ts'
import { adminPool, adminUser } from './auth.ts'

/**
 * RESET_REQUIRED, and a reset code (an hour) to the user's first verified recovery channel [C]: sign-in and the
 * user's own calls answer PasswordResetRequiredException until ConfirmForgotPassword. Remembered devices stay [I].
 * Refused for a disabled user, a FORCE_CHANGE_PASSWORD one [C] and one without a verified channel [C].
 */
export async function adminResetUserPassword(ctx: OperationContext, input: AdminResetUserPasswordRequest): Promise<AdminResetUserPasswordResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const user = adminUser(ctx, pool, input.Username, true)
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  if (user.status === 'FORCE_CHANGE_PASSWORD') throw new CognitoError('NotAuthorizedException', wire.lifecycle.cannotResetInState)
  const attribute = recoveryAttribute(pool, user)
  if (attribute === undefined) throw new CognitoError('InvalidParameterException', wire.lifecycle.noRecoveryChannel)
  user.status = 'RESET_REQUIRED'
  user.modifiedAt = ctx.clock.now()
  sendUserCode(ctx, { pool, user, purpose: 'forgot-password', attribute })
  return {}
}
