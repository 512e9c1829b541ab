import { faker as fakerDE } from '@faker-js/faker/locale/de'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONTROL_KEYS, readStartupSettings } from '../src/handle/control.ts'
import { createCognitoMock, type CognitoMock, type WorldOptions } from '../src/index.ts'
import { startLocalEndpoint } from '../src/node.ts'
import { cognitoLoader } from '../src/storybook.ts'

/**
 * One declarative world through every surface that takes one (issue 10): `createCognitoMock`, `startCognitoWorker`
 * (with MSW's browser worker replaced, so it runs in Node), the page's start-up settings a Playwright test writes,
 * Storybook's loader and the local endpoint. The same description and seed must grow the same world everywhere.
 * The Playwright fixture in a real page is e2e/world.spec.ts; `serve --world` is test/cli.test.ts.
 */

// What `startCognitoWorker` needs of msw/browser: a worker that starts and stops (no service worker in Node).
vi.mock('msw/browser', () => ({
  setupWorker: () => ({ start: async () => undefined, stop: () => undefined, events: { on: () => undefined } }),
}))

/** A JSON world: partly described pools, users and devices, and counts of generated ones. */
const WORLD = {
  pools: [
    { name: 'Acme', deviceRemembering: 'user-opt-in', users: [{ username: 'ada', password: 'Secret-123!', devices: [{ name: 'Ada’s MacBook', remembered: true }, 3] }, 4] },
    1,
  ],
  usersPerPool: 2,
} satisfies WorldOptions

/** The seeded world as data: pools, users and devices (a story's loader also issues a token, which is not the world). */
function grown(mock: CognitoMock) {
  const { pools, users, devices } = mock.snapshot()
  return { pools, users, devices }
}

class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => void this.items.set(key, value)
  removeItem = (key: string) => void this.items.delete(key)
}

afterEach(() => {
  vi.unstubAllGlobals()
  delete (globalThis as Record<string, unknown>)[CONTROL_KEYS.windowName]
})

async function startWorker(options: Parameters<typeof import('../src/browser.ts').startCognitoWorker>[0]) {
  const { startCognitoWorker } = await import('../src/browser.ts')
  return (await startCognitoWorker(options)).cognito
}

describe('the same world description, every surface', () => {
  it('grows the same world in createCognitoMock, startCognitoWorker, Storybook and the local endpoint', async () => {
    const reference = grown(createCognitoMock({ seed: 5, world: WORLD }))
    expect(reference.pools.map((p) => p.name)[0]).toBe('Acme')
    expect(reference.users.filter((u) => u.poolId === reference.pools[0]!.id)).toHaveLength(5)

    expect(grown(await startWorker({ seed: 5, world: WORLD, readUrl: false }))).toEqual(reference)
    const { cognito: story } = await cognitoLoader({ id: 'worlds--same', parameters: { cognito: { seed: 5, world: WORLD } } })
    expect(grown(story!.mock)).toEqual(reference)
    const endpoint = await startLocalEndpoint({ port: 0, seed: 5, world: WORLD })
    try {
      expect(grown(endpoint.cognito)).toEqual(reference)
    } finally {
      await endpoint.close()
    }
  })

  it('startCognitoWorker passes world factories and faker through unchanged', async () => {
    const pool = vi.fn(({ index }: { index: number }) => ({ name: `Pool ${index}` }))
    const cognito = await startWorker({ seed: 5, world: { pools: 2, usersPerPool: 1, pool }, faker: fakerDE, readUrl: false })
    expect(cognito.pools.list().map((p) => p.name)).toEqual(['Pool 0', 'Pool 1'])
    expect(pool).toHaveBeenCalledTimes(2)
    expect(cognito.snapshot({ exact: true }).exact?.origin.locale).toBe('de')
  })
})

