import { describe, expect, it } from 'vitest'
import { createCognitoMock } from '../mock.ts'
import { Runtime } from './runtime.ts'

/**
 * A user's generated devices are drawn when first read (Store.deferDevices). That must never show: whatever is
 * read first, created first or changed first, the state is the one an eagerly drawn world gives.
 */

const WORLD = { pools: 2, usersPerPool: 5, devicesPerUser: { min: 2, max: 9 }, deviceRemembering: ['user-opt-in' as const, 'always' as const] }

function mock() {
  const cognito = createCognitoMock({ seed: 11, world: WORLD })
  const pools = cognito.pools.list()
  const users = pools.flatMap((pool) => cognito.users.list(pool.id).map((user) => ({ poolId: pool.id, username: user.username })))
  return { cognito, pools, users }
}

describe('devices drawn on first read', () => {
  it('are not drawn until read: a runtime seeds users, and each user\'s list appears when something reads it', () => {
    const runtime = new Runtime({ seed: 11, world: WORLD })
    runtime.seedWorld()
    expect(runtime.store.users.size).toBe(10)
    expect(runtime.store.devices.size).toBe(0)
    const [first] = runtime.store.users.values()
    expect(runtime.store.devicesOf(first!.poolId, first!.username).ordered.length).toBeGreaterThanOrEqual(3)
    expect(runtime.store.devices.size).toBe(1)
    runtime.store.snapshot(runtime.clock.now())
    expect(runtime.store.devices.size).toBe(10)
  })

  it('in any order of reading, the snapshot is the same', () => {
    const eager = mock()
    const expected = eager.cognito.snapshot()
    const backwards = mock()
    const lists = [...backwards.users].reverse().map(({ poolId, username }) => backwards.cognito.devices.list(poolId, username))
    expect(lists.flat()).toHaveLength(expected.devices.length)
    expect(backwards.cognito.snapshot()).toEqual(expected)
  })

  it('a device created, or a user changed, before the first read leaves the drawn devices as they would be', () => {
    const readFirst = mock()
    const [, second] = readFirst.users
    readFirst.cognito.devices.list(second!.poolId, second!.username)
    readFirst.cognito.devices.create(second!.poolId, second!.username, { name: 'Kiosk' })
    readFirst.cognito.users.update(second!.poolId, second!.username, { email: 'changed@example.com' })

    const createdFirst = mock()
    createdFirst.cognito.users.update(second!.poolId, second!.username, { email: 'changed@example.com' })
    createdFirst.cognito.devices.create(second!.poolId, second!.username, { name: 'Kiosk' })

    expect(createdFirst.cognito.snapshot()).toEqual(readFirst.cognito.snapshot())
    // The created device is the newest in the list: the drawn ones kept the places reserved for them.
    expect(createdFirst.cognito.devices.list(second!.poolId, second!.username).at(-1)!.name).toBe('Kiosk')
  })

  it('a user removed before the first read takes their undrawn devices along; a pool update does not redraw them', () => {
    const { cognito, pools, users } = mock()
    const [first, second] = users
    const before = createCognitoMock({ seed: 11, world: WORLD })
    const expected = before.devices.list(second!.poolId, second!.username)
    cognito.pools.update(pools[0]!.id, { deviceRemembering: 'always' })
    expect(cognito.users.remove(first!.poolId, first!.username)).toBe(true)
    expect(cognito.devices.list(second!.poolId, second!.username)).toEqual(expected)
    expect(cognito.snapshot().devices.some((device) => device.username === first!.username)).toBe(false)
  })

  it('reset() and restore() start from the seed again, not from what was drawn before', () => {
    const { cognito, users } = mock()
    const snapshot = cognito.snapshot()
    const [first] = users
    cognito.devices.remove(first!.poolId, first!.username, cognito.devices.list(first!.poolId, first!.username)[0]!.key)
    cognito.reset()
    expect(cognito.snapshot()).toEqual(snapshot)
    cognito.restore(snapshot)
    expect(cognito.snapshot()).toEqual(snapshot)
  })
})
