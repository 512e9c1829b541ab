import { isIPv4, isIPv6 } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createCognitoMock } from '../mock.ts'
import { fakerDE, fakerJA } from '@faker-js/faker'
import type { Faker } from '@faker-js/faker'
import { Fakers } from './faker.ts'
import { seededPassword } from './passwords.ts'
import { Store } from './store.ts'
import type { DeviceRecord } from './types.ts'
import * as make from './factory.ts'
import { generateWorld } from './world.ts'
import { checkWorld, type WorldOptions } from './world-spec.ts'

const REFERENCE = Date.parse('2026-01-15T09:30:00.000Z')
const SEEDS = [42, 1337, 1211] as const

const DEVICE_KEY = /^[a-z]{2}(-[a-z]+)+-\d_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const GROUP_KEY = /^-[a-z0-9]{8}$/
const POOL_ID = /^us-east-1_[0-9a-zA-Z]{9}$/

function allDevices(cognito: ReturnType<typeof createCognitoMock>): DeviceRecord[] {
  return cognito.pools.list().flatMap((pool) => cognito.users.list(pool.id).flatMap((user) => cognito.devices.list(pool.id, user.username)))
}

function worldOf(seed: number, world: WorldOptions, locale?: Faker, now = REFERENCE, region = 'us-east-1'): Store {
  const store = new Store()
  const fakers = new Fakers(seed, locale)
  generateWorld(checkWorld(world), { store, fakers, now, region, password: (pool, user) => seededPassword(fakers, pool, user) })
  return store
}

describe('checkWorld: the shape numbers', () => {
  const invalid: [string, unknown][] = [
    ['pools negative', { pools: -1 }],
    ['pools fractional', { pools: 1.5 }],
    ['pools NaN', { pools: Number.NaN }],
    ['pools infinite', { pools: Number.POSITIVE_INFINITY }],
    ['pools a string', { pools: '3' }],
    ['usersPerPool negative', { usersPerPool: -2 }],
    ['usersPerPool fractional', { usersPerPool: 0.5 }],
    ['devicesPerUser.min negative', { devicesPerUser: { min: -1, max: 3 } }],
    ['devicesPerUser.max fractional', { devicesPerUser: { min: 0, max: 2.5 } }],
    ['devicesPerUser.max missing', { devicesPerUser: { min: 1 } }],
    ['devicesPerUser min > max', { devicesPerUser: { min: 4, max: 3 } }],
    ['deviceRemembering empty', { deviceRemembering: [] }],
    ['deviceRemembering unknown mode', { deviceRemembering: ['always', 'sometimes'] }],
  ]

  it.each(invalid)('refuses %s with a [cognito-device-mock] error, directly and through createCognitoMock', (_name, world) => {
    expect(() => checkWorld(world)).toThrow(/^\[cognito-device-mock\] world is not a world description:\n {2}world\./)
    expect(() => createCognitoMock({ world: world as WorldOptions })).toThrow(/^\[cognito-device-mock\] world is not a world description:\n {2}world\./)
  })
})

