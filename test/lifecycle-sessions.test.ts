import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminResetUserPasswordCommand,
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import type { UserPoolRecord } from '../src/index.ts'
import { PASSWORD, lifecycleSuite, poolWith, refused } from './lifecycle-support.ts'

/**
 * What the lifecycle does to sessions a user already has (WIRE §10.1.5), through the unmodified SDK v3: a refresh
 * after an admin reset, a disabling and a deletion; and two answers found in review — AdminCreateUser's
 * AliasExistsException (a documented model gap, answered without the mock's "not modeled" alarm) and ListUsers'
 * AttributesToGet naming an attribute a listed user lacks.
 */

const mock = lifecycleSuite(23, { maxAttempts: 1 })
let pool: UserPoolRecord
let clientId: string
let errors: MockInstance

beforeEach(() => {
  // No device tracking: a refresh token is then bound to no device.
  ;({ pool, clientId } = poolWith(mock.cognito, { deviceRemembering: 'off', aliases: ['email'] }))
  mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', emailVerified: true, phoneNumber: null })
  errors = vi.spyOn(console, 'error')
})
afterEach(() => {
  // The mock reports an answer the model does not list as its own bug: none of these may.
  expect(errors).not.toHaveBeenCalled()
  errors.mockRestore()
})

const refresh = (REFRESH_TOKEN: string) => mock.client.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN } }))
const getTokens = (RefreshToken: string) => mock.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken }))

describe('sessions a user already has', () => {
  it('after AdminResetUserPassword, a refresh answers PasswordResetRequiredException (GetTokensFromRefreshToken: NotAuthorizedException)', async () => {
    const { RefreshToken } = await mock.api.tokens(clientId, 'ada')
    expect((await refresh(RefreshToken!)).AuthenticationResult?.AccessToken).toBeTruthy()
    await mock.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.id, Username: 'ada' }))
    await refused(refresh(RefreshToken!), 'PasswordResetRequiredException', 'Password reset required for the user')
    await refused(getTokens(RefreshToken!), 'NotAuthorizedException', 'Password reset required for the user')
  })

  it('after AdminDisableUser, a refresh answers `User is disabled.`, before the revocation the disabling made', async () => {
    const { RefreshToken } = await mock.api.tokens(clientId, 'ada')
    await mock.client.send(new AdminDisableUserCommand({ UserPoolId: pool.id, Username: 'ada' }))
    await refused(refresh(RefreshToken!), 'NotAuthorizedException', 'User is disabled.')
    await refused(getTokens(RefreshToken!), 'NotAuthorizedException', 'User is disabled.')
  })

  it('after DeleteUser or AdminDeleteUser, a refresh answers UserNotFoundException `User does not exist.`, also once the name is taken again', async () => {
    const first = await mock.api.tokens(clientId, 'ada')
    await mock.client.send(new DeleteUserCommand({ AccessToken: first.AccessToken }))
    await refused(refresh(first.RefreshToken!), 'UserNotFoundException', 'User does not exist.')
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', emailVerified: true, phoneNumber: null })
    await refused(getTokens(first.RefreshToken!), 'UserNotFoundException', 'User does not exist.')
    const second = await mock.api.tokens(clientId, 'ada')
    await mock.client.send(new AdminDeleteUserCommand({ UserPoolId: pool.id, Username: 'ada' }))
    await refused(refresh(second.RefreshToken!), 'UserNotFoundException', 'User does not exist.')
  })
})

describe('answers found in review', () => {
  it('AdminCreateUser with a verified email another user signs in with: AliasExistsException, unless ForceAliasCreation moves it', async () => {
    const attributes = [
      { Name: 'email', Value: 'ada@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]
    await refused(mock.client.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'ada2', UserAttributes: attributes })), 'AliasExistsException', 'An account with the email already exists.')
    expect(mock.cognito.users.get(pool.id, 'ada2')).toBeUndefined()
    await mock.client.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'ada2', UserAttributes: attributes, ForceAliasCreation: true, MessageAction: 'SUPPRESS' }))
    expect([mock.cognito.users.get(pool.id, 'ada')!.emailVerified, mock.cognito.users.get(pool.id, 'ada2')!.emailVerified]).toEqual([false, true])
  })

  it('ListUsers: AttributesToGet naming an attribute a listed user lacks refuses the page; one every user has is fine', async () => {
    mock.cognito.users.create(pool.id, { username: 'bob', password: PASSWORD, email: 'bob@example.com', phoneNumber: null, attributes: { name: 'Bob' } })
    await refused(mock.client.send(new ListUsersCommand({ UserPoolId: pool.id, AttributesToGet: ['name'] })), 'InvalidParameterException', 'One or more requested attributes do not exist.')
    const named = await mock.client.send(new ListUsersCommand({ UserPoolId: pool.id, AttributesToGet: ['name'], Filter: 'username = "bob"' }))
    expect(named.Users?.map((user) => [user.Username, user.Attributes])).toEqual([['bob', [{ Name: 'name', Value: 'Bob' }]]])
    const emails = await mock.client.send(new ListUsersCommand({ UserPoolId: pool.id, AttributesToGet: ['email'] }))
    expect(emails.Users?.map((user) => user.Attributes)).toEqual([[{ Name: 'email', Value: 'ada@example.com' }], [{ Name: 'email', Value: 'bob@example.com' }]])
  })
})
