import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from 'amazon-cognito-identity-js'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CreatePoolInput, UserPoolRecord } from '../src/index.ts'
import { lifecycleMock, NEW_PASSWORD, noraSignUpBody, PASSWORD, SCHEMA, sent, UUID, wrong } from './lifecycle-clients-support.ts'
import { MemoryStorage } from './support.ts'

/**
 * The unmodified amazon-cognito-identity-js (6.3) through the user lifecycle against the mock
 * (research-14-clients §2): `userPool.signUp`, `confirmRegistration`, `resendConfirmationCode`, `forgotPassword` +
 * `confirmPassword`, `changePassword`, `updateAttributes` (which re-reads the user and, once it has, refreshes the
 * tokens), `getAttributeVerificationCode` + `verifyAttribute`, `deleteAttributes`, `deleteUser`. Refusals assert
 * the error's `code` (= `name`) and `message`, which this client takes from the body's `__type` and `message`.
 */

const mock = lifecycleMock(1403)
let pool: UserPoolRecord
let storage: MemoryStorage
let userPool: CognitoUserPool

beforeEach(() => {
  storage = new MemoryStorage()
  use({})
})

/** A new pool (devices always remembered, plus `settings`) and its CognitoUserPool on `storage`. */
function use(settings: CreatePoolInput): void {
  pool = mock.cognito.pools.create({ deviceRemembering: 'always', ...settings })
  userPool = new CognitoUserPool({ UserPoolId: pool.id, ClientId: pool.clients[0]!.clientId, Storage: storage })
}

/** A node-style callback as a promise: `(error, value, extra)` → `[value, extra]`. */
function callback<T, E = undefined>(start: (cb: (error: Error | null | undefined, value?: T, extra?: E) => void) => void): Promise<[T, E]> {
  return new Promise((resolve, reject) => start((error, value, extra) => (error ? reject(error) : resolve([value as T, extra as E]))))
}
/** The client's error as an app sees it. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`)
    },
    (e: { code: string; name: string; message: string }) => ({ code: e.code, name: e.name, message: e.message }),
  )
const refusedWith = (name: string, message: string) => ({ code: name, name, message })

const attributes = (record: Record<string, string>) => Object.entries(record).map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }))
const userNamed = (username: string) => new CognitoUser({ Username: username, Pool: userPool, Storage: storage })
const signUp = (username: string, record: Record<string, string> = { email: `${username}@example.com` }, password = PASSWORD) =>
  callback<ISignUpResult>((cb) => userPool.signUp(username, password, attributes(record), null as never, cb))
const code = (username: string, purpose: 'sign-up' | 'forgot-password' | 'verify-attribute') => mock.cognito.outbox.code({ username, purpose })

function authenticate(user: CognitoUser, password = PASSWORD): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), { onSuccess: resolve, onFailure: reject }),
  )
}

/** nora, signed up, confirmed and signed in (SRP): the CognitoUser with its session. */
async function signedInNora(): Promise<CognitoUser> {
  const [{ user }] = await signUp('nora')
  await callback((cb) => user.confirmRegistration(code('nora', 'sign-up'), false, cb))
  await authenticate(user)
  mock.wire.clear()
  mock.cognito.requests.clear()
  return user
}
const userAttributes = async (user: CognitoUser) =>
  Object.fromEntries((await callback<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb as never)))[0].map((a) => [a.getName(), a.getValue()]))

