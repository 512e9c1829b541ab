import type { Faker } from '@faker-js/faker'
import { fail } from '../lib/errors.ts'
import { isRegionName } from '../lib/regions.ts'
import { makeClient } from './clients.ts'
import { toEpochMilliseconds } from './clock.ts'
import type { Fakers } from './faker.ts'
import * as make from './factory.ts'
import { streams } from './seed.ts'
import type { Store } from './store.ts'
import type { DeviceRecord, DeviceRemembering, UserPoolRecord, UserRecord } from './types.ts'
import {
  checkFactoryOutput,
  deviceSpecSchema,
  poolFactoryOutputSchema,
  userFactoryOutputSchema,
  type CountRange,
  type DeviceSpec,
  type PoolSpec,
  type UserSpec,
  type WorldOptions,
} from './world-spec.ts'

const DAY = 86_400_000

export const defaultWorld = {
  pools: 1,
  usersPerPool: 5,
  devicesPerUser: { min: 0, max: 8 },
  deviceRemembering: ['user-opt-in', 'always', 'off'] as readonly DeviceRemembering[],
} as const

/** The first user of a pool has at least this many devices, remembered, so that every example has some to show. */
const FIRST_USER_DEVICES = 3

/** What growing a world needs besides its description. */
export interface WorldInputs {
  store: Store
  fakers: Fakers
  /** Seeded data lies before it. */
  now: number
  /** The region of a pool whose id does not name one. */
  region: string
  /** The seeded password of a user described without one. */
  password: (poolId: string, username: string) => string
}

/** `[{…}, 3]` or `3`: described items and counts of generated ones, as one list of descriptions. */
function expand<T extends object>(items: number | readonly (T | number)[]): (T | undefined)[] {
  if (typeof items === 'number') return Array.from({ length: items }, () => undefined)
  return items.flatMap((item) => (typeof item === 'number' ? Array.from({ length: item }, () => undefined) : [item]))
}

/** `base` with every value `over` defines put over it: an `undefined` from a factory keeps the seeded value. */
function over<T extends object>(base: T, top: T): T {
  const out = { ...base }
  for (const [key, value] of Object.entries(top)) if (value !== undefined) (out as Record<string, unknown>)[key] = value
  return out
}

const between = (faker: Faker, from: number, to: number) => (to <= from ? from : faker.date.between({ from, to }).getTime())
const dateOr = (value: Date | number | string | undefined, fallback: number) => (value === undefined ? fallback : toEpochMilliseconds(value))

/**
 * Fills the store with `world`: every pool, user and device draws from a seeded stream of its own (its pool's
 * and position's), so that describing one field never moves another, and each description or factory result
 * overrides only what it names. Dates lie before `now` and are coherent (created ≤ modified).
 *
 * @example
 * generateWorld({ pools: [{ users: [{ username: 'ada' }, 2] }] }, { store, fakers, now, region, password })
 */