describe('world options are honoured', () => {
  it('pools: 3, usersPerPool: 10, devicesPerUser: 2–3, remembering cycled user-opt-in → always → off', () => {
    const cognito = createCognitoMock({ seed: 1211, world: { pools: 3, usersPerPool: 10, devicesPerUser: { min: 2, max: 3 } } })
    const pools = cognito.pools.list()
    expect(pools).toHaveLength(3)
    expect(pools.map((p) => p.deviceRemembering)).toEqual(['user-opt-in', 'always', 'off'])
    const counts = new Set<number>()
    for (const pool of pools) {
      const users = cognito.users.list(pool.id)
      expect(users).toHaveLength(10)
      expect(new Set(users.map((u) => u.username.toLowerCase())).size).toBe(10)
      for (const user of users) {
        const n = cognito.devices.list(pool.id, user.username).length
        if (pool.deviceRemembering === 'off') expect(n).toBe(0)
        else {
          expect(n).toBeGreaterThanOrEqual(2)
          expect(n).toBeLessThanOrEqual(3)
          counts.add(n)
        }
      }
    }
    expect([...counts].sort()).toEqual([2, 3])
  })

  it('pools: 0 gives an empty mock; devicesPerUser 0–0 gives users without devices', () => {
    expect(createCognitoMock({ world: { pools: 0 } }).pools.list()).toEqual([])
    const bare = createCognitoMock({ seed: 5, world: { pools: 2, usersPerPool: 4, devicesPerUser: { min: 0, max: 0 } } })
    expect(bare.pools.list()).toHaveLength(2)
    expect(bare.snapshot().users).toHaveLength(8)
    expect(allDevices(bare)).toEqual([])
  })

  it('sign-up settings: an email-as-username pool names its users by sub; attributes must be in the pool\'s schema', () => {
    const cognito = createCognitoMock({
      seed: 7,
      world: { pools: [{ usernameAttributes: ['email'], customAttributes: ['tier'], passwordPolicy: { minimumLength: 12 }, users: [{ attributes: { name: 'Ada', 'custom:tier': 'gold' } }, 2] }] },
    })
    const pool = cognito.pools.list()[0]!
    expect(pool).toMatchObject({ usernameAttributes: ['email'], customAttributes: ['custom:tier'], passwordPolicy: { minimumLength: 12, requireSymbols: true, temporaryPasswordValidityDays: 7 } })
    const users = cognito.users.list(pool.id)
    expect(users.every((user) => user.username === user.sub)).toBe(true)
    expect(users[0]!.attributes).toEqual({ name: 'Ada', 'custom:tier': 'gold' })
    expect(() => createCognitoMock({ world: { pools: [{ users: [{ attributes: { 'custom:tier': 'gold' } }] }] } })).toThrow(
      /^\[cognito-device-mock\] world\.pools\[0\]\.users\[0\]\.attributes: "custom:tier" is not in pool us-east-1_\w+'s schema/,
    )
    expect(() => createCognitoMock({ world: { pools: [{ users: [{ attributes: { email: 'a@example.com' } }] }] } })).toThrow(/attributes: "email" has a field of its own/)
    expect(() => createCognitoMock({ world: { pools: [{ aliases: ['email'], usernameAttributes: ['email'] }] } })).toThrow(/usernameAttributes and aliases cannot both be set/)
  })

  it('exact device counts (min = max) and a single remembering mode', () => {
    const cognito = createCognitoMock({ seed: 9, world: { pools: 2, usersPerPool: 3, devicesPerUser: { min: 4, max: 4 }, deviceRemembering: ['always'] } })
    for (const pool of cognito.pools.list()) {
      expect(pool.deviceRemembering).toBe('always')
      for (const user of cognito.users.list(pool.id)) {
        const devices = cognito.devices.list(pool.id, user.username)
        expect(devices).toHaveLength(4)
        expect(devices.every((d) => d.rememberedStatus === 'remembered')).toBe(true)
      }
    }
  })

  it.each(SEEDS)('seed %i, the default world: one user-opt-in pool, five users, 0–8 devices each, the first with 3+ remembered', (seed) => {
    const cognito = createCognitoMock({ seed })
    const [pool, ...rest] = cognito.pools.list()
    expect(rest).toEqual([])
    expect(pool!.deviceRemembering).toBe('user-opt-in')
    const users = cognito.users.list(pool!.id)
    expect(users).toHaveLength(5)
    for (const user of users) expect(cognito.devices.list(pool!.id, user.username).length).toBeLessThanOrEqual(8)
    const first = cognito.devices.list(pool!.id, users[0]!.username)
    expect(first.filter((d) => d.rememberedStatus === 'remembered').length).toBeGreaterThanOrEqual(3)
  })

  it('the first user gets no forced devices where the range allows none, nor in a pool that tracks none', () => {
    const none = createCognitoMock({ seed: 4, world: { devicesPerUser: 0 } })
    const [pool] = none.pools.list()
    expect(none.devices.list(pool!.id, none.users.list(pool!.id)[0]!.username)).toEqual([])
    const off = createCognitoMock({ seed: 4, world: { deviceRemembering: ['off'] } })
    const [offPool] = off.pools.list()
    expect(off.devices.list(offPool!.id, off.users.list(offPool!.id)[0]!.username)).toEqual([])
  })

  it('region and reference date: ids carry the region, every date lies before the reference', () => {
    const now = Date.parse('2024-03-01T00:00:00.000Z')
    const cognito = createCognitoMock({ seed: 3, region: 'eu-west-2', now, world: { pools: 2, usersPerPool: 5, devicesPerUser: { min: 1, max: 4 } } })
    for (const pool of cognito.pools.list()) {
      expect(pool.id).toMatch(/^eu-west-2_[0-9a-zA-Z]{9}$/)
      expect(pool.region).toBe('eu-west-2')
      expect(pool.createdAt).toBeLessThan(now)
    }
    const devices = allDevices(cognito)
    expect(devices.length).toBeGreaterThan(0)
    for (const device of devices) {
      expect(device.key.startsWith('eu-west-2_')).toBe(true)
      expect(device.lastModifiedAt).toBeLessThan(now)
      expect(device.lastAuthenticatedAt).toBeLessThan(now)
    }
  })
})

