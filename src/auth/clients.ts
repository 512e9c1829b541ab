import type { SeededFaker } from '../state/random.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../operations/context.ts'
import * as make from '../state/factory.ts'
import type { AppClientRecord, UserPoolRecord } from '../state/types.ts'
import { hmacSha256, sameText, toBase64, utf8 } from './crypto.ts'

/** The flows a client allows when its `explicitAuthFlows` are not set. */
export const defaultAuthFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const

/** What `pools.create({ clients })` takes for each app client. */
export interface CreateClientInput {
  clientId?: string
  clientName?: string
  /** `true` draws a secret from the seed; a string is used as is; absent or `false`: a public client. */
  clientSecret?: string | boolean
  preventUserExistenceErrors?: 'ENABLED' | 'LEGACY'
  explicitAuthFlows?: string[]
}

/** Client secrets are 51 lowercase alphanumerics, like the console's. */
export function clientSecret(faker: SeededFaker): string {
  return faker.string.alphanumeric({ length: 51, casing: 'lower' })
}

/**
 * An app client record from handle input, drawing what is not given from `faker`.
 *
 * @example
 * makeClient(random, { clientName: 'server', clientSecret: true })
 */
export function makeClient(faker: SeededFaker, input: CreateClientInput = {}): AppClientRecord {
  const clientId = input.clientId ?? make.appClientId(faker)
  if (!/^[\w+]+$/.test(clientId) || clientId.length > 128) {
    throw new Error(`[cognito-device-mock] "${clientId}" is not an app client id (1–128 letters, digits, "_" or "+").`)
  }
  const secret = input.clientSecret === true ? clientSecret(faker) : typeof input.clientSecret === 'string' ? input.clientSecret : undefined
  if (secret !== undefined && !/^[\w+]{24,64}$/.test(secret)) {
    throw new Error('[cognito-device-mock] a client secret is 24–64 letters, digits, "_" or "+" (pass clientSecret: true to draw one).')
  }
  const mode = input.preventUserExistenceErrors
  if (mode !== undefined && mode !== 'ENABLED' && mode !== 'LEGACY') {
    throw new Error(`[cognito-device-mock] preventUserExistenceErrors is "ENABLED" or "LEGACY", got "${String(mode)}".`)
  }
  return {
    clientId,
    clientName: input.clientName ?? (secret ? 'server' : 'web'),
    ...(secret !== undefined ? { clientSecret: secret } : {}),
    ...(mode !== undefined ? { preventUserExistenceErrors: mode } : {}),
    ...(input.explicitAuthFlows ? { explicitAuthFlows: [...input.explicitAuthFlows] } : {}),
  }
}

/**
 * Every seeded pool gets a second, confidential client (`server`, with a secret) besides its public `web`
 * client. Drawn from its own stream so that the world's other values do not move.
 */
export function addSeededClients(pools: Iterable<UserPoolRecord>, faker: SeededFaker): void {
  for (const pool of pools) pool.clients.push(makeClient(faker, { clientName: 'server', clientSecret: true }))
}

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
  if (!found) throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`)
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
    if (sameText(await secretHash(client.clientSecret, username, client.clientId), given)) return
  }
  throw new CognitoError('NotAuthorizedException', fidelity.clientSecret.wrong(client.clientId))
}

export function allowsFlow(client: AppClientRecord, flow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH'): boolean {
  return (client.explicitAuthFlows ?? defaultAuthFlows).includes(`ALLOW_${flow}`)
}

export function preventsUserExistenceErrors(client: AppClientRecord): boolean {
  return (client.preventUserExistenceErrors ?? fidelity.preventUserExistenceErrorsDefault) === 'ENABLED'
}
