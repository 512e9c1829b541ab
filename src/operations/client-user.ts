import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { OperationContext } from '../state/context.ts'
import { findUser } from '../state/user-lookup.ts'
import type { AppClientRecord, UserPoolRecord, UserRecord } from '../state/types.ts'
import { checkSecretHash, clientOrFail, preventsUserExistenceErrors } from '../auth/clients.ts'

/**
 * The app-client side of the lifecycle operations (SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword,
 * ConfirmForgotPassword): the client, its SECRET_HASH, and the user the call names, as PreventUserExistenceErrors
 * lets a caller learn of them (WIRE §10.1.4).
 */

export interface ClientCall {
  pool: UserPoolRecord
  client: AppClientRecord
  /** The user the call's Username names (by name or alias), whoever may learn of them: see `clientUser`. */
  named: UserRecord | undefined
}

/** The pool and client of a call naming `ClientId`, with the SECRET_HASH a confidential client needs. */
export async function clientCall(ctx: OperationContext, input: { ClientId: string; SecretHash?: string; Username: string }): Promise<ClientCall> {
  const { pool, client } = clientOrFail(ctx, input.ClientId)
  const named = findUser(ctx.store, pool, input.Username, { sub: false })
  await checkSecretHash(client, named ? [input.Username, named.username] : [input.Username], input.SecretHash)
  return { pool, client, named }
}

/**
 * The user a client call names (looked up once, by `clientCall`), when the caller may learn of them. An unknown user, or (`refuseDisabled`) a
 * disabled one: `undefined` under PreventUserExistenceErrors (the caller answers as the guide says), else
 * `UserNotFoundException: Username/client id combination not found.` [C] or `User is disabled.`.
 */
export function clientUser(call: ClientCall, options: { refuseDisabled: boolean }): UserRecord | undefined {
  const user = call.named
  const prevents = preventsUserExistenceErrors(call.client)
  if (user === undefined) {
    if (prevents) return undefined
    throw new CognitoError('UserNotFoundException', wire.lifecycle.clientUserNotFound)
  }
  if (options.refuseDisabled && !user.enabled) {
    if (prevents) return undefined
    throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  }
  return user
}