describe.each(SEEDS)('seed %i: the world looks real', (seed) => {
  const cognito = createCognitoMock({
    seed,
    world: { pools: 2, usersPerPool: 40, devicesPerUser: { min: 1, max: 8 }, deviceRemembering: ['user-opt-in', 'always'] },
  })
  const pools = cognito.pools.list()
  const users = pools.flatMap((p) => cognito.users.list(p.id))
  const devices = allDevices(cognito)

  it('identifiers: pool ids, device keys and group keys have the real shapes, keys are unique', () => {
    for (const pool of pools) {
      expect(pool.id).toMatch(POOL_ID)
      expect(pool.clients[0]!.clientId).toMatch(/^[a-z0-9]{26}$/)
    }
    for (const device of devices) {
      expect(device.key).toMatch(DEVICE_KEY)
      expect(device.groupKey).toMatch(GROUP_KEY)
    }
    expect(new Set(devices.map((d) => d.key)).size).toBe(devices.length)
    expect(new Set(users.map((u) => u.sub)).size).toBe(users.length)
  })

  it('attributes: IPv4 and IPv6 both present, known SDKs, real device names', () => {
    expect(devices.every((d) => isIPv4(d.lastIp) || isIPv6(d.lastIp))).toBe(true)
    expect(devices.some((d) => isIPv4(d.lastIp))).toBe(true)
    expect(devices.some((d) => isIPv6(d.lastIp))).toBe(true)
    expect(new Set(devices.map((d) => d.sdk))).toEqual(new Set(['aws-sdk', 'aws-sdk-unknown-unknown']))
    for (const device of devices) {
      expect(device.name).toBeTypeOf('string')
      expect(device.name!.length).toBeGreaterThan(0)
      expect(device.name!.length).toBeLessThanOrEqual(1024)
    }
    expect(devices.some((d) => d.name!.startsWith('Mozilla/5.0 ('))).toBe(true)
  })

  it('dates: all before the reference, created ≤ last modified, last authenticated in whole seconds', () => {
    for (const pool of pools) expect(pool.createdAt).toBeLessThan(REFERENCE)
    const userCreated = new Map(users.map((u) => [`${u.poolId}/${u.username}`, u.createdAt]))
    for (const user of users) {
      expect(user.createdAt).toBeLessThan(REFERENCE)
      expect(user.createdAt).toBeGreaterThanOrEqual(cognito.pools.get(user.poolId)!.createdAt)
    }
    for (const device of devices) {
      expect(device.createdAt).toBeLessThan(REFERENCE)
      expect(device.createdAt).toBeGreaterThanOrEqual(userCreated.get(`${device.poolId}/${device.username}`)!)
      expect(device.createdAt).toBeLessThanOrEqual(device.lastModifiedAt)
      expect(device.lastModifiedAt).toBeLessThan(REFERENCE)
      expect(device.lastAuthenticatedAt % 1000).toBe(0)
      expect(device.lastAuthenticatedAt).toBeGreaterThanOrEqual(Math.floor(device.createdAt / 1000) * 1000)
      expect(device.lastAuthenticatedAt).toBeLessThan(REFERENCE)
    }
    // Millisecond fractions, as the service's timestamps have.
    expect(devices.some((d) => d.createdAt % 1000 !== 0)).toBe(true)
  })

  it('remembering: a user-opt-in pool mixes both statuses, an always pool remembers all', () => {
    const [optIn, always] = pools
    const optInDevices = devices.filter((d) => d.poolId === optIn!.id)
    expect(new Set(optInDevices.map((d) => d.rememberedStatus))).toEqual(new Set(['remembered', 'not_remembered']))
    expect(devices.filter((d) => d.poolId === always!.id).every((d) => d.rememberedStatus === 'remembered')).toBe(true)
  })

  it('lists are in creation order with strictly increasing seq', () => {
    for (const pool of pools) {
      for (const user of cognito.users.list(pool.id)) {
        const list = cognito.devices.list(pool.id, user.username)
        for (let i = 1; i < list.length; i++) {
          expect(list[i]!.seq).toBeGreaterThan(list[i - 1]!.seq)
          expect(list[i]!.createdAt).toBeGreaterThanOrEqual(list[i - 1]!.createdAt)
        }
      }
    }
  })

  it('users: unique names per pool, case-insensitively, and plausible emails', () => {
    for (const pool of pools) {
      const names = cognito.users.list(pool.id).map((u) => u.username.toLowerCase())
      expect(new Set(names).size).toBe(names.length)
    }
    for (const user of users) {
      expect(user.username).toMatch(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u)
      expect(user.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/)
      expect(user.status).toBe('CONFIRMED')
      expect(user.enabled).toBe(true)
    }
  })
})

