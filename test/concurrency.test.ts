import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import type { CognitoMock, DeviceOperationName } from '../src/index.ts'
import { cognitoRequest, credentials, startMock, wire, type MockFixture, type WireAnswer } from './support.ts'

/**
 * Thousands of interleaved device calls fired at once, half through MSW's interception of `fetch`, half
 * straight into `cognito.handle`, then the store is checked for consistency: no key twice, lists equal to the
 * store, forgotten devices gone for good, every count adding up, and every answer with its own request id.
 */

const OPERATIONS = 3000
const SEED = 20_260_115

/** mulberry32: a small seeded PRNG, so the interleaving plan is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The same call as `wire()`, but handed to `cognito.handle` directly instead of going through `fetch`. */
async function direct(cognito: CognitoMock, operation: DeviceOperationName, body: unknown): Promise<WireAnswer> {
  const response = await cognito.handle(await cognitoRequest(operation, body))
  const answer = await response.text()
  return { status: response.status, headers: response.headers, text: answer, json: answer === '' ? undefined : JSON.parse(answer) }
}

interface Result {
  operation: DeviceOperationName
  key?: string
  username: string
  via: 'fetch' | 'handle'
  answer: WireAnswer
}

interface Walk {
  username: string
  admin: boolean
  pages: { issuedAt: number; keys: string[] }[]
}

