import { allowsFlow, checkSecretHash, clientOrFail, preventsUserExistenceErrors } from '../auth/clients.ts'
import { refreshTokens, refuseBeforePassword, startUserSrp } from '../auth/flows.ts'
import { incorrect, optional, required } from '../auth/parameters.ts'
import { afterPassword } from '../auth/sign-in-steps.ts'
import { findUser } from '../state/user-lookup.ts'
import { parsePublicA } from '../auth/srp.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { InitiateAuthRequest, InitiateAuthResponse } from '../model/operation-types.generated.ts'
import { notImplemented } from '../model/messages.ts'

function flowNotEnabled(flow: string): CognitoError {
  return new CognitoError(fidelity.flowNotEnabled.type, fidelity.flowNotEnabled.message(flow))
}

/**
 * Starts a sign-in: USER_SRP_AUTH answers the PASSWORD_VERIFIER challenge, USER_PASSWORD_AUTH checks the
 * password at once (then a new password, a second factor or the device may be asked for, sign-in-steps.ts), REFRESH_TOKEN_AUTH (and its alias REFRESH_TOKEN) mints new access and ID tokens.
 */
export async function initiateAuth(ctx: OperationContext, input: InitiateAuthRequest): Promise<InitiateAuthResponse> {
  const { pool, client } = clientOrFail(ctx, input.ClientId)
  const params = input.AuthParameters ?? {}
  const sourceIp = input.UserContextData?.IpAddress ?? ctx.sourceIp
  const unknownUser = () =>
    preventsUserExistenceErrors(client) ? incorrect() : new CognitoError('UserNotFoundException', fidelity.userMessages.notFound)

  switch (input.AuthFlow) {
    case 'USER_SRP_AUTH': {
      if (!allowsFlow(client, 'USER_SRP_AUTH')) throw flowNotEnabled('USER_SRP_AUTH')
      const username = required(params, 'USERNAME')
      const srpA = required(params, 'SRP_A')
      await checkSecretHash(client, [username], params.SECRET_HASH)
      const A = parsePublicA(srpA)
      if (A === undefined) throw new CognitoError(fidelity.invalidSrpA.type, fidelity.invalidSrpA.message)
      const user = findUser(ctx.store, pool, username, { sub: false })
      if (!user && !preventsUserExistenceErrors(client)) throw unknownUser()
      if (user) refuseBeforePassword(user)
      return startUserSrp(ctx, { pool, client, username, user, A, sourceIp })
    }
    case 'USER_PASSWORD_AUTH': {
      if (!allowsFlow(client, 'USER_PASSWORD_AUTH')) throw flowNotEnabled('USER_PASSWORD_AUTH')
      const username = required(params, 'USERNAME')
      const password = required(params, 'PASSWORD')
      await checkSecretHash(client, [username], params.SECRET_HASH)
      const user = findUser(ctx.store, pool, username, { sub: false })
      if (!user) throw unknownUser()
      refuseBeforePassword(user)
      if (password !== user.password) throw incorrect()
      return afterPassword(ctx, { pool, client, user, deviceKey: optional(params, 'DEVICE_KEY'), sourceIp })
    }
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      if (!allowsFlow(client, 'REFRESH_TOKEN_AUTH')) throw flowNotEnabled('REFRESH_TOKEN_AUTH')
      const token = required(params, 'REFRESH_TOKEN')
      // The client's secret is asked for before the token is looked up; the hash needs the token's user.
      if (client.clientSecret !== undefined && !params.SECRET_HASH) {
        throw new CognitoError('NotAuthorizedException', fidelity.clientSecret.missing(client.clientId))
      }
      const result = await refreshTokens(ctx, {
        pool,
        client,
        token,
        deviceKey: optional(params, 'DEVICE_KEY'),
        checkSecret: (user) =>
          checkSecretHash(client, fidelity.refreshSecretHashUsernames.map((field) => (field === 'sub' ? user.sub : user.username)), params.SECRET_HASH),
      })
      return { ChallengeParameters: {}, AuthenticationResult: result }
    }
    case 'ADMIN_NO_SRP_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
      throw new CognitoError(fidelity.adminFlowOnInitiateAuth.type, fidelity.adminFlowOnInitiateAuth.message)
    default:
      throw new CognitoError(
        fidelity.unsupportedSignIn.type,
        notImplemented.authFlow(String(input.AuthFlow)),
      )
  }
}
