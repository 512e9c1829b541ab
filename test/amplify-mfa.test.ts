import { Amplify } from 'aws-amplify'
import {
  confirmSignIn,
  fetchAuthSession,
  fetchMFAPreference,
  forgetDevice,
  rememberDevice,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CognitoMock, UserPoolRecord } from '../src/index.ts'
import { ALL, answersOf, callsOf, codeFor, independentTotp, mfaWorld, PASSWORD, poolNamed, recordWire, userOf, wrongCode, type Factor } from './mfa-support.ts'
import { MemoryKeyValueStorage, startMock, type MockFixture } from './support.ts'

/**
 * The unmodified Amplify v6 (aws-amplify 6.22, @aws-amplify/auth 6.21.1, which sends DEVICE_KEY with the MFA
 * answer: amplify-js #14626) through every MFA step against the mock (WIRE §8): the steps `signIn` and
 * `confirmSignIn` return, TOTP set-up during sign-in and signed in, preferences, and the remembered device that
 * skips the second factor (WIRE §8.6), with the codes' errors (fidelity.mfa, fidelity.session).
 */


let fixture: MockFixture
let cognito: CognitoMock
let storage: MemoryKeyValueStorage
let wire: ReturnType<typeof recordWire>

beforeAll(() => {
  fixture = startMock(mfaWorld())
  cognito = fixture.cognito
  wire = recordWire()
})
afterAll(() => {
  wire.restore()
  fixture.close()
})
beforeEach(async () => {
  await signOut().catch(() => undefined)
  cognito.reset()
  wire.clear()
  storage = new MemoryKeyValueStorage()
})

function use(name: string): UserPoolRecord {
  const pool = poolNamed(cognito, name)
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0]!.clientId } } })
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
  return pool
}

/** A new browser: nothing stored, so no device key. */
async function newBrowser(): Promise<void> {
  await signOut().catch(() => undefined)
  storage = new MemoryKeyValueStorage()
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
}

