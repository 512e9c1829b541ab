import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoMock } from 'cognito-device-mock'

/** Who is "signed in", and how to talk to Cognito as them. */
export interface Session {
  poolId: string
  username: string
  region: string
  /** An unmodified AWS SDK v3 client. Requests go to cognito-idp.{region}.amazonaws.com; the worker answers. */
  client: CognitoIdentityProviderClient
  /** A fresh access token for the user. */
  signIn(): Promise<string>
}

/**
 * Signs in "as" the first seeded user of the first pool by asking the mock for an access token directly.
 * The real Cognito sign-in flows (InitiateAuth, SRP, device confirmation) come in a later issue; then this
 * becomes a sign-in form, and the rest of the app does not change.
 */
export function createSession(cognito: CognitoMock): Session {
  const pool = cognito.pools.list()[0]
  if (!pool) throw new Error('The seeded world has no user pool.')
  const user = cognito.users.list(pool.id)[0]
  if (!user) throw new Error(`User pool ${pool.id} has no users.`)
  // A pool id is `{region}_{id}`: the client must talk to that region's endpoint.
  const region = pool.id.slice(0, pool.id.indexOf('_'))
  // No credentials: ListDevices, ForgetDevice, UpdateDeviceStatus and GetDevice are unsigned user calls
  // (smithy.api#noAuth), authorized by the AccessToken in the body.
  const client = new CognitoIdentityProviderClient({ region, maxAttempts: 3 })
  return {
    poolId: pool.id,
    username: user.username,
    region,
    client,
    signIn: () => cognito.tokens.issue(pool.id, user.username),
  }
}
