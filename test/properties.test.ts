import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import * as z from 'zod/mini'
import { fidelity } from '../src/fidelity.ts'
import { createCognitoMock, deviceOperationNames, type CognitoMock, type DeviceOperationName, type StoreSnapshot } from '../src/index.ts'
import { isProtocolError, modeledErrors, statusOf } from '../src/model/exceptions.ts'
import { outputSchema } from '../src/model/schemas.ts'
import { allOperationNames } from '../src/model/service-model.generated.ts'
import { credentials, ENDPOINT, signHeaders, SIGNING_DATE, withoutNow } from './support.ts'

/**
 * Whatever arrives, the mock answers like Cognito: a 200 that matches the model's output shape, or an error
 * the model (or the AWS JSON front door) allows, never a 500, never a throw, never a console.error, and a
 * refused request leaves the state exactly as it was. Requests go straight to `cognito.handle` for speed.
 */

const PREFIX = 'AWSCognitoIdentityProviderService.'
const CONTENT_TYPE = 'application/x-amz-json-1.1'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const STRANGER = { accessKeyId: 'AKIDSTRANGER0000000', secretAccessKey: 'not-known-to-the-mock' }

const adminOperations = deviceOperationNames.filter((op) => op.startsWith('Admin'))
const userOperations = deviceOperationNames.filter((op) => !op.startsWith('Admin'))
const mutating = new Set<DeviceOperationName>([
  'ForgetDevice',
  'AdminForgetDevice',
  'UpdateDeviceStatus',
  'AdminUpdateDeviceStatus',
  'ConfirmDevice',
])

// ---------------------------------------------------------------------------------------------------
// The mock under test
// ---------------------------------------------------------------------------------------------------

let cognito: CognitoMock
let base: StoreSnapshot
let errorSpy: MockInstance
const fx = {
  poolId: '',
  username: '',
  token: '',
  expiredToken: '',
  noScopeToken: '',
  ownKeys: [] as string[],
  otherKeys: [] as string[],
  pendingKeys: [] as string[],
  otherUsername: '',
}

beforeAll(async () => {
  cognito = createCognitoMock({ seed: 7, credentials: [credentials], world: { pools: 1, usersPerPool: 4, devicesPerUser: { min: 3, max: 8 } } })
  const pool = cognito.pools.list()[0]!
  const [user, other] = cognito.users.list(pool.id)
  fx.poolId = pool.id
  fx.username = user!.username
  fx.otherUsername = other!.username
  fx.token = await cognito.tokens.issue(pool.id, user!.username, { expiresIn: '1d' })
  fx.expiredToken = await cognito.tokens.issue(pool.id, user!.username, { expiresIn: 1 })
  fx.noScopeToken = await cognito.tokens.issue(pool.id, user!.username, { scope: 'openid email', expiresIn: '1d' })
  fx.ownKeys = cognito.devices.list(pool.id, user!.username).map((d) => d.key)
  fx.otherKeys = cognito.devices.list(pool.id, other!.username).map((d) => d.key)
  fx.pendingKeys = [0, 1, 2].map(() => cognito.devices.issueKey(pool.id, user!.username).DeviceKey)
  cognito.clock.advance('1s')
  base = cognito.snapshot()
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  cognito.restore(base)
})

afterAll(() => {
  errorSpy.mockRestore()
})

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

type Auth = 'signed' | 'stranger' | 'tampered' | 'unsigned'

interface Spec {
  method: string
  target: string | undefined
  contentType: string | undefined
  body: string
  auth: Auth
}

async function build(spec: Spec): Promise<Request> {
  const url = new URL(ENDPOINT)
  let headers: Record<string, string> = {}
  if (spec.target !== undefined) headers['x-amz-target'] = spec.target
  if (spec.contentType !== undefined) headers['content-type'] = spec.contentType
  const hasBody = spec.method !== 'GET' && spec.method !== 'HEAD'
  let body = hasBody ? spec.body : undefined
  if (spec.auth !== 'unsigned') {
    headers = await signHeaders(headers, body ?? '', { method: spec.method, keys: spec.auth === 'stranger' ? STRANGER : credentials, signingDate: SIGNING_DATE })
    if (spec.auth === 'tampered' && hasBody) body = `${body} `
  }
  return new Request(url, { method: spec.method, headers, ...(body === undefined ? {} : { body }) })
}

interface Outcome {
  status: number
  type: string | undefined
  message: string | undefined
  json: unknown
  text: string
}

/**
 * Sends the request and checks everything that must hold of any answer. `named` is the device operation the
 * request names once the front door has read it, if any.
 */
