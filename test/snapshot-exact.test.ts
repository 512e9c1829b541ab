import { describe, expect, it } from 'vitest'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions } from '../src/index.ts'

/**
 * snapshot({ exact: true }): the state plus where the seeded streams stand, so that a restore carries on as the
 * mock that took it would have (what browser persistence saves across a reload). A plain snapshot is unchanged.
 */

const OPTIONS: CognitoMockOptions = { seed: 1337, world: { usersPerPool: 3, devicesPerUser: { min: 2, max: 4 }, deviceRemembering: ['always'] } }

async function listDevices(cognito: CognitoMock, accessToken: string): Promise<{ status: number; requestId: string | null }> {
  const response = await cognito.handle(
    new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      body: JSON.stringify({ AccessToken: accessToken }),
    }),
  )
  return { status: response.status, requestId: response.headers.get('x-amzn-requestid') }
}

/** What a mock draws next: a device key at sign-in, a device, a token, request ids and scenario probabilities. */
async function whatComesNext(cognito: CognitoMock) {
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id)[0]!
  const token = await cognito.tokens.issue(pool.id, user.username)
  const calls = []
  for (let i = 0; i < 6; i++) calls.push(await listDevices(cognito, token))
  return { key: cognito.devices.issueKey(pool.id, user.username), device: cognito.devices.create(pool.id, user.username), token, calls }
}

/** A mock that has drawn from every stream: tokens, keys, request ids, a probability rule. */
async function used(): Promise<CognitoMock> {
  const cognito = createCognitoMock(OPTIONS)
  cognito.scenarios.use({ operations: 'ListDevices', answer: { error: 'TooManyRequestsException' }, probability: 0.5 })
  await whatComesNext(cognito)
  return cognito
}

describe('snapshot({ exact: true })', () => {
  it('a plain snapshot is as before: no exact position', () => {
    expect(createCognitoMock(OPTIONS).snapshot()).not.toHaveProperty('exact')
    expect(createCognitoMock(OPTIONS).snapshot({ exact: false })).not.toHaveProperty('exact')
  })

  it('records the origin (seed, options, world shape) and the draws of each stream', async () => {
    const fresh = createCognitoMock(OPTIONS).snapshot({ exact: true })
    expect(fresh.exact).toEqual({
      origin: {
        seed: 1337,
        now: Date.parse('2026-01-15T09:30:00.000Z'),
        region: 'us-east-1',
        accountId: '123456789012',
        clock: 'logical',
        locale: 'cognito-device-mock',
        // The world as given (keys sorted), not with its defaults: a default that changes is a new library version.
        world: { usersPerPool: 3, devicesPerUser: { min: 2, max: 4 }, deviceRemembering: ['always'] },
      },
      draws: { runtime: 0, scenarios: 0, requestIds: 0 },
    })
    const { exact } = (await used()).snapshot({ exact: true })
    expect(exact!.draws.runtime).toBeGreaterThan(0)
    expect(exact!.draws.scenarios).toBe(6)
    expect(exact!.draws.requestIds).toBe(6)
    // A scenario's world re-seeds: the origin names the shape the state now grew from.
    const reseeded = createCognitoMock({ ...OPTIONS, scenario: 'no-devices' }).snapshot({ exact: true })
    expect(reseeded.exact!.origin.world.devicesPerUser).toEqual({ min: 0, max: 0 })
  })

  it('restored into a fresh mock, it goes on exactly as the original does', async () => {
    const original = await used()
    const exact = JSON.parse(JSON.stringify(original.snapshot({ exact: true })))
    const fresh = createCognitoMock(OPTIONS)
    fresh.scenarios.use({ operations: 'ListDevices', answer: { error: 'TooManyRequestsException' }, probability: 0.5 })
    fresh.restore(exact)
    expect(fresh.snapshot({ exact: true })).toEqual(exact)
    const [expected, actual] = [await whatComesNext(original), await whatComesNext(fresh)]
    expect(actual).toEqual(expected)
    expect(new Set(actual.calls.map((c) => c.status))).toEqual(new Set([200, 400]))
  })

  it('a plain snapshot restored into a fresh mock draws again from where the fresh mock stands', async () => {
    const original = await used()
    const fresh = createCognitoMock(OPTIONS)
    fresh.restore(original.snapshot())
    const firstCall = (await whatComesNext(createCognitoMock(OPTIONS))).calls[0]!
    // The fresh mock's request ids start over: its first id is the one the original gave its first call.
    expect((await whatComesNext(fresh)).calls[0]!.requestId).toBe(firstCall.requestId)
  })

  it('restored into the same mock, later draws repeat what followed the snapshot', async () => {
    const cognito = await used()
    const exact = cognito.snapshot({ exact: true })
    const after = await whatComesNext(cognito)
    cognito.restore(exact)
    expect(await whatComesNext(cognito)).toEqual(after)
  })

  it('a wall clock keeps its distance from real time, not the instant of the snapshot', () => {
    const cognito = createCognitoMock({ ...OPTIONS, clock: 'wall' })
    cognito.clock.advance('2h')
    const exact = cognito.snapshot({ exact: true })
    expect(exact.exact!.wallOffset).toBeGreaterThanOrEqual(2 * 3_600_000 - 5)
    const fresh = createCognitoMock({ ...OPTIONS, clock: 'wall' })
    fresh.restore({ ...exact, now: 0 })
    expect(Math.abs(fresh.clock.now() - (Date.now() + 2 * 3_600_000))).toBeLessThan(1_000)
  })

  it('refuses bad draw counts or world before changing anything', async () => {
    const cognito = await used()
    const before = cognito.snapshot({ exact: true })
    const bad = [
      { ...before, exact: { ...before.exact!, draws: { ...before.exact!.draws, runtime: -1 } } },
      { ...before, exact: { ...before.exact!, draws: { ...before.exact!.draws, requestIds: 1.5 } } },
      { ...before, exact: { ...before.exact!, draws: undefined } },
      { ...before, exact: { ...before.exact!, origin: { ...before.exact!.origin, world: 'one pool' } } },
    ]
    for (const snapshot of bad) {
      expect(() => cognito.restore(snapshot as never)).toThrow(/^\[cognito-device-mock\] /)
      expect(cognito.snapshot({ exact: true })).toEqual(before)
    }
  })
})