export function generateWorld(world: WorldOptions, inputs: WorldInputs): void {
  const { store, fakers, now } = inputs
  const modes = world.deviceRemembering ?? defaultWorld.deviceRemembering
  const pools = expand<PoolSpec>(world.pools ?? defaultWorld.pools)
  const faker = fakers.shared('world')
  pools.forEach((spec = {}, p) => {
    const at = `world.pools[${p}]`
    // Drawn whatever is described, so that a description changes only what it names.
    fakers.reseed(faker, [streams.world, p])
    const drawn = { id: make.userPoolId(faker, inputs.region), name: make.poolName(faker), createdAt: between(faker, now - 3 * 365 * DAY, now - 400 * DAY) }
    const shaped = world.pool ? checkFactoryOutput(poolFactoryOutputSchema, world.pool({ faker, index: p }), `world.pool (pool ${p})`) : {}
    const given = over<typeof spec>(shaped, spec)
    const id = given.id ?? drawn.id
    const region = id.slice(0, id.indexOf('_'))
    if (!isRegionName(region)) fail(`${at}.id: "${id}" does not start with a region name such as "us-east-1_".`, TypeError)
    if (store.pools.has(id)) fail(`${at}.id: two pools have the id ${id}.`, TypeError)
    fakers.reseed(faker, [streams.clients, p])
    const clients = given.clients ? given.clients.map((client) => makeClient(faker, client)) : [makeClient(faker, { clientName: 'web' }), makeClient(faker, { clientName: 'server', clientSecret: true })]
    const pool: UserPoolRecord = {
      id,
      name: given.name ?? drawn.name,
      region,
      deviceRemembering: given.deviceRemembering ?? modes[p % modes.length]!,
      clients,
      createdAt: dateOr(given.createdAt, drawn.createdAt),
    }
    store.pools.set(pool.id, pool)
    const users = expand<UserSpec>(spec.users ?? world.usersPerPool ?? defaultWorld.usersPerPool)
    // Described names are kept free, so that a drawn name never takes one a later description gives.
    const reserved = new Set(users.flatMap((user) => (user?.username !== undefined ? [user.username.toLowerCase()] : [])))
    users.forEach((userSpec = {}, u) => growUser(world, inputs, faker, pool, userSpec, { pool: p, index: u, at: `${at}.users[${u}]`, reserved }))
  })
}

interface UserPlace {
  pool: number
  index: number
  /** `world.pools[0].users[1]`, for errors. */
  at: string
  /** Lowercased usernames that descriptions give. */
  reserved: ReadonlySet<string>
}

function growUser(world: WorldOptions, inputs: WorldInputs, faker: Faker, pool: UserPoolRecord, spec: UserSpec, where: UserPlace): void {
  const { store, fakers, now } = inputs
  const poolView = { id: pool.id, name: pool.name, deviceRemembering: pool.deviceRemembering }
  fakers.reseed(faker, [streams.world, where.pool, where.index, 0])
  const taken = (name: string) => store.getUser(pool.id, name) !== undefined || where.reserved.has(name.toLowerCase())
  let person = make.person(faker)
  while (taken(person.username)) person = make.person(faker)
  const drawn = { ...person, sub: make.uuid(faker), createdAt: between(faker, pool.createdAt, now - 30 * DAY) }
  const shaped = world.user ? checkFactoryOutput(userFactoryOutputSchema, world.user({ faker, pool: poolView, index: where.index }), `world.user (${where.at})`) : {}
  const given = over<typeof spec>(shaped, spec)
  const username = given.username ?? drawn.username
  if (store.getUser(pool.id, username)) fail(`${where.at}.username: pool ${pool.id} has two users named "${username}".`, TypeError)
  const user: UserRecord = {
    poolId: pool.id,
    username,
    sub: given.sub ?? drawn.sub,
    email: given.email ?? drawn.email,
    password: given.password ?? inputs.password(pool.id, username),
    status: given.status ?? 'CONFIRMED',
    enabled: given.enabled ?? true,
    createdAt: dateOr(given.createdAt, drawn.createdAt),
  }
  store.putUser(user)

  const listed = Array.isArray(spec.devices) ? (spec.devices as readonly (DeviceSpec | number)[]) : undefined
  if (pool.deviceRemembering === 'off') {
    if (listed && listed.some((item) => item !== 0)) {
      fail(`${where.at}.devices: pool ${pool.id} has deviceRemembering "off" and tracks no devices. Give the pool another mode, or no devices.`, TypeError)
    }
    return
  }
  // The user's devices draw from a stream of their own: a user described differently keeps the same devices.
  fakers.reseed(faker, [streams.world, where.pool, where.index, 1])
  let specs: (DeviceSpec | undefined)[]
  let firstOfPool = false
  if (listed) specs = expand<DeviceSpec>(listed)
  else {
    const range = toRange((spec.devices as CountRange | undefined) ?? world.devicesPerUser ?? defaultWorld.devicesPerUser)
    let n = faker.number.int(range)
    firstOfPool = where.index === 0
    if (firstOfPool) n = Math.max(n, Math.min(FIRST_USER_DEVICES, range.max))
    specs = Array.from({ length: n }, () => undefined)
  }
  const userView = { username: user.username, email: user.email, sub: user.sub }
  const devices = specs.map((deviceSpec = {}, d) => {
    const at = `${where.at}.devices[${d}]`
    const device = drawDevice(faker, pool, user, now)
    if (firstOfPool && d < FIRST_USER_DEVICES) device.rememberedStatus = 'remembered'
    const shaped = world.device ? checkFactoryOutput(deviceSpecSchema, world.device({ faker, pool: poolView, user: userView, index: d }), `world.device (${at})`) : {}
    return describedDevice(device, over(shaped, deviceSpec), store, at)
  })
  // Lists are in creation order (see fidelity.listOrder), so seq follows the creation date.
  devices.sort((a, b) => a.createdAt - b.createdAt)
  for (const device of devices) store.putDevice(device)
}

