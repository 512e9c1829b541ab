import { lifecyclePresets } from '../src/scenarios/presets-lifecycle.ts'
import {
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  CognitoIdentityProviderServiceException,
  ForbiddenException,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InternalErrorException,
  InvalidUserPoolConfigurationException,
  ListDevicesCommand,
  NotAuthorizedException,
  PasswordResetRequiredException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateDeviceStatusCommand,
  UserNotConfirmedException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCognitoMock, fidelity, type CognitoMock, type CognitoMockOptions, type DeviceOperationName, type StoreSnapshot } from '../src/index.ts'
import { presets } from '../src/scenarios/presets.ts'
import type { ScenarioAnswer, ScenarioRule } from '../src/scenarios/types.ts'
import { cognitoRequest, ENDPOINT, rejection, sdkClient, signedIn, startMock, wire, withoutNow, type MockFixture } from './support.ts'

/**
 * The scenario engine as a frontend developer uses it: presets by name, rules, precedence, the request log, all
 * through the unmodified AWS SDK v3 (or raw calls where the SDK would hide what is asserted).
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const THROTTLE = { error: 'TooManyRequestsException' } as const
const INTERNAL = { error: 'InternalErrorException' } as const

// ---------------------------------------------------------------------------------------------------
// Fixture: one mock behind MSW per test (RSA keys are cached per seed, so this is cheap)
// ---------------------------------------------------------------------------------------------------

let fixture: MockFixture | undefined
let cognito: CognitoMock
const clients: CognitoIdentityProviderClient[] = []

function start(options: CognitoMockOptions = { seed: 42 }): CognitoMock {
  fixture?.close()
  fixture = startMock(options)
  cognito = fixture.cognito
  return cognito
}

function client(maxAttempts = 1): CognitoIdentityProviderClient {
  const c = sdkClient({ maxAttempts })
  clients.push(c)
  return c
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  for (const c of clients.splice(0)) c.destroy()
  fixture?.close()
  fixture = undefined
})

/** Waits (in real event-loop turns, not timers) until `condition` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error(`never happened: ${what}`)
}

/** A few real event-loop turns, for asserting that something has NOT happened yet. */
async function settle(turns = 50): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** The first pool's user with remembered devices, its token and keys. */
async function alice(minDevices = 2) {
  const { pool, user, token } = await signedIn(cognito, minDevices)
  const remembered = cognito.devices.list(pool.id, user.username).filter((d) => d.rememberedStatus === 'remembered')
  return { poolId: pool.id, username: user.username, token, keys: remembered.map((d) => d.key) }
}

/** Every page of ListDevices at Limit 60. */
async function allPages(c: CognitoIdentityProviderClient, token: string): Promise<string[][]> {
  const pages: string[][] = []
  let PaginationToken: string | undefined
  do {
    const page = await c.send(new ListDevicesCommand({ AccessToken: token, Limit: 60, PaginationToken }))
    pages.push((page.Devices ?? []).map((d) => d.DeviceKey!))
    PaginationToken = page.PaginationToken
  } while (PaginationToken && pages.length < 20)
  return pages
}

/** `ok` or the error type of each of `n` ListDevices calls, through the SDK without retries. */
async function listOutcomes(token: string, n: number): Promise<string[]> {
  const c = client()
  const outcomes: string[] = []
  for (let i = 0; i < n; i++) {
    try {
      await c.send(new ListDevicesCommand({ AccessToken: token, Limit: 60 }))
      outcomes.push('ok')
    } catch (error) {
      outcomes.push(error instanceof CognitoIdentityProviderServiceException ? error.name : 'network')
    }
  }
  return outcomes
}

// ---------------------------------------------------------------------------------------------------
// Presets
// ---------------------------------------------------------------------------------------------------