describe('signUp, confirmRegistration, resendConfirmationCode', () => {
  it('signUp: userConfirmed false, userSub, codeDeliveryDetails; ValidationData null is accepted', async () => {
    const [result] = await signUp('nora', { email: 'nora@example.com', name: 'Nora' })
    const record = mock.cognito.users.get(pool.id, 'nora')!
    expect(result.userConfirmed).toBe(false)
    expect(result.userSub).toBe(record.sub)
    expect(result.userSub).toMatch(UUID)
    expect(result.codeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' })
    expect(result.user.getUsername()).toBe('nora')
    // The README's call passes null for the validation data, which goes on the wire as null.
    expect(sent(mock, 'SignUp')).toEqual({ ...noraSignUpBody(pool.clients[0]!.clientId), ValidationData: null })
    expect(record).toMatchObject({ status: 'UNCONFIRMED', emailVerified: false, attributes: { name: 'Nora' } })
  })

  it('signUp refusals: a taken name, a weak password, a missing required attribute', async () => {
    await signUp('nora')
    expect(await failure(signUp('nora'))).toEqual(refusedWith('UsernameExistsException', 'User already exists'))
    expect(await failure(signUp('bea', undefined, 'Sh0rt!'))).toEqual(refusedWith('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'))
    expect(await failure(signUp('bea', { name: 'Bea' }))).toEqual(refusedWith('InvalidParameterException', `${SCHEMA}email: The attribute is required\n`))
  })

  it('confirmRegistration: SUCCESS (ForceAliasCreation false sent); a wrong code, then a second confirmation, are refused', async () => {
    const [{ user }] = await signUp('nora')
    const right = code('nora', 'sign-up')
    expect(await failure(callback((cb) => user.confirmRegistration(wrong(right), false, cb)))).toEqual(
      refusedWith('CodeMismatchException', 'Invalid verification code provided, please try again.'),
    )
    expect(await callback((cb) => user.confirmRegistration(right, false, cb))).toEqual(['SUCCESS', undefined])
    expect(sent(mock, 'ConfirmSignUp')).toEqual({ ClientId: pool.clients[0]!.clientId, ConfirmationCode: right, Username: 'nora', ForceAliasCreation: false })
    expect(mock.cognito.users.get(pool.id, 'nora')).toMatchObject({ status: 'CONFIRMED', emailVerified: true })
    expect(await failure(callback((cb) => user.confirmRegistration(right, false, cb)))).toEqual(
      refusedWith('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'),
    )
  })

  it('an unconfirmed user signing in: UserNotConfirmedException', async () => {
    const [{ user }] = await signUp('nora')
    expect(await failure(authenticate(user))).toEqual(refusedWith('UserNotConfirmedException', 'User is not confirmed.'))
  })

  it('resendConfirmationCode: the whole body { CodeDeliveryDetails }; the new code confirms; confirmed: “User is already confirmed.”', async () => {
    const [{ user }] = await signUp('nora')
    const old = code('nora', 'sign-up')
    const [body] = await callback((cb) => user.resendConfirmationCode(cb))
    expect(body).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' } })
    const fresh = code('nora', 'sign-up')
    expect(fresh).not.toBe(old)
    await callback((cb) => user.confirmRegistration(fresh, false, cb))
    expect(await failure(callback((cb) => user.resendConfirmationCode(cb)))).toEqual(refusedWith('InvalidParameterException', 'User is already confirmed.'))
  })
})

describe('forgotPassword and confirmPassword', () => {
  it('inputVerificationCode gets { CodeDeliveryDetails }; confirmPassword with the code: SUCCESS, and the new password signs in', async () => {
    await signedInNora()
    const user = userNamed('nora')
    const data = await new Promise((resolve, reject) => user.forgotPassword({ onSuccess: reject, onFailure: reject, inputVerificationCode: resolve }))
    expect(data).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' } })
    const right = code('nora', 'forgot-password')
    const confirm = (c: string, password: string) => new Promise((resolve, reject) => user.confirmPassword(c, password, { onSuccess: resolve, onFailure: reject }))
    expect(await failure(confirm(wrong(right), NEW_PASSWORD))).toEqual(refusedWith('CodeMismatchException', 'Invalid verification code provided, please try again.'))
    expect(await failure(confirm(right, 'weak'))).toEqual(refusedWith('InvalidPasswordException', 'Password does not conform to policy: Password not long enough'))
    expect(await confirm(right, NEW_PASSWORD)).toBe('SUCCESS')
    expect(sent(mock, 'ConfirmForgotPassword')).toEqual({ ClientId: pool.clients[0]!.clientId, Username: 'nora', ConfirmationCode: right, Password: NEW_PASSWORD })
    expect(await failure(authenticate(userNamed('nora')))).toEqual(refusedWith('NotAuthorizedException', 'Incorrect username or password.'))
    expect((await authenticate(userNamed('nora'), NEW_PASSWORD)).isValid()).toBe(true)
  })

  it('without inputVerificationCode, onSuccess gets the same body', async () => {
    await signedInNora()
    const data = await new Promise((resolve, reject) => userNamed('nora').forgotPassword({ onSuccess: resolve, onFailure: reject }))
    expect(data).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' } })
  })
})

describe('signed in', () => {
  it('changePassword: SUCCESS, the new password signs in; a wrong old password: NotAuthorizedException', async () => {
    const user = await signedInNora()
    expect(await failure(callback((cb) => user.changePassword('Not-The-Password-1', NEW_PASSWORD, cb)))).toEqual(
      refusedWith('NotAuthorizedException', 'Incorrect username or password.'),
    )
    // ClientMetadata is not a ChangePassword member in the model; the client sends it when given, and it is ignored.
    expect(await callback((cb) => user.changePassword(PASSWORD, NEW_PASSWORD, cb, { app: 'web' }))).toEqual(['SUCCESS', undefined])
    expect(sent(mock, 'ChangePassword')).toEqual({
      PreviousPassword: PASSWORD,
      ProposedPassword: NEW_PASSWORD,
      AccessToken: user.getSignInUserSession()!.getAccessToken().getJwtToken(),
      ClientMetadata: { app: 'web' },
    })
    expect(mock.cognito.users.get(pool.id, 'nora')!.password).toBe(NEW_PASSWORD)
    expect((await authenticate(userNamed('nora'), NEW_PASSWORD)).isValid()).toBe(true)
  })

  it('updateAttributes: SUCCESS and the answer; the client re-reads the user (GetUser), the second time refreshing its tokens', async () => {
    const user = await signedInNora()
    const [status, details] = await callback<string, unknown>((cb) => user.updateAttributes(attributes({ name: 'Nora K.' }), cb as never))
    expect([status, details]).toEqual(['SUCCESS', {}])
    expect(mock.wire.calls.map((c) => c.operation)).toEqual(['UpdateUserAttributes', 'GetUser'])
    expect(await userAttributes(user)).toMatchObject({ name: 'Nora K.', email: 'nora@example.com', email_verified: 'true' })

    mock.wire.clear()
    const [, second] = await callback<string, unknown>((cb) => user.updateAttributes(attributes({ email: 'kim@example.org' }), cb as never))
    expect(second).toEqual({ CodeDeliveryDetailsList: [{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'k***@e***' }] })
    expect(mock.wire.calls.map((c) => c.operation)).toEqual(['UpdateUserAttributes', 'GetUser', 'InitiateAuth'])
    expect(sent(mock, 'InitiateAuth')).toMatchObject({ AuthFlow: 'REFRESH_TOKEN_AUTH' })
    // The refreshed ID token carries the new claims.
    expect(user.getSignInUserSession()!.getIdToken().payload).toMatchObject({ name: 'Nora K.', email: 'kim@example.org', email_verified: false })
  })

  it('getAttributeVerificationCode + verifyAttribute: the email is verified; a wrong code: CodeMismatchException', async () => {
    const user = await signedInNora()
    await callback((cb) => user.updateAttributes(attributes({ email: 'kim@example.org' }), cb as never))
    expect(await userAttributes(user)).toMatchObject({ email: 'kim@example.org', email_verified: 'false' })
    const data = await new Promise((resolve, reject) => user.getAttributeVerificationCode('email', { onSuccess: reject, onFailure: reject, inputVerificationCode: resolve }))
    expect(data).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'k***@e***' } })
    const right = code('nora', 'verify-attribute')
    const verify = (c: string) => new Promise((resolve, reject) => user.verifyAttribute('email', c, { onSuccess: resolve, onFailure: reject }))
    expect(await failure(verify(wrong(right)))).toEqual(refusedWith('CodeMismatchException', 'Invalid verification code provided, please try again.'))
    expect(await verify(right)).toBe('SUCCESS')
    expect(sent(mock, 'VerifyUserAttribute')).toMatchObject({ AttributeName: 'email', Code: right })
    expect(await userAttributes(user)).toMatchObject({ email: 'kim@example.org', email_verified: 'true' })
    // Without inputVerificationCode: onSuccess('SUCCESS').
    expect(await new Promise((resolve, reject) => user.getAttributeVerificationCode('email', { onSuccess: resolve, onFailure: reject }))).toBe('SUCCESS')
  })

  it('deleteAttributes: SUCCESS, the attribute is gone; a required one is refused', async () => {
    const user = await signedInNora()
    await callback((cb) => user.updateAttributes(attributes({ name: 'Nora', nickname: 'No' }), cb as never))
    expect(await callback((cb) => user.deleteAttributes(['nickname'], cb))).toEqual(['SUCCESS', undefined])
    expect(sent(mock, 'DeleteUserAttributes')).toMatchObject({ UserAttributeNames: ['nickname'] })
    const after = await userAttributes(user)
    expect(after).not.toHaveProperty('nickname')
    expect(after).toMatchObject({ name: 'Nora' })
    // UpdateUserAttributes with a blank value deletes the attribute too (WIRE §10.1.8).
    await callback((cb) => user.updateAttributes(attributes({ name: '' }), cb as never))
    expect(await userAttributes(user)).not.toHaveProperty('name')
    expect(await failure(callback((cb) => user.deleteAttributes(['email'], cb)))).toEqual(
      refusedWith('InvalidParameterException', 'Invalid user attributes: email: Required attribute cannot be deleted.'),
    )
  })

  it('deleteUser: SUCCESS; the user and devices are gone; signing in again: NotAuthorizedException (PreventUserExistenceErrors)', async () => {
    const user = await signedInNora()
    const key = storage.getItem(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.nora.deviceKey`)!
    expect(mock.cognito.devices.get(pool.id, 'nora', key)).toBeDefined()
    // As for ChangePassword, the ClientMetadata the model lacks is sent when given and ignored.
    // (index.d.ts omits deleteUser's clientMetadata parameter, which CognitoUser.js takes.)
    const withMetadata = user as unknown as { deleteUser(cb: (error: Error | null | undefined, value?: string) => void, clientMetadata: Record<string, string>): void }
    expect(await callback<string>((cb) => withMetadata.deleteUser(cb, { app: 'web' }))).toEqual(['SUCCESS', undefined])
    expect(mock.wire.calls.map((c) => `${c.operation} ${c.status}`)).toEqual(['DeleteUser 200'])
    expect(sent(mock, 'DeleteUser')).toMatchObject({ ClientMetadata: { app: 'web' } })
    expect(mock.cognito.users.get(pool.id, 'nora')).toBeUndefined()
    expect(mock.cognito.devices.get(pool.id, 'nora', key)).toBeUndefined()
    expect(storage.getItem(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.LastAuthUser`)).toBeNull()
    // The session the CognitoUser still holds in memory: its access token answers `User does not exist.` (WIRE §10.1.5).
    expect(await failure(callback((cb) => user.getUserAttributes(cb as never)))).toEqual(refusedWith('UserNotFoundException', 'User does not exist.'))
    expect(await failure(authenticate(userNamed('nora')))).toEqual(refusedWith('NotAuthorizedException', 'Incorrect username or password.'))
  })

  it('deleteUser with a LEGACY client: signing in again: UserNotFoundException', async () => {
    use({ clients: [{ clientName: 'web', preventUserExistenceErrors: 'LEGACY' }] })
    const user = await signedInNora()
    await callback((cb) => user.deleteUser(cb))
    expect(await failure(authenticate(userNamed('nora')))).toEqual(refusedWith('UserNotFoundException', 'User does not exist.'))
  })

  it('a user signed up again under the deleted name: the stored device key answers “Device does not exist.”, the client retries, a new device', async () => {
    const user = await signedInNora()
    const deviceKey = `CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.nora.deviceKey`
    const old = storage.getItem(deviceKey)!
    const oldSub = user.getSignInUserSession()!.getIdToken().payload.sub
    await callback((cb) => user.deleteUser(cb))
    // identity-js keeps the device keys after deleteUser (research-14-clients §2).
    expect(storage.getItem(deviceKey)).toBe(old)
    const [again] = await signUp('nora')
    expect(again.userSub).not.toBe(oldSub)
    await callback((cb) => again.user.confirmRegistration(code('nora', 'sign-up'), false, cb))
    mock.wire.clear()
    await authenticate(userNamed('nora'))
    expect(mock.wire.calls.map((c) => `${c.operation} ${c.status} ${c.answer?.message ?? ''}`.trim())).toEqual([
      'InitiateAuth 200',
      'RespondToAuthChallenge 400 Device does not exist.',
      'RespondToAuthChallenge 200',
      'ConfirmDevice 200',
    ])
    expect(storage.getItem(deviceKey)).not.toBe(old)
    expect(mock.cognito.devices.list(pool.id, 'nora').map((d) => d.key)).toEqual([storage.getItem(deviceKey)])
  })
})

