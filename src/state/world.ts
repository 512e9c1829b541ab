import { applyPoolSettings, attributeProblem } from './pool-settings.ts'
import type { Faker } from '@faker-js/faker'
import { fail, reason } from '../lib/errors.ts'
import { isRegionName } from '../lib/regions.ts'
import { makeClient, type CreateClientInput } from './clients.ts'
import { toEpochMilliseconds } from './clock.ts'
import type { Fakers } from './faker.ts'
import * as make from './factory.ts'
import { between, drawDevice, drawnDevices, FIRST_USER_DEVICES, stream, type NewDevice } from './world-draws.ts'
import type { Store } from './store.ts'
import type { AppClientRecord, DeviceRemembering, UserPoolRecord, UserRecord } from './types.ts'
import { drawMfa, poolMfaOf, userMfaOf } from './world-mfa.ts'
import { checkFactoryOutput, deviceSpecSchema, poolFactoryOutputSchema, userFactoryOutputSchema } from './world-spec.ts'
import type { CountRange, DateInput, DeviceFactoryContext, DeviceSpec, PoolSpec, UserSpec, WorldOptions } from './world-spec.ts'

const DAY = 86_400_000

export const defaultWorld = {
  pools: 1,
  usersPerPool: 5,
  devicesPerUser: { min: 0, max: 8 },
  deviceRemembering: ['user-opt-in', 'always', 'off'] as readonly DeviceRemembering[],
} as const


/** A user whose drawn name keeps being taken gets a numbered one after this many draws (a locale with few names). */
const NAME_DRAWS = 20

const seededClients: readonly CreateClientInput[] = [{ clientName: 'web' }, { clientName: 'server', clientSecret: true }]

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

/** A user's devices drawn on first read (Store.deferDevices): `count` of them, from their own streams. */
interface DeferredDevices {
  count: number
  draw: () => NewDevice[]
}

/** A world being grown: its records, kept apart from the store until all of it is checked. */
interface Growth {
  world: WorldOptions
  inputs: Omit<WorldInputs, 'store'>
  /** The one faker every stream is reseeded on (making a Faker costs ~70 µs, reseeding one a few operations). */
  faker: Faker
  pools: UserPoolRecord[]
  users: UserRecord[]
  /** Each user's devices, in the users' order: drawn, or deferred until first read. */
  devices: (NewDevice[] | DeferredDevices)[]
  /** Where each pool id, client id and device key was given: the error for a second one names the first. */
  poolIds: Map<string, string>
  clientIds: Map<string, string>
  /** Device keys and where they are, packed (`placeOf`): a path string per device was a tenth of the cost. */
  deviceKeys: Map<string, number>
}

/** A device's place as one number (p < 1001, u < 100_001, d < 10_001: under 2⁵³), and back to its path. */
const placeOf = (p: number, u: number, d: number) => (p * 100_001 + u) * 10_001 + d
const pathOf = (place: number) => {
  const d = place % 10_001
  const u = ((place - d) / 10_001) % 100_001
  return `world.pools[${Math.floor(place / 10_001 / 100_001)}].users[${u}].devices[${d}]`
}

/** `[{…}, 3]` or `3`: described items and counts of generated ones, as one list of descriptions. */
function expand<T extends object>(items: number | readonly (T | number)[]): (T | undefined)[] {
  if (typeof items === 'number') return new Array<undefined>(items).fill(undefined)
  return items.flatMap((item) => (typeof item === 'number' ? new Array<undefined>(item).fill(undefined) : [item]))
}

/** `top` over `base`: a value `top` leaves `undefined` (a description's, a factory's) keeps the one under it. */
function over<T extends object>(base: T | undefined, top: T): T {
  if (base === undefined) return top
  const out = { ...base }
  for (const [key, value] of Object.entries(top)) if (value !== undefined) (out as Record<string, unknown>)[key] = value
  return out
}

const dateOr = (value: DateInput | undefined, fallback: number) => (value === undefined ? fallback : Math.trunc(toEpochMilliseconds(value)))

const factoryOutput = {
  pool: [poolFactoryOutputSchema, 'pool factory'],
  user: [userFactoryOutputSchema, 'user factory'],
  device: [deviceSpecSchema, 'device'],
} as const

/** A factory's result for the thing at `at`, from its own stream; what it throws or returns wrong names both. */
function shape<T>(g: Growth, name: keyof typeof factoryOutput, at: string, seed: readonly number[], call: () => unknown): T {
  g.inputs.fakers.reseed(g.faker, seed)
  const where = `world.${name} for ${at}`
  let value: unknown
  try {
    value = call()
  } catch (error) {
    fail(`${where} threw: ${reason(error)}`, Error, { cause: error })
  }
  const [schema, kind] = factoryOutput[name]
  return checkFactoryOutput(schema as never, kind, value, where) as T
}

