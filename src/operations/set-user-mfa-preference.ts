import type { OperationContext } from '../state/context.ts'
import type { SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse } from '../model/operation-types.generated.ts'
import { authenticate } from './auth.ts'
import { setMfaPreference } from './mfa-preference.ts'

/** The signed-in user turns their second factors on or off and picks one (fidelity.mfaPreference). Answers `{}`. */
export async function setUserMfaPreference(ctx: OperationContext, input: SetUserMFAPreferenceRequest): Promise<SetUserMFAPreferenceResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  setMfaPreference(pool, user, input, 'user')
  return {}
}
