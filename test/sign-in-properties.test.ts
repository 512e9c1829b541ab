import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { N } from '../src/auth/srp.ts'
import { authOperationNames, createCognitoMock, type AuthOperationName, type CognitoMock, type OperationName, type StoreSnapshot } from '../src/index.ts'
import { isModeledError, isProtocolError, statusOf } from '../src/model/exceptions.ts'
import { isSignedOperation } from '../src/operations/index.ts'
import { signHeaders } from './support.ts'

/**
 * Whatever a sign-in call carries, the mock answers like Cognito: 200, or an error its model lists for the
 * operation (or a protocol error), never a 500 and never a console.error. A refused call changes nothing but
 * the clock and, by design, the sign-in session it spent.
 */

const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/'
let cognito: CognitoMock
let base: StoreSnapshot
let errorSpy: MockInstance
const fx = {
  clients: [] as string[],
  username: '',
  password: '',
  token: '',
  refresh: '',
  deviceKey: '',
  session: '',
  secretBlock: '',
  poolId: '',
  sub: '',
  email: '',
  totpCode: '',
  pending: '',
  signUpCode: '',
  resetCode: '',
  verifyCode: '',
  invited: '',
}

beforeAll(async () => {
  cognito = createCognitoMock({ seed: 21, world: { pools: 1, usersPerPool: 2, devicesPerUser: { min: 1, max: 2 }, deviceRemembering: ['always'] } })
  const pool = cognito.pools.list()[0]!
  const [user] = cognito.users.list(pool.id)
  fx.clients = [...pool.clients.map((c) => c.clientId), 'nosuchclient']
  fx.username = user!.username
  fx.password = user!.password
  const signedIn = await cognito.signIn(pool.id, user!.username)
  fx.token = signedIn.AccessToken
  fx.refresh = signedIn.RefreshToken!
  fx.deviceKey = signedIn.NewDeviceMetadata!.DeviceKey
  await send('ConfirmDevice', { AccessToken: fx.token, DeviceKey: fx.deviceKey })
  // A live PASSWORD_VERIFIER challenge (its SECRET_BLOCK) to answer.
  const started = await send('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: fx.clients[0], AuthParameters: { USERNAME: fx.username, SRP_A: 'abcdef0123' } })
  fx.secretBlock = started.json.ChallengeParameters.SECRET_BLOCK
  fx.session = 'AYABe' + 'x'.repeat(100)
  // MFA: the pool offers an authenticator (optional), and the user has one waiting for its first code.
  fx.poolId = pool.id
  fx.sub = user!.sub
  fx.email = user!.email
  await send('SetUserPoolMfaConfig', { UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })
  await send('AssociateSoftwareToken', { AccessToken: fx.token })
  fx.totpCode = cognito.users.totpCode(pool.id, fx.username)
  // The lifecycle: a user waiting for their sign-up code, a reset code and an email code for the signed-in user,
  // a user an admin invited.
  fx.pending = 'pending.user'
  await send('SignUp', { ClientId: fx.clients[0], Username: fx.pending, Password: 'Pending-Pass-1', UserAttributes: [{ Name: 'email', Value: 'pending@example.com' }] })
  fx.signUpCode = cognito.outbox.code({ username: fx.pending, purpose: 'sign-up' })
  await send('ForgotPassword', { ClientId: fx.clients[0], Username: fx.username })
  fx.resetCode = cognito.outbox.code({ username: fx.username, purpose: 'forgot-password' })
  await send('GetUserAttributeVerificationCode', { AccessToken: fx.token, AttributeName: 'email' })
  fx.verifyCode = cognito.outbox.code({ username: fx.username, purpose: 'verify-attribute' })
  fx.invited = 'invited.user'
  await send('AdminCreateUser', { UserPoolId: pool.id, Username: fx.invited, UserAttributes: [{ Name: 'email', Value: 'invited@example.com' }] })
  base = cognito.snapshot()
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterAll(() => errorSpy.mockRestore())

async function send(operation: OperationName, body: unknown): Promise<{ status: number; json: any }> {
  const sent = JSON.stringify(body)
  let headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }
  // Admin operations are signed, as the SDK signs them, so that their own answers are reached.
  if (isSignedOperation(operation)) headers = await signHeaders(headers, sent)
  const response = await cognito.handle(new Request(ENDPOINT, { method: 'POST', headers, body: sent }))
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined }
}

const weird = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '\u0000', '😀', 'x'.repeat(3000)),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
)

