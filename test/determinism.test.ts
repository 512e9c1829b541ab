import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions, type StoreSnapshot } from '../src/index.ts'
import { cognitoRequest, SIGNING_DATE } from './support.ts'

/**
 * The same seed gives the same world and byte-identical answers (headers and bodies), whatever the wall clock;
 * reset(), snapshot() and restore() keep to that.
 */

const SEEDS = [42, 1337, 1211] as const

interface Answer {
  status: number
  headers: [string, string][]
  body: string
  json: any
}

async function call(cognito: CognitoMock, operation: string, body: unknown): Promise<Answer> {
  const response = await cognito.handle(await cognitoRequest(operation, body, { signingDate: SIGNING_DATE }))
  const text = await response.text()
  return { status: response.status, headers: [...response.headers].sort(), body: text, json: text ? JSON.parse(text) : undefined }
}

/** Every page of a list operation, as answers. */
async function walk(cognito: CognitoMock, operation: 'ListDevices' | 'AdminListDevices', base: object, limit: number): Promise<Answer[]> {
  const answers: Answer[] = []
  let token: string | undefined
  do {
    const answer = await call(cognito, operation, { ...base, Limit: limit, ...(token ? { PaginationToken: token } : {}) })
    expect(answer.status, answer.body).toBe(200)
    answers.push(answer)
    token = answer.json.PaginationToken
  } while (token)
  return answers
}

/** The user of the first pool with the most devices. */
function busiestUser(cognito: CognitoMock) {
  const pool = cognito.pools.list()[0]!
  const users = cognito.users.list(pool.id)
  const user = users.reduce((best, u) =>
    cognito.devices.list(pool.id, u.username).length > cognito.devices.list(pool.id, best.username).length ? u : best,
  )
  return { pool, user }
}

/** A fixed sequence of calls touching every operation, tokens, JWKS, pagination and errors: its full transcript. */
async function transcript(cognito: CognitoMock): Promise<string[]> {
  const out: string[] = []
  const record = (label: string, a: Answer) => out.push(`${label} ${a.status}\n${a.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${a.body}`)
  const { pool, user } = busiestUser(cognito)
  const admin = { UserPoolId: pool.id, Username: user.username }

  const token = await cognito.tokens.issue(pool.id, user.username)
  out.push(`token ${token}`)
  out.push(`jwks ${JSON.stringify(await cognito.tokens.jwks(pool.id))}`)
  const jwks = await cognito.handle(new Request(`${cognito.tokens.issuer(pool.id)}/.well-known/jwks.json`))
  out.push(`GET jwks ${jwks.status} ${[...jwks.headers].sort().join('|')} ${await jwks.text()}`)

  for (const a of await walk(cognito, 'ListDevices', { AccessToken: token }, 2)) record('ListDevices', a)
  for (const a of await walk(cognito, 'AdminListDevices', admin, 3)) record('AdminListDevices', a)

  const [first, second, third] = cognito.devices.list(pool.id, user.username)
  record('AdminGetDevice', await call(cognito, 'AdminGetDevice', { ...admin, DeviceKey: first!.key }))
  record('GetDevice', await call(cognito, 'GetDevice', { AccessToken: token, DeviceKey: first!.key }))
  record('UpdateDeviceStatus', await call(cognito, 'UpdateDeviceStatus', { AccessToken: token, DeviceKey: first!.key, DeviceRememberedStatus: 'not_remembered' }))
  record('AdminUpdateDeviceStatus', await call(cognito, 'AdminUpdateDeviceStatus', { ...admin, DeviceKey: second!.key, DeviceRememberedStatus: 'remembered' }))
  record('ForgetDevice', await call(cognito, 'ForgetDevice', { AccessToken: token, DeviceKey: second!.key }))
  record('AdminForgetDevice', await call(cognito, 'AdminForgetDevice', { ...admin, DeviceKey: third!.key }))

  const issued = cognito.devices.issueKey(pool.id, user.username)
  out.push(`issueKey ${JSON.stringify(issued)}`)
  record(
    'ConfirmDevice',
    await call(cognito, 'ConfirmDevice', {
      AccessToken: token,
      DeviceKey: issued.DeviceKey,
      DeviceName: 'nodejs',
      DeviceSecretVerifierConfig: { PasswordVerifier: 'cGFzc3dvcmQ=', Salt: 'c2FsdA==' },
    }),
  )
  record('AdminGetDevice new', await call(cognito, 'AdminGetDevice', { ...admin, DeviceKey: issued.DeviceKey }))
  for (const a of await walk(cognito, 'AdminListDevices', admin, 60)) record('AdminListDevices after', a)

  record('Limit 61', await call(cognito, 'ListDevices', { AccessToken: token, Limit: 61 }))
  record('garbage token', await call(cognito, 'ListDevices', { AccessToken: 'garbage' }))
  record('forgotten', await call(cognito, 'GetDevice', { AccessToken: token, DeviceKey: second!.key }))
  record('unknown op', await call(cognito, 'ListDevicez', {}))

  const deviceToken = await cognito.tokens.issue(pool.id, user.username, { deviceKey: issued.DeviceKey, expiresIn: '5m' })
  out.push(`device token ${deviceToken}`)
  cognito.tokens.revoke(deviceToken)
  record('revoked', await call(cognito, 'ListDevices', { AccessToken: deviceToken }))
  cognito.clock.advance('2h')
  record('expired', await call(cognito, 'ListDevices', { AccessToken: token }))
  out.push(`now ${cognito.clock.now()}`)
  return out
}

