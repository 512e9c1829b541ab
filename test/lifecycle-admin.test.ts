import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  type AdminCreateUserCommandInput,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import type { UserPoolRecord } from '../src/index.ts'
import { NEW_PASSWORD, PASSWORD, UUID, attributesOf, body, lifecycleSuite, poolWith, refused } from './lifecycle-support.ts'

/**
 * An administrator's user management through the unmodified SDK v3 (SigV4-signed) and MSW: AdminCreateUser and
 * its invitation, AdminConfirmSignUp, AdminResetUserPassword, AdminSetUserPassword. ListUsers and the other admin
 * switches: lifecycle-admin-users.test.ts.
 */

const mock = lifecycleSuite(16)

const create = (pool: UserPoolRecord, input: Omit<AdminCreateUserCommandInput, 'UserPoolId'>) => mock.client.send(new AdminCreateUserCommand({ UserPoolId: pool.id, ...input }))
const invitation = (username: string) => mock.cognito.outbox.code({ username, purpose: 'invitation' })
const newPassword = (ClientId: string, Session: string, USERNAME: string, extra: Record<string, string> = {}) =>
  mock.client.send(new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME, NEW_PASSWORD, ...extra } }))

describe('AdminCreateUser', () => {
  it('a FORCE_CHANGE_PASSWORD user, sub first; the invitation carries the temporary password, which meets NEW_PASSWORD_REQUIRED', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    const answer = await create(pool, { Username: 'diego', UserAttributes: attributesOf({ email: 'diego@example.com' }), DesiredDeliveryMediums: ['EMAIL'] })
    expect(answer.$metadata.httpStatusCode).toBe(200)
    const { User } = answer
    expect(Object.keys(body(answer))).toEqual(['User'])
    expect(User).toMatchObject({ Username: 'diego', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' })
    expect(User!.Attributes![0]).toEqual({ Name: 'sub', Value: expect.stringMatching(UUID) })
    expect(User!.Attributes).toContainEqual({ Name: 'email', Value: 'diego@example.com' })
    // Epoch seconds with milliseconds on the wire, Dates in the SDK: the moment the user was made.
    expect(User!.UserCreateDate!.getTime()).toBe(mock.cognito.users.get(pool.id, 'diego')!.createdAt)
    expect(User!.UserLastModifiedDate).toEqual(User!.UserCreateDate)
    const [message] = mock.cognito.outbox.list({ username: 'diego' })
    expect(message).toMatchObject({ medium: 'EMAIL', destination: 'diego@example.com', purpose: 'invitation' })
    const temporary = message!.code
    expect(temporary).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/)
    expect(message!.text).toContain('diego')
    expect(message!.text).toContain(temporary)
    const first = await mock.api.signIn(clientId, 'diego', temporary)
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    expect(first.ChallengeParameters!.requiredAttributes).toBe('[]')
    expect(JSON.parse(first.ChallengeParameters!.userAttributes!)).toMatchObject({ email: 'diego@example.com' })
    const done = await newPassword(clientId, first.Session!, 'diego')
    expect(done.AuthenticationResult!.AccessToken).toBeTruthy()
    expect(mock.cognito.users.get(pool.id, 'diego')!.status).toBe('CONFIRMED')
    expect((await mock.api.tokens(clientId, 'diego', NEW_PASSWORD)).AccessToken).toBeTruthy()
  })

  it('a required attribute missing: refused as SignUp refuses it', async () => {
    const { pool } = poolWith(mock.cognito, { requiredAttributes: ['email', 'name'] })
    await refused(
      create(pool, { Username: 'diego', UserAttributes: attributesOf({ email: 'diego@example.com' }) }),
      'InvalidParameterException',
      'Attributes did not conform to the schema: name: The attribute is required\n',
    )
  })

  it('NEW_PASSWORD_REQUIRED lists the required attributes the user lacks; answering with them gives tokens', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    await create(pool, { Username: 'diego', UserAttributes: attributesOf({ email: 'diego@example.com' }), TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' })
    // The pool requires a name of users made before it did.
    mock.cognito.pools.update(pool.id, { requiredAttributes: ['email', 'name'] })
    const first = await mock.api.signIn(clientId, 'diego', PASSWORD)
    expect(first.ChallengeParameters!.requiredAttributes).toBe('["userAttributes.name"]')
    await refused(newPassword(clientId, first.Session!, 'diego'), 'InvalidParameterException', 'Invalid attributes given, name is missing')
    const second = await mock.api.signIn(clientId, 'diego', PASSWORD)
    const done = await newPassword(clientId, second.Session!, 'diego', { 'userAttributes.name': 'Diego' })
    expect(done.AuthenticationResult!.AccessToken).toBeTruthy()
    expect((await mock.api.me(done.AuthenticationResult!.AccessToken!)).attributes).toMatchObject({ name: 'Diego', email: 'diego@example.com' })
  })

  it('the temporary password expires after the pool’s validity days; RESEND gives a new one and a new window', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    await create(pool, { Username: 'diego', UserAttributes: attributesOf({ email: 'diego@example.com' }) })
    const first = invitation('diego')
    mock.cognito.clock.advance('8d')
    await refused(mock.api.signIn(clientId, 'diego', first), 'NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.')
    const resent = await create(pool, { Username: 'diego', MessageAction: 'RESEND' })
    expect(resent.User).toMatchObject({ Username: 'diego', UserStatus: 'FORCE_CHANGE_PASSWORD' })
    const second = invitation('diego')
    expect(second).not.toBe(first)
    expect(mock.cognito.outbox.list({ username: 'diego', purpose: 'invitation' })).toHaveLength(2)
    await refused(mock.api.signIn(clientId, 'diego', first), 'NotAuthorizedException', 'Incorrect username or password.')
    expect((await mock.api.signIn(clientId, 'diego', second)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
  })

  it('temporaryPasswordValidityDays: 1 → expired a day later', async () => {
    const { pool, clientId } = poolWith(mock.cognito, { passwordPolicy: { minimumLength: 10, requireSymbols: false, temporaryPasswordValidityDays: 1 } })
    await create(pool, { Username: 'diego', UserAttributes: attributesOf({ email: 'diego@example.com' }) })
    const temporary = invitation('diego')
    expect(temporary.length).toBeGreaterThanOrEqual(10)
    mock.cognito.clock.advance('23h')
    expect((await mock.api.signIn(clientId, 'diego', temporary)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    mock.cognito.clock.advance('2h')
    await refused(mock.api.signIn(clientId, 'diego', temporary), 'NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.')
  })

  it('refusals: a taken username, RESEND of a confirmed or unknown user, a weak TemporaryPassword', async () => {
    const { pool } = poolWith(mock.cognito)
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', phoneNumber: null })
    await refused(create(pool, { Username: 'ada', UserAttributes: attributesOf({ email: 'x@example.com' }) }), 'UsernameExistsException', 'User account already exists')
    await refused(create(pool, { Username: 'ada', MessageAction: 'RESEND' }), 'UnsupportedUserStateException', 'User status must be FORCE_CHANGE_PASSWORD to resend a temporary password.')
    await refused(create(pool, { Username: 'nobody', MessageAction: 'RESEND' }), 'UserNotFoundException', 'User does not exist.')
    await refused(
      create(pool, { Username: 'eve', UserAttributes: attributesOf({ email: 'eve@example.com' }), TemporaryPassword: 'short' }),
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    )
    expect(mock.cognito.outbox.list()).toEqual([])
  })

  it('SUPPRESS sends nothing; the mediums: SMS by default with a phone number, EMAIL asked without an email is refused', async () => {
    const { pool } = poolWith(mock.cognito, { requiredAttributes: [] })
    await create(pool, { Username: 'sam', UserAttributes: attributesOf({ email: 'sam@example.com' }), MessageAction: 'SUPPRESS', TemporaryPassword: PASSWORD })
    expect(mock.cognito.outbox.list()).toEqual([])
    await create(pool, { Username: 'pia', UserAttributes: attributesOf({ email: 'pia@example.com', phone_number: '+15555550123' }) })
    expect(mock.cognito.outbox.list({ username: 'pia' }).map((m) => [m.medium, m.destination, m.purpose])).toEqual([['SMS', '+15555550123', 'invitation']])
    await refused(
      create(pool, { Username: 'phil', UserAttributes: attributesOf({ phone_number: '+15555550124' }), DesiredDeliveryMediums: ['EMAIL'] }),
      'InvalidParameterException',
      'No email provided but desired delivery medium was Email',
    )
    expect(mock.cognito.users.get(pool.id, 'phil')).toBeUndefined()
  })
})

describe('AdminConfirmSignUp', () => {
  it('{}: CONFIRMED without a code, the email left unverified', async () => {
    const { pool, clientId } = poolWith(mock.cognito, { clients: [{ clientName: 'web', preventUserExistenceErrors: 'LEGACY' }] })
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    const answer = await mock.client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.id, Username: 'nora' }))
    expect(body(answer)).toEqual({})
    const got = await mock.client.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'nora' }))
    expect(got.UserStatus).toBe('CONFIRMED')
    expect(got.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' })
    expect((await mock.api.tokens(clientId, 'nora')).AccessToken).toBeTruthy()
    // Nothing verified: a password reset has no channel.
    await refused(
      mock.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nora' })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    )
  })
})