describe('a test’s world in the page (what the Playwright fixture writes)', () => {
  it('is read from localStorage and from ?cognito-world, the URL first', () => {
    const storage = new MemoryStorage()
    storage.setItem(CONTROL_KEYS.storageKey, JSON.stringify({ seed: 7, world: WORLD }))
    expect(readStartupSettings('', storage)).toEqual({ scenarios: [], seed: 7, world: WORLD, signIn: [] })
    const url = `?${CONTROL_KEYS.worldParam}=${encodeURIComponent(JSON.stringify({ usersPerPool: 1 }))}`
    expect(readStartupSettings(url, storage).world).toEqual({ usersPerPool: 1 })
  })

  it('replaces the app’s own world in startCognitoWorker, factories included; the app’s faker stays', async () => {
    const storage = new MemoryStorage()
    storage.setItem(CONTROL_KEYS.storageKey, JSON.stringify({ world: WORLD }))
    vi.stubGlobal('location', { search: '' })
    vi.stubGlobal('localStorage', storage)
    const device = vi.fn(() => ({ name: 'the app’s device' }))
    const cognito = await startWorker({ seed: 5, world: { devicesPerUser: { min: 20, max: 20 }, device }, faker: fakerDE })
    expect(device).not.toHaveBeenCalled()
    expect(cognito.pools.list()[0]!.name).toBe('Acme')
    expect(cognito.users.list(cognito.pools.list()[0]!.id)[0]!.username).toBe('ada')
    expect(grown(cognito)).toEqual(grown(createCognitoMock({ seed: 5, world: WORLD, faker: fakerDE })))
  })

  it('refuses a bad world naming where it came from and the path to fix', async () => {
    const storage = new MemoryStorage()
    storage.setItem(CONTROL_KEYS.storageKey, JSON.stringify({ world: { pools: [{ users: [{ devices: [{ remembered: 'yes' }] }] }] } }))
    expect(() => readStartupSettings('', storage)).toThrow(
      '[cognito-device-mock] localStorage["cognito-device-mock"]: world is not a world description:\n  world.pools[0].users[0].devices[0].remembered: expected true or false',
    )
    expect(() => readStartupSettings(`?cognito-world=${encodeURIComponent('{"pools": -1}')}`)).toThrow(
      /^\[cognito-device-mock\] URL parameter cognito-world: world is not a world description:\n {2}world\.pools: /,
    )
    expect(() => readStartupSettings('?cognito-world={pools')).toThrow(/^\[cognito-device-mock\] URL parameter cognito-world is not JSON/)
    // The page's start fails with the same message, before any worker exists.
    vi.stubGlobal('location', { search: '' })
    vi.stubGlobal('localStorage', storage)
    await expect(startWorker({ seed: 5 })).rejects.toThrow(/localStorage\["cognito-device-mock"\]: world is not a world description/)
  })
})

describe('startCognitoWorker({ persist }) with a declarative world', () => {
  it('restores across a reload when the app gives the same world, factories compared by their source', async () => {
    const storage = new MemoryStorage()
    // A reload evaluates the app again: new function objects, the same source.
    const options = () => ({ seed: 5, readUrl: false, persist: { storage }, world: { ...WORLD, user: ({ index }: { index: number }) => ({ email: `user${index}@example.com` }) } })
    const first = await startWorker(options())
    const acme = first.pools.list()[0]!
    const macbook = first.devices.list(acme.id, 'ada').find((d) => d.name === 'Ada’s MacBook')!
    first.devices.remove(acme.id, 'ada', macbook.key)
    // A change made from code is saved when the page is hidden; here, by hand.
    const { persistMock } = await import('../src/adapters/browser-persistence.ts')
    persistMock(first, { storage }).save()

    const reloaded = await startWorker(options())
    expect(reloaded.devices.get(acme.id, 'ada', macbook.key)).toBeUndefined()
    expect(reloaded.users.get(acme.id, 'ada')?.email).toBe('user0@example.com')
  })
})

describe('the local endpoint', () => {
  it('takes faker with the other mock options, and refuses it next to a mock of its own', async () => {
    const mock = createCognitoMock({ world: { pools: 0 } })
    await expect(startLocalEndpoint({ port: 0, mock, faker: fakerDE })).rejects.toThrow(/give either `mock` or mock options, not both \(got mock and faker\)/)
    await expect(startLocalEndpoint({ port: 0, world: { pools: [{ users: 'many' as never }] } })).rejects.toThrow(
      /world is not a world description:\n {2}world\.pools\[0\]\.users: /,
    )
  })
})
