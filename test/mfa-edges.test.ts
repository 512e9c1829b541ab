import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fidelity, type CognitoMock, type UserPoolRecord } from '../src/index.ts'
import { startMock, wire, type MockFixture } from './support.ts'

/**
 * The sign-in's second factor when things change under it, at the wire: a user or pool changed between two steps,
 * an abandoned authenticator set-up, what a right code verifies, what a new password's attributes change, and the
 * pool's rule that a required factor cannot be turned off.
 */

let fixture: MockFixture
let cognito: CognitoMock
let pool: UserPoolRecord
const PASSWORD = 'Correct-Horse-1'

beforeAll(() => {
  fixture = startMock({ seed: 5, world: { pools: 0 } })
  cognito = fixture.cognito
})
afterAll(() => fixture.close())
beforeEach(() => {
  cognito.reset()
  pool = cognito.pools.create({ deviceRemembering: 'always', mfa: { mode: 'on', factors: ['sms', 'totp', 'email'] } })
  cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, phoneNumber: '+15555550123', mfa: ['sms', 'totp'], preferredMfa: null })
})

const clientId = () => pool.clients[0]!.clientId
const start = (username = 'ada') => wire('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId(), AuthParameters: { USERNAME: username, PASSWORD } })
const respond = (ChallengeName: string, Session: string, responses: Record<string, string>) =>
  wire('RespondToAuthChallenge', { ChallengeName, ClientId: clientId(), Session, ChallengeResponses: { USERNAME: 'ada', ...responses } })

describe('a sign-in whose user or pool changes between steps', () => {
  it('SELECT_MFA_TYPE answered with SMS after the phone number is gone: refused, no code sent (not a 500)', async () => {
    const first = await start()
    expect(first.json.ChallengeName).toBe('SELECT_MFA_TYPE')
    cognito.users.update(pool.id, 'ada', { mfa: ['totp'], phoneNumber: null })
    const answer = await respond('SELECT_MFA_TYPE', first.json.Session, { ANSWER: 'SMS_MFA' })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({ __type: fidelity.mfaSelection.invalid.type, message: fidelity.mfaSelection.invalid.message })
    expect(cognito.outbox.list()).toEqual([])
  })

  it('a user disabled between the password and the code: "User is disabled.", the session spent', async () => {
    cognito.users.update(pool.id, 'ada', { preferredMfa: 'sms' })
    const first = await start()
    expect(first.json.ChallengeName).toBe('SMS_MFA')
    cognito.users.update(pool.id, 'ada', { enabled: false })
    const code = cognito.outbox.code({ username: 'ada' })
    expect((await respond('SMS_MFA', first.json.Session, { SMS_MFA_CODE: code })).json).toEqual({ __type: 'NotAuthorizedException', message: 'User is disabled.' })
    cognito.users.update(pool.id, 'ada', { enabled: true })
    expect((await respond('SMS_MFA', first.json.Session, { SMS_MFA_CODE: code })).json.message).toBe(fidelity.session.invalid)
  })
})

describe('what a step changes', () => {
  it("the ID token of a user with a phone number carries it, and the user's verified flags", async () => {
    cognito.users.update(pool.id, 'ada', { preferredMfa: 'sms', phoneVerified: false, emailVerified: false })
    const first = await start()
    const done = await respond('SMS_MFA', first.json.Session, { SMS_MFA_CODE: cognito.outbox.code({ username: 'ada' }) })
    const id = decodeJwt(done.json.AuthenticationResult.IdToken)
    expect(Object.keys(id)).toEqual(['sub', 'email_verified', 'iss', 'phone_number_verified', 'cognito:username', 'origin_jti', 'aud', 'event_id', 'token_use', 'auth_time', 'phone_number', 'exp', 'iat', 'jti', 'email'])
    // The right SMS code verified the number before the tokens were minted.
    expect(id).toMatchObject({ phone_number: '+15555550123', phone_number_verified: true, email_verified: false })
  })

  it('a right SMS code verifies the phone number', async () => {
    cognito.users.update(pool.id, 'ada', { preferredMfa: 'sms', phoneVerified: false })
    const first = await start()
    const done = await respond('SMS_MFA', first.json.Session, { SMS_MFA_CODE: cognito.outbox.code({ username: 'ada' }) })
    expect(done.json.AuthenticationResult.AccessToken).toBeTruthy()
    expect(cognito.users.get(pool.id, 'ada')!.phoneVerified).toBe(true)
  })

  it('an abandoned authenticator set-up leaves the user as they were; a finished one makes it theirs', async () => {
    cognito.users.create(pool.id, { username: 'bob', password: PASSWORD, phoneNumber: null, mfa: [] })
    cognito.pools.update(pool.id, { mfa: { mode: 'on', factors: ['totp'] } })
    const first = await start('bob')
    expect(first.json.ChallengeName).toBe('MFA_SETUP')
    const associated = await wire('AssociateSoftwareToken', { Session: first.json.Session })
    const secret = associated.json.SecretCode as string
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const before = cognito.users.get(pool.id, 'bob')!.mfa
    // During set-up, the handle's code is the set-up secret's (what the user's new authenticator shows).
    const verified = await wire('VerifySoftwareToken', { Session: associated.json.Session, UserCode: cognito.users.totpCode(pool.id, 'bob'), FriendlyDeviceName: 'phone' })
    expect(verified.json.Status).toBe('SUCCESS')
    expect(cognito.users.get(pool.id, 'bob')!.mfa).toEqual(before)
    const done = await wire('RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: clientId(), Session: verified.json.Session, ChallengeResponses: { USERNAME: 'bob' } })
    expect(done.json.AuthenticationResult.AccessToken).toBeTruthy()
    expect(cognito.users.get(pool.id, 'bob')!.mfa).toMatchObject({ enabled: ['totp'], preferred: 'totp', totpSecret: secret, totpName: 'phone' })
  })

  it('NEW_PASSWORD_REQUIRED: a changed email is no longer verified; the same one stays verified', async () => {
    cognito.pools.update(pool.id, { mfa: 'off' })
    cognito.users.create(pool.id, { username: 'cy', password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD', email: 'cy@example.com' })
    const first = await start('cy')
    expect(first.json.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    const done = await wire('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: clientId(),
      Session: first.json.Session,
      ChallengeResponses: { USERNAME: 'cy', NEW_PASSWORD: 'New-Horse-2', 'userAttributes.email': 'cy@example.org' },
    })
    expect(done.json.AuthenticationResult.AccessToken).toBeTruthy()
    expect(cognito.users.get(pool.id, 'cy')).toMatchObject({ email: 'cy@example.org', emailVerified: false, status: 'CONFIRMED' })
  })
})

describe('the pool keeps what it requires', () => {
  it('an `on` pool refuses to leave a user with no factor; an `optional` one allows it', async () => {
    const token = (await cognito.signIn(pool.id, 'ada')).AccessToken
    const off = { AccessToken: token, SMSMfaSettings: { Enabled: false }, SoftwareTokenMfaSettings: { Enabled: false } }
    const refused = await wire('SetUserMFAPreference', off)
    expect(refused.json).toEqual({ __type: 'InvalidParameterException', message: fidelity.mfaPreference.requiredByPool })
    expect(cognito.users.get(pool.id, 'ada')!.mfa!.enabled).toEqual(['sms', 'totp'])
    cognito.pools.update(pool.id, { mfa: 'optional' })
    expect((await wire('SetUserMFAPreference', off)).status).toBe(200)
    expect(cognito.users.get(pool.id, 'ada')!.mfa!.enabled).toEqual([])
  })

  it('pools.update with a mode alone keeps the remembered-device setting', () => {
    cognito.pools.update(pool.id, { mfa: { mode: 'on', factors: ['totp'], rememberedDevicesSkipMfa: false } })
    cognito.pools.update(pool.id, { mfa: 'off' })
    cognito.pools.update(pool.id, { mfa: 'on' })
    expect(cognito.pools.get(pool.id)!.mfa).toMatchObject({ mode: 'on', rememberedDevicesSkipMfa: false })
  })
})
