import type { SeededFaker } from './random.ts'
import { seededPassword } from './passwords.ts'
import * as make from './factory.ts'
import type { Store } from './store.ts'
import type { DeviceRemembering, UserPoolRecord } from './types.ts'
import { fail } from '../lib/errors.ts'

/** The shape of the seeded world. Every field has a default; `pools: 0` gives an empty mock. */
export interface WorldOptions {
  /** How many user pools to create (default 1). */
  pools?: number
  /** Users per pool (default 5). */
  usersPerPool?: number
  /** Devices per user, drawn between min and max inclusive (default 0 to 8). */
  devicesPerUser?: { min: number; max: number }
  /**
   * Device remembering of each generated pool, cycled over the pools
   * (default `['user-opt-in', 'always', 'off']`: the first pool lets users choose).
   */
  deviceRemembering?: readonly DeviceRemembering[]
}

const DAY = 86_400_000

export const defaultWorld = {
  pools: 1,
  usersPerPool: 5,
  devicesPerUser: { min: 0, max: 8 },
  deviceRemembering: ['user-opt-in', 'always', 'off'] as readonly DeviceRemembering[],
} as const

export function checkWorldOptions(world: WorldOptions): Required<WorldOptions> {
  const resolved = { ...defaultWorld, ...world }
  const count = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 0) {
      fail(`world.${name} must be a whole number ≥ 0, got ${value}.`, RangeError)
    }
  }
  count('pools', resolved.pools)
  count('usersPerPool', resolved.usersPerPool)
  count('devicesPerUser.min', resolved.devicesPerUser.min)
  count('devicesPerUser.max', resolved.devicesPerUser.max)
  if (resolved.devicesPerUser.min > resolved.devicesPerUser.max) {
    fail('world.devicesPerUser.min must not exceed world.devicesPerUser.max.', RangeError)
  }
  if (resolved.deviceRemembering.length === 0) {
    fail('world.deviceRemembering needs at least one mode.', RangeError)
  }
  for (const mode of resolved.deviceRemembering) {
    if (mode !== 'always' && mode !== 'user-opt-in' && mode !== 'off') {
      fail(`world.deviceRemembering takes "always", "user-opt-in" or "off", got "${String(mode)}".`, RangeError)
    }
  }
  return resolved
}

/**
 * Fills `store` with a world drawn from `faker`: all dates lie before `now`, each device's dates are coherent
 * (created ≤ last modified, last authenticated in whole seconds), and the same seed gives the same world.
 */
export function generateWorld(
  store: Store,
  faker: SeededFaker,
  options: { now: number; region: string; world: Required<WorldOptions>; /** Seeds the users' passwords. */ seed?: string },
): void {
  const { now, region, world } = options
  for (let p = 0; p < world.pools; p++) {
    const pool: UserPoolRecord = {
      id: make.userPoolId(faker, region),
      name: make.poolName(faker),
      region,
      deviceRemembering: world.deviceRemembering[p % world.deviceRemembering.length]!,
      clients: [{ clientId: make.appClientId(faker), clientName: 'web' }],
      createdAt: make.instantBetween(faker, now - 3 * 365 * DAY, now - 400 * DAY),
    }
    store.pools.set(pool.id, pool)

    const devices: Parameters<Store['putDevice']>[0][] = []
    for (let u = 0; u < world.usersPerPool; u++) {
      let person = make.person(faker)
      while (store.getUser(pool.id, person.username)) person = make.person(faker)
      const createdAt = make.instantBetween(faker, pool.createdAt, now - 30 * DAY)
      store.putUser({
        poolId: pool.id,
        username: person.username,
        sub: make.uuid(faker),
        email: person.email,
        password: seededPassword(options.seed ?? '', pool.id, person.username),
        status: 'CONFIRMED',
        enabled: true,
        createdAt,
      })
      if (pool.deviceRemembering === 'off') continue
      const count = faker.number.int(world.devicesPerUser)
      for (let d = 0; d < count; d++) {
        const deviceCreated = make.instantBetween(faker, createdAt, now - DAY)
        const modified = faker.datatype.boolean(0.4) ? deviceCreated : make.instantBetween(faker, deviceCreated, now - 60_000)
        const authenticated = Math.floor(make.instantBetween(faker, deviceCreated, now - 60_000) / 1000) * 1000
        devices.push({
          poolId: pool.id,
          username: person.username,
          key: make.deviceKey(faker, region),
          groupKey: make.deviceGroupKey(faker),
          name: make.deviceName(faker),
          rememberedStatus: pool.deviceRemembering === 'always' || faker.datatype.boolean(0.75) ? 'remembered' : 'not_remembered',
          lastIp: make.ipAddress(faker),
          sdk: make.deviceSdk(faker),
          createdAt: deviceCreated,
          lastModifiedAt: modified,
          lastAuthenticatedAt: Math.max(authenticated, Math.floor(deviceCreated / 1000) * 1000),
        })
      }
    }
    // Lists are in creation order (see fidelity.listOrder), so seq follows the creation date.
    devices.sort((a, b) => a.createdAt - b.createdAt)
    for (const device of devices) store.putDevice(device)
  }
}
