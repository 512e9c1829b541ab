import fc from 'fast-check'
import { afterAll, beforeAll, expect, it, vi, type MockInstance } from 'vitest'
import * as z from 'zod/mini'
import { createCognitoMock, deviceOperationNames, type CognitoMock, type DeviceOperationName, type StoreSnapshot } from '../src/index.ts'
import { isProtocolError, modeledErrors, modeledExceptionNames, statusOf, type ModeledExceptionName } from '../src/model/exceptions.ts'
import { outputSchema, shapeOf } from '../src/model/schemas.ts'
import { deviceOperations } from '../src/model/service-model.generated.ts'
import { fillMessage, messageFor } from '../src/model/messages.ts'
import type { ScenarioAnswer, ScenarioRule } from '../src/scenarios/types.ts'
import { cognitoRequest, credentials, SIGNING_DATE, withoutNow } from './support.ts'

/**
 * Whatever rules are active (random operations, matchers, modeled and unmodeled errors, custom responses with any
 * status from 200 to 599, network errors; times, sequences, probabilities; in several layers), the mock never
 * throws, and each answer is exactly one a client can read:
 * - a network error, from a rule that scripts one;
 * - a Cognito error, `__type` + message, `x-amzn-errortype`, 400 or 500, from a rule that scripts it;
 * - a custom response exactly as the rule gives it;
 * - a real answer (the store's): a 200 matching the model's output shape, or a modeled error.
 * The rule that answers is the one precedence picks, its counters move by one, and only real answers change state.
 * Requests go straight to `cognito.handle` (no MSW) for speed.
 */

const CONTENT_TYPE = 'application/x-amz-json-1.1'
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const mutating = new Set<DeviceOperationName>(['ForgetDevice', 'AdminForgetDevice', 'UpdateDeviceStatus', 'AdminUpdateDeviceStatus', 'ConfirmDevice'])

let cognito: CognitoMock
let base: StoreSnapshot
let errorSpy: MockInstance
const fx = {
  poolId: '',
  username: '',
  otherUsername: '',
  token: '',
  otherToken: '',
  ownKeys: [] as string[],
  otherKeys: [] as string[],
  pendingKeys: [] as string[],
}

beforeAll(async () => {
  cognito = createCognitoMock({ seed: 11, credentials: [credentials], world: { pools: 1, usersPerPool: 3, devicesPerUser: { min: 2, max: 5 }, deviceRemembering: ['always'] } })
  const pool = cognito.pools.list()[0]!
  const [user, other] = cognito.users.list(pool.id)
  fx.poolId = pool.id
  fx.username = user!.username
  fx.otherUsername = other!.username
  fx.token = await cognito.tokens.issue(pool.id, user!.username, { expiresIn: '30d' })
  fx.otherToken = await cognito.tokens.issue(pool.id, other!.username, { expiresIn: '30d' })
  fx.ownKeys = cognito.devices.list(pool.id, user!.username).map((d) => d.key)
  fx.otherKeys = cognito.devices.list(pool.id, other!.username).map((d) => d.key)
  fx.pendingKeys = [0, 1].map(() => cognito.devices.issueKey(pool.id, user!.username).DeviceKey)
  base = cognito.snapshot()
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterAll(() => {
  errorSpy.mockRestore()
})

// ---------------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------------

interface Call {
  operation: DeviceOperationName
  input: Record<string, unknown> | 'malformed'
}

function membersOf(operation: DeviceOperationName): string[] {
  return Object.keys(shapeOf(deviceOperations[operation].input).members ?? {})
}

function valueFor(member: string): fc.Arbitrary<unknown> {
  switch (member) {
    case 'AccessToken':
      return fc.constantFrom(fx.token, fx.token, fx.otherToken, 'garbage')
    case 'DeviceKey':
      return fc.constantFrom(...fx.ownKeys, ...fx.otherKeys, ...fx.pendingKeys, 'us-east-1_00000000-0000-4000-8000-000000000000')
    case 'UserPoolId':
      return fc.constantFrom(fx.poolId, fx.poolId, 'us-east-1_Nonexist0')
    case 'Username':
      return fc.constantFrom(fx.username, fx.username.toUpperCase(), fx.otherUsername, 'nobody')
    case 'Limit':
      return fc.integer({ min: 0, max: 61 })
    case 'PaginationToken':
      return fc.constantFrom('bad-token')
    case 'DeviceRememberedStatus':
      return fc.constantFrom('remembered', 'not_remembered')
    case 'DeviceName':
      return fc.constantFrom('nodejs', 'react-native')
    case 'DeviceSecretVerifierConfig':
      return fc.constant({ PasswordVerifier: 'cA==', Salt: 'cw==' })
    default:
      return fc.constant(undefined)
  }
}

const callArb = (): fc.Arbitrary<Call> => fc.constantFrom(...deviceOperationNames).chain((operation) =>
  fc.oneof(
    { weight: 15, arbitrary: fc.record(Object.fromEntries(membersOf(operation).map((m) => [m, valueFor(m)])), { requiredKeys: [] }).map((input) => ({ operation, input })) },
    { weight: 1, arbitrary: fc.constant({ operation, input: 'malformed' as const }) },
  ),
)

function requestFor(call: Call): Promise<Request> {
  const body = call.input === 'malformed' ? '{"AccessToken": ' : JSON.stringify(call.input)
  return cognitoRequest(call.operation, body, { raw: true, signingDate: SIGNING_DATE })
}

/** Who the call is from, as a rule's `username` sees it: the token's user, else the admin call's Username. */
function callerOf(call: Call): string | undefined {
  if (call.input === 'malformed') return undefined
  const token = call.input.AccessToken
  if (typeof token === 'string') return token === fx.token ? fx.username : token === fx.otherToken ? fx.otherUsername : undefined
  return typeof call.input.Username === 'string' ? call.input.Username : undefined
}

// ---------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------

const headerName = fc.stringMatching(/^x-[a-z0-9]{1,8}$/)
const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/)
const headersArb = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
  fc.record({ 'Content-Type': fc.constantFrom('application/json', 'text/html; charset=utf-8') }),
)
const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant(''),
)
const customArb: fc.Arbitrary<ScenarioAnswer> = fc
  .record({ status: fc.oneof(fc.integer({ min: 200, max: 599 }), fc.constantFrom(200, 204, 205, 304, 400, 500, 503)), body: bodyArb, headers: headersArb })
  .map(({ status, body, headers }) => {
    const noBody = [204, 205, 304].includes(status)
    return { status, ...(body === undefined || noBody ? {} : { body }), ...(headers === undefined ? {} : { headers }) }
  })
