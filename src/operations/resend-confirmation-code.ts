import type { OperationContext } from '../state/context.ts'
import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from '../model/operation-types.generated.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { countCall, sendUserCode, signUpCodeAttribute } from '../auth/codes.ts'
import { clientCall, clientUser } from './client-user.ts'

/**
 * A new sign-up code, in place of the last. A confirmed user: `InvalidParameterException: User is already
 * confirmed.` [C] (the Authenticator goes on as confirmed on exactly that message). An unknown or disabled user
 * under PreventUserExistenceErrors gets a simulated delivery [C].
 */
export async function resendConfirmationCode(ctx: OperationContext, input: ResendConfirmationCodeRequest): Promise<ResendConfirmationCodeResponse> {
  const call = await clientCall(ctx, input)
  const user = clientUser(call, { refuseDisabled: true })
  if (user === undefined) return { CodeDeliveryDetails: fidelity.simulatedDelivery(call.pool.id) }
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('InvalidParameterException', wire.lifecycle.alreadyConfirmed)
  const attribute = signUpCodeAttribute(call.pool, user)
  if (attribute === undefined) throw new CognitoError('InvalidParameterException', fidelity.lifecycleMessages.noAutoVerification)
  countCall(ctx, user, 'ResendConfirmationCode')
  return { CodeDeliveryDetails: sendUserCode(ctx, { pool: call.pool, user, purpose: 'sign-up', attribute }) }
}
