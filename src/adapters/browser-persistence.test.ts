import { faker as fakerDE } from '@faker-js/faker/locale/de'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCognitoMock } from '../mock.ts'
import type { CognitoMock, CognitoMockOptions } from '../handle/types.ts'
import { CONTROL_KEYS } from '../handle/control.ts'
import { VERSION } from '../version.ts'
import { persistMock, type PersistStorage } from './browser-persistence.ts'

/**
 * `startCognitoWorker({ persist })` without a browser: a page load is `createCognitoMock` + `persistMock(...)
 * .restore()`, an answered request is `handle()` + `save()`, and the storage is a Map behind the Storage API
 * (with a quota, as sessionStorage has).
 */

class FakeStorage implements PersistStorage {
  readonly items = new Map<string, string>()
  writes = 0
  readonly quota: number
  constructor(quota = Infinity) {
    this.quota = quota
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.writes++
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
}

const OPTIONS: CognitoMockOptions = { seed: 42, world: { usersPerPool: 2, devicesPerUser: { min: 6, max: 6 }, deviceRemembering: ['always'] } }

/** A page load: a fresh mock, restored from the storage if it holds a state for it. */
function load(storage: PersistStorage, options: CognitoMockOptions = OPTIONS) {
  const cognito = createCognitoMock(options)
  const persisted = persistMock(cognito, { storage })
  const restored = persisted.restore()
  return { cognito, persisted, restored }
}

/** A user call through the mock's pipeline, as the SDK sends it (user operations are unsigned). */
async function call(cognito: CognitoMock, operation: string, body: object): Promise<{ status: number; json: any; requestId: string | null }> {
  const response = await cognito.handle(
    new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(body),
    }),
  )
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined, requestId: response.headers.get('x-amzn-requestid') }
}

function firstUser(cognito: CognitoMock) {
  const pool = cognito.pools.list()[0]!
  return { pool, user: cognito.users.list(pool.id)[0]! }
}