const presetTests: Record<string, () => Promise<void>> = {
  async 'happy-path'() {
    const me = await alice()
    cognito.scenarios.use('happy-path')
    const out = await client().send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))
    expect(out.Devices!.map((d) => d.DeviceKey).sort()).toEqual([...me.keys].sort())
    expect(out.Devices!.every((d) => d.DeviceCreateDate instanceof Date)).toBe(true)
    expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['store'])
  },

  async 'no-devices'() {
    const before = await alice(1)
    expect(before.keys.length).toBeGreaterThan(0)
    cognito.scenarios.use('no-devices')
    const pool = cognito.pools.list()[0]!
    const users = cognito.users.list(pool.id)
    expect(users.length).toBeGreaterThan(0)
    for (const user of users) expect(cognito.devices.list(pool.id, user.username)).toEqual([])
    const { token, user } = await signedIn(cognito, 0)
    const c = client()
    const out = await c.send(new ListDevicesCommand({ AccessToken: token, Limit: 60 }))
    expect(out.Devices).toEqual([])
    expect(out.PaginationToken).toBeUndefined()
    const admin = await c.send(new AdminListDevicesCommand({ UserPoolId: pool.id, Username: user.username, Limit: 60 }))
    expect(admin.Devices).toEqual([])
  },

  async 'many-devices'() {
    cognito.scenarios.use('many-devices')
    const me = await alice(130)
    expect(me.keys.length).toBeGreaterThanOrEqual(130)
    expect(me.keys.length).toBeLessThanOrEqual(150)
    const pages = await allPages(client(), me.token)
    expect(pages.length).toBe(Math.ceil(me.keys.length / 60))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(60)
    const seen = pages.flat()
    expect(new Set(seen).size).toBe(seen.length)
    expect([...seen].sort()).toEqual([...me.keys].sort())
  },

  async throttled() {
    const me = await alice()
    cognito.scenarios.use('throttled')
    const error = await rejection(client(3).send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 })))
    expect(error).toBeInstanceOf(TooManyRequestsException)
    expect(error.$metadata.attempts).toBe(3)
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(cognito.requests.list().map((r) => [r.operation, r.status, r.errorType, r.answeredBy])).toEqual(
      Array(3).fill(['ListDevices', 400, 'TooManyRequestsException', 'throttled']),
    )
    // Admin calls too: the preset throttles every device call.
    const admin = await rejection(client().send(new AdminListDevicesCommand({ UserPoolId: me.poolId, Username: me.username })))
    expect(admin).toBeInstanceOf(TooManyRequestsException)
  },

  async 'throttled-then-ok'() {
    const me = await alice()
    cognito.scenarios.use('throttled-then-ok')
    const c = client(3)
    const out = await c.send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))
    expect(out.$metadata.attempts).toBe(3)
    expect(out.Devices!.map((d) => d.DeviceKey).sort()).toEqual([...me.keys].sort())
    const got = await c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] }))
    expect(got.$metadata.attempts).toBe(3)
    expect(got.Device!.DeviceKey).toBe(me.keys[0])
    // After its two throttles, each operation answers at once.
    const again = await c.send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))
    expect(again.$metadata.attempts).toBe(1)
    expect(cognito.requests.list().map((r) => [r.operation, r.status])).toEqual([
      ['ListDevices', 400],
      ['ListDevices', 400],
      ['ListDevices', 200],
      ['GetDevice', 400],
      ['GetDevice', 400],
      ['GetDevice', 200],
      ['ListDevices', 200],
    ])
  },

  async 'access-token-expired'() {
    await expectUserCallsRefused('access-token-expired', NotAuthorizedException, 'Access Token has expired')
  },

  async 'token-revoked'() {
    await expectUserCallsRefused('token-revoked', NotAuthorizedException, 'Access Token has been revoked')
  },

  async 'missing-scope'() {
    await expectUserCallsRefused('missing-scope', NotAuthorizedException, 'Access Token does not have required scopes')
  },

  async 'device-not-found'() {
    const me = await alice()
    cognito.scenarios.use('device-not-found')
    const c = client()
    const error = await rejection(c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(error.message).toBe('Device does not exist.')
    const admin = await rejection(c.send(new AdminGetDeviceCommand({ UserPoolId: me.poolId, Username: me.username, DeviceKey: me.keys[0] })))
    expect(admin).toBeInstanceOf(ResourceNotFoundException)
    expect(admin.message).toBe('Device does not exist.')
    // Listing is not about one device: it still answers, and the device is still there.
    const out = await c.send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))
    expect(out.Devices!.map((d) => d.DeviceKey)).toContain(me.keys[0])
  },

  async 'internal-error'() {
    const me = await alice()
    cognito.scenarios.use('internal-error')
    const error = await rejection(client(3).send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 })))
    expect(error).toBeInstanceOf(InternalErrorException)
    expect(error.$metadata.httpStatusCode).toBe(500)
    expect(error.$fault).toBe('server')
    expect(error.$metadata.attempts).toBe(3)
    expect(cognito.requests.list().map((r) => r.status)).toEqual([500, 500, 500])
  },

  async 'waf-blocked'() {
    const me = await alice()
    cognito.scenarios.use('waf-blocked')
    const error = await rejection(client(3).send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 })))
    expect(error).toBeInstanceOf(ForbiddenException)
    expect(error.$metadata.httpStatusCode).toBe(400)
    // Not retried: no retry loop.
    expect(error.$metadata.attempts).toBe(1)
    expect(cognito.requests.list()).toHaveLength(1)
  },

  async 'password-reset-required'() {
    await expectUserCallsRefused('password-reset-required', PasswordResetRequiredException, fidelity.userMessages.passwordResetRequired)
  },

  async 'user-not-confirmed'() {
    await expectUserCallsRefused('user-not-confirmed', UserNotConfirmedException, fidelity.userMessages.notConfirmed)
  },

  async 'user-pool-misconfigured'() {
    const me = await alice()
    cognito.scenarios.use('user-pool-misconfigured')
    const c = client()
    const user = await rejection(c.send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 })))
    expect(user).toBeInstanceOf(InvalidUserPoolConfigurationException)
    const admin = await rejection(c.send(new AdminListDevicesCommand({ UserPoolId: me.poolId, Username: me.username })))
    expect(admin).toBeInstanceOf(InvalidUserPoolConfigurationException)
    expect(admin.$metadata.httpStatusCode).toBe(400)
  },

  async 'slow-network'() {
    const me = await alice()
    cognito.scenarios.use('slow-network')
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    let done = false
    const pending = client()
      .send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))
      .finally(() => {
        done = true
      })
    await until(() => cognito.requests.list().length === 1, 'the call reaches the mock')
    await vi.advanceTimersByTimeAsync(2499)
    await settle()
    expect(done).toBe(false)
    expect(cognito.requests.list()[0]!.status).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    const out = await pending
    expect(out.Devices!.map((d) => d.DeviceKey).sort()).toEqual([...me.keys].sort())
    expect(cognito.requests.list().map((r) => [r.answeredBy, r.status])).toEqual([['slow', 200]])
  },

  async offline() {
    const me = await alice()
    cognito.scenarios.use('offline')
    const fetched = await rejection(fetch(ENDPOINT, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' }))
    expect(fetched).toBeInstanceOf(TypeError)
    const error = await rejection(client().send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 })))
    expect(error).not.toBeInstanceOf(CognitoIdentityProviderServiceException)
    expect(error.$fault).toBeUndefined()
    expect(error.$metadata?.httpStatusCode).toBeUndefined()
    expect(cognito.requests.list().map((r) => [r.operation, r.status, r.errorType, r.answeredBy])).toEqual([
      ['ListDevices', 0, 'NetworkError', 'offline'],
      ['ListDevices', 0, 'NetworkError', 'offline'],
    ])
  },

  async flaky() {
    const run = async (seed: number) => {
      start({ seed })
      cognito.scenarios.use('flaky')
      const me = await alice(0)
      const outcomes = await listOutcomes(me.token, 40)
      expect(cognito.requests.list().map((r) => (r.status === 0 ? 'network' : r.status === 200 ? 'ok' : r.errorType))).toEqual(outcomes)
      return outcomes
    }
    const first = await run(42)
    const second = await run(42)
    const other = await run(43)
    expect(second).toEqual(first)
    expect(other).not.toEqual(first)
    for (const kind of ['ok', 'network', 'TooManyRequestsException']) expect(first).toContain(kind)
    // About a third fail: far from none and far from all.
    const failures = first.filter((o) => o !== 'ok').length
    expect(failures).toBeGreaterThan(4)
    expect(failures).toBeLessThan(30)
  },
}

