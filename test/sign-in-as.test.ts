import { Amplify } from 'aws-amplify'
import { fetchAuthSession, fetchDevices, getCurrentUser, signIn, signOut } from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { AuthenticationDetails, CognitoUser, CognitoUserPool, CookieStorage, type CognitoUserSession } from 'amazon-cognito-identity-js'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CognitoMock, SignedInSession, UserPoolRecord } from '../src/index.ts'
import { cookieAssignment, cookieName, cookieValue, writeClientSession } from '../src/handle/client-storage.ts'
import { MemoryKeyValueStorage, MemoryStorage, startMock, type MockFixture } from './support.ts'

/**
 * `cognito.signInAs()`: a session as data that the unmodified clients take as their own. Amplify v6 and
 * amazon-cognito-identity-js read it from storage and call the device API with no SRP; the injected device is
 * recognised by the next real sign-in (DEVICE_SRP_AUTH, no new device).
 */

let fixture: MockFixture
let cognito: CognitoMock
let optIn: UserPoolRecord
let always: UserPoolRecord

const calls = () =>
  cognito.requests.list().map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation))

beforeAll(() => {
  fixture = startMock({ seed: 12, world: { pools: [{ deviceRemembering: 'user-opt-in' }, { deviceRemembering: 'always' }], usersPerPool: 2, devicesPerUser: 2 } })
  cognito = fixture.cognito
})
afterAll(() => fixture.close())

