import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { setupServer } from 'msw/node'
import {
  AdminListDevicesCommand,
  CognitoIdentityProviderClient,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognitoMock } from 'cognito-device-mock'

/** Native ESM Jest, Node environment: the AWS SDK v3 against the mock, through MSW's `setupServer`. */

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
const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'any-secret' },
})

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => cognito.scenarios.reset())
afterAll(() => server.close())

const pool = () => cognito.pools.list()[0]!

describe('native ESM Jest, Node environment', () => {
  it('runs as an ES module and resolves the built package, and the msw major its config names', () => {
    expect(typeof import.meta.url).toBe('string')
    expect(typeof jest.unstable_mockModule).toBe('function')
    expect(import.meta.resolve('cognito-device-mock')).toMatch(/\/dist\/index\.js$/)
    // `globals.mswMajor` in the jest config: 3 (`msw` as installed) or 2 (mapped to the msw2 devDependency).
    const { mswMajor } = globalThis as unknown as { mswMajor: 2 | 3 }
    expect([2, 3]).toContain(mswMajor)
    expect(import.meta.resolve('msw/node')).toMatch(mswMajor === 2 ? /\/node_modules\/msw2\// : /\/node_modules\/msw\//)
  })

  it('ListDevices returns the seeded devices, named as described', async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    const { Devices } = await client.send(new ListDevicesCommand({ AccessToken }))
    const names = Devices!.map((d) => d.DeviceAttributes?.find((a) => a.Name === 'device_name')?.Value)
    expect(Devices).toHaveLength(3)
    expect(names).toEqual(expect.arrayContaining(['Ada’s MacBook', 'Ada’s iPhone']))
  })

  it('UpdateDeviceStatus not_remembered takes a device off ListDevices, and AdminListDevices still has it', async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    const [device] = cognito.devices.list(pool().id, 'ada')
    await client.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: device!.key, DeviceRememberedStatus: 'not_remembered' }))
    expect(cognito.devices.get(pool().id, 'ada', device!.key)!.rememberedStatus).toBe('not_remembered')
    const { Devices } = await client.send(new ListDevicesCommand({ AccessToken }))
    expect(Devices!.map((d) => d.DeviceKey)).not.toContain(device!.key)
    expect(Devices).toHaveLength(2)
    const admin = await client.send(new AdminListDevicesCommand({ UserPoolId: pool().id, Username: 'ada' }))
    expect(admin.Devices!.map((d) => d.DeviceKey)).toContain(device!.key)
  })

  it("the 'throttled' scenario: TooManyRequestsException 'Rate exceeded'", async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    cognito.scenarios.use('throttled')
    const error = (await client.send(new ListDevicesCommand({ AccessToken })).catch((e: unknown) => e)) as Error
    expect(error.name).toBe('TooManyRequestsException')
    expect(error.message).toBe('Rate exceeded')
  })
})