async function send(spec: Spec): Promise<Outcome & { named: DeviceOperationName | undefined }> {
  const request = await build(spec)
  const target = request.headers.get('x-amz-target') ?? ''
  const name = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : ''
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const frontDoorOk = request.method === 'POST' && mediaType === CONTENT_TYPE && (allOperationNames as readonly string[]).includes(name)
  const named = frontDoorOk && (deviceOperationNames as readonly string[]).includes(name) ? (name as DeviceOperationName) : undefined

  const before = cognito.snapshot()
  const response = await cognito.handle(request)
  const text = await response.text()
  const after = cognito.snapshot()

  expect(errorSpy).not.toHaveBeenCalled()
  expect(response.headers.get('content-type')).toBe(CONTENT_TYPE)
  expect(response.headers.get('x-amzn-requestid')).toMatch(UUID)
  expect(Number(response.headers.get('content-length'))).toBe(new TextEncoder().encode(text).length)
  expect(after.now).toBeGreaterThan(before.now)

  if (response.status === 200) {
    expect(named, `200 for a request naming ${JSON.stringify(target)} as ${JSON.stringify(mediaType)}`).toBeDefined()
    expect(response.headers.get('x-amzn-errortype')).toBeNull()
    const schema = outputSchema(named!)
    if (schema === undefined) {
      expect(text).toBe('')
    } else {
      const json = JSON.parse(text)
      const parsed = z.safeParse(schema, json)
      expect(parsed.success, `${named} answered ${text.slice(0, 500)}`).toBe(true)
    }
    if (!mutating.has(named!)) expect(withoutNow(after)).toEqual(withoutNow(before))
    return { status: 200, type: undefined, message: undefined, json: text ? JSON.parse(text) : undefined, text, named }
  }

  // An error: never a 500 unscripted, always the wire shape of WIRE §2.
  expect([400, 501]).toContain(response.status)
  const json = JSON.parse(text) as Record<string, unknown>
  expect(Object.keys(json).every((k) => k === '__type' || k === 'message')).toBe(true)
  const type = json.__type as string
  expect(typeof type).toBe('string')
  if ('message' in json) expect(typeof json.message).toBe('string')
  expect(response.headers.get('x-amzn-errortype')).toBe(`${type}:`)
  expect(response.status).toBe(statusOf(type))
  if (typeof json.message === 'string' && /^[\x20-\x7e]*$/.test(json.message)) {
    // The header copy of a long message may be cut; the body keeps all of it.
    const header = response.headers.get('x-amzn-errormessage') ?? ''
    expect(json.message.startsWith(header)).toBe(true)
    if (json.message.length <= 8192) expect(header.length).toBe(json.message.length)
    else expect(header.length).toBeGreaterThan(0)
  }
  if (!frontDoorOk) {
    expect(json).toEqual({ __type: 'UnknownOperationException' })
  } else if (named === undefined) {
    expect(type).toBe('CognitoDeviceMock#NotImplemented')
    expect(response.status).toBe(501)
  } else {
    expect(
      (modeledErrors(named) as readonly string[]).includes(type) || isProtocolError(type),
      `${named} answered ${type}`,
    ).toBe(true)
    expect(type).not.toBe('InternalErrorException')
  }
  // A refused request changes nothing but the clock.
  expect(withoutNow(after)).toEqual(withoutNow(before))
  return { status: response.status, type, message: json.message as string | undefined, json, text, named }
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 })

const oddPieces = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '😀', '👩‍👩‍👧‍👦', '🏳️‍🌈', '\u202E', '\u200F', 'שלום', 'مرحبا', '\u0000', '\u0001', '\u001F',
  '\u007F', 'e\u0301', 'a\u0308\u0323', '\uFEFF', '\u2028', '\u2029', '\u200B', '\uFFFD', '\uFFFF', '"', '\\', '\n', '\t', ' ', '_', '-',
]
const oddString = fc
  .array(fc.oneof(fc.constantFrom(...oddPieces), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''))

const hugeString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '\uD800', '0', ' ', 'us-east-1_', 'Ab3-', '\u0000'), fc.integer({ min: 1_000, max: 200_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length))

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: oddString, weight: 3 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.constantFrom(0, -1, 60, 61, 1.5, -0, 2 ** 31, 2 ** 53, 1e300, -1e300, Number.MIN_VALUE), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), weight: 1 },
)

