import type { OperationContext } from '../state/context.ts'
import type { ForgotPasswordRequest, ForgotPasswordResponse } from '../model/operation-types.generated.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { preventsUserExistenceErrors } from '../auth/clients.ts'
import { countCall, recoveryAttribute, sendUserCode } from '../auth/codes.ts'
import { clientCall, clientUser } from './client-user.ts'

/**
 * A password reset code (good for an hour) to the first recovery channel the user has verified; the status stays
 * as it is until ConfirmForgotPassword [I]. FORCE_CHANGE_PASSWORD: `User password cannot be reset in the current
 * state.` [C]. No verified channel: `Cannot reset password for the user as there is no registered/verified email
 * or phone_number` [C]. Under PreventUserExistenceErrors an unknown or disabled user, or one without a channel,
 * gets a simulated delivery [C].
 */
export async function forgotPassword(ctx: OperationContext, input: ForgotPasswordRequest): Promise<ForgotPasswordResponse> {
  const call = await clientCall(ctx, input)
  const user = clientUser(call, { refuseDisabled: true })
  const simulated = { CodeDeliveryDetails: fidelity.simulatedDelivery(call.pool.id) }
  if (user === undefined) return simulated
  if (user.status === 'FORCE_CHANGE_PASSWORD') throw new CognitoError('NotAuthorizedException', wire.lifecycle.cannotResetInState)
  countCall(ctx, user, 'ForgotPassword')
  const attribute = recoveryAttribute(call.pool, user)
  if (attribute === undefined) {
    if (preventsUserExistenceErrors(call.client)) return simulated
    throw new CognitoError('InvalidParameterException', wire.lifecycle.noRecoveryChannel)
  }
  return { CodeDeliveryDetails: sendUserCode(ctx, { pool: call.pool, user, purpose: 'forgot-password', attribute }) }
}