/**
 * Fills the (empty) store with `world`. Every value has a seeded stream of its own (see `stream`), each is drawn
 * whether or not it is described, and a description or factory result overrides only what it names. Dates lie
 * before `now` and are coherent (pool ≤ user ≤ device created ≤ modified). Nothing is stored until the whole
 * world is checked: a mistake anywhere leaves the store as it was.
 *
 * @example
 * generateWorld({ pools: [{ users: [{ username: 'ada' }, 2] }] }, { store, fakers, now, region, password })
 */
export function generateWorld(world: WorldOptions, inputs: WorldInputs): void {
  growWorld(world, inputs)(inputs.store)
}

/**
 * The world grown and checked, and what puts it into a store: a caller can empty its store only once the world
 * is known to be good (a scenario's world that fails leaves the state as it was).
 *
 * @example
 * const plant = growWorld(world, inputs) // throws here, before anything changes
 * store.clear()
 * plant(store)
 */
export function growWorld(world: WorldOptions, inputs: Omit<WorldInputs, 'store'>): (store: Store) => void {
  const g: Growth = { world, inputs, faker: inputs.fakers.shared('world'), pools: [], users: [], devices: [], poolIds: new Map(), clientIds: new Map(), deviceKeys: new Map() }
  expand<PoolSpec>(world.pools ?? defaultWorld.pools).forEach((spec = {}, p) => growPool(g, spec, p))
  return (store) => {
    for (const pool of g.pools) store.pools.set(pool.id, pool)
    g.users.forEach((user, i) => {
      store.putUser(user)
      const devices = g.devices[i]!
      if (Array.isArray(devices)) for (const device of devices) store.putDevice(device)
      else store.deferDevices(user.poolId, user.username, devices.count, devices.draw)
    })
  }
}

function growPool(g: Growth, spec: PoolSpec, p: number): void {
  const { world, inputs, faker } = g
  const { fakers, now } = inputs
  const at = `world.pools[${p}]`
  fakers.reseed(faker, stream.pool(p))
  const drawn = { id: make.userPoolId(faker, inputs.region), name: make.poolName(faker), createdAt: between(faker, now - 3 * 365 * DAY, now - 400 * DAY) }
  const shaped = world.pool && shape<PoolSpec>(g, 'pool', at, stream.poolFactory(p), () => world.pool!({ faker, index: p }))
  const given = over(shaped, spec)
  const id = given.id ?? drawn.id
  const region = id.slice(0, id.indexOf('_'))
  if (!isRegionName(region)) fail(`${at}.id: "${id}" does not start with an AWS region name and "_", such as "us-east-1_".`, TypeError)
  const first = g.poolIds.get(id)
  if (first !== undefined) fail(`${at}.id: "${id}" is already the id of ${first}; pool ids are unique.`, TypeError)
  g.poolIds.set(id, at)
  const modes = world.deviceRemembering ?? defaultWorld.deviceRemembering
  const pool: UserPoolRecord = {
    id,
    name: given.name ?? drawn.name,
    region,
    deviceRemembering: given.deviceRemembering ?? modes[p % modes.length]!,
    clients: growClients(g, given.clients ?? seededClients, p, `${at}.clients`),
    createdAt: dateOr(given.createdAt, drawn.createdAt),
  }
  const mfa = mfaAt(`${at}.mfa`, () => poolMfaOf(given.mfa ?? world.mfa))
  if (mfa) pool.mfa = mfa
  if (given.aliases !== undefined) pool.aliases = [...new Set(given.aliases)]
  const settingsProblem = applyPoolSettings(pool, given)
  if (settingsProblem) fail(`${at}: ${settingsProblem}.`, TypeError)
  g.pools.push(pool)
  const users = expand<UserSpec>(spec.users ?? world.usersPerPool ?? defaultWorld.usersPerPool)
  // Lowercased names a description gives: a drawn name never takes one, and where each user's name was given.
  const names = new Map<string, string>()
  const reserved = new Set(users.flatMap((user) => (user?.username !== undefined ? [user.username.toLowerCase()] : [])))
  const poolView = { id: pool.id, name: pool.name, deviceRemembering: pool.deviceRemembering, mfa: pool.mfa?.mode ?? 'off' }
  users.forEach((userSpec = {}, u) => growUser(g, { pool, poolView, p, u, at: `${at}.users[${u}]`, names, reserved }, userSpec))
}

