import type { OperationContext } from '../state/context.ts'
import type { SignUpRequest, SignUpResponse } from '../model/operation-types.generated.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { checkNameFree, createUser, newUserName } from '../auth/accounts.ts'
import { checkRequired, checkSchema } from '../auth/attributes.ts'
import { sendUserCode, signUpCodeAttribute } from '../auth/codes.ts'
import { checkPassword } from '../auth/password-policy.ts'
import { clientCall } from './client-user.ts'

/**
 * A new, UNCONFIRMED user, and the code that confirms them sent to the attribute the pool verifies (the phone
 * number when it verifies both). Checks in Cognito's order [I]: client and SECRET_HASH, the schema, the name,
 * the required attributes, the password policy (`Password did not conform with policy: …` [C]).
 */
export async function signUp(ctx: OperationContext, input: SignUpRequest): Promise<SignUpResponse> {
  const call = await clientCall(ctx, input)
  const { pool } = call
  const attributes = input.UserAttributes ?? []
  checkSchema(pool, attributes)
  const name = newUserName(pool, input.Username)
  checkNameFree(ctx, pool, name, 'SignUp')
  checkRequired(pool, attributes, name.from ? [name.from.name] : [])
  if (input.Password === undefined || input.Password === '') {
    // A pool with passwordless sign-in takes none; the mock's pools all sign in with passwords.
    throw new CognitoError('InvalidParameterException', fidelity.lifecycleMessages.passwordMissing)
  }
  checkPassword(pool, input.Password, { signUp: true })
  const user = createUser(ctx, pool, { name, attributes, status: 'UNCONFIRMED', password: input.Password })
  const attribute = signUpCodeAttribute(pool, user)
  const delivery = attribute && sendUserCode(ctx, { pool, user, purpose: 'sign-up', attribute })
  return { ...(delivery ? { CodeDeliveryDetails: delivery } : {}), UserConfirmed: false, UserSub: user.sub }
}