describe('AdminResetUserPassword', () => {
  it('RESET_REQUIRED and a code: sign-in and the user’s token meet PasswordResetRequiredException until ConfirmForgotPassword', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', emailVerified: true, phoneNumber: null })
    const { AccessToken } = await mock.api.tokens(clientId, 'ada')
    const answer = await mock.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.id, Username: 'ada' }))
    expect(body(answer)).toEqual({})
    expect(mock.cognito.users.get(pool.id, 'ada')!.status).toBe('RESET_REQUIRED')
    const message = mock.cognito.outbox.last({ username: 'ada' })!
    expect(message).toMatchObject({ purpose: 'forgot-password', medium: 'EMAIL', destination: 'ada@example.com' })
    await refused(mock.api.signIn(clientId, 'ada', PASSWORD), 'PasswordResetRequiredException', 'Password reset required for the user')
    await refused(mock.client.send(new GetUserCommand({ AccessToken: AccessToken! })), 'PasswordResetRequiredException', 'Password reset required for the user')
    const confirmed = await mock.client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ada', ConfirmationCode: message.code, Password: NEW_PASSWORD }))
    expect(body(confirmed)).toEqual({})
    expect(mock.cognito.users.get(pool.id, 'ada')!.status).toBe('CONFIRMED')
    expect((await mock.api.tokens(clientId, 'ada', NEW_PASSWORD)).AccessToken).toBeTruthy()
  })

  it('refused for a FORCE_CHANGE_PASSWORD user and for one without a verified channel', async () => {
    const { pool } = poolWith(mock.cognito)
    mock.cognito.users.create(pool.id, { username: 'fay', password: PASSWORD, email: 'fay@example.com', status: 'FORCE_CHANGE_PASSWORD', phoneNumber: null })
    mock.cognito.users.create(pool.id, { username: 'uma', password: PASSWORD, email: 'uma@example.com', emailVerified: false, phoneNumber: null })
    const reset = (Username: string) => mock.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.id, Username }))
    await refused(reset('fay'), 'NotAuthorizedException', 'User password cannot be reset in the current state.')
    await refused(reset('uma'), 'InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number')
    expect(mock.cognito.users.get(pool.id, 'uma')!.status).toBe('CONFIRMED')
  })
})

