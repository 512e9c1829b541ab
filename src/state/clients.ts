import { fail } from '../lib/errors.ts'
import * as make from './factory.ts'
import type { Faker } from '@faker-js/faker'
import type { AppClientRecord } from './types.ts'

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
export function clientSecret(faker: Faker): string {
  return faker.string.alphanumeric({ length: 51, casing: 'lower' })
}

/**
 * An app client record from handle input, drawing what is not given from `faker`.
 *
 * @example
 * makeClient(random, { clientName: 'server', clientSecret: true })
 */
export function makeClient(faker: Faker, input: CreateClientInput = {}): AppClientRecord {
  const clientId = input.clientId ?? make.appClientId(faker)
  if (!/^[\w+]+$/.test(clientId) || clientId.length > 128) {
    fail(`"${clientId}" is not an app client id (1–128 letters, digits, "_" or "+").`)
  }
  const secret = input.clientSecret === true ? clientSecret(faker) : typeof input.clientSecret === 'string' ? input.clientSecret : undefined
  if (secret !== undefined && !/^[\w+]{24,64}$/.test(secret)) {
    fail('a client secret is 24–64 letters, digits, "_" or "+" (pass clientSecret: true to draw one).')
  }
  const mode = input.preventUserExistenceErrors
  if (mode !== undefined && mode !== 'ENABLED' && mode !== 'LEGACY') {
    fail(`preventUserExistenceErrors is "ENABLED" or "LEGACY", got "${String(mode)}".`)
  }
  return {
    clientId,
    clientName: input.clientName ?? (secret ? 'server' : 'web'),
    ...(secret !== undefined ? { clientSecret: secret } : {}),
    ...(mode !== undefined ? { preventUserExistenceErrors: mode } : {}),
    ...(input.explicitAuthFlows ? { explicitAuthFlows: [...input.explicitAuthFlows] } : {}),
  }
}
