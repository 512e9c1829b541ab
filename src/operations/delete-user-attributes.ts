import type { OperationContext } from '../state/context.ts'
import type { DeleteUserAttributesRequest, DeleteUserAttributesResponse } from '../model/operation-types.generated.ts'
import { deleteAttributes } from '../auth/attributes.ts'
import { authenticate } from './auth.ts'

/** Removes attributes of the signed-in user; a required one is refused [C]. */
export async function deleteUserAttributes(ctx: OperationContext, input: DeleteUserAttributesRequest): Promise<DeleteUserAttributesResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  deleteAttributes(ctx, pool, user, input.UserAttributeNames)
  return {}
}
