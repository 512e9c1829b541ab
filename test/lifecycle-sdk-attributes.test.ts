import {
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  ListDevicesCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import type { CreatePoolInput, UserPoolRecord } from '../src/index.ts'
import { PASSWORD, attributesOf, body, lifecycleSuite, poolWith, refused } from './lifecycle-support.ts'
import { wire } from './support.ts'

/**
 * The signed-in user's own attributes and account through the unmodified SDK v3 and MSW: UpdateUserAttributes,
 * GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUserAttributes and DeleteUser, successes with
 * their bodies and refusals with their exact messages.
 */

const mock = lifecycleSuite(15)

/** A pool with `settings`, and Nora in it, confirmed with a verified email, signed in. */
async function nora(settings: CreatePoolInput = {}): Promise<{ pool: UserPoolRecord; clientId: string; token: string; sub: string }> {
  const { pool, clientId } = poolWith(mock.cognito, settings)
  const user = mock.cognito.users.create(pool.id, { username: 'nora', password: PASSWORD, email: 'nora@example.com', emailVerified: true, phoneNumber: null })
  const { AccessToken } = await mock.api.tokens(clientId, 'nora')
  return { pool, clientId, token: AccessToken!, sub: user.sub }
}

const update = (AccessToken: string, attributes: Record<string, string>) => mock.client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: attributesOf(attributes) }))
const askCode = (AccessToken: string, AttributeName: string) => mock.client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName }))
const verify = (AccessToken: string, AttributeName: string, Code: string) => mock.client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName, Code }))
const verifyCode = () => mock.cognito.outbox.code({ username: 'nora', purpose: 'verify-attribute' })

