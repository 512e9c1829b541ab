import { describe, expect, it, vi } from 'vitest'
import { g, N } from '../src/auth/srp.ts'
import { modPow } from '../src/lib/bigint.ts'
import { createCognitoMock, type CognitoMock, type UserPoolRecord, type UserRecord } from '../src/index.ts'
import { Store } from '../src/state/store.ts'
import type { AuthSessionRecord, PendingDeviceRecord, RefreshTokenRecord } from '../src/state/types.ts'
import { cognitoRequest } from './support.ts'

/**
 * Sign-in state is pruned on the mock's clock once it can no longer change an answer (refresh tokens an hour
 * after they expire, expired sessions, a user's oldest unconfirmed device keys past 100), and pruning shows
 * in no answer: a pruned refresh token or session is refused exactly as its record was.
 */

const DAY = 86_400_000

async function call(cognito: CognitoMock, operation: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await cognito.handle(await cognitoRequest(operation, body))
  const text = await response.text()
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) }
}

function setUp(seed = 3) {
  const cognito = createCognitoMock({ seed, world: { pools: 1, usersPerPool: 2, devicesPerUser: { min: 0, max: 1 } } })
  const pool = cognito.pools.list()[0] as UserPoolRecord
  const [ada, bob] = cognito.users.list(pool.id) as [UserRecord, UserRecord]
  return { cognito, pool, ada, bob, web: pool.clients[0]!.clientId }
}

const refresh = (cognito: CognitoMock, clientId: string, token: string, extra: Record<string, string> = {}) =>
  call(cognito, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token, ...extra } })

