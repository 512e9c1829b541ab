import { AdminResetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import {
  confirmResetPassword,
  confirmUserAttribute,
  deleteUser,
  deleteUserAttributes,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  sendUserAttributeVerificationCode,
  signIn,
  signOut,
  updatePassword,
  updateUserAttributes,
} from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { beforeEach, describe, expect, it } from 'vitest'
import type { UserPoolRecord } from '../src/index.ts'
import { lifecycleMock, NEW_PASSWORD, PASSWORD, refusal, sent, wrong } from './lifecycle-clients-support.ts'
import { callsOf } from './mfa-support.ts'
import { MemoryKeyValueStorage, sdkClient } from './support.ts'

/**
 * The unmodified Amplify v6 (`aws-amplify/auth`, @aws-amplify/auth 6.21.1) changing a signed-in account against the
 * mock (research-14-clients §1): `updatePassword`, `updateUserAttributes` and the code that verifies a new email
 * (`confirmUserAttribute`, `sendUserAttributeVerificationCode`), `deleteUserAttributes`, `fetchUserAttributes`, and
 * `deleteUser`. Refusals assert the AuthError's name and message. Sign-up and resets: test/amplify-lifecycle.test.ts.
 */

const mock = lifecycleMock(1402, { signOut })
let storage: MemoryKeyValueStorage
let pool: UserPoolRecord

beforeEach(() => {
  storage = new MemoryKeyValueStorage()
  pool = mock.cognito.pools.create({ deviceRemembering: 'always' })
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0]!.clientId } } })
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
})

/** nora, confirmed with a verified email and no phone number, signed in through Amplify (SRP). */
async function signedInNora(emailVerified = true): Promise<void> {
  mock.cognito.users.create(pool.id, { username: 'nora', password: PASSWORD, email: 'nora@example.com', emailVerified, phoneNumber: null })
  expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  mock.cognito.requests.clear()
  mock.wire.clear()
}

const accessToken = async () => (await fetchAuthSession()).tokens!.accessToken.toString()
const verifyCode = () => mock.cognito.outbox.code({ username: 'nora', purpose: 'verify-attribute' })