/** Each client draws an id whether or not it gives one, so that describing one moves no other client's values. */
function growClients(g: Growth, inputs: readonly CreateClientInput[], p: number, at: string): AppClientRecord[] {
  g.inputs.fakers.reseed(g.faker, stream.clients(p))
  return inputs.map((input, c) => {
    const drawnId = make.appClientId(g.faker)
    let client: AppClientRecord
    try {
      client = makeClient(g.faker, { ...input, clientId: input.clientId ?? drawnId })
    } catch (error) {
      fail(`${at}[${c}]: ${reason(error)}`, TypeError)
    }
    const first = g.clientIds.get(client.clientId)
    if (first !== undefined) fail(`${at}[${c}].clientId: "${client.clientId}" is already the id of ${first}; app client ids are unique across pools.`, TypeError)
    g.clientIds.set(client.clientId, `${at}[${c}]`)
    return client
  })
}

interface UserPlace {
  pool: UserPoolRecord
  poolView: DeviceFactoryContext['pool']
  p: number
  u: number
  /** `world.pools[0].users[1]`, for errors. */
  at: string
  /** Lowercased usernames of the pool so far, and where each was given. */
  names: Map<string, string>
  /** Lowercased usernames that descriptions give. */
  reserved: ReadonlySet<string>
}

function growUser(g: Growth, place: UserPlace, spec: UserSpec): void {
  const { world, inputs, faker } = g
  const { fakers, now } = inputs
  const { pool, p, u, at, names } = place
  fakers.reseed(faker, stream.person(p, u))
  const taken = (name: string) => names.has(name.toLowerCase()) || place.reserved.has(name.toLowerCase())
  let person = make.person(faker)
  for (let draw = 1; taken(person.username); draw++) {
    const next = make.person(faker)
    // A locale with few names runs out of them: a number makes the last drawn name free.
    person = draw < NAME_DRAWS ? next : { username: `${next.username}${draw}`, email: next.email.replace('@', `${draw}@`) }
  }
  fakers.reseed(faker, stream.user(p, u))
  const drawn = { ...person, sub: make.uuid(faker), createdAt: between(faker, pool.createdAt, now - 30 * DAY) }
  const shaped = world.user && shape<UserSpec>(g, 'user', at, stream.userFactory(p, u), () => world.user!({ faker, pool: place.poolView, index: u }))
  const given = over(shaped, spec)
  // A pool whose users sign in by email or phone number names them by their sub (fidelity.generatedUsername).
  const username = given.username ?? ((pool.usernameAttributes ?? []).length > 0 ? (given.sub ?? drawn.sub) : drawn.username)
  const first = names.get(username.toLowerCase())
  if (first !== undefined) fail(`${at}.username: "${username}" is already the name of ${first} in pool ${pool.id}; usernames are unique, whatever their case.`, TypeError)
  names.set(username.toLowerCase(), `${at} ("${username}")`)
  const user: UserRecord = {
    poolId: pool.id,
    username,
    sub: given.sub ?? drawn.sub,
    email: given.email ?? (given.username === undefined ? drawn.email : emailOf(username, drawn.email)),
    password: given.password ?? inputs.password(pool.id, username),
    status: given.status ?? 'CONFIRMED',
    enabled: given.enabled ?? true,
    createdAt: dateOr(given.createdAt, drawn.createdAt),
    ...(given.attributes ? { attributes: { ...given.attributes } } : {}),
  }
  for (const name of Object.keys(given.attributes ?? {})) {
    const problem = attributeProblem(pool, name)
    if (problem) fail(`${at}.attributes: "${name}" ${problem}.`, TypeError)
  }
  fakers.reseed(faker, stream.mfa(p, u))
  Object.assign(user, userMfaOf(pool, u, given, drawMfa(faker), at))
  g.users.push(user)
  growDevices(g, place, spec, user)
}

/**
 * The email of a user whose name is described: the name itself when it is an address (a pool that signs in
 * by email), or the name at the drawn address's domain; the drawn address when the name has nothing to use.
 */
function emailOf(username: string, drawn: string): string {
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(username)) return username
  const local = username.replace(/[^\w.+-]/g, '').replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '')
  return local === '' ? drawn : `${local}${drawn.slice(drawn.indexOf('@'))}`
}

