import type { OperationContext } from '../state/context.ts'
import type { DeleteUserRequest } from '../model/operation-types.generated.ts'
import { authenticate } from './auth.ts'

/**
 * Deletes the signed-in user, with their devices, refresh tokens and sign-ins in progress (the model has no output:
 * an empty body [C]). Their tokens then answer `User does not exist.`; a user created again under the name is
 * another user (a new `sub`).
 */
export async function deleteUser(ctx: OperationContext, input: DeleteUserRequest): Promise<void> {
  const { user } = await authenticate(ctx, input.AccessToken)
  ctx.store.removeUser(user.poolId, user.username)
}
