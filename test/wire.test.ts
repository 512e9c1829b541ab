import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fidelity, type CognitoMock, type StoreSnapshot } from '../src/index.ts'
import { SIGNATURE_MISMATCH_MESSAGE, UNRECOGNIZED_CLIENT_MESSAGE } from '../src/protocol/sigv4.ts'
import { credentials, ENDPOINT, jsonHeaders, signHeaders, startMock, wire, withoutNow, type MockFixture, type SignOptions, type WireAnswer } from './support.ts'

/**
 * The device API at the wire level (docs/WIRE.md §1–3): what an HTTP client sees, byte for byte, with no SDK
 * in between to forgive a wrong status, header or body.
 */

const CONTENT_TYPE = 'application/x-amz-json-1.1'
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const CUSTOM_ENDPOINT = 'http://localhost:4566'
const ADMIN_SCOPE = 'aws.cognito.signin.user.admin'

/** A key of the real form, `{region}_{lowercase uuid}` (WIRE §3). */
const KEY = 'us-east-1_e5aa0983-759e-478c-bf4b-6fa73b2af7a5'
const KEY2 = 'us-east-1_0c4a7c4e-9f1b-4b7e-8d0a-3c2b1a0f9e8d'
/** 2024-05-07T16:52:22.022Z, WIRE §1's example timestamp. */
const CREATED = Date.UTC(2024, 4, 7, 16, 52, 22, 22)

function expectSuccess(answer: WireAnswer, body: string): void {
  expect(answer.status).toBe(200)
  expect(answer.headers.get('content-type')).toBe(CONTENT_TYPE)
  expect(answer.headers.get('x-amzn-requestid')).toMatch(UUID_V4)
  expect(answer.headers.get('x-amzn-errortype')).toBeNull()
  expect(answer.text).toBe(body)
  expect(answer.headers.get('content-length')).toBe(String(new TextEncoder().encode(body).length))
}

/** WIRE §2: bare `__type`, `message` when there is one, both headers, the status. */
function expectError(answer: WireAnswer, type: string, message: string | undefined, status = 400): void {
  expect({ status: answer.status, body: answer.json }).toEqual({
    status,
    body: message === undefined ? { __type: type } : { __type: type, message },
  })
  expect(answer.text).toBe(JSON.stringify(message === undefined ? { __type: type } : { __type: type, message }))
  expect(answer.headers.get('content-type')).toBe(CONTENT_TYPE)
  expect(answer.headers.get('x-amzn-errortype')).toBe(`${type}:`)
  // HTTP strips whitespace around header values (RFC 9110 §5.5): the SigV4 scope messages end in a space.
  expect(answer.headers.get('x-amzn-errormessage')?.trim() ?? null).toBe(message?.trim() ?? null)
  expect(answer.headers.get('x-amzn-requestid')).toMatch(UUID_V4)
}

const invalidParameter = (answer: WireAnswer, message: string) => expectError(answer, 'InvalidParameterException', message)
const serialization = (answer: WireAnswer, message: string) => expectError(answer, 'SerializationException', message)

/** The state without the clock, which moves one step per answered request. */
function state(cognito: CognitoMock): Omit<StoreSnapshot, 'now'> {
  return withoutNow(cognito.snapshot())
}

/** SigV4 headers for a wire() call, with any service, region and credentials (wire()'s own signing has fixed ones). */
function sigv4Headers(operation: string, body: unknown, options: Pick<SignOptions, 'service' | 'region' | 'keys' | 'url'> = {}): Promise<Record<string, string>> {
  return signHeaders(jsonHeaders(operation), JSON.stringify(body), options)
}

let fixture: MockFixture
let cognito: CognitoMock

/** A fresh user `alice` in the seeded (user-opt-in) pool, and her access token. */
async function alice() {
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.create(pool.id, { username: 'alice' })
  const token = await cognito.tokens.issue(pool.id, 'alice')
  return { pool, user, token }
}

