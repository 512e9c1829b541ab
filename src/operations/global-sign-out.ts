import { fidelity } from '../fidelity.ts'
import { CognitoError, isCognitoError } from '../model/exceptions.ts'
import { userKey } from '../state/store.ts'
import type { OperationContext } from './context.ts'
import { authenticate, type Caller } from './auth.ts'

export interface GlobalSignOutInput {
  AccessToken: string
}

/**
 * Signs the user out everywhere: every token family issued to them so far is revoked (their access tokens get
 * `Access Token has been revoked`, their refresh tokens `Refresh Token has been revoked`). Answers `{}`.
 */
export async function globalSignOut(ctx: OperationContext, input: GlobalSignOutInput): Promise<Record<string, never>> {
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
  for (const id of ctx.store.issuedTokenIds.get(userKey(user.poolId, user.username)) ?? []) ctx.store.revokedTokenIds.add(id)
  return {}
}
