import {
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  DeviceKeyExistsException,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InvalidParameterException,
  ListDevicesCommand,
  ResourceNotFoundException,
  UpdateDeviceStatusCommand,
  type CognitoIdentityProviderClient,
  type DeviceType,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCognitoMock, fidelity, type CognitoMock } from '../src/index.ts'
import { ADMIN_ATTRIBUTES, rejection, sdkClient, startMock, type MockFixture } from './support.ts'

/**
 * The lifecycle of WIRE §4–5 through the unmodified SDK: which attributes each side sees, what remembering and
 * forgetting do, ConfirmDevice per pool setting, and pagination that survives changes between pages.
 */

const USER_ATTRIBUTES = ['device_status', 'device_name', 'last_ip_used']
const DEVICE_MEMBERS = ['DeviceAttributes', 'DeviceCreateDate', 'DeviceKey', 'DeviceLastAuthenticatedDate', 'DeviceLastModifiedDate']

let fixture: MockFixture
let cognito: CognitoMock
let client: CognitoIdentityProviderClient
let poolId: string

async function expectDeviceMissing(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(ResourceNotFoundException)
  expect(error.message).toBe('Device does not exist.')
}

async function expectInvalidPaginationToken(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(InvalidParameterException)
  expect(error.name).toBe(fidelity.invalidPaginationToken.type)
  expect(error.message).toBe(fidelity.invalidPaginationToken.message)
}

const names = (device: DeviceType) => device.DeviceAttributes!.map((a) => a.Name)
const attribute = (device: DeviceType, name: string) => device.DeviceAttributes!.find((a) => a.Name === name)?.Value
const keys = (devices: DeviceType[] | undefined) => (devices ?? []).map((d) => d.DeviceKey!)

/** A new user in `pool` (default: the seeded user-opt-in pool) and an access token for them. */
async function newUser(username: string, pool = poolId) {
  cognito.users.create(pool, { username })
  return cognito.tokens.issue(pool, username)
}

const adminGet = async (username: string, DeviceKey: string) =>
  (await client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey }))).Device!

