import type { OperationContext } from '../state/context.ts'
import type { AdminConfirmSignUpRequest, AdminConfirmSignUpResponse } from '../model/operation-types.generated.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { adminPool, adminUser } from './auth.ts'

/**
 * UNCONFIRMED → CONFIRMED without a code. Nothing is verified by it [C: an admin-confirmed user's email stays
 * unverified]. A user not UNCONFIRMED: as ConfirmSignUp words it [I].
 */
export async function adminConfirmSignUp(ctx: OperationContext, input: AdminConfirmSignUpRequest): Promise<AdminConfirmSignUpResponse> {
  const user = adminUser(ctx, adminPool(ctx, input.UserPoolId), input.Username, true)
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', wire.lifecycle.cannotConfirm(user.status))
  user.status = 'CONFIRMED'
  user.codes = user.codes?.filter((code) => code.purpose !== 'sign-up')
  user.modifiedAt = ctx.clock.now()
  return {}
}