describe('updatePassword', () => {
  it('ChangePassword: the new password signs in, the old one no longer does; the session is kept', async () => {
    await signedInNora()
    expect(await updatePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })).toBeUndefined()
    expect(sent(mock, 'ChangePassword')).toEqual({ AccessToken: await accessToken(), PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD })
    expect(mock.cognito.users.get(pool.id, 'nora')!.password).toBe(NEW_PASSWORD)
    // The tokens survive a password change (WIRE §10.1.5).
    expect((await fetchUserAttributes()).email).toBe('nora@example.com')

    await signOut()
    expect(await refusal(signIn({ username: 'nora', password: PASSWORD }))).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    mock.cognito.requests.clear()
    expect(await signIn({ username: 'nora', password: NEW_PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    // The remembered device survives the change: it proves itself by device SRP, no new device.
    expect(callsOf(mock.cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
  })

  it('a wrong old password: NotAuthorizedException “Incorrect username or password.”; a weak new one: InvalidPasswordException', async () => {
    await signedInNora()
    expect(await refusal(updatePassword({ oldPassword: 'Not-The-Password-1', newPassword: NEW_PASSWORD }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    expect(await refusal(updatePassword({ oldPassword: PASSWORD, newPassword: 'weak' }))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password not long enough',
    })
    expect(mock.cognito.users.get(pool.id, 'nora')!.password).toBe(PASSWORD)
  })
})

describe('updateUserAttributes, confirmUserAttribute, fetchUserAttributes', () => {
  it('a name: isUpdated, DONE; fetchUserAttributes shows it', async () => {
    await signedInNora()
    expect(await updateUserAttributes({ userAttributes: { name: 'Nora K.' } })).toEqual({ name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } } })
    expect(sent(mock, 'UpdateUserAttributes')).toEqual({ AccessToken: await accessToken(), UserAttributes: [{ Name: 'name', Value: 'Nora K.' }] })
    expect(await fetchUserAttributes()).toEqual({
      sub: mock.cognito.users.get(pool.id, 'nora')!.sub,
      email_verified: 'true',
      name: 'Nora K.',
      email: 'nora@example.com',
    })
  })

  it('a phone number the pool does not verify: updated at once (DONE), unverified, no code sent', async () => {
    await signedInNora()
    expect(await updateUserAttributes({ userAttributes: { phone_number: '+15555550123' } })).toEqual({
      phone_number: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
    })
    expect(await fetchUserAttributes()).toMatchObject({ phone_number: '+15555550123', phone_number_verified: 'false' })
    expect(mock.cognito.outbox.list({ purpose: 'verify-attribute' })).toEqual([])
  })

  it('a client writing email_verified: NotAuthorizedException; nothing changes', async () => {
    await signedInNora()
    expect(await refusal(updateUserAttributes({ userAttributes: { email_verified: 'false', name: 'Nora' } }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    })
    expect(await fetchUserAttributes()).toEqual({ sub: mock.cognito.users.get(pool.id, 'nora')!.sub, email_verified: 'true', email: 'nora@example.com' })
  })

  it('an email: CONFIRM_ATTRIBUTE_WITH_CODE where the code went; the code verifies it (a wrong one: CodeMismatchException)', async () => {
    await signedInNora()
    const result = await updateUserAttributes({ userAttributes: { email: 'kim@example.org', name: 'Nora' } })
    expect(result).toEqual({
      name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
      email: {
        isUpdated: false,
        nextStep: { updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE', codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'k***@e***' } },
      },
    })
    const message = mock.cognito.outbox.last({ username: 'nora', purpose: 'verify-attribute' })!
    expect(message).toMatchObject({ medium: 'EMAIL', destination: 'kim@example.org', code: expect.stringMatching(/^\d{6}$/) })
    // The pool keeps no original until verified: the new email is the user's, unverified.
    expect(await fetchUserAttributes()).toMatchObject({ email: 'kim@example.org', email_verified: 'false', name: 'Nora' })

    expect(await refusal(confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: wrong(message.code) }))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    expect(await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: message.code })).toBeUndefined()
    expect(sent(mock, 'VerifyUserAttribute')).toEqual({ AccessToken: await accessToken(), AttributeName: 'email', Code: message.code })
    expect(await fetchUserAttributes()).toMatchObject({ email: 'kim@example.org', email_verified: 'true' })
    expect(mock.cognito.users.get(pool.id, 'nora')).toMatchObject({ email: 'kim@example.org', emailVerified: true })

    // The new email signs in once verified? Not in a username pool without aliases: the username does, with the new claims.
    await signOut()
    await signIn({ username: 'nora', password: PASSWORD })
    expect((await fetchAuthSession()).tokens!.idToken!.payload).toMatchObject({ email: 'kim@example.org', email_verified: true, name: 'Nora' })
  })

  it('a pool that keeps the original until verified: the old email stays (verified) until the code; then the new one', async () => {
    pool = mock.cognito.pools.create({ deviceRemembering: 'always', keepOriginalUntilVerified: true })
    Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0]!.clientId } } })
    await signedInNora()
    expect((await updateUserAttributes({ userAttributes: { email: 'kim@example.org' } })).email!.nextStep.updateAttributeStep).toBe('CONFIRM_ATTRIBUTE_WITH_CODE')
    expect(mock.cognito.outbox.last({ username: 'nora', purpose: 'verify-attribute' })!.destination).toBe('kim@example.org')
    expect(await fetchUserAttributes()).toMatchObject({ email: 'nora@example.com', email_verified: 'true' })
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: verifyCode() })
    expect(await fetchUserAttributes()).toMatchObject({ email: 'kim@example.org', email_verified: 'true' })
  })

  it('a verification code after 24 hours: ExpiredCodeException', async () => {
    await signedInNora()
    await updateUserAttributes({ userAttributes: { email: 'kim@example.org' } })
    const code = verifyCode()
    mock.cognito.clock.advance('25h')
    // The access token has expired on the mock's clock too; Amplify judges expiry by the wall clock, so refresh here.
    await fetchAuthSession({ forceRefresh: true })
    expect(await refusal(confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: code }))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    })
    expect(callsOf(mock.cognito)).toContain('GetTokensFromRefreshToken')
  })
})

