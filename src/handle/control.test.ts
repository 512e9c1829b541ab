import { describe, expect, it } from 'vitest'
import { createCognitoMock } from '../mock.ts'
import { scenarioList } from '../scenarios/input.ts'
import { CONTROL_KEYS, parseScenarioValue, readStartupSettings, scenarioControl } from './control.ts'

const storage = (value: string | null) => ({ getItem: (key: string) => (key === CONTROL_KEYS.storageKey ? value : null) })

describe('readStartupSettings', () => {
  it('reads preset names and a numeric seed from the URL', () => {
    expect(readStartupSettings('?cognito-scenario=slow-network,flaky&cognito-seed=7')).toEqual({ scenarios: ['slow-network', 'flaky'], seed: 7, signIn: [] })
  })

  it('keeps a non-numeric seed as a string', () => {
    expect(readStartupSettings('?cognito-seed=demo').seed).toBe('demo')
  })

  it('falls back to localStorage, and the URL wins over it', () => {
    const stored = storage(JSON.stringify({ scenario: 'offline', seed: 3 }))
    expect(readStartupSettings('', stored)).toEqual({ scenarios: ['offline'], seed: 3, signIn: [] })
    expect(readStartupSettings('?cognito-scenario=throttled', stored)).toEqual({ scenarios: ['throttled'], seed: 3, signIn: [] })
    expect(readStartupSettings('?cognito-seed=9', stored)).toEqual({ scenarios: ['offline'], seed: 9, signIn: [] })
  })

  it('accepts rules as JSON, in the URL and in storage', () => {
    const rule = { operations: 'ListDevices', answer: { error: 'TooManyRequestsException' }, times: 2 }
    expect(readStartupSettings(`?cognito-scenario=${encodeURIComponent(JSON.stringify([rule]))}`).scenarios).toEqual([[rule]])
    expect(readStartupSettings('', storage(JSON.stringify({ scenario: [rule] }))).scenarios).toEqual([[rule]])
  })

  it('says what is wrong with unreadable settings', () => {
    expect(() => readStartupSettings('', storage('{nope'))).toThrow(/\[cognito-device-mock\] localStorage\["cognito-device-mock"\] is not JSON/)
    expect(() => parseScenarioValue('[{')).toThrow(/neither preset names nor valid JSON/)
  })

  it('reads sign-ins from ?cognito-sign-in= (a username or JSON) and from the stored settings, checked', () => {
    expect(readStartupSettings('?cognito-sign-in=ada').signIn).toEqual([{ username: 'ada' }])
    const json = encodeURIComponent(JSON.stringify({ username: 'ada', device: 'remembered', storage: 'cookie' }))
    expect(readStartupSettings(`?cognito-sign-in=${json}`).signIn).toEqual([{ username: 'ada', device: 'remembered', storage: 'cookie' }])
    expect(readStartupSettings('', storage(JSON.stringify({ signIn: ['ada', { username: 'bob', poolId: 'p' }] }))).signIn).toEqual([
      { username: 'ada' },
      { username: 'bob', poolId: 'p' },
    ])
    expect(() => readStartupSettings('?cognito-sign-in={"user":"ada"}')).toThrow(/URL parameter cognito-sign-in: unknown option "user"/)
    expect(() => readStartupSettings('', storage(JSON.stringify({ signIn: [{ username: 'ada', storage: 'indexedDB' }] })))).toThrow(
      /signIn\[0\]: storage must be one of "localStorage", "sessionStorage", "cookie", got "indexedDB"/,
    )
    expect(() => readStartupSettings('?cognito-sign-in={nope')).toThrow(/neither a username nor valid JSON/)
  })

  it('reads nothing from an empty page', () => {
    expect(readStartupSettings('', storage(null))).toEqual({ scenarios: [], signIn: [] })
    expect(parseScenarioValue('  ')).toEqual([])
  })
})

describe('scenarioControl', () => {
  it('drives the same engine as the handle, with plain functions', async () => {
    const cognito = createCognitoMock({ seed: 42, world: { pools: 1, usersPerPool: 1, devicesPerUser: { min: 1, max: 1 } } })
    const control = scenarioControl(cognito)
    expect(control.presets().map((p) => p.name)).toContain('throttled')
    control.use('offline')
    expect(control.active()[0]?.source).toBe('offline')
    const answer = await cognito.handle(
      new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
        body: '{"AccessToken":"x"}',
      }),
    )
    expect(answer.type).toBe('error')
    expect(control.requests().map((r) => [r.operation, r.answeredBy, r.status])).toEqual([['ListDevices', 'offline', 0]])
    control.clearRequests()
    expect(control.requests()).toEqual([])
    control.clear()
    expect(control.active()).toEqual([])
  })

  it('reset() returns to the initial scenarios given as a list', () => {
    const cognito = createCognitoMock({ seed: 1, scenario: ['slow-network', 'throttled'] })
    expect(cognito.scenarios.active().map((layer) => layer.source)).toEqual(['throttled', 'slow-network'])
    cognito.scenarios.clear()
    expect(cognito.scenarios.active()).toEqual([])
    cognito.reset()
    expect(cognito.scenarios.active().map((layer) => layer.source)).toEqual(['throttled', 'slow-network'])
  })

  it('scenarios.reset() goes back to the initial scenario, as MSW\'s resetHandlers(); clear() leaves none; the state is kept', () => {
    const cognito = createCognitoMock({ seed: 1, scenario: 'throttled' })
    const [pool] = cognito.pools.list()
    const user = cognito.users.create(pool!.id, { username: 'kept' })
    cognito.scenarios.use('offline')
    expect(cognito.scenarios.active().map((layer) => layer.source)).toEqual(['offline', 'throttled'])
    cognito.scenarios.reset()
    expect(cognito.scenarios.active().map((layer) => layer.source)).toEqual(['throttled'])
    cognito.scenarios.clear()
    expect(cognito.scenarios.active()).toEqual([])
    expect(cognito.users.get(pool!.id, user.username)).toBeDefined()
    // The window control has the same verbs: clear, resetScenarios (scenarios.reset) and reset (cognito.reset).
    const control = scenarioControl(cognito)
    control.use('offline')
    control.resetScenarios()
    expect(control.active().map((layer) => layer.source)).toEqual(['throttled'])
    control.clear()
    expect(control.active()).toEqual([])
    control.reset()
    expect(control.active().map((layer) => layer.source)).toEqual(['throttled'])
    expect(cognito.users.get(pool!.id, user.username)).toBeUndefined()
  })

  it('a list of rules from the URL or storage starts as one scenario of those rules, not as one catch-all rule', async () => {
    const rules = [
      { name: 'slow get', operations: 'GetDevice', answer: { error: 'TooManyRequestsException' } },
      { name: 'lost list', operations: 'ListDevices', answer: 'network-error' },
    ]
    const settings = readStartupSettings(`?cognito-scenario=${encodeURIComponent(JSON.stringify(rules))}`)
    const cognito = createCognitoMock({ seed: 1, scenario: scenarioList(settings.scenarios) })
    expect(cognito.scenarios.active()).toMatchObject([{ source: 'rules', rules: [{ name: 'slow get' }, { name: 'lost list' }] }])
    expect(() => cognito.scenarios.use([rules] as never)).toThrow(/a rule is an object/)
  })
})
