import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  ConfirmDeviceCommand,
  DeviceKeyExistsException,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InvalidParameterException,
  ListDevicesCommand,
  NotAuthorizedException,
  PasswordResetRequiredException,
  ResourceNotFoundException,
  UpdateDeviceStatusCommand,
  UserNotConfirmedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCognitoMock, fidelity, type CognitoMock } from '../src/index.ts'
import { ADMIN_ATTRIBUTES, rejection, sdkClient, startMock, type MockFixture } from './support.ts'

/**
 * The unmodified AWS SDK for JavaScript v3 against the mock: every operation parses, every error arrives as the
 * SDK's own exception class, with the real service's message.
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const CUSTOM_ENDPOINT = 'http://localhost:4566'
const KEY = 'us-east-1_e5aa0983-759e-478c-bf4b-6fa73b2af7a5'
const BOB_KEY = 'us-east-1_0c4a7c4e-9f1b-4b7e-8d0a-3c2b1a0f9e8d'
const UNKNOWN_KEY = 'us-east-1_00000000-0000-4000-8000-000000000000'
const CREATED = Date.UTC(2024, 4, 7, 16, 52, 22, 22)
const MODIFIED = CREATED + 1_000_123
const AUTHENTICATED = Date.UTC(2025, 0, 2, 3, 4, 5)

type ErrorClass = abstract new (...args: never[]) => Error

const exceptionClasses: Record<string, ErrorClass> = {
  ResourceNotFoundException,
  NotAuthorizedException,
  InvalidParameterException,
  UserNotFoundException,
  UserNotConfirmedException,
  PasswordResetRequiredException,
  DeviceKeyExistsException,
}

/** The SDK's exception class (by instanceof), its name and message, a 400 client fault with a request id. */
async function expectServiceError(promise: Promise<unknown>, name: string, message: string): Promise<void> {
  const error = await rejection(promise)
  const cls = exceptionClasses[name]
  if (!cls) throw new Error(`no exception class for ${name} in this test`)
  expect(error).toBeInstanceOf(cls)
  expect(error).toBeInstanceOf(CognitoIdentityProviderServiceException)
  expect(error.name).toBe(name)
  expect(error.message).toBe(message)
  expect(error.$metadata.httpStatusCode).toBe(400)
  expect(error.$fault).toBe('client')
  expect(error.$metadata.requestId).toMatch(UUID_V4)
}

let fixture: MockFixture
let cognito: CognitoMock
let client: CognitoIdentityProviderClient
let poolId: string

/** Users alice and bob in the seeded user-opt-in pool, each with a remembered device, and alice's token. */
async function world() {
  cognito.users.create(poolId, { username: 'alice' })
  cognito.users.create(poolId, { username: 'bob' })
  cognito.devices.create(poolId, 'alice', {
    key: KEY,
    name: 'My phone',
    rememberedStatus: 'remembered',
    lastIp: '203.0.113.7',
    sdk: 'aws-sdk',
    createdAt: CREATED,
    lastModifiedAt: MODIFIED,
    lastAuthenticatedAt: AUTHENTICATED,
  })
  cognito.devices.create(poolId, 'bob', { key: BOB_KEY, rememberedStatus: 'remembered' })
  const token = await cognito.tokens.issue(poolId, 'alice')
  return { token }
}

