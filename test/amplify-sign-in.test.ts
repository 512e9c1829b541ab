import { Amplify } from 'aws-amplify'
import {
  fetchAuthSession,
  fetchDevices,
  fetchUserAttributes,
  forgetDevice,
  getCurrentUser,
  rememberDevice,
  signIn,
  signOut,
} from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CognitoMock, UserPoolRecord } from '../src/index.ts'
import { MemoryKeyValueStorage, startMock, wire, type MockFixture } from './support.ts'

/**
 * The unmodified Amplify v6 (`aws-amplify/auth`) against the mock in Node: `signIn` walks user SRP, confirms the
 * new device, and on the next sign-in proves the device with device SRP; `fetchDevices`, `rememberDevice`,
 * `forgetDevice`, refresh (GetTokensFromRefreshToken) and both kinds of `signOut` work on the tokens it got.
 * Node has no localStorage, so the token provider gets an in-memory key-value storage we can inspect.
 */


let fixture: MockFixture
let cognito: CognitoMock
let storage: MemoryKeyValueStorage

function configure(pool: UserPoolRecord): void {
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0]!.clientId } } })
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
}

const storedDeviceKey = (pool: UserPoolRecord, username: string) =>
  storage.items.get(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.${username}.deviceKey`)

const calls = () =>
  cognito.requests.list().map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation))

async function accessToken(): Promise<string> {
  const { tokens } = await fetchAuthSession()
  return tokens!.accessToken.toString()
}

describe('Amplify v6 signs in against the mock', () => {
  let optIn: UserPoolRecord
  let always: UserPoolRecord

  beforeAll(() => {
    fixture = startMock({ seed: 7, world: { pools: 2, usersPerPool: 2, devicesPerUser: { min: 0, max: 1 } } })
    cognito = fixture.cognito
  })
  afterAll(() => fixture.close())
  beforeEach(async () => {
    // Sign out of any earlier test locally (RevokeToken may fail against a reset mock; Amplify ignores that).
    await signOut().catch(() => undefined)
    cognito.reset()
    ;[optIn, always] = cognito.pools.list() as [UserPoolRecord, UserPoolRecord]
    storage = new MemoryKeyValueStorage()
  })

  it('user-opt-in: signIn confirms a new device; rememberDevice lists it; the next signIn is recognised by device SRP', async () => {
    configure(optIn)
    const [user] = cognito.users.list(optIn.id)
    const result = await signIn({ username: user!.username, password: user!.password })
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(calls()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'ConfirmDevice'])
    const key = storedDeviceKey(optIn, user!.username)!
    expect(cognito.devices.get(optIn.id, user!.username, key)!.rememberedStatus).toBe('not_remembered')
    expect((await getCurrentUser()).username).toBe(user!.username)
    expect(decodeJwt(await accessToken()).device_key).toBe(key)

    expect((await fetchDevices()).map((d) => d.id)).not.toContain(key)
    await rememberDevice()
    const devices = await fetchDevices()
    expect(devices.map((d) => d.id)).toContain(key)
    const mine = devices.find((d) => d.id === key)!
    expect(mine.name).toBe(cognito.devices.get(optIn.id, user!.username, key)!.name)

    await signOut()
    cognito.clock.advance('1d')
    cognito.requests.clear()
    await signIn({ username: user!.username, password: user!.password })
    expect(calls()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    expect(storedDeviceKey(optIn, user!.username)).toBe(key)
    expect(decodeJwt(await accessToken()).device_key).toBe(key)
    const device = cognito.devices.get(optIn.id, user!.username, key)!
    expect(device.lastAuthenticatedAt).toBe(Math.floor(cognito.clock.now() / 1000) * 1000)
    // LastAuthenticated is what fetchDevices shows.
    const listed = (await fetchDevices()).find((d) => d.id === key)!
    expect(listed.lastAuthenticatedDate!.getTime()).toBe(device.lastAuthenticatedAt)
  })

  it('always: the device is listed right after signIn; forgetDevice makes the next signIn a new device', async () => {
    configure(always)
    const [user] = cognito.users.list(always.id)
    await signIn({ username: user!.username, password: user!.password })
    const key = storedDeviceKey(always, user!.username)!
    expect((await fetchDevices()).map((d) => d.id)).toContain(key)

    await forgetDevice()
    expect(cognito.devices.get(always.id, user!.username, key)).toBeUndefined()
    expect(storedDeviceKey(always, user!.username)).toBeUndefined()
    await signOut()
    await signIn({ username: user!.username, password: user!.password })
    const next = storedDeviceKey(always, user!.username)!
    expect(next).toBeDefined()
    expect(next).not.toBe(key)
    expect((await fetchDevices()).map((d) => d.id)).toContain(next)
  })

  it('a device forgotten elsewhere: Amplify retries without it on "Device does not exist." and gets a new device', async () => {
    configure(always)
    const [user] = cognito.users.list(always.id)
    await signIn({ username: user!.username, password: user!.password })
    const key = storedDeviceKey(always, user!.username)!
    await signOut()
    cognito.devices.remove(always.id, user!.username, key)
    cognito.requests.clear()
    await signIn({ username: user!.username, password: user!.password })
    expect(cognito.requests.list().map((r) => `${r.operation} ${r.status}`)).toEqual([
      'InitiateAuth 200',
      'RespondToAuthChallenge 400',
      'RespondToAuthChallenge 200',
      'ConfirmDevice 200',
    ])
    expect(storedDeviceKey(always, user!.username)).not.toBe(key)
  })

  it('a wrong password and a forged device proof are refused', async () => {
    configure(always)
    const [user] = cognito.users.list(always.id)
    const wrong = await signIn({ username: user!.username, password: 'Not-The-Password-1' }).catch((e) => e)
    expect(wrong.name).toBe('NotAuthorizedException')
    expect(wrong.message).toBe('Incorrect username or password.')

    await signIn({ username: user!.username, password: user!.password })
    await signOut()
    const passwordKey = `CognitoIdentityServiceProvider.${always.clients[0]!.clientId}.${user!.username}.randomPasswordKey`
    expect(storage.items.has(passwordKey)).toBe(true)
    storage.items.set(passwordKey, 'forged')
    const forged = await signIn({ username: user!.username, password: user!.password }).catch((e) => e)
    expect(forged.name).toBe('NotAuthorizedException')
    expect(forged.message).toBe('Incorrect username or password.')
  })

  it('refresh (GetTokensFromRefreshToken with the device key), fetchUserAttributes (GetUser)', async () => {
    configure(always)
    const [user] = cognito.users.list(always.id)
    await signIn({ username: user!.username, password: user!.password })
    const before = decodeJwt(await accessToken())
    cognito.clock.advance('10m')
    cognito.requests.clear()
    const { tokens } = await fetchAuthSession({ forceRefresh: true })
    expect(calls()).toEqual(['GetTokensFromRefreshToken'])
    const after = decodeJwt(tokens!.accessToken.toString())
    expect(after.origin_jti).toBe(before.origin_jti)
    expect(after.device_key).toBe(before.device_key)
    expect(after.iat).toBe(before.iat! + 600)
    expect(after.auth_time).toBe(before.auth_time)
    expect(tokens!.idToken!.payload.email).toBe(user!.email)

    const attributes = await fetchUserAttributes()
    expect(attributes).toEqual({
      sub: user!.sub,
      email_verified: 'true',
      ...(user!.phoneNumber !== undefined ? { phone_number_verified: 'true', phone_number: user!.phoneNumber } : {}),
      email: user!.email,
    })
  })

  it('signOut() revokes the refresh token (RevokeToken): the old access token is refused by the device API', async () => {
    configure(always)
    const [user] = cognito.users.list(always.id)
    await signIn({ username: user!.username, password: user!.password })
    const token = await accessToken()
    cognito.requests.clear()
    await signOut()
    expect(calls()).toEqual(['RevokeToken'])
    const answer = await wire('ListDevices', { AccessToken: token })
    expect(answer.json).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' })
  })

  it('signOut({ global: true }) (GlobalSignOut): every token of the user is refused, a new signIn works', async () => {
    configure(always)
    const [user] = cognito.users.list(always.id)
    await signIn({ username: user!.username, password: user!.password })
    const token = await accessToken()
    const elsewhere = await cognito.signIn(always.id, user!.username)
    await signOut({ global: true })
    for (const t of [token, elsewhere.AccessToken]) {
      expect((await wire('ListDevices', { AccessToken: t })).json.message).toBe('Access Token has been revoked')
    }
    const refresh = await wire('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: always.clients[0]!.clientId,
      AuthParameters: { REFRESH_TOKEN: elsewhere.RefreshToken, DEVICE_KEY: elsewhere.NewDeviceMetadata!.DeviceKey },
    })
    expect(refresh.json).toEqual({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' })
    await signIn({ username: user!.username, password: user!.password })
    expect((await wire('ListDevices', { AccessToken: await accessToken() })).status).toBe(200)
  })
})