const messageArb = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
)

const unmodeledType = fc.oneof(fc.constantFrom(...modeledExceptionNames), fc.stringMatching(/^[A-Z][a-z]{2,10}Exception$/))
const answerArbs = new Map<string, fc.Arbitrary<ScenarioAnswer>>()

function errorArb(operations: readonly DeviceOperationName[]): fc.Arbitrary<ScenarioAnswer> {
  const common = modeledExceptionNames.filter((type) => operations.every((op) => (modeledErrors(op) as readonly string[]).includes(type)))
  const modeled = fc.record({ error: fc.constantFrom(...common), message: messageArb }).map(({ error, message }) => (message === undefined ? { error } : { error, message }))
  const unmodeled = fc
    .record({ error: unmodeledType, message: messageArb })
    .map(({ error, message }) => ({ error, unmodeled: true, ...(message === undefined ? {} : { message }) }))
  return fc.oneof({ weight: 4, arbitrary: modeled }, { weight: 1, arbitrary: unmodeled })
}

/** Built once per set of operations: building arbitraries inside `chain` on every draw is slow. */
function answerArb(operations: readonly DeviceOperationName[]): fc.Arbitrary<ScenarioAnswer> {
  const key = operations.join(',')
  let arb = answerArbs.get(key)
  if (!arb) {
    arb = fc.oneof(
      { weight: 2, arbitrary: fc.constant('real' as const) },
      { weight: 2, arbitrary: fc.constant('network-error' as const) },
      { weight: 4, arbitrary: errorArb(operations) },
      { weight: 3, arbitrary: customArb },
    )
    answerArbs.set(key, arb)
  }
  return arb
}

const operationsArb: fc.Arbitrary<DeviceOperationName | DeviceOperationName[] | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...deviceOperationNames),
  fc.subarray([...deviceOperationNames], { minLength: 1 }),
)

/** The generated rules name device operations only. */
function listed(operations: ScenarioRule['operations']): readonly DeviceOperationName[] {
  return (operations === undefined ? deviceOperationNames : typeof operations === 'string' ? [operations] : operations) as readonly DeviceOperationName[]
}

