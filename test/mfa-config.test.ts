import {
  AdminGetDeviceCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderServiceException,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UserNotFoundException,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { totpCode } from '../src/auth/totp.ts'
import type { CognitoMock, StoreSnapshot } from '../src/index.ts'
import { rejection, sdkClient, startMock, wire, withoutNow, type MockFixture } from './support.ts'

/**
 * The MFA configuration operations through the unmodified AWS SDK v3: the pool's MfaConfiguration, a user's factors
 * and preference, GetUser/AdminGetUser's MFA members, and the forms an admin call may name a user by.
 */

const OFF_POOL = 'us-east-1_MfaOff1'
const ON_POOL = 'us-east-1_MfaOn1'
const ADA_PHONE = '+15555550123'
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const CREATED = Date.UTC(2025, 2, 4, 5, 6, 7, 89)

let fixture: MockFixture
let cognito: CognitoMock
let client: CognitoIdentityProviderClient
let base: StoreSnapshot

async function expectError(promise: Promise<unknown>, cls: abstract new (...args: never[]) => Error, name: string, message: string): Promise<void> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(cls)
  expect(error).toBeInstanceOf(CognitoIdentityProviderServiceException)
  expect(error.name).toBe(name)
  expect(error.message).toBe(message)
  expect(error.$metadata.httpStatusCode).toBe(400)
}

const invalid = (promise: Promise<unknown>, message: string) => expectError(promise, InvalidParameterException, 'InvalidParameterException', message)

const token = (poolId: string, username: string) => cognito.tokens.issue(poolId, username)
const user = (poolId: string, username: string) => cognito.users.get(poolId, username)!

beforeAll(() => {
  fixture = startMock({
    seed: 11,
    now: Date.UTC(2026, 0, 15, 9, 0, 0),
    world: {
      pools: [
        {
          id: OFF_POOL,
          deviceRemembering: 'always',
          aliases: ['email'],
          users: [
            { username: 'ada', email: 'ada@example.com', phoneNumber: ADA_PHONE, createdAt: CREATED, devices: [{ name: 'Ada’s phone', remembered: true }] },
            { username: 'bob', email: 'bob@example.com', phoneNumber: null, emailVerified: false, devices: 0 },
            { username: 'cyd', email: 'cyd@example.com', phoneNumber: null, totpSecret: SECRET, devices: 0 },
          ],
        },
        {
          id: ON_POOL,
          deviceRemembering: 'always',
          mfa: { mode: 'on', factors: ['sms', 'totp'], userFactors: [], rememberedDevicesSkipMfa: true },
          users: [
            { username: 'carl', email: 'carl@example.com', phoneNumber: '+15555550177', devices: 0 },
            { username: 'dee', email: 'dee@example.com', phoneNumber: '+15555550178', mfa: ['totp'], preferredMfa: 'totp', totpSecret: SECRET, devices: 0 },
          ],
        },
      ],
    },
  })
  cognito = fixture.cognito
  client = sdkClient()
  base = cognito.snapshot()
})

afterAll(() => {
  client.destroy()
  fixture.close()
})

beforeEach(() => cognito.restore(base))

