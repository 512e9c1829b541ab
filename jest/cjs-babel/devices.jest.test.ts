import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { setupServer } from 'msw/node'
import { CognitoIdentityProviderClient, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { createCognitoMock } from 'cognito-device-mock'

/** CommonJS Jest, Node environment, babel-jest (babel.config.cjs), msw 2: the AWS SDK v3 against the mock. */

const cognito = createCognitoMock({
  seed: 42,
  world: { pools: [{ deviceRemembering: 'always', users: [{ username: 'ada', devices: [{ name: 'Ada’s MacBook' }, { name: 'Ada’s iPhone' }, 1] }] }] },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => cognito.scenarios.reset())
afterAll(() => server.close())

// maxAttempts 1: a scenario's error comes back at once, without the SDK's retries and their back-off.
const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'any-secret' },
})
const pool = () => cognito.pools.list()[0]!

it('runs as CommonJS, on the built package and msw 2', () => {
  expect(typeof module).toBe('object')
  expect(require.resolve('cognito-device-mock')).toMatch(/[/\\]dist[/\\]index\.js$/)
  expect(require.resolve('msw/node')).toMatch(/[/\\]node_modules[/\\]msw2[/\\]/)
})

it('ListDevices returns ada’s seeded devices, named as described', async () => {
  const { AccessToken } = await cognito.signIn(pool().id, 'ada')
  const { Devices } = await client.send(new ListDevicesCommand({ AccessToken }))
  const names = Devices!.map((d) => d.DeviceAttributes?.find((a) => a.Name === 'device_name')?.Value)
  expect(Devices).toHaveLength(3)
  expect(names).toEqual(expect.arrayContaining(['Ada’s MacBook', 'Ada’s iPhone']))
  expect(Devices!.map((d) => d.DeviceKey).sort()).toEqual(cognito.devices.list(pool().id, 'ada').map((d) => d.key).sort())
})

it("the 'throttled' scenario: TooManyRequestsException", async () => {
  const { AccessToken } = await cognito.signIn(pool().id, 'ada')
  cognito.scenarios.use('throttled')
  await expect(client.send(new ListDevicesCommand({ AccessToken }))).rejects.toMatchObject({ name: 'TooManyRequestsException', message: 'Rate exceeded' })
})