function parameters(): fc.Arbitrary<Record<string, unknown>> {
  const value = (name: string): fc.Arbitrary<unknown> => {
    switch (name) {
      case 'USERNAME':
        return fc.constantFrom(fx.username, fx.username.toUpperCase(), 'nobody')
      case 'PASSWORD':
        return fc.constantFrom(fx.password, 'wrong')
      case 'SRP_A':
        return fc.constantFrom('abcdef0123', '0', N.toString(16), 'zz', (N * 2n).toString(16))
      case 'REFRESH_TOKEN':
        return fc.constantFrom(fx.refresh, 'not.a.token')
      case 'DEVICE_KEY':
        return fc.constantFrom(fx.deviceKey, 'us-east-1_00000000-0000-4000-8000-000000000000')
      case 'SECRET_HASH':
        return fc.constantFrom('bm9wZQ==', '')
      case 'PASSWORD_CLAIM_SECRET_BLOCK':
        return fc.constantFrom(fx.secretBlock, '%%%')
      case 'TIMESTAMP':
        return fc.constantFrom('Mon Jan 5 13:04:09 UTC 2026', 'yesterday')
      case 'PASSWORD_CLAIM_SIGNATURE':
        return fc.constantFrom('c2lnbmF0dXJl', '')
      default:
        return fc.string({ maxLength: 8 })
    }
  }
  const names = ['USERNAME', 'PASSWORD', 'SRP_A', 'REFRESH_TOKEN', 'DEVICE_KEY', 'SECRET_HASH', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP', 'PASSWORD_CLAIM_SIGNATURE']
  return fc
    .tuple(...names.map((n) => fc.option(fc.oneof({ arbitrary: value(n), weight: 6 }, { arbitrary: weird, weight: 1 }), { nil: undefined })))
    .map((values) => Object.fromEntries(names.flatMap((n, i) => (values[i] === undefined ? [] : [[n, values[i]]]))))
}

function mfaSettings(): fc.Arbitrary<unknown> {
  return fc.record({ Enabled: fc.boolean(), PreferredMfa: fc.boolean() }, { requiredKeys: [] })
}

function usernames(): fc.Arbitrary<unknown> {
  return fc.constantFrom(fx.username, fx.username.toUpperCase(), fx.sub, fx.email, 'nobody')
}

const members: Record<AuthOperationName, Record<string, () => fc.Arbitrary<unknown>>> = {
  InitiateAuth: {
    AuthFlow: () => fc.constantFrom('USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_AUTH', 'NOPE'),
    ClientId: () => fc.constantFrom(...fx.clients),
    AuthParameters: parameters,
    UserContextData: () => fc.record({ IpAddress: fc.constantFrom('192.0.2.7', '2001:db8::1') }),
  },
  RespondToAuthChallenge: {
    ChallengeName: () => fc.constantFrom('PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'SMS_MFA', 'NEW_PASSWORD_REQUIRED'),
    ClientId: () => fc.constantFrom(...fx.clients),
    ChallengeResponses: parameters,
    Session: () => fc.constantFrom(fx.session, 'short'),
  },
  GetUser: { AccessToken: () => fc.constantFrom(fx.token, 'garbage', `${fx.token}x`) },
  GlobalSignOut: { AccessToken: () => fc.constantFrom(fx.token, 'garbage') },
  RevokeToken: {
    Token: () => fc.constantFrom(fx.refresh, fx.token, 'abc', 'a.b.c.d.e'),
    ClientId: () => fc.constantFrom(...fx.clients),
    ClientSecret: () => fc.constantFrom('x'.repeat(30), 'short'),
  },
  GetTokensFromRefreshToken: {
    RefreshToken: () => fc.constantFrom(fx.refresh, 'garbage'),
    ClientId: () => fc.constantFrom(...fx.clients),
    ClientSecret: () => fc.constantFrom('x'.repeat(30)),
    DeviceKey: () => fc.constantFrom(fx.deviceKey, 'nope'),
  },
  AssociateSoftwareToken: {
    AccessToken: () => fc.constantFrom(fx.token, 'garbage'),
    Session: () => fc.constantFrom(fx.session, 'short'),
  },
  VerifySoftwareToken: {
    AccessToken: () => fc.constantFrom(fx.token, 'garbage'),
    Session: () => fc.constantFrom(fx.session),
    UserCode: () => fc.constantFrom(fx.totpCode, '000000', '12345', 'abcdef'),
    FriendlyDeviceName: () => fc.constantFrom('Phone', ''),
  },
  SetUserMFAPreference: {
    AccessToken: () => fc.constantFrom(fx.token, 'garbage'),
    SMSMfaSettings: mfaSettings,
    SoftwareTokenMfaSettings: mfaSettings,
    EmailMfaSettings: mfaSettings,
    WebAuthnMfaSettings: () => fc.record({ Enabled: fc.boolean() }, { requiredKeys: [] }),
  },
  AdminSetUserMFAPreference: {
    UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'),
    Username: usernames,
    SMSMfaSettings: mfaSettings,
    SoftwareTokenMfaSettings: mfaSettings,
    EmailMfaSettings: mfaSettings,
  },
  GetUserPoolMfaConfig: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope', 'bad id') },
  SetUserPoolMfaConfig: {
    UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'),
    MfaConfiguration: () => fc.constantFrom('OFF', 'ON', 'OPTIONAL', 'MAYBE'),
    SmsMfaConfiguration: () => fc.constantFrom({}, { SmsAuthenticationMessage: 'Code {####}' }, { SmsAuthenticationMessage: 'no code' }),
    SoftwareTokenMfaConfiguration: () => fc.record({ Enabled: fc.boolean() }, { requiredKeys: [] }),
    EmailMfaConfiguration: () => fc.constantFrom({}, { Message: 'Code {####}', Subject: 'Code' }),
  },
  AdminGetUser: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: usernames },
  SignUp: {
    ClientId: () => fc.constantFrom(...fx.clients),
    Username: () => fc.constantFrom('newbie', fx.username, fx.email, ''),
    Password: () => fc.constantFrom('Newbie-Pass-1', 'short', ''),
    UserAttributes: attributeLists,
    SecretHash: () => fc.constantFrom('bm9wZQ=='),
  },
  ConfirmSignUp: { ClientId: () => fc.constantFrom(...fx.clients), Username: pendingNames, ConfirmationCode: codes, ForceAliasCreation: () => fc.boolean() },
  ResendConfirmationCode: { ClientId: () => fc.constantFrom(...fx.clients), Username: pendingNames },
  AdminConfirmSignUp: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames },
  ForgotPassword: { ClientId: () => fc.constantFrom(...fx.clients), Username: pendingNames },
  ConfirmForgotPassword: {
    ClientId: () => fc.constantFrom(...fx.clients),
    Username: pendingNames,
    ConfirmationCode: codes,
    Password: () => fc.constantFrom('Brand-New-Pass-1', 'weak'),
  },
  ChangePassword: {
    AccessToken: () => fc.constantFrom(fx.token, 'garbage'),
    PreviousPassword: () => fc.constantFrom(fx.password, 'wrong'),
    ProposedPassword: () => fc.constantFrom('Brand-New-Pass-1', 'weak'),
  },
  AdminResetUserPassword: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames },
  AdminSetUserPassword: {
    UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'),
    Username: pendingNames,
    Password: () => fc.constantFrom('Brand-New-Pass-1', 'weak'),
    Permanent: () => fc.boolean(),
  },
  UpdateUserAttributes: { AccessToken: () => fc.constantFrom(fx.token, 'garbage'), UserAttributes: attributeLists },
  VerifyUserAttribute: { AccessToken: () => fc.constantFrom(fx.token, 'garbage'), AttributeName: attributeNames, Code: codes },
  GetUserAttributeVerificationCode: { AccessToken: () => fc.constantFrom(fx.token, 'garbage'), AttributeName: attributeNames },
  DeleteUserAttributes: { AccessToken: () => fc.constantFrom(fx.token, 'garbage'), UserAttributeNames: () => fc.array(attributeNames(), { maxLength: 2 }) },
  DeleteUser: { AccessToken: () => fc.constantFrom(fx.token, 'garbage') },
  AdminCreateUser: {
    UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'),
    Username: () => fc.constantFrom('created', fx.username, fx.invited),
    UserAttributes: attributeLists,
    TemporaryPassword: () => fc.constantFrom('Temp-Pass-123', 'weak'),
    MessageAction: () => fc.constantFrom('RESEND', 'SUPPRESS', 'NOPE'),
    DesiredDeliveryMediums: () => fc.constantFrom(['EMAIL'], ['SMS'], ['EMAIL', 'SMS']),
  },
  AdminDeleteUser: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames },
  AdminDisableUser: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames },
  AdminEnableUser: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames },
  ListUsers: {
    UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'),
    Filter: () => fc.constantFrom('', 'email ^= "p"', 'status = "Enabled"', 'custom:x = "1"', 'email = ', 'x'.repeat(300)),
    Limit: () => fc.constantFrom(0, 1, 60, 61),
    AttributesToGet: () => fc.constantFrom([], ['email'], ['nope']),
    PaginationToken: () => fc.constantFrom('garbage'),
  },
  AdminUserGlobalSignOut: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames },
  AdminUpdateUserAttributes: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames, UserAttributes: attributeLists },
  AdminDeleteUserAttributes: { UserPoolId: () => fc.constantFrom(fx.poolId, 'us-east-1_Nope'), Username: pendingNames, UserAttributeNames: () => fc.array(attributeNames(), { maxLength: 2 }) },
}

