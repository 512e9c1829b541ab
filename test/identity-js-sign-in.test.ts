import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CognitoMock, UserPoolRecord } from '../src/index.ts'
import { MemoryStorage, startMock, viaCallbacks, type MockFixture } from './support.ts'

/**
 * The unmodified amazon-cognito-identity-js signing in against the mock: user SRP, ConfirmDevice of the new
 * device, device SRP on the next sign-in, the device API on the tokens it got, refresh and global sign-out.
 * It keeps the device key and its random password in its storage, as in a browser.
 */

let fixture: MockFixture
let cognito: CognitoMock

interface SignIn {
  session: CognitoUserSession
  userConfirmationNecessary: boolean | undefined
  user: CognitoUser
}

/** `authenticateUser` as a promise, with the library's own storage so that a later sign-in finds the device. */
function signIn(pool: UserPoolRecord, username: string, password: string, storage: MemoryStorage, flow?: 'USER_PASSWORD_AUTH'): Promise<SignIn> {
  const userPool = new CognitoUserPool({ UserPoolId: pool.id, ClientId: pool.clients[0]!.clientId, Storage: storage })
  const user = new CognitoUser({ Username: username, Pool: userPool, Storage: storage })
  if (flow) user.setAuthenticationFlowType(flow)
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session, userConfirmationNecessary) => resolve({ session, userConfirmationNecessary, user }),
      onFailure: reject,
    }),
  )
}

function callback<T>(start: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))))
}