describe('the session as data', () => {
  beforeEach(() => {
    cognito.reset()
    ;[optIn, always] = cognito.pools.list() as [UserPoolRecord, UserPoolRecord]
  })

  it('holds the keys both clients read, under the client id and the username the service returns', async () => {
    const user = cognito.users.list(optIn.id)[0]!
    const session = await cognito.signInAs(optIn.id, user.username.toUpperCase(), { device: 'remembered' })
    const base = `CognitoIdentityServiceProvider.${optIn.clients[0]!.clientId}`
    const prefix = `${base}.${user.username}`
    expect(Object.keys(session.storage)).toEqual([
      `${base}.LastAuthUser`,
      `${prefix}.accessToken`,
      `${prefix}.idToken`,
      `${prefix}.refreshToken`,
      `${prefix}.deviceKey`,
      `${prefix}.deviceGroupKey`,
      `${prefix}.randomPasswordKey`,
      `${prefix}.signInDetails`,
      `${prefix}.clockDrift`,
    ])
    expect(session.storage[`${base}.LastAuthUser`]).toBe(user.username)
    expect(JSON.parse(session.storage[`${prefix}.signInDetails`]!)).toEqual({ loginId: user.username, authFlowType: 'USER_SRP_AUTH' })
    expect(session.storage[`${prefix}.randomPasswordKey`]).toMatch(/^[A-Za-z0-9+/]{54}==$/)
    const device = cognito.devices.get(optIn.id, user.username, session.device!.key)!
    expect(device.rememberedStatus).toBe('remembered')
    expect(device.groupKey).toBe(session.device!.groupKey)
    expect(decodeJwt(session.accessToken).device_key).toBe(device.key)
    expect(decodeJwt(session.idToken)['cognito:username']).toBe(user.username)
    // The mock's clock is logical (a reference date): Amplify's drift makes its tokens current to it.
    const iat = Number(decodeJwt(session.accessToken).iat)
    expect(Math.abs(Number(session.storage[`${prefix}.clockDrift`]) - (iat * 1000 - Date.now()))).toBeLessThan(5_000)
  })

  it("'new' leaves the device as a first sign-in does: remembered only where the pool always remembers", async () => {
    const a = await cognito.signInAs(optIn.id, cognito.users.list(optIn.id)[0]!.username, { device: 'new' })
    const b = await cognito.signInAs(always.id, cognito.users.list(always.id)[0]!.username, { device: 'new', deviceName: 'Kiosk' })
    expect(a.device!.rememberedStatus).toBe('not_remembered')
    expect(b.device!.rememberedStatus).toBe('remembered')
    expect(cognito.devices.get(always.id, b.username, b.device!.key)!.name).toBe('Kiosk')
    const none = await cognito.signInAs(optIn.id, a.username)
    expect(none.device).toBeUndefined()
    expect(Object.keys(none.storage).some((key) => key.endsWith('.deviceKey'))).toBe(false)
    // No device at all: no device_key claim (not even a pending key's), so the client has none to prove or confirm.
    expect(decodeJwt(none.accessToken).device_key).toBeUndefined()
  })

  it('refuses what a sign-in would refuse, and leaves no device behind', async () => {
    const user = cognito.users.list(optIn.id)[0]!
    cognito.users.update(optIn.id, user.username, { enabled: false })
    const before = cognito.devices.list(optIn.id, user.username).length
    await expect(cognito.signInAs(optIn.id, user.username, { device: 'remembered' })).rejects.toThrow(/\[cognito-device-mock\].*disabled/)
    expect(cognito.devices.list(optIn.id, user.username)).toHaveLength(before)
    await expect(cognito.signInAs(optIn.id, 'nobody')).rejects.toThrow(/\[cognito-device-mock\] signInAs: no user "nobody"/)
    await expect(cognito.signInAs(optIn.id, cognito.users.list(optIn.id)[1]!.username, { device: 'yes' as never })).rejects.toThrow(
      /device must be "new", "remembered", "not_remembered" or false/,
    )
    const off = cognito.pools.create({ deviceRemembering: 'off' })
    const offUser = cognito.users.create(off.id, { username: 'ada' })
    await expect(cognito.signInAs(off.id, offUser.username, { device: 'new' })).rejects.toThrow(/does not track devices/)
  })

  it('a session without a device drops device keys an earlier session left in the storage', async () => {
    const user = cognito.users.list(optIn.id)[0]!
    const earlier = await cognito.signInAs(optIn.id, user.username, { device: 'remembered' })
    const storage = new MemoryStorage()
    writeClientSession(earlier, 'localStorage', { localStorage: storage })
    const remove = writeClientSession(await cognito.signInAs(optIn.id, user.username), 'localStorage', { localStorage: storage })
    expect([...storage.items.keys()].filter((key) => /\.(deviceKey|deviceGroupKey|randomPasswordKey)$/.test(key))).toEqual([])
    expect(storage.items.size).toBe(6)
    remove()
    expect(storage.items.size).toBe(0)
  })

  it('writes its cookies as js-cookie does, so Amplify\'s cookie storage reads them back', async () => {
    expect(cookieName('CognitoIdentityServiceProvider.c1.ada@example.com.accessToken')).toBe('CognitoIdentityServiceProvider.c1.ada%40example.com.accessToken')
    expect(cookieName('a(b)')).toBe('a%28b%29')
    expect(cookieValue('{"loginId":"ada","authFlowType":"USER_SRP_AUTH"}')).toBe('{%22loginId%22:%22ada%22%2C%22authFlowType%22:%22USER_SRP_AUTH%22}')
    const session = await cognito.signInAs(optIn.id, cognito.users.list(optIn.id)[0]!.username)
    const jar = new Map<string, string>()
    const document = {
      set cookie(text: string) {
        const [pair] = text.split(';')
        const at = pair!.indexOf('=')
        jar.set(pair!.slice(0, at), pair!.slice(at + 1))
      },
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      },
    }
    writeClientSession(session, 'cookie', { document })
    // js-cookie's reader (what Amplify's CookieStorage uses) undoes the encoding.
    const { default: Cookies } = await import('js-cookie')
    const read = Cookies.withConverter({ read: (value: string) => value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent) })
    globalThis.document = document as never
    try {
      for (const [key, value] of Object.entries(session.storage)) expect(read.get(key)).toBe(value)
    } finally {
      delete (globalThis as { document?: unknown }).document
    }
    expect(cookieAssignment(session.cookies[0]!)).toMatch(/; path=\/; expires=\w{3}, .* GMT; secure; sameSite=Lax$/)
  })
})