afterEach(() => {
  vi.useRealTimers()
})

describe.each(SEEDS)('seed %i', (seed) => {
  it('snapshot of the seeded state', () => {
    expect(createCognitoMock({ seed }).snapshot()).toMatchSnapshot()
  })

  it('ListDevices and AdminListDevices answers (bodies and request ids)', async () => {
    const cognito = createCognitoMock({ seed })
    const { pool, user } = busiestUser(cognito)
    const token = await cognito.tokens.issue(pool.id, user.username)
    const list = await call(cognito, 'ListDevices', { AccessToken: token, Limit: 3 })
    const admin = await call(cognito, 'AdminListDevices', { UserPoolId: pool.id, Username: user.username, Limit: 3 })
    for (const answer of [list, admin]) {
      expect(answer.status).toBe(200)
      const requestId = answer.headers.find(([k]) => k === 'x-amzn-requestid')![1]
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      // The raw text, so that member order and number formatting are pinned too.
      expect({ requestId, body: answer.body }).toMatchSnapshot()
    }
  })

  it('two mocks with the same seed answer byte for byte the same, whatever the wall clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2001-02-03T04:05:06.789Z'))
    const early = Date.now()
    const a = await transcript(createCognitoMock({ seed }))
    vi.setSystemTime(new Date('2039-11-12T13:14:15.016Z'))
    expect(Date.now()).toBeGreaterThan(early)
    const b = await transcript(createCognitoMock({ seed }))
    vi.useRealTimers()
    const c = await transcript(createCognitoMock({ seed }))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    // The transcript is not trivially equal: it carries tokens, pages, request ids and every kind of answer.
    const line = (label: string) => a.find((l) => l.startsWith(`${label} `))!
    expect(line('ConfirmDevice')).toMatch(/^ConfirmDevice 200\n[^]*\n\n\{"UserConfirmationNecessary":true\}$/)
    expect(line('ForgetDevice')).toMatch(/^ForgetDevice 200\n[^]*content-length: 0\n[^]*\n\n$/)
    expect(line('forgotten')).toContain('{"__type":"ResourceNotFoundException","message":"Device does not exist."}')
    expect(line('revoked')).toContain('"message":"Access Token has been revoked"')
    expect(line('expired')).toContain('"message":"Access Token has expired"')
    expect(line('unknown op')).toMatch(/^unknown op 400\n[^]*\n\n\{"__type":"UnknownOperationException"\}$/)
    expect(line('GET jwks')).toMatch(/^GET jwks 200 /)
    expect(a.filter((line) => line.startsWith('ListDevices 200')).length).toBeGreaterThan(1)
    expect(a.join('\n')).toMatch(/"PaginationToken":"[^"]+"/)
    expect(new Set(a.map((line) => /x-amzn-requestid: (\S+)/.exec(line)?.[1]).filter(Boolean)).size).toBe(
      a.filter((line) => line.includes('x-amzn-requestid')).length,
    )
  })

  it('reset() returns to the identical seeded state, and the same calls get the same answers', async () => {
    const cognito = createCognitoMock({ seed })
    const initial = cognito.snapshot()
    const first = await transcript(cognito)
    expect(cognito.snapshot()).not.toEqual(initial)
    cognito.pools.create({ name: 'extra' })
    cognito.reset()
    expect(cognito.snapshot()).toEqual(initial)
    expect(await transcript(cognito)).toEqual(first)
  })
})

describe('different seeds', () => {
  it('give different worlds and different answers', async () => {
    const mocks = SEEDS.map((seed) => createCognitoMock({ seed }))
    const snapshots = mocks.map((m) => m.snapshot())
    const keys = snapshots.map((s) => new Set(s.devices.map((d) => d.key)))
    for (let i = 0; i < mocks.length; i++) {
      for (let j = i + 1; j < mocks.length; j++) {
        expect(snapshots[i]!.pools[0]!.id).not.toBe(snapshots[j]!.pools[0]!.id)
        expect(snapshots[i]!.users.map((u) => u.sub)).not.toEqual(snapshots[j]!.users.map((u) => u.sub))
        expect([...keys[i]!].some((k) => keys[j]!.has(k))).toBe(false)
      }
    }
    const ids = await Promise.all(mocks.map(async (m) => (await call(m, 'ListDevices', {})).headers.find(([k]) => k === 'x-amzn-requestid')![1]))
    expect(new Set(ids).size).toBe(SEEDS.length)
  })

  it('string seeds are seeds too: equal strings agree, different strings differ', () => {
    expect(createCognitoMock({ seed: 'alpha' }).snapshot()).toEqual(createCognitoMock({ seed: 'alpha' }).snapshot())
    expect(createCognitoMock({ seed: 'alpha' }).snapshot()).not.toEqual(createCognitoMock({ seed: 'beta' }).snapshot())
  })
})

