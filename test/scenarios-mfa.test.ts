import {
  CodeMismatchException,
  ExpiredCodeException,
  EnableSoftwareTokenMFAException,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it } from 'vitest'
import { fidelity, type CognitoMock, type UserPoolRecord, type UserRecord } from '../src/index.ts'
import { presets } from '../src/scenarios/presets.ts'
import { rejection, sdkClient, startMock, type MockFixture } from './support.ts'

/**
 * The MFA presets through the unmodified SDK v3: each re-seeds a world whose first user meets the challenge it
 * promises (USER_PASSWORD_AUTH, so that the test needs no SRP), or scripts the refusal it names.
 */

/** The presets this file proves; test/scenarios.test.ts proves the others. */
export const MFA_PRESETS = [
  'mfa-totp',
  'mfa-sms',
  'mfa-email',
  'mfa-select',
  'mfa-setup-required',
  'mfa-remembered-devices-ignored',
  'new-password-required',
  'mfa-code-mismatch',
  'mfa-code-expired',
  'mfa-code-reused',
  'mfa-too-many-attempts',
  'mfa-setup-code-mismatch',
  'code-delivery-failure',
] as const

let fixture: MockFixture | undefined
let cognito: CognitoMock
let c: CognitoIdentityProviderClient

function start(preset: string): { pool: UserPoolRecord; user: UserRecord } {
  fixture = startMock({ seed: 42 })
  cognito = fixture.cognito
  c = sdkClient({ maxAttempts: 1 })
  cognito.scenarios.use(preset)
  const pool = cognito.pools.list()[0]!
  return { pool, user: cognito.users.list(pool.id)[0]! }
}

afterEach(() => {
  c?.destroy()
  fixture?.close()
  fixture = undefined
})

function passwordSignIn(pool: UserPoolRecord, user: UserRecord): Promise<InitiateAuthCommandOutput> {
  return c.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clients[0]!.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }),
  )
}

function answer(pool: UserPoolRecord, name: string, session: string | undefined, responses: Record<string, string>) {
  return c.send(new RespondToAuthChallengeCommand({ ClientId: pool.clients[0]!.clientId, ChallengeName: name as never, Session: session, ChallengeResponses: responses }))
}

