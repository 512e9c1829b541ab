import { AdminResetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  getCurrentUser,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CreatePoolInput, UserPoolRecord } from '../src/index.ts'
import { clearAutoSignInTimers, lifecycleMock, NEW_PASSWORD, noraSignUpBody, PASSWORD, refusal, SCHEMA, sent, UUID, wrong } from './lifecycle-clients-support.ts'
import { callsOf } from './mfa-support.ts'
import { MemoryKeyValueStorage, sdkClient } from './support.ts'

/**
 * The unmodified Amplify v6 (`aws-amplify/auth`, @aws-amplify/auth 6.21.1) through the user lifecycle's sign-up
 * side against the mock (research-14-clients §1): `signUp`, `confirmSignUp`, `resendSignUpCode`, `autoSignIn` after
 * a code confirmation, the CONFIRM_SIGN_UP and RESET_PASSWORD sign-in steps, `resetPassword` and
 * `confirmResetPassword`. Each refusal asserts the AuthError's name and message, which Amplify takes from the wire.
 * Signed-in account changes: test/amplify-lifecycle-account.test.ts.
 */

const mock = lifecycleMock(1401, { signOut })
const autoSignInTimers = clearAutoSignInTimers()
let storage: MemoryKeyValueStorage

beforeEach(() => {
  storage = new MemoryKeyValueStorage()
})

/** A new pool with `settings`, Amplify configured for its public client. */
function use(settings: CreatePoolInput = {}): UserPoolRecord {
  const pool = mock.cognito.pools.create(settings)
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0]!.clientId } } })
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
  return pool
}

const signUpCode = (username: string) => mock.cognito.outbox.code({ username, purpose: 'sign-up' })

let lastAutoSignIn = 0
/**
 * `autoSignIn()`, at least 300 ms after the previous one: Amplify debounces the sign-in behind it across calls
 * (`signUpHelpers.ts` `debounce(…, 300)`, against React's double effects), so a second call within 300 ms of the
 * first drops its sign-in and its promise never settles.
 */
async function autoSignInDebounced() {
  const wait = lastAutoSignIn + 350 - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  lastAutoSignIn = Date.now()
  return autoSignIn()
}

/** Signs nora up (username pool, email required) and confirms her. */
async function confirmedNora(): Promise<void> {
  await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
  await confirmSignUp({ username: 'nora', confirmationCode: signUpCode('nora') })
}

describe('signUp', () => {
  it('CONFIRM_SIGN_UP with where the code went (email, masked) and the new user’s sub as userId', async () => {
    const pool = use()
    const result = await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com', name: 'Nora' } } })
    const user = mock.cognito.users.get(pool.id, 'nora')!
    expect(result).toEqual({
      isSignUpComplete: false,
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'n***@e***', attributeName: 'email' } },
      userId: user.sub,
    })
    expect(result.userId).toMatch(UUID)
    expect(sent(mock, 'SignUp')).toEqual(noraSignUpBody(pool.clients[0]!.clientId))
    expect(user).toMatchObject({ status: 'UNCONFIRMED', email: 'nora@example.com', emailVerified: false, attributes: { name: 'Nora' } })
    expect(mock.cognito.outbox.list({ poolId: pool.id })).toEqual([
      expect.objectContaining({ username: 'nora', medium: 'EMAIL', destination: 'nora@example.com', purpose: 'sign-up', code: expect.stringMatching(/^\d{6}$/) }),
    ])
  })

  it('refusals: UsernameExistsException, InvalidPasswordException, InvalidParameterException for a missing required attribute', async () => {
    const pool = use()
    await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
    expect(await refusal(signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'other@example.com' } } }))).toEqual({
      name: 'UsernameExistsException',
      message: 'User already exists',
    })
    expect(await refusal(signUp({ username: 'bea', password: 'Sh0rt!', options: { userAttributes: { email: 'bea@example.com' } } }))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    })
    expect(await refusal(signUp({ username: 'bea', password: PASSWORD }))).toEqual({
      name: 'InvalidParameterException',
      message: `${SCHEMA}email: The attribute is required\n`,
    })
    // No password (passwordless sign-up): Amplify sends none, and maps the mock's validation answer, which its
    // deserializer matches by /'password'/ and /Member must not be null/, to its own EmptySignUpPassword.
    expect(await refusal(signUp({ username: 'bea', options: { userAttributes: { email: 'bea@example.com' } } }))).toEqual({
      name: 'EmptySignUpPassword',
      message: 'password is required to signUp',
    })
    expect(mock.wire.calls.at(-1)!.answer).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null",
    })
    expect(sent(mock, 'SignUp')).not.toHaveProperty('Password')
    expect(mock.cognito.users.list(pool.id).map((u) => u.username)).toEqual(['nora'])
  })
})

