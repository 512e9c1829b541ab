import { Amplify } from 'aws-amplify'
import { fetchDevices, signIn, signOut } from 'aws-amplify/auth'
import { describe, expect } from 'vitest'
import { LISTED_DEVICE_NAMES, PASSWORD, test, type CognitoMock } from './fixtures.ts'

/**
 * Amplify v6 (`aws-amplify/auth`) in Chromium, answered by the library's service worker: a real SRP sign-in
 * (USER_SRP_AUTH, then DEVICE_SRP_AUTH on a remembered device), with Amplify's own localStorage, fetch and crypto.
 */

const CLIENT_ID = 'vitest_web'
const USERNAME = 'ada.kim'

const calls = (cognito: CognitoMock) =>
  cognito.requests.list().map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation))

const storedDeviceKey = () => localStorage.getItem(`CognitoIdentityServiceProvider.${CLIENT_ID}.${USERNAME}.deviceKey`)

describe('Amplify v6 in the browser, answered by the worker', () => {
  test.beforeEach(async ({ cognito }) => {
    // Out of the previous test's session (its RevokeToken may fail against the reset mock; Amplify ignores that),
    // and no remembered device left in localStorage.
    await signOut().catch(() => undefined)
    localStorage.clear()
    cognito.requests.clear()
    const pool = cognito.pools.list()[0]!
    Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: CLIENT_ID } } })
  })

  test('signIn (SRP) confirms a new device; fetchDevices lists it with the seeded ones', async ({ cognito }) => {
    const result = await signIn({ username: USERNAME, password: PASSWORD })

    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(calls(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'ConfirmDevice'])
    const key = storedDeviceKey()
    expect(key).toMatch(/^us-east-1_/)

    const devices = await fetchDevices()
    expect(devices).toHaveLength(LISTED_DEVICE_NAMES.length + 1)
    expect(devices.map((d) => d.id)).toContain(key)
    expect(devices.filter((d) => d.id !== key).map((d) => d.name).sort()).toEqual(LISTED_DEVICE_NAMES)
    expect(cognito.requests.list().at(-1)).toMatchObject({ operation: 'ListDevices', status: 200, answeredBy: 'store' })
  })

  test('the next signIn on the remembered device proves it with device SRP', async ({ cognito }) => {
    await signIn({ username: USERNAME, password: PASSWORD })
    const key = storedDeviceKey()
    await signOut()
    cognito.requests.clear()

    await signIn({ username: USERNAME, password: PASSWORD })

    expect(calls(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    expect(storedDeviceKey()).toBe(key)
    expect((await fetchDevices()).map((d) => d.id)).toContain(key)
  })

  test('a wrong password is refused as Cognito refuses it', async ({ cognito }) => {
    const error = await signIn({ username: USERNAME, password: 'Not-The-Password-1' }).catch((e: unknown) => e)

    expect(error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    expect(cognito.requests.list().map((r) => `${r.operation} ${r.status}`)).toEqual(['InitiateAuth 200', 'RespondToAuthChallenge 400'])
  })

  test('scenarios.use("throttled") after sign-in: fetchDevices fails with TooManyRequestsException', async ({ cognito }) => {
    await signIn({ username: USERNAME, password: PASSWORD })
    cognito.requests.clear()
    cognito.scenarios.use('throttled')

    const error = await fetchDevices().catch((e: unknown) => e)

    expect(error).toMatchObject({ name: 'TooManyRequestsException' })
    // Amplify retries a throttled call: three attempts in all (its DEFAULT_RETRY_ATTEMPTS), each refused by the rule.
    expect(cognito.requests.list().map((r) => `${r.operation} ${r.status} ${r.errorType} ${r.answeredBy}`)).toEqual(
      Array(3).fill('ListDevices 400 TooManyRequestsException throttled'),
    )
  })
})
