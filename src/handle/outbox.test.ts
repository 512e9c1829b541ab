import { describe, expect, it } from 'vitest'
import { totpCode } from '../auth/totp.ts'
import { createCognitoMock } from '../mock.ts'
import { Runtime } from '../state/runtime.ts'
import type { OutboxMessage } from '../state/types.ts'
import { scenarioControl } from './control.ts'
import { currentTotpCode, outboxHandle } from './outbox.ts'
import { usersHandle } from './users.ts'

/** A seeded runtime with the handles under test; `send` stands for a sign-in that sent a code. */
function setup() {
  const runtime = new Runtime({ seed: 5, world: { pools: 2, usersPerPool: 2, devicesPerUser: 0 } })
  runtime.seedWorld()
  const [pool, other] = [...runtime.store.pools.values()]
  const [ada, bob] = runtime.store.usersOf(pool!.id)
  const send = (message: Partial<Omit<OutboxMessage, 'id'>> = {}) =>
    runtime.store.outbox.send({
      at: runtime.clock.now(),
      poolId: pool!.id,
      username: ada!.username,
      medium: 'SMS',
      destination: '+15555550123',
      purpose: 'mfa',
      code: '123456',
      text: 'Your authentication code is 123456. ',
      expiresAt: runtime.clock.now() + 180_000,
      ...message,
    })
  return { runtime, pool: pool!, other: other!, ada: ada!, bob: bob!, send, outbox: outboxHandle(runtime), users: usersHandle(runtime) }
}

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