describe('confirmSignUp', () => {
  it('DONE without autoSignIn: the user is CONFIRMED, the email verified, and signIn works', async () => {
    const pool = use()
    await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
    const code = signUpCode('nora')
    expect(await confirmSignUp({ username: 'nora', confirmationCode: code })).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } })
    expect(sent(mock, 'ConfirmSignUp')).toEqual({ ClientId: pool.clients[0]!.clientId, Username: 'nora', ConfirmationCode: code })
    expect(mock.cognito.users.get(pool.id, 'nora')).toMatchObject({ status: 'CONFIRMED', emailVerified: true })
    expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('a wrong code: CodeMismatchException; past 24 hours the right one: ExpiredCodeException', async () => {
    const pool = use()
    await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
    const right = signUpCode('nora')
    expect(await refusal(confirmSignUp({ username: 'nora', confirmationCode: wrong(right) }))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('UNCONFIRMED')
    mock.cognito.clock.advance('25h')
    expect(await refusal(confirmSignUp({ username: 'nora', confirmationCode: right }))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    })
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('UNCONFIRMED')
  })
})

describe('resendSignUpCode', () => {
  it('a new code, which confirms (the old one then mismatches); for a confirmed user: InvalidParameterException “User is already confirmed.”', async () => {
    const pool = use()
    await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
    const old = signUpCode('nora')
    expect(await resendSignUpCode({ username: 'nora' })).toEqual({ destination: 'n***@e***', deliveryMedium: 'EMAIL', attributeName: 'email' })
    expect(sent(mock, 'ResendConfirmationCode')).toEqual({ ClientId: pool.clients[0]!.clientId, Username: 'nora' })
    const fresh = signUpCode('nora')
    expect(fresh).not.toBe(old)
    expect(await refusal(confirmSignUp({ username: 'nora', confirmationCode: old }))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    expect(await confirmSignUp({ username: 'nora', confirmationCode: fresh })).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } })

    // The Authenticator carries on as confirmed on exactly this message (research-14-clients §3.2).
    expect(await refusal(resendSignUpCode({ username: 'nora' }))).toEqual({ name: 'InvalidParameterException', message: 'User is already confirmed.' })
  })

  it('five resends an hour; the sixth: LimitExceededException; an hour later, another', async () => {
    use()
    await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
    for (let i = 0; i < 5; i++) await resendSignUpCode({ username: 'nora' })
    expect(await refusal(resendSignUpCode({ username: 'nora' }))).toEqual({ name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' })
    mock.cognito.clock.advance('61m')
    expect((await resendSignUpCode({ username: 'nora' })).deliveryMedium).toBe('EMAIL')
  })
})