describe('generateWorld', () => {
  it('the same seed gives the same world; another seed another one', () => {
    const world = { pools: 2, usersPerPool: 6 }
    const a = worldOf(42, world).snapshot(REFERENCE)
    expect(worldOf(42, world).snapshot(REFERENCE)).toEqual(a)
    const b = worldOf(43, world).snapshot(REFERENCE)
    expect(b.pools.map((p) => p.id)).not.toEqual(a.pools.map((p) => p.id))
    const keysA = new Set(a.devices.map((d) => d.key))
    expect(b.devices.some((d) => keysA.has(d.key))).toBe(false)
  })

  it('is independent of the other random streams: runtime draws do not shift it', () => {
    const fakers = new Fakers(42)
    fakers.stream([2]).faker.string.uuid()
    const store = new Store()
    generateWorld({}, { store, fakers, now: REFERENCE, region: 'us-east-1', password: (pool, user) => seededPassword(fakers, pool, user) })
    expect(store.snapshot(REFERENCE)).toEqual(worldOf(42, {}).snapshot(REFERENCE))
  })

  const locales: [string, Faker | undefined][] = [['default', undefined], ['de', fakerDE], ['ja', fakerJA]]
  it.each(SEEDS.flatMap((seed) => locales.map(([name, locale]) => [seed, name, locale] as const)))('seed %i, locale %s: summary snapshot', (seed, _name, locale) => {
    const snapshot = worldOf(seed, { pools: 2, usersPerPool: 4 }, locale).snapshot(REFERENCE)
    const summary = snapshot.pools.map((pool) => ({
      id: pool.id,
      name: pool.name,
      deviceRemembering: pool.deviceRemembering,
      users: snapshot.users
        .filter((u) => u.poolId === pool.id)
        .map((u) => ({
          username: u.username,
          email: u.email,
          password: u.password,
          devices: snapshot.devices
            .filter((d) => d.poolId === pool.id && d.username === u.username)
            .map((d) => `${d.seq} ${d.key} ${d.rememberedStatus} ${d.lastIp} ${new Date(d.createdAt).toISOString()} ${d.name?.slice(0, 40)}`),
        })),
    }))
    expect(summary).toMatchSnapshot()
  })
})

describe('factory: the generators the world and the runtime draw from', () => {
  const fakerAt = (seed: number) => new Fakers(seed).stream([2]).faker

  it('uuid: lowercase v4, every variant and every digit drawn', () => {
    const faker = fakerAt(1)
    const ids = Array.from({ length: 400 }, () => make.uuid(faker))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']))
    expect(new Set(ids.join('').replaceAll('-', ''))).toEqual(new Set('0123456789abcdef'))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('device keys carry their region; group keys are a dash and eight of [a-z0-9], leading zeros kept', () => {
    const faker = fakerAt(2)
    expect(make.deviceKey(faker, 'ap-southeast-2')).toMatch(/^ap-southeast-2_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const groups = Array.from({ length: 400 }, () => make.deviceGroupKey(faker))
    for (const group of groups) expect(group).toMatch(GROUP_KEY)
    expect(new Set(groups.join('').replaceAll('-', ''))).toEqual(new Set('0123456789abcdefghijklmnopqrstuvwxyz'))
  })

  it('IP addresses: IPv4 is faker.internet.ipv4() of the same draw; IPv6 is eight groups of four hex digits', () => {
    let v4 = 0
    let v6 = 0
    for (let seed = 0; seed < 200; seed++) {
      const ip = make.ipAddress(fakerAt(seed))
      const faker = fakerAt(seed)
      if (faker.datatype.boolean(0.25)) {
        v6++
        expect(isIPv6(ip)).toBe(true)
        expect(ip).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){7}$/)
      } else {
        v4++
        expect(ip).toBe(faker.internet.ipv4())
      }
    }
    expect(v4).toBeGreaterThan(120)
    expect(v6).toBeGreaterThan(20)
  })

  it('device names: the same combination is the same string, made once', () => {
    const names = Array.from({ length: 2000 }, (_, i) => make.deviceName(fakerAt(i)))
    const browsers = names.filter((n) => n.startsWith('Mozilla/5.0 ('))
    expect(browsers.length).toBeGreaterThan(1700)
    expect(new Set(names).size).toBeLessThan(400)
    for (const name of browsers) expect(name).toMatch(/^Mozilla\/5\.0 \([^)]+\) (AppleWebKit|Gecko)/)
  })
})
