import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { setupServer } from 'msw/node'
import {
  AdminListDevicesCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  ListDevicesCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognitoMock } from 'cognito-device-mock'

/** CommonJS Jest in jsdom (jest-fixed-jsdom), msw 2: the AWS SDK v3 against the mock, and the DOM beside it. */

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

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => cognito.scenarios.reset())
afterAll(() => server.close())

const pool = () => cognito.pools.list()[0]!
const nameOf = (device: { DeviceAttributes?: { Name?: string; Value?: string }[] }) => device.DeviceAttributes?.find((a) => a.Name === 'device_name')?.Value

describe('CommonJS Jest, jest-fixed-jsdom, msw 2', () => {
  it('runs in jsdom, with WebCrypto from the setup file', () => {
    expect(document.createElement('div').tagName).toBe('DIV')
    expect(typeof globalThis.crypto.subtle.importKey).toBe('function')
    expect(require.resolve('msw/node')).toMatch(/[/\\]node_modules[/\\]msw2[/\\]/)
  })

  it('signs ada in; GetUser and ListDevices return her and her seeded devices, rendered into the DOM', async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    expect((await client.send(new GetUserCommand({ AccessToken }))).Username).toBe('ada')
    const { Devices } = await client.send(new ListDevicesCommand({ AccessToken }))
    document.body.innerHTML = `<ul>${Devices!.map((d) => `<li>${nameOf(d)}</li>`).join('')}</ul>`
    const items = [...document.querySelectorAll('li')].map((li) => li.textContent)
    expect(items).toHaveLength(3)
    expect(items).toEqual(expect.arrayContaining(['Ada’s MacBook', 'Ada’s iPhone']))
  })

  it('AdminListDevices (SigV4-signed) agrees with the store', async () => {
    const { Devices } = await client.send(new AdminListDevicesCommand({ UserPoolId: pool().id, Username: 'ada' }))
    expect(Devices!.map((d) => d.DeviceKey).sort()).toEqual(cognito.devices.list(pool().id, 'ada').map((d) => d.key).sort())
  })

  it("the 'access-token-expired' scenario: NotAuthorizedException 'Access Token has expired'", async () => {
    const { AccessToken } = await cognito.signIn(pool().id, 'ada')
    cognito.scenarios.use('access-token-expired')
    const error = (await client.send(new ListDevicesCommand({ AccessToken })).catch((e: unknown) => e)) as Error
    expect(error.name).toBe('NotAuthorizedException')
    expect(error.message).toBe('Access Token has expired')
  })
})
