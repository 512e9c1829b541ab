import type { OperationContext } from '../state/context.ts'
import type { GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse } from '../model/operation-types.generated.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { VerifiableAttribute } from '../state/types.ts'
import { attributeOf } from '../state/user-lookup.ts'
import { countCall, sendUserCode } from '../auth/codes.ts'
import { authenticate } from './auth.ts'

/** `email` or `phone_number`; any other name: `Invalid attribute name. Only phone_number and email can be verified.` [C] */
export function verifiableName(name: string): VerifiableAttribute {
  if (name === 'email' || name === 'phone_number') return name
  throw new CognitoError('InvalidParameterException', wire.lifecycle.notVerifiable)
}

/** A code that verifies the signed-in user's email or phone number (the Authenticator's "verify contact"). */
export async function getUserAttributeVerificationCode(
  ctx: OperationContext,
  input: GetUserAttributeVerificationCodeRequest,
): Promise<GetUserAttributeVerificationCodeResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  const attribute = verifiableName(input.AttributeName)
  if (attributeOf(user, attribute) === undefined && user.pendingAttributes?.[attribute] === undefined) {
    throw new CognitoError('InvalidParameterException', fidelity.lifecycleMessages.noAttribute(attribute))
  }
  countCall(ctx, user, 'GetUserAttributeVerificationCode')
  return { CodeDeliveryDetails: sendUserCode(ctx, { pool, user, purpose: 'verify-attribute', attribute }) }
}