describe('AdminSetUserPassword', () => {
  const set = (pool: UserPoolRecord, Username: string, Password: string, Permanent?: boolean) =>
    mock.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.id, Username, Password, ...(Permanent === undefined ? {} : { Permanent }) }))

  it('Permanent true: CONFIRMED with the new password (from UNCONFIRMED too); false: FORCE_CHANGE_PASSWORD', async () => {
    const { pool, clientId } = poolWith(mock.cognito)
    await mock.api.signUp(clientId, 'nora', { email: 'nora@example.com' })
    expect(body(await set(pool, 'nora', NEW_PASSWORD, true))).toEqual({})
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('CONFIRMED')
    await refused(mock.api.signIn(clientId, 'nora', PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.')
    expect((await mock.api.tokens(clientId, 'nora', NEW_PASSWORD)).AccessToken).toBeTruthy()
    expect(body(await set(pool, 'nora', PASSWORD, false))).toEqual({})
    expect(mock.cognito.users.get(pool.id, 'nora')!.status).toBe('FORCE_CHANGE_PASSWORD')
    expect((await mock.api.signIn(clientId, 'nora', PASSWORD)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    await refused(set(pool, 'nora', 'weak', true), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough')
  })
})

describe('unknown users and pools', () => {
  it('an admin call naming an unknown user: UserNotFoundException `User does not exist.`; an unknown pool: ResourceNotFoundException', async () => {
    const { pool } = poolWith(mock.cognito)
    const UserPoolId = pool.id
    const Username = 'nobody'
    await refused(mock.client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username })), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new AdminResetUserPasswordCommand({ UserPoolId, Username })), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: PASSWORD, Permanent: true })), 'UserNotFoundException', 'User does not exist.')
    const missing = 'us-east-1_NoSuchPool'
    await refused(mock.client.send(new AdminConfirmSignUpCommand({ UserPoolId: missing, Username })), 'ResourceNotFoundException', `User pool ${missing} does not exist.`)
    await refused(create({ ...pool, id: missing }, { Username: 'diego' }), 'ResourceNotFoundException', `User pool ${missing} does not exist.`)
  })
})
