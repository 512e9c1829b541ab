import type { OperationContext } from '../state/context.ts'
import type { UpdateUserAttributesRequest, UpdateUserAttributesResponse } from '../model/operation-types.generated.ts'
import { writeAttributes } from '../auth/attributes.ts'
import { sendUserCode } from '../auth/codes.ts'
import { authenticate } from './auth.ts'

/**
 * The signed-in user's attributes: written after every one is checked; a changed email or phone number the pool
 * verifies gets a code, listed in `CodeDeliveryDetailsList` [C] (absent when none was sent). Tokens already issued
 * keep their claims [C].
 */
export async function updateUserAttributes(ctx: OperationContext, input: UpdateUserAttributesRequest): Promise<UpdateUserAttributesResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  const waiting = writeAttributes(ctx, pool, user, input.UserAttributes, 'client')
  if (waiting.length === 0) return {}
  return { CodeDeliveryDetailsList: waiting.map((attribute) => sendUserCode(ctx, { pool, user, purpose: 'verify-attribute', attribute })) }
}