/** The user operations answer `cls` with `message`; admin operations are untouched by the preset. */
async function expectUserCallsRefused(name: string, cls: abstract new (...args: never[]) => Error, message: string): Promise<void> {
  const me = await alice()
  cognito.scenarios.use(name)
  const c = client()
  for (const command of [
    new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }),
    new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] }),
    new ForgetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] }),
  ]) {
    const error = await rejection(c.send(command as never))
    expect(error).toBeInstanceOf(cls)
    expect(error.message).toBe(message)
    expect(error.$metadata.httpStatusCode).toBe(400)
  }
  // The forget was scripted: the device is still there.
  expect(cognito.devices.get(me.poolId, me.username, me.keys[0]!)).toBeDefined()
  const admin = await c.send(new AdminListDevicesCommand({ UserPoolId: me.poolId, Username: me.username, Limit: 60 }))
  expect(admin.Devices!.map((d) => d.DeviceKey)).toEqual(expect.arrayContaining(me.keys))
}

describe('presets, by name, through the SDK', () => {
  it('every preset has a test here (MFA presets: test/scenarios-mfa.test.ts; lifecycle: test/scenarios-lifecycle.test.ts), and every test a preset', () => {
    const lifecycle = new Set<string>(lifecyclePresets.map((p) => p.name))
    const elsewhere = (name: string) => name.startsWith('mfa-') || name === 'new-password-required' || name === 'code-delivery-failure' || lifecycle.has(name)
    expect(Object.keys(presetTests).sort()).toEqual(presets.map((p) => p.name).filter((name) => !elsewhere(name)).sort())
  })

  it('scenarios.list() lists every preset with its description and UI note', () => {
    start()
    const listed = cognito.scenarios.list()
    expect(listed.map((s) => s.name)).toEqual(presets.map((p) => p.name))
    for (const scenario of listed) {
      expect(scenario.description).toBeTruthy()
      expect(scenario.ui).toBeTruthy()
    }
  })

  for (const [name, test] of Object.entries(presetTests)) {
    it(name, async () => {
      start()
      await test()
    })
  }
})

// ---------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------