describe('autoSignIn', () => {
  it('email as username: CONFIRM_SIGN_UP, then COMPLETE_AUTO_SIGN_IN, then autoSignIn() signs in by SRP with the sign-up password', async () => {
    const pool = use({ usernameAttributes: ['email'], deviceRemembering: 'always' })
    // As the Authenticator with loginWith email sends it: the email field is the username and an attribute.
    const up = await signUp({ username: 'ada@example.com', password: PASSWORD, options: { autoSignIn: true, userAttributes: { email: 'ada@example.com' } } })
    expect(autoSignInTimers.pending()).toBe(1)
    expect(up.nextStep).toEqual({ signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***', attributeName: 'email' } })
    // The pool names her by her sub; the outbox files the code under it.
    const [user] = mock.cognito.users.list(pool.id)
    expect(user).toMatchObject({ username: up.userId, sub: up.userId, email: 'ada@example.com', status: 'UNCONFIRMED' })
    const code = mock.cognito.outbox.last({ poolId: pool.id, purpose: 'sign-up' })!
    expect(code).toMatchObject({ username: up.userId, destination: 'ada@example.com' })

    expect(await confirmSignUp({ username: 'ada@example.com', confirmationCode: code.code })).toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' },
    })
    mock.cognito.requests.clear()
    expect(await autoSignInDebounced()).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(callsOf(mock.cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'ConfirmDevice'])
    expect(sent(mock, 'InitiateAuth')).toMatchObject({ AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'ada@example.com' } })

    const { tokens } = await fetchAuthSession()
    expect(tokens!.idToken!.payload).toMatchObject({ sub: up.userId, 'cognito:username': up.userId, email: 'ada@example.com', email_verified: true })
    expect(tokens!.accessToken.payload).toMatchObject({ sub: up.userId, username: up.userId })
    expect(await getCurrentUser()).toEqual({ username: up.userId, userId: up.userId, signInDetails: { loginId: 'ada@example.com', authFlowType: 'USER_SRP_AUTH' } })
    expect(mock.cognito.devices.list(pool.id, up.userId!)).toHaveLength(1)
  })

  it('a username pool: the same journey with the username', async () => {
    const pool = use()
    await signUp({ username: 'nora', password: PASSWORD, options: { autoSignIn: true, userAttributes: { email: 'nora@example.com' } } })
    expect((await confirmSignUp({ username: 'nora', confirmationCode: signUpCode('nora') })).nextStep).toEqual({ signUpStep: 'COMPLETE_AUTO_SIGN_IN' })
    expect(await autoSignInDebounced()).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    const { tokens } = await fetchAuthSession()
    expect(tokens!.idToken!.payload).toMatchObject({ 'cognito:username': 'nora', email_verified: true, sub: mock.cognito.users.get(pool.id, 'nora')!.sub })
  })
})

