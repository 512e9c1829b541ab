import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { CognitoIdentityProviderClient, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { setupCognitoServer } from 'cognito-device-mock/node'

/** `cognito-device-mock/node`: one line for a test file where Cognito is all MSW mocks. */

const { server, cognito } = setupCognitoServer({ seed: 42 })
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => cognito.reset())
afterAll(() => server.close())

it('setupCognitoServer answers ListDevices for the default seeded world', async () => {
  const [pool] = cognito.pools.list()
  // The first user of a pool has at least three devices.
  const [user] = cognito.users.list(pool!.id)
  const remembered = cognito.devices.list(pool!.id, user!.username).filter((d) => d.rememberedStatus === 'remembered')
  const AccessToken = await cognito.tokens.issue(pool!.id, user!.username)
  const client = new CognitoIdentityProviderClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'any-secret' } })
  const { Devices } = await client.send(new ListDevicesCommand({ AccessToken }))
  expect(remembered.length).toBeGreaterThanOrEqual(3)
  expect(Devices!.map((d) => d.DeviceKey)).toEqual(remembered.map((d) => d.key))
})