describe('UpdateUserAttributes', () => {
  it('a name: {} and GetUser shows it; no code is sent', async () => {
    const { token, sub } = await nora()
    const answer = await update(token, { name: 'Nora N.' })
    expect(answer.$metadata.httpStatusCode).toBe(200)
    expect(body(answer)).toEqual({})
    expect((await mock.api.me(token)).attributes).toEqual({ sub, email_verified: 'true', name: 'Nora N.', email: 'nora@example.com' })
    expect(mock.cognito.outbox.list()).toEqual([])
  })

  it('a new email: a code for it (CodeDeliveryDetailsList), unverified until GetUserAttributeVerificationCode + VerifyUserAttribute', async () => {
    const { token } = await nora()
    const answer = await update(token, { email: 'nora@example.org' })
    expect(body(answer)).toEqual({ CodeDeliveryDetailsList: [{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' }] })
    expect(mock.cognito.outbox.last({ username: 'nora' })).toMatchObject({ purpose: 'verify-attribute', medium: 'EMAIL', destination: 'nora@example.org' })
    expect((await mock.api.me(token)).attributes).toMatchObject({ email: 'nora@example.org', email_verified: 'false' })
    const asked = await askCode(token, 'email')
    expect(body(asked)).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' } })
    expect(mock.cognito.outbox.list({ username: 'nora', purpose: 'verify-attribute' })).toHaveLength(2)
    const fresh = verifyCode()
    await refused(verify(token, 'email', fresh === '000000' ? '111111' : '000000'), 'CodeMismatchException', 'Invalid verification code provided, please try again.')
    const verified = await verify(token, 'email', fresh)
    expect(body(verified)).toEqual({})
    expect((await mock.api.me(token)).attributes).toMatchObject({ email: 'nora@example.org', email_verified: 'true' })
  })

  it('keepOriginalUntilVerified: GetUser shows the old, verified email until the code verifies the new one', async () => {
    const { token, clientId } = await nora({ keepOriginalUntilVerified: true })
    const answer = await update(token, { email: 'nora@example.org' })
    expect(answer.CodeDeliveryDetailsList).toEqual([{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' }])
    expect(mock.cognito.outbox.last({ username: 'nora' })!.destination).toBe('nora@example.org')
    expect((await mock.api.me(token)).attributes).toMatchObject({ email: 'nora@example.com', email_verified: 'true' })
    expect(body(await verify(token, 'email', verifyCode()))).toEqual({})
    expect((await mock.api.me(token)).attributes).toMatchObject({ email: 'nora@example.org', email_verified: 'true' })
    expect((await mock.api.tokens(clientId, 'nora')).AccessToken).toBeTruthy()
  })

  it('refusals, one line per attribute: not in the schema, `sub`; the verified flags; a blank required attribute', async () => {
    const { token, pool } = await nora()
    await refused(update(token, { foo: 'x' }), 'InvalidParameterException', 'user.foo: Attribute does not exist in the schema.\n')
    await refused(
      update(token, { foo: 'x', bar: 'y', name: 'ok' }),
      'InvalidParameterException',
      'user.foo: Attribute does not exist in the schema.\nuser.bar: Attribute does not exist in the schema.\n',
    )
    await refused(update(token, { sub: 'a' }), 'InvalidParameterException', 'user.sub: Attribute cannot be updated.\n')
    await refused(update(token, { email_verified: 'true' }), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute')
    await refused(update(token, { email: '' }), 'InvalidParameterException', 'Invalid user attributes: email: Required attribute cannot be deleted.')
    // Nothing was written by the refused calls.
    expect(mock.cognito.users.get(pool.id, 'nora')).toMatchObject({ email: 'nora@example.com', emailVerified: true })
    expect(mock.cognito.users.get(pool.id, 'nora')!.attributes ?? {}).toEqual({})
  })
})

describe('GetUserAttributeVerificationCode and VerifyUserAttribute', () => {
  it('an attribute other than email or phone_number: `Invalid attribute name. Only phone_number and email can be verified.`', async () => {
    const { token } = await nora()
    const message = 'Invalid attribute name. Only phone_number and email can be verified.'
    await refused(askCode(token, 'nickname'), 'InvalidParameterException', message)
    await refused(verify(token, 'nickname', '123456'), 'InvalidParameterException', message)
  })

  it('a phone number: the code by SMS; VerifyUserAttribute makes phone_number_verified true', async () => {
    const { token, pool } = await nora({ autoVerified: ['email', 'phone_number'] })
    mock.cognito.users.update(pool.id, 'nora', { phoneNumber: '+15555550142', phoneVerified: false })
    expect(body(await askCode(token, 'phone_number'))).toEqual({ CodeDeliveryDetails: { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******0142' } })
    expect(body(await verify(token, 'phone_number', mock.cognito.outbox.code({ username: 'nora', medium: 'SMS' })))).toEqual({})
    expect((await mock.api.me(token)).attributes).toMatchObject({ phone_number: '+15555550142', phone_number_verified: 'true' })
  })
})

describe('DeleteUserAttributes', () => {
  it('removes an attribute: {}; a required one is refused', async () => {
    const { token, sub } = await nora()
    await update(token, { name: 'Nora', nickname: 'N' })
    const answer = await mock.client.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['nickname'] }))
    expect(body(answer)).toEqual({})
    expect((await mock.api.me(token)).attributes).toEqual({ sub, email_verified: 'true', name: 'Nora', email: 'nora@example.com' })
    await refused(
      mock.client.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['email'] })),
      'InvalidParameterException',
      'Invalid user attributes: email: Required attribute cannot be deleted.',
    )
  })
})

describe('DeleteUser', () => {
  it('an empty 200 answer; the token then meets `User does not exist.`; the user and their devices are gone', async () => {
    const { pool, clientId, token } = await nora({ deviceRemembering: 'always' })
    mock.cognito.devices.create(pool.id, 'nora', { rememberedStatus: 'remembered' })
    expect((await mock.client.send(new ListDevicesCommand({ AccessToken: token }))).Devices).toHaveLength(1)
    const answer = await mock.client.send(new DeleteUserCommand({ AccessToken: token }))
    expect(answer).toEqual({ $metadata: expect.objectContaining({ httpStatusCode: 200 }) })
    await refused(mock.client.send(new GetUserCommand({ AccessToken: token })), 'UserNotFoundException', 'User does not exist.')
    expect(mock.cognito.users.get(pool.id, 'nora')).toBeUndefined()
    expect(mock.cognito.users.list(pool.id)).toEqual([])
    expect(() => mock.cognito.devices.list(pool.id, 'nora')).toThrow('No user "nora"')
    // Created again under the name, she is another user, with no devices.
    const again = mock.cognito.users.create(pool.id, { username: 'nora', password: PASSWORD, email: 'nora@example.com', phoneNumber: null })
    expect(mock.cognito.devices.list(pool.id, 'nora')).toEqual([])
    await refused(mock.client.send(new GetUserCommand({ AccessToken: token })), 'UserNotFoundException', 'User does not exist.')
    expect((await mock.api.me((await mock.api.tokens(clientId, 'nora')).AccessToken!)).attributes.sub).toBe(again.sub)
  })

  it('on the wire: HTTP 200 with an empty body', async () => {
    const { token } = await nora()
    const answer = await wire('DeleteUser', { AccessToken: token })
    expect([answer.status, answer.text]).toEqual([200, ''])
  })
})