describe('sign-in steps of the lifecycle', () => {
  it('an unconfirmed user: nextStep CONFIRM_SIGN_UP (UserNotConfirmedException on the wire); once confirmed, DONE', async () => {
    use()
    await signUp({ username: 'nora', password: PASSWORD, options: { userAttributes: { email: 'nora@example.com' } } })
    expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } })
    const answers = mock.wire.calls.filter((c) => c.status >= 400).map((c) => c.answer)
    expect(answers).toEqual([{ __type: 'UserNotConfirmedException', message: 'User is not confirmed.' }])
    await confirmSignUp({ username: 'nora', confirmationCode: signUpCode('nora') })
    expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('after an admin reset (AdminResetUserPassword): nextStep RESET_PASSWORD; the emailed code and a new password sign in', async () => {
    const pool = use()
    await confirmedNora()
    const admin = sdkClient()
    await admin.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.id, Username: 'nora' }))
    admin.destroy()
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('RESET_REQUIRED')
    expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } })
    const code = mock.cognito.outbox.code({ username: 'nora', purpose: 'forgot-password' })
    await confirmResetPassword({ username: 'nora', confirmationCode: code, newPassword: NEW_PASSWORD })
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('CONFIRMED')
    expect(await signIn({ username: 'nora', password: NEW_PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('a user set to RESET_REQUIRED: RESET_PASSWORD; resetPassword sends the code the Authenticator asks for', async () => {
    const pool = use()
    await confirmedNora()
    mock.cognito.users.update(pool.id, 'nora', { status: 'RESET_REQUIRED' })
    expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } })
    expect((await resetPassword({ username: 'nora' })).nextStep.resetPasswordStep).toBe('CONFIRM_RESET_PASSWORD_WITH_CODE')
    await confirmResetPassword({ username: 'nora', confirmationCode: mock.cognito.outbox.code({ username: 'nora', purpose: 'forgot-password' }), newPassword: NEW_PASSWORD })
    expect(await signIn({ username: 'nora', password: NEW_PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })
})

describe('resetPassword and confirmResetPassword', () => {
  it('CONFIRM_RESET_PASSWORD_WITH_CODE with where the code went; the code and a new password: the old one is refused, the new one signs in', async () => {
    const pool = use()
    await confirmedNora()
    const result = await resetPassword({ username: 'nora' })
    expect(result).toEqual({
      isPasswordReset: false,
      nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'n***@e***', attributeName: 'email' } },
    })
    expect(sent(mock, 'ForgotPassword')).toEqual({ ClientId: pool.clients[0]!.clientId, Username: 'nora' })
    const message = mock.cognito.outbox.last({ username: 'nora', purpose: 'forgot-password' })!
    expect(message).toMatchObject({ medium: 'EMAIL', destination: 'nora@example.com', code: expect.stringMatching(/^\d{6}$/) })

    expect(await refusal(confirmResetPassword({ username: 'nora', confirmationCode: wrong(message.code), newPassword: NEW_PASSWORD }))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    expect(await refusal(confirmResetPassword({ username: 'nora', confirmationCode: message.code, newPassword: 'weak' }))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password not long enough',
    })
    expect(await confirmResetPassword({ username: 'nora', confirmationCode: message.code, newPassword: NEW_PASSWORD })).toBeUndefined()
    expect(sent(mock, 'ConfirmForgotPassword')).toEqual({ ClientId: pool.clients[0]!.clientId, Username: 'nora', ConfirmationCode: message.code, Password: NEW_PASSWORD })
    expect(mock.cognito.users.get(pool.id, 'nora')!.password).toBe(NEW_PASSWORD)

    expect(await refusal(signIn({ username: 'nora', password: PASSWORD }))).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    expect(await signIn({ username: 'nora', password: NEW_PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('the code is good for an hour: after it, ExpiredCodeException', async () => {
    use()
    await confirmedNora()
    await resetPassword({ username: 'nora' })
    const code = mock.cognito.outbox.code({ username: 'nora', purpose: 'forgot-password' })
    mock.cognito.clock.advance('61m')
    expect(await refusal(confirmResetPassword({ username: 'nora', confirmationCode: code, newPassword: NEW_PASSWORD }))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    })
  })

  it('an unknown name: a simulated delivery under PreventUserExistenceErrors (no message sent); LEGACY: UserNotFoundException', async () => {
    use()
    const simulated = await resetPassword({ username: 'ghost' })
    expect(simulated.nextStep).toEqual({
      resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: expect.stringMatching(/^[a-z]\*\*\*@e\*\*\*$/), attributeName: 'email' },
    })
    expect(await resendSignUpCode({ username: 'ghost' })).toEqual(simulated.nextStep.codeDeliveryDetails)
    expect(mock.cognito.outbox.list()).toEqual([])

    use({ clients: [{ clientName: 'web', preventUserExistenceErrors: 'LEGACY' }] })
    const notFound = { name: 'UserNotFoundException', message: 'Username/client id combination not found.' }
    expect(await refusal(resetPassword({ username: 'ghost' }))).toEqual(notFound)
    expect(await refusal(resendSignUpCode({ username: 'ghost' }))).toEqual(notFound)
  })

  it('refusals (LEGACY client): no verified email; a FORCE_CHANGE_PASSWORD user', async () => {
    const pool = use({ clients: [{ clientName: 'web', preventUserExistenceErrors: 'LEGACY' }] })
    mock.cognito.users.create(pool.id, { username: 'una', password: PASSWORD, email: 'una@example.com', emailVerified: false, phoneNumber: null })
    mock.cognito.users.create(pool.id, { username: 'fay', password: PASSWORD, email: 'fay@example.com', phoneNumber: null, status: 'FORCE_CHANGE_PASSWORD' })
    expect(await refusal(resetPassword({ username: 'una' }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    })
    expect(await refusal(resetPassword({ username: 'fay' }))).toEqual({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' })
    expect(mock.cognito.outbox.list()).toEqual([])
  })
})