const ruleArb = (): fc.Arbitrary<ScenarioRule> => operationsArb.chain((operations) =>
  fc
    .record(
      {
        shape: fc.oneof(
          answerArb(listed(operations)).map((answer) => ({ answer })),
          fc.array(answerArb(listed(operations)), { minLength: 1, maxLength: 4 }).map((sequence) => ({ sequence })),
          fc.constant({}),
        ),
        times: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 5 }), fc.constantFrom('once' as const, 'always' as const)),
        probability: fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
        username: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(fx.username, fx.username.toUpperCase(), fx.otherUsername) }),
        deviceKey: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...fx.ownKeys.slice(0, 2)) }),
        input: fc.oneof(
          { weight: 5, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom({ DeviceRememberedStatus: 'remembered' }, { Limit: 60 }, { UserPoolId: fx.poolId }) },
        ),
        latency: fc.constantFrom(undefined, 0),
      },
      { requiredKeys: [] },
    )
    .map(({ shape, ...rest }) => {
      const rule: Record<string, unknown> = { ...shape }
      if (operations !== undefined) rule.operations = operations
      for (const [key, value] of Object.entries(rest)) if (value !== undefined) rule[key] = value
      return rule as ScenarioRule
    }),
)

/** 1–3 layers of 0–4 rules; each rule gets a unique name so the log tells which one answered. */
const layersArb = () => fc.array(fc.array(ruleArb(), { maxLength: 4 }), { minLength: 1, maxLength: 3 }).map((layers) =>
  layers.map((rules, l) => rules.map((rule, r) => ({ ...rule, name: `L${l}R${r}` }))),
)