describe('cognito.outbox', () => {
  it('a username filter also finds the address a code went to: an email-as-username user by the email they typed', () => {
    const { outbox, send, ada } = setup()
    send({ medium: 'EMAIL', destination: 'Ada.Lovelace@example.com', purpose: 'sign-up', code: '654321' })
    expect(outbox.code({ username: 'ada.lovelace@example.com', purpose: 'sign-up' })).toBe('654321')
    expect(outbox.list({ username: ada.username }).map((m) => m.code)).toEqual(['654321'])
    expect(outbox.list({ username: 'someone@example.com' })).toEqual([])
  })

  it('lists, filters (username case-insensitively), gives the last message and the newest code', () => {
    const { outbox, send, pool, other, ada, bob } = setup()
    expect(outbox.list()).toEqual([])
    expect(outbox.last()).toBeUndefined()
    send({ code: '111111' })
    send({ medium: 'EMAIL', destination: 'ada@example.com', code: '22222222' })
    send({ username: bob.username, code: '333333' })
    send({ poolId: other.id, code: '444444' })
    expect(outbox.list().map((m) => [m.id, m.code])).toEqual([[1, '111111'], [2, '22222222'], [3, '333333'], [4, '444444']])
    expect(outbox.list({ username: ada.username.toUpperCase(), poolId: pool.id }).map((m) => m.code)).toEqual(['111111', '22222222'])
    expect(outbox.list({ medium: 'SMS', poolId: pool.id }).map((m) => m.code)).toEqual(['111111', '333333'])
    expect(outbox.list({ purpose: 'mfa' })).toHaveLength(4)
    expect(outbox.last({ medium: 'EMAIL' })).toMatchObject({ id: 2, destination: 'ada@example.com', username: ada.username })
    expect(outbox.code()).toBe('444444')
    expect(outbox.code({ username: ada.username, medium: 'SMS' })).toBe('444444') // the other pool's ada
    expect(outbox.code({ username: ada.username, medium: 'SMS', poolId: pool.id })).toBe('111111')
    expect(outbox.code({ username: ada.username, poolId: pool.id })).toBe('22222222')
  })

  it('hands out copies', () => {
    const { outbox, send } = setup()
    send()
    outbox.list()[0]!.code = 'changed'
    outbox.last()!.code = 'changed'
    expect(outbox.code()).toBe('123456')
  })

  it('code() says what was asked and what the outbox holds', () => {
    const { outbox, send, ada } = setup()
    expect(() => outbox.code({ username: 'ada' })).toThrow(/^\[cognito-device-mock\] outbox\.code\(\{ username: "ada" \}\): the outbox is empty\./)
    expect(() => outbox.code()).toThrow(/outbox\.code\(any message\): the outbox is empty/)
    send()
    expect(() => outbox.code({ medium: 'EMAIL' })).toThrow(
      new RegExp(`^\\[cognito-device-mock\\] outbox\\.code\\(\\{ medium: "EMAIL" \\}\\): no message matches\\. The outbox holds 1 message: #1 SMS to \\+15555550123 for ${ada.username} \\(us-east-1_\\w+\\), purpose mfa\\.$`),
    )
    for (let i = 0; i < 6; i++) send()
    expect(() => outbox.code({ medium: 'EMAIL' })).toThrow(/holds 7 messages, the newest 5: #7 SMS .*; #3 SMS [^;]*\.$/)
  })

  it('refuses filters that would silently match everything or nothing', () => {
    const { outbox } = setup()
    expect(() => outbox.list({ user: 'ada' } as never)).toThrow(/outbox\.list: unknown filter member user; a filter takes poolId, username, medium, purpose/)
    expect(() => outbox.code({ medium: 'sms' } as never)).toThrow(/outbox\.code: filter\.medium must be "SMS" or "EMAIL", got "sms"/)
    expect(() => outbox.last({ username: 7 } as never)).toThrow(/filter\.username must be a string/)
    expect(() => outbox.list('ada' as never)).toThrow(TypeError)
  })

  it('onMessage hears each message as it is sent, until stopped; clear() empties the outbox', () => {
    const { outbox, send } = setup()
    const heard: OutboxMessage[] = []
    const stop = outbox.onMessage((message) => heard.push(message))
    send({ code: '000001' })
    send({ code: '000002' })
    stop()
    send({ code: '000003' })
    expect(heard.map((m) => [m.id, m.code])).toEqual([[1, '000001'], [2, '000002']])
    outbox.clear()
    expect(outbox.list()).toEqual([])
    expect(outbox.last()).toBeUndefined()
    // Ids are never reused.
    expect(send().id).toBe(4)
    expect(() => outbox.onMessage('nope' as never)).toThrow(/listener must be a function/)
  })
})

describe('cognito.users.totpCode', () => {
  it('the verified secret first, else the pending one, on the mock clock', () => {
    const { runtime, users, pool, ada } = setup()
    const user = runtime.store.getUser(pool.id, ada.username)!
    user.mfa = { enabled: ['totp'], pendingTotpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }
    expect(users.totpCode(pool.id, ada.username)).toBe(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', runtime.clock.now()))
    user.mfa.totpSecret = SECRET
    const now = runtime.clock.now()
    expect(users.totpCode(pool.id, ada.username)).toBe(totpCode(SECRET, now))
    expect(users.totpCode(pool.id, ada.username)).toMatch(/^\d{6}$/)
    runtime.clock.advance('30s')
    expect(users.totpCode(pool.id, ada.username)).toBe(totpCode(SECRET, now + 30_000))
  })

  it('else the newest live MFA_SETUP sign-in of that user', () => {
    const { runtime, users, pool, other, ada, bob } = setup()
    const now = runtime.clock.now()
    const session = (id: string, username: string, setupSecret: string, expiresAt: number, poolId = pool.id) =>
      runtime.store.addSession(
        { session: id, challenge: 'MFA_SETUP', poolId, clientId: 'c', username, expiresAt, mfa: { attempts: 0, setupSecret } },
        now,
      )
    session('expired', ada.username, 'MFZWIZLTMVZWK43FONSXGZLTMVZWK43F', now - 1)
    session('older', ada.username, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', now + 60_000)
    session('newer', ada.username, SECRET, now + 120_000)
    session('bob', bob.username, 'MFZWIZLTMVZWK43FONSXGZLTMVZWK43F', now + 180_000)
    session('other pool', ada.username, 'MFZWIZLTMVZWK43FONSXGZLTMVZWK43F', now + 180_000, other.id)
    expect(users.totpCode(pool.id, ada.username)).toBe(totpCode(SECRET, now))
    expect(currentTotpCode(runtime, pool.id, bob.username)).toBe(totpCode('MFZWIZLTMVZWK43FONSXGZLTMVZWK43F', now))
  })

  it('says so when the user has no secret, or does not exist', () => {
    const { users, pool, ada } = setup()
    expect(() => users.totpCode(pool.id, ada.username)).toThrow(
      new RegExp(`^\\[cognito-device-mock\\] users\\.totpCode: user "${ada.username}" in pool ${pool.id} has no authenticator secret: none verified`),
    )
    expect(() => users.totpCode(pool.id, 'nobody')).toThrow(/users\.totpCode: no user "nobody" in pool/)
    expect(() => users.totpCode('us-east-1_nope', ada.username)).toThrow(/users\.totpCode: no user pool "us-east-1_nope"\. Known pools: /)
  })
})

describe('the outbox and TOTP codes on the public mock and the window control', () => {
  it('createCognitoMock exposes them; the control returns JSON, totpCode defaulting to the first pool', () => {
    const cognito = createCognitoMock({ seed: 9, world: { pools: 2, usersPerPool: 1, devicesPerUser: 0 } })
    const [pool, second] = cognito.pools.list()
    const [ada] = cognito.users.list(pool!.id)
    const [zoe] = cognito.users.list(second!.id)
    const snapshot = cognito.snapshot()
    const message: OutboxMessage = {
      id: 1, at: snapshot.now, poolId: pool!.id, username: ada!.username, medium: 'EMAIL', destination: ada!.email,
      purpose: 'mfa', code: '87654321', text: 'Your code is 87654321', expiresAt: snapshot.now + 300_000,
    }
    cognito.restore({
      ...snapshot,
      users: snapshot.users.map((u) => (u.username === ada!.username || u.username === zoe!.username ? { ...u, mfa: { enabled: ['totp'], totpSecret: SECRET } } : u)),
      outbox: [message],
    })
    expect(cognito.outbox.code({ username: ada!.username })).toBe('87654321')
    const control = scenarioControl(cognito)
    expect(control.outbox({ medium: 'EMAIL' })).toEqual([message])
    expect(control.outbox()).toEqual(JSON.parse(JSON.stringify(control.outbox())))
    expect(control.lastCode()).toBe('87654321')
    expect(() => control.lastCode({ medium: 'SMS' })).toThrow(/no message matches/)
    const code = totpCode(SECRET, cognito.clock.now())
    expect(control.totpCode(ada!.username)).toBe(code)
    expect(control.totpCode(zoe!.username, second!.id)).toBe(code)
    expect(() => control.totpCode(zoe!.username)).toThrow(/no user/)
    expect(cognito.users.totpCode(pool!.id, ada!.username)).toBe(code)
  })

  it('the control reaches them by name through state(), and an empty mock says it has no pool', async () => {
    const cognito = createCognitoMock({ seed: 9 })
    const control = scenarioControl(cognito)
    expect(await control.state('outbox.list')).toEqual([])
    expect(await control.state('outbox.last')).toBeNull()
    await control.state('outbox.clear')
    await expect(control.state('outbox.code')).rejects.toThrow(/the outbox is empty/)
    const empty = scenarioControl(createCognitoMock({ seed: 9, world: { pools: 0 } }))
    expect(() => empty.totpCode('ada')).toThrow(/totpCode: no poolId given and the mock has no user pools/)
  })

  it('reset() empties the outbox; a snapshot carries it', () => {
    const cognito = createCognitoMock({ seed: 9 })
    const [pool] = cognito.pools.list()
    const snapshot = cognito.snapshot()
    const message: OutboxMessage = {
      id: 3, at: snapshot.now, poolId: pool!.id, username: 'x', medium: 'SMS', destination: '+15555550100', purpose: 'mfa', code: '246810', text: '246810', expiresAt: snapshot.now + 1,
    }
    cognito.restore({ ...snapshot, outbox: [message] })
    expect(cognito.snapshot().outbox).toEqual([message])
    cognito.reset()
    expect(cognito.outbox.list()).toEqual([])
  })
})

describe('codes from a real sign-in', () => {
  it('the SMS code from the outbox and the authenticator code from users.totpCode answer the challenges', async () => {
    const cognito = createCognitoMock({
      seed: 11,
      world: {
        pools: [
          {
            mfa: { mode: 'on', factors: ['sms', 'totp'] },
            users: [
              { username: 'sam', password: 'Secret-123!', phoneNumber: '+15555550142', mfa: ['sms'] },
              { username: 'tia', password: 'Secret-123!', mfa: ['totp'] },
            ],
          },
        ],
      },
    })
    const [pool] = cognito.pools.list()
    const ClientId = pool!.clients[0]!.clientId
    const call = async (operation: string, body: unknown) => {
      const response = await cognito.handle(
        new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
          body: JSON.stringify(body),
        }),
      )
      return (await response.json()) as { ChallengeName?: string; Session?: string; AuthenticationResult?: { AccessToken: string } }
    }
    const start = (USERNAME: string) => call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD: 'Secret-123!' } })

    const sms = await start('sam')
    expect(sms.ChallengeName).toBe('SMS_MFA')
    expect(cognito.outbox.last({ username: 'SAM' })).toMatchObject({ medium: 'SMS', destination: '+15555550142', purpose: 'mfa' })
    const smsDone = await call('RespondToAuthChallenge', {
      ClientId, ChallengeName: 'SMS_MFA', Session: sms.Session, ChallengeResponses: { USERNAME: 'sam', SMS_MFA_CODE: cognito.outbox.code({ username: 'sam', medium: 'SMS' }) },
    })
    expect(smsDone.AuthenticationResult?.AccessToken).toEqual(expect.any(String))

    const totp = await start('tia')
    expect(totp.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
    const totpDone = await call('RespondToAuthChallenge', {
      ClientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: totp.Session, ChallengeResponses: { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE: cognito.users.totpCode(pool!.id, 'tia') },
    })
    expect(totpDone.AuthenticationResult?.AccessToken).toEqual(expect.any(String))
  })
})