describe('sendUserAttributeVerificationCode', () => {
  it('an unverified email: the code’s delivery details; confirmUserAttribute with it verifies the email', async () => {
    await signedInNora(false)
    expect(await fetchUserAttributes()).toMatchObject({ email: 'nora@example.com', email_verified: 'false' })
    expect(await sendUserAttributeVerificationCode({ userAttributeKey: 'email' })).toEqual({ attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'n***@e***' })
    expect(sent(mock, 'GetUserAttributeVerificationCode')).toEqual({ AccessToken: await accessToken(), AttributeName: 'email' })
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: verifyCode() })
    expect(await fetchUserAttributes()).toMatchObject({ email: 'nora@example.com', email_verified: 'true' })
  })

  it('an attribute that is not email or phone_number: InvalidParameterException', async () => {
    await signedInNora()
    expect(await refusal(sendUserAttributeVerificationCode({ userAttributeKey: 'name' as 'email' }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid attribute name. Only phone_number and email can be verified.',
    })
  })
})

describe('deleteUserAttributes', () => {
  it('removes an attribute; a required one: InvalidParameterException', async () => {
    await signedInNora()
    await updateUserAttributes({ userAttributes: { name: 'Nora', nickname: 'No' } })
    expect(await deleteUserAttributes({ userAttributeKeys: ['name'] })).toBeUndefined()
    expect(sent(mock, 'DeleteUserAttributes')).toEqual({ AccessToken: await accessToken(), UserAttributeNames: ['name'] })
    const attributes = await fetchUserAttributes()
    expect(attributes).not.toHaveProperty('name')
    expect(attributes).toMatchObject({ nickname: 'No', email: 'nora@example.com' })
    expect(await refusal(deleteUserAttributes({ userAttributeKeys: ['email'] }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid user attributes: email: Required attribute cannot be deleted.',
    })
  })
})

describe('an admin reset while signed in', () => {
  it('the user API answers PasswordResetRequiredException; the emailed code and a new password sign in again', async () => {
    await signedInNora()
    const admin = sdkClient()
    await admin.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.id, Username: 'nora' }))
    admin.destroy()
    expect(await refusal(fetchUserAttributes())).toEqual({ name: 'PasswordResetRequiredException', message: 'Password reset required for the user' })
    // A forced refresh is refused too (GetTokensFromRefreshToken: NotAuthorizedException), so Amplify drops the tokens.
    expect((await fetchAuthSession({ forceRefresh: true })).tokens).toBeUndefined()
    await signOut()
    expect(await signIn({ username: 'nora', password: PASSWORD })).toEqual({ isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } })
    await confirmResetPassword({ username: 'nora', confirmationCode: mock.cognito.outbox.code({ username: 'nora', purpose: 'forgot-password' }), newPassword: NEW_PASSWORD })
    expect(await signIn({ username: 'nora', password: NEW_PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect((await fetchUserAttributes()).email).toBe('nora@example.com')
  })
})

describe('deleteUser', () => {
  it('DeleteUser, then RevokeToken: the user and their devices are gone, Amplify is signed out, the name no longer signs in', async () => {
    await signedInNora()
    const key = storage.items.get(`CognitoIdentityServiceProvider.${pool.clients[0]!.clientId}.nora.deviceKey`)!
    expect(mock.cognito.devices.get(pool.id, 'nora', key)).toBeDefined()
    const token = await accessToken()

    expect(await deleteUser()).toBeUndefined()
    expect(mock.wire.calls.map((c) => c.operation)).toEqual(['DeleteUser', 'RevokeToken'])
    // DeleteUser answers an empty body (no output shape); the RevokeToken after it must not be a 5xx (Amplify would retry).
    expect(mock.wire.calls.map((c) => [c.status, c.answer])).toEqual([[200, undefined], [expect.any(Number), expect.anything()]])
    expect(mock.wire.calls[1]!.status).toBeLessThan(500)
    expect(sent(mock, 'DeleteUser')).toEqual({ AccessToken: token })
    expect(mock.cognito.users.get(pool.id, 'nora')).toBeUndefined()
    expect(mock.cognito.devices.get(pool.id, 'nora', key)).toBeUndefined()
    // Amplify cleared its tokens and the device keys.
    expect([...storage.items.keys()].filter((k) => /\.nora\.(accessToken|idToken|refreshToken|deviceKey|randomPasswordKey)$/.test(k))).toEqual([])
    expect(await refusal(getCurrentUser())).toMatchObject({ name: 'UserUnAuthenticatedException' })

    expect(await refusal(signIn({ username: 'nora', password: PASSWORD }))).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
  })
})