describe('an email-as-username pool', () => {
  it('the email is the name the client uses throughout; the user is named by their sub, which the client takes on at sign-in', async () => {
    use({ usernameAttributes: ['email'] })
    const [result] = await callback<ISignUpResult>((cb) => userPool.signUp('ada@example.com', PASSWORD, [], null as never, cb))
    expect(result.codeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' })
    const sub = result.userSub
    expect(mock.cognito.users.get(pool.id, sub)).toMatchObject({ username: sub, email: 'ada@example.com', status: 'UNCONFIRMED' })
    expect(await failure(authenticate(userNamed('ada@example.com')))).toEqual(refusedWith('UserNotConfirmedException', 'User is not confirmed.'))

    await callback((cb) => result.user.resendConfirmationCode(cb))
    expect(sent(mock, 'ResendConfirmationCode')).toMatchObject({ Username: 'ada@example.com' })
    await callback((cb) => result.user.confirmRegistration(code(sub, 'sign-up'), false, cb))
    expect(sent(mock, 'ConfirmSignUp')).toMatchObject({ Username: 'ada@example.com' })
    expect(mock.cognito.users.get(pool.id, sub)).toMatchObject({ status: 'CONFIRMED', emailVerified: true })

    const user = userNamed('ada@example.com')
    const session = await authenticate(user)
    expect(user.getUsername()).toBe(sub)
    expect(session.getIdToken().payload).toMatchObject({ sub, 'cognito:username': sub, email: 'ada@example.com', email_verified: true })

    const data = await new Promise((resolve, reject) => userNamed('ada@example.com').forgotPassword({ onSuccess: reject, onFailure: reject, inputVerificationCode: resolve }))
    expect(data).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } })
    const reset = mock.cognito.outbox.last({ poolId: pool.id, purpose: 'forgot-password' })!
    expect(reset.username).toBe(sub)
    await new Promise((resolve, reject) => userNamed('ada@example.com').confirmPassword(reset.code, NEW_PASSWORD, { onSuccess: resolve, onFailure: reject }))
    expect((await authenticate(userNamed('ada@example.com'), NEW_PASSWORD)).isValid()).toBe(true)
  })
})