async function listedKeys(cognito: CognitoMock, accessToken: string): Promise<string[]> {
  const { status, json } = await call(cognito, 'ListDevices', { AccessToken: accessToken })
  expect(status).toBe(200)
  return json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('persistMock', () => {
  it('round trip: the next load restores the exact state, and goes on as the first page would have', async () => {
    const storage = new FakeStorage()
    const first = load(storage)
    expect(first.restored).toBe(false)
    const { pool, user } = firstUser(first.cognito)
    const token = await first.cognito.tokens.issue(pool.id, user.username)
    const { DeviceKey } = first.cognito.devices.issueKey(pool.id, user.username)
    await call(first.cognito, 'ConfirmDevice', { AccessToken: token, DeviceKey, DeviceName: 'Kiosk' })
    await call(first.cognito, 'ListDevices', { AccessToken: token, Limit: 2 })
    first.persisted.save()
    const saved = JSON.parse(storage.getItem(CONTROL_KEYS.stateKey)!)
    expect(saved).toMatchObject({ format: 1, library: VERSION, state: { version: 1, exact: { origin: { seed: 42 } } } })

    const second = load(storage)
    expect(second.restored).toBe(true)
    expect(second.cognito.snapshot({ exact: true })).toEqual(first.cognito.snapshot({ exact: true }))

    // From here both pages must behave the same: a pagination token from before, then new keys, tokens, request ids.
    const page = await call(first.cognito, 'ListDevices', { AccessToken: token, Limit: 2 })
    const next = async (cognito: CognitoMock) => ({
      page2: await call(cognito, 'ListDevices', { AccessToken: token, Limit: 2, PaginationToken: page.json.PaginationToken }),
      key: cognito.devices.issueKey(pool.id, user.username),
      token: await cognito.tokens.issue(pool.id, user.username),
      device: cognito.devices.create(pool.id, user.username),
      now: cognito.clock.now(),
    })
    await call(second.cognito, 'ListDevices', { AccessToken: token, Limit: 2 })
    const [without, after] = [await next(first.cognito), await next(second.cognito)]
    expect(after).toEqual(without)
    expect(after.page2.status).toBe(200)
  })

  it('a device forgotten before a reload stays forgotten after it', async () => {
    const storage = new FakeStorage()
    const first = load(storage)
    const { pool, user } = firstUser(first.cognito)
    const token = await first.cognito.tokens.issue(pool.id, user.username)
    const [forgotten, ...kept] = await listedKeys(first.cognito, token)
    expect((await call(first.cognito, 'ForgetDevice', { AccessToken: token, DeviceKey: forgotten })).status).toBe(200)
    first.persisted.save()

    const second = load(storage)
    expect(second.restored).toBe(true)
    expect(await listedKeys(second.cognito, token)).toEqual(kept)
    expect(second.cognito.devices.get(pool.id, user.username, forgotten!)).toBeUndefined()
    // Without persistence, the same reload brings it back: what the option is for.
    expect(await listedKeys(createCognitoMock(OPTIONS), token)).toContain(forgotten)
  })

  it('a token revoked before a reload stays revoked, and the first token after it is a new one', async () => {
    const storage = new FakeStorage()
    const first = load(storage)
    const { pool, user } = firstUser(first.cognito)
    const token = await first.cognito.tokens.issue(pool.id, user.username)
    expect((await call(first.cognito, 'GlobalSignOut', { AccessToken: token })).status).toBe(200)
    first.persisted.save()

    const second = load(storage)
    const revoked = await call(second.cognito, 'ListDevices', { AccessToken: token })
    expect(revoked.json).toMatchObject({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' })
    // The runtime stream carries on: the new token's id was never drawn before, so it is not born revoked.
    const fresh = await second.cognito.tokens.issue(pool.id, user.username)
    expect((await call(second.cognito, 'ListDevices', { AccessToken: fresh })).status).toBe(200)
  })

  it('saves only when the state changed', async () => {
    const storage = new FakeStorage()
    const { cognito, persisted } = load(storage)
    persisted.save()
    persisted.save()
    expect(storage.writes).toBe(1)
    const { pool, user } = firstUser(cognito)
    await call(cognito, 'ListDevices', { AccessToken: await cognito.tokens.issue(pool.id, user.username) })
    persisted.save()
    expect(storage.writes).toBe(2)
    // A restored state is what is saved: the load after it writes nothing until something changes.
    const again = load(storage)
    again.persisted.save()
    expect(storage.writes).toBe(2)
  })

  it('ignores a state saved for another seed, world, library version or format, and anything unreadable', async () => {
    const storage = new FakeStorage()
    const other = load(storage, { ...OPTIONS, seed: 7 })
    const { pool, user } = firstUser(other.cognito)
    other.cognito.devices.remove(pool.id, user.username, other.cognito.devices.list(pool.id, user.username)[0]!.key)
    other.persisted.save()
    const saved = storage.getItem(CONTROL_KEYS.stateKey)!
    const fresh = createCognitoMock(OPTIONS).snapshot({ exact: true })

    const variants: [string, string][] = [
      ['another seed', saved],
      ['another world', storage.getItem(CONTROL_KEYS.stateKey)!.replace('"seed":7', '"seed":42').replace('"usersPerPool":2', '"usersPerPool":3')],
      ['another library version', saved.replace('"seed":7', '"seed":42').replace(`"library":"${VERSION}"`, '"library":"0.0.0-other"')],
      ['another format', saved.replace('"seed":7', '"seed":42').replace('"format":1', '"format":2')],
      ['no exact position', JSON.stringify({ format: 1, library: VERSION, state: createCognitoMock(OPTIONS).snapshot() })],
      ['not JSON', '{"format":1,'],
      ['JSON null', 'null'],
      ['no state', JSON.stringify({ format: 1, library: VERSION })],
    ]
    for (const [name, text] of variants) {
      storage.items.set(CONTROL_KEYS.stateKey, text)
      const page = load(storage)
      expect(page.restored, name).toBe(false)
      expect(page.cognito.snapshot({ exact: true }), name).toEqual(fresh)
    }
  })

  it('a declarative world with factories restores across a reload: same source, same origin; another factory or locale starts fresh', () => {
    // A page load evaluates the app's module again: new function objects, with the same source text.
    const declared = (): CognitoMockOptions => ({
      seed: 42,
      world: {
        pools: [{ name: 'Acme', deviceRemembering: 'always', users: [{ username: 'ada', password: 'Secret-123!', devices: [{ name: 'Ada’s MacBook', remembered: true }, 2] }, 1] }],
        device: ({ index }) => ({ lastIp: `10.0.0.${index + 1}` }),
      },
    })
    const edited = (): CognitoMockOptions => ({ ...declared(), world: { ...declared().world, device: ({ index }) => ({ lastIp: `10.0.1.${index + 1}` }) } })
    const storage = new FakeStorage()
    const first = load(storage, declared())
    const pool = first.cognito.pools.list()[0]!
    expect(pool.name).toBe('Acme')
    const macbook = first.cognito.devices.list(pool.id, 'ada').find((d) => d.name === 'Ada’s MacBook')!
    first.cognito.devices.remove(pool.id, 'ada', macbook.key)
    first.persisted.save()
    const origin = JSON.parse(storage.getItem(CONTROL_KEYS.stateKey)!).state.exact.origin
    expect(origin.world.device).toMatch(/^function \(\{ index \}\) => \(\{ lastIp: `10\.0\.0\./)
    expect(origin.locale).toBe('cognito-device-mock')

    expect(load(storage, edited()).restored, 'another factory source').toBe(false)
    expect(load(storage, { ...declared(), faker: fakerDE }).restored, 'another locale').toBe(false)
    const reloaded = load(storage, declared())
    expect(reloaded.restored).toBe(true)
    expect(reloaded.cognito.devices.get(pool.id, 'ada', macbook.key)).toBeUndefined()
    expect(reloaded.cognito.snapshot({ exact: true })).toEqual(first.cognito.snapshot({ exact: true }))
  })

  it('a state that passes the checks but does not restore: a warning, and the seeded world', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const storage = new FakeStorage()
    const { persisted } = load(storage)
    persisted.save()
    const saved = JSON.parse(storage.getItem(CONTROL_KEYS.stateKey)!)
    saved.state.users = 'not a list'
    storage.items.set(CONTROL_KEYS.stateKey, JSON.stringify(saved))
    const page = load(storage)
    expect(page.restored).toBe(false)
    expect(page.cognito.snapshot({ exact: true })).toEqual(createCognitoMock(OPTIONS).snapshot({ exact: true }))
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]![0]).toMatch(/^\[cognito-device-mock\] persist: the state saved in storage\["cognito-device-mock:state"\] could not be restored/)
  })

  it('a full storage: one warning, the stale state is dropped, and the mock keeps answering', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const storage = new FakeStorage()
    load(storage).persisted.save()
    const full = new FakeStorage(100)
    full.items.set(CONTROL_KEYS.stateKey, storage.getItem(CONTROL_KEYS.stateKey)!)
    const page = load(full)
    expect(page.restored).toBe(true)
    const { pool, user } = firstUser(page.cognito)
    const token = await page.cognito.tokens.issue(pool.id, user.username)
    for (let i = 0; i < 3; i++) {
      expect((await call(page.cognito, 'ListDevices', { AccessToken: token })).status).toBe(200)
      expect(() => page.persisted.save()).not.toThrow()
    }
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]![0]).toMatch(/^\[cognito-device-mock\] persist: could not save the mock's state .* a reload starts from the seed\. \(QuotaExceededError: /)
    // What was saved is older than the page: a reload must not bring it back.
    expect(full.items.size).toBe(0)
  })

  it('cognito.reset() removes the saved state', async () => {
    const storage = new FakeStorage()
    const { cognito, persisted } = load(storage)
    const { pool, user } = firstUser(cognito)
    cognito.devices.remove(pool.id, user.username, cognito.devices.list(pool.id, user.username)[0]!.key)
    persisted.save()
    expect(storage.items.size).toBe(1)
    cognito.reset()
    expect(storage.items.size).toBe(0)
    expect(load(storage).restored).toBe(false)
  })

  it('a key of its own, and no storage at all: one warning, the mock still works', async () => {
    const storage = new FakeStorage()
    const cognito = createCognitoMock(OPTIONS)
    persistMock(cognito, { storage, key: 'my-app:cognito' }).save()
    expect([...storage.items.keys()]).toEqual(['my-app:cognito'])

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.stubGlobal('sessionStorage', undefined)
    try {
      const blocked = persistMock(createCognitoMock(OPTIONS))
      expect(blocked.restore()).toBe(false)
      blocked.save()
      blocked.clear()
    } finally {
      vi.unstubAllGlobals()
    }
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]![0]).toMatch(/^\[cognito-device-mock\] persist: /)
  })
})
