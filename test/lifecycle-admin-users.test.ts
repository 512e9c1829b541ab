import {
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
} from '@aws-sdk/client-cognito-identity-provider'
import { beforeEach, describe, expect, it } from 'vitest'
import type { UserPoolRecord } from '../src/index.ts'
import { PASSWORD, UUID, attributesOf, body, lifecycleSuite, poolWith, refused } from './lifecycle-support.ts'
import { wire } from './support.ts'

/**
 * An administrator's switches on users and the pool's user list, through the unmodified SDK v3 (SigV4-signed)
 * and MSW: AdminDisableUser/AdminEnableUser, AdminUserGlobalSignOut, AdminDeleteUser, AdminUpdateUserAttributes,
 * AdminDeleteUserAttributes, ListUsers with its filter, pages and AttributesToGet.
 */

const mock = lifecycleSuite(17)
let pool: UserPoolRecord
let clientId: string

beforeEach(() => {
  ;({ pool, clientId } = poolWith(mock.cognito, { deviceRemembering: 'always' }))
  mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', emailVerified: true, phoneNumber: null })
})

const admin = { UserPoolId: '', Username: 'ada' }
const ada = () => ({ ...admin, UserPoolId: pool.id })
const refreshWith = (REFRESH_TOKEN: string, DEVICE_KEY?: string) =>
  mock.client.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN, ...(DEVICE_KEY ? { DEVICE_KEY } : {}) } }))