const deviceKeyOf = (pool: UserPoolRecord, username: string) => storage.items.get(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.${username}.deviceKey`)

const stepOf = { totp: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', sms: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', email: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' } as const
const challengeOf = { totp: 'SOFTWARE_TOKEN_MFA', sms: 'SMS_MFA', email: 'EMAIL_OTP' } as const

/** Signs in with the password and answers the second factor the mock asks for. */
async function signInWithCode(pool: UserPoolRecord, username: string, factor: Factor): Promise<void> {
  const first = await signIn({ username, password: PASSWORD })
  expect(first.nextStep.signInStep).toBe(stepOf[factor])
  const done = await confirmSignIn({ challengeResponse: codeFor(cognito, pool, username, factor) })
  expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
}

async function accessClaims() {
  const { tokens } = await fetchAuthSession()
  return decodeJwt(tokens!.accessToken.toString())
}

describe('each second factor, step by step', () => {
  it('TOTP: CONFIRM_SIGN_IN_WITH_TOTP_CODE, then the authenticator code signs in and confirms the new device', async () => {
    const pool = use('always')
    const first = await signIn({ username: 'tina', password: PASSWORD })
    expect(first).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } })
    const challenge = wire.responds('PASSWORD_VERIFIER')[0]!.answer
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
    expect(challenge.ChallengeParameters).toEqual({ USER_ID_FOR_SRP: 'tina' })
    const code = cognito.users.totpCode(pool.id, 'tina')
    expect(code).toBe(independentTotp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', cognito.clock.now()))
    expect(await confirmSignIn({ challengeResponse: code })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SOFTWARE_TOKEN_MFA', 'ConfirmDevice'])
    const answer = wire.responds('SOFTWARE_TOKEN_MFA')[0]!
    expect(answer.body.ChallengeResponses).toEqual({ USERNAME: 'tina', SOFTWARE_TOKEN_MFA_CODE: code })
    expect(answer.body.Session).toBe(challenge.Session)
    expect(answer.answer.AuthenticationResult.NewDeviceMetadata.DeviceKey).toBe(deviceKeyOf(pool, 'tina'))
    expect((await accessClaims()).device_key).toBe(deviceKeyOf(pool, 'tina'))
  })

  it('SMS: CONFIRM_SIGN_IN_WITH_SMS_CODE with the masked phone number; the 6-digit code from the outbox signs in', async () => {
    const pool = use('always')
    const first = await signIn({ username: 'sam', password: PASSWORD })
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0100' } },
    })
    const message = cognito.outbox.last({ username: 'sam' })!
    expect(message).toMatchObject({ medium: 'SMS', destination: '+15555550100', purpose: 'mfa', poolId: pool.id })
    expect(message.code).toMatch(/^\d{6}$/)
    expect(message.text).toContain(message.code)
    expect(await confirmSignIn({ challengeResponse: cognito.outbox.code({ username: 'sam', medium: 'SMS' }) })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(wire.responds('SMS_MFA')[0]!.body.ChallengeResponses).toEqual({ USERNAME: 'sam', SMS_MFA_CODE: message.code })
  })

  it('email: CONFIRM_SIGN_IN_WITH_EMAIL_CODE with the masked address; the 8-digit code from the outbox signs in', async () => {
    use('always')
    const first = await signIn({ username: 'emma', password: PASSWORD })
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'e***@e***' } },
    })
    const code = cognito.outbox.code({ username: 'emma', medium: 'EMAIL' })
    expect(code).toMatch(/^\d{8}$/)
    expect(cognito.outbox.last()!.destination).toBe('emma@example.com')
    expect(await confirmSignIn({ challengeResponse: code })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(wire.responds('EMAIL_OTP')[0]!.body.ChallengeResponses).toEqual({ USERNAME: 'emma', EMAIL_OTP_CODE: code })
  })

  it.each([
    ['TOTP', 'totp'],
    ['SMS', 'sms'],
    ['EMAIL', 'email'],
  ] as const)('several factors, none preferred: CONTINUE_SIGN_IN_WITH_MFA_SELECTION, then %s', async (answer, factor) => {
    const pool = use('always')
    const first = await signIn({ username: 'max', password: PASSWORD })
    expect(first).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP', 'EMAIL'] } })
    expect(wire.responds('PASSWORD_VERIFIER')[0]!.answer.ChallengeParameters.MFAS_CAN_CHOOSE).toBe('["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]')
    expect(cognito.outbox.list()).toEqual([])
    const second = await confirmSignIn({ challengeResponse: answer })
    expect(second.nextStep.signInStep).toBe(stepOf[factor])
    expect(wire.responds('SELECT_MFA_TYPE')[0]!.body.ChallengeResponses).toEqual({ USERNAME: 'max', ANSWER: challengeOf[factor] })
    // Only the chosen factor's code was sent.
    expect(cognito.outbox.list().map((m) => m.medium)).toEqual(factor === 'totp' ? [] : [factor === 'sms' ? 'SMS' : 'EMAIL'])
    expect(await confirmSignIn({ challengeResponse: codeFor(cognito, pool, 'max', factor) })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SELECT_MFA_TYPE', `Respond:${challengeOf[factor]}`, 'ConfirmDevice'])
  })

  it('a preferred factor is asked for without a selection', async () => {
    const pool = use('always')
    cognito.users.update(pool.id, 'max', { preferredMfa: 'email' })
    const first = await signIn({ username: 'max', password: PASSWORD })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE')
  })
})

describe('setting up a second factor during sign-in (MFA_SETUP)', () => {
  it('TOTP only: CONTINUE_SIGN_IN_WITH_TOTP_SETUP hands out the secret; a wrong code is refused, the right one signs in', async () => {
    const pool = use('setup-totp')
    const first = await signIn({ username: 'una', password: PASSWORD })
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP')
    if (first.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') return
    const { sharedSecret } = first.nextStep.totpSetupDetails
    expect(sharedSecret).toMatch(/^[A-Z2-7]{32}$/)
    expect(first.nextStep.totpSetupDetails.getSetupUri('Acme').href).toBe(`otpauth://totp/Acme:una?secret=${sharedSecret}&issuer=Acme`)
    expect(wire.responds('PASSWORD_VERIFIER')[0]!.answer.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: expect.any(String) })

    const code = cognito.users.totpCode(pool.id, 'una')
    expect(code).toBe(independentTotp(sharedSecret, cognito.clock.now()))
    const wrong = await confirmSignIn({ challengeResponse: wrongCode(code) }).catch((e) => e)
    expect(wrong.name).toBe('EnableSoftwareTokenMFAException')
    expect(wrong.message).toBe('Code mismatch and fail enable Software Token MFA')

    expect(await confirmSignIn({ challengeResponse: code })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(cognito)).toEqual([
      'InitiateAuth',
      'Respond:PASSWORD_VERIFIER',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'VerifySoftwareToken',
      'Respond:MFA_SETUP',
      'ConfirmDevice',
    ])
    const user = cognito.users.get(pool.id, 'una')!
    expect(user.mfa).toMatchObject({ enabled: ['totp'], preferred: 'totp', totpSecret: sharedSecret })

    // From now on the authenticator is asked for (a new browser: no remembered device).
    await newBrowser()
    cognito.clock.advance('30s')
    await signInWithCode(pool, 'una', 'totp')
  })

  it('TOTP and email offered: CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION; EMAIL → CONTINUE_SIGN_IN_WITH_EMAIL_SETUP → a code to that address', async () => {
    const pool = use('always')
    const first = await signIn({ username: 'olly', password: PASSWORD })
    expect(first).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] } })
    expect(wire.responds('PASSWORD_VERIFIER')[0]!.answer.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]', USER_ID_FOR_SRP: expect.any(String) })
    expect(await confirmSignIn({ challengeResponse: 'EMAIL' })).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } })
    const third = await confirmSignIn({ challengeResponse: 'olly.new@corp.example.org' })
    expect(third).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'o***@c***' } },
    })
    expect(wire.responds('MFA_SETUP')[0]!.body.ChallengeResponses).toEqual({ USERNAME: 'olly', EMAIL: 'olly.new@corp.example.org' })
    expect(cognito.outbox.last()!.destination).toBe('olly.new@corp.example.org')
    expect(await confirmSignIn({ challengeResponse: codeFor(cognito, pool, 'olly', 'email') })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    const user = cognito.users.get(pool.id, 'olly')!
    expect(user.email).toBe('olly.new@corp.example.org')
    expect(user.mfa).toMatchObject({ enabled: ['email'], preferred: 'email' })
  })

  it('TOTP and email offered: TOTP → CONTINUE_SIGN_IN_WITH_TOTP_SETUP', async () => {
    const pool = use('always')
    await signIn({ username: 'olly', password: PASSWORD })
    const second = await confirmSignIn({ challengeResponse: 'TOTP' })
    expect(second.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP')
    expect(await confirmSignIn({ challengeResponse: cognito.users.totpCode(pool.id, 'olly') })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(cognito.users.get(pool.id, 'olly')!.mfa).toMatchObject({ enabled: ['totp'], preferred: 'totp' })
  })

  it('email only: CONTINUE_SIGN_IN_WITH_EMAIL_SETUP at once', async () => {
    const pool = use('setup-email')
    expect(await signIn({ username: 'eli', password: PASSWORD })).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } })
    expect((await confirmSignIn({ challengeResponse: 'eli@example.com' })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE')
    expect(await confirmSignIn({ challengeResponse: codeFor(cognito, pool, 'eli', 'email') })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })
})