function pendingNames(): fc.Arbitrary<unknown> {
  return fc.constantFrom(fx.pending, fx.username, fx.invited, fx.email, 'nobody')
}

function codes(): fc.Arbitrary<unknown> {
  return fc.constantFrom(fx.signUpCode, fx.resetCode, fx.verifyCode, '000000', '')
}

function attributeNames(): fc.Arbitrary<string> {
  return fc.constantFrom('email', 'phone_number', 'name', 'sub', 'email_verified', 'custom:nope', 'nope')
}

function attributeLists(): fc.Arbitrary<unknown> {
  const value = fc.constantFrom('x@example.com', '+15555550100', 'Ada', '', 'not an email')
  return fc.array(fc.record({ Name: attributeNames(), Value: value }, { requiredKeys: ['Name'] }), { maxLength: 3 })
}

/** Calls that should succeed, so that the success paths (and their state changes) are fuzzed too. */
function valid(operation: AuthOperationName): fc.Arbitrary<Record<string, unknown>> {
  const web = fx.clients[0]
  switch (operation) {
    case 'InitiateAuth':
      return fc.constantFrom(
        { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: web, AuthParameters: { USERNAME: fx.username, PASSWORD: fx.password } },
        { AuthFlow: 'USER_SRP_AUTH', ClientId: web, AuthParameters: { USERNAME: fx.username, SRP_A: 'abcdef0123' } },
        { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: web, AuthParameters: { REFRESH_TOKEN: fx.refresh, DEVICE_KEY: fx.deviceKey } },
      )
    case 'GetTokensFromRefreshToken':
      return fc.constant({ ClientId: web, RefreshToken: fx.refresh, DeviceKey: fx.deviceKey })
    case 'RevokeToken':
      return fc.constant({ ClientId: web, Token: fx.refresh })
    case 'AssociateSoftwareToken':
      return fc.constant({ AccessToken: fx.token })
    case 'VerifySoftwareToken':
      return fc.constant({ AccessToken: fx.token, UserCode: fx.totpCode })
    case 'SetUserMFAPreference':
      return fc.constantFrom({ AccessToken: fx.token, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }, { AccessToken: fx.token, SoftwareTokenMfaSettings: { Enabled: false } })
    case 'AdminSetUserMFAPreference':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.sub, EmailMfaSettings: { Enabled: true } })
    case 'GetUserPoolMfaConfig':
      return fc.constant({ UserPoolId: fx.poolId })
    case 'SetUserPoolMfaConfig':
      return fc.constantFrom({ UserPoolId: fx.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }, { UserPoolId: fx.poolId })
    case 'AdminGetUser':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.username })
    case 'SignUp':
      return fc.constant({ ClientId: web, Username: 'newbie', Password: 'Newbie-Pass-1', UserAttributes: [{ Name: 'email', Value: 'newbie@example.com' }] })
    case 'ConfirmSignUp':
      return fc.constant({ ClientId: web, Username: fx.pending, ConfirmationCode: fx.signUpCode })
    case 'ResendConfirmationCode':
      return fc.constant({ ClientId: web, Username: fx.pending })
    case 'AdminConfirmSignUp':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.pending })
    case 'ForgotPassword':
      return fc.constant({ ClientId: web, Username: fx.username })
    case 'ConfirmForgotPassword':
      return fc.constant({ ClientId: web, Username: fx.username, ConfirmationCode: fx.resetCode, Password: 'Brand-New-Pass-1' })
    case 'ChangePassword':
      return fc.constant({ AccessToken: fx.token, PreviousPassword: fx.password, ProposedPassword: 'Brand-New-Pass-1' })
    case 'UpdateUserAttributes':
      return fc.constantFrom({ AccessToken: fx.token, UserAttributes: [{ Name: 'name', Value: 'Ada' }] }, { AccessToken: fx.token, UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] })
    case 'VerifyUserAttribute':
      return fc.constant({ AccessToken: fx.token, AttributeName: 'email', Code: fx.verifyCode })
    case 'GetUserAttributeVerificationCode':
      return fc.constant({ AccessToken: fx.token, AttributeName: 'email' })
    case 'DeleteUserAttributes':
      return fc.constant({ AccessToken: fx.token, UserAttributeNames: ['name'] })
    case 'AdminCreateUser':
      return fc.constantFrom(
        { UserPoolId: fx.poolId, Username: 'created', UserAttributes: [{ Name: 'email', Value: 'created@example.com' }] },
        { UserPoolId: fx.poolId, Username: fx.invited, MessageAction: 'RESEND' },
      )
    case 'ListUsers':
      return fc.constantFrom({ UserPoolId: fx.poolId }, { UserPoolId: fx.poolId, Filter: 'email ^= "p"', Limit: 1 })
    case 'AdminResetUserPassword':
    case 'AdminDisableUser':
    case 'AdminEnableUser':
    case 'AdminDeleteUser':
    case 'AdminUserGlobalSignOut':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.username })
    case 'AdminSetUserPassword':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.username, Password: 'Brand-New-Pass-1', Permanent: true })
    case 'AdminUpdateUserAttributes':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.username, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] })
    case 'AdminDeleteUserAttributes':
      return fc.constant({ UserPoolId: fx.poolId, Username: fx.username, UserAttributeNames: ['name'] })
    default:
      return fc.constant({ AccessToken: fx.token })
  }
}