describe('snapshot() and restore()', () => {
  const options: CognitoMockOptions = { seed: 1337, world: { pools: 2, usersPerPool: 4, devicesPerUser: { min: 2, max: 9 } } }

  async function mutated(): Promise<{ cognito: CognitoMock; token: string; snapshot: StoreSnapshot }> {
    const cognito = createCognitoMock(options)
    await transcript(cognito)
    const { pool, user } = busiestUser(cognito)
    cognito.devices.issueKey(pool.id, user.username)
    const token = await cognito.tokens.issue(pool.id, user.username, { expiresIn: '1d' })
    return { cognito, token, snapshot: cognito.snapshot() }
  }

  async function readings(cognito: CognitoMock, token: string): Promise<unknown[]> {
    const { pool, user } = busiestUser(cognito)
    const out: unknown[] = []
    for (const a of await walk(cognito, 'ListDevices', { AccessToken: token }, 2)) out.push(a.json)
    for (const p of cognito.pools.list()) {
      for (const u of cognito.users.list(p.id)) {
        for (const a of await walk(cognito, 'AdminListDevices', { UserPoolId: p.id, Username: u.username }, 4)) out.push(a.json)
      }
    }
    for (const d of cognito.devices.list(pool.id, user.username)) {
      out.push((await call(cognito, 'AdminGetDevice', { UserPoolId: pool.id, Username: user.username, DeviceKey: d.key })).json)
    }
    return out
  }

  it('round-trips into a fresh mock: the same state, JSON-safe, and the same answers after', async () => {
    const { cognito, token, snapshot } = await mutated()
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
    const fresh = createCognitoMock(options)
    expect(fresh.snapshot()).not.toEqual(snapshot)
    fresh.restore(JSON.parse(JSON.stringify(snapshot)))
    expect(fresh.snapshot()).toEqual(snapshot)
    expect(fresh.clock.now()).toBe(snapshot.now)
    const expected = await readings(cognito, token)
    expect(await readings(fresh, token)).toEqual(expected)
  })

  it('restores into the same mock after further changes', async () => {
    const { cognito, snapshot } = await mutated()
    const { pool, user } = busiestUser(cognito)
    for (const d of cognito.devices.list(pool.id, user.username)) cognito.devices.remove(pool.id, user.username, d.key)
    cognito.users.remove(pool.id, cognito.users.list(pool.id)[0]!.username)
    cognito.clock.advance('3d')
    expect(cognito.snapshot()).not.toEqual(snapshot)
    cognito.restore(snapshot)
    expect(cognito.snapshot()).toEqual(snapshot)
  })

  it('a restored mock goes on: pending keys confirm, and new devices list after every restored one', async () => {
    const { cognito, token, snapshot } = await mutated()
    const fresh = createCognitoMock(options)
    fresh.restore(snapshot)
    const pending = snapshot.pending.find((p) => p.username === busiestUser(cognito).user.username)!
    expect(pending).toBeDefined()
    const confirmed = await call(fresh, 'ConfirmDevice', { AccessToken: token, DeviceKey: pending.key })
    expect(confirmed.status, confirmed.body).toBe(200)
    const device = fresh.devices.get(pending.poolId, pending.username, pending.key)!
    expect(device.seq).toBeGreaterThan(Math.max(...snapshot.devices.map((d) => d.seq)))
    expect(device.seq).toBeGreaterThanOrEqual(snapshot.nextSeq)
    const list = fresh.devices.list(pending.poolId, pending.username)
    expect(list[list.length - 1]!.key).toBe(pending.key)
  })

  it('snapshot() and restore() copy: changing either object afterwards does not reach the mock', async () => {
    const { snapshot } = await mutated()
    const fresh = createCognitoMock(options)
    fresh.restore(snapshot)
    const before = fresh.snapshot()
    snapshot.devices[0]!.rememberedStatus = snapshot.devices[0]!.rememberedStatus === 'remembered' ? 'not_remembered' : 'remembered'
    snapshot.devices.pop()
    snapshot.pools[0]!.name = 'changed'
    before.users.pop()
    expect(fresh.snapshot()).not.toEqual(snapshot)
    expect(fresh.snapshot().users).toHaveLength(before.users.length + 1)
    expect(fresh.snapshot().pools[0]!.name).not.toBe('changed')
  })

  it('restore() refuses what snapshot() did not return', () => {
    const cognito = createCognitoMock({ seed: 1 })
    const before = cognito.snapshot()
    for (const bad of [undefined, null, {}, { version: 2 }, 'snapshot']) {
      expect(() => cognito.restore(bad as never)).toThrow(/^\[cognito-device-mock\] /)
    }
    expect(cognito.snapshot()).toEqual(before)
  })
})