/** Valid-looking values for each member, drawn from the fixture (lazy: the fixture exists only after beforeAll). */
function validValue(member: string): fc.Arbitrary<unknown> {
  switch (member) {
    case 'AccessToken':
      return fc.constantFrom(fx.token, fx.token, fx.expiredToken, fx.noScopeToken, 'garbage', `${fx.token}x`)
    case 'DeviceKey':
      return fc.constantFrom(...fx.ownKeys, ...fx.otherKeys, ...fx.pendingKeys, 'us-east-1_00000000-0000-4000-8000-000000000000')
    case 'UserPoolId':
      return fc.constantFrom(fx.poolId, fx.poolId, 'us-east-1_Nonexist0', 'eu-west-1_AbCdEfGhI')
    case 'Username':
      return fc.constantFrom(fx.username, fx.username.toUpperCase(), fx.otherUsername, 'nobody')
    case 'Limit':
      return fc.integer({ min: 0, max: 60 })
    case 'PaginationToken':
      return fc.constantFrom('WzEsIngiXQ.AAAAAAAAAAAAAAAAAAAAAAAA', 'x', 'not-a-token')
    case 'DeviceRememberedStatus':
      return fc.constantFrom('remembered', 'not_remembered')
    case 'DeviceName':
      return fc.oneof(fc.constantFrom('nodejs', 'react-native'), fc.string({ minLength: 1, maxLength: 40 }))
    case 'DeviceSecretVerifierConfig':
      return fc.record({ PasswordVerifier: fc.base64String({ maxLength: 40 }), Salt: fc.base64String({ maxLength: 24 }) }, { requiredKeys: [] })
    default:
      return fc.constant(undefined)
  }
}

const membersOf: Record<DeviceOperationName, readonly string[]> = {
  GetDevice: ['DeviceKey', 'AccessToken'],
  AdminGetDevice: ['DeviceKey', 'UserPoolId', 'Username'],
  ListDevices: ['AccessToken', 'Limit', 'PaginationToken'],
  AdminListDevices: ['UserPoolId', 'Username', 'Limit', 'PaginationToken'],
  ForgetDevice: ['AccessToken', 'DeviceKey'],
  AdminForgetDevice: ['UserPoolId', 'Username', 'DeviceKey'],
  UpdateDeviceStatus: ['AccessToken', 'DeviceKey', 'DeviceRememberedStatus'],
  AdminUpdateDeviceStatus: ['UserPoolId', 'Username', 'DeviceKey', 'DeviceRememberedStatus'],
  ConfirmDevice: ['AccessToken', 'DeviceKey', 'DeviceSecretVerifierConfig', 'DeviceName'],
}

/** A body for `op`: each model member absent, valid-looking or weird, plus now and then members the model lacks. */
function memberBody(op: DeviceOperationName, weirdness: number): fc.Arbitrary<Record<string, unknown>> {
  const members = membersOf[op]
  return fc
    .tuple(
      fc.tuple(
        ...members.map((m) =>
          fc.oneof(
            { arbitrary: validValue(m), weight: 8 },
            { arbitrary: weirdValue, weight: weirdness },
            { arbitrary: fc.constant(undefined), weight: 1 },
          ),
        ),
      ),
      fc.oneof(
        { arbitrary: fc.constant({}), weight: 6 },
        { arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'accessToken', 'toString'), fc.string({ maxLength: 10 })), weirdValue, { maxKeys: 2 }), weight: 1 },
      ),
    )
    .map(([values, extra]) => {
      const body: Record<string, unknown> = {}
      members.forEach((m, i) => {
        if (values[i] !== undefined) body[m] = values[i]
      })
      // Extra members go first, so that a "__proto__" key is a real JSON member, not an assignment.
      return { ...extra, ...body }
    })
}

/** JSON text of a body, keeping `__proto__` as an own member. */
function jsonText(body: Record<string, unknown>): string {
  const entries = Object.entries(body).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
  return `{${entries.join(',')}}`
}

const notJson = fc.oneof(
  fc.constantFrom('{', '}', '{"AccessToken":', '[1,', "{'a':1}", 'undefined', 'NaN', '{"Limit":NaN}', '{"a":1}}', 'nul', 'tru', '{"a":1,}', '\u0000', '\uD800{}', '{"a" 1}', '0x10', '.5', '+1', '{"a":"\\x"}', '01'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  oddString,
)

function nearMiss(op: DeviceOperationName): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      `${PREFIX}${op.toLowerCase()}`,
      `${PREFIX.toLowerCase()}${op}`,
      `${PREFIX}${op}s`,
      `${PREFIX}${op.slice(0, -1)}`,
      `${PREFIX}${op} `,
      ` ${PREFIX}${op}`,
      `${PREFIX}.${op}`,
      `${PREFIX}${op}.${op}`,
      `AWSCognitoIdentityService.${op}`,
      `AWSCognitoIdentityProviderService${op}`,
      `${PREFIX}`,
      op,
      `${PREFIX}AdminAddUserToGroup`,
      `${PREFIX}CreateGroup`,
      `${PREFIX}constructor`,
      `${PREFIX}__proto__`,
      `${PREFIX}toString`,
      `${PREFIX}hasOwnProperty`,
    ),
    fc.tuple(fc.nat(op.length - 1), fc.integer({ min: 0x21, max: 0x7e })).map(([i, c]) => `${PREFIX}${op.slice(0, i)}${String.fromCharCode(c)}${op.slice(i + 1)}`),
    fc.constantFrom(...deviceOperationNames).map((other) => `${PREFIX}${other}`),
  )
}