describe('device semantics (WIRE §4–5)', () => {
  beforeAll(() => {
    fixture = startMock({ seed: 42 })
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
    expect(cognito.pools.get(poolId)!.deviceRemembering).toBe('user-opt-in')
  })

  // -------------------------------------------------------------------------------------------------
  describe('attributes (WIRE §4)', () => {
    it('users see device_status, device_name, last_ip_used, in that order; DeviceType has its five members', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { name: 'Pixel 9', lastIp: '192.0.2.44', rememberedStatus: 'remembered' })
      const got = (await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: device.key }))).Device!
      expect(got.DeviceAttributes).toEqual([
        { Name: 'device_status', Value: 'valid' },
        { Name: 'device_name', Value: 'Pixel 9' },
        { Name: 'last_ip_used', Value: '192.0.2.44' },
      ])
      expect(Object.keys(got).sort()).toEqual(DEVICE_MEMBERS)
      const listed = (await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices!
      expect(listed.map(names)).toEqual([USER_ATTRIBUTES])
    })

    it('admins see the seven attributes in order, with ARN, owner, remembered status and SDK', async () => {
      await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { name: 'Pixel 9', lastIp: '2001:db8::1', sdk: 'aws-sdk', rememberedStatus: 'not_remembered' })
      const got = await adminGet('alice', device.key)
      expect(got.DeviceAttributes).toEqual([
        { Name: 'device_status', Value: 'valid' },
        { Name: 'device_name', Value: 'Pixel 9' },
        { Name: 'dev:device_arn', Value: `arn:aws:cognito-idp:us-east-1:123456789012:owner/alice.${poolId}/device/${device.key}` },
        { Name: 'dev:device_owner', Value: `alice.${poolId}` },
        { Name: 'last_ip_used', Value: '2001:db8::1' },
        { Name: 'dev:device_remembered_status', Value: 'not_remembered' },
        { Name: 'dev:device_sdk', Value: 'aws-sdk' },
      ])
      expect(Object.keys(got).sort()).toEqual(DEVICE_MEMBERS)
      const listed = (await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' }))).Devices!
      expect(listed.map(names)).toEqual([ADMIN_ATTRIBUTES])
    })

    it('the account id of the ARN follows createCognitoMock({ accountId })', async () => {
      fixture.close()
      fixture = startMock({ seed: 42, accountId: '210987654321' })
      cognito = fixture.cognito
      poolId = cognito.pools.list()[0]!.id
      try {
        await newUser('alice')
        const device = cognito.devices.create(poolId, 'alice')
        expect(attribute(await adminGet('alice', device.key), 'dev:device_arn')).toBe(
          `arn:aws:cognito-idp:us-east-1:210987654321:owner/alice.${poolId}/device/${device.key}`,
        )
      } finally {
        fixture.close()
        fixture = startMock({ seed: 42 })
        cognito = fixture.cognito
      }
    })

    it('device_name is absent (not empty) when ConfirmDevice had no DeviceName, for users and admins', async () => {
      const token = await newUser('alice')
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice', { lastIp: '198.51.100.23' })
      await client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey }))
      await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey, DeviceRememberedStatus: 'remembered' }))
      const got = (await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey }))).Device!
      expect(got.DeviceAttributes).toEqual([
        { Name: 'device_status', Value: 'valid' },
        { Name: 'last_ip_used', Value: '198.51.100.23' },
      ])
      expect(names(await adminGet('alice', DeviceKey))).toEqual(ADMIN_ATTRIBUTES.filter((n) => n !== 'device_name'))
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('remembered and not remembered (WIRE §5)', () => {
    it('ListDevices and GetDevice show only remembered devices; admin operations show both, with their status', async () => {
      const token = await newUser('alice')
      const remembered = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
      const forgotten = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered' })
      const remembered2 = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })

      expect(keys((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices)).toEqual([remembered.key, remembered2.key])
      expect((await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: remembered.key }))).Device!.DeviceKey).toBe(remembered.key)
      await expectDeviceMissing(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: forgotten.key })))

      expect(fidelity.adminSeesNotRemembered).toBe(true)
      const admin = (await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' }))).Devices!
      expect(keys(admin)).toEqual([remembered.key, forgotten.key, remembered2.key])
      expect(admin.map((d) => attribute(d, 'dev:device_remembered_status'))).toEqual(['remembered', 'not_remembered', 'remembered'])
      expect(attribute(await adminGet('alice', forgotten.key), 'dev:device_remembered_status')).toBe('not_remembered')
    })

    // The README's `state('devices.create', poolId, username, { name: 'Kiosk' })` must give a device the app shows.
    it('devices.create makes a remembered device unless asked otherwise, in user-opt-in and always pools', async () => {
      for (const mode of ['user-opt-in', 'always'] as const) {
        cognito.pools.update(poolId, { deviceRemembering: mode })
        const token = await newUser(`kiosk.${mode}`)
        const kiosk = cognito.devices.create(poolId, `kiosk.${mode}`, { name: 'Kiosk' })
        const hidden = cognito.devices.create(poolId, `kiosk.${mode}`, { rememberedStatus: 'not_remembered' })
        expect([kiosk.rememberedStatus, hidden.rememberedStatus]).toEqual(['remembered', 'not_remembered'])
        expect(keys((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices)).toEqual([kiosk.key])
      }
    })

    it('devices.create in a pool that does not track devices: a usage error, and no device', async () => {
      await newUser('alice')
      cognito.pools.update(poolId, { deviceRemembering: 'off' })
      expect(() => cognito.devices.create(poolId, 'alice', { name: 'Kiosk' })).toThrow(/^\[cognito-device-mock\] pool .* does not track devices \(deviceRemembering "off"\)/)
      expect(cognito.devices.list(poolId, 'alice')).toEqual([])
    })

    it('pages of ListDevices skip not-remembered devices without gaps', async () => {
      const token = await newUser('alice')
      const all = Array.from({ length: 11 }, (_, i) => cognito.devices.create(poolId, 'alice', { rememberedStatus: i % 3 === 1 ? 'not_remembered' : 'remembered' }))
      const visible = all.filter((d) => d.rememberedStatus === 'remembered').map((d) => d.key)
      const seen: string[] = []
      let PaginationToken: string | undefined
      let pages = 0
      do {
        const page = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 2, PaginationToken }))
        seen.push(...keys(page.Devices))
        PaginationToken = page.PaginationToken
        pages++
      } while (PaginationToken)
      expect(seen).toEqual(visible)
      expect(pages).toBe(Math.ceil(visible.length / 2))
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('ForgetDevice deletes the device (WIRE §5)', () => {
    it('afterwards GetDevice, UpdateDeviceStatus, ForgetDevice, AdminGetDevice: "Device does not exist."; no list shows it', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
      const other = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
      await client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: device.key }))

      await expectDeviceMissing(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: device.key })))
      await expectDeviceMissing(client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' })))
      await expectDeviceMissing(client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: device.key })))
      await expectDeviceMissing(client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: device.key })))
      await expectDeviceMissing(
        client.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: device.key, DeviceRememberedStatus: 'remembered' })),
      )
      await expectDeviceMissing(client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey: device.key })))
      expect(keys((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices)).toEqual([other.key])
      expect(keys((await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice' }))).Devices)).toEqual([other.key])
      expect(cognito.devices.get(poolId, 'alice', device.key)).toBeUndefined()
    })

    it('a user may forget their own not-remembered device', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered' })
      await client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: device.key }))
      await expectDeviceMissing(client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: device.key })))
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('UpdateDeviceStatus', () => {
    it('moves DeviceLastModifiedDate to the time of the call, and only that date', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', {
        rememberedStatus: 'remembered',
        createdAt: '2025-06-01T10:00:00.123Z',
        lastModifiedAt: '2025-06-02T10:00:00.456Z',
        lastAuthenticatedAt: '2025-06-03T10:00:00.000Z',
      })
      cognito.clock.advance('3m')
      const at = cognito.clock.now()
      await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: 'not_remembered' }))
      const after = await adminGet('alice', device.key)
      expect(after.DeviceLastModifiedDate!.getTime()).toBe(at)
      expect(after.DeviceCreateDate!.getTime()).toBe(Date.parse('2025-06-01T10:00:00.123Z'))
      expect(after.DeviceLastAuthenticatedDate!.getTime()).toBe(Date.parse('2025-06-03T10:00:00.000Z'))
      expect(after.DeviceKey).toBe(device.key)
      expect(attribute(after, 'dev:device_remembered_status')).toBe('not_remembered')
      expect(attribute(after, 'device_name')).toBe(device.name)
      expect(attribute(after, 'last_ip_used')).toBe(device.lastIp)
    })

    it('works on a not-remembered device: that is how a user opts in', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered' })
      await expectDeviceMissing(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: device.key })))
      await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }))
      expect(keys((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices)).toEqual([device.key])
      expect((await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: device.key }))).Device!.DeviceKey).toBe(device.key)
    })

    it('not_remembered hides the device from the user, not from the admin', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
      await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: 'not_remembered' }))
      expect((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices).toEqual([])
      await expectDeviceMissing(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: device.key })))
      expect(attribute(await adminGet('alice', device.key), 'dev:device_remembered_status')).toBe('not_remembered')
    })

    it('without DeviceRememberedStatus: fidelity.updateWithoutStatusIsNoop', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered', createdAt: '2025-06-01T10:00:00.123Z' })
      cognito.clock.advance('1m')
      const output = await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.key }))
      expect(Object.keys(output)).toEqual(['$metadata'])
      expect(fidelity.updateWithoutStatusIsNoop).toBe(true)
      expect(cognito.devices.get(poolId, 'alice', device.key)).toEqual(device)
    })

    it('to the status it already has: fidelity.updateAlwaysTouchesModifiedDate', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered', createdAt: '2025-06-01T10:00:00.123Z' })
      cognito.clock.advance('1m')
      const at = cognito.clock.now()
      await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }))
      const after = cognito.devices.get(poolId, 'alice', device.key)!
      expect(after.rememberedStatus).toBe('remembered')
      expect(after.lastModifiedAt).toBe(fidelity.updateAlwaysTouchesModifiedDate ? at : device.lastModifiedAt)
    })

    it('AdminUpdateDeviceStatus: the same change and date rule', async () => {
      const token = await newUser('alice')
      const device = cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered', createdAt: '2025-06-01T10:00:00.123Z' })
      cognito.clock.advance('10s')
      const at = cognito.clock.now()
      await client.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }))
      const after = (await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: device.key }))).Device!
      expect(after.DeviceLastModifiedDate!.getTime()).toBe(at)
      expect(after.DeviceCreateDate!.getTime()).toBe(device.createdAt)
      expect(after.DeviceLastAuthenticatedDate!.getTime()).toBe(device.lastAuthenticatedAt)
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('ConfirmDevice', () => {
    it('user-opt-in pool: UserConfirmationNecessary true, not remembered until UpdateDeviceStatus remembered', async () => {
      const token = await newUser('alice')
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice', { lastIp: '203.0.113.50' })
      const { UserConfirmationNecessary } = await client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'Firefox on Linux' }))
      expect(UserConfirmationNecessary).toBe(true)
      expect((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices).toEqual([])
      await expectDeviceMissing(client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey })))
      const admin = await adminGet('alice', DeviceKey)
      expect(attribute(admin, 'dev:device_remembered_status')).toBe('not_remembered')
      expect(attribute(admin, 'device_name')).toBe('Firefox on Linux')
      expect(attribute(admin, 'last_ip_used')).toBe('203.0.113.50')
      expect(['aws-sdk', 'aws-sdk-unknown-unknown']).toContain(attribute(admin, 'dev:device_sdk'))

      await client.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey, DeviceRememberedStatus: 'remembered' }))
      expect(keys((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices)).toEqual([DeviceKey])
    })

    it('always pool: UserConfirmationNecessary false, listed at once', async () => {
      const pool = cognito.pools.create({ deviceRemembering: 'always' })
      const token = await newUser('carol', pool.id)
      const { DeviceKey } = cognito.devices.issueKey(pool.id, 'carol')
      const { UserConfirmationNecessary } = await client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'iPhone' }))
      expect(UserConfirmationNecessary).toBe(false)
      expect(keys((await client.send(new ListDevicesCommand({ AccessToken: token }))).Devices)).toEqual([DeviceKey])
      expect((await client.send(new GetDeviceCommand({ AccessToken: token, DeviceKey }))).Device!.DeviceKey).toBe(DeviceKey)
      expect(cognito.devices.get(pool.id, 'carol', DeviceKey)!.rememberedStatus).toBe('remembered')
    })

    it('off pool: fidelity.deviceTrackingOff, and no device is created', async () => {
      const token = await newUser('alice')
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      cognito.pools.update(poolId, { deviceRemembering: 'off' })
      const error = await rejection(client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'x' })))
      expect(error.name).toBe(fidelity.deviceTrackingOff.type)
      expect(error).toBeInstanceOf(InvalidParameterException)
      expect(error.message).toBe(fidelity.deviceTrackingOff.message)
      expect(cognito.devices.list(poolId, 'alice')).toEqual([])
      expect(() => cognito.devices.issueKey(poolId, 'alice')).toThrow()
    })

    it("only the user the key was issued to may confirm it: another user's pending key or an unknown key → \"Device does not exist.\"", async () => {
      const aliceToken = await newUser('alice')
      const bobToken = await newUser('bob')
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      await expectDeviceMissing(client.send(new ConfirmDeviceCommand({ AccessToken: bobToken, DeviceKey, DeviceName: 'stolen' })))
      expect(cognito.devices.list(poolId, 'bob')).toEqual([])
      await expectDeviceMissing(
        client.send(new ConfirmDeviceCommand({ AccessToken: aliceToken, DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' })),
      )
      // The key is still alice's to confirm.
      expect((await client.send(new ConfirmDeviceCommand({ AccessToken: aliceToken, DeviceKey }))).UserConfirmationNecessary).toBe(true)
      expect(cognito.devices.get(poolId, 'alice', DeviceKey)).toBeDefined()
    })

    it('a key issued in one pool cannot be confirmed by a same-named user of another pool', async () => {
      await newUser('alice')
      const other = cognito.pools.create({ deviceRemembering: 'always' })
      const otherToken = await newUser('alice', other.id)
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      await expectDeviceMissing(client.send(new ConfirmDeviceCommand({ AccessToken: otherToken, DeviceKey })))
    })

    it('confirming twice → DeviceKeyExistsException', async () => {
      const token = await newUser('alice')
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      await client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'one' }))
      const error = await rejection(client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'two' })))
      expect(error).toBeInstanceOf(DeviceKeyExistsException)
      expect(error.message).toBe(fidelity.deviceKeyExists.message)
      expect(cognito.devices.get(poolId, 'alice', DeviceKey)!.name).toBe('one')
    })

    it('a fresh device: LastModified = Create (the time of the call), LastAuthenticated = Create floored to the second', async () => {
      cognito.clock.set('2026-03-01T12:00:00.789Z')
      const token = await newUser('alice')
      const { DeviceKey } = cognito.devices.issueKey(poolId, 'alice')
      const at = cognito.clock.now()
      expect(at % 1000).not.toBe(0)
      await client.send(new ConfirmDeviceCommand({ AccessToken: token, DeviceKey, DeviceName: 'fresh' }))
      const device = await adminGet('alice', DeviceKey)
      expect(device.DeviceCreateDate!.getTime()).toBe(at)
      expect(device.DeviceLastModifiedDate!.getTime()).toBe(at)
      expect(device.DeviceLastAuthenticatedDate!.getTime()).toBe(Math.floor(at / 1000) * 1000)
      expect(device.DeviceLastAuthenticatedDate!.toISOString()).toBe('2026-03-01T12:00:00.000Z')
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('pagination', () => {
    function createDevices(username: string, count: number, rememberedStatus: 'remembered' | 'not_remembered' = 'remembered') {
      return Array.from({ length: count }, () => cognito.devices.create(poolId, username, { rememberedStatus }).key)
    }

    async function walk(token: string, Limit: number) {
      const pages: { keys: string[]; token: string | undefined }[] = []
      let PaginationToken: string | undefined
      do {
        const page = await client.send(new ListDevicesCommand({ AccessToken: token, Limit, PaginationToken }))
        pages.push({ keys: keys(page.Devices), token: page.PaginationToken })
        PaginationToken = page.PaginationToken
      } while (PaginationToken && pages.length < 1000)
      return pages
    }

    it(`Limit defaults to fidelity.defaultListLimit (${fidelity.defaultListLimit}); Limit 0 means the default`, async () => {
      const token = await newUser('alice')
      const all = createDevices('alice', 150)
      const absent = await client.send(new ListDevicesCommand({ AccessToken: token }))
      expect(keys(absent.Devices)).toEqual(all.slice(0, fidelity.defaultListLimit))
      expect(absent.PaginationToken).toBeDefined()
      expect(fidelity.zeroLimitMeansDefault).toBe(true)
      const zero = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 0 }))
      expect(keys(zero.Devices)).toEqual(all.slice(0, fidelity.defaultListLimit))
      const admin = await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', Limit: 0 }))
      expect(admin.Devices).toHaveLength(fidelity.defaultListLimit)
    })

    it('150 devices, Limit 7: 22 pages, in order, no duplicates, no gaps, no token on the last page', async () => {
      const token = await newUser('alice')
      const all = createDevices('alice', 150)
      expect(cognito.devices.list(poolId, 'alice').map((d) => d.key)).toEqual(all)
      const pages = await walk(token, 7)
      expect(pages.map((p) => p.keys.length)).toEqual([...Array(21).fill(7), 3])
      const seen = pages.flatMap((p) => p.keys)
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen).toEqual(all)
      expect(pages.slice(0, -1).every((p) => typeof p.token === 'string' && p.token.length > 0)).toBe(true)
      expect(pages.at(-1)!.token).toBeUndefined()
    })

    it('a list that ends on a page boundary has no token on its last full page (no empty page after it)', async () => {
      const token = await newUser('alice')
      const all = createDevices('alice', 140)
      const pages = await walk(token, 7)
      expect(pages).toHaveLength(20)
      expect(pages.at(-1)!.keys).toHaveLength(7)
      expect(pages.at(-1)!.token).toBeUndefined()
      expect(pages.flatMap((p) => p.keys)).toEqual(all)
    })

    it('the Limit may change from page to page', async () => {
      const token = await newUser('alice')
      const all = createDevices('alice', 30)
      const first = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 7 }))
      const second = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 20, PaginationToken: first.PaginationToken }))
      const third = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 60, PaginationToken: second.PaginationToken }))
      expect([...keys(first.Devices), ...keys(second.Devices), ...keys(third.Devices)]).toEqual(all)
      expect(third.PaginationToken).toBeUndefined()
    })

    it('AdminListDevices walks every device, remembered or not', async () => {
      await newUser('alice')
      const all = [...createDevices('alice', 40), ...createDevices('alice', 25, 'not_remembered')]
      const seen: string[] = []
      let PaginationToken: string | undefined
      do {
        const page = await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', Limit: 9, PaginationToken }))
        seen.push(...keys(page.Devices))
        PaginationToken = page.PaginationToken
      } while (PaginationToken)
      expect(seen).toEqual(all)
    })

    it('devices added and forgotten between pages: nothing present throughout is missed or repeated; forgotten ones never reappear', async () => {
      const token = await newUser('alice')
      const initial = createDevices('alice', 150)
      const forgotten = new Set<string>()
      const added: string[] = []
      const seen: string[] = []
      let PaginationToken: string | undefined
      let page = 0
      do {
        const answer = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 7, PaginationToken }))
        const pageKeys = keys(answer.Devices)
        seen.push(...pageKeys)
        PaginationToken = answer.PaginationToken
        page++
        if (!PaginationToken) break
        const remaining = cognito.devices.list(poolId, 'alice').map((d) => d.key).filter((k) => !seen.includes(k))
        // Forget: the device the cursor points at (last of this page), one already seen, and one not yet seen.
        const victims = [pageKeys.at(-1)!, seen[Math.floor(seen.length / 3)]!, remaining[(page * 5) % remaining.length]!]
        for (const victim of victims) {
          if (forgotten.has(victim)) continue
          if (page % 2 === 0) await client.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: victim }))
          else cognito.devices.remove(poolId, 'alice', victim)
          forgotten.add(victim)
        }
        // Add: a new device, and on every third page one that is not remembered (hidden from the user).
        added.push(cognito.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' }).key)
        if (page % 3 === 0) cognito.devices.create(poolId, 'alice', { rememberedStatus: 'not_remembered' })
      } while (page < 1000)

      expect(new Set(seen).size).toBe(seen.length)
      const seenSet = new Set(seen)
      const forgottenBeforeSeen = [...forgotten].filter((k) => !seen.includes(k))
      expect(forgottenBeforeSeen.length).toBeGreaterThan(0)
      for (const key of initial.filter((k) => !forgotten.has(k))) expect(seenSet.has(key)).toBe(true)
      for (const key of forgottenBeforeSeen) expect(seenSet.has(key)).toBe(false)
      // Seen devices are in list (creation) order: fidelity.listOrder.
      expect(fidelity.listOrder).toBe('creation-ascending')
      const order = new Map([...initial, ...added].map((k, i) => [k, i]))
      const positions = seen.map((k) => order.get(k)!)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
      // New devices land after the cursor, so the walk reaches them.
      for (const key of added.filter((k) => !forgotten.has(k))) expect(seenSet.has(key)).toBe(true)
    })

    describe('invalid pagination tokens → InvalidParameterException (fidelity.invalidPaginationToken)', () => {
      async function firstToken(username: string, token: string) {
        createDevices(username, 10)
        const page = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 3 }))
        expect(page.PaginationToken).toBeDefined()
        return page.PaginationToken!
      }

      it('a token with one character changed, anywhere', async () => {
        const token = await newUser('alice')
        const good = await firstToken('alice', token)
        for (const at of [0, Math.floor(good.length / 2), good.length - 2]) {
          const char = good[at] === 'A' ? 'B' : 'A'
          const tampered = good.slice(0, at) + char + good.slice(at + 1)
          expect(tampered).not.toBe(good)
          await expectInvalidPaginationToken(client.send(new ListDevicesCommand({ AccessToken: token, Limit: 3, PaginationToken: tampered })))
        }
        // The untampered token still works.
        expect((await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 3, PaginationToken: good }))).Devices).toHaveLength(3)
      })

      it("another user's token", async () => {
        const aliceToken = await newUser('alice')
        const bobToken = await newUser('bob')
        createDevices('alice', 10)
        const bobs = await firstToken('bob', bobToken)
        await expectInvalidPaginationToken(client.send(new ListDevicesCommand({ AccessToken: aliceToken, PaginationToken: bobs })))
        await expectInvalidPaginationToken(client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', PaginationToken: bobs })))
      })

      it('a token from AdminListDevices used in ListDevices, and the other way round', async () => {
        const token = await newUser('alice')
        createDevices('alice', 10)
        const admin = await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', Limit: 3 }))
        expect(admin.PaginationToken).toBeDefined()
        await expectInvalidPaginationToken(client.send(new ListDevicesCommand({ AccessToken: token, PaginationToken: admin.PaginationToken })))
        const user = await client.send(new ListDevicesCommand({ AccessToken: token, Limit: 3 }))
        await expectInvalidPaginationToken(client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', PaginationToken: user.PaginationToken })))
      })

      it('garbage, and a token from another mock for the same pool and user', async () => {
        const token = await newUser('alice')
        createDevices('alice', 10)
        for (const garbage of ['garbage', 'a.b', '.', 'eyJ.eyJ', 'x'.repeat(300)]) {
          await expectInvalidPaginationToken(client.send(new ListDevicesCommand({ AccessToken: token, PaginationToken: garbage })))
        }
        const other = createCognitoMock({ seed: 7, world: { pools: 0 } })
        other.pools.create({ id: poolId })
        other.users.create(poolId, { username: 'alice' })
        for (let i = 0; i < 10; i++) other.devices.create(poolId, 'alice', { rememberedStatus: 'remembered' })
        const foreign = await other.handle(
          new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
            body: JSON.stringify({ AccessToken: await other.tokens.issue(poolId, 'alice'), Limit: 3 }),
          }),
        )
        const { PaginationToken } = (await foreign.json()) as { PaginationToken: string }
        expect(PaginationToken).toBeDefined()
        await expectInvalidPaginationToken(client.send(new ListDevicesCommand({ AccessToken: token, PaginationToken })))
      })
    })
  })
})
