import { fidelity } from '../fidelity.ts'
import { CognitoError, isCognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { GlobalSignOutRequest, GlobalSignOutResponse } from '../model/operation-types.generated.ts'
import { authenticate, type Caller } from './auth.ts'

/**
 * Signs the user out everywhere: every token family issued to them so far is revoked (their access tokens get
 * `Access Token has been revoked`, their refresh tokens `Refresh Token has been revoked`). Answers `{}`.
 */
export async function globalSignOut(ctx: OperationContext, input: GlobalSignOutRequest): Promise<GlobalSignOutResponse> {
  let caller: Caller
  try {
    caller = await authenticate(ctx, input.AccessToken)
  } catch (error) {
    // The model lists no UserNotFoundException for GlobalSignOut.
    if (isCognitoError(error) && error.type === 'UserNotFoundException') {
      throw new CognitoError(fidelity.globalSignOutUnknownUser.type, fidelity.globalSignOutUnknownUser.message)
    }
    throw error
  }
  const { user } = caller
  ctx.store.revokeUserTokens(user.poolId, user.username)
  return {}
}
