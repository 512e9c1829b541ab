import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { setupServer } from 'msw/node'
import {
  AdminListDevicesCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  ListDevicesCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognitoMock } from 'cognito-device-mock'

/**
 * CommonJS Jest, Node environment (msw 2, or msw 3 through require(esm) on Node ≥ 24.9): the AWS SDK v3 against the mock, through MSW's `setupServer`.
 * The world is partly described (one pool, ada with two named devices and one drawn from the seed, two more users).
 */

const cognito = createCognitoMock({
  seed: 42,
  world: {
    pools: [
      {
        name: 'Acme',
        deviceRemembering: 'always',
        users: [{ username: 'ada', password: 'Correct-Horse-1', devices: [{ name: 'Ada’s MacBook' }, { name: 'Ada’s iPhone' }, 1] }, 2],
      },
    ],
  },
})
const server = setupServer(...cognito.handlers)
// maxAttempts 1: a throttled call fails at once instead of after the SDK's retries.
const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'any-secret' },
})

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => cognito.scenarios.reset())
afterAll(() => server.close())

const pool = () => cognito.pools.list()[0]!

describe('CommonJS Jest, Node environment', () => {
  it('runs as CommonJS and resolves the built package, and the msw major its config names', () => {
    expect(typeof module).toBe('object')
    expect(require.resolve('cognito-device-mock')).toMatch(/[/\\]dist[/\\]index\.js$/)
    expect(require.resolve('cognito-device-mock/node')).toMatch(/[/\\]dist[/\\]node\.js$/)
    // `globals.mswMajor` in the jest config: 2 (`msw` mapped to the msw2 devDependency) or 3 (require(esm)).
    const { mswMajor } = globalThis as unknown as { mswMajor: 2 | 3 }
    expect([2, 3]).toContain(mswMajor)
    expect(require.resolve('msw/node')).toMatch(mswMajor === 2 ? /[/\\]node_modules[/\\]msw2[/\\]/ : /[/\\]node_modules[/\\]msw[/\\]/)
  })

  it('signs ada in and reads her through GetUser', async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    const user = await client.send(new GetUserCommand({ AccessToken }))
    expect(user.Username).toBe('ada')
    expect(user.UserAttributes?.find((a) => a.Name === 'sub')?.Value).toBe(cognito.users.get(pool().id, 'ada')!.sub)
  })

  it('ListDevices returns the seeded devices, named as described', async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    const { Devices } = await client.send(new ListDevicesCommand({ AccessToken }))
    const names = Devices!.map((d) => d.DeviceAttributes?.find((a) => a.Name === 'device_name')?.Value)
    expect(Devices).toHaveLength(3)
    expect(names).toEqual(expect.arrayContaining(['Ada’s MacBook', 'Ada’s iPhone']))
    expect(Devices!.map((d) => d.DeviceKey).sort()).toEqual(cognito.devices.list(pool().id, 'ada').map((d) => d.key).sort())
  })

  it('AdminListDevices (SigV4-signed) agrees', async () => {
    const { Devices } = await client.send(new AdminListDevicesCommand({ UserPoolId: pool().id, Username: 'ada' }))
    expect(Devices).toHaveLength(3)
    expect(Devices!.every((d) => d.DeviceKey!.startsWith('us-east-1_'))).toBe(true)
  })

  it("the 'throttled' scenario: TooManyRequestsException, then the real answer after reset", async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    cognito.scenarios.use('throttled')
    const error = (await client.send(new ListDevicesCommand({ AccessToken })).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } }
    expect(error.name).toBe('TooManyRequestsException')
    expect(error.message).toBe('Rate exceeded')
    expect(error.$metadata.httpStatusCode).toBe(400)
    cognito.scenarios.reset()
    expect((await client.send(new ListDevicesCommand({ AccessToken }))).Devices).toHaveLength(3)
  })
})
