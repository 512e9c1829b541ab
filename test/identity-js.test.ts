import {
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  CognitoUserSession,
} from 'amazon-cognito-identity-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CognitoMock } from '../src/index.ts'
import { MemoryStorage, startMock, viaCallbacks, type IdentityJsCallbacks, type MockFixture } from './support.ts'

/**
 * The unmodified amazon-cognito-identity-js (Amplify v5's Cognito layer) in Node against the mock. It calls the
 * service with `fetch` (isomorphic-unfetch hands it the global one, which MSW intercepts), parses every answer
 * with `response.json()`, and names errors from the body's `__type` alone.
 */

const CUSTOM_ENDPOINT = 'http://localhost:4566'

async function failure(start: (callbacks: IdentityJsCallbacks<any>) => void): Promise<Error & { code?: string }> {
  try {
    const result = await viaCallbacks(start)
    throw new Error(`expected a failure, got ${JSON.stringify(result)}`)
  } catch (error) {
    return error as Error & { code?: string }
  }
}

interface DeviceJson {
  DeviceKey: string
  DeviceAttributes: { Name: string; Value: string }[]
  DeviceCreateDate: number
  DeviceLastModifiedDate: number
  DeviceLastAuthenticatedDate: number
}

let fixture: MockFixture
let cognito: CognitoMock
let poolId: string
let clientId: string

/** A CognitoUser signed in with `token` (as ID and access token), its device key in storage when given. */
function signedInUser(username: string, token: string, options: { deviceKey?: string; endpoint?: string } = {}) {
  const storage = new MemoryStorage()
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, Storage: storage, ...(options.endpoint ? { endpoint: options.endpoint } : {}) })
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage })
  user.setSignInUserSession(
    new CognitoUserSession({
      IdToken: new CognitoIdToken({ IdToken: token }),
      AccessToken: new CognitoAccessToken({ AccessToken: token }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: 'x' }),
    }),
  )
  if (options.deviceKey) {
    // Where the library keeps a remembered device after sign-in (CognitoUser.cacheDeviceKeyAndPassword).
    storage.setItem(`CognitoIdentityServiceProvider.${clientId}.${username}.deviceKey`, options.deviceKey)
    user.getCachedDeviceKeyAndPassword()
  }
  return { user, storage }
}

/** A three-part JWT the library accepts locally (it reads exp and iat) but no Cognito signed. */
function forgedToken(username: string): string {
  const now = Math.floor(Date.now() / 1000)
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', kid: 'forged' })}.${part({ sub: 'x', username, token_use: 'access', iat: now, exp: now + 3600 })}.Z2FyYmFnZQ`
}