const mfaTests: Record<(typeof MFA_PRESETS)[number], () => Promise<void>> = {
  'mfa-totp': async () => {
    const { pool, user } = start('mfa-totp')
    const first = await passwordSignIn(pool, user)
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
    const done = await answer(pool, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: cognito.users.totpCode(pool.id, user.username) })
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy()
    // Every user has the authenticator, not only the first.
    expect(cognito.users.list(pool.id).every((u) => u.mfa?.enabled.join() === 'totp')).toBe(true)
  },
  'mfa-sms': async () => {
    const { pool, user } = start('mfa-sms')
    const first = await passwordSignIn(pool, user)
    expect(first.ChallengeName).toBe('SMS_MFA')
    expect(first.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: `+${'*'.repeat(7)}${user.phoneNumber!.slice(-4)}` })
    const sent = cognito.outbox.last({ username: user.username })!
    expect(sent).toMatchObject({ medium: 'SMS', destination: user.phoneNumber, purpose: 'mfa' })
    expect(sent.code).toMatch(/^\d{6}$/)
    const done = await answer(pool, 'SMS_MFA', first.Session, { USERNAME: user.username, SMS_MFA_CODE: sent.code })
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy()
  },
  'mfa-email': async () => {
    const { pool, user } = start('mfa-email')
    const first = await passwordSignIn(pool, user)
    expect(first.ChallengeName).toBe('EMAIL_OTP')
    expect(first.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM).toBe('EMAIL')
    const code = cognito.outbox.code({ username: user.username })
    expect(code).toMatch(/^\d{8}$/)
    const done = await answer(pool, 'EMAIL_OTP', first.Session, { USERNAME: user.username, EMAIL_OTP_CODE: code })
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy()
  },
  'mfa-select': async () => {
    const { pool, user } = start('mfa-select')
    const first = await passwordSignIn(pool, user)
    expect(first.ChallengeName).toBe('SELECT_MFA_TYPE')
    expect(first.ChallengeParameters?.MFAS_CAN_CHOOSE).toBe('["SMS_MFA","SOFTWARE_TOKEN_MFA"]')
    const chosen = await answer(pool, 'SELECT_MFA_TYPE', first.Session, { USERNAME: user.username, ANSWER: 'SOFTWARE_TOKEN_MFA' })
    expect(chosen.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
    const done = await answer(pool, 'SOFTWARE_TOKEN_MFA', chosen.Session, { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: cognito.users.totpCode(pool.id, user.username) })
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy()
  },
  'mfa-setup-required': async () => {
    const { pool, user } = start('mfa-setup-required')
    const first = await passwordSignIn(pool, user)
    expect(first.ChallengeName).toBe('MFA_SETUP')
    expect(first.ChallengeParameters?.MFAS_CAN_SETUP).toBe('["SOFTWARE_TOKEN_MFA"]')
    expect(cognito.users.list(pool.id).every((u) => (u.mfa?.enabled ?? []).length === 0)).toBe(true)
  },
  'mfa-remembered-devices-ignored': async () => {
    const { pool, user } = start('mfa-remembered-devices-ignored')
    expect(cognito.pools.get(pool.id)!.mfa).toMatchObject({ mode: 'on', rememberedDevicesSkipMfa: false })
    const remembered = cognito.devices.list(pool.id, user.username).find((d) => d.rememberedStatus === 'remembered')!
    const first = await c.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: pool.clients[0]!.clientId,
        AuthParameters: { USERNAME: user.username, PASSWORD: user.password, DEVICE_KEY: remembered.key },
      }),
    )
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
  },
  'new-password-required': async () => {
    const { pool, user } = start('new-password-required')
    expect(user.status).toBe('FORCE_CHANGE_PASSWORD')
    const first = await passwordSignIn(pool, user)
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    expect(JSON.parse(first.ChallengeParameters!.requiredAttributes!)).toEqual([])
    expect(JSON.parse(first.ChallengeParameters!.userAttributes!)).toMatchObject({ email: user.email })
    const done = await answer(pool, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: user.username, NEW_PASSWORD: 'Fresh-Start-9' })
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy()
  },
  'mfa-code-mismatch': async () => {
    const { pool, user } = start('mfa-code-mismatch')
    cognito.pools.update(pool.id, { mfa: { mode: 'on', factors: ['totp'] } })
    cognito.users.update(pool.id, user.username, { mfa: ['totp'] })
    const first = await passwordSignIn(pool, user)
    const error = await rejection(answer(pool, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: cognito.users.totpCode(pool.id, user.username) }))
    expect(error).toBeInstanceOf(CodeMismatchException)
    expect(error.message).toBe('Invalid code or auth state for the user.')
  },
  'mfa-code-expired': async () => {
    const { pool, user } = start('mfa-code-expired')
    cognito.pools.update(pool.id, { mfa: { mode: 'on', factors: ['sms'] } })
    cognito.users.update(pool.id, user.username, { mfa: ['sms'] })
    const first = await passwordSignIn(pool, user)
    const error = await rejection(answer(pool, 'SMS_MFA', first.Session, { USERNAME: user.username, SMS_MFA_CODE: cognito.outbox.code({ username: user.username }) }))
    expect(error).toBeInstanceOf(NotAuthorizedException)
    expect(error.message).toBe(fidelity.session.expired)
  },
  'mfa-too-many-attempts': async () => {
    const { pool, user } = start('mfa-too-many-attempts')
    cognito.pools.update(pool.id, { mfa: { mode: 'on', factors: ['sms'] } })
    cognito.users.update(pool.id, user.username, { mfa: ['sms'] })
    const first = await passwordSignIn(pool, user)
    const code = cognito.outbox.code({ username: user.username })
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await rejection(answer(pool, 'SMS_MFA', first.Session, { USERNAME: user.username, SMS_MFA_CODE: code })))
    expect(answers.map((e) => e.name)).toEqual(['CodeMismatchException', 'CodeMismatchException', 'CodeMismatchException', 'NotAuthorizedException', 'NotAuthorizedException'])
    expect(answers[3].message).toBe('Invalid session for the user.')
  },
  'mfa-code-reused': async () => {
    const { pool, user } = start('mfa-code-reused')
    cognito.pools.update(pool.id, { mfa: { mode: 'on', factors: ['totp'] } })
    cognito.users.update(pool.id, user.username, { mfa: ['totp'] })
    const first = await passwordSignIn(pool, user)
    const error = await rejection(answer(pool, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: '123456' }))
    expect(error).toBeInstanceOf(ExpiredCodeException)
    expect(error.message).toBe('Your software token has already been used once.')
  },
  'mfa-setup-code-mismatch': async () => {
    start('mfa-setup-code-mismatch')
    const error = await rejection(c.send(new VerifySoftwareTokenCommand({ Session: 'AYABe'.padEnd(40, 'x'), UserCode: '123456' })))
    expect(error).toBeInstanceOf(EnableSoftwareTokenMFAException)
    expect(error.message).toBe('Code mismatch and fail enable Software Token MFA')
  },
  'code-delivery-failure': async () => {
    const { pool, user } = start('code-delivery-failure')
    const error = await rejection(passwordSignIn(pool, user))
    expect(error.name).toBe('CodeDeliveryFailureException')
    expect(error.message).toBe(fidelity.codeDeliveryFailure.message)
    expect(cognito.outbox.list()).toEqual([])
  },
}

describe('a rule scripting a sign-in exception without a message', () => {
  it('carries the wording the service uses at sign-in', async () => {
    const { pool, user } = start('happy-path')
    cognito.scenarios.use([
      { operations: 'InitiateAuth', answer: { error: 'NotAuthorizedException' }, times: 'once' },
      { operations: 'RespondToAuthChallenge', answer: { error: 'CodeMismatchException' }, times: 'once' },
      { operations: 'VerifySoftwareToken', answer: { error: 'EnableSoftwareTokenMFAException' }, times: 'once' },
    ])
    const wrong = await rejection(passwordSignIn(pool, user))
    expect(wrong).toBeInstanceOf(NotAuthorizedException)
    expect(wrong.message).toBe('Incorrect username or password.')
    const code = await rejection(answer(pool, 'SMS_MFA', 'AYABe'.padEnd(40, 'x'), { USERNAME: user.username, SMS_MFA_CODE: '123456' }))
    expect(code).toBeInstanceOf(CodeMismatchException)
    expect(code.message).toBe('Invalid code or auth state for the user.')
    const setup = await rejection(c.send(new VerifySoftwareTokenCommand({ Session: 'AYABe'.padEnd(40, 'x'), UserCode: '123456' })))
    expect(setup.message).toBe('Code mismatch and fail enable Software Token MFA')
  })
})

describe('MFA presets, by name, through the SDK', () => {
  it('every MFA preset has a test here', () => {
    const named = presets.map((p) => p.name).filter((name) => name.startsWith('mfa-') || name === 'new-password-required' || name === 'code-delivery-failure')
    expect([...MFA_PRESETS].sort()).toEqual(named.sort())
  })
  for (const [name, run] of Object.entries(mfaTests)) it(name, run)
})