// ---------------------------------------------------------------------------------------------------
describe('GetUserPoolMfaConfig / SetUserPoolMfaConfig', () => {
  it('a pool never configured answers {"MfaConfiguration":"OFF"} and nothing else', async () => {
    const answer = await wire('GetUserPoolMfaConfig', { UserPoolId: OFF_POOL }, { signed: true })
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('{"MfaConfiguration":"OFF"}')
    const output = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: OFF_POOL }))
    expect(output.MfaConfiguration).toBe('OFF')
  })

  it('a world pool shows its mode and factors', async () => {
    const { $metadata: _, ...config } = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL }))
    expect(config).toEqual({ SmsMfaConfiguration: {}, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'ON' })
  })

  it('sets every factor; the answer and GetUserPoolMfaConfig show what was set', async () => {
    const input = {
      UserPoolId: OFF_POOL,
      MfaConfiguration: 'OPTIONAL' as const,
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'ext', SnsRegion: 'us-east-1' } },
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: 'Your code: {####}', Subject: 'Sign-in code' },
    }
    const expected = {
      SmsMfaConfiguration: input.SmsMfaConfiguration,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: input.EmailMfaConfiguration,
      MfaConfiguration: 'OPTIONAL',
    }
    const { $metadata: _set, ...set } = await client.send(new SetUserPoolMfaConfigCommand(input))
    expect(set).toEqual(expected)
    const { $metadata: _get, ...got } = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: OFF_POOL }))
    expect(got).toEqual(expected)
    expect(cognito.pools.get(OFF_POOL)!.mfa).toEqual({
      mode: 'optional',
      factors: ['sms', 'totp', 'email'],
      rememberedDevicesSkipMfa: true,
      smsMessage: 'Code: {####}',
      smsConfiguration: input.SmsMfaConfiguration.SmsConfiguration,
      emailMessage: 'Your code: {####}',
      emailSubject: 'Sign-in code',
    })
  })

  it('is a full replace: what the call leaves out is off, an absent MfaConfiguration is OFF; the device setting stays', async () => {
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }))
    let config = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL }))
    expect(config.SmsMfaConfiguration).toBeUndefined()
    expect(config.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true })
    expect(config.MfaConfiguration).toBe('OPTIONAL')
    expect(cognito.pools.get(ON_POOL)!.mfa!.rememberedDevicesSkipMfa).toBe(true)

    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL }))
    const answer = await wire('GetUserPoolMfaConfig', { UserPoolId: ON_POOL }, { signed: true })
    expect(answer.text).toBe('{"MfaConfiguration":"OFF"}')
    expect(cognito.pools.get(ON_POOL)!.mfa).toMatchObject({ mode: 'off', factors: [], rememberedDevicesSkipMfa: true })
    config = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL }))
    expect(config.MfaConfiguration).toBe('OFF')
  })

  it('OFF with WebAuthnConfiguration alone is accepted', async () => {
    const output = await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: OFF_POOL, MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'example.com' } }))
    expect(output.MfaConfiguration).toBe('OFF')
  })

  it('refuses OFF with a factor, ON or OPTIONAL without one, with the exact messages; state unchanged', async () => {
    const before = withoutNow(cognito.snapshot())
    const off = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
    const none = 'Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.'
    await invalid(client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } })), off)
    await invalid(client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } })), off)
    await invalid(client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, SmsMfaConfiguration: {} })), off)
    await invalid(client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, MfaConfiguration: 'OFF', EmailMfaConfiguration: {} })), off)
    await invalid(client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, MfaConfiguration: 'ON' })), none)
    await invalid(client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ON_POOL, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } })), none)
    const raw = await wire('SetUserPoolMfaConfig', { UserPoolId: ON_POOL, MfaConfiguration: 'ON' }, { signed: true })
    expect(raw.json).toEqual({ __type: 'InvalidParameterException', message: none })
    expect(withoutNow(cognito.snapshot())).toEqual(before)
  })

  it('an unknown pool: ResourceNotFoundException naming it', async () => {
    const missing = 'us-east-1_Nope'
    await expectError(client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: missing })), ResourceNotFoundException, 'ResourceNotFoundException', `User pool ${missing} does not exist.`)
    await expectError(
      client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: missing, MfaConfiguration: 'OFF' })),
      ResourceNotFoundException,
      'ResourceNotFoundException',
      `User pool ${missing} does not exist.`,
    )
  })

  it('unsigned: MissingAuthenticationTokenException', async () => {
    const answer = await wire('GetUserPoolMfaConfig', { UserPoolId: OFF_POOL })
    expect(answer.json.__type).toBe('MissingAuthenticationTokenException')
  })
})

