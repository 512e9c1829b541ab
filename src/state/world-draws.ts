import type { Faker } from '@faker-js/faker'
import { streams } from './seed.ts'
import * as make from './factory.ts'
import type { Fakers } from './faker.ts'
import type { DeviceRecord, UserPoolRecord, UserRecord } from './types.ts'

/**
 * What the seed draws for a world, and from which stream: the part of growing a world that a user's deferred
 * devices need again when they are first read (Store.deferDevices), long after the world was checked.
 */

const DAY = 86_400_000

/** The first user of a pool has at least this many devices, remembered, so that every example has some to show. */
export const FIRST_USER_DEVICES = 3

/**
 * Where each value is drawn: a stream per thing and purpose. A stream draws the same values whatever else is
 * described, so that describing one field moves no other; a factory's faker has a stream of its own, so that
 * what it draws moves no seeded default; and the person (the only draws that depend on the locale) is apart,
 * so that another locale changes names and emails only.
 */
export const stream = {
  pool: (p: number) => [streams.world, p],
  poolFactory: (p: number) => [streams.world, p, 0],
  clients: (p: number) => [streams.clients, p],
  person: (p: number, u: number) => [streams.world, p, u, 0],
  deviceCount: (p: number, u: number) => [streams.world, p, u, 1],
  user: (p: number, u: number) => [streams.world, p, u, 2],
  userFactory: (p: number, u: number) => [streams.world, p, u, 3],
  mfa: (p: number, u: number) => [streams.world, p, u, 4],
  device: (p: number, u: number, d: number) => [streams.world, p, u, 1, d],
  deviceFactory: (p: number, u: number, d: number) => [streams.world, p, u, 1, d, 0],
}

export type NewDevice = Omit<DeviceRecord, 'seq'>

/**
 * A date between `from` and `to` (epoch ms), one draw whatever the bounds: a range that a described date empties
 * would otherwise draw nothing, and every later value of the stream would move.
 */
export function between(faker: Faker, from: number, to: number): number {
  return Math.min(faker.date.between({ from, to: Math.max(to, from + 1) }).getTime(), Math.max(from, to))
}

/** A described date as epoch milliseconds, whole as a Date keeps them. */
/** `count` generated devices of a user, as `growDevices` would draw them with nothing described. */
export function drawnDevices(inputs: { fakers: Fakers; now: number }, pool: DevicePool, user: DeviceOwner, p: number, u: number, count: number): NewDevice[] {
  const faker = inputs.fakers.shared('world')
  const devices: NewDevice[] = []
  for (let d = 0; d < count; d++) {
    inputs.fakers.reseed(faker, stream.device(p, u, d))
    const device = drawDevice(faker, pool, user, inputs.now)
    if (u === 0 && d < FIRST_USER_DEVICES) device.rememberedStatus = 'remembered'
    devices.push(device)
  }
  return devices.sort((a, b) => a.createdAt - b.createdAt)
}

export type DevicePool = Pick<UserPoolRecord, 'id' | 'region' | 'deviceRemembering'>
export type DeviceOwner = Pick<UserRecord, 'username' | 'createdAt'>

/** A device as the seed draws it: the same draws, in the same order, whatever the pool's mode or the user's dates. */
export function drawDevice(faker: Faker, pool: DevicePool, user: DeviceOwner, now: number): NewDevice {
  const createdAt = between(faker, user.createdAt, now - DAY)
  const unmodified = faker.datatype.boolean(0.4)
  const modified = between(faker, createdAt, now - 60_000)
  const authenticated = Math.floor(between(faker, createdAt, now - 60_000) / 1000) * 1000
  const remembered = faker.datatype.boolean(0.75)
  return {
    poolId: pool.id,
    username: user.username,
    key: make.deviceKey(faker, pool.region),
    groupKey: make.deviceGroupKey(faker),
    name: make.deviceName(faker),
    rememberedStatus: pool.deviceRemembering === 'always' || remembered ? 'remembered' : 'not_remembered',
    lastIp: make.ipAddress(faker),
    sdk: make.deviceSdk(faker),
    createdAt,
    lastModifiedAt: unmodified ? createdAt : modified,
    lastAuthenticatedAt: Math.max(authenticated, Math.floor(createdAt / 1000) * 1000),
  }
}
