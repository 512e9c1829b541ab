import { issueDeviceKey } from '../auth/devices.ts'
import { fail } from '../lib/errors.ts'
import { toEpochMilliseconds } from '../state/clock.ts'
import * as make from '../state/factory.ts'
import type { Runtime } from '../state/runtime.ts'
import { copy, lookups } from './lookups.ts'
import type { CognitoMock } from './types.ts'

/**
 * `cognito.devices`: a user's devices, remembered or not, and keys awaiting ConfirmDevice.
 *
 * @example
 * const devices = devicesHandle(runtime)
 * devices.create(pool.id, 'ada', { name: 'Kiosk' })                                // remembered: ListDevices shows it
 * devices.create(pool.id, 'ada', { name: 'Old', rememberedStatus: 'not_remembered' }) // admin operations only
 */
export function devicesHandle(runtime: Runtime): CognitoMock['devices'] {
  const { store } = runtime
  const find = lookups(store)
  return {
    list: (poolId, username) => store.devicesOf(poolId, find.user(poolId, username).username).ordered.map(copy),
    get(poolId, username, deviceKey) {
      const device = store.getDevice(poolId, username, deviceKey)
      return device && copy(device)
    },
    create(poolId, username, input = {}) {
      const pool = find.pool(poolId)
      const user = find.user(poolId, username)
      // Such a pool keeps no devices: ConfirmDevice refuses there and sign-in ignores DEVICE_KEY, so a device made
      // here would be one the real service could never have.
      if (pool.deviceRemembering === 'off') {
        fail(`pool ${pool.id} does not track devices (deviceRemembering "off"): no device to create. Use a pool with "always" or "user-opt-in".`)
      }
      let key = input.key ?? make.deviceKey(runtime.random, pool.region)
      // A drawn key can meet one restored from a plain snapshot (taken at another stream position): draw again.
      while (input.key === undefined && store.isDeviceKeyTaken(key)) key = make.deviceKey(runtime.random, pool.region)
      if (!/^[\w-]+_[0-9a-f-]+$/.test(key) || key.length > 55) fail(`"${key}" is not a device key such as "${pool.region}_<lowercase uuid>".`)
      if (store.isDeviceKeyTaken(key)) fail(`device key ${key} is already in use.`)
      const createdAt = input.createdAt === undefined ? runtime.clock.now() : toEpochMilliseconds(input.createdAt)
      const device = store.putDevice({
        poolId: pool.id,
        username: user.username,
        key,
        groupKey: make.deviceGroupKey(runtime.random),
        ...(input.name === null ? {} : { name: input.name ?? make.deviceName(runtime.random) }),
        // Remembered by default, so the device is one the user sees (ListDevices and GetDevice show no other).
        rememberedStatus: input.rememberedStatus ?? 'remembered',
        lastIp: input.lastIp ?? make.ipAddress(runtime.random),
        sdk: input.sdk ?? 'aws-sdk',
        createdAt,
        lastModifiedAt: input.lastModifiedAt === undefined ? createdAt : toEpochMilliseconds(input.lastModifiedAt),
        lastAuthenticatedAt: input.lastAuthenticatedAt === undefined ? Math.floor(createdAt / 1000) * 1000 : toEpochMilliseconds(input.lastAuthenticatedAt),
      })
      return copy(device)
    },
    update(poolId, username, deviceKey, patch) {
      const device = find.device(poolId, username, deviceKey)
      if (patch.rememberedStatus !== undefined) {
        if (patch.rememberedStatus !== 'remembered' && patch.rememberedStatus !== 'not_remembered') {
          fail(`rememberedStatus must be "remembered" or "not_remembered", got "${patch.rememberedStatus}".`)
        }
        device.rememberedStatus = patch.rememberedStatus
        device.lastModifiedAt = runtime.clock.now()
      }
      if ('name' in patch) {
        if (patch.name === undefined) delete device.name
        else device.name = patch.name
      }
      if (patch.lastIp !== undefined) device.lastIp = patch.lastIp
      if (patch.sdk !== undefined) device.sdk = patch.sdk
      return copy(device)
    },
    remove: (poolId, username, deviceKey) => store.removeDevice(poolId, find.user(poolId, username).username, deviceKey),
    issueKey(poolId, username, options = {}) {
      const pool = find.pool(poolId)
      const user = find.user(poolId, username)
      if (pool.deviceRemembering === 'off') fail(`pool ${pool.id} does not track devices (deviceRemembering "off"): no key to issue.`)
      return issueDeviceKey(runtime.context(undefined), pool, user, options.lastIp)
    },
  }
}