// ---------------------------------------------------------------------------------------------------
describe('SetUserMFAPreference / AdminSetUserMFAPreference', () => {
  it('enables SMS without making it preferred; PreferredMfa makes it preferred; Enabled false drops both', async () => {
    const access = await token(OFF_POOL, 'ada')
    const output = await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SMSMfaSettings: { Enabled: true } }))
    expect(output.$metadata.httpStatusCode).toBe(200)
    expect(user(OFF_POOL, 'ada').mfa).toEqual({ enabled: ['sms'] })
    let got = await client.send(new GetUserCommand({ AccessToken: access }))
    expect(got.UserMFASettingList).toEqual(['SMS_MFA'])
    expect(got.PreferredMfaSetting).toBeUndefined()

    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SMSMfaSettings: { PreferredMfa: true } }))
    got = await client.send(new GetUserCommand({ AccessToken: access }))
    expect(got.PreferredMfaSetting).toBe('SMS_MFA')

    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SMSMfaSettings: { Enabled: false, PreferredMfa: false } }))
    expect(user(OFF_POOL, 'ada').mfa).toEqual({ enabled: [] })
    const raw = await wire('GetUser', { AccessToken: access })
    expect(Object.keys(raw.json)).toEqual(['Username', 'UserAttributes'])
  })

  it('TOTP with a verified authenticator: enabled and preferred, in the order enabled', async () => {
    const access = await token(OFF_POOL, 'cyd')
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, EmailMfaSettings: { Enabled: true } }))
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }))
    const got = await client.send(new GetUserCommand({ AccessToken: access }))
    expect(got.UserMFASettingList).toEqual(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA'])
    expect(got.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA')
    expect(got.MFAOptions).toBeUndefined()
    // A new preference moves it; PreferredMfa false on the preferred factor drops it.
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, EmailMfaSettings: { PreferredMfa: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false } }))
    expect(user(OFF_POOL, 'cyd').mfa).toMatchObject({ enabled: ['email', 'totp'], preferred: 'email' })
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, EmailMfaSettings: { PreferredMfa: false } }))
    expect(user(OFF_POOL, 'cyd').mfa!.preferred).toBeUndefined()
  })

  it('AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference turns an authenticator on', async () => {
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: OFF_POOL, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }))
    const access = await token(OFF_POOL, 'ada')
    await invalid(client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true } })), 'User has not verified software token mfa')
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: access }))
    await invalid(client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true } })), 'User has not verified software token mfa')
    const verified = await client.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: totpCode(SecretCode!, cognito.clock.now()), FriendlyDeviceName: 'Phone' }))
    expect(verified.Status).toBe('SUCCESS')
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }))
    const got = await client.send(new GetUserCommand({ AccessToken: access }))
    expect(got.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA'])
    expect(got.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA')
  })

  it('refusals, with exact messages, change nothing (not even the settings of the same call that were fine)', async () => {
    const ada = await token(OFF_POOL, 'ada')
    const bob = await token(OFF_POOL, 'bob')
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: ada, SMSMfaSettings: { Enabled: true } }))
    const before = withoutNow(cognito.snapshot())
    await invalid(
      client.send(new SetUserMFAPreferenceCommand({ AccessToken: ada, SMSMfaSettings: { Enabled: false }, SoftwareTokenMfaSettings: { Enabled: true } })),
      'User has not verified software token mfa',
    )
    await invalid(client.send(new SetUserMFAPreferenceCommand({ AccessToken: ada, SoftwareTokenMfaSettings: { PreferredMfa: true } })), 'User has not verified software token mfa')
    // Any SMSMfaSettings object needs a phone number, even one turning SMS off.
    await invalid(client.send(new SetUserMFAPreferenceCommand({ AccessToken: bob, SMSMfaSettings: { Enabled: false } })), 'User does not have a phone_number set to turn on SMS MFA')
    await invalid(client.send(new SetUserMFAPreferenceCommand({ AccessToken: bob, SMSMfaSettings: {} })), 'User does not have a phone_number set to turn on SMS MFA')
    await invalid(
      client.send(new SetUserMFAPreferenceCommand({ AccessToken: ada, SMSMfaSettings: { PreferredMfa: true }, EmailMfaSettings: { PreferredMfa: true } })),
      'Only one MFA factor can be set as preferred.',
    )
    expect(withoutNow(cognito.snapshot())).toEqual(before)
    // Turning TOTP off needs no authenticator.
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: bob, SoftwareTokenMfaSettings: { Enabled: false } }))
  })

  it('a user without an email address cannot set email MFA', async () => {
    const snapshot = cognito.snapshot()
    cognito.restore({ ...snapshot, users: snapshot.users.map((u) => (u.username === 'bob' ? { ...u, email: '' } : u)) })
    const bob = await token(OFF_POOL, 'bob')
    await invalid(client.send(new SetUserMFAPreferenceCommand({ AccessToken: bob, EmailMfaSettings: { Enabled: true } })), 'User does not have delivery config set to turn on EMAIL_OTP')
  })

  it('WebAuthnMfaSettings: Enabled false changes nothing; Enabled true is not implemented (501)', async () => {
    const ada = await token(OFF_POOL, 'ada')
    const before = withoutNow(cognito.snapshot())
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: ada, WebAuthnMfaSettings: { Enabled: false } }))
    expect(withoutNow(cognito.snapshot())).toEqual(before)
    const answer = await wire('SetUserMFAPreference', { AccessToken: ada, WebAuthnMfaSettings: { Enabled: true } })
    expect(answer.status).toBe(501)
    expect(answer.json.__type).toBe('CognitoDeviceMock#NotImplemented')
  })

  it('a bad access token: NotAuthorizedException', async () => {
    const answer = await wire('SetUserMFAPreference', { AccessToken: 'garbage', SMSMfaSettings: { Enabled: true } })
    expect(answer.json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' })
  })

  it('the admin call names the user by username, email alias or sub; TOTP without an authenticator has its own wording', async () => {
    const ada = user(OFF_POOL, 'ada')
    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'ADA@example.com', SMSMfaSettings: { Enabled: true } }))
    expect(user(OFF_POOL, 'ada').mfa).toEqual({ enabled: ['sms'] })
    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: ada.sub, SMSMfaSettings: { PreferredMfa: true } }))
    expect(user(OFF_POOL, 'ada').mfa).toEqual({ enabled: ['sms'], preferred: 'sms' })
    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'cyd', SoftwareTokenMfaSettings: { Enabled: true } }))
    expect(user(OFF_POOL, 'cyd').mfa).toMatchObject({ enabled: ['totp'] })
    await invalid(
      client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'ada', SoftwareTokenMfaSettings: { Enabled: true } })),
      'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    )
    await invalid(
      client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'bob', SMSMfaSettings: { Enabled: true } })),
      'User does not have a phone_number set to turn on SMS MFA',
    )
    await expectError(
      client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'nobody', SMSMfaSettings: { Enabled: true } })),
      UserNotFoundException,
      'UserNotFoundException',
      'User does not exist.',
    )
    // An unverified email is no alias.
    await expectError(
      client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'bob@example.com', SoftwareTokenMfaSettings: { Enabled: false } })),
      UserNotFoundException,
      'UserNotFoundException',
      'User does not exist.',
    )
  })
})