const deviceKeyOf = (storage: MemoryStorage, pool: UserPoolRecord, username: string) =>
  storage.getItem(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.${username}.deviceKey`)

const operations = () => cognito.requests.list().map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation))

describe('amazon-cognito-identity-js signs in against the mock', () => {
  let optIn: UserPoolRecord
  let always: UserPoolRecord
  let off: UserPoolRecord

  beforeAll(() => {
    fixture = startMock({ seed: 42, world: { pools: 3, usersPerPool: 2, devicesPerUser: { min: 0, max: 2 } } })
    cognito = fixture.cognito
  })
  afterAll(() => fixture.close())
  beforeEach(() => {
    cognito.reset()
    ;[optIn, always, off] = cognito.pools.list() as [UserPoolRecord, UserPoolRecord, UserPoolRecord]
    for (const pool of [optIn, always, off]) cognito.users.create(pool.id, { username: 'alice', password: 'Correct-Horse-1' })
  })

  it('user-opt-in: SRP sign-in, ConfirmDevice (UserConfirmationNecessary), remember, then device SRP recognises the device', async () => {
    const storage = new MemoryStorage()
    const first = await signIn(optIn, 'alice', 'Correct-Horse-1', storage)
    expect(first.userConfirmationNecessary).toBe(true)
    expect(operations()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'ConfirmDevice'])
    const key = deviceKeyOf(storage, optIn, 'alice')!
    expect(key).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    const device = cognito.devices.get(optIn.id, 'alice', key)!
    expect(device.rememberedStatus).toBe('not_remembered')
    expect(device.name).toBeDefined()
    expect(device.verifier?.passwordVerifier).toBeTruthy()
    // The access token already names the new device; the ID token has the ID claims.
    const access = decodeJwt(first.session.getAccessToken().getJwtToken())
    expect(access.device_key).toBe(key)
    expect(access.username).toBe('alice')
    expect(first.session.getIdToken().payload['cognito:username']).toBe('alice')
    expect(first.session.getIdToken().payload.token_use).toBe('id')

    // Not listed until remembered.
    expect((await viaCallbacks<{ Devices: unknown[] }>((cb) => first.user.listDevices(60, null, cb as never))).Devices).toEqual([])
    expect(await viaCallbacks<string>((cb) => first.user.setDeviceStatusRemembered(cb))).toBe('SUCCESS')
    const listed = await viaCallbacks<{ Devices: { DeviceKey: string }[] }>((cb) => first.user.listDevices(60, null, cb as never))
    expect(listed.Devices.map((d) => d.DeviceKey)).toEqual([key])

    // The next sign-in from the same storage: the device proves itself, no new device.
    cognito.clock.advance('2h')
    cognito.requests.clear()
    const second = await signIn(optIn, 'alice', 'Correct-Horse-1', storage)
    expect(operations()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    expect(second.userConfirmationNecessary).toBeUndefined()
    expect(decodeJwt(second.session.getAccessToken().getJwtToken()).device_key).toBe(key)
    expect(cognito.devices.list(optIn.id, 'alice').map((d) => d.key)).toEqual([key])
    const after = cognito.devices.get(optIn.id, 'alice', key)!
    expect(after.lastAuthenticatedAt).toBe(Math.floor(cognito.clock.now() / 1000) * 1000)
    expect(after.lastAuthenticatedAt).toBeGreaterThan(device.lastAuthenticatedAt)
    // The password is never sent: only SRP values.
    expect(JSON.stringify(cognito.requests.list())).not.toContain('Correct-Horse-1')
  })

  it('always: the device is remembered and listed at once (UserConfirmationNecessary false)', async () => {
    const storage = new MemoryStorage()
    const first = await signIn(always, 'alice', 'Correct-Horse-1', storage)
    expect(first.userConfirmationNecessary).toBeUndefined()
    const key = deviceKeyOf(storage, always, 'alice')!
    const listed = await viaCallbacks<{ Devices: { DeviceKey: string }[] }>((cb) => first.user.listDevices(60, null, cb as never))
    expect(listed.Devices.map((d) => d.DeviceKey)).toEqual([key])
    const second = await signIn(always, 'alice', 'Correct-Horse-1', storage)
    expect(decodeJwt(second.session.getAccessToken().getJwtToken()).device_key).toBe(key)
  })

  it('off: no device is issued and a stored DEVICE_KEY is ignored', async () => {
    const storage = new MemoryStorage()
    const first = await signIn(off, 'alice', 'Correct-Horse-1', storage)
    expect(deviceKeyOf(storage, off, 'alice')).toBeNull()
    expect(decodeJwt(first.session.getAccessToken().getJwtToken()).device_key).toBeUndefined()
    expect(operations()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER'])
  })

  it('forgetDevice(): the next sign-in is a new device', async () => {
    const storage = new MemoryStorage()
    const first = await signIn(always, 'alice', 'Correct-Horse-1', storage)
    const key = deviceKeyOf(storage, always, 'alice')!
    expect(await viaCallbacks<string>((cb) => first.user.forgetDevice(cb))).toBe('SUCCESS')
    expect(cognito.devices.get(always.id, 'alice', key)).toBeUndefined()
    await signIn(always, 'alice', 'Correct-Horse-1', storage)
    const next = deviceKeyOf(storage, always, 'alice')!
    expect(next).not.toBe(key)
    expect(cognito.devices.list(always.id, 'alice').map((d) => d.key)).toEqual([next])
  })

  it('a device forgotten elsewhere: "Device does not exist.", the library drops its key, retries, and gets a new device', async () => {
    const storage = new MemoryStorage()
    await signIn(always, 'alice', 'Correct-Horse-1', storage)
    const key = deviceKeyOf(storage, always, 'alice')!
    cognito.devices.remove(always.id, 'alice', key)
    cognito.requests.clear()
    await signIn(always, 'alice', 'Correct-Horse-1', storage)
    const log = cognito.requests.list()
    expect(log.map((r) => `${r.operation} ${r.status} ${r.errorType ?? ''}`.trim())).toEqual([
      'InitiateAuth 200',
      'RespondToAuthChallenge 400 ResourceNotFoundException',
      'RespondToAuthChallenge 200',
      'ConfirmDevice 200',
    ])
    expect(deviceKeyOf(storage, always, 'alice')).not.toBe(key)
  })

  it('a wrong password: NotAuthorizedException "Incorrect username or password."', async () => {
    const error = await signIn(optIn, 'alice', 'Wrong-Horse-1', new MemoryStorage()).catch((e) => e)
    expect(error.code).toBe('NotAuthorizedException')
    expect(error.message).toBe('Incorrect username or password.')
  })

  it('an unknown user: the same answer, after a simulated challenge (PreventUserExistenceErrors)', async () => {
    const error = await signIn(optIn, 'nobody', 'Whatever-1', new MemoryStorage()).catch((e) => e)
    expect(error.code).toBe('NotAuthorizedException')
    expect(error.message).toBe('Incorrect username or password.')
    expect(operations()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER'])
  })

  it('a forged device proof (wrong device password in storage) is refused', async () => {
    const storage = new MemoryStorage()
    await signIn(always, 'alice', 'Correct-Horse-1', storage)
    storage.setItem(`CognitoIdentityServiceProvider.${always.clients[0]!.clientId}.alice.randomPasswordKey`, 'not-the-device-password')
    const error = await signIn(always, 'alice', 'Correct-Horse-1', storage).catch((e) => e)
    expect(error.code).toBe('NotAuthorizedException')
    expect(error.message).toBe('Incorrect username or password.')
    expect(operations().slice(-3)).toEqual(['Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
  })

  it('USER_PASSWORD_AUTH with a remembered device also goes through device SRP', async () => {
    const storage = new MemoryStorage()
    await signIn(always, 'alice', 'Correct-Horse-1', storage, 'USER_PASSWORD_AUTH')
    const key = deviceKeyOf(storage, always, 'alice')!
    cognito.requests.clear()
    const second = await signIn(always, 'alice', 'Correct-Horse-1', storage, 'USER_PASSWORD_AUTH')
    expect(operations()).toEqual(['InitiateAuth', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    expect(decodeJwt(second.session.getAccessToken().getJwtToken()).device_key).toBe(key)
  })

  it('refreshSession (REFRESH_TOKEN_AUTH with the stored DEVICE_KEY), getUserAttributes (GetUser), globalSignOut', async () => {
    const storage = new MemoryStorage()
    const { session, user } = await signIn(always, 'alice', 'Correct-Horse-1', storage)
    const key = deviceKeyOf(storage, always, 'alice')!
    cognito.clock.advance('30m')
    const refreshed = await callback<CognitoUserSession>((cb) => user.refreshSession(new CognitoRefreshToken({ RefreshToken: session.getRefreshToken().getToken() }), cb))
    const claims = decodeJwt(refreshed.getAccessToken().getJwtToken())
    expect(claims.device_key).toBe(key)
    expect(claims.origin_jti).toBe(decodeJwt(session.getAccessToken().getJwtToken()).origin_jti)
    expect(claims.iat).toBeGreaterThan(decodeJwt(session.getAccessToken().getJwtToken()).iat!)
    expect(refreshed.getRefreshToken().getToken()).toBe(session.getRefreshToken().getToken())

    const attributes = await callback<{ Name: string; Value: string }[]>((cb) => user.getUserAttributes(cb as never))
    expect(attributes.map((a) => [a.Name, a.Value])).toEqual([
      ['sub', cognito.users.get(always.id, 'alice')!.sub],
      ['email_verified', 'true'],
      ['email', 'alice@example.com'],
    ])

    expect(await viaCallbacks<string>((cb) => user.globalSignOut(cb))).toBe('SUCCESS')
    // The tokens are dead for the device API, and the refresh token too.
    const other = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: always.id, ClientId: always.clients[0]!.clientId, Storage: storage }), Storage: storage })
    other.setSignInUserSession(refreshed)
    const listError: { code: string; message: string } = await viaCallbacks<never>((cb) => other.listDevices(60, null, cb as never)).catch((e) => e)
    expect(listError.code).toBe('NotAuthorizedException')
    expect(listError.message).toBe('Access Token has been revoked')
    storage.setItem(`CognitoIdentityServiceProvider.${always.clients[0]!.clientId}.LastAuthUser`, 'alice')
    const refreshError: { code: string; message: string } = await callback<never>((cb) => other.refreshSession(new CognitoRefreshToken({ RefreshToken: session.getRefreshToken().getToken() }), cb)).catch((e) => e)
    expect(refreshError.code).toBe('NotAuthorizedException')
    expect(refreshError.message).toBe('Refresh Token has been revoked')
  })
})