describe('concurrent calls through fetch (MSW) and handle()', () => {
  let fixture: MockFixture
  let cognito: CognitoMock
  let errorSpy: MockInstance
  let poolId: string
  let users: string[]
  const tokens = new Map<string, string>()
  const initialKeys = new Map<string, string[]>()
  const pendingKeys = new Map<string, string[]>()
  let initialCount = 0
  const results: Result[] = []
  const walks: Walk[] = []
  /** Completion ticks: a logical order of answers as seen by the caller. */
  let tick = 0
  const forgetDoneAt = new Map<string, number>()

  beforeAll(async () => {
    errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
    fixture = startMock({
      seed: SEED,
      credentials: [credentials],
      world: { pools: 1, usersPerPool: 6, devicesPerUser: { min: 15, max: 30 }, deviceRemembering: ['user-opt-in'] },
    })
    cognito = fixture.cognito
    poolId = cognito.pools.list()[0]!.id
    users = cognito.users.list(poolId).map((u) => u.username)
    for (const username of users) {
      tokens.set(username, await cognito.tokens.issue(poolId, username, { expiresIn: '1d' }))
      initialKeys.set(username, cognito.devices.list(poolId, username).map((d) => d.key))
      pendingKeys.set(username, Array.from({ length: 40 }, () => cognito.devices.issueKey(poolId, username).DeviceKey))
    }
    initialCount = cognito.snapshot().devices.length

    const random = prng(SEED)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    // A fifth of each user's devices (and some pending keys) are forgotten, most of them several times at once.
    const forgetTargets = new Map(
      users.map((u) => [u, [...initialKeys.get(u)!.filter(() => random() < 0.2), ...pendingKeys.get(u)!.filter(() => random() < 0.1)]]),
    )
    let sent = 0
    const via = (): 'fetch' | 'handle' => (sent++ % 2 === 0 ? 'fetch' : 'handle')

    async function call(operation: DeviceOperationName, username: string, body: Record<string, unknown>, key?: string): Promise<WireAnswer> {
      const path = via()
      const answer =
        path === 'fetch' ? await wire(operation, body, { signed: operation.startsWith('Admin') }) : await direct(cognito, operation, body)
      tick++
      results.push({ operation, username, via: path, answer, ...(key !== undefined ? { key } : {}) })
      return answer
    }

    async function walk(username: string, admin: boolean, limit: number): Promise<void> {
      const record: Walk = { username, admin, pages: [] }
      walks.push(record)
      const base = admin ? { UserPoolId: poolId, Username: username } : { AccessToken: tokens.get(username) }
      let token: string | undefined
      do {
        const issuedAt = tick
        const answer = await call(admin ? 'AdminListDevices' : 'ListDevices', username, { ...base, Limit: limit, ...(token ? { PaginationToken: token } : {}) })
        if (answer.status !== 200) return
        record.pages.push({ issuedAt, keys: answer.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey) })
        token = answer.json.PaginationToken
      } while (token)
    }

    const tasks: (() => Promise<unknown>)[] = []
    for (let i = 0; i < OPERATIONS; i++) {
      const username = pick(users)
      const token = tokens.get(username)!
      const admin = { UserPoolId: poolId, Username: username }
      const ownKey = () => pick([...initialKeys.get(username)!, ...pendingKeys.get(username)!])
      const roll = random()
      if (roll < 0.08) tasks.push(() => walk(username, false, 1 + Math.floor(random() * 12)))
      else if (roll < 0.15) tasks.push(() => walk(username, true, 1 + Math.floor(random() * 12)))
      else if (roll < 0.3) {
        const key = ownKey()
        tasks.push(() => call('GetDevice', username, { AccessToken: token, DeviceKey: key }, key))
      } else if (roll < 0.45) {
        const key = ownKey()
        tasks.push(() => call('AdminGetDevice', username, { ...admin, DeviceKey: key }, key))
      } else if (roll < 0.58) {
        const key = ownKey()
        const status = random() < 0.5 ? 'remembered' : 'not_remembered'
        tasks.push(() => call('UpdateDeviceStatus', username, { AccessToken: token, DeviceKey: key, DeviceRememberedStatus: status }, key))
      } else if (roll < 0.63) {
        const key = ownKey()
        const status = random() < 0.7 ? 'remembered' : 'not_remembered'
        tasks.push(() => call('AdminUpdateDeviceStatus', username, { ...admin, DeviceKey: key, DeviceRememberedStatus: status }, key))
      } else if (roll < 0.8) {
        const key = random() < 0.8 && forgetTargets.get(username)!.length > 0 ? pick(forgetTargets.get(username)!) : ownKey()
        const adminCall = random() < 0.3
        tasks.push(async () => {
          const answer = adminCall
            ? await call('AdminForgetDevice', username, { ...admin, DeviceKey: key }, key)
            : await call('ForgetDevice', username, { AccessToken: token, DeviceKey: key }, key)
          if (answer.status === 200) forgetDoneAt.set(key, tick)
        })
      } else {
        // Mostly the user's own pending keys (each confirmed several times at once), now and then another user's.
        const owner = random() < 0.95 ? username : pick(users.filter((u) => u !== username))
        const key = pick(pendingKeys.get(owner)!)
        tasks.push(() => call('ConfirmDevice', username, { AccessToken: token, DeviceKey: key, DeviceName: `device ${i}` }, key))
      }
    }
    await Promise.all(tasks.map((task) => task()))
  }, 120_000)

  afterAll(() => {
    fixture?.close()
    errorSpy?.mockRestore()
  })

  const ok = (r: Result) => r.answer.status === 200
  const owns = (username: string, key: string) => initialKeys.get(username)!.includes(key) || pendingKeys.get(username)!.includes(key)

  it('answered every call, through both paths, with no server error and no console.error', () => {
    expect(results.length).toBeGreaterThanOrEqual(OPERATIONS)
    expect(results.filter((r) => r.via === 'fetch').length).toBeGreaterThan(OPERATIONS / 3)
    expect(results.filter((r) => r.via === 'handle').length).toBeGreaterThan(OPERATIONS / 3)
    for (const r of results) expect([200, 400]).toContain(r.answer.status)
    expect(errorSpy).not.toHaveBeenCalled()
    // Every kind of call both succeeded and, where it can, failed: the plan really interleaves.
    for (const op of ['GetDevice', 'AdminGetDevice', 'UpdateDeviceStatus', 'ForgetDevice', 'AdminForgetDevice', 'ConfirmDevice'] as const) {
      expect(results.some((r) => r.operation === op && ok(r)), `${op} 200`).toBe(true)
      expect(results.some((r) => r.operation === op && !ok(r)), `${op} error`).toBe(true)
    }
  })

  it('refused only as the state at that moment explains: "Device does not exist." or an existing key', () => {
    for (const r of results.filter((x) => !ok(x))) {
      const { __type, message } = r.answer.json
      expect(r.answer.headers.get('x-amzn-errortype')).toBe(`${__type}:`)
      if (r.operation === 'ConfirmDevice' && __type === 'DeviceKeyExistsException') continue
      expect([r.operation, __type, message]).toEqual([r.operation, 'ResourceNotFoundException', 'Device does not exist.'])
      expect(r.operation).not.toMatch(/ListDevices$/)
    }
  })

  it('gives every answer its own request id', () => {
    const ids = results.map((r) => r.answer.headers.get('x-amzn-requestid'))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('keeps every device key once, in its owner’s list only', () => {
    const snapshot = cognito.snapshot()
    const keys = snapshot.devices.map((d) => d.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const device of snapshot.devices) {
      expect(device.poolId).toBe(poolId)
      expect(owns(device.username, device.key), `${device.key} listed for ${device.username}`).toBe(true)
    }
    const seqs = snapshot.devices.map((d) => d.seq)
    expect(new Set(seqs).size).toBe(seqs.length)
  })

  it('adds up: initial + confirmed − forgotten, each forget and each confirm succeeding at most once', () => {
    const forgotten = results.filter((r) => (r.operation === 'ForgetDevice' || r.operation === 'AdminForgetDevice') && ok(r))
    const confirmed = results.filter((r) => r.operation === 'ConfirmDevice' && ok(r))
    const forgottenKeys = forgotten.map((r) => r.key!)
    const confirmedKeys = confirmed.map((r) => r.key!)
    expect(new Set(forgottenKeys).size).toBe(forgottenKeys.length)
    expect(new Set(confirmedKeys).size).toBe(confirmedKeys.length)
    expect(forgottenKeys.length).toBeGreaterThan(20)
    expect(confirmedKeys.length).toBeGreaterThan(20)
    expect(cognito.snapshot().devices).toHaveLength(initialCount + confirmedKeys.length - forgottenKeys.length)
    // A confirm only ever succeeds for the caller's own key, and turns it from pending into a device.
    for (const r of confirmed) expect(pendingKeys.get(r.username)!.includes(r.key!)).toBe(true)
    const pending = new Set(cognito.snapshot().pending.map((p) => p.key))
    for (const key of confirmedKeys) expect(pending.has(key)).toBe(false)
    for (const username of users) {
      for (const key of pendingKeys.get(username)!) {
        const device = cognito.devices.get(poolId, username, key)
        expect(pending.has(key) || confirmedKeys.includes(key)).toBe(true)
        expect(device !== undefined).toBe(confirmedKeys.includes(key) && !forgottenKeys.includes(key))
      }
      for (const key of initialKeys.get(username)!) {
        expect(cognito.devices.get(poolId, username, key) !== undefined).toBe(!forgottenKeys.includes(key))
      }
    }
    // An initial device that some forget aimed at was forgotten by exactly one of them.
    const aimed = new Set(results.filter((r) => r.operation.endsWith('ForgetDevice')).map((r) => r.key!))
    for (const username of users) {
      for (const key of initialKeys.get(username)!) if (aimed.has(key)) expect(forgottenKeys.filter((k) => k === key)).toHaveLength(1)
    }
  })

  it('never lists a key twice in a walk, nor a device forgotten before the page was asked for', () => {
    expect(walks.length).toBeGreaterThan(100)
    expect(walks.some((w) => w.pages.length > 3)).toBe(true)
    for (const walk of walks) {
      const keys = walk.pages.flatMap((p) => p.keys)
      expect(new Set(keys).size, `walk of ${walk.username}`).toBe(keys.length)
      for (const key of keys) expect(owns(walk.username, key)).toBe(true)
      for (const page of walk.pages) {
        for (const key of page.keys) {
          const forgottenAt = forgetDoneAt.get(key)
          if (forgottenAt !== undefined) expect(page.issuedAt, `${key} listed after it was forgotten`).toBeLessThan(forgottenAt)
        }
      }
    }
    // Every page of every walk was answered: cursors stay valid while devices come and go.
    const pages = results.filter((r) => r.operation === 'ListDevices' || r.operation === 'AdminListDevices')
    expect(pages.every(ok)).toBe(true)
  })

  it('lists, afterwards, exactly the store: AdminListDevices all devices, ListDevices the remembered ones', async () => {
    for (const username of users) {
      const stored = cognito.devices.list(poolId, username)
      for (const limit of [7, 60]) {
        const adminKeys: string[] = []
        const userKeys: string[] = []
        for (const [admin, into] of [[true, adminKeys], [false, userKeys]] as const) {
          let token: string | undefined
          do {
            const body = admin ? { UserPoolId: poolId, Username: username } : { AccessToken: tokens.get(username) }
            const answer = await wire(admin ? 'AdminListDevices' : 'ListDevices', { ...body, Limit: limit, ...(token ? { PaginationToken: token } : {}) }, { signed: admin })
            expect(answer.status, answer.text).toBe(200)
            into.push(...answer.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey))
            token = answer.json.PaginationToken
          } while (token)
        }
        expect(adminKeys).toEqual(stored.map((d) => d.key))
        expect(userKeys).toEqual(stored.filter((d) => d.rememberedStatus === 'remembered').map((d) => d.key))
      }
    }
  })

  it('forgotten devices never come back: a second forget, a get and an admin get all say "Device does not exist."', async () => {
    const forgotten = results.filter((r) => (r.operation === 'ForgetDevice' || r.operation === 'AdminForgetDevice') && ok(r))
    expect(forgotten.length).toBeGreaterThan(0)
    const answers = await Promise.all(
      forgotten.flatMap((r) => {
        const token = tokens.get(r.username)!
        const admin = { UserPoolId: poolId, Username: r.username, DeviceKey: r.key }
        return [
          wire('ForgetDevice', { AccessToken: token, DeviceKey: r.key }),
          direct(cognito, 'AdminForgetDevice', admin),
          wire('GetDevice', { AccessToken: token, DeviceKey: r.key }),
          direct(cognito, 'AdminGetDevice', admin),
          wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: r.key, DeviceRememberedStatus: 'remembered' }),
        ]
      }),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(400)
      expect(answer.json).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' })
    }
    const stored = new Set(cognito.snapshot().devices.map((d) => d.key))
    for (const r of forgotten) expect(stored.has(r.key!)).toBe(false)
  })
})