function growDevices(g: Growth, place: UserPlace, spec: UserSpec, user: UserRecord): void {
  const { world, inputs, faker } = g
  const { pool, p, u, at } = place
  const listed = Array.isArray(spec.devices) ? (spec.devices as readonly (DeviceSpec | number)[]) : undefined
  if (pool.deviceRemembering === 'off') {
    // A count the user asks for is refused as a list is; the world's devicesPerUser is for pools that track devices.
    const asked = listed ? listed.some((item) => item !== 0) : spec.devices !== undefined && toRange(spec.devices as CountRange).min > 0
    if (asked) fail(`${at}.devices: pool ${pool.id} has deviceRemembering "off" and tracks no devices. Give the pool another mode, or the user no devices.`, TypeError)
    g.devices.push([])
    return
  }
  let specs: (DeviceSpec | undefined)[]
  if (listed) specs = expand<DeviceSpec>(listed)
  else {
    const range = toRange((spec.devices as CountRange | undefined) ?? world.devicesPerUser ?? defaultWorld.devicesPerUser)
    inputs.fakers.reseed(faker, stream.deviceCount(p, u))
    let n = faker.number.int(range)
    if (u === 0) n = Math.max(n, Math.min(FIRST_USER_DEVICES, range.max))
    if (!world.device) {
      // Nothing described and no factory: nothing to check, so the devices can wait until something reads them
      // (a page shows one user's). What they are drawn from is copied now: a later pool or user update must
      // not change them.
      const from = { id: pool.id, region: pool.region, deviceRemembering: pool.deviceRemembering }
      const owner = { username: user.username, createdAt: user.createdAt }
      g.devices.push({ count: n, draw: () => drawnDevices(inputs, from, owner, p, u, n) })
      return
    }
    specs = new Array<undefined>(n).fill(undefined)
  }
  const userView = { username: user.username, email: user.email, sub: user.sub }
  const devices = specs.map((deviceSpec = {}, d) => {
    inputs.fakers.reseed(faker, stream.device(p, u, d))
    const device = drawDevice(faker, pool, user, inputs.now)
    if (u === 0 && d < FIRST_USER_DEVICES) device.rememberedStatus = 'remembered'
    const shaped = world.device && shape<DeviceSpec>(g, 'device', `${at}.devices[${d}]`, stream.deviceFactory(p, u, d), () => world.device!({ faker, pool: place.poolView, user: userView, index: d }))
    return describedDevice(g, device, over(shaped, deviceSpec), pool.region, placeOf(p, u, d))
  })
  // Lists are in creation order (see fidelity.listOrder), so seq follows the creation date.
  g.devices.push(devices.sort((a, b) => a.createdAt - b.createdAt))
}

/** A pool's MFA from its description, its error named by path (`poolMfaOf` names only `mfa`). */
function mfaAt<T>(at: string, make: () => T): T {
  try {
    return make()
  } catch (error) {
    fail(`${at}: ${reason(error).replace(/^mfa: /, '')}`, TypeError)
  }
}

function toRange(value: CountRange): { min: number; max: number } {
  return typeof value === 'number' ? { min: value, max: value } : value
}

/** `device` (drawn) with what its description names put over it, checked for what only a whole device shows. */
function describedDevice(g: Growth, device: NewDevice, spec: DeviceSpec, region: string, place: number): NewDevice {
  const drawn = { lastModifiedAt: device.lastModifiedAt, lastAuthenticatedAt: device.lastAuthenticatedAt }
  if (spec.key !== undefined) {
    // A key names its pool's region (the service's do): one of another region is a copy from elsewhere.
    if (!spec.key.startsWith(`${region}_`)) fail(`${pathOf(place)}.key: "${spec.key}" is not a key of the pool's region; it starts with "${region}_".`, TypeError)
    device.key = spec.key
  }
  if (spec.groupKey !== undefined) device.groupKey = spec.groupKey
  if (spec.name === null) delete device.name
  else if (spec.name !== undefined) device.name = spec.name
  if (spec.remembered !== undefined) device.rememberedStatus = spec.remembered ? 'remembered' : 'not_remembered'
  if (spec.lastIp !== undefined) device.lastIp = spec.lastIp
  if (spec.sdk !== undefined) device.sdk = spec.sdk
  const modified = spec.lastModifiedAt === undefined ? undefined : dateOr(spec.lastModifiedAt, 0)
  const authenticated = spec.lastAuthenticatedAt === undefined ? undefined : dateOr(spec.lastAuthenticatedAt, 0)
  if (spec.createdAt !== undefined) device.createdAt = dateOr(spec.createdAt, 0)
  // A drawn creation date goes back to a described later date, so that describing only that one is not an error.
  else device.createdAt = Math.min(device.createdAt, modified ?? Infinity, authenticated ?? Infinity)
  // A described creation date moves the drawn later dates with it, so that they stay after it.
  device.lastModifiedAt = modified ?? Math.max(drawn.lastModifiedAt, device.createdAt)
  device.lastAuthenticatedAt = authenticated ?? Math.max(drawn.lastAuthenticatedAt, Math.floor(device.createdAt / 1000) * 1000)
  if (device.lastModifiedAt < device.createdAt) {
    fail(`${pathOf(place)}: lastModifiedAt (${new Date(device.lastModifiedAt).toISOString()}) is before createdAt (${new Date(device.createdAt).toISOString()}).`, TypeError)
  }
  const first = g.deviceKeys.get(device.key)
  if (first !== undefined) fail(`${pathOf(place)}.key: "${device.key}" is already the key of ${pathOf(first)}; device keys are unique.`, TypeError)
  g.deviceKeys.set(device.key, place)
  return device
}