describe('AWS SDK for JavaScript v3', () => {
  beforeAll(() => {
    fixture = startMock({ seed: 42, endpoints: [CUSTOM_ENDPOINT] })
    cognito = fixture.cognito
    client = sdkClient()
  })
  afterAll(() => {
    client.destroy()
    fixture.close()
  })
  beforeEach(() => {
    cognito.reset()
    poolId = cognito.pools.list()[0]!.id
  })

  // -------------------------------------------------------------------------------------------------
  describe('each operation succeeds and parses', () => {
    it('GetDevice: the device, with Dates to the exact millisecond', async () => {
      const { token } = await world()
      const { Device, $metadata } = await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: KEY }))
      expect($metadata.httpStatusCode).toBe(200)
      expect($metadata.requestId).toMatch(UUID_V4)
      expect(Device!.DeviceKey).toBe(KEY)
      expect(Device!.DeviceAttributes).toEqual([
        { Name: 'device_status', Value: 'valid' },
        { Name: 'device_name', Value: 'My phone' },
        { Name: 'last_ip_used', Value: '203.0.113.7' },
      ])
      expect(Device!.DeviceCreateDate).toBeInstanceOf(Date)
      expect(Device!.DeviceLastModifiedDate).toBeInstanceOf(Date)
      expect(Device!.DeviceLastAuthenticatedDate).toBeInstanceOf(Date)
      expect(Device!.DeviceCreateDate!.getTime()).toBe(CREATED)
      expect(Device!.DeviceLastModifiedDate!.getTime()).toBe(MODIFIED)
      expect(Device!.DeviceLastAuthenticatedDate!.getTime()).toBe(AUTHENTICATED)
      expect(Device!.DeviceCreateDate!.toISOString()).toBe('2024-05-07T16:52:22.022Z')
    })

    it('AdminGetDevice: the device with the admin attributes', async () => {
      await world()
      const { Device } = await client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: KEY }))
      expect(Device!.DeviceKey).toBe(KEY)
      expect(Device!.DeviceAttributes!.map((a) => a.Name)).toEqual(ADMIN_ATTRIBUTES)
      expect(Device!.DeviceAttributes![2]!.Value).toBe(`arn:aws:cognito-idp:us-east-1:123456789012:owner/alice.${poolId}/device/${KEY}`)
      expect(Device!.DeviceCreateDate!.getTime()).toBe(CREATED)
      expect(Device!.DeviceLastModifiedDate!.getTime()).toBe(MODIFIED)
      expect(Device!.DeviceLastAuthenticatedDate!.getTime()).toBe(AUTHENTICATED)
    })

    it('ListDevices: pages with Limit and PaginationToken, dates parsed', async () => {
      const { token } = await world()
      const second = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered', createdAt: CREATED + 5 })
      const page1 = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 1 }))
      expect(page1.Devices!.map((d) => d.DeviceKey)).toEqual([KEY])
      expect(page1.Devices![0]!.DeviceCreateDate!.getTime()).toBe(CREATED)
      expect(typeof page1.PaginationToken).toBe('string')
      const page2 = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 1, PaginationToken: page1.PaginationToken }))
      expect(page2.Devices!.map((d) => d.DeviceKey)).toEqual([second.key])
      expect(page2.Devices![0]!.DeviceCreateDate!.getTime()).toBe(CREATED + 5)
      expect(page2.PaginationToken).toBeUndefined()
    })

    it('AdminListDevices: every device of the user', async () => {
      await world()
      cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered' })
      const { Devices, PaginationToken } = await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' }))
      expect(Devices).toHaveLength(2)
      expect(Devices![0]!.DeviceKey).toBe(KEY)
      expect(Devices!.every((d) => d.DeviceCreateDate instanceof Date)).toBe(true)
      expect(PaginationToken).toBeUndefined()
    })

    it('UpdateDeviceStatus: an empty output; the status changes', async () => {
      const { token } = await world()
      const output = await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'not_remembered' }))
      expect(Object.keys(output)).toEqual(['$metadata'])
      expect(output.$metadata.httpStatusCode).toBe(200)
      expect(cognito.devices.get(poolId, 'alice', KEY)!.rememberedStatus).toBe('not_remembered')
    })

    it('AdminUpdateDeviceStatus: an empty output; the status changes', async () => {
      await world()
      const output = await client.send(
        new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: KEY, DeviceRememberedStatus: 'not_remembered' }),
      )
      expect(Object.keys(output)).toEqual(['$metadata'])
      expect(cognito.devices.get(poolId, 'alice', KEY)!.rememberedStatus).toBe('not_remembered')
    })

    it('ForgetDevice: the empty body parses; the device is gone', async () => {
      const { token } = await world()
      const output = await client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: KEY }))
      expect(Object.keys(output)).toEqual(['$metadata'])
      expect(output.$metadata.httpStatusCode).toBe(200)
      expect(cognito.devices.get(poolId, 'alice', KEY)).toBeUndefined()
    })

    it('AdminForgetDevice: the empty body parses; the device is gone', async () => {
      await world()
      const output = await client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'bob', DeviceKey: BOB_KEY }))
      expect(Object.keys(output)).toEqual(['$metadata'])
      expect(cognito.devices.get(poolId, 'bob', BOB_KEY)).toBeUndefined()
    })

    it('ConfirmDevice: UserConfirmationNecessary as a boolean', async () => {
      const { token } = await world()
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      const output = await client.send(
        new ConfirmDeviceCommand({
          AccessToken: token,
          DeviceKey,
          DeviceName: 'nodejs',
          DeviceSecretVerifierConfig: { PasswordVerifier: 'dmVyaWZpZXI=', Salt: 'c2FsdA==' },
        }),
      )
      expect(output.UserConfirmationNecessary).toBe(true)
      const device = cognito.devices.get(poolId, 'alice', DeviceKey)!
      expect(device.name).toBe('nodejs')
      expect(device.verifier).toEqual({ passwordVerifier: 'dmVyaWZpZXI=', salt: 'c2FsdA==' })
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('access tokens', () => {
    it('garbage → NotAuthorizedException "Invalid Access Token"', async () => {
      await world()
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: 'garbage' })), 'NotAuthorizedException', 'Invalid Access Token')
      await expectServiceError(client.send(new GetDeviceCommand({ AccessToken: 'a.b.c', DeviceKey: KEY })), 'NotAuthorizedException', 'Invalid Access Token')
    })

    it('expired after the clock passes its exp → "Access Token has expired"', async () => {
      const { token } = await world()
      cognito.clock.advance('59m')
      expect((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices).toHaveLength(1)
      cognito.clock.advance('2h')
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: token })), 'NotAuthorizedException', 'Access Token has expired')
      await expectServiceError(
        client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'not_remembered' })),
        'NotAuthorizedException',
        'Access Token has expired',
      )
      expect(cognito.devices.get(poolId, 'alice', KEY)!.rememberedStatus).toBe('remembered')
    })

    it('a short-lived token (expiresIn: "1s") expires once the clock moves a second', async () => {
      await world()
      const token = await cognito.tokens.issue(poolId, 'alice', { expiresIn: '1s' })
      cognito.clock.advance('1s')
      await expectServiceError(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: KEY })), 'NotAuthorizedException', 'Access Token has expired')
      const longer = await cognito.tokens.issue(poolId, 'alice', { expiresIn: '10s' })
      cognito.clock.advance('5s')
      expect((await client.send(new GetDeviceCommand({ AccessToken: longer, DeviceKey: KEY }))).Device!.DeviceKey).toBe(KEY)
    })

    it('revoked (tokens.revoke) → "Access Token has been revoked"; other tokens still work', async () => {
      const { token } = await world()
      const other = await cognito.tokens.issue(poolId, 'alice')
      cognito.tokens.revoke(token)
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: token })), 'NotAuthorizedException', 'Access Token has been revoked')
      await expectServiceError(client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: KEY })), 'NotAuthorizedException', 'Access Token has been revoked')
      expect(cognito.devices.get(poolId, 'alice', KEY)).toBeDefined()
      expect((await client.send(new ListDevicesCommand({ AccessToken: other }))).Devices).toHaveLength(1)
    })

    it('global sign-out (tokens.signOut) revokes every token issued so far, not later ones', async () => {
      const { token } = await world()
      const other = await cognito.tokens.issue(poolId, 'alice')
      const bobs = await cognito.tokens.issue(poolId, 'bob')
      cognito.tokens.signOut(poolId, 'alice')
      for (const revoked of [token, other]) {
        await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: revoked })), 'NotAuthorizedException', 'Access Token has been revoked')
      }
      expect((await client.send(new ListDevicesCommand({ AccessToken: bobs }))).Devices).toHaveLength(1)
      const fresh = await cognito.tokens.issue(poolId, 'alice')
      expect((await client.send(new ListDevicesCommand({ AccessToken: fresh }))).Devices).toHaveLength(1)
    })

    it('without aws.cognito.signin.user.admin → "Access Token does not have required scopes"', async () => {
      await world()
      for (const scope of ['openid', 'openid email profile', 'aws.cognito.signin.user']) {
        const token = await cognito.tokens.issue(poolId, 'alice', { scope })
        await expectServiceError(
          client.send(new ListDevicesCommand({ AccessToken: token })),
          'NotAuthorizedException',
          'Access Token does not have required scopes',
        )
      }
      const both = await cognito.tokens.issue(poolId, 'alice', { scope: 'openid aws.cognito.signin.user.admin' })
      expect((await client.send(new ListDevicesCommand({ AccessToken: both }))).Devices).toHaveLength(1)
    })

    it('a token of another mock (another seed), even for the same pool id and username → "Invalid Access Token"', async () => {
      await world()
      const other = createCognitoMock({ seed: 43, world: { pools: 0 } })
      other.pools.create({ id: poolId })
      other.users.create(poolId, { username: 'alice' })
      const foreign = await other.tokens.issue(poolId, 'alice')
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: foreign })), 'NotAuthorizedException', 'Invalid Access Token')
      const stranger = createCognitoMock({ seed: 44 })
      const strangerPool = stranger.pools.list()[0]!
      const strangerToken = await stranger.tokens.issue(strangerPool.id, stranger.users.list(strangerPool.id)[0]!.username)
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: strangerToken })), 'NotAuthorizedException', 'Invalid Access Token')
    })

    it('a tampered token → "Invalid Access Token"', async () => {
      const { token } = await world()
      const [header, payload, signature] = token.split('.') as [string, string, string]
      // Claims rewritten to speak for bob, the signature kept.
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
      const asBob = Buffer.from(JSON.stringify({ ...claims, username: 'bob', sub: cognito.users.get(poolId, 'bob')!.sub })).toString('base64url')
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: `${header}.${asBob}.${signature}` })), 'NotAuthorizedException', 'Invalid Access Token')
      // One character of the signature changed.
      const middle = Math.floor(signature.length / 2)
      const flipped = signature.slice(0, middle) + (signature[middle] === 'A' ? 'B' : 'A') + signature.slice(middle + 1)
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: `${header}.${payload}.${flipped}` })), 'NotAuthorizedException', 'Invalid Access Token')
      // The untouched token still works.
      expect((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices).toHaveLength(1)
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('users', () => {
    const userCalls = (token: string, key: string) => [
      new ListDevicesCommand({ AccessToken: token }),
      new GetDeviceCommand({ AccessToken: token, DeviceKey: key }),
      new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: key, DeviceRememberedStatus: 'not_remembered' }),
      new ForgetDeviceCommand({ AccessToken: token, DeviceKey: key }),
      new ConfirmDeviceCommand({ AccessToken: token, DeviceKey: key }),
    ]

    it.each([
      ['disabled', { enabled: false }, 'NotAuthorizedException', 'User is disabled.'],
      ['UNCONFIRMED', { status: 'UNCONFIRMED' }, 'UserNotConfirmedException', 'User is not confirmed.'],
      ['RESET_REQUIRED', { status: 'RESET_REQUIRED' }, 'PasswordResetRequiredException', 'Password reset required for the user'],
    ] as const)('a %s user is refused by every user operation, state unchanged', async (_label, patch, name, message) => {
      const { token } = await world()
      cognito.users.update(poolId, 'alice', patch)
      const before = cognito.devices.list(poolId, 'alice')
      for (const command of userCalls(token, KEY)) await expectServiceError(client.send(command as never), name, message)
      expect(cognito.devices.list(poolId, 'alice')).toEqual(before)
    })

    it('a deleted user → UserNotFoundException "User does not exist."', async () => {
      const { token } = await world()
      cognito.users.remove(poolId, 'alice')
      for (const command of userCalls(token, KEY)) await expectServiceError(client.send(command as never), 'UserNotFoundException', 'User does not exist.')
    })

    it('a user deleted and created again under the same name is another user: the old token is refused', async () => {
      const { token } = await world()
      cognito.users.remove(poolId, 'alice')
      cognito.users.create(poolId, { username: 'alice' })
      await expectServiceError(client.send(new ListDevicesCommand({ AccessToken: token })), 'UserNotFoundException', 'User does not exist.')
      const fresh = await cognito.tokens.issue(poolId, 'alice')
      expect((await client.send(new ListDevicesCommand({ AccessToken: fresh }))).Devices).toEqual([])
    })

    it("another user's device key → ResourceNotFoundException \"Device does not exist.\", and it is left alone", async () => {
      const { token } = await world()
      const bobsDevice = cognito.devices.get(poolId, 'bob', BOB_KEY)
      await expectServiceError(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: BOB_KEY })), 'ResourceNotFoundException', 'Device does not exist.')
      await expectServiceError(
        client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: BOB_KEY, DeviceRememberedStatus: 'not_remembered' })),
        'ResourceNotFoundException',
        'Device does not exist.',
      )
      await expectServiceError(client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: BOB_KEY })), 'ResourceNotFoundException', 'Device does not exist.')
      expect(cognito.devices.get(poolId, 'bob', BOB_KEY)).toEqual(bobsDevice)
      await expectServiceError(
        client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: BOB_KEY })),
        'ResourceNotFoundException',
        'Device does not exist.',
      )
    })

    it('admin operations work on disabled, unconfirmed and reset-required users', async () => {
      await world()
      for (const patch of [{ enabled: false }, { enabled: true, status: 'UNCONFIRMED' }, { status: 'RESET_REQUIRED' }] as const) {
        cognito.users.update(poolId, 'alice', patch)
        expect((await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' }))).Devices).toHaveLength(1)
        expect((await client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: KEY }))).Device!.DeviceKey).toBe(KEY)
      }
      cognito.users.update(poolId, 'alice', { enabled: false, status: 'CONFIRMED' })
      await client.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: KEY, DeviceRememberedStatus: 'not_remembered' }))
      expect(cognito.devices.get(poolId, 'alice', KEY)!.rememberedStatus).toBe('not_remembered')
      await client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: KEY }))
      expect(cognito.devices.get(poolId, 'alice', KEY)).toBeUndefined()
    })

    it('usernames are case-insensitive for admin operations', async () => {
      await world()
      expect((await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'ALICE' }))).Devices).toHaveLength(1)
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('admin errors', () => {
    it('an unknown pool → ResourceNotFoundException "User pool us-east-1_xxx does not exist."', async () => {
      await world()
      const message = 'User pool us-east-1_xxx does not exist.'
      const UserPoolId = 'us-east-1_xxx'
      await expectServiceError(client.send(new AdminGetDeviceCommand({ UserPoolId, Username: 'alice', DeviceKey: KEY })), 'ResourceNotFoundException', message)
      await expectServiceError(client.send(new AdminListDevicesCommand({ UserPoolId, Username: 'alice' })), 'ResourceNotFoundException', message)
      await expectServiceError(client.send(new AdminForgetDeviceCommand({ UserPoolId, Username: 'alice', DeviceKey: KEY })), 'ResourceNotFoundException', message)
      await expectServiceError(
        client.send(new AdminUpdateDeviceStatusCommand({ UserPoolId, Username: 'alice', DeviceKey: KEY, DeviceRememberedStatus: 'remembered' })),
        'ResourceNotFoundException',
        message,
      )
    })

    it('an unknown user: UserNotFoundException where the model lists it (AdminForgetDevice, AdminUpdateDeviceStatus)', async () => {
      await world()
      await expectServiceError(
        client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'nobody', DeviceKey: KEY })),
        'UserNotFoundException',
        'User does not exist.',
      )
      await expectServiceError(
        client.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'nobody', DeviceKey: KEY, DeviceRememberedStatus: 'remembered' })),
        'UserNotFoundException',
        'User does not exist.',
      )
      expect(cognito.devices.get(poolId, 'alice', KEY)).toBeDefined()
    })

    it('an unknown user: fidelity.adminUnknownUserWithoutModeledError where it does not (AdminGetDevice, AdminListDevices)', async () => {
      await world()
      const { type, message } = fidelity.adminUnknownUserWithoutModeledError
      await expectServiceError(client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'nobody', DeviceKey: KEY })), type, message)
      await expectServiceError(client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'nobody' })), type, message)
    })

    it('an unknown device → ResourceNotFoundException "Device does not exist."', async () => {
      await world()
      for (const command of [
        new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: UNKNOWN_KEY }),
        new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: UNKNOWN_KEY }),
        new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: UNKNOWN_KEY, DeviceRememberedStatus: 'remembered' }),
      ]) {
        await expectServiceError(client.send(command as never), 'ResourceNotFoundException', 'Device does not exist.')
      }
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('other modeled errors', () => {
    it('InvalidParameterException for a validation failure', async () => {
      const { token } = await world()
      await expectServiceError(
        client.send(new ListDevicesCommand({ AccessToken: token, Limit: 61 })),
        'InvalidParameterException',
        "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      )
      await expectServiceError(
        client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', PaginationToken: 'garbage' })),
        'InvalidParameterException',
        fidelity.invalidPaginationToken.message,
      )
    })

    it('DeviceKeyExistsException when a key is confirmed twice', async () => {
      const { token } = await world()
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      await client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'first' }))
      await expectServiceError(
        client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'second' })),
        'DeviceKeyExistsException',
        fidelity.deviceKeyExists.message,
      )
      expect(cognito.devices.get(poolId, 'alice', DeviceKey)!.name).toBe('first')
    })

    it('ResourceNotFoundException for an unknown device key', async () => {
      const { token } = await world()
      await expectServiceError(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: UNKNOWN_KEY })), 'ResourceNotFoundException', 'Device does not exist.')
      await expectServiceError(client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey: UNKNOWN_KEY })), 'ResourceNotFoundException', 'Device does not exist.')
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('endpoints', () => {
    it('an SDK client with endpoint http://localhost:4566 talks to a mock given that endpoint', async () => {
      const { token } = await world()
      const local = sdkClient({ endpoint: CUSTOM_ENDPOINT })
      try {
        expect((await local.send(new ListDevicesCommand({ AccessToken: token }))).Devices!.map((d) => d.DeviceKey)).toEqual([KEY])
        expect((await local.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: KEY }))).Device!.DeviceKey).toBe(KEY)
        await local.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'bob', DeviceKey: BOB_KEY }))
        expect(cognito.devices.get(poolId, 'bob', BOB_KEY)).toBeUndefined()
        await expectServiceError(local.send(new ListDevicesCommand({ AccessToken: 'garbage' })), 'NotAuthorizedException', 'Invalid Access Token')
      } finally {
        local.destroy()
      }
    })

    it('FIPS and dual-stack endpoints chosen by the SDK are intercepted', async () => {
      const { token } = await world()
      for (const config of [{ useFipsEndpoint: true }, { useDualstackEndpoint: true }, { useFipsEndpoint: true, useDualstackEndpoint: true }]) {
        const other = sdkClient(config)
        try {
          expect((await other.send(new ListDevicesCommand({ AccessToken: token }))).Devices).toHaveLength(1)
          expect((await other.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' }))).Devices).toHaveLength(1)
        } finally {
          other.destroy()
        }
      }
    })

    it('a client for another region does not see a us-east-1 pool', async () => {
      const { token } = await world()
      const eu = sdkClient({ region: 'eu-west-1' })
      try {
        await expectServiceError(eu.send(new ListDevicesCommand({ AccessToken: token })), 'NotAuthorizedException', 'Invalid Access Token')
        await expectServiceError(
          eu.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' })),
          'ResourceNotFoundException',
          `User pool ${poolId} does not exist.`,
        )
      } finally {
        eu.destroy()
      }
    })
  })
})