describe('rules', () => {
  describe('times', () => {
    for (const [times, expected] of [
      [2, ['TooManyRequestsException', 'TooManyRequestsException', 'ok', 'ok']],
      ['once', ['TooManyRequestsException', 'ok', 'ok', 'ok']],
      ['always', ['TooManyRequestsException', 'TooManyRequestsException', 'TooManyRequestsException', 'TooManyRequestsException']],
      [undefined, ['TooManyRequestsException', 'TooManyRequestsException', 'TooManyRequestsException', 'TooManyRequestsException']],
    ] as const) {
      it(`times: ${String(times)}`, async () => {
        start()
        const me = await alice()
        cognito.scenarios.use({ answer: THROTTLE, ...(times === undefined ? {} : { times }) })
        expect(await listOutcomes(me.token, 4)).toEqual(expected)
      })
    }
  })

  it('sequence: one answer per call, then spent and the store answers', async () => {
    start()
    const me = await alice()
    cognito.scenarios.use({ name: 'steps', sequence: [THROTTLE, INTERNAL, 'network-error', { error: 'NotAuthorizedException', message: 'nope' }] })
    expect(await listOutcomes(me.token, 6)).toEqual(['TooManyRequestsException', 'InternalErrorException', 'network', 'NotAuthorizedException', 'ok', 'ok'])
    expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['steps', 'steps', 'steps', 'steps', 'store', 'store'])
    expect(cognito.scenarios.active()[0]!.rules[0]).toMatchObject({ fired: 4, remaining: 0 })
  })

  it('probability 0 never fires, probability 1 always does', async () => {
    start()
    const me = await alice()
    cognito.scenarios.use({ name: 'never', answer: THROTTLE, probability: 0 })
    expect(await listOutcomes(me.token, 10)).toEqual(Array(10).fill('ok'))
    cognito.scenarios.use({ name: 'always', answer: THROTTLE, probability: 1 })
    expect(await listOutcomes(me.token, 10)).toEqual(Array(10).fill('TooManyRequestsException'))
  })

  it('username: from the access token for user operations, from Username for admin ones, case-insensitive', async () => {
    start()
    const poolId = cognito.pools.list()[0]!.id
    cognito.users.create(poolId, { username: 'alice' })
    cognito.users.create(poolId, { username: 'bob' })
    const aliceToken = await cognito.tokens.issue(poolId, 'alice')
    const bobToken = await cognito.tokens.issue(poolId, 'bob')
    cognito.scenarios.use({ name: 'alice only', username: 'ALICE', answer: THROTTLE })
    const c = client()
    expect(await rejection(c.send(new ListDevicesCommand({ AccessToken: aliceToken })))).toBeInstanceOf(TooManyRequestsException)
    expect((await c.send(new ListDevicesCommand({ AccessToken: bobToken }))).Devices).toEqual([])
    expect(await rejection(c.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'Alice' })))).toBeInstanceOf(TooManyRequestsException)
    expect((await c.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'bob' }))).Devices).toEqual([])
    expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['alice only', 'store', 'alice only', 'store'])
  })

  it('deviceKey: only calls naming that device', async () => {
    start()
    const me = await alice(2)
    const [target, other] = me.keys as [string, string]
    cognito.scenarios.use({ deviceKey: target, answer: { error: 'ResourceNotFoundException' } })
    const c = client()
    const error = await rejection(c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: target })))
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect((await c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: other }))).Device!.DeviceKey).toBe(other)
    expect((await c.send(new AdminGetDeviceCommand({ UserPoolId: me.poolId, Username: me.username, DeviceKey: other }))).Device!.DeviceKey).toBe(other)
    await rejection(c.send(new AdminGetDeviceCommand({ UserPoolId: me.poolId, Username: me.username, DeviceKey: target })))
    expect((await c.send(new ListDevicesCommand({ AccessToken: me.token }))).Devices!.length).toBe(me.keys.length)
  })

  it('input: only calls whose members equal the given values', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use({ input: { DeviceRememberedStatus: 'not_remembered' }, answer: INTERNAL })
    const c = client()
    const error = await rejection(c.send(new UpdateDeviceStatusCommand({ AccessToken: me.token, DeviceKey: me.keys[0], DeviceRememberedStatus: 'not_remembered' })))
    expect(error).toBeInstanceOf(InternalErrorException)
    expect(cognito.devices.get(me.poolId, me.username, me.keys[0]!)!.rememberedStatus).toBe('remembered')
    await c.send(new UpdateDeviceStatusCommand({ AccessToken: me.token, DeviceKey: me.keys[0], DeviceRememberedStatus: 'remembered' }))
    expect(cognito.requests.list().map((r) => r.status)).toEqual([500, 200])
  })

  it('operations: one or several', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use({ operations: ['GetDevice', 'AdminGetDevice'], answer: INTERNAL })
    const c = client()
    expect(await rejection(c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))).toBeInstanceOf(InternalErrorException)
    expect(await rejection(c.send(new AdminGetDeviceCommand({ UserPoolId: me.poolId, Username: me.username, DeviceKey: me.keys[0] })))).toBeInstanceOf(
      InternalErrorException,
    )
    expect((await c.send(new ListDevicesCommand({ AccessToken: me.token }))).$metadata.httpStatusCode).toBe(200)
  })

  it('an invalid rule is refused by use() with a [cognito-device-mock] error, and nothing is added', () => {
    start()
    cognito.scenarios.use('throttled')
    const before = cognito.scenarios.active()
    for (const rule of [
      { answer: { status: 99 } },
      { answer: { status: 700 } },
      { times: 0 },
      { times: 'sometimes' },
      { probability: 2 },
      { operations: 'CreateGroup' },
      { answer: 'real', sequence: ['real'] },
    ]) {
      expect(() => cognito.scenarios.use(rule as ScenarioRule)).toThrow(/^\[cognito-device-mock\] /)
    }
    expect(() => cognito.scenarios.use('nope')).toThrow(/^\[cognito-device-mock\] no scenario named "nope"/)
    expect(cognito.scenarios.active()).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------------
// Precedence and lifetime
// ---------------------------------------------------------------------------------------------------

describe('precedence', () => {
  it('a later use() wins over an earlier one where both match; the earlier answers the rest', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use('throttled')
    cognito.scenarios.use({ name: 'get fails', operations: 'GetDevice', answer: INTERNAL })
    const c = client()
    expect(await rejection(c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))).toBeInstanceOf(InternalErrorException)
    expect(await rejection(c.send(new ListDevicesCommand({ AccessToken: me.token })))).toBeInstanceOf(TooManyRequestsException)
    expect(cognito.scenarios.active().map((l) => l.source)).toEqual(['rule', 'throttled'])
  })

  it('inside one use(), the first matching rule wins', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use([
      { name: 'first', operations: 'ListDevices', answer: INTERNAL },
      { name: 'second', answer: THROTTLE },
    ])
    expect(await listOutcomes(me.token, 2)).toEqual(['InternalErrorException', 'InternalErrorException'])
    expect(await rejection(client().send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))).toBeInstanceOf(TooManyRequestsException)
  })

  it('spent rules fall through: to the next rule, to older layers, then to the store', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use({ name: 'old', times: 1, answer: { error: 'NotAuthorizedException' } })
    cognito.scenarios.use([
      { name: 'a', times: 1, answer: INTERNAL },
      { name: 'b', times: 1, answer: THROTTLE },
    ])
    expect(await listOutcomes(me.token, 4)).toEqual(['InternalErrorException', 'TooManyRequestsException', 'NotAuthorizedException', 'ok'])
    expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['a', 'b', 'old', 'store'])
  })

  it('active() reports each layer, most recent first, with fired and remaining', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use('throttled')
    cognito.scenarios.use({ name: 'twice', operations: 'ListDevices', times: 2, answer: INTERNAL })
    await listOutcomes(me.token, 3)
    expect(cognito.scenarios.active()).toEqual([
      { source: 'rule', rules: [{ name: 'twice', rule: { name: 'twice', operations: 'ListDevices', times: 2, answer: INTERNAL }, fired: 2, remaining: 0 }] },
      { source: 'throttled', rules: [{ name: 'throttled', rule: presets.find((p) => p.name === 'throttled')!.rules[0], fired: 1, remaining: 'always' }] },
    ])
  })

  it('scenarios.clear() removes every rule but keeps the state', async () => {
    start()
    const me = await alice(2)
    const c = client()
    await c.send(new ForgetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] }))
    cognito.scenarios.use('offline')
    cognito.scenarios.use('throttled')
    cognito.scenarios.clear()
    expect(cognito.scenarios.active()).toEqual([])
    const out = await c.send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))
    expect(out.Devices!.map((d) => d.DeviceKey).sort()).toEqual(me.keys.slice(1).sort())
    expect(cognito.requests.list()).toHaveLength(2)
  })

  it('reset() restores the seed, the initial scenario option (fresh counters) and an empty log', async () => {
    start({ seed: 42, scenario: { name: 'initial', operations: 'GetDevice', times: 1, answer: INTERNAL } })
    const seeded = withoutNow(cognito.snapshot())
    const me = await alice(2)
    const c = client()
    expect(await rejection(c.send(new GetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))).toBeInstanceOf(InternalErrorException)
    await c.send(new ForgetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] }))
    cognito.scenarios.use('offline')
    expect(cognito.scenarios.active()).toHaveLength(2)

    cognito.reset()
    expect(cognito.requests.list()).toEqual([])
    expect(withoutNow(cognito.snapshot())).toEqual(seeded)
    expect(cognito.scenarios.active()).toEqual([
      { source: 'rule', rules: [{ name: 'initial', rule: { name: 'initial', operations: 'GetDevice', times: 1, answer: INTERNAL }, fired: 0, remaining: 1 }] },
    ])
    const token = await cognito.tokens.issue(me.poolId, me.username)
    expect(await rejection(c.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: me.keys[0] })))).toBeInstanceOf(InternalErrorException)
    expect((await c.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: me.keys[0] }))).Device!.DeviceKey).toBe(me.keys[0])
  })

  it('reset() with a preset as the initial scenario, and without any', async () => {
    start({ seed: 42, scenario: 'no-devices' })
    cognito.scenarios.clear()
    cognito.scenarios.use('throttled')
    cognito.reset()
    expect(cognito.scenarios.active().map((l) => l.source)).toEqual(['no-devices'])
    const pool = cognito.pools.list()[0]!
    for (const user of cognito.users.list(pool.id)) expect(cognito.devices.list(pool.id, user.username)).toEqual([])

    start({ seed: 42 })
    cognito.scenarios.use('throttled')
    cognito.reset()
    expect(cognito.scenarios.active()).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------
// register
// ---------------------------------------------------------------------------------------------------

describe('register', () => {
  it('adds a scenario usable by name, listed with the presets', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.register({
      name: 'forget-fails',
      description: 'Forgetting a device fails once.',
      rules: [{ name: 'forget once', operations: ['ForgetDevice', 'AdminForgetDevice'], times: 'once', answer: INTERNAL }],
    })
    expect(cognito.scenarios.list().map((s) => s.name)).toContain('forget-fails')
    expect(cognito.scenarios.list()).toHaveLength(presets.length + 1)
    cognito.scenarios.use('forget-fails')
    const c = client()
    expect(await rejection(c.send(new ForgetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))).toBeInstanceOf(InternalErrorException)
    expect(cognito.devices.get(me.poolId, me.username, me.keys[0]!)).toBeDefined()
    await c.send(new ForgetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] }))
    expect(cognito.devices.get(me.poolId, me.username, me.keys[0]!)).toBeUndefined()
    expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['forget once', 'store'])
  })

  it('a registered scenario with a world re-seeds the store when used', () => {
    start()
    cognito.scenarios.register({ name: 'two-pools', world: { pools: 2, usersPerPool: 1 }, rules: [] })
    expect(cognito.pools.list()).toHaveLength(1)
    cognito.scenarios.use('two-pools')
    expect(cognito.pools.list()).toHaveLength(2)
  })

  it('refuses bad names and bad rules with [cognito-device-mock] errors, registering nothing', () => {
    start()
    const bad: [unknown, RegExp][] = [
      [{ name: 'Has Spaces', rules: [] }, /kebab-case/],
      [{ name: '', rules: [] }, /kebab-case/],
      [{ name: 'UPPER', rules: [] }, /kebab-case/],
      [{ name: 'bad-status', rules: [{ answer: { status: 600 } }] }, /scenario "bad-status", rule 1: status must be an HTTP status/],
      [{ name: 'bad-times', rules: [{ answer: 'real' }, { times: -2 }] }, /scenario "bad-times", rule 2: times/],
      [{ name: 'bad-probability', rules: [{ probability: 2 }] }, /probability is a number from 0 to 1/],
      [{ name: 'bad-operation', rules: [{ operations: ['GetDevice', 'DeleteGroup'] }] }, /"DeleteGroup" is not a device operation/],
      [{ name: 'both', rules: [{ answer: THROTTLE, sequence: [THROTTLE] }] }, /either answer or sequence/],
      [{ name: 'bad-world', world: { pools: -1 }, rules: [] }, /world\.pools/],
    ]
    for (const [scenario, message] of bad) {
      expect(() => cognito.scenarios.register(scenario as never)).toThrow(message)
      expect(() => cognito.scenarios.register(scenario as never)).toThrow(/^\[cognito-device-mock\] /)
    }
    expect(cognito.scenarios.list()).toHaveLength(presets.length)
  })

  it('use() of a scenario whose world fails only when grown (two users of one name) leaves rules and state untouched', () => {
    start()
    const before = cognito.snapshot()
    const world = { pools: [{ users: [{ username: 'ada' }, { username: 'ADA' }] }] }
    expect(() => cognito.scenarios.use({ name: 'twins', world, rules: [{ answer: THROTTLE }] })).toThrow(/usernames are unique/)
    expect(cognito.scenarios.active()).toEqual([])
    expect(cognito.snapshot()).toEqual(before)
  })

  it('use() of a scenario with a bad world throws and leaves rules and state untouched', () => {
    start()
    const before = cognito.snapshot()
    expect(() => cognito.scenarios.use({ name: 'bad', world: { devicesPerUser: { min: 2, max: 1 } }, rules: [{ answer: THROTTLE }] })).toThrow(
      /^\[cognito-device-mock\] scenario "[\w-]+": world is not a world description:\n {2}world\.devicesPerUser/,
    )
    expect(cognito.scenarios.active()).toEqual([])
    expect(cognito.snapshot()).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------------

describe('answers', () => {
  it('{ status, body, headers } answers exactly that, with a request id', async () => {
    start()
    cognito.scenarios.use([
      { operations: 'GetDevice', answer: { status: 418, body: { teapot: true, nested: [1, 'two'] }, headers: { 'x-custom': 'yes', 'Content-Type': 'application/json' } } },
      { operations: 'ListDevices', answer: { status: 503, body: '<html>Service Unavailable</html>' } },
      { operations: 'ForgetDevice', answer: { status: 204 } },
      { operations: 'UpdateDeviceStatus', answer: { status: 200, body: null } },
    ])
    const teapot = await wire('GetDevice', {})
    expect(teapot.status).toBe(418)
    expect(teapot.text).toBe('{"teapot":true,"nested":[1,"two"]}')
    expect(teapot.headers.get('x-custom')).toBe('yes')
    expect(teapot.headers.get('content-type')).toBe('application/json')
    expect(teapot.headers.get('x-amzn-errortype')).toBeNull()
    expect(teapot.headers.get('x-amzn-requestid')).toMatch(UUID_V4)
    const html = await wire('ListDevices', {})
    expect(html.status).toBe(503)
    expect(html.text).toBe('<html>Service Unavailable</html>')
    expect(html.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    const empty = await wire('ForgetDevice', {})
    expect(empty.status).toBe(204)
    expect(empty.text).toBe('')
    const nullBody = await wire('UpdateDeviceStatus', {})
    expect(nullBody.status).toBe(200)
    expect(nullBody.text).toBe('null')
    expect(cognito.requests.list().map((r) => [r.operation, r.status, r.errorType])).toEqual([
      ['GetDevice', 418, undefined],
      ['ListDevices', 503, undefined],
      ['ForgetDevice', 204, undefined],
      ['UpdateDeviceStatus', 200, undefined],
    ])
    expect(cognito.requests.list()[0]!.requestId).toBe(teapot.headers.get('x-amzn-requestid'))
  })

  it('a scripted 200 body reaches the SDK as the output', async () => {
    start()
    cognito.scenarios.use({ operations: 'ListDevices', answer: { status: 200, body: { Devices: [{ DeviceKey: 'us-east-1_0000', DeviceCreateDate: 1715100742.022 }], PaginationToken: 'next' } } })
    const out = await client().send(new ListDevicesCommand({ AccessToken: 'anything', Limit: 60 }))
    expect(out.Devices).toEqual([{ DeviceKey: 'us-east-1_0000', DeviceCreateDate: new Date(1715100742022) }])
    expect(out.PaginationToken).toBe('next')
  })

  it("'hang' never resolves, and other requests are answered meanwhile", async () => {
    start()
    const me = await alice(1)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    cognito.scenarios.use({ name: 'stuck', operations: 'GetDevice', answer: 'hang' })
    let answered = false
    const hung = cognito.handle(await cognitoRequest('GetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] })).then(() => {
      answered = true
      return 'answered' as const
    })
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000))
    const race = Promise.race([hung, timeout])
    // Behind the hung call, the queue still moves: a user call, an admin call, and a second hang.
    const second = cognito.handle(await cognitoRequest('GetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] }))
    const list = await cognito.handle(await cognitoRequest('ListDevices', { AccessToken: me.token, Limit: 60 }))
    expect(list.status).toBe(200)
    const admin = await cognito.handle(await cognitoRequest('AdminListDevices', { UserPoolId: me.poolId, Username: me.username }))
    expect(admin.status).toBe(200)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await race).toBe('timeout')
    await settle()
    expect(answered).toBe(false)
    void second
    expect(cognito.requests.list().map((r) => [r.operation, r.answeredBy, r.status])).toEqual([
      ['GetDevice', 'stuck', undefined],
      ['GetDevice', 'stuck', undefined],
      ['ListDevices', 'store', 200],
      ['AdminListDevices', 'store', 200],
    ])
  })

  it('latency does not hold the queue: later calls are answered while a slow one waits', async () => {
    start()
    const me = await alice(1)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    cognito.scenarios.use({ name: 'slow get', operations: 'GetDevice', latency: '10s', answer: THROTTLE })
    let done = false
    const slow = cognito.handle(await cognitoRequest('GetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] })).then((r) => {
      done = true
      return r
    })
    const fast = await cognito.handle(await cognitoRequest('ListDevices', { AccessToken: me.token }))
    expect(fast.status).toBe(200)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(9_999)
    await settle()
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const response = await slow
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException:')
  })

  it("a 'real' rule with latency changes the state after the delay, not before", async () => {
    start()
    const me = await alice(1)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    cognito.scenarios.use({ name: 'slow forget', operations: 'ForgetDevice', latency: 1000 })
    const pending = cognito.handle(await cognitoRequest('ForgetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] }))
    await until(() => cognito.requests.list().length === 1, 'the call is logged')
    await vi.advanceTimersByTimeAsync(999)
    await settle()
    expect(cognito.devices.get(me.poolId, me.username, me.keys[0]!)).toBeDefined()
    expect(cognito.requests.list()[0]!.status).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    const response = await pending
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(cognito.devices.get(me.poolId, me.username, me.keys[0]!)).toBeUndefined()
    expect(cognito.requests.list().map((r) => [r.answeredBy, r.status])).toEqual([['slow forget', 200]])
  })
})

// ---------------------------------------------------------------------------------------------------
// Scripted failures never change state
// ---------------------------------------------------------------------------------------------------

describe('scripted failures never change state', () => {
  const failures: [string, ScenarioAnswer][] = [
    ['a modeled error', INTERNAL],
    ['ResourceNotFoundException', { error: 'ResourceNotFoundException' }],
    ['a network error', 'network-error'],
    ['a custom 200', { status: 200, body: {} }],
    ['a custom 503', { status: 503, body: 'down' }],
    ['a hang', 'hang'],
  ]

  /** For each mutating operation, a call that really changes state when the store answers it. */
  async function mutations(): Promise<[DeviceOperationName, object][]> {
    const me = await alice(2)
    const pending = cognito.devices.issueKey(me.poolId, me.username).DeviceKey
    return [
      ['ForgetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] }],
      ['AdminForgetDevice', { UserPoolId: me.poolId, Username: me.username, DeviceKey: me.keys[1] }],
      ['UpdateDeviceStatus', { AccessToken: me.token, DeviceKey: me.keys[0], DeviceRememberedStatus: 'not_remembered' }],
      ['AdminUpdateDeviceStatus', { UserPoolId: me.poolId, Username: me.username, DeviceKey: me.keys[1], DeviceRememberedStatus: 'not_remembered' }],
      ['ConfirmDevice', { AccessToken: me.token, DeviceKey: pending, DeviceName: 'nodejs', DeviceSecretVerifierConfig: { PasswordVerifier: 'cA==', Salt: 'cw==' } }],
    ]
  }

  it('control: each of these calls does change state when the store answers it', async () => {
    start()
    for (const [operation, input] of await mutations()) {
      const before = withoutNow(cognito.snapshot())
      const response = await cognito.handle(await cognitoRequest(operation, input))
      expect(response.status, operation).toBe(200)
      expect(withoutNow(cognito.snapshot()), operation).not.toEqual(before)
      cognito.restore({ ...before, now: cognito.clock.now() } as StoreSnapshot)
    }
  })

  for (const [label, answer] of failures) {
    it(`${label}, on every mutating operation`, async () => {
      start()
      const calls = await mutations()
      cognito.scenarios.use({ name: 'scripted', answer: answer as never, ...(typeof answer === 'object' && 'error' in answer ? { operations: calls.map(([op]) => op) } : {}) })
      const before = withoutNow(cognito.snapshot())
      for (const [operation, input] of calls) {
        const pending = cognito.handle(await cognitoRequest(operation, input))
        if (answer === 'hang') await settle()
        else {
          const response = await pending
          if (answer === 'network-error') expect(response.type).toBe('error')
          else expect(response.status).toBe(typeof answer === 'object' && 'status' in answer ? answer.status : statusOfScripted(answer))
        }
        expect(withoutNow(cognito.snapshot()), operation).toEqual(before)
      }
      expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(Array(calls.length).fill('scripted'))
    })
  }

  function statusOfScripted(answer: ScenarioAnswer): number {
    return typeof answer === 'object' && 'error' in answer && answer.error === 'InternalErrorException' ? 500 : 400
  }

  it('a scripted error on ForgetDevice through the SDK leaves the device listed', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use({ operations: 'ForgetDevice', answer: { error: 'ResourceNotFoundException' } })
    const before = withoutNow(cognito.snapshot())
    const c = client()
    expect(await rejection(c.send(new ForgetDeviceCommand({ AccessToken: me.token, DeviceKey: me.keys[0] })))).toBeInstanceOf(ResourceNotFoundException)
    expect(withoutNow(cognito.snapshot())).toEqual(before)
    expect((await c.send(new ListDevicesCommand({ AccessToken: me.token, Limit: 60 }))).Devices!.map((d) => d.DeviceKey)).toContain(me.keys[0])
  })
})

// ---------------------------------------------------------------------------------------------------
// The request log
// ---------------------------------------------------------------------------------------------------

describe('request log', () => {
  it('records operation, masked input, answeredBy, status, errorType and the answer\'s request id', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use([
      { name: 'throttle get', operations: 'GetDevice', answer: THROTTLE },
      { name: 'drop forget', operations: 'ForgetDevice', answer: 'network-error' },
    ])
    const list = await wire('ListDevices', { AccessToken: me.token, Limit: 60 })
    const get = await wire('GetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] })
    const admin = await wire('AdminGetDevice', { UserPoolId: me.poolId, Username: me.username, DeviceKey: me.keys[0] }, { signed: true })
    await rejection(wire('ForgetDevice', { AccessToken: me.token, DeviceKey: me.keys[0] }))
    const log = cognito.requests.list()
    expect(log.map(({ requestId: _id, at: _at, ...rest }) => rest)).toEqual([
      { operation: 'ListDevices', input: { AccessToken: '***', Limit: 60 }, answeredBy: 'store', status: 200 },
      { operation: 'GetDevice', input: { AccessToken: '***', DeviceKey: me.keys[0] }, answeredBy: 'throttle get', status: 400, errorType: 'TooManyRequestsException' },
      { operation: 'AdminGetDevice', input: { UserPoolId: me.poolId, Username: '***', DeviceKey: me.keys[0] }, answeredBy: 'store', status: 200 },
      { operation: 'ForgetDevice', input: { AccessToken: '***', DeviceKey: me.keys[0] }, answeredBy: 'drop forget', status: 0, errorType: 'NetworkError' },
    ])
    expect(log.slice(0, 3).map((r) => r.requestId)).toEqual([list, get, admin].map((a) => a.headers.get('x-amzn-requestid')))
    for (const record of log) expect(record.requestId).toMatch(UUID_V4)
    expect(new Set(log.map((r) => r.requestId)).size).toBe(4)
    // The log never holds the secret itself.
    expect(JSON.stringify(log)).not.toContain(me.token)
    expect(JSON.stringify(log)).not.toContain(me.username)
    // `at` is the mock's clock at arrival.
    expect(log[0]!.at).toBeLessThan(log[3]!.at)
    expect(log[3]!.at).toBeLessThanOrEqual(cognito.clock.now())
  })

  it('"ListDevices was called twice and the second call was throttled"', async () => {
    start()
    const me = await alice(1)
    cognito.scenarios.use({ name: 'second throttled', operations: 'ListDevices', sequence: ['real', THROTTLE] })
    await listOutcomes(me.token, 2)
    const calls = cognito.requests.list().filter((r) => r.operation === 'ListDevices')
    expect(calls).toHaveLength(2)
    expect(calls[0]!.status).toBe(200)
    expect(calls[1]).toMatchObject({ status: 400, errorType: 'TooManyRequestsException', answeredBy: 'second throttled' })
  })

  it('request ids stay unique when a scenario re-seeds the world', async () => {
    start()
    const before = await wire('ListDevices', {})
    cognito.scenarios.use('no-devices')
    const after = await wire('ListDevices', {})
    cognito.scenarios.use('many-devices')
    const third = await wire('ListDevices', {})
    const ids = [before, after, third].map((a) => a.headers.get('x-amzn-requestid'))
    expect(new Set(ids).size).toBe(3)
    expect(cognito.requests.list().map((r) => r.requestId)).toEqual(ids)
  })

  it('requests.clear() empties the log; later calls are logged again', async () => {
    start()
    const me = await alice(1)
    await listOutcomes(me.token, 2)
    expect(cognito.requests.list()).toHaveLength(2)
    cognito.requests.clear()
    expect(cognito.requests.list()).toEqual([])
    await listOutcomes(me.token, 1)
    expect(cognito.requests.list()).toHaveLength(1)
  })

  it('list() returns copies: changing them does not change the log', async () => {
    start()
    const me = await alice(1)
    await listOutcomes(me.token, 1)
    const [record] = cognito.requests.list()
    record!.answeredBy = 'tampered'
    ;(record!.input as Record<string, unknown>).Limit = 1
    expect(cognito.requests.list()[0]).toMatchObject({ answeredBy: 'store', input: { Limit: 60 } })
  })

  it('log: true prints one console.info line per call; the default is quiet', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    start({ seed: 42 })
    const quiet = await alice(1)
    await listOutcomes(quiet.token, 2)
    expect(info).not.toHaveBeenCalled()

    start({ seed: 42, log: true })
    const me = await alice(1)
    cognito.scenarios.use({ name: 'second throttled', operations: 'ListDevices', sequence: ['real', THROTTLE, 'network-error'] })
    await listOutcomes(me.token, 3)
    expect(info).toHaveBeenCalledTimes(3)
    const lines = info.mock.calls.map((args) => String(args[0]))
    expect(lines[0]).toMatch(/^\[cognito-device-mock\] ListDevices .*200/)
    expect(lines[1]).toMatch(/ListDevices .*400 TooManyRequestsException \(second throttled\)/)
    expect(lines[2]).toMatch(/ListDevices .*network error/)
    for (const line of lines) expect(line).not.toContain(me.token)
  })
})

// ---------------------------------------------------------------------------------------------------
// Without MSW: the same engine behind handle()
// ---------------------------------------------------------------------------------------------------

describe('handle() without MSW', () => {
  it('an idle mock (no scenario) and a mock with an empty scenario answer identically', async () => {
    const a = createCognitoMock({ seed: 5 })
    const b = createCognitoMock({ seed: 5, scenario: 'happy-path' })
    const pool = a.pools.list()[0]!
    const user = a.users.list(pool.id)[0]!
    const body = { UserPoolId: pool.id, Username: user.username, Limit: 60 }
    const ra = await a.handle(await cognitoRequest('AdminListDevices', body))
    const rb = await b.handle(await cognitoRequest('AdminListDevices', body))
    expect(rb.status).toBe(ra.status)
    expect(await rb.text()).toBe(await ra.text())
    expect(rb.headers.get('x-amzn-requestid')).toBe(ra.headers.get('x-amzn-requestid'))
  })
})
