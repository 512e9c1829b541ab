import type { OperationContext } from '../state/context.ts'
import type { VerifyUserAttributeRequest, VerifyUserAttributeResponse } from '../model/operation-types.generated.ts'
import { countCall, useUserCode } from '../auth/codes.ts'
import { setAttribute } from '../auth/attributes.ts'
import { claimAlias } from './alias-claim.ts'
import { authenticate } from './auth.ts'
import { verifiableName } from './get-user-attribute-verification-code.ts'

/**
 * Verifies the signed-in user's email or phone number with the code sent for it: `<attribute>_verified` becomes
 * true and a change that waited for the code (keepOriginalUntilVerified) takes effect [C].
 */
export async function verifyUserAttribute(ctx: OperationContext, input: VerifyUserAttributeRequest): Promise<VerifyUserAttributeResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  const attribute = verifiableName(input.AttributeName)
  countCall(ctx, user, 'VerifyUserAttribute')
  const record = useUserCode(ctx, user, 'verify-attribute', input.Code, attribute)
  const pending = user.pendingAttributes?.[attribute]
  claimAlias(ctx, pool, user, attribute, false, record, pending)
  if (pending !== undefined) {
    setAttribute(user, attribute, pending)
    delete user.pendingAttributes![attribute]
    if (Object.keys(user.pendingAttributes!).length === 0) delete user.pendingAttributes
  }
  user.modifiedAt = ctx.clock.now()
  return {}
}