// ---------------------------------------------------------------------------------------------------
describe('GetUser / AdminGetUser', () => {
  it('GetUser: sub, email_verified, phone_number_verified, phone_number, email; no MFA members when there are none', async () => {
    const ada = user(OFF_POOL, 'ada')
    const raw = await wire('GetUser', { AccessToken: await token(OFF_POOL, 'ada') })
    expect(raw.json).toEqual({
      Username: 'ada',
      UserAttributes: [
        { Name: 'sub', Value: ada.sub },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'phone_number_verified', Value: 'true' },
        { Name: 'phone_number', Value: ADA_PHONE },
        { Name: 'email', Value: 'ada@example.com' },
      ],
    })
    const bob = await client.send(new GetUserCommand({ AccessToken: await token(OFF_POOL, 'bob') }))
    expect(bob.UserAttributes).toEqual([
      { Name: 'sub', Value: user(OFF_POOL, 'bob').sub },
      { Name: 'email_verified', Value: 'false' },
      { Name: 'email', Value: 'bob@example.com' },
    ])
  })

  it('GetUser: the legacy SMS case of an `on` pool shows MFAOptions and an empty UserMFASettingList', async () => {
    const raw = await wire('GetUser', { AccessToken: await token(ON_POOL, 'carl') })
    expect(raw.json.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }])
    expect(raw.json.UserMFASettingList).toEqual([])
    expect('PreferredMfaSetting' in raw.json).toBe(false)
    const dee = await client.send(new GetUserCommand({ AccessToken: await token(ON_POOL, 'dee') }))
    expect(dee.MFAOptions).toBeUndefined()
    expect(dee.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA'])
    expect(dee.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA')
  })

  it('AdminGetUser by username, email alias or sub: attributes, dates, state and factors', async () => {
    const ada = user(OFF_POOL, 'ada')
    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OFF_POOL, Username: 'ada', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }))
    for (const name of ['ada', 'Ada@Example.com', ada.sub, ada.sub.toUpperCase()]) {
      const { $metadata, ...output } = await client.send(new AdminGetUserCommand({ UserPoolId: OFF_POOL, Username: name }))
      expect($metadata.httpStatusCode).toBe(200)
      expect(output).toEqual({
        Username: 'ada',
        UserAttributes: [
          { Name: 'sub', Value: ada.sub },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'phone_number_verified', Value: 'true' },
          { Name: 'phone_number', Value: ADA_PHONE },
          { Name: 'email', Value: 'ada@example.com' },
        ],
        UserCreateDate: new Date(CREATED),
        UserLastModifiedDate: new Date(CREATED),
        Enabled: true,
        UserStatus: 'CONFIRMED',
        PreferredMfaSetting: 'SMS_MFA',
        UserMFASettingList: ['SMS_MFA'],
      })
    }
    const raw = await wire('AdminGetUser', { UserPoolId: OFF_POOL, Username: 'ada' }, { signed: true })
    expect(raw.json.UserCreateDate).toBe(CREATED / 1000)
    expect(Object.keys(raw.json)).toEqual(['Username', 'UserAttributes', 'UserCreateDate', 'UserLastModifiedDate', 'Enabled', 'UserStatus', 'PreferredMfaSetting', 'UserMFASettingList'])
  })

  it('AdminGetUser shows a disabled user and the legacy SMS case', async () => {
    cognito.users.update(ON_POOL, 'carl', { enabled: false })
    const output = await client.send(new AdminGetUserCommand({ UserPoolId: ON_POOL, Username: 'carl' }))
    expect(output.Enabled).toBe(false)
    expect(output.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }])
    expect(output.UserMFASettingList).toEqual([])
  })

  it('AdminGetUser: unknown names, an alias the pool does not have, an unverified alias: UserNotFoundException', async () => {
    const carl = user(ON_POOL, 'carl')
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: ON_POOL, Username: carl.sub }))).Username).toBe('carl')
    for (const [poolId, name] of [[OFF_POOL, 'nobody'], [ON_POOL, 'carl@example.com'], [OFF_POOL, 'bob@example.com'], [OFF_POOL, carl.sub]] as const) {
      await expectError(client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name })), UserNotFoundException, 'UserNotFoundException', 'User does not exist.')
    }
    await expectError(
      client.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Nope', Username: 'ada' })),
      ResourceNotFoundException,
      'ResourceNotFoundException',
      'User pool us-east-1_Nope does not exist.',
    )
  })
})

// ---------------------------------------------------------------------------------------------------
describe('device admin operations name the user by username, alias or sub', () => {
  it('AdminListDevices and AdminGetDevice find the same devices under each name', async () => {
    const ada = user(OFF_POOL, 'ada')
    const [device] = cognito.devices.list(OFF_POOL, 'ada')
    for (const name of ['ada', 'ada@example.com', ada.sub]) {
      const listed = await client.send(new AdminListDevicesCommand({ UserPoolId: OFF_POOL, Username: name }))
      expect(listed.Devices!.map((d) => d.DeviceKey)).toEqual([device!.key])
      const got = await client.send(new AdminGetDeviceCommand({ UserPoolId: OFF_POOL, Username: name, DeviceKey: device!.key }))
      expect(got.Device!.DeviceAttributes!.find((a) => a.Name === 'dev:device_owner')!.Value).toBe(`ada.${OFF_POOL}`)
    }
  })
})