function toRange(value: CountRange): { min: number; max: number } {
  return typeof value === 'number' ? { min: value, max: value } : value
}

type NewDevice = Omit<DeviceRecord, 'seq'>

function drawDevice(faker: Faker, pool: UserPoolRecord, user: UserRecord, now: number): NewDevice {
  const createdAt = between(faker, user.createdAt, now - DAY)
  const lastModifiedAt = faker.datatype.boolean(0.4) ? createdAt : between(faker, createdAt, now - 60_000)
  const authenticated = Math.floor(between(faker, createdAt, now - 60_000) / 1000) * 1000
  return {
    poolId: pool.id,
    username: user.username,
    key: make.deviceKey(faker, pool.region),
    groupKey: make.deviceGroupKey(faker),
    name: make.deviceName(faker),
    rememberedStatus: pool.deviceRemembering === 'always' || faker.datatype.boolean(0.75) ? 'remembered' : 'not_remembered',
    lastIp: make.ipAddress(faker),
    sdk: make.deviceSdk(faker),
    createdAt,
    lastModifiedAt,
    lastAuthenticatedAt: Math.max(authenticated, Math.floor(createdAt / 1000) * 1000),
  }
}

/** The drawn device with what its description names put over it, checked for what only a whole device shows. */
function describedDevice(drawn: NewDevice, spec: DeviceSpec, store: Store, at: string): NewDevice {
  const device: NewDevice = { ...drawn }
  if (spec.key !== undefined) device.key = spec.key
  if (spec.groupKey !== undefined) device.groupKey = spec.groupKey
  if (spec.name === null) delete device.name
  else if (spec.name !== undefined) device.name = spec.name
  if (spec.remembered !== undefined) device.rememberedStatus = spec.remembered ? 'remembered' : 'not_remembered'
  if (spec.lastIp !== undefined) device.lastIp = spec.lastIp
  if (spec.sdk !== undefined) device.sdk = spec.sdk
  if (spec.createdAt !== undefined) device.createdAt = toEpochMilliseconds(spec.createdAt)
  // A described creation date moves the drawn later dates with it, so that they stay after it.
  device.lastModifiedAt = spec.lastModifiedAt !== undefined ? toEpochMilliseconds(spec.lastModifiedAt) : Math.max(drawn.lastModifiedAt, device.createdAt)
  device.lastAuthenticatedAt =
    spec.lastAuthenticatedAt !== undefined ? toEpochMilliseconds(spec.lastAuthenticatedAt) : Math.max(drawn.lastAuthenticatedAt, Math.floor(device.createdAt / 1000) * 1000)
  if (device.lastModifiedAt < device.createdAt) fail(`${at}: lastModifiedAt is before createdAt.`, TypeError)
  if (store.isDeviceKeyTaken(device.key)) fail(`${at}.key: two devices have the key ${device.key}.`, TypeError)
  return device
}