const contentTypes = fc.oneof(
  { arbitrary: fc.constant(CONTENT_TYPE), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      'application/x-amz-json-1.1; charset=utf-8',
      'APPLICATION/X-AMZ-JSON-1.1',
      'application/x-amz-json-1.0',
      'application/json',
      'application/x-amz-json-1.1x',
      'text/plain',
      '',
      'application/x-amz-json-1',
      'multipart/form-data; boundary=x',
    ),
    weight: 3,
  },
  { arbitrary: printable, weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
)

function authFor(op: DeviceOperationName): fc.Arbitrary<Auth> {
  return op.startsWith('Admin')
    ? fc.oneof({ arbitrary: fc.constant<Auth>('signed'), weight: 6 }, { arbitrary: fc.constantFrom<Auth>('stranger', 'tampered', 'unsigned'), weight: 2 })
    : fc.oneof({ arbitrary: fc.constant<Auth>('unsigned'), weight: 6 }, { arbitrary: fc.constantFrom<Auth>('signed', 'stranger'), weight: 1 })
}

const anyOperation = fc.constantFrom(...deviceOperationNames)

// ---------------------------------------------------------------------------------------------------
// Properties: anything goes in, a Cognito answer comes out
// ---------------------------------------------------------------------------------------------------

describe('any request gets a Cognito answer and leaves the state alone when refused', () => {
  it('arbitrary targets, content types, methods, credentials and bodies at every operation', async () => {
    const spec = anyOperation.chain((op) =>
      fc.record({
        method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 12 }, { arbitrary: fc.constantFrom('PUT', 'GET', 'DELETE', 'PATCH'), weight: 1 }),
        target: fc.oneof(
          { arbitrary: fc.constant(`${PREFIX}${op}`), weight: 8 },
          { arbitrary: nearMiss(op), weight: 2 },
          { arbitrary: printable, weight: 1 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        ),
        contentType: contentTypes,
        body: fc.oneof(
          { arbitrary: memberBody(op, 2).map(jsonText), weight: 8 },
          { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 2 },
          { arbitrary: notJson, weight: 2 },
          { arbitrary: fc.constantFrom('', ' ', '\n\t'), weight: 1 },
        ),
        auth: authFor(op),
      }),
    )
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        try {
          await send(s)
        } finally {
          cognito.restore(base)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('exact front-door answers: near-miss targets and wrong content types are UnknownOperationException', async () => {
    const spec = anyOperation.chain((op) =>
      fc.oneof(
        fc.record({ op: fc.constant(op), target: nearMiss(op), contentType: fc.constant<string | undefined>(CONTENT_TYPE) }),
        fc.record({ op: fc.constant(op), target: fc.constant(`${PREFIX}${op}`), contentType: contentTypes.filter((c) => c !== CONTENT_TYPE) }),
      ),
    )
    await fc.assert(
      fc.asyncProperty(spec, async ({ op, target, contentType }) => {
        const outcome = await send({ method: 'POST', target, contentType, body: jsonText({ AccessToken: fx.token }), auth: 'signed' })
        const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
        if (mediaType !== CONTENT_TYPE) expect(outcome.json).toEqual({ __type: 'UnknownOperationException' })
        else if (target.trim() === `${PREFIX}${op}`) expect(outcome.named).toBe(op)
        else if (outcome.named === undefined) {
          expect(['UnknownOperationException', 'CognitoDeviceMock#NotImplemented']).toContain(outcome.type)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('SigV4 on admin operations: unsigned, unknown key and tampered body are refused before the body is read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...adminOperations).chain((op) => fc.tuple(fc.constant(op), memberBody(op, 1).map(jsonText), fc.constantFrom<Auth>('unsigned', 'stranger', 'tampered'))),
        async ([op, body, auth]) => {
          const outcome = await send({ method: 'POST', target: `${PREFIX}${op}`, contentType: CONTENT_TYPE, body, auth })
          const expected = { unsigned: 'MissingAuthenticationTokenException', stranger: 'UnrecognizedClientException', tampered: 'InvalidSignatureException' }[
            auth as 'unsigned' | 'stranger' | 'tampered'
          ]
          expect(outcome.type).toBe(expected)
          if (auth === 'unsigned') expect(outcome.message).toBe(fidelity.missingAuthentication.message)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('bodies that are not JSON are a SerializationException (after SigV4 on admin operations)', async () => {
    await fc.assert(
      fc.asyncProperty(anyOperation, notJson, async (op, body) => {
        const outcome = await send({ method: 'POST', target: `${PREFIX}${op}`, contentType: CONTENT_TYPE, body, auth: op.startsWith('Admin') ? 'signed' : 'unsigned' })
        let parses = true
        try {
          // What the server reads: UTF-8 text, a leading BOM dropped, lone surrogates replaced.
          const received = new TextDecoder().decode(new TextEncoder().encode(body))
          if (received.trim() !== '') JSON.parse(received)
        } catch {
          parses = false
        }
        if (!parses) {
          expect(outcome.type).toBe('SerializationException')
          expect(outcome.message).toBe(fidelity.serialization.malformedJson)
        } else {
          expect(outcome.status).not.toBe(200)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a signed body that starts with a UTF-8 BOM verifies, and its JSON is read past the BOM', async () => {
    const body = `\uFEFF${JSON.stringify({ UserPoolId: fx.poolId, Username: fx.username, Limit: 2 })}`
    const outcome = await send({ method: 'POST', target: `${PREFIX}AdminListDevices`, contentType: CONTENT_TYPE, body, auth: 'signed' })
    expect(outcome.status, outcome.text).toBe(200)
    expect((outcome.json as any).Devices).toHaveLength(2)
    const tampered = await send({ method: 'POST', target: `${PREFIX}AdminListDevices`, contentType: CONTENT_TYPE, body, auth: 'tampered' })
    expect(tampered.type).toBe('InvalidSignatureException')
  })

  it('arbitrary JSON values as the whole body', async () => {
    await fc.assert(
      fc.asyncProperty(anyOperation, fc.jsonValue(), async (op, value) => {
        const outcome = await send({
          method: 'POST',
          target: `${PREFIX}${op}`,
          contentType: CONTENT_TYPE,
          body: JSON.stringify(value),
          auth: op.startsWith('Admin') ? 'signed' : 'unsigned',
        })
        if (value === null || typeof value !== 'object') {
          expect(outcome.type).toBe('SerializationException')
        } else if (Array.isArray(value)) {
          expect(outcome).toMatchObject({ type: 'SerializationException', message: fidelity.serialization.startOfList })
        } else {
          expect(outcome.status).toBe(400)
          expect(['InvalidParameterException', 'SerializationException']).toContain(outcome.type)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('members of the wrong JSON type are a SerializationException, with valid credentials', async () => {
    const wrongFor = (member: string): fc.Arbitrary<unknown> => {
      const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }))
      if (member === 'Limit') {
        return fc.oneof(
          fc.string(),
          fc.boolean(),
          fc.constantFrom(1.5, -0.25, 2 ** 31, -(2 ** 31) - 1, 1e300, 2 ** 53),
          fc.array(fc.integer(), { maxLength: 2 }),
          fc.constant({}),
        )
      }
      if (member === 'DeviceSecretVerifierConfig') {
        return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.record({ Salt: notString }))
      }
      return notString
    }
    const spec = anyOperation.chain((op) =>
      fc.tuple(
        fc.constant(op),
        memberBody(op, 0),
        fc.constantFrom(...membersOf[op]).chain((member) => fc.tuple(fc.constant(member), wrongFor(member))),
      ),
    )
    await fc.assert(
      fc.asyncProperty(spec, async ([op, body, [member, wrong]]) => {
        const outcome = await send({
          method: 'POST',
          target: `${PREFIX}${op}`,
          contentType: CONTENT_TYPE,
          body: jsonText({ ...body, [member]: wrong }),
          auth: op.startsWith('Admin') ? 'signed' : 'unsigned',
        })
        expect(outcome.type, `${op}.${member} = ${JSON.stringify(wrong)}`).toBe('SerializationException')
        expect(outcome.message).toMatch(/^(?:(?:STRING|NUMBER|BOOLEAN)_VALUE can not be converted to an? (?:String|Integer|Structure)|Start of (?:list|structure or map) found where not expected\.)$/)
      }),
      { numRuns: 400 },
    )
  })

  it('huge strings and odd Unicode in every member, with and without a valid token', async () => {
    const spec = anyOperation.chain((op) =>
      fc.tuple(
        fc.constant(op),
        memberBody(op, 0),
        fc.constantFrom(...membersOf[op]),
        fc.oneof(hugeString, oddString),
        fc.boolean(),
      ),
    )
    await fc.assert(
      fc.asyncProperty(spec, async ([op, body, member, value, keepToken]) => {
        const patched: Record<string, unknown> = { ...body, [member]: value }
        if (!keepToken) delete patched.AccessToken
        const outcome = await send({
          method: 'POST',
          target: `${PREFIX}${op}`,
          contentType: CONTENT_TYPE,
          body: jsonText(patched),
          auth: op.startsWith('Admin') ? 'signed' : 'unsigned',
        })
        // A string where the model wants a number or a structure is a type error, which wins over everything.
        const stringMember = member !== 'Limit' && member !== 'DeviceSecretVerifierConfig'
        if (!stringMember) expect(outcome.type).toBe('SerializationException')
        if (userOperations.includes(op) && !keepToken && member !== 'AccessToken' && stringMember) {
          expect(outcome.type).toBe('InvalidParameterException')
          expect(outcome.message).toContain(`Value at 'accessToken' failed to satisfy constraint: Member must not be null`)
        }
        const max = ({ DeviceKey: 55, UserPoolId: 55, Username: 128, DeviceName: 1024 } as Record<string, number>)[member]
        // Lengths count code points (Smithy's rule), not UTF-16 units; lone surrogates arrive as U+FFFD.
        if (max !== undefined && [...value].length > max) {
          expect(outcome.type).toBe('InvalidParameterException')
          expect(outcome.message).toContain(` failed to satisfy constraint: Member must have length less than or equal to ${max}`)
        }
        if (outcome.type === 'InvalidParameterException' && (member === 'AccessToken' || member === 'Username') && value.length > 20) {
          expect(outcome.message!.includes(value)).toBe(false)
        }
      }),
      { numRuns: 250 },
    )
  })
})

// ---------------------------------------------------------------------------------------------------
// Properties of valid requests: the model's invariants
// ---------------------------------------------------------------------------------------------------

describe('valid requests keep the model invariants', () => {
  const STATUS = ['remembered', 'not_remembered'] as const

  async function json(mock: CognitoMock, op: DeviceOperationName, body: object): Promise<any> {
    const response = await mock.handle(
      await build({ method: 'POST', target: `${PREFIX}${op}`, contentType: CONTENT_TYPE, body: JSON.stringify(body), auth: op.startsWith('Admin') ? 'signed' : 'unsigned' }),
    )
    const text = await response.text()
    expect(response.status, text).toBe(200)
    return text ? JSON.parse(text) : undefined
  }

  async function walk(mock: CognitoMock, op: 'ListDevices' | 'AdminListDevices', body: object, limit: number, between?: (page: number) => Promise<void>) {
    const pages: any[][] = []
    let token: string | undefined
    do {
      const answer = await json(mock, op, { ...body, Limit: limit, ...(token ? { PaginationToken: token } : {}) })
      pages.push(answer.Devices)
      token = answer.PaginationToken
      if (token !== undefined) expect(answer.Devices.length).toBe(limit === 0 ? fidelity.defaultListLimit : limit)
      if (token && between) await between(pages.length)
    } while (token)
    return pages
  }

  it('ListDevices never returns a not-remembered device, and returns every remembered one, in order', async () => {
    const mock = createCognitoMock({ seed: 11, credentials: [credentials], world: { pools: 1, usersPerPool: 3, devicesPerUser: { min: 5, max: 30 } } })
    const pool = mock.pools.list()[0]!
    const users = mock.users.list(pool.id)
    const tokens = await Promise.all(users.map((u) => mock.tokens.issue(pool.id, u.username, { expiresIn: '1d' })))
    const start = mock.snapshot()
    const action = fc.oneof(
      fc.record({ kind: fc.constant('update' as const), user: fc.nat(users.length - 1), device: fc.nat(40), status: fc.constantFrom(...STATUS), admin: fc.boolean() }),
      fc.record({ kind: fc.constant('list' as const), user: fc.nat(users.length - 1), limit: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ kind: fc.constant('get' as const), user: fc.nat(users.length - 1), device: fc.nat(40) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        mock.restore(start)
        for (const a of actions) {
          const user = users[a.user]!
          const devices = mock.devices.list(pool.id, user.username)
          if (a.kind === 'update') {
            const device = devices[a.device % devices.length]!
            if (a.admin) {
              await json(mock, 'AdminUpdateDeviceStatus', { UserPoolId: pool.id, Username: user.username, DeviceKey: device.key, DeviceRememberedStatus: a.status })
            } else {
              await json(mock, 'UpdateDeviceStatus', { AccessToken: tokens[a.user], DeviceKey: device.key, DeviceRememberedStatus: a.status })
            }
            expect(mock.devices.get(pool.id, user.username, device.key)!.rememberedStatus).toBe(a.status)
          } else if (a.kind === 'get') {
            const device = devices[a.device % devices.length]!
            const response = await mock.handle(
              await build({ method: 'POST', target: `${PREFIX}GetDevice`, contentType: CONTENT_TYPE, body: JSON.stringify({ AccessToken: tokens[a.user], DeviceKey: device.key }), auth: 'unsigned' }),
            )
            const body = await response.json()
            if (device.rememberedStatus === 'remembered') {
              expect(response.status).toBe(200)
              expect(body.Device.DeviceKey).toBe(device.key)
            } else {
              expect(response.status).toBe(400)
              expect(body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' })
            }
          } else {
            const listed = (await walk(mock, 'ListDevices', { AccessToken: tokens[a.user] }, a.limit)).flat()
            const expected = devices.filter((d) => d.rememberedStatus === 'remembered').map((d) => d.key)
            expect(listed.map((d: any) => d.DeviceKey)).toEqual(expected)
            for (const d of listed) {
              expect(mock.devices.get(pool.id, user.username, d.DeviceKey)!.rememberedStatus).toBe('remembered')
              expect(d.DeviceAttributes.map((x: any) => x.Name)).not.toContain('dev:device_remembered_status')
            }
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('AdminListDevices pages partition the user’s devices, for every limit 0–60 (non-ASCII usernames too)', async () => {
    const mock = createCognitoMock({ seed: 12, credentials: [credentials], world: { pools: 1, usersPerPool: 2, devicesPerUser: { min: 0, max: 12 } } })
    const pool = mock.pools.list()[0]!
    for (const [username, count] of [['José.Müller', 75], ['李雷', 130], ['big.user', 121]] as const) {
      mock.users.create(pool.id, { username })
      for (let i = 0; i < count; i++) mock.devices.create(pool.id, username, { rememberedStatus: i % 3 === 0 ? 'not_remembered' : 'remembered' })
    }
    const users = mock.users.list(pool.id)
    const start = mock.snapshot()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...users.map((u) => u.username)), fc.integer({ min: 0, max: 60 }), async (username, limit) => {
        mock.restore(start)
        const pages = await walk(mock, 'AdminListDevices', { UserPoolId: pool.id, Username: username }, limit)
        const keys = pages.flat().map((d: any) => d.DeviceKey)
        expect(keys).toEqual(mock.devices.list(pool.id, username).map((d) => d.key))
        expect(new Set(keys).size).toBe(keys.length)
        const size = limit === 0 ? fidelity.defaultListLimit : limit
        for (const page of pages.slice(0, -1)) expect(page.length).toBe(size)
        expect(pages[pages.length - 1]!.length).toBeLessThanOrEqual(size)
        if (keys.length > 0) expect(pages[pages.length - 1]!.length).toBeGreaterThan(0)
      }),
      { numRuns: 200 },
    )
  })

  it('a paginated walk with devices forgotten and confirmed between pages: no duplicates, no device that stayed is missed', async () => {
    const mock = createCognitoMock({ seed: 13, credentials: [credentials], world: { pools: 1, usersPerPool: 1, devicesPerUser: { min: 0, max: 0 } } })
    const pool = mock.pools.list()[0]!
    const user = mock.users.list(pool.id)[0]!
    for (let i = 0; i < 40; i++) mock.devices.create(pool.id, user.username, { rememberedStatus: 'remembered' })
    const token = await mock.tokens.issue(pool.id, user.username, { expiresIn: '1d' })
    const start = mock.snapshot()
    const change = fc.record({ forget: fc.array(fc.nat(60), { maxLength: 3 }), confirm: fc.nat(2) })
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 15 }), fc.array(change, { minLength: 1, maxLength: 20 }), fc.boolean(), async (limit, changes, admin) => {
        mock.restore(start)
        const initial = mock.devices.list(pool.id, user.username).map((d) => d.key)
        const forgotten = new Set<string>()
        const added = new Set<string>()
        const pages = await walk(
          mock,
          admin ? 'AdminListDevices' : 'ListDevices',
          admin ? { UserPoolId: pool.id, Username: user.username } : { AccessToken: token },
          limit,
          async (page) => {
            // Changes between the first pages only, so that the walk ends even when more devices come than go.
            const c = changes[page - 1]
            if (!c) return
            const current = mock.devices.list(pool.id, user.username)
            for (const i of c.forget) {
              const victim = current[i % current.length]
              if (victim && !forgotten.has(victim.key)) {
                await json(mock, 'ForgetDevice', { AccessToken: token, DeviceKey: victim.key })
                forgotten.add(victim.key)
              }
            }
            for (let n = 0; n < c.confirm; n++) {
              const { DeviceKey } = mock.devices.issueKey(pool.id, user.username)
              const answer = await json(mock, 'ConfirmDevice', { AccessToken: token, DeviceKey, DeviceName: 'nodejs' })
              expect(answer).toEqual({ UserConfirmationNecessary: true })
              await json(mock, 'UpdateDeviceStatus', { AccessToken: token, DeviceKey, DeviceRememberedStatus: 'remembered' })
              added.add(DeviceKey)
            }
          },
        )
        const keys = pages.flat().map((d: any) => d.DeviceKey)
        expect(new Set(keys).size).toBe(keys.length)
        for (const key of initial) if (!forgotten.has(key)) expect(keys).toContain(key)
        for (const key of keys) expect(initial.includes(key) || added.has(key)).toBe(true)
        // Devices added during the walk come after every device that was there before it.
        const firstAdded = keys.findIndex((k: string) => added.has(k))
        if (firstAdded >= 0) expect(keys.slice(firstAdded).every((k: string) => added.has(k))).toBe(true)
        // A device confirmed during the walk is listed: it is newer than any cursor.
        for (const key of added) if (!forgotten.has(key)) expect(keys).toContain(key)
        expect(mock.devices.list(pool.id, user.username)).toHaveLength(initial.length - forgotten.size + added.size)
      }),
      { numRuns: 150 },
    )
  })

  it('valid reads of the user’s own devices always answer 200 with the model’s shape; other users’ keys never do', async () => {
    const own = () => fc.constantFrom(...fx.ownKeys)
    await fc.assert(
      fc.asyncProperty(fc.oneof(own(), fc.constantFrom(...fx.otherKeys)), fc.constantFrom<DeviceOperationName>('AdminGetDevice', 'GetDevice', 'UpdateDeviceStatus', 'AdminUpdateDeviceStatus'), async (key, op) => {
        const body = op.startsWith('Admin') ? { UserPoolId: fx.poolId, Username: fx.username, DeviceKey: key } : { AccessToken: fx.token, DeviceKey: key }
        const outcome = await send({ method: 'POST', target: `${PREFIX}${op}`, contentType: CONTENT_TYPE, body: JSON.stringify(body), auth: op.startsWith('Admin') ? 'signed' : 'unsigned' })
        const device = cognito.devices.get(fx.poolId, fx.username, key)
        if (!fx.ownKeys.includes(key)) {
          expect(outcome).toMatchObject({ type: 'ResourceNotFoundException', message: 'Device does not exist.' })
        } else if (op === 'GetDevice' && device!.rememberedStatus !== 'remembered') {
          expect(outcome.type).toBe('ResourceNotFoundException')
        } else {
          expect(outcome.status).toBe(200)
        }
        cognito.restore(base)
      }),
      { numRuns: 200 },
    )
  })
})

// ---------------------------------------------------------------------------------------------------
// Nesting
// ---------------------------------------------------------------------------------------------------

describe('deeply nested JSON', () => {
  it('nesting beyond fidelity.jsonMaxDepth, anywhere in the body, is a 400 SerializationException, never a 500', async () => {
    const limit = fidelity.jsonMaxDepth
    const depth = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: limit - 3, max: limit + 3 }))
    const kinds = fc.array(fc.constantFrom('array', 'object'), { minLength: 1, maxLength: 4 })
    const place = fc.constantFrom('whole body', 'known member', 'unknown member')
    const leaf = fc.constantFrom('1', '"x"', 'null', 'true', '"[{"')
    await fc.assert(
      fc.asyncProperty(anyOperation, depth, kinds, place, leaf, async (op, levels, pattern, where, scalar) => {
        const opens: string[] = []
        const closes: string[] = []
        for (let i = 0; i < levels; i++) {
          const array = pattern[i % pattern.length] === 'array'
          opens.push(array ? '[' : '{"k":')
          closes.push(array ? ']' : '}')
        }
        const deep = `${opens.join('')}${scalar}${closes.reverse().join('')}`
        const base = op.startsWith('Admin')
          ? { UserPoolId: fx.poolId, Username: fx.username, DeviceKey: fx.ownKeys[0]! }
          : { AccessToken: fx.token, DeviceKey: fx.ownKeys[0]! }
        const members = Object.entries(base).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
        if (where === 'known member') members[0] = `${members[0]!.split(':')[0]}:${deep}`
        if (where === 'unknown member') members.push(`"Extra":${deep}`)
        const body = where === 'whole body' ? deep : `{${members.join(',')}}`
        const total = where === 'whole body' ? levels : levels + 1

        const outcome = await send({ method: 'POST', target: `${PREFIX}${op}`, contentType: CONTENT_TYPE, body, auth: op.startsWith('Admin') ? 'signed' : 'unsigned' })
        expect(outcome.status).not.toBe(500)
        if (total > limit) {
          expect(outcome).toMatchObject({ status: 400, type: 'SerializationException', message: fidelity.serialization.malformedJson })
        }
      }),
      { numRuns: 150 },
    )
  })
})