function matches(rule: ScenarioRule, call: Call): boolean {
  if (!listed(rule.operations).includes(call.operation)) return false
  const input = call.input === 'malformed' ? undefined : call.input
  if (rule.username !== undefined) {
    const caller = callerOf(call)
    if (caller === undefined || caller.toLowerCase() !== rule.username.toLowerCase()) return false
  }
  if (rule.deviceKey !== undefined && input?.DeviceKey !== rule.deviceKey) return false
  if (rule.input !== undefined) {
    for (const [member, value] of Object.entries(rule.input)) if (JSON.stringify(input?.[member]) !== JSON.stringify(value)) return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------------
// What an answer may be
// ---------------------------------------------------------------------------------------------------

/** A Cognito error answer (WIRE §2); returns its type and message. */
function expectCognitoError(response: Response, text: string): { type: string; message: string | undefined } {
  expect(response.headers.get('content-type')).toBe(CONTENT_TYPE)
  const json = JSON.parse(text) as Record<string, unknown>
  expect(Object.keys(json).every((k) => k === '__type' || k === 'message')).toBe(true)
  const type = json.__type as string
  expect(typeof type).toBe('string')
  if ('message' in json) expect(typeof json.message).toBe('string')
  expect(response.headers.get('x-amzn-errortype')).toBe(`${type}:`)
  expect(response.status).toBe(statusOf(type))
  expect(Number(response.headers.get('content-length'))).toBe(new TextEncoder().encode(text).length)
  return { type, message: json.message as string | undefined }
}

/** The store's answer: a 200 matching the output shape, or an error the operation (or the front door) allows. */
function expectRealAnswer(call: Call, response: Response, text: string): void {
  expect(response.type).not.toBe('error')
  if (response.status === 200) {
    expect(response.headers.get('x-amzn-errortype')).toBeNull()
    const schema = outputSchema(call.operation)
    if (schema === undefined) expect(text).toBe('')
    else expect(z.safeParse(schema, JSON.parse(text)).success, `${call.operation} answered ${text.slice(0, 300)}`).toBe(true)
    return
  }
  const { type } = expectCognitoError(response, text)
  expect((modeledErrors(call.operation) as readonly string[]).includes(type) || isProtocolError(type), `${call.operation} answered ${type}`).toBe(true)
  expect(response.status).toBe(400)
}

function expectScripted(call: Call, answer: ScenarioAnswer, response: Response, text: string): void {
  if (answer === 'network-error') {
    expect(response.type).toBe('error')
    return
  }
  expect(response.type).not.toBe('error')
  if (answer === 'real' || answer === 'hang') throw new Error(`not scripted: ${answer}`)
  if ('error' in answer) {
    const { type, message } = expectCognitoError(response, text)
    expect(type).toBe(answer.error)
    const known = (modeledExceptionNames as readonly string[]).includes(answer.error)
    // A default message's `{Member}` placeholders are filled from the call's input, as the engine does.
    const input = call.input === 'malformed' ? undefined : call.input
    const expected = answer.message ?? (known ? fillMessage(messageFor(call.operation, answer.error as ModeledExceptionName).message, input) : answer.error)
    expect(message).toBe(expected)
    // Header values lose their leading and trailing blanks (Fetch normalizes them); the body keeps every character.
    if (/^[\x20-\x7e]*$/.test(expected)) expect(response.headers.get('x-amzn-errormessage') ?? '').toBe(expected.trim())
    return
  }
  expect(response.status).toBe(answer.status)
  expect(text).toBe(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body))
  const given = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  for (const [name, value] of Object.entries(given)) expect(response.headers.get(name)).toBe(value)
  if (!('content-type' in given)) expect(response.headers.get('content-type')).toBe(CONTENT_TYPE)
}

// ---------------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------------

type ActiveRule = ReturnType<CognitoMock['scenarios']['active']>[number]['rules'][number]

/** Every active rule, in precedence order (most recent layer first, then rule order). */
function precedenceOrder(): ActiveRule[] {
  return cognito.scenarios.active().flatMap((layer) => layer.rules)
}

it('random rule sets: the mock never throws, answers in a shape a client can parse, and only real answers change state', async () => {
  await fc.assert(
    fc.asyncProperty(layersArb(), fc.array(callArb(), { minLength: 1, maxLength: 10 }), async (layers, calls) => {
      cognito.restore(base)
      cognito.scenarios.clear()
      cognito.requests.clear()
      for (const rules of layers) cognito.scenarios.use(rules)

      for (const [n, call] of calls.entries()) {
        const rulesBefore = precedenceOrder()
        const before = cognito.snapshot()
        const response = await cognito.handle(await requestFor(call))
        const text = response.type === 'error' ? '' : await response.text()
        const after = cognito.snapshot()
        const rulesAfter = precedenceOrder()
        const log = cognito.requests.list()
        expect(log).toHaveLength(n + 1)
        const record = log[n]!
        expect(record.operation).toBe(call.operation)
        expect(errorSpy).not.toHaveBeenCalled()

        // The log matches the answer.
        if (response.type === 'error') {
          expect(record.status).toBe(0)
          expect(record.errorType).toBe('NetworkError')
        } else {
          expect(record.status).toBe(response.status)
          expect(response.headers.get('x-amzn-requestid')).toMatch(UUID_V4)
          expect(record.requestId).toBe(response.headers.get('x-amzn-requestid'))
        }

        // Precedence: the answering rule is the first matching, unspent rule whose draw succeeded; a rule
        // before it was passed over only if it does not match, is spent, or drew (probability < 1) and lost.
        const firing = rulesBefore.findIndex((r) => r.name === record.answeredBy)
        if (record.answeredBy !== 'store') expect(firing, `answered by unknown rule ${record.answeredBy}`).toBeGreaterThanOrEqual(0)
        const passed = firing === -1 ? rulesBefore : rulesBefore.slice(0, firing)
        for (const r of passed) {
          if (matches(r.rule, call) && r.remaining !== 0) {
            expect(r.rule.probability, `${r.name} matched, was live, and did not fire`).toBeDefined()
            expect(r.rule.probability!).toBeLessThan(1)
          }
        }
        // Counters: the firing rule moved by one, no other did.
        rulesBefore.forEach((r, i) => {
          const a = rulesAfter[i]!
          expect(a.name).toBe(r.name)
          if (i === firing) {
            expect(matches(r.rule, call)).toBe(true)
            expect(r.remaining).not.toBe(0)
            expect(r.rule.probability).not.toBe(0)
            expect(a.fired).toBe(r.fired + 1)
            expect(a.remaining).toBe(r.remaining === 'always' ? 'always' : r.remaining - 1)
          } else {
            expect(a.fired).toBe(r.fired)
            expect(a.remaining).toBe(r.remaining)
          }
        })

        // The answer, and state changes only through real answers.
        let real = true
        if (firing >= 0) {
          const { rule, fired } = rulesAfter[firing]!
          const answers = rule.sequence ?? [rule.answer ?? 'real']
          const answer = answers[Math.min(fired - 1, answers.length - 1)]!
          if (answer !== 'real') {
            real = false
            expectScripted(call, answer, response, text)
          }
        }
        if (real) expectRealAnswer(call, response, text)
        if (!real || !mutating.has(call.operation) || response.status !== 200) expect(withoutNow(after)).toEqual(withoutNow(before))
      }
    }),
    { numRuns: 200 },
  )
}, 60_000)

it('the generators reach every kind of answer (a property that never scripts would prove nothing)', () => {
  const kinds = new Set<string>()
  for (const layers of fc.sample(layersArb(), { numRuns: 300, seed: 1 })) {
    for (const rule of layers.flat()) {
      for (const answer of rule.sequence ?? [rule.answer ?? 'real']) {
        kinds.add(typeof answer === 'string' ? answer : 'error' in answer ? (answer.unmodeled ? 'unmodeled' : 'error') : `status ${Math.floor(answer.status / 100)}xx`)
      }
    }
  }
  expect([...kinds].sort()).toEqual(['error', 'network-error', 'real', 'status 2xx', 'status 3xx', 'status 4xx', 'status 5xx', 'unmodeled'])
})
