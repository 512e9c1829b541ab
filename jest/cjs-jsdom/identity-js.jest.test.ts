import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { setupServer } from 'msw/node'
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js'
import { createCognitoMock, type UserPoolRecord } from 'cognito-device-mock'

/**
 * amazon-cognito-identity-js in jsdom, unmodified: user SRP with the seeded password, ConfirmDevice, then device
 * SRP on the next sign-in. It keeps its tokens and the device key in jsdom's localStorage, as in a browser.
 */

const cognito = createCognitoMock({
  seed: 42,
  world: { pools: [{ deviceRemembering: 'always', users: [{ username: 'ada', password: 'Correct-Horse-1', devices: 2 }] }] },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  cognito.reset()
  localStorage.clear()
})
afterAll(() => server.close())

function signIn(pool: UserPoolRecord, password: string): Promise<{ session: CognitoUserSession; user: CognitoUser }> {
  // No Storage option: the library picks window.localStorage, which jsdom provides.
  const user = new CognitoUser({ Username: 'ada', Pool: new CognitoUserPool({ UserPoolId: pool.id, ClientId: pool.clients[0]!.clientId }) })
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'ada', Password: password }), {
      onSuccess: (session) => resolve({ session, user }),
      onFailure: reject,
    }),
  )
}

const operations = () =>
  cognito.requests.list().map((r) => (r.operation === 'RespondToAuthChallenge' ? (r.input as { ChallengeName: string }).ChallengeName : r.operation))

it('signs in with SRP, remembers the new device, and proves it with device SRP next time', async () => {
  const pool = cognito.pools.list()[0]!
  const first = await signIn(pool, 'Correct-Horse-1')
  expect(first.session.getAccessToken().decodePayload().username).toBe('ada')
  expect(operations()).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'ConfirmDevice'])

  const deviceKey = localStorage.getItem(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.ada.deviceKey`)
  expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
  expect(first.session.getAccessToken().decodePayload().device_key).toBe(deviceKey)
  // Two seeded devices and the new one.
  const listed = await new Promise<{ Devices: { DeviceKey: string }[] }>((resolve, reject) =>
    first.user.listDevices(60, null, { onSuccess: resolve as never, onFailure: reject }),
  )
  expect(listed.Devices.map((d) => d.DeviceKey)).toContain(deviceKey)
  expect(listed.Devices).toHaveLength(3)

  cognito.requests.clear()
  const second = await signIn(pool, 'Correct-Horse-1')
  expect(operations()).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER'])
  expect(second.session.getAccessToken().decodePayload().device_key).toBe(deviceKey)
}, 30_000) // Three SRP exchanges in pure JavaScript: seconds on a slow machine.

it('a wrong password: NotAuthorizedException "Incorrect username or password."', async () => {
  const error = (await signIn(cognito.pools.list()[0]!, 'Wrong-Horse-1').catch((e: unknown) => e)) as { code: string; message: string }
  expect(error.code).toBe('NotAuthorizedException')
  expect(error.message).toBe('Incorrect username or password.')
})
