import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import { defaultAuthFlows } from '../state/clients.ts'
import type { AppClientRecord, UserPoolRecord } from '../state/types.ts'
import { constantTimeEqual, toBase64, utf8 } from '../lib/bytes.ts'
import { hmacSha256 } from '../lib/hash.ts'
import { wire } from '../model/messages.ts'

/** The pool and client a ClientId names, as seen from the endpoint that received the call. */
export function findClient(ctx: OperationContext, clientId: string): { pool: UserPoolRecord; client: AppClientRecord } | undefined {
  for (const pool of ctx.store.pools.values()) {
    if (ctx.endpointRegion !== undefined && pool.region !== ctx.endpointRegion) continue
    const client = pool.clients.find((c) => c.clientId === clientId)
    if (client) return { pool, client }
  }
  return undefined
}

/** The client a sign-in call names, or `ResourceNotFoundException: User pool client <id> does not exist.` */
export function clientOrFail(ctx: OperationContext, clientId: string): { pool: UserPoolRecord; client: AppClientRecord } {
  const found = findClient(ctx, clientId)
  if (!found) throw new CognitoError('ResourceNotFoundException', wire.clientNotFound(clientId))
  return found
}

/**
 * SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)).
 *
 * @example
 * await secretHash(client.clientSecret, 'ada.kim', client.clientId)
 */
export async function secretHash(secret: string, username: string, clientId: string): Promise<string> {
  return toBase64(await hmacSha256(utf8(secret), utf8(`${username}${clientId}`)))
}

/**
 * A client with a secret needs SECRET_HASH for one of `usernames`; a public client ignores it.
 * NotAuthorizedException with Cognito's messages otherwise.
 */
export async function checkSecretHash(client: AppClientRecord, usernames: readonly string[], given: string | undefined): Promise<void> {
  if (client.clientSecret === undefined) return
  if (given === undefined || given === '') throw new CognitoError('NotAuthorizedException', fidelity.clientSecret.missing(client.clientId))
  for (const username of usernames) {
    if (constantTimeEqual(await secretHash(client.clientSecret, username, client.clientId), given)) return
  }
  throw new CognitoError('NotAuthorizedException', fidelity.clientSecret.wrong(client.clientId))
}

export function allowsFlow(client: AppClientRecord, flow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH'): boolean {
  return (client.explicitAuthFlows ?? defaultAuthFlows).includes(`ALLOW_${flow}`)
}

export function preventsUserExistenceErrors(client: AppClientRecord): boolean {
  return (client.preventUserExistenceErrors ?? fidelity.preventUserExistenceErrorsDefault) === 'ENABLED'
}