describe('pruning sign-in state', () => {
  it('2,000 sign-ins over 100 days: the store keeps what can still be presented, and no more', async () => {
    const { cognito, pool, ada, bob, web } = setUp()
    const password = async (user: UserRecord) =>
      call(cognito, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: web, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } })
    const early: string[] = []
    for (let i = 0; i < 2000; i++) {
      if (i % 10 === 0) expect((await password(bob)).status).toBe(200)
      else {
        const result = await cognito.signIn(pool.id, ada.username)
        if (i === 1 || i === 55 * 20 + 1) early.push(result.RefreshToken!)
      }
      if (i % 20 === 19) cognito.clock.advance('1d')
    }
    const state = cognito.snapshot()
    // 20 sign-ins a day, each kept 30 days and an hour: at most 31 days' worth.
    expect(state.refreshTokens!.length).toBeLessThanOrEqual(31 * 20)
    expect(state.issuedTokenIds.reduce((n, user) => n + user.ids.length, 0)).toBe(state.refreshTokens!.length)
    expect(state.pending.filter((p) => p.username === ada.username)).toHaveLength(100)
    expect(state.pending.filter((p) => p.username === bob.username)).toHaveLength(100)
    // Tombstones are kept for 30–60 days after a token could last be used (fidelity.prunedRecordsKeptFor), then dropped.
    const tombstones = state.pruned!.refreshTokens!.reduce((n, owner) => n + owner.tokens.length, 0)
    expect(tombstones).toBeGreaterThanOrEqual(30 * 20)
    expect(tombstones).toBeLessThanOrEqual(61 * 20)
    const [dayOne, dayFiftyFive] = early
    // Day 55's token (unusable since day 85) is still refused as expired; day 1's (since day 31) is unknown now.
    expect((await refresh(cognito, web, dayFiftyFive!)).json.message).toBe('Refresh Token has expired')
    expect((await refresh(cognito, web, dayOne!)).json.message).toBe('Invalid Refresh Token')
  })

  it('an expired refresh token answers the same before it is pruned and after', async () => {
    const { cognito, pool, ada, bob, web } = setUp()
    const server = pool.clients[1]!
    const kept = await cognito.signIn(pool.id, ada.username)
    const revoked = await cognito.signIn(pool.id, ada.username)
    const signedOut = await cognito.signIn(pool.id, bob.username)
    expect((await call(cognito, 'RevokeToken', { ClientId: web, Token: revoked.RefreshToken })).status).toBe(200)
    const probe = async () => [
      await refresh(cognito, web, kept.RefreshToken!),
      await refresh(cognito, web, revoked.RefreshToken!),
      await refresh(cognito, server.clientId, kept.RefreshToken!),
      await refresh(cognito, server.clientId, kept.RefreshToken!, { SECRET_HASH: 'AAAA' }),
      await call(cognito, 'GetTokensFromRefreshToken', { ClientId: web, RefreshToken: kept.RefreshToken }),
      await refresh(cognito, web, `${kept.RefreshToken!.slice(0, -4)}AAAA`),
    ]
    // Expired, but within the hour its family's access tokens may outlive it: still a record.
    cognito.clock.advance(30 * DAY + 30 * 60_000)
    const before = await probe()
    expect(cognito.snapshot().refreshTokens).toHaveLength(3)
    cognito.clock.advance('1h')
    expect(cognito.snapshot().refreshTokens).toHaveLength(0)
    const after = await probe()
    expect(after).toEqual(before)
    expect(after.map((answer) => answer.json.message)).toEqual([
      'Refresh Token has expired',
      'Refresh Token has been revoked',
      `Client ${server.clientId} is configured for secret but secret was not received`,
      'Invalid Refresh Token',
      'Refresh Token has expired',
      'Invalid Refresh Token',
    ])

    // Revocations still reach a pruned token: RevokeToken (its own client only), and a later global sign-out.
    const other = await call(cognito, 'RevokeToken', { ClientId: server.clientId, ClientSecret: server.clientSecret, Token: kept.RefreshToken })
    expect(other.json).toEqual({ __type: 'UnauthorizedException', message: 'The token was not issued to this client.' })
    expect((await call(cognito, 'RevokeToken', { ClientId: web, Token: kept.RefreshToken })).json).toEqual({})
    expect((await refresh(cognito, web, kept.RefreshToken!)).json.message).toBe('Refresh Token has been revoked')
    const fresh = await cognito.signIn(pool.id, bob.username)
    expect((await call(cognito, 'GlobalSignOut', { AccessToken: fresh.AccessToken })).status).toBe(200)
    expect((await refresh(cognito, web, signedOut.RefreshToken!)).json.message).toBe('Refresh Token has been revoked')

    // A removed user's pruned tokens are unknown, as their records were.
    cognito.users.remove(pool.id, ada.username)
    expect((await refresh(cognito, web, revoked.RefreshToken!)).json.message).toBe('Invalid Refresh Token')
    expect((await call(cognito, 'RevokeToken', { ClientId: server.clientId, ClientSecret: server.clientSecret, Token: revoked.RefreshToken })).json).toEqual({})
  })

  it('abandoned SRP sessions are pruned once expired; a pruned one is still refused as expired, once', async () => {
    const { cognito, ada, web } = setUp()
    const A = modPow(g, BigInt(`0x${'5c'.repeat(64)}`), N).toString(16)
    const blocks: string[] = []
    for (let i = 0; i < 40; i++) {
      const started = await call(cognito, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: web, AuthParameters: { USERNAME: ada.username, SRP_A: A } })
      blocks.push(started.json.ChallengeParameters.SECRET_BLOCK)
    }
    const answer = (block: string) =>
      call(cognito, 'RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: web,
        ChallengeResponses: { USERNAME: ada.username, PASSWORD_CLAIM_SECRET_BLOCK: block, TIMESTAMP: 'Thu Jan 15 09:30:00 UTC 2026', PASSWORD_CLAIM_SIGNATURE: 'AAAA' },
      })
    // A wrong proof spends its session: 39 are left to expire.
    expect((await answer(blocks[0]!)).json.message).toBe('Incorrect username or password.')
    cognito.clock.advance('4m')
    expect(cognito.snapshot().sessions).toHaveLength(0)
    expect(cognito.snapshot().pruned!.sessions![0]!.sessions).toHaveLength(39)
    expect((await answer(blocks[1]!)).json.message).toBe('Invalid session for the user, session is expired.')
    expect((await answer(blocks[1]!)).json.message).toBe('Invalid session for the user.')
  })

  it('a user keeps the newest 100 keys handed out and never confirmed; the newest still confirms', async () => {
    const { cognito, pool, ada } = setUp()
    const keys: string[] = []
    let last: { AccessToken: string } | undefined
    for (let i = 0; i < 150; i++) {
      const result = await cognito.signIn(pool.id, ada.username)
      keys.push(result.NewDeviceMetadata!.DeviceKey)
      last = result
    }
    expect(cognito.snapshot().pending.map((p) => p.key)).toEqual(keys.slice(50))
    const confirm = (key: string) => call(cognito, 'ConfirmDevice', { AccessToken: last!.AccessToken, DeviceKey: key, DeviceName: 'kept' })
    expect((await confirm(keys[49]!)).json).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' })
    expect((await confirm(keys[50]!)).status).toBe(200)
    expect((await confirm(keys[149]!)).status).toBe(200)
    expect(cognito.snapshot().pending).toHaveLength(98)
  })

  it('snapshots: one taken before pruning existed restores; a restored mock prunes and answers as the original', async () => {
    const original = setUp(5)
    const early = await original.cognito.signIn(original.pool.id, original.ada.username)
    const old = original.cognito.snapshot({ exact: true })
    expect(old).not.toHaveProperty('pruned')
    const restored = createCognitoMock({ seed: 5, world: { pools: 1, usersPerPool: 2, devicesPerUser: { min: 0, max: 1 } } })
    restored.restore(JSON.parse(JSON.stringify(old)))
    // The same calls on both, with pruning at different moments: the same answers and the same state.
    for (const cognito of [original.cognito, restored]) {
      for (let i = 0; i < 300; i++) {
        await cognito.signIn(original.pool.id, original.bob.username)
        if (i % 10 === 9) cognito.clock.advance('2d')
      }
    }
    expect(restored.snapshot({ exact: true })).toEqual(original.cognito.snapshot({ exact: true }))
    const answers = await Promise.all([original.cognito, restored].map((cognito) => refresh(cognito, original.web, early.RefreshToken!)))
    expect(answers.map((answer) => answer.json.message)).toEqual(['Refresh Token has expired', 'Refresh Token has expired'])

    // A snapshot with tombstones restores them.
    const again = createCognitoMock({ seed: 5, world: { pools: 1, usersPerPool: 2, devicesPerUser: { min: 0, max: 1 } } })
    again.restore(JSON.parse(JSON.stringify(original.cognito.snapshot())))
    expect((await refresh(again, original.web, early.RefreshToken!)).json.message).toBe('Refresh Token has expired')
  })

  it('the store sweeps as it goes, without a snapshot: amortised over additions, on the clock it is given', () => {
    const store = new Store()
    let now = 0
    let most = 0
    for (let i = 0; i < 20_000; i++) {
      now += 60_000
      const record = { token: `token-${i}`, poolId: 'p', username: 'u', sub: 's', clientId: 'c', originJti: `jti-${i}`, authTime: 0, issuedAt: now, expiresAt: now + DAY }
      store.addRefreshToken(record satisfies RefreshTokenRecord, now)
      store.addSession({ session: `session-${i}`, challenge: 'PASSWORD_VERIFIER', poolId: 'p', clientId: 'c', username: 'u', expiresAt: now + 180_000 } satisfies AuthSessionRecord, now)
      most = Math.max(most, store.refreshTokens.size + store.sessions.size)
    }
    // Alive at once: a day and an hour of refresh tokens (1,500) and 3 minutes of sessions; pruning lets at most half again pile up.
    expect(most).toBeLessThan(1.5 * 1503 + 256)
    expect(store.findRefreshToken('token-0', now)).toMatchObject({ pruned: true, revoked: false })
  })

  it('says so, once, when the clock is set back before what was pruned', async () => {
    const cognito = createCognitoMock({ seed: 9, world: { pools: 1, usersPerPool: 1, devicesPerUser: { min: 0, max: 0 } } })
    const pool = cognito.pools.list()[0]!
    const user = cognito.users.list(pool.id)[0]!
    const start = cognito.clock.now()
    await cognito.signIn(pool.id, user.username)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      cognito.clock.set(start) // nothing pruned yet: no warning
      cognito.clock.advance(31 * DAY)
      cognito.snapshot() // prunes the expired refresh token
      cognito.clock.set(start)
      cognito.clock.set(start + 1)
      expect(warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('clock.set() moved the clock back'))).toHaveLength(1)
    } finally {
      warn.mockRestore()
    }
  })

  it('a user who signs in thousands of times without confirming a device keeps a queue of about the newest 100 keys', async () => {
    const store = new Store()
    for (let i = 0; i < 5000; i++) {
      store.addPending({ poolId: 'p', username: 'u', key: `us-east-1_${i}`, groupKey: 'g', issuedAt: i, lastIp: '10.0.0.1' } satisfies PendingDeviceRecord, 100, i)
    }
    expect(store.footprint.pending).toBe(100)
    // The queue itself let go of the dropped keys too (it grew by one entry per sign-in before).
    expect(store.footprint.pendingQueued).toBeLessThanOrEqual(2 * 100 + 64)
  })
})
