import {
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import type { CognitoMock, CreatePoolInput, UserPoolRecord } from '../src/index.ts'
import { rejection, sdkClient, startMock, type MockFixture } from './support.ts'

/**
 * What the user-lifecycle suites (test/lifecycle-sdk.test.ts, lifecycle-sdk-attributes.test.ts,
 * lifecycle-admin.test.ts, lifecycle-admin-users.test.ts, lifecycle-sessions.test.ts) share: a mock and an SDK
 * client for the file, the unmodified SDK v3's answers reduced to what the wire carried, refusals asserted whole,
 * and the few calls (sign-up, sign-in, GetUser) most tests go through. Expected values are written in the tests,
 * never read from the library under test.
 */

/** Meets the default policy (8+, lower, upper, digit, symbol) and a 10-character one. */
export const PASSWORD = 'Correct-Horse-1!'
export const NEW_PASSWORD = 'Battery-Staple-2?'

/** An SDK output without `$metadata`: the answer body as the SDK parsed it. */
export function body<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output
  return rest
}

/** The refusal of `promise`: the SDK's exception `name`, its `message`, HTTP `status` (400) and a client fault. */
export async function refused(promise: Promise<unknown>, name: string, message: string, status = 400): Promise<void> {
  const error = await rejection(promise)
  expect({ name: error.name, message: error.message, status: error.$metadata?.httpStatusCode, fault: error.$fault }).toEqual({
    name,
    message,
    status,
    fault: status < 500 ? 'client' : 'server',
  })
}

export interface LifecycleSuite {
  /** The file's mock: no seeded pool, and reset before each test (the file's own `beforeEach` then makes its pool). */
  readonly cognito: CognitoMock
  /** The unmodified SDK v3 client, signed with test credentials. */
  readonly client: CognitoIdentityProviderClient
  /** {@link calls} bound to `client`. */
  readonly api: ReturnType<typeof calls>
}

/**
 * Starts the mock (seeded with `seed`, no pools) behind MSW and an SDK client (`clientConfig` over
 * {@link sdkClient}'s) for the file, in `beforeAll`; resets the mock before each test (a `beforeEach` registered
 * here, so it runs before the file's own); stops both in `afterAll`. The members are read when a test runs: reading
 * one outside a hook or test, before `beforeAll`, throws.
 */
export function lifecycleSuite(seed: number, clientConfig: Partial<CognitoIdentityProviderClientConfig> = {}): LifecycleSuite {
  let started: { fixture: MockFixture; client: CognitoIdentityProviderClient; api: ReturnType<typeof calls> } | undefined
  const running = () => {
    if (!started) throw new Error('lifecycleSuite: its members can be read only in a hook or a test, after beforeAll')
    return started
  }
  beforeAll(() => {
    const fixture = startMock({ seed, world: { pools: 0 } })
    const client = sdkClient(clientConfig)
    started = { fixture, client, api: calls(client) }
  })
  beforeEach(() => running().fixture.cognito.reset())
  afterAll(() => {
    started?.client.destroy()
    started?.fixture.close()
    started = undefined
  })
  return {
    get cognito() {
      return running().fixture.cognito
    },
    get client() {
      return running().client
    },
    get api() {
      return running().api
    },
  }
}

/** A pool of `cognito`, made with `settings`, and its first app client's id. */
export function poolWith(cognito: CognitoMock, settings: CreatePoolInput = {}): { pool: UserPoolRecord; clientId: string } {
  const pool = cognito.pools.create(settings)
  return { pool, clientId: pool.clients[0]!.clientId }
}

/** The calls most lifecycle tests make, bound to one client. */
export function calls(client: CognitoIdentityProviderClient) {
  return {
    signUp: (ClientId: string, Username: string, attributes: Record<string, string> = {}, Password = PASSWORD) =>
      client.send(new SignUpCommand({ ClientId, Username, Password, UserAttributes: attributesOf(attributes) })),
    confirm: (ClientId: string, Username: string, ConfirmationCode: string, ForceAliasCreation?: boolean) =>
      client.send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode, ...(ForceAliasCreation === undefined ? {} : { ForceAliasCreation }) })),
    /** InitiateAuth USER_PASSWORD_AUTH. */
    signIn: (ClientId: string, USERNAME: string, PASSWORD_: string = PASSWORD) =>
      client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD: PASSWORD_ } })),
    /** Signs in and returns the tokens (fails the test on a challenge). */
    tokens: async (ClientId: string, USERNAME: string, PASSWORD_: string = PASSWORD) => {
      const answer = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD: PASSWORD_ } }))
      expect(answer.ChallengeName).toBeUndefined()
      return answer.AuthenticationResult!
    },
    /** GetUser's attributes as a name → value record, with its Username. */
    me: async (AccessToken: string) => {
      const answer = await client.send(new GetUserCommand({ AccessToken }))
      return { username: answer.Username!, attributes: Object.fromEntries((answer.UserAttributes ?? []).map((a) => [a.Name!, a.Value!])) }
    },
  }
}

export function attributesOf(record: Record<string, string>): AttributeType[] {
  return Object.entries(record).map(([Name, Value]) => ({ Name, Value }))
}

/** A UUID v4, as a user's `sub` is. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