describe('wire', () => {
  beforeAll(() => {
    fixture = startMock({ seed: 42, endpoints: [CUSTOM_ENDPOINT] })
    cognito = fixture.cognito
  })
  afterAll(() => fixture.close())
  beforeEach(() => cognito.reset())

  // -------------------------------------------------------------------------------------------------
  describe('success answers (WIRE §1)', () => {
    it('every operation answers 200, application/x-amz-json-1.1 and a fresh UUID v4 request id', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY, rememberedStatus: 'remembered' })
      cognito.devices.create(pool.id, 'alice', { key: KEY2, rememberedStatus: 'remembered' })
      const pending = cognito.devices.issueKey(pool.id, 'alice')
      const admin = { UserPoolId: pool.id, Username: 'alice' }
      const answers = [
        await wire('GetDevice', { AccessToken: token, DeviceKey: KEY }),
        await wire('AdminGetDevice', { ...admin, DeviceKey: KEY }, { signed: true }),
        await wire('ListDevices', { AccessToken: token }),
        await wire('AdminListDevices', admin, { signed: true }),
        await wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'remembered' }),
        await wire('AdminUpdateDeviceStatus', { ...admin, DeviceKey: KEY, DeviceRememberedStatus: 'remembered' }, { signed: true }),
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey: pending.DeviceKey, DeviceName: 'phone' }),
        await wire('ForgetDevice', { AccessToken: token, DeviceKey: KEY }),
        await wire('AdminForgetDevice', { ...admin, DeviceKey: KEY2 }, { signed: true }),
      ]
      for (const answer of answers) {
        expect(answer.status).toBe(200)
        expect(answer.headers.get('content-type')).toBe(CONTENT_TYPE)
        expect(answer.headers.get('x-amzn-requestid')).toMatch(UUID_V4)
      }
      const ids = answers.map((answer) => answer.headers.get('x-amzn-requestid'))
      expect(new Set(ids).size).toBe(ids.length)
    })

    it('GetDevice: compact JSON, the three user attributes, epoch-second numbers with a millisecond fraction', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', {
        key: KEY,
        name: 'My phone',
        rememberedStatus: 'remembered',
        lastIp: '203.0.113.7',
        createdAt: CREATED,
      })
      const answer = await wire('GetDevice', { AccessToken: token, DeviceKey: KEY })
      expectSuccess(
        answer,
        `{"Device":{"DeviceKey":"${KEY}","DeviceAttributes":[{"Name":"device_status","Value":"valid"},{"Name":"device_name","Value":"My phone"},{"Name":"last_ip_used","Value":"203.0.113.7"}],"DeviceCreateDate":1715100742.022,"DeviceLastModifiedDate":1715100742.022,"DeviceLastAuthenticatedDate":1715100742}}`,
      )
      expect(typeof answer.json.Device.DeviceCreateDate).toBe('number')
    })

    it('AdminGetDevice: the seven admin attributes in order, with the ARN and owner', async () => {
      const { pool } = await alice()
      cognito.devices.create(pool.id, 'alice', {
        key: KEY,
        name: 'My phone',
        rememberedStatus: 'not_remembered',
        lastIp: '2001:db8::7',
        sdk: 'aws-sdk-unknown-unknown',
        createdAt: CREATED,
        lastModifiedAt: CREATED + 1_000_123,
        lastAuthenticatedAt: CREATED + 3_600_000 - 22,
      })
      const answer = await wire('AdminGetDevice', { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY }, { signed: true })
      const owner = `alice.${pool.id}`
      expectSuccess(
        answer,
        `{"Device":{"DeviceKey":"${KEY}","DeviceAttributes":[` +
          `{"Name":"device_status","Value":"valid"},` +
          `{"Name":"device_name","Value":"My phone"},` +
          `{"Name":"dev:device_arn","Value":"arn:aws:cognito-idp:us-east-1:123456789012:owner/${owner}/device/${KEY}"},` +
          `{"Name":"dev:device_owner","Value":"${owner}"},` +
          `{"Name":"last_ip_used","Value":"2001:db8::7"},` +
          `{"Name":"dev:device_remembered_status","Value":"not_remembered"},` +
          `{"Name":"dev:device_sdk","Value":"aws-sdk-unknown-unknown"}],` +
          `"DeviceCreateDate":1715100742.022,"DeviceLastModifiedDate":1715101742.145,"DeviceLastAuthenticatedDate":1715104342}}`,
      )
    })

    it('ListDevices: absent members are left out, never null; no PaginationToken on the last page', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY, name: null, rememberedStatus: 'remembered', lastIp: '198.51.100.1', createdAt: CREATED })
      const answer = await wire('ListDevices', { AccessToken: token })
      expectSuccess(
        answer,
        `{"Devices":[{"DeviceKey":"${KEY}","DeviceAttributes":[{"Name":"device_status","Value":"valid"},{"Name":"last_ip_used","Value":"198.51.100.1"}],"DeviceCreateDate":1715100742.022,"DeviceLastModifiedDate":1715100742.022,"DeviceLastAuthenticatedDate":1715100742}]}`,
      )
      expect(answer.text).not.toContain('null')
    })

    it('ListDevices of a user without devices: an empty list, no token', async () => {
      const { token } = await alice()
      expectSuccess(await wire('ListDevices', { AccessToken: token }), '{"Devices":[]}')
    })

    it('AdminListDevices: a PaginationToken string while more devices follow', async () => {
      const { pool } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY, name: 'a', lastIp: '198.51.100.1', createdAt: CREATED })
      cognito.devices.create(pool.id, 'alice', { key: KEY2, name: 'b', lastIp: '198.51.100.2', createdAt: CREATED + 1 })
      const first = await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'alice', Limit: 1 }, { signed: true })
      expect(first.status).toBe(200)
      expect(Object.keys(first.json)).toEqual(['Devices', 'PaginationToken'])
      expect(first.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual([KEY])
      expect(first.json.PaginationToken).toMatch(/^\S+$/)
      const second = await wire(
        'AdminListDevices',
        { UserPoolId: pool.id, Username: 'alice', Limit: 1, PaginationToken: first.json.PaginationToken },
        { signed: true },
      )
      expect(Object.keys(second.json)).toEqual(['Devices'])
      expect(second.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual([KEY2])
    })

    it('UpdateDeviceStatus and AdminUpdateDeviceStatus answer exactly {}', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY })
      expectSuccess(await wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'remembered' }), '{}')
      expectSuccess(
        await wire('AdminUpdateDeviceStatus', { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY, DeviceRememberedStatus: 'not_remembered' }, { signed: true }),
        '{}',
      )
      expect(cognito.devices.get(pool.id, 'alice', KEY)!.rememberedStatus).toBe('not_remembered')
    })

    it('ForgetDevice and AdminForgetDevice answer an empty body with Content-Length 0', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY })
      cognito.devices.create(pool.id, 'alice', { key: KEY2 })
      const user = await wire('ForgetDevice', { AccessToken: token, DeviceKey: KEY })
      const admin = await wire('AdminForgetDevice', { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY2 }, { signed: true })
      for (const answer of [user, admin]) {
        expectSuccess(answer, '')
        expect(answer.headers.get('content-length')).toBe('0')
      }
      expect(cognito.devices.list(pool.id, 'alice')).toEqual([])
    })

    it('ConfirmDevice answers {"UserConfirmationNecessary":<bool>}', async () => {
      const { pool, token } = await alice()
      const { DeviceKey } = cognito.devices.issueKey(pool.id, 'alice')
      expectSuccess(
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceName: 'nodejs', DeviceSecretVerifierConfig: { PasswordVerifier: 'dmVyaWZpZXI=', Salt: 'c2FsdA==' } }),
        '{"UserConfirmationNecessary":true}',
      )
    })

    it('unknown members of the request are ignored', async () => {
      const { token } = await alice()
      expectSuccess(await wire('ListDevices', { AccessToken: token, Bogus: 1, Extra: { a: [1] } }), '{"Devices":[]}')
    })

    it('a JSON null member is an absent member', async () => {
      const { token } = await alice()
      expectSuccess(await wire('ListDevices', { AccessToken: token, Limit: null, PaginationToken: null }), '{"Devices":[]}')
      invalidParameter(
        await wire('GetDevice', { AccessToken: token, DeviceKey: null }),
        "1 validation error detected: Value null at 'deviceKey' failed to satisfy constraint: Member must not be null",
      )
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('error answers (WIRE §2)', () => {
    it('a modeled error: bare __type, message, x-amzn-ErrorType with its colon, x-amzn-ErrorMessage, 400', async () => {
      expectError(await wire('ListDevices', { AccessToken: 'garbage' }), 'NotAuthorizedException', 'Invalid Access Token')
      const { token } = await alice()
      expectError(await wire('GetDevice', { AccessToken: token, DeviceKey: KEY }), 'ResourceNotFoundException', 'Device does not exist.')
    })

    it.each([
      ['an unknown X-Amz-Target', { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListGadgets' }],
      ["another service's target", { 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
      ['a target without the service prefix', { 'x-amz-target': 'ListDevices' }],
      ['a wrong content type', { 'content-type': 'application/json' }],
      ['a form content type', { 'content-type': 'application/x-www-form-urlencoded' }],
    ])('%s → UnknownOperationException 400 with no message', async (_label, headers) => {
      const { token } = await alice()
      expectError(await wire('ListDevices', { AccessToken: token }, { headers }), 'UnknownOperationException', undefined)
    })

    it('a missing X-Amz-Target → UnknownOperationException', async () => {
      const response = await fetch(ENDPOINT, { method: 'POST', headers: { 'content-type': CONTENT_TYPE }, body: '{}' })
      const text = await response.text()
      expect(response.status).toBe(400)
      expect(text).toBe('{"__type":"UnknownOperationException"}')
      expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException:')
      expect(response.headers.get('x-amzn-errormessage')).toBeNull()
    })

    it('a GET → UnknownOperationException', async () => {
      const response = await fetch(ENDPOINT, {
        headers: { 'content-type': CONTENT_TYPE, 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      })
      expect(response.status).toBe(400)
      expect(await response.text()).toBe('{"__type":"UnknownOperationException"}')
      expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException:')
      expect(response.headers.get('x-amzn-errormessage')).toBeNull()
      expect(response.headers.get('content-type')).toBe(CONTENT_TYPE)
    })

    it.each(['AdminAddUserToGroup', 'AdminInitiateAuth', 'CreateGroup', 'AdminListGroupsForUser'])(
      'a real Cognito operation the mock does not implement (%s) → 501 CognitoDeviceMock#NotImplemented, not passed through',
      async (operation) => {
        const answer = await wire(operation, { AuthFlow: 'USER_SRP_AUTH' }, { signed: operation.startsWith('Admin') })
        expect(answer.status).toBe(fidelity.notImplemented.status)
        expect(answer.status).toBe(501)
        expect(answer.json.__type).toBe('CognitoDeviceMock#NotImplemented')
        expect(answer.json.message).toContain(operation)
        expect(answer.headers.get('x-amzn-errortype')).toBe('CognitoDeviceMock#NotImplemented:')
        expect(answer.headers.get('x-amzn-errormessage')).toBe(answer.json.message)
      },
    )

    describe('SerializationException', () => {
      it('malformed JSON', async () => {
        serialization(await wire('ListDevices', '{"AccessToken":', { raw: true }), fidelity.serialization.malformedJson)
        serialization(await wire('ListDevices', "{'AccessToken':'x'}", { raw: true }), fidelity.serialization.malformedJson)
      })

      it('a JSON array or a scalar as the body', async () => {
        serialization(await wire('ListDevices', '[]', { raw: true }), fidelity.serialization.startOfList)
        serialization(await wire('ListDevices', '[{"AccessToken":"x"}]', { raw: true }), fidelity.serialization.startOfList)
        serialization(await wire('ListDevices', '"text"', { raw: true }), fidelity.serialization.notAnObject)
        serialization(await wire('ListDevices', '42', { raw: true }), fidelity.serialization.notAnObject)
      })

      it('members of the wrong JSON type', async () => {
        const { token } = await alice()
        const convert = fidelity.serialization.cannotConvert
        serialization(await wire('ListDevices', { AccessToken: 5 }), convert('NUMBER_VALUE', 'String'))
        serialization(await wire('ListDevices', { AccessToken: true }), convert('BOOLEAN_VALUE', 'String'))
        serialization(await wire('ListDevices', { AccessToken: token, Limit: '5' }), convert('STRING_VALUE', 'Integer'))
        serialization(await wire('ListDevices', { AccessToken: token, Limit: true }), convert('BOOLEAN_VALUE', 'Integer'))
        serialization(await wire('ListDevices', { AccessToken: {} }), fidelity.serialization.startOfStructure)
        serialization(await wire('ListDevices', { AccessToken: [token] }), fidelity.serialization.startOfList)
        serialization(
          await wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 5 }),
          convert('NUMBER_VALUE', 'String'),
        )
        serialization(
          await wire('ConfirmDevice', { AccessToken: token, DeviceKey: KEY, DeviceSecretVerifierConfig: 'x' }),
          convert('STRING_VALUE', 'Structure'),
        )
        serialization(
          await wire('ConfirmDevice', { AccessToken: token, DeviceKey: KEY, DeviceSecretVerifierConfig: { Salt: 1 } }),
          convert('NUMBER_VALUE', 'String'),
        )
        expect(convert('STRING_VALUE', 'Integer')).toBe('STRING_VALUE can not be converted to an Integer')
        expect(convert('NUMBER_VALUE', 'String')).toBe('NUMBER_VALUE can not be converted to a String')
      })

      it('on an admin operation, the signature is checked before the body is read', async () => {
        expectError(await wire('AdminListDevices', 'not json', { raw: true }), 'MissingAuthenticationTokenException', 'Missing Authentication Token')
        serialization(await wire('AdminListDevices', 'not json', { raw: true, signed: true }), fidelity.serialization.malformedJson)
      })
    })

    it('an empty body is read as {}', async () => {
      invalidParameter(
        await wire('ListDevices', '', { raw: true }),
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null",
      )
      invalidParameter(
        await wire('AdminListDevices', '', { raw: true, signed: true }),
        "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
          "Value at 'username' failed to satisfy constraint: Member must not be null",
      )
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('endpoints', () => {
    const sameRegion = [
      ['standard', 'https://cognito-idp.us-east-1.amazonaws.com/'],
      ['FIPS', 'https://cognito-idp-fips.us-east-1.amazonaws.com/'],
      ['dual-stack', 'https://cognito-idp.us-east-1.api.aws/'],
      ['FIPS dual-stack', 'https://cognito-idp-fips.us-east-1.api.aws/'],
    ] as const
    const otherRegion = [
      ['eu-west-1', 'https://cognito-idp.eu-west-1.amazonaws.com/', 'eu-west-1'],
      ['ap-southeast-2', 'https://cognito-idp.ap-southeast-2.amazonaws.com/', 'ap-southeast-2'],
      ['China', 'https://cognito-idp.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
      ['eu-west-1 dual-stack', 'https://cognito-idp.eu-west-1.api.aws/', 'eu-west-1'],
      ['FIPS us-east-2', 'https://cognito-idp-fips.us-east-2.amazonaws.com/', 'us-east-2'],
    ] as const

    it.each(sameRegion)('%s host of the pool’s region answers user and admin calls', async (_label, url) => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY, rememberedStatus: 'remembered' })
      const user = await wire('ListDevices', { AccessToken: token }, { url })
      expect(user.status).toBe(200)
      expect(user.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual([KEY])
      const admin = await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'alice' }, { url, signed: true })
      expect(admin.status).toBe(200)
      expect(admin.json.Devices).toHaveLength(1)
    })

    it.each(otherRegion)('%s host is intercepted; a us-east-1 pool does not exist there', async (_label, url, region) => {
      const { pool, token } = await alice()
      expectError(await wire('ListDevices', { AccessToken: token }, { url }), 'NotAuthorizedException', 'Invalid Access Token')
      expectError(
        await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'alice' }, { url, signed: true, region }),
        'ResourceNotFoundException',
        `User pool ${pool.id} does not exist.`,
      )
    })

    it('a pool in eu-west-1 is served at eu-west-1 and nowhere else', async () => {
      const pool = cognito.pools.create({ region: 'eu-west-1' })
      expect(pool.id.startsWith('eu-west-1_')).toBe(true)
      cognito.users.create(pool.id, { username: 'bob' })
      cognito.devices.create(pool.id, 'bob', { rememberedStatus: 'remembered' })
      const token = await cognito.tokens.issue(pool.id, 'bob')
      const eu = 'https://cognito-idp.eu-west-1.amazonaws.com/'
      expect((await wire('ListDevices', { AccessToken: token }, { url: eu })).json.Devices).toHaveLength(1)
      expect((await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'bob' }, { url: eu, signed: true, region: 'eu-west-1' })).status).toBe(200)
      expectError(await wire('ListDevices', { AccessToken: token }), 'NotAuthorizedException', 'Invalid Access Token')
      expectError(
        await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'bob' }, { signed: true }),
        'ResourceNotFoundException',
        `User pool ${pool.id} does not exist.`,
      )
    })

    it('a pool in cn-north-1 is served at the China host', async () => {
      const pool = cognito.pools.create({ region: 'cn-north-1' })
      cognito.users.create(pool.id, { username: 'chen' })
      const token = await cognito.tokens.issue(pool.id, 'chen')
      const url = 'https://cognito-idp.cn-north-1.amazonaws.com.cn/'
      expectSuccess(await wire('ListDevices', { AccessToken: token }, { url }), '{"Devices":[]}')
      expectSuccess(await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'chen' }, { url, signed: true, region: 'cn-north-1' }), '{"Devices":[]}')
    })

    it('a custom endpoint given in createCognitoMock({ endpoints }) is intercepted, for user and admin calls', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY, rememberedStatus: 'remembered' })
      const user = await wire('ListDevices', { AccessToken: token }, { url: `${CUSTOM_ENDPOINT}/` })
      expect(user.status).toBe(200)
      expect(user.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual([KEY])
      expect(user.headers.get('x-amzn-requestid')).toMatch(UUID_V4)
      const admin = await wire('AdminGetDevice', { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY }, { url: `${CUSTOM_ENDPOINT}/`, signed: true })
      expect(admin.status).toBe(200)
      expect(admin.json.Device.DeviceKey).toBe(KEY)
      expectError(await wire('AdminGetDevice', { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY }, { url: `${CUSTOM_ENDPOINT}/` }), 'MissingAuthenticationTokenException', 'Missing Authentication Token')
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('JWKS (WIRE §6)', () => {
    it('the pool’s jwks.json verifies a token from tokens.issue, with Cognito’s claims', async () => {
      const { pool, user } = await alice()
      const token = await cognito.tokens.issue(pool.id, 'alice')
      const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${pool.id}`
      expect(cognito.tokens.issuer(pool.id)).toBe(issuer)
      const response = await fetch(`${issuer}/.well-known/jwks.json`)
      expect(response.status).toBe(200)
      const jwks = (await response.json()) as { keys: { kid: string; kty: string }[] }
      expect(jwks.keys.length).toBeGreaterThan(0)
      expect(jwks.keys.every((key) => key.kty === 'RSA' && !('d' in key))).toBe(true)
      expect(jwks).toEqual(await cognito.tokens.jwks(pool.id))

      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
        issuer,
        algorithms: ['RS256'],
        currentDate: new Date(cognito.clock.now()),
      })
      expect(protectedHeader.alg).toBe('RS256')
      expect(jwks.keys.map((key) => key.kid)).toContain(protectedHeader.kid)
      expect(payload.iss).toBe(issuer)
      expect(payload.token_use).toBe('access')
      expect(String(payload.scope).split(' ')).toContain(ADMIN_SCOPE)
      expect(payload.username).toBe('alice')
      expect(payload.sub).toBe(user.sub)
      expect(payload.client_id).toBe(pool.clients[0]!.clientId)
      expect(payload.exp! - payload.iat!).toBe(3600)
      expect(payload.iat).toBe(Math.floor(cognito.clock.now() / 1000))
      expect(typeof payload.jti).toBe('string')
      expect(typeof payload.origin_jti).toBe('string')
    })

    it('a token signed for another pool does not verify against this pool’s keys', async () => {
      const { pool } = await alice()
      const other = cognito.pools.create()
      cognito.users.create(other.id, { username: 'alice' })
      const foreign = await cognito.tokens.issue(other.id, 'alice')
      const jwks = await (await fetch(`https://cognito-idp.us-east-1.amazonaws.com/${pool.id}/.well-known/jwks.json`)).json()
      expect(decodeProtectedHeader(foreign).kid).not.toBe((jwks as { keys: { kid: string }[] }).keys[0]!.kid)
      await expect(
        jwtVerify(foreign, createLocalJWKSet(jwks as never), { algorithms: ['RS256'], currentDate: new Date(cognito.clock.now()) }),
      ).rejects.toThrow()
    })

    it('openid-configuration names the issuer and the jwks_uri', async () => {
      const pool = cognito.pools.list()[0]!
      const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${pool.id}`
      const response = await fetch(`${issuer}/.well-known/openid-configuration`)
      expect(response.status).toBe(200)
      const document = (await response.json()) as { issuer: string; jwks_uri: string }
      expect(document.issuer).toBe(issuer)
      expect(document.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`)
    })

    it('an unknown pool, or a pool asked for in another region, has no JWKS', async () => {
      const pool = cognito.pools.list()[0]!
      expect((await fetch('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_nope/.well-known/jwks.json')).status).toBe(404)
      expect((await fetch(`https://cognito-idp.eu-west-1.amazonaws.com/${pool.id}/.well-known/jwks.json`)).status).toBe(404)
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('SigV4 on admin operations (lenient mode)', () => {
    it.each(['AdminGetDevice', 'AdminListDevices', 'AdminForgetDevice', 'AdminUpdateDeviceStatus'])(
      '%s without Authorization → MissingAuthenticationTokenException, state unchanged',
      async (operation) => {
        const { pool } = await alice()
        cognito.devices.create(pool.id, 'alice', { key: KEY })
        const before = state(cognito)
        expectError(
          await wire(operation, { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY, DeviceRememberedStatus: 'remembered' }),
          'MissingAuthenticationTokenException',
          'Missing Authentication Token',
        )
        expect(state(cognito)).toEqual(before)
      },
    )

    it('a scope for another region → InvalidSignatureException', async () => {
      const { pool } = await alice()
      expectError(
        await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'alice' }, { signed: true, region: 'eu-west-1' }),
        'InvalidSignatureException',
        'Credential should be scoped to a valid region. ',
      )
    })

    it('a scope for another service → InvalidSignatureException', async () => {
      const { pool } = await alice()
      const body = { UserPoolId: pool.id, Username: 'alice' }
      expectError(
        await wire('AdminListDevices', body, { headers: await sigv4Headers('AdminListDevices', body, { service: 'dynamodb' }) }),
        'InvalidSignatureException',
        "Credential should be scoped to correct service: 'cognito-idp'. ",
      )
    })

    it('a scope wrong in region and service reports both, region first', async () => {
      const { pool } = await alice()
      const body = { UserPoolId: pool.id, Username: 'alice' }
      const headers = await sigv4Headers('AdminListDevices', body, { service: 'cognito-identity', region: 'eu-west-1' })
      expectError(
        await wire('AdminListDevices', body, { headers }),
        'InvalidSignatureException',
        "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'cognito-idp'. ",
      )
    })

    it('any well-formed signature with the right scope is accepted without configured credentials', async () => {
      const { pool } = await alice()
      const body = { UserPoolId: pool.id, Username: 'alice' }
      const headers = await sigv4Headers('AdminListDevices', body, { keys: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'other' } })
      expectSuccess(await wire('AdminListDevices', body, { headers }), '{"Devices":[]}')
    })
  })

  // -------------------------------------------------------------------------------------------------
  describe('validation (WIRE §2–3)', () => {
    const ONE = '1 validation error detected: '
    const not = (path: string, sensitive = false) => `Value${sensitive ? '' : ' null'} at '${path}' failed to satisfy constraint: Member must not be null`
    const TOKEN_PATTERN = 'Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+'
    const KEY_PATTERN = 'Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+'
    const POOL_PATTERN = 'Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+'
    const USERNAME_PATTERN = 'Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+'

    it('an empty access token fails the pattern (the real service’s message), its value hidden', async () => {
      invalidParameter(
        await wire('ListDevices', { AccessToken: '' }),
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
      )
      invalidParameter(await wire('GetDevice', { AccessToken: 'has space', DeviceKey: KEY }), `${ONE}Value at 'accessToken' failed to satisfy constraint: ${TOKEN_PATTERN}`)
    })

    it('missing required members: null for non-sensitive ones, no value for sensitive ones', async () => {
      const { token } = await alice()
      invalidParameter(await wire('ListDevices', {}), ONE + not('accessToken', true))
      invalidParameter(await wire('GetDevice', { AccessToken: token }), "1 validation error detected: Value null at 'deviceKey' failed to satisfy constraint: Member must not be null")
      invalidParameter(await wire('UpdateDeviceStatus', { AccessToken: token }), ONE + not('deviceKey'))
      invalidParameter(await wire('ConfirmDevice', { AccessToken: token }), ONE + not('deviceKey'))
      invalidParameter(await wire('ForgetDevice', { AccessToken: token }), ONE + not('deviceKey'))
    })

    it('AccessToken is required by the server for GetDevice and ForgetDevice although the model marks it optional', async () => {
      expect(fidelity.serverRequiredMembers.GetDevice).toContain('AccessToken')
      invalidParameter(await wire('GetDevice', { DeviceKey: KEY }), ONE + not('accessToken', true))
      invalidParameter(await wire('ForgetDevice', { DeviceKey: KEY }), ONE + not('accessToken', true))
    })

    it('Limit: 0–60, quoted in the message', async () => {
      const { token } = await alice()
      invalidParameter(
        await wire('ListDevices', { AccessToken: token, Limit: 61 }),
        "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      )
      invalidParameter(
        await wire('ListDevices', { AccessToken: token, Limit: -1 }),
        "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0",
      )
      expect((await wire('ListDevices', { AccessToken: token, Limit: 60 })).status).toBe(200)
      expect((await wire('ListDevices', { AccessToken: token, Limit: 0 })).status).toBe(200)
      const pool = cognito.pools.list()[0]!
      invalidParameter(
        await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'alice', Limit: 1000 }, { signed: true }),
        `${ONE}Value '1000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
      )
    })

    it('DeviceKey: at most 55 characters, lowercase hex after the underscore', async () => {
      const { token } = await alice()
      const long = `${KEY}0123456789`
      expect(long).toHaveLength(56)
      invalidParameter(
        await wire('GetDevice', { AccessToken: token, DeviceKey: long }),
        `${ONE}Value '${long}' at 'deviceKey' failed to satisfy constraint: Member must have length less than or equal to 55`,
      )
      const upper = KEY.replace('e5aa', 'E5AA')
      invalidParameter(await wire('GetDevice', { AccessToken: token, DeviceKey: upper }), `${ONE}Value '${upper}' at 'deviceKey' failed to satisfy constraint: ${KEY_PATTERN}`)
      invalidParameter(await wire('ForgetDevice', { AccessToken: token, DeviceKey: 'nounderscore' }), `${ONE}Value 'nounderscore' at 'deviceKey' failed to satisfy constraint: ${KEY_PATTERN}`)
      invalidParameter(
        await wire('GetDevice', { AccessToken: token, DeviceKey: '' }),
        "2 validation errors detected: Value '' at 'deviceKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          `Value '' at 'deviceKey' failed to satisfy constraint: ${KEY_PATTERN}`,
      )
      // 55 characters pass validation and reach the lookup.
      const max = long.slice(0, 55)
      expectError(await wire('GetDevice', { AccessToken: token, DeviceKey: max }), 'ResourceNotFoundException', 'Device does not exist.')
    })

    it('UserPoolId: 1–55 characters, `[\\w-]+_[0-9a-zA-Z]+`', async () => {
      invalidParameter(
        await wire('AdminListDevices', { UserPoolId: 'us-east-1', Username: 'alice' }, { signed: true }),
        `${ONE}Value 'us-east-1' at 'userPoolId' failed to satisfy constraint: ${POOL_PATTERN}`,
      )
      const long = `us-east-1_${'A'.repeat(46)}`
      invalidParameter(
        await wire('AdminListDevices', { UserPoolId: long, Username: 'alice' }, { signed: true }),
        `${ONE}Value '${long}' at 'userPoolId' failed to satisfy constraint: Member must have length less than or equal to 55`,
      )
      expectError(
        await wire('AdminListDevices', { UserPoolId: 'us-east-1_xxx', Username: 'alice' }, { signed: true }),
        'ResourceNotFoundException',
        'User pool us-east-1_xxx does not exist.',
      )
    })

    it('Username: 1–128 letters, marks, symbols, digits, punctuation; its value never shown (sensitive)', async () => {
      const pool = cognito.pools.list()[0]!
      invalidParameter(
        await wire('AdminListDevices', { UserPoolId: pool.id, Username: 'john doe' }, { signed: true }),
        `${ONE}Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`,
      )
      invalidParameter(
        await wire('AdminGetDevice', { UserPoolId: pool.id, Username: 'tab\tbed', DeviceKey: KEY }, { signed: true }),
        `${ONE}Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`,
      )
      const long = 'a'.repeat(129)
      const tooLong = await wire('AdminListDevices', { UserPoolId: pool.id, Username: long }, { signed: true })
      invalidParameter(tooLong, `${ONE}Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128`)
      expect(tooLong.text).not.toContain(long)
      invalidParameter(
        await wire('AdminForgetDevice', { UserPoolId: pool.id, Username: '', DeviceKey: KEY }, { signed: true }),
        "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          `Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`,
      )
      // 128 characters pass validation and reach the user lookup.
      expectError(
        await wire('AdminForgetDevice', { UserPoolId: pool.id, Username: 'a'.repeat(128), DeviceKey: KEY }, { signed: true }),
        'UserNotFoundException',
        'User does not exist.',
      )
    })

    it('Unicode usernames are valid: letters (名前), symbols (emoji), combining marks', async () => {
      const pool = cognito.pools.list()[0]!
      for (const username of ['名前', '🦊fox', 'e\u0301lodie', 'ünïcödé-user_1']) {
        cognito.users.create(pool.id, { username })
        cognito.devices.create(pool.id, username, { rememberedStatus: 'remembered' })
        const admin = await wire('AdminListDevices', { UserPoolId: pool.id, Username: username }, { signed: true })
        expect(admin.status).toBe(200)
        const owner = admin.json.Devices[0].DeviceAttributes.find((a: { Name: string }) => a.Name === 'dev:device_owner')
        expect(owner.Value).toBe(`${username}.${pool.id}`)
        const token = await cognito.tokens.issue(pool.id, username)
        expect((await wire('ListDevices', { AccessToken: token })).json.Devices).toHaveLength(1)
      }
      // Not created: valid by the pattern, unknown to the pool.
      expectError(
        await wire('AdminForgetDevice', { UserPoolId: pool.id, Username: '😀', DeviceKey: KEY }, { signed: true }),
        'UserNotFoundException',
        'User does not exist.',
      )
    })

    it('DeviceRememberedStatus: the enum value set, in fidelity’s order', async () => {
      const { pool, token } = await alice()
      const expected = "1 validation error detected: Value 'forgotten' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [not_remembered, remembered]"
      invalidParameter(await wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'forgotten' }), expected)
      invalidParameter(
        await wire('AdminUpdateDeviceStatus', { UserPoolId: pool.id, Username: 'alice', DeviceKey: KEY, DeviceRememberedStatus: 'forgotten' }, { signed: true }),
        expected,
      )
      invalidParameter(
        await wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'REMEMBERED' }),
        `${ONE}Value 'REMEMBERED' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [not_remembered, remembered]`,
      )
    })

    it('DeviceName: 1–1024 characters', async () => {
      const { pool, token } = await alice()
      const { DeviceKey } = cognito.devices.issueKey(pool.id, 'alice')
      invalidParameter(
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceName: '' }),
        `${ONE}Value '' at 'deviceName' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      )
      const long = 'x'.repeat(1025)
      invalidParameter(
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceName: long }),
        `${ONE}Value '${long}' at 'deviceName' failed to satisfy constraint: Member must have length less than or equal to 1024`,
      )
      expect(cognito.devices.get(pool.id, 'alice', DeviceKey)).toBeUndefined()
      expectSuccess(await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceName: 'y'.repeat(1024) }), '{"UserConfirmationNecessary":true}')
      expect(cognito.devices.get(pool.id, 'alice', DeviceKey)!.name).toBe('y'.repeat(1024))
    })

    it('DeviceSecretVerifierConfig: PasswordVerifier and Salt up to 131072 characters', async () => {
      const { pool, token } = await alice()
      const { DeviceKey } = cognito.devices.issueKey(pool.id, 'alice')
      const long = 'a'.repeat(131_073)
      const message = `${ONE}Value '${long}' at 'deviceSecretVerifierConfig.passwordVerifier' failed to satisfy constraint: Member must have length less than or equal to 131072`
      const answer = await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: long, Salt: 'c2FsdA==' } })
      // The body carries the whole message; the header copy may be cut (Node refuses headers over 16 KiB).
      expect(answer.status).toBe(400)
      expect(answer.json).toEqual({ __type: 'InvalidParameterException', message })
      expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidParameterException:')
      const header = answer.headers.get('x-amzn-errormessage')!
      expect(header.length).toBeGreaterThan(0)
      expect(message.startsWith(header)).toBe(true)

      const both = await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: long, Salt: long } })
      expect(both.json.message).toBe(
        `2 validation errors detected: Value '${long}' at 'deviceSecretVerifierConfig.passwordVerifier' failed to satisfy constraint: Member must have length less than or equal to 131072; ` +
          `Value '${long}' at 'deviceSecretVerifierConfig.salt' failed to satisfy constraint: Member must have length less than or equal to 131072`,
      )
      expect(cognito.devices.get(pool.id, 'alice', DeviceKey)).toBeUndefined()

      const max = 'b'.repeat(131_072)
      expectSuccess(
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: max, Salt: '' } }),
        '{"UserConfirmationNecessary":true}',
      )
    })

    it('PaginationToken: at least one character, no whitespace', async () => {
      const { token } = await alice()
      invalidParameter(
        await wire('ListDevices', { AccessToken: token, PaginationToken: '' }),
        "2 validation errors detected: Value '' at 'paginationToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value '' at 'paginationToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
      )
      invalidParameter(
        await wire('ListDevices', { AccessToken: token, PaginationToken: 'a b' }),
        `${ONE}Value 'a b' at 'paginationToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+`,
      )
    })

    it('several violations are counted and joined by "; ", members in the model’s order', async () => {
      invalidParameter(
        await wire('ListDevices', { AccessToken: '', Limit: 61 }),
        `2 validation errors detected: Value at 'accessToken' failed to satisfy constraint: ${TOKEN_PATTERN}; ` +
          "Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      )
      invalidParameter(
        await wire('AdminGetDevice', { DeviceKey: 'BAD', UserPoolId: 'nope', Username: 'a b' }, { signed: true }),
        `3 validation errors detected: Value 'BAD' at 'deviceKey' failed to satisfy constraint: ${KEY_PATTERN}; ` +
          `Value 'nope' at 'userPoolId' failed to satisfy constraint: ${POOL_PATTERN}; ` +
          `Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`,
      )
    })

    it('validation comes before authentication: a bad token with a bad Limit is an InvalidParameterException', async () => {
      invalidParameter(
        await wire('ListDevices', { AccessToken: 'not.a.token', Limit: 61 }),
        `${ONE}Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
      )
    })

    it('every request refused by validation leaves the state unchanged', async () => {
      const { pool, token } = await alice()
      cognito.devices.create(pool.id, 'alice', { key: KEY, rememberedStatus: 'remembered' })
      const pending = cognito.devices.issueKey(pool.id, 'alice')
      const admin = { UserPoolId: pool.id, Username: 'alice' }
      const before = state(cognito)
      const refused = [
        await wire('ForgetDevice', { AccessToken: '', DeviceKey: KEY }),
        await wire('ForgetDevice', { AccessToken: token, DeviceKey: `${KEY}0123456789` }),
        await wire('AdminForgetDevice', { ...admin, DeviceKey: KEY, Username: 'alice ' }, { signed: true }),
        await wire('UpdateDeviceStatus', { AccessToken: token, DeviceKey: KEY, DeviceRememberedStatus: 'forgotten' }),
        await wire('AdminUpdateDeviceStatus', { ...admin, DeviceKey: KEY, DeviceRememberedStatus: 'not-remembered' }, { signed: true }),
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey: pending.DeviceKey, DeviceName: '' }),
        await wire('ConfirmDevice', { AccessToken: token, DeviceKey: pending.DeviceKey, DeviceSecretVerifierConfig: { Salt: 'x'.repeat(131_073) } }),
        await wire('ListDevices', { AccessToken: token, Limit: 61 }),
      ]
      for (const answer of refused) expect(answer.json.__type).toBe('InvalidParameterException')
      expect(state(cognito)).toEqual(before)
      // The same requests, valid, do change it.
      expect((await wire('ConfirmDevice', { AccessToken: token, DeviceKey: pending.DeviceKey, DeviceName: 'ok' })).status).toBe(200)
      expect((await wire('ForgetDevice', { AccessToken: token, DeviceKey: KEY })).status).toBe(200)
      expect(state(cognito)).not.toEqual(before)
    })
  })
})

// ---------------------------------------------------------------------------------------------------
describe('wire, strict SigV4 (createCognitoMock({ credentials }))', () => {
  let strict: MockFixture
  beforeAll(() => {
    strict = startMock({ seed: 42, credentials: [credentials] })
  })
  afterAll(() => strict.close())

  const body = () => ({ UserPoolId: strict.cognito.pools.list()[0]!.id, Username: strict.cognito.users.list(strict.cognito.pools.list()[0]!.id)[0]!.username })

  it('accepts a request signed with the configured credentials', async () => {
    const answer = await wire('AdminListDevices', body(), { signed: true })
    expect(answer.status).toBe(200)
    expect(Array.isArray(answer.json.Devices)).toBe(true)
  })

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const headers = await sigv4Headers('AdminListDevices', body(), { keys: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: credentials.secretAccessKey } })
    const answer = await wire('AdminListDevices', body(), { headers })
    expectError(answer, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
    expect(UNRECOGNIZED_CLIENT_MESSAGE).toBe('The security token included in the request is invalid.')
  })

  it('refuses a wrong secret with the signature-mismatch message', async () => {
    const headers = await sigv4Headers('AdminListDevices', body(), { keys: { accessKeyId: credentials.accessKeyId, secretAccessKey: 'wrong-secret' } })
    expectError(await wire('AdminListDevices', body(), { headers }), 'InvalidSignatureException', SIGNATURE_MISMATCH_MESSAGE)
    expect(SIGNATURE_MISMATCH_MESSAGE).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    )
  })

  it('refuses a body changed after signing', async () => {
    const signedFor = body()
    const headers = await sigv4Headers('AdminListDevices', signedFor)
    expectError(await wire('AdminListDevices', { ...signedFor, Limit: 1 }, { headers }), 'InvalidSignatureException', SIGNATURE_MISMATCH_MESSAGE)
  })

  it('still checks the scope first', async () => {
    expectError(await wire('AdminListDevices', body(), { signed: true, region: 'eu-west-1' }), 'InvalidSignatureException', 'Credential should be scoped to a valid region. ')
  })

  it('user operations never need a signature', async () => {
    const pool = strict.cognito.pools.list()[0]!
    const user = strict.cognito.users.list(pool.id)[0]!
    const token = await strict.cognito.tokens.issue(pool.id, user.username)
    const answer = await wire('ListDevices', { AccessToken: token })
    expect(answer.status).toBe(200)
    expect(Array.isArray(answer.json.Devices)).toBe(true)
  })
})