describe('NEW_PASSWORD_REQUIRED', () => {
  it('a weak password is refused (InvalidPasswordException) on a session that stays; a good one leads to MFA set-up in an "on" pool', async () => {
    const pool = use('always')
    const first = await signIn({ username: 'nina', password: PASSWORD })
    expect(first).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: [] } })
    const parameters = wire.responds('PASSWORD_VERIFIER')[0]!.answer.ChallengeParameters
    expect(parameters.requiredAttributes).toBe('[]')
    expect(JSON.parse(parameters.userAttributes)).toEqual({ email_verified: 'true', email: 'nina@example.com' })

    const weak = await confirmSignIn({ challengeResponse: 'password' }).catch((e) => e)
    expect(weak.name).toBe('InvalidPasswordException')
    expect(weak.message).toBe('Password does not conform to policy: Password must have uppercase characters')
    const short = await confirmSignIn({ challengeResponse: 'Sh0rt!' }).catch((e) => e)
    expect(short.message).toBe('Password does not conform to policy: Password not long enough')
    expect(cognito.users.get(pool.id, 'nina')!.status).toBe('FORCE_CHANGE_PASSWORD')

    const next = await confirmSignIn({ challengeResponse: 'N3w-Passw0rd!' })
    expect(next).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] } })
    const newPassword = wire.responds('NEW_PASSWORD_REQUIRED')
    expect(newPassword.map((c) => c.answer.__type ?? c.answer.ChallengeName)).toEqual(['InvalidPasswordException', 'InvalidPasswordException', 'MFA_SETUP'])
    // The retries used the same session.
    expect(new Set(newPassword.map((c) => c.body.Session)).size).toBe(1)
    expect(cognito.users.get(pool.id, 'nina')).toMatchObject({ status: 'CONFIRMED', password: 'N3w-Passw0rd!' })
  })

  it('a user with a factor: the new password, then that factor', async () => {
    const pool = use('always')
    expect((await signIn({ username: 'theo', password: PASSWORD })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED')
    expect((await confirmSignIn({ challengeResponse: 'N3w-Passw0rd!' })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE')
    expect(await confirmSignIn({ challengeResponse: codeFor(cognito, pool, 'theo', 'totp') })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('a pool without MFA: the new password gives the tokens', async () => {
    use('off')
    expect((await signIn({ username: 'nora', password: PASSWORD })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED')
    expect(await confirmSignIn({ challengeResponse: 'N3w-Passw0rd!' })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:NEW_PASSWORD_REQUIRED', 'ConfirmDevice'])
    await signOut()
    expect(await signIn({ username: 'nora', password: 'N3w-Passw0rd!' })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })
})

describe('signed in: authenticator and preferences', () => {
  it('setUpTOTP + verifyTOTPSetup, updateMFAPreference, fetchMFAPreference; the next sign-in asks for the authenticator', async () => {
    const pool = use('optional')
    expect(await signIn({ username: 'opal', password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(await fetchMFAPreference()).toEqual({})

    const details = await setUpTOTP()
    expect(details.sharedSecret).toMatch(/^[A-Z2-7]{32}$/)
    const code = cognito.users.totpCode(pool.id, 'opal')
    expect(code).toBe(independentTotp(details.sharedSecret, cognito.clock.now()))
    const wrong = await verifyTOTPSetup({ code: wrongCode(code) }).catch((e) => e)
    expect(wrong.name).toBe('EnableSoftwareTokenMFAException')
    await verifyTOTPSetup({ code, options: { friendlyDeviceName: 'Phone' } })
    // Verified, not yet enabled.
    expect(await fetchMFAPreference()).toEqual({})

    await updateMFAPreference({ totp: 'PREFERRED' })
    expect(await fetchMFAPreference()).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' })
    await updateMFAPreference({ sms: 'ENABLED' })
    // The list's order is not asserted: no source shows the one Cognito uses.
    const both = await fetchMFAPreference()
    expect({ ...both, enabled: [...both.enabled!].sort() }).toEqual({ enabled: ['SMS', 'TOTP'], preferred: 'TOTP' })
    expect(cognito.users.get(pool.id, 'opal')!.mfa).toMatchObject({ enabled: expect.arrayContaining(['sms', 'totp']), preferred: 'totp', totpSecret: details.sharedSecret })

    await newBrowser()
    // The code VerifySoftwareToken took is spent; the next step's is good.
    const again = await signIn({ username: 'opal', password: PASSWORD })
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE')
    const reused = await confirmSignIn({ challengeResponse: code }).catch((e) => e)
    expect(reused.name).toBe('ExpiredCodeException')
    expect(reused.message).toBe('Your software token has already been used once.')
    cognito.clock.advance('30s')
    expect(await confirmSignIn({ challengeResponse: cognito.users.totpCode(pool.id, 'opal') })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })

    await updateMFAPreference({ totp: 'DISABLED', sms: 'DISABLED' })
    expect(await fetchMFAPreference()).toEqual({})
    await newBrowser()
    expect(await signIn({ username: 'opal', password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })
})

describe.each(ALL)('the remembered device and %s', (factor) => {
  const username = userOf[factor]

  it('remembered: PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER, no code; forgetDevice brings the factor back', async () => {
    const pool = use('always')
    await signInWithCode(pool, username, factor)
    const key = deviceKeyOf(pool, username)!
    expect(cognito.devices.get(pool.id, username, key)!.rememberedStatus).toBe('remembered')
    await signOut()
    cognito.clock.advance('1h')
    cognito.requests.clear()
    wire.clear()
    const sent = cognito.outbox.list().length

    expect(await signIn({ username, password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    expect(answersOf(wire.calls)).toEqual([
      'InitiateAuth → PASSWORD_VERIFIER',
      'Respond:PASSWORD_VERIFIER → DEVICE_SRP_AUTH',
      'Respond:DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER',
      'Respond:DEVICE_PASSWORD_VERIFIER → tokens',
    ])
    expect(wire.responds('PASSWORD_VERIFIER')[0]!.body.ChallengeResponses.DEVICE_KEY).toBe(key)
    expect(cognito.outbox.list()).toHaveLength(sent)
    expect((await accessClaims()).device_key).toBe(key)

    await forgetDevice()
    expect(cognito.devices.get(pool.id, username, key)).toBeUndefined()
    await signOut()
    cognito.requests.clear()
    await signInWithCode(pool, username, factor)
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', `Respond:${challengeOf[factor]}`, 'ConfirmDevice'])
    expect(deviceKeyOf(pool, username)).not.toBe(key)
  })

  it('a new device (nothing stored) is asked for the code', async () => {
    const pool = use('always')
    await signInWithCode(pool, username, factor)
    await newBrowser()
    cognito.requests.clear()
    const again = await signIn({ username, password: PASSWORD })
    expect(again.nextStep.signInStep).toBe(stepOf[factor])
    expect(cognito.devices.list(pool.id, username)).toHaveLength(1)
  })

  it('user-opt-in, confirmed but not remembered: asked for the code; the answer carries DEVICE_KEY and gets DEVICE_SRP_AUTH (no new device); once remembered it skips', async () => {
    const pool = use('opt-in')
    await signInWithCode(pool, username, factor)
    const key = deviceKeyOf(pool, username)!
    expect(cognito.devices.get(pool.id, username, key)!.rememberedStatus).toBe('not_remembered')
    await signOut()
    cognito.clock.advance('1m')
    cognito.requests.clear()
    wire.clear()

    const again = await signIn({ username, password: PASSWORD })
    expect(again.nextStep.signInStep).toBe(stepOf[factor])
    expect(wire.responds('PASSWORD_VERIFIER')[0]!.body.ChallengeResponses.DEVICE_KEY).toBe(key)
    await confirmSignIn({ challengeResponse: codeFor(cognito, pool, username, factor) })
    expect(answersOf(wire.calls)).toEqual([
      'InitiateAuth → PASSWORD_VERIFIER',
      `Respond:PASSWORD_VERIFIER → ${challengeOf[factor]}`,
      `Respond:${challengeOf[factor]} → DEVICE_SRP_AUTH`,
      'Respond:DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER',
      'Respond:DEVICE_PASSWORD_VERIFIER → tokens',
    ])
    expect(wire.responds(challengeOf[factor])[0]!.body.ChallengeResponses.DEVICE_KEY).toBe(key)
    expect(cognito.devices.list(pool.id, username).map((d) => d.key)).toEqual([key])
    expect((await accessClaims()).device_key).toBe(key)

    await rememberDevice()
    await signOut()
    cognito.requests.clear()
    expect(await signIn({ username, password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
  })

  it('rememberedDevicesSkipMfa: false: a remembered device is asked for the code every time, then proves itself', async () => {
    const pool = use('no-skip')
    await signInWithCode(pool, username, factor)
    const key = deviceKeyOf(pool, username)!
    expect(cognito.devices.get(pool.id, username, key)!.rememberedStatus).toBe('remembered')
    for (let i = 0; i < 2; i++) {
      await signOut()
      cognito.clock.advance('1m')
      cognito.requests.clear()
      await signInWithCode(pool, username, factor)
      expect(callsOf(cognito)).toEqual([
        'InitiateAuth',
        'Respond:PASSWORD_VERIFIER',
        `Respond:${challengeOf[factor]}`,
        'Respond:DEVICE_SRP_AUTH',
        'Respond:DEVICE_PASSWORD_VERIFIER',
      ])
    }
    expect(cognito.devices.list(pool.id, username).map((d) => d.key)).toEqual([key])
  })
})

describe.each(ALL)('%s codes: errors', (factor) => {
  const username = userOf[factor]

  it('a wrong code: CodeMismatchException "Invalid code or auth state for the user."; the right one on the same session signs in', async () => {
    const pool = use('always')
    await signIn({ username, password: PASSWORD })
    const right = codeFor(cognito, pool, username, factor)
    const error = await confirmSignIn({ challengeResponse: wrongCode(right) }).catch((e) => e)
    expect(error.name).toBe('CodeMismatchException')
    expect(error.message).toBe('Invalid code or auth state for the user.')
    expect(await confirmSignIn({ challengeResponse: right })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    const answers = wire.responds(challengeOf[factor])
    expect(answers.map((c) => c.status)).toEqual([400, 200])
    expect(answers[0]!.body.Session).toBe(answers[1]!.body.Session)
    expect(answers[0]!.answer).toEqual({ __type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' })
  })

  it('three wrong codes spend the session: the right code then meets "Invalid session for the user."', async () => {
    const pool = use('always')
    await signIn({ username, password: PASSWORD })
    const right = codeFor(cognito, pool, username, factor)
    for (let i = 0; i < 3; i++) {
      const error = await confirmSignIn({ challengeResponse: wrongCode(right) }).catch((e) => e)
      expect(error.name).toBe('CodeMismatchException')
    }
    const spent = await confirmSignIn({ challengeResponse: right }).catch((e) => e)
    expect(spent.name).toBe('NotAuthorizedException')
    expect(spent.message).toBe('Invalid session for the user.')
  })

  it('two wrong codes do not spend it', async () => {
    const pool = use('always')
    await signIn({ username, password: PASSWORD })
    const right = codeFor(cognito, pool, username, factor)
    for (let i = 0; i < 2; i++) await confirmSignIn({ challengeResponse: wrongCode(right) }).catch(() => undefined)
    expect(await confirmSignIn({ challengeResponse: right })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('after the session\'s 3 minutes: NotAuthorizedException "Invalid session for the user, session is expired."', async () => {
    const pool = use('always')
    await signIn({ username, password: PASSWORD })
    cognito.clock.advance('3m')
    cognito.clock.advance('1s')
    const late = await confirmSignIn({ challengeResponse: codeFor(cognito, pool, username, factor) }).catch((e) => e)
    expect(late.name).toBe('NotAuthorizedException')
    expect(late.message).toBe('Invalid session for the user, session is expired.')
  })

  it('just inside the 3 minutes the code is still accepted', async () => {
    const pool = use('always')
    await signIn({ username, password: PASSWORD })
    cognito.clock.advance('2m')
    cognito.clock.advance('58s')
    expect(await confirmSignIn({ challengeResponse: codeFor(cognito, pool, username, factor) })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })
})

describe('TOTP code reuse', () => {
  it('a code already accepted: ExpiredCodeException "Your software token has already been used once."; the next step\'s code works', async () => {
    const pool = use('always')
    await signIn({ username: 'tina', password: PASSWORD })
    const code = cognito.users.totpCode(pool.id, 'tina')
    await confirmSignIn({ challengeResponse: code })
    await newBrowser()
    await signIn({ username: 'tina', password: PASSWORD })
    expect(cognito.users.totpCode(pool.id, 'tina')).toBe(code)
    const reused = await confirmSignIn({ challengeResponse: code }).catch((e) => e)
    expect(reused.name).toBe('ExpiredCodeException')
    expect(reused.message).toBe('Your software token has already been used once.')
    cognito.clock.advance('30s')
    const next = cognito.users.totpCode(pool.id, 'tina')
    expect(next).not.toBe(code)
    expect(await confirmSignIn({ challengeResponse: next })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })
})

describe('USER_PASSWORD_AUTH (Amplify sends DEVICE_KEY with InitiateAuth)', () => {
  const password = { authFlowType: 'USER_PASSWORD_AUTH' } as const

  it('the code, then a remembered device skips it; forgotten elsewhere, the retry without it is asked for the code', async () => {
    const pool = use('always')
    const first = await signIn({ username: 'tina', password: PASSWORD, options: password })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE')
    expect(await confirmSignIn({ challengeResponse: cognito.users.totpCode(pool.id, 'tina') })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    const key = deviceKeyOf(pool, 'tina')!
    expect(cognito.devices.get(pool.id, 'tina', key)!.rememberedStatus).toBe('remembered')
    await signOut()
    cognito.clock.advance('1m')
    cognito.requests.clear()
    wire.clear()

    expect(await signIn({ username: 'tina', password: PASSWORD, options: password })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(wire.calls[0]!.body.AuthParameters.DEVICE_KEY).toBe(key)
    expect(callsOf(cognito)).toEqual(['InitiateAuth', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
    expect((await accessClaims()).device_key).toBe(key)
    await signOut()

    // The device is forgotten behind the client's back (another tab, an admin): the mock answers
    // "Device does not exist.", Amplify drops its key and signs in without it, and the code is asked for again.
    cognito.devices.remove(pool.id, 'tina', key)
    cognito.clock.advance('1m')
    cognito.requests.clear()
    const again = await signIn({ username: 'tina', password: PASSWORD, options: password })
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE')
    expect(cognito.requests.list().map((r) => [r.operation, r.errorType ?? r.status])).toEqual([
      ['InitiateAuth', 'ResourceNotFoundException'],
      ['InitiateAuth', 200],
    ])
  })
})