function body(operation: AuthOperationName): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof({ arbitrary: valid(operation), weight: 1 }, { arbitrary: fuzzed(operation), weight: 4 })
}

function fuzzed(operation: AuthOperationName): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(members[operation])
  return fc
    .tuple(...entries.map(([, arbitrary]) => fc.option(fc.oneof({ arbitrary: arbitrary(), weight: 8 }, { arbitrary: weird, weight: 1 }), { nil: undefined })))
    .map((values) => Object.fromEntries(entries.flatMap(([name], i) => (values[i] === undefined ? [] : [[name, values[i]]]))))
}

// Attempt counters (the hourly limits) count refused calls too, as Cognito's do.
const withoutSpendable = (snapshot: StoreSnapshot) => {
  const { now: _now, sessions: _sessions, users, ...rest } = snapshot
  return { ...rest, users: users.map(({ calls: _calls, ...user }) => user) }
}

describe('sign-in and lifecycle operations answer anything like Cognito', () => {
  it('200, or an error the model lists; never a 500 or an unmodeled error; refusals change no lasting state', async () => {
    const seen = new Map<string, number>()
    const spec = fc.constantFrom(...authOperationNames).chain((operation) => fc.record({ operation: fc.constant(operation), body: body(operation) }))
    await fc.assert(
      fc.asyncProperty(spec, async ({ operation, body: input }) => {
        try {
          const before = cognito.snapshot()
          const answer = await send(operation, input)
          const outcome = `${operation} ${answer.status === 200 ? 200 : answer.json.__type}`
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1)
          expect(errorSpy).not.toHaveBeenCalled()
          if (answer.status === 200) return
          const type = answer.json.__type as string
          expect(answer.status).toBe(statusOf(type))
          expect(isModeledError(operation, type) || isProtocolError(type), `${operation} answered ${type}: ${answer.json.message}`).toBe(true)
          expect(type).not.toBe('InternalErrorException')
          expect(withoutSpendable(cognito.snapshot())).toEqual(withoutSpendable(before))
        } finally {
          cognito.restore(base)
        }
      }),
      { numRuns: 1400 },
    )
    // The arbitraries reach the successes and the refusals of every operation.
    for (const operation of authOperationNames.filter((op) => op !== 'RespondToAuthChallenge')) expect([...seen.keys()].some((k) => k === `${operation} 200`), `${operation} never succeeded: ${[...seen.keys()]}`).toBe(true)
    expect(new Set([...seen.keys()].map((k) => k.split(' ')[1])).size).toBeGreaterThanOrEqual(6)
  })
})