describe('Amplify v6 starts signed in from the session', () => {
  let storage: MemoryKeyValueStorage
  let session: SignedInSession

  beforeEach(async () => {
    await signOut().catch(() => undefined)
    cognito.reset()
    ;[optIn, always] = cognito.pools.list() as [UserPoolRecord, UserPoolRecord]
    storage = new MemoryKeyValueStorage()
    Amplify.configure({ Auth: { Cognito: { userPoolId: optIn.id, userPoolClientId: optIn.clients[0]!.clientId } } })
    cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    session = await cognito.signInAs(optIn.id, cognito.users.list(optIn.id)[0]!.username, { device: 'remembered' })
    for (const [key, value] of Object.entries(session.storage)) await storage.setItem(key, value)
    cognito.requests.clear()
  })

  it('is signed in and lists devices with no SRP call', async () => {
    expect(await getCurrentUser()).toMatchObject({ username: session.username, userId: decodeJwt(session.idToken).sub })
    const devices = await fetchDevices()
    expect(devices.map((d) => d.id)).toContain(session.device!.key)
    expect(calls()).toEqual(['ListDevices'])
  })

  it('after sign-out, the next real sign-in is recognised from the injected device', async () => {
    await signOut()
    const user = cognito.users.get(optIn.id, session.username)!
    cognito.requests.clear()
    expect(await signIn({ username: user.username, password: user.password })).toMatchObject({ isSignedIn: true })
    expect(calls()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    const { tokens } = await fetchAuthSession()
    expect(tokens!.accessToken.payload.device_key).toBe(session.device!.key)
  })
})

describe('amazon-cognito-identity-js starts signed in from the session', () => {
  it('reads it from its own CookieStorage too (js-cookie, as written for Amplify\'s ssr mode)', async () => {
    cognito.reset()
    ;[optIn] = cognito.pools.list() as [UserPoolRecord]
    const user = cognito.users.list(optIn.id)[0]!
    const session = await cognito.signInAs(optIn.id, user.username, { client: 'identity-js' })
    const jar = new Map<string, string>()
    const document = {
      set cookie(text: string) {
        const [pair] = text.split(';')
        const at = pair!.indexOf('=')
        if (/expires=Thu, 01 Jan 1970/.test(text)) jar.delete(pair!.slice(0, at))
        else jar.set(pair!.slice(0, at), pair!.slice(at + 1))
      },
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      },
    }
    writeClientSession(session, 'cookie', { document })
    globalThis.document = document as never
    try {
      const storage = new CookieStorage({ domain: 'localhost', secure: true })
      const pool = new CognitoUserPool({ UserPoolId: optIn.id, ClientId: optIn.clients[0]!.clientId, Storage: storage })
      const current = pool.getCurrentUser()!
      expect(current.getUsername()).toBe(user.username)
      const restored = await new Promise<CognitoUserSession>((resolve, reject) => current.getSession((error: Error | null, s: CognitoUserSession) => (error ? reject(error) : resolve(s))))
      expect(restored.isValid()).toBe(true)
      expect(restored.getIdToken().getJwtToken()).toBe(session.idToken)
    } finally {
      delete (globalThis as { document?: unknown }).document
    }
  })

  it('getSession() is valid with no call; the next authenticateUser runs device SRP with the injected device', async () => {
    cognito.reset()
    ;[optIn] = cognito.pools.list() as [UserPoolRecord]
    const user = cognito.users.list(optIn.id)[1]!
    const session = await cognito.signInAs(optIn.id, user.username, { device: 'remembered', client: 'identity-js' })
    const storage = new MemoryStorage()
    for (const [key, value] of Object.entries(session.storage)) storage.setItem(key, value)
    cognito.requests.clear()
    const pool = new CognitoUserPool({ UserPoolId: optIn.id, ClientId: optIn.clients[0]!.clientId, Storage: storage })
    const current = pool.getCurrentUser()!
    expect(current.getUsername()).toBe(user.username)
    const restored = await new Promise<CognitoUserSession>((resolve, reject) => current.getSession((error: Error | null, s: CognitoUserSession) => (error ? reject(error) : resolve(s))))
    expect(restored.isValid()).toBe(true)
    expect(restored.getAccessToken().getJwtToken()).toBe(session.accessToken)
    expect(calls()).toEqual([])

    const again = new CognitoUser({ Username: user.username, Pool: pool, Storage: storage })
    await new Promise((resolve, reject) =>
      again.authenticateUser(new AuthenticationDetails({ Username: user.username, Password: user.password }), { onSuccess: resolve, onFailure: reject }),
    )
    expect(calls()).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
  })
})
