import {
  ChangePasswordCommand,
  ConfirmDeviceCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  ResendConfirmationCodeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { NEW_PASSWORD, PASSWORD, UUID, body, lifecycleSuite, poolWith, refused } from './lifecycle-support.ts'

/**
 * The user lifecycle's client operations through the unmodified SDK v3 and MSW: sign-up and its confirmation,
 * resent codes, forgotten and changed passwords. Each success asserts the answer body; each refusal the
 * exception's name, exact message and HTTP status. Attribute changes and DeleteUser: lifecycle-sdk-attributes.test.ts.
 */

const mock = lifecycleSuite(14)

const code = (username: string, purpose: 'sign-up' | 'forgot-password') => mock.cognito.outbox.code({ username, purpose })
/** A six-digit code that is not `right`. */
const wrong = (right: string) => [...right].map((d) => String((Number(d) + 1) % 10)).join('')

describe('SignUp', () => {
  it('answers UserConfirmed false, the new user’s sub and where the code went; the user is UNCONFIRMED and cannot sign in', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    const answer = await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    expect(answer.$metadata.httpStatusCode).toBe(200)
    const user = mock.cognito.users.get(pool.id, 'nora')!
    expect(body(answer)).toEqual({
      CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' },
      UserConfirmed: false,
      UserSub: user.sub,
    })
    expect(answer.UserSub).toMatch(UUID)
    expect(user.status).toBe('UNCONFIRMED')
    expect(mock.cognito.outbox.list({ username: 'nora' })).toEqual([
      expect.objectContaining({ medium: 'EMAIL', destination: 'nora@example.com', purpose: 'sign-up', code: expect.stringMatching(/^\d{6}$/) }),
    ])
    await refused(mock.api.signIn(clientId, 'nora'), 'UserNotConfirmedException', 'User is not confirmed.')
  })

  it('sends the code by SMS when the pool verifies both email and phone number', async () => {
    const { clientId } = poolWith(mock.cognito, { autoVerified: ['email', 'phone_number'] })
    const answer = await mock.api.signUp(clientId, 'pia', { email: 'pia@example.com', phone_number: '+15555550123' })
    expect(answer.CodeDeliveryDetails).toEqual({ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******0123' })
    expect(mock.cognito.outbox.last({ username: 'pia' })).toMatchObject({ medium: 'SMS', destination: '+15555550123', purpose: 'sign-up' })
  })

  it('a taken username: UsernameExistsException `User already exists`', async () => {
    const { clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    await refused(mock.api.signUp(clientId, 'nora', { email: 'other@example.com' }), 'UsernameExistsException', 'User already exists')
  })

  it('an email-as-username pool names the user by sub, refuses a taken email and a name that is neither email nor phone', async () => {
    const { pool, clientId } = poolWith(mock.cognito, { usernameAttributes: ['email'] })
    const answer = await mock.api.signUp(clientId, 'ada@example.com')
    expect(answer.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' })
    expect(mock.cognito.users.list(pool.id).map((u) => [u.username, u.email])).toEqual([[answer.UserSub, 'ada@example.com']])
    await refused(mock.api.signUp(clientId, 'ada@example.com'), 'UsernameExistsException', 'An account with the given email already exists.')
    const both = poolWith(mock.cognito, { usernameAttributes: ['email', 'phone_number'] })
    await refused(mock.api.signUp(both.clientId, 'ada', { email: 'ada@example.org' }), 'InvalidParameterException', 'Username should be either an email or a phone number.')
  })

  it('an email-alias pool refuses a username in email form', async () => {
    const { clientId } = poolWith(mock.cognito, { aliases: ['email'] })
    await refused(
      mock.api.signUp(clientId, 'ada@example.com', { email: 'ada@example.com' }),
      'InvalidParameterException',
      'Username cannot be of email format, since user pool is configured for email alias.',
    )
  })

  it('the schema: unknown attribute, undeclared custom attribute, missing required ones; a declared custom attribute is kept', async () => {
    const { pool, clientId } = poolWith(mock.cognito, { requiredAttributes: ['email', 'name'], customAttributes: ['custom:tier'] })
    const schema = 'Attributes did not conform to the schema: '
    await refused(mock.api.signUp(clientId, 'u1', { email: 'u1@example.com', name: 'U', nickname2: 'x' }), 'InvalidParameterException', `${schema}nickname2: Attribute does not exist in the schema.\n`)
    await refused(mock.api.signUp(clientId, 'u1', { email: 'u1@example.com', name: 'U', 'custom:x': '1' }), 'InvalidParameterException', `${schema}Type for attribute {custom:x} could not be determined`)
    await refused(mock.api.signUp(clientId, 'u1', { name: 'U' }), 'InvalidParameterException', `${schema}email: The attribute is required\n`)
    await refused(mock.api.signUp(clientId, 'u1', {}), 'InvalidParameterException', `${schema}email: The attribute is required\nname: The attribute is required\n`)
    expect(mock.cognito.users.list(pool.id)).toEqual([])
    await mock.api.signUp(clientId, 'u1', { email: 'u1@example.com', name: 'U', 'custom:tier': 'gold' })
    expect(mock.cognito.users.get(pool.id, 'u1')!.attributes).toEqual({ name: 'U', 'custom:tier': 'gold' })
  })

  it('a weak password: InvalidPasswordException `Password did not conform with policy: …`, by the pool’s policy', async () => {
    const { clientId } = poolWith(mock.cognito)
    await refused(mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' }, 'Sh0rt!'), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough')
    const ten = poolWith(mock.cognito, { passwordPolicy: { minimumLength: 10, requireSymbols: false } })
    await refused(mock.api.signUp(ten.clientId, 'nora', { email: 'nora@example.com' }, 'Abcdefgh1'), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough')
    expect((await mock.api.signUp(ten.clientId, 'nora', { email: 'nora@example.com' }, 'Abcdefghi1')).UserConfirmed).toBe(false)
  })
})

describe('ConfirmSignUp', () => {
  it('answers {}: the user is CONFIRMED and the email the code went to verified', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    const answer = await mock.api.confirm(clientId, 'nora', code('nora', 'sign-up'))
    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(body(answer)).toEqual({})
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('CONFIRMED')
    const tokens = await mock.api.tokens(clientId, 'nora')
    const me = await mock.api.me(tokens.AccessToken!)
    expect(me).toEqual({ username: 'nora', attributes: { sub: mock.cognito.users.get(pool.id, 'nora')!.sub, email_verified: 'true', email: 'nora@example.com' } })
  })

  it('a wrong code mismatches and leaves the right one good; past 24 hours the code is expired', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    const right = code('nora', 'sign-up')
    await refused(mock.api.confirm(clientId, 'nora', wrong(right)), 'CodeMismatchException', 'Invalid verification code provided, please try again.')
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('UNCONFIRMED')
    mock.cognito.clock.advance('24h')
    await refused(mock.api.confirm(clientId, 'nora', right), 'ExpiredCodeException', 'Invalid code provided, please request a code again.')
  })

  it('a code of the last 24 hours is still good', async () => {
    const { clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    mock.cognito.clock.advance('23h')
    expect(body(await mock.api.confirm(clientId, 'nora', code('nora', 'sign-up')))).toEqual({})
  })

  it('a confirmed user: NotAuthorizedException `User cannot be confirmed. Current status is CONFIRMED`, whatever the code', async () => {
    const { clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    const right = code('nora', 'sign-up')
    await mock.api.confirm(clientId, 'nora', right)
    await refused(mock.api.confirm(clientId, 'nora', right), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED')
    await refused(mock.api.confirm(clientId, 'nora', '000000'), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED')
  })

  it('the 16th attempt within an hour: LimitExceededException, even with the right code; an hour later it goes through', async () => {
    const { clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    const right = code('nora', 'sign-up')
    for (let i = 0; i < 15; i++) await refused(mock.api.confirm(clientId, 'nora', wrong(right)), 'CodeMismatchException', 'Invalid verification code provided, please try again.')
    await refused(mock.api.confirm(clientId, 'nora', right), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.')
    mock.cognito.clock.advance('61m')
    expect(body(await mock.api.confirm(clientId, 'nora', right))).toEqual({})
  })

  it('an alias pool: another user’s verified email → AliasExistsException; ForceAliasCreation moves it to the new user', async () => {
    const { pool, clientId } = poolWith(mock.cognito, { aliases: ['email'] })
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'shared@example.com', emailVerified: true, phoneNumber: null })
    await mock.api.signUp(clientId, 'bea', { email: 'shared@example.com' })
    const right = code('bea', 'sign-up')
    await refused(mock.api.confirm(clientId, 'bea', right), 'AliasExistsException', 'An account with the email already exists.')
    expect(mock.cognito.users.get(pool.id, 'bea')!.status).toBe('UNCONFIRMED')
    expect(body(await mock.api.confirm(clientId, 'bea', right, true))).toEqual({})
    expect(mock.cognito.users.get(pool.id, 'bea')).toMatchObject({ status: 'CONFIRMED', emailVerified: true })
    expect(mock.cognito.users.get(pool.id, 'ada')!.emailVerified).toBe(false)
    // The email now signs in the new user.
    expect((await mock.api.me((await mock.api.tokens(clientId, 'shared@example.com')).AccessToken!)).username).toBe('bea')
  })
})

describe('ResendConfirmationCode', () => {
  const resend = (ClientId: string, Username: string) => mock.client.send(new ResendConfirmationCodeCommand({ ClientId, Username }))

  it('a new code replaces the old one, which then mismatches', async () => {
    const { clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    const old = code('nora', 'sign-up')
    const answer = await resend(clientId, 'nora')
    expect(body(answer)).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' } })
    const fresh = code('nora', 'sign-up')
    expect(fresh).not.toBe(old)
    expect(mock.cognito.outbox.list({ username: 'nora', purpose: 'sign-up' })).toHaveLength(2)
    await refused(mock.api.confirm(clientId, 'nora', old), 'CodeMismatchException', 'Invalid verification code provided, please try again.')
    expect(body(await mock.api.confirm(clientId, 'nora', fresh))).toEqual({})
  })

  it('a confirmed user: InvalidParameterException `User is already confirmed.`', async () => {
    const { clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    await mock.api.confirm(clientId, 'nora', code('nora', 'sign-up'))
    await refused(resend(clientId, 'nora'), 'InvalidParameterException', 'User is already confirmed.')
  })

  it('an unknown user: a simulated delivery under ENABLED (nothing sent), UserNotFoundException under LEGACY', async () => {
    const { clientId } = poolWith(mock.cognito)
    const first = await resend(clientId, 'nobody')
    expect(first.$metadata.httpStatusCode).toBe(200)
    expect(body(first)).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: expect.stringMatching(/^[a-z]\*\*\*@e\*\*\*$/) } })
    expect(body(await resend(clientId, 'someone-else'))).toEqual(body(first))
    expect(mock.cognito.outbox.list()).toEqual([])
    const legacy = poolWith(mock.cognito, { clients: [{ clientName: 'web', preventUserExistenceErrors: 'LEGACY' }] })
    await refused(resend(legacy.clientId, 'nobody'), 'UserNotFoundException', 'Username/client id combination not found.')
  })
})

describe('ForgotPassword and ConfirmForgotPassword', () => {
  const forgot = (ClientId: string, Username: string) => mock.client.send(new ForgotPasswordCommand({ ClientId, Username }))
  const reset = (ClientId: string, Username: string, ConfirmationCode: string, Password = NEW_PASSWORD) =>
    mock.client.send(new ConfirmForgotPasswordCommand({ ClientId, Username, ConfirmationCode, Password }))
  function confirmedUser(settings: Parameters<typeof poolWith>[1] = {}, user: object = {}) {
    const made = poolWith(mock.cognito, settings)
    mock.cognito.users.create(made.pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', phoneNumber: null, ...user })
    return made
  }

  it('a code to the verified email; the new password signs in, the old one no longer; devices and refresh tokens stay', async () => {
    const { pool, clientId } = confirmedUser({ deviceRemembering: 'always' })
    const before = await mock.api.tokens(clientId, 'ada')
    // The sign-in's device, confirmed (an `always` pool remembers it): its refresh token is bound to it.
    const { DeviceKey } = before.NewDeviceMetadata!
    const verifier = { PasswordVerifier: 'dmVyaWZpZXI=', Salt: 'c2FsdA==' }
    await mock.client.send(new ConfirmDeviceCommand({ AccessToken: before.AccessToken!, DeviceKey: DeviceKey!, DeviceName: 'Laptop', DeviceSecretVerifierConfig: verifier }))
    const answer = await forgot(clientId, 'ada')
    expect(body(answer)).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } })
    expect(mock.cognito.outbox.last({ username: 'ada' })).toMatchObject({ purpose: 'forgot-password', medium: 'EMAIL', destination: 'ada@example.com' })
    expect(mock.cognito.users.get(pool.id, 'ada')!.status).toBe('CONFIRMED')
    expect(body(await reset(clientId, 'ada', code('ada', 'forgot-password')))).toEqual({})
    await refused(mock.api.signIn(clientId, 'ada', PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.')
    const after = await mock.api.tokens(clientId, 'ada', NEW_PASSWORD)
    expect(after.AccessToken).toBeTruthy()
    const listed = await mock.client.send(new ListDevicesCommand({ AccessToken: before.AccessToken! }))
    expect(listed.Devices!.map((d) => d.DeviceKey)).toEqual([DeviceKey])
    expect(mock.cognito.devices.list(pool.id, 'ada').map((d) => [d.key, d.rememberedStatus])).toEqual([[DeviceKey, 'remembered']])
    const refreshed = await mock.client.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: before.RefreshToken!, DEVICE_KEY: DeviceKey! } }),
    )
    expect(refreshed.AuthenticationResult!.AccessToken).toBeTruthy()
    expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined()
  })

  it('the code is good for an hour; without ForgotPassword there is none: ExpiredCodeException', async () => {
    const { clientId } = confirmedUser()
    await refused(reset(clientId, 'ada', '123456'), 'ExpiredCodeException', 'Invalid code provided, please request a code again.')
    await forgot(clientId, 'ada')
    const right = code('ada', 'forgot-password')
    await refused(reset(clientId, 'ada', wrong(right)), 'CodeMismatchException', 'Invalid verification code provided, please try again.')
    mock.cognito.clock.advance('1h')
    await refused(reset(clientId, 'ada', right), 'ExpiredCodeException', 'Invalid code provided, please request a code again.')
  })

  it('a weak new password: InvalidPasswordException `Password does not conform to policy: …`', async () => {
    const { clientId } = confirmedUser()
    await forgot(clientId, 'ada')
    await refused(reset(clientId, 'ada', code('ada', 'forgot-password'), 'weak'), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough')
  })

  it('a FORCE_CHANGE_PASSWORD user: NotAuthorizedException `User password cannot be reset in the current state.`', async () => {
    const { clientId } = confirmedUser({}, { status: 'FORCE_CHANGE_PASSWORD' })
    await refused(forgot(clientId, 'ada'), 'NotAuthorizedException', 'User password cannot be reset in the current state.')
  })

  it('no verified channel: InvalidParameterException under LEGACY, a simulated delivery under ENABLED (nothing sent)', async () => {
    const legacy = confirmedUser({ clients: [{ clientName: 'web', preventUserExistenceErrors: 'LEGACY' }] }, { emailVerified: false })
    await refused(forgot(legacy.clientId, 'ada'), 'InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number')
    mock.cognito.reset()
    const enabled = confirmedUser({}, { emailVerified: false })
    const answer = await forgot(enabled.clientId, 'ada')
    expect(body(answer)).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: expect.stringMatching(/^[a-z]\*\*\*@e\*\*\*$/) } })
    expect(body(await forgot(enabled.clientId, 'nobody'))).toEqual(body(answer))
    expect(mock.cognito.outbox.list()).toEqual([])
  })

  it('recovery by phone first when the pool says so', async () => {
    const { clientId } = confirmedUser({ accountRecovery: ['verified_phone_number', 'verified_email'] }, { phoneNumber: '+15555550199', phoneVerified: true })
    expect((await forgot(clientId, 'ada')).CodeDeliveryDetails).toEqual({ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******0199' })
  })
})

describe('ChangePassword', () => {
  const change = (AccessToken: string, PreviousPassword: string, ProposedPassword: string) => mock.client.send(new ChangePasswordCommand({ AccessToken, PreviousPassword, ProposedPassword }))

  it('answers {}; the new password signs in; the token still works', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', phoneNumber: null })
    const { AccessToken } = await mock.api.tokens(clientId, 'ada')
    const answer = await change(AccessToken!, PASSWORD, NEW_PASSWORD)
    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(body(answer)).toEqual({})
    await refused(mock.api.signIn(clientId, 'ada', PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.')
    expect((await mock.api.tokens(clientId, 'ada', NEW_PASSWORD)).AccessToken).toBeTruthy()
    expect((await mock.client.send(new GetUserCommand({ AccessToken: AccessToken! }))).Username).toBe('ada')
  })

  it('a wrong previous password, a weak new one; the 6th call within an hour: LimitExceededException', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', phoneNumber: null })
    const { AccessToken } = await mock.api.tokens(clientId, 'ada')
    await refused(change(AccessToken!, 'Not-The-Password-1', NEW_PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.')
    await refused(change(AccessToken!, PASSWORD, 'weak'), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough')
    for (let i = 0; i < 3; i++) await refused(change(AccessToken!, 'Not-The-Password-1', NEW_PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.')
    await refused(change(AccessToken!, PASSWORD, NEW_PASSWORD), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.')
    expect(mock.cognito.users.get(pool.id, 'ada')!.password).toBe(PASSWORD)
  })
})