describe('AdminDisableUser and AdminEnableUser', () => {
  it('disabled: {}, sign-in `User is disabled.`, the old token revoked, still listed; enabled: signs in, the old token stays revoked', async () => {
    const { AccessToken } = await mock.api.tokens(clientId, 'ada')
    expect(body(await mock.client.send(new AdminDisableUserCommand(ada())))).toEqual({})
    await refused(mock.api.signIn(clientId, 'ada'), 'NotAuthorizedException', 'User is disabled.')
    await refused(mock.client.send(new GetUserCommand({ AccessToken: AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked')
    const listed = await mock.client.send(new ListUsersCommand({ UserPoolId: pool.id }))
    expect(listed.Users!.map((u) => [u.Username, u.Enabled])).toEqual([['ada', false]])
    expect((await mock.client.send(new AdminGetUserCommand(ada()))).Enabled).toBe(false)
    expect(body(await mock.client.send(new AdminEnableUserCommand(ada())))).toEqual({})
    expect((await mock.api.tokens(clientId, 'ada')).AccessToken).toBeTruthy()
    await refused(mock.client.send(new GetUserCommand({ AccessToken: AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked')
  })
})

describe('AdminUserGlobalSignOut', () => {
  it('{}: access and refresh tokens revoked; the remembered device stays', async () => {
    const first = await mock.api.tokens(clientId, 'ada')
    const device = mock.cognito.devices.create(pool.id, 'ada', { rememberedStatus: 'remembered', name: 'Phone' })
    expect(body(await mock.client.send(new AdminUserGlobalSignOutCommand(ada())))).toEqual({})
    await refused(mock.client.send(new GetUserCommand({ AccessToken: first.AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked')
    await refused(refreshWith(first.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked')
    expect((await mock.client.send(new AdminListDevicesCommand(ada()))).Devices!.map((d) => d.DeviceKey)).toEqual([device.key])
    const again = await mock.api.tokens(clientId, 'ada')
    expect((await mock.client.send(new ListDevicesCommand({ AccessToken: again.AccessToken! }))).Devices!.map((d) => d.DeviceKey)).toEqual([device.key])
  })
})

describe('AdminDeleteUser', () => {
  it('an empty 200 body; the user, their devices and tokens are gone', async () => {
    const { AccessToken } = await mock.api.tokens(clientId, 'ada')
    mock.cognito.devices.create(pool.id, 'ada', { rememberedStatus: 'remembered' })
    const answer = await wire('AdminDeleteUser', ada(), { signed: true })
    expect([answer.status, answer.text]).toEqual([200, ''])
    expect(mock.cognito.users.get(pool.id, 'ada')).toBeUndefined()
    await refused(mock.client.send(new AdminGetUserCommand(ada())), 'UserNotFoundException', 'User does not exist.')
    // AdminListDevices models no UserNotFoundException: the device API's choice (fidelity.adminUnknownUserWithoutModeledError).
    await refused(mock.client.send(new AdminListDevicesCommand(ada())), 'ResourceNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new GetUserCommand({ AccessToken: AccessToken! })), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.api.signIn(clientId, 'ada'), 'NotAuthorizedException', 'Incorrect username or password.')
    expect(() => mock.cognito.devices.list(pool.id, 'ada')).toThrow('No user "ada"')
    mock.cognito.users.create(pool.id, { username: 'ada', password: PASSWORD, email: 'ada@example.com', phoneNumber: null })
    expect(mock.cognito.devices.list(pool.id, 'ada')).toEqual([])
  })

  it('through the SDK: an output with nothing but $metadata', async () => {
    const output = await mock.client.send(new AdminDeleteUserCommand(ada()))
    expect(output).toEqual({ $metadata: expect.objectContaining({ httpStatusCode: 200 }) })
    await refused(mock.client.send(new AdminDeleteUserCommand(ada())), 'UserNotFoundException', 'User does not exist.')
  })
})

describe('AdminUpdateUserAttributes and AdminDeleteUserAttributes', () => {
  const update = (attributes: Record<string, string>) => mock.client.send(new AdminUpdateUserAttributesCommand({ ...ada(), UserAttributes: attributesOf(attributes) }))
  const attributes = async () => Object.fromEntries((await mock.client.send(new AdminGetUserCommand(ada()))).UserAttributes!.map((a) => [a.Name, a.Value]))

  it('an email marked verified in the same call: {} and no code; without the flag: a code, unverified; email_verified settable', async () => {
    expect(body(await update({ email: 'ada@example.org', email_verified: 'true' }))).toEqual({})
    expect(await attributes()).toMatchObject({ email: 'ada@example.org', email_verified: 'true' })
    expect(mock.cognito.outbox.list()).toEqual([])
    expect(body(await update({ email: 'ada@example.net' }))).toEqual({})
    expect(await attributes()).toMatchObject({ email: 'ada@example.net', email_verified: 'false' })
    expect(mock.cognito.outbox.list().map((m) => [m.purpose, m.destination])).toEqual([['verify-attribute', 'ada@example.net']])
    expect(body(await update({ email_verified: 'true' }))).toEqual({})
    expect(await attributes()).toMatchObject({ email_verified: 'true' })
  })

  it('refusals one line per attribute; a blank required attribute', async () => {
    await refused(update({ foo: '1', sub: '2' }), 'InvalidParameterException', 'user.foo: Attribute does not exist in the schema.\nuser.sub: Attribute cannot be updated.\n')
    await refused(update({ email: '' }), 'InvalidParameterException', 'Invalid user attributes: email: Required attribute cannot be deleted.')
  })

  it('AdminDeleteUserAttributes: {}; the attribute is gone; a required one is refused', async () => {
    await update({ name: 'Ada', nickname: 'A' })
    const deleted = await mock.client.send(new AdminDeleteUserAttributesCommand({ ...ada(), UserAttributeNames: ['nickname'] }))
    expect(body(deleted)).toEqual({})
    expect(await attributes()).toEqual({ sub: expect.stringMatching(UUID), email_verified: 'true', name: 'Ada', email: 'ada@example.com' })
    await refused(
      mock.client.send(new AdminDeleteUserAttributesCommand({ ...ada(), UserAttributeNames: ['email'] })),
      'InvalidParameterException',
      'Invalid user attributes: email: Required attribute cannot be deleted.',
    )
  })
})

describe('ListUsers', () => {
  const list = (input: Omit<ListUsersCommandInput, 'UserPoolId'> = {}) => mock.client.send(new ListUsersCommand({ UserPoolId: pool.id, ...input }))
  const names = async (input: Omit<ListUsersCommandInput, 'UserPoolId'> = {}) => (await list(input)).Users!.map((u) => u.Username)

  beforeEach(async () => {
    mock.cognito.users.create(pool.id, { username: 'alan', password: PASSWORD, email: 'Alan@example.com', status: 'UNCONFIRMED', phoneNumber: null })
    mock.cognito.users.create(pool.id, { username: 'bob', password: PASSWORD, email: 'bob@example.com', enabled: false, phoneNumber: null })
    mock.cognito.users.create(pool.id, { username: 'x', password: PASSWORD, email: 'x@example.com', phoneNumber: null })
    mock.cognito.users.create(pool.id, { username: 'zoe', password: PASSWORD, email: 'zoe@example.com', phoneNumber: null })
  })

  it('every user, with UserType’s members; a disabled one too', async () => {
    const answer = await list()
    expect(Object.keys(body(answer))).toEqual(['Users'])
    expect(answer.Users!.map((u) => u.Username)).toEqual(['ada', 'alan', 'bob', 'x', 'zoe'])
    const user = mock.cognito.users.get(pool.id, 'ada')!
    expect(answer.Users![0]).toEqual({
      Username: 'ada',
      Attributes: [
        { Name: 'sub', Value: user.sub },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'email', Value: 'ada@example.com' },
      ],
      UserCreateDate: new Date(user.createdAt),
      UserLastModifiedDate: new Date(user.modifiedAt ?? user.createdAt),
      Enabled: true,
      UserStatus: 'CONFIRMED',
    })
    expect(answer.Users!.find((u) => u.Username === 'bob')).toMatchObject({ Enabled: false })
  })

  it('filters: a prefix (case-insensitive), a username, the account status, the user status (case-insensitive)', async () => {
    expect(await names({ Filter: 'email ^= "a"' })).toEqual(['ada', 'alan'])
    expect(await names({ Filter: 'username = "x"' })).toEqual(['x'])
    expect(await names({ Filter: 'username = "X"' })).toEqual([])
    expect(await names({ Filter: 'status = "Disabled"' })).toEqual(['bob'])
    expect(await names({ Filter: 'cognito:user_status = "unconfirmed"' })).toEqual(['alan'])
    expect(await names({ Filter: 'email="zoe@example.com"' })).toEqual(['zoe'])
    expect(await names({ Filter: '' })).toHaveLength(5)
  })

  it('Limit and PaginationToken: the pages cover every user exactly once; no token on the last page', async () => {
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await list({ Limit: 2, ...(token ? { PaginationToken: token } : {}) })
      expect(page.Users!.length).toBeLessThanOrEqual(2)
      seen.push(...page.Users!.map((u) => u.Username!))
      token = page.PaginationToken
      pages++
    } while (token !== undefined)
    expect(pages).toBe(3)
    expect(seen).toEqual(['ada', 'alan', 'bob', 'x', 'zoe'])
  })

  it('AttributesToGet: only those named; [] none', async () => {
    const some = await list({ AttributesToGet: ['email'] })
    expect(some.Users!.map((u) => u.Attributes)).toEqual(['ada', 'Alan', 'bob', 'x', 'zoe'].map((n) => [{ Name: 'email', Value: `${n}@example.com` }]))
    const none = await list({ AttributesToGet: [] })
    expect(none.Users!.map((u) => u.Attributes)).toEqual([[], [], [], [], []])
  })

  it('refusals: a filter that does not parse, an unsearchable attribute, Limit 61, an attribute outside the schema, an unknown pool', async () => {
    await refused(list({ Filter: 'email ~ "a"' }), 'InvalidParameterException', 'Error while parsing filter.')
    await refused(list({ Filter: 'email = a' }), 'InvalidParameterException', 'Error while parsing filter.')
    await refused(list({ Filter: 'custom:x = "1"' }), 'InvalidParameterException', 'Invalid search attribute: custom:x')
    await refused(
      list({ Limit: 61 }),
      'InvalidParameterException',
      "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    )
    await refused(list({ AttributesToGet: ['nope'] }), 'InvalidParameterException', 'One or more requested attributes do not exist.')
    const missing = 'us-east-1_NoSuchPool'
    await refused(mock.client.send(new ListUsersCommand({ UserPoolId: missing })), 'ResourceNotFoundException', `User pool ${missing} does not exist.`)
  })
})

describe('an unknown user', () => {
  it('each admin switch: UserNotFoundException `User does not exist.`', async () => {
    const nobody = { UserPoolId: pool.id, Username: 'nobody' }
    await refused(mock.client.send(new AdminDisableUserCommand(nobody)), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new AdminEnableUserCommand(nobody)), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new AdminUserGlobalSignOutCommand(nobody)), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new AdminUpdateUserAttributesCommand({ ...nobody, UserAttributes: attributesOf({ name: 'N' }) })), 'UserNotFoundException', 'User does not exist.')
    await refused(mock.client.send(new AdminDeleteUserAttributesCommand({ ...nobody, UserAttributeNames: ['name'] })), 'UserNotFoundException', 'User does not exist.')
  })
})
