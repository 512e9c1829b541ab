import type { OperationContext } from '../state/context.ts'
import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from '../model/operation-types.generated.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { countCall, useUserCode } from '../auth/codes.ts'
import { claimAlias } from './alias-claim.ts'
import { clientCall, clientUser } from './client-user.ts'

/**
 * UNCONFIRMED → CONFIRMED with the code SignUp or ResendConfirmationCode sent; the attribute it went to is then
 * verified [C]. A confirmed user: `User cannot be confirmed. Current status is CONFIRMED` before any code check
 * [C]. An unknown user under PreventUserExistenceErrors mismatches as a wrong code does [I].
 */
export async function confirmSignUp(ctx: OperationContext, input: ConfirmSignUpRequest): Promise<ConfirmSignUpResponse> {
  const call = await clientCall(ctx, input)
  const user = clientUser(call, { refuseDisabled: false })
  if (user === undefined) throw new CognitoError('CodeMismatchException', wire.lifecycle.codeMismatch)
  countCall(ctx, user, 'ConfirmSignUp')
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', wire.lifecycle.cannotConfirm(user.status))
  const record = useUserCode(ctx, user, 'sign-up', input.ConfirmationCode)
  if (record.attribute) claimAlias(ctx, call.pool, user, record.attribute, input.ForceAliasCreation === true, record)
  user.status = 'CONFIRMED'
  user.modifiedAt = ctx.clock.now()
  return {}
}