describe('amazon-cognito-identity-js', () => {
  beforeAll(() => {
    fixture = startMock({ seed: 42, endpoints: [CUSTOM_ENDPOINT] })
    cognito = fixture.cognito
  })
  afterAll(() => fixture.close())
  beforeEach(() => {
    cognito.reset()
    const pool = cognito.pools.list()[0]!
    poolId = pool.id
    clientId = pool.clients[0]!.clientId
    cognito.users.create(poolId, { username: 'alice' })
  })

  it('listDevices(limit, null) returns the remembered devices as the raw JSON (numbers for dates)', async () => {
    const remembered = cognito.devices.create(poolId, 'alice', { name: 'nodejs', rememberedStatus: 'remembered', lastIp: '192.0.2.1', createdAt: Date.UTC(2024, 4, 7, 16, 52, 22, 22) })
    cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered' })
    const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'))
    const result = await viaCallbacks<{ Devices: DeviceJson[]; PaginationToken?: string }>((cb) => user.listDevices(60, null, cb as never))
    expect(result.PaginationToken).toBeUndefined()
    expect(result.Devices).toEqual([
      {
        DeviceKey: remembered.key,
        DeviceAttributes: [
          { Name: 'device_status', Value: 'valid' },
          { Name: 'device_name', Value: 'nodejs' },
          { Name: 'last_ip_used', Value: '192.0.2.1' },
        ],
        DeviceCreateDate: 1715100742.022,
        DeviceLastModifiedDate: 1715100742.022,
        DeviceLastAuthenticatedDate: 1715100742,
      },
    ])
  })

  it('listDevices(limit, paginationToken) walks every page', async () => {
    const all = Array.from({ length: 11 }, () => cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' }).key)
    const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'))
    const seen: string[] = []
    let token: string | null = null
    let pages = 0
    do {
      const page: { Devices: DeviceJson[]; PaginationToken?: string } = await viaCallbacks((cb) => user.listDevices(4, token, cb as never))
      seen.push(...page.Devices.map((d) => d.DeviceKey))
      token = page.PaginationToken ?? null
      pages++
    } while (token)
    expect(pages).toBe(3)
    expect(seen).toEqual(all)
  })

  it('getDevice() reads the device key the library cached in its storage', async () => {
    const device = cognito.devices.create(poolId, 'alice', { name: 'Chrome', rememberedStatus: 'remembered' })
    const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'), { deviceKey: device.key })
    const result = await viaCallbacks<{ Device: DeviceJson }>((cb) => user.getDevice(cb as never))
    expect(result.Device.DeviceKey).toBe(device.key)
    expect(result.Device.DeviceAttributes.find((a) => a.Name === 'device_name')!.Value).toBe('Chrome')
    expect(result.Device.DeviceCreateDate).toBe(device.createdAt / 1000)
  })

  it('setDeviceStatusNotRemembered / setDeviceStatusRemembered switch the current device', async () => {
    const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
    const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'), { deviceKey: device.key })

    expect(await viaCallbacks<string>((cb) => user.setDeviceStatusNotRemembered(cb))).toBe('SUCCESS')
    expect(cognito.devices.get(poolId, 'alice', device.key)!.rememberedStatus).toBe('not_remembered')
    const hidden = await failure((cb) => user.getDevice(cb))
    expect(hidden.name).toBe('ResourceNotFoundException')
    expect(hidden.code).toBe('ResourceNotFoundException')
    expect(hidden.message).toBe('Device does not exist.')
    const listed = await viaCallbacks<{ Devices: DeviceJson[] }>((cb) => user.listDevices(60, null, cb as never))
    expect(listed.Devices).toEqual([])

    expect(await viaCallbacks<string>((cb) => user.setDeviceStatusRemembered(cb))).toBe('SUCCESS')
    expect(cognito.devices.get(poolId, 'alice', device.key)!.rememberedStatus).toBe('remembered')
    expect((await viaCallbacks<{ Device: DeviceJson }>((cb) => user.getDevice(cb as never))).Device.DeviceKey).toBe(device.key)
  })

  it('forgetSpecificDevice(key) succeeds on the empty ForgetDevice body and deletes the device', async () => {
    const keep = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
    const drop = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
    const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'), { deviceKey: keep.key })
    expect(await viaCallbacks<string>((cb) => user.forgetSpecificDevice(drop.key, cb))).toBe('SUCCESS')
    expect(cognito.devices.list(poolId, 'alice').map((d) => d.key)).toEqual([keep.key])
    const again = await failure((cb) => user.forgetSpecificDevice(drop.key, cb))
    expect(again.name).toBe('ResourceNotFoundException')
    expect(again.message).toBe('Device does not exist.')
  })

  it('forgetDevice() forgets the current device and clears it from storage', async () => {
    const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
    const { user, storage } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'), { deviceKey: device.key })
    expect(await viaCallbacks<string>((cb) => user.forgetDevice(cb))).toBe('SUCCESS')
    expect(cognito.devices.get(poolId, 'alice', device.key)).toBeUndefined()
    expect(storage.getItem(`CognitoIdentityServiceProvider.${clientId}.alice.deviceKey`)).toBeNull()
  })

  describe('errors: the library names them from the body __type', () => {
    it('a token Cognito did not sign → NotAuthorizedException "Invalid Access Token"', async () => {
      const { user } = signedInUser('alice', forgedToken('alice'))
      const error = await failure((cb) => user.listDevices(60, null, cb as never))
      expect(error.name).toBe('NotAuthorizedException')
      expect(error.code).toBe('NotAuthorizedException')
      expect(error.message).toBe('Invalid Access Token')
    })

    it('a tampered token (claims changed, signature kept) → "Invalid Access Token"', async () => {
      const token = await cognito.tokens.issue(poolId, 'alice')
      const [header, payload, signature] = token.split('.') as [string, string, string]
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: `${claims.scope} extra` })).toString('base64url')}.${signature}`
      const { user } = signedInUser('alice', tampered)
      const error = await failure((cb) => user.listDevices(60, null, cb as never))
      expect(error.code).toBe('NotAuthorizedException')
      expect(error.message).toBe('Invalid Access Token')
    })

    it('a revoked token → "Access Token has been revoked"', async () => {
      const token = await cognito.tokens.issue(poolId, 'alice')
      cognito.tokens.signOut(poolId, 'alice')
      const { user } = signedInUser('alice', token)
      const error = await failure((cb) => user.listDevices(60, null, cb as never))
      expect(error.name).toBe('NotAuthorizedException')
      expect(error.message).toBe('Access Token has been revoked')
    })

    it('a disabled user → NotAuthorizedException "User is disabled."', async () => {
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
      const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'), { deviceKey: device.key })
      cognito.users.update(poolId, 'alice', { enabled: false })
      const error = await failure((cb) => user.setDeviceStatusNotRemembered(cb))
      expect(error.name).toBe('NotAuthorizedException')
      expect(error.message).toBe('User is disabled.')
      expect(cognito.devices.get(poolId, 'alice', device.key)!.rememberedStatus).toBe('remembered')
    })

    it('getDevice() without a cached device key → the DeviceKey null validation error', async () => {
      const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'))
      const error = await failure((cb) => user.getDevice(cb))
      expect(error.name).toBe('InvalidParameterException')
      expect(error.message).toBe("1 validation error detected: Value null at 'deviceKey' failed to satisfy constraint: Member must not be null")
    })

    it('listDevices(61, …) → the Limit validation error', async () => {
      const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'))
      const error = await failure((cb) => user.listDevices(61, null, cb as never))
      expect(error.name).toBe('InvalidParameterException')
      expect(error.message).toBe(
        "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      )
    })
  })

  it('a pool configured with endpoint http://localhost:4566 talks to a mock given that endpoint', async () => {
    const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
    const { user } = signedInUser('alice', await cognito.tokens.issue(poolId, 'alice'), { deviceKey: device.key, endpoint: `${CUSTOM_ENDPOINT}/` })
    const result = await viaCallbacks<{ Devices: DeviceJson[] }>((cb) => user.listDevices(60, null, cb as never))
    expect(result.Devices.map((d) => d.DeviceKey)).toEqual([device.key])
    expect(await viaCallbacks<string>((cb) => user.forgetDevice(cb))).toBe('SUCCESS')
    expect(cognito.devices.get(poolId, 'alice', device.key)).toBeUndefined()
  })
})
