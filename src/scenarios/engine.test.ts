import { describe, expect, it } from 'vitest'
import { deviceOperationNames, modeledErrors, type DeviceOperationName } from '../model/exceptions.ts'
import { Fakers } from '../state/faker.ts'
import { streams } from '../state/seed.ts'
import { ScenarioEngine, type ScenarioCall } from './engine.ts'
import { messageFor } from '../model/messages.ts'
import { presets } from './presets.ts'
import type { Scenario, ScenarioRule } from './types.ts'

/** Unit tests of the rule engine on its own: no store, no MSW, no SDK. */

const KEY_A = 'us-east-1_aaaaaaaa-0000-4000-8000-000000000001'
const KEY_B = 'us-east-1_bbbbbbbb-0000-4000-8000-000000000002'

function engine(seed = 1, withPresets: readonly Scenario[] = presets): ScenarioEngine {
  const faker = new Fakers(seed).stream([streams.scenarios]).faker
  return new ScenarioEngine(() => faker, withPresets)
}

function call(operation: DeviceOperationName = 'ListDevices', input: Record<string, unknown> = {}, username?: string): ScenarioCall {
  return { operation, input, username }
}

/** The name of the rule that fires for `c`, or `store`. */
function who(e: ScenarioEngine, c: ScenarioCall = call()): string {
  return e.decide(c)?.ruleName ?? 'store'
}

/** What fires for `c`, summarised: `store`, `real`, `network-error`, `hang`, the error type, or `status <n>`. */
function what(e: ScenarioEngine, c: ScenarioCall = call()): string {
  const firing = e.decide(c)
  if (!firing) return 'store'
  const answer = firing.answer
  if (typeof answer === 'string') return answer
  return 'error' in answer ? answer.error : `status ${answer.status}`
}

const throttle = { error: 'TooManyRequestsException' } as const

describe('ScenarioEngine', () => {
  describe('compiling rules', () => {
    const refused: [string, ScenarioRule, RegExp][] = [
      ['status below 200', { answer: { status: 199 } }, /status must be an HTTP status from 200 to 599/],
      ['status above 599', { answer: { status: 600 } }, /status must be an HTTP status from 200 to 599/],
      ['fractional status', { answer: { status: 200.5 } }, /status must be an HTTP status/],
      ['a body on a 204', { answer: { status: 204, body: { a: 1 } } }, /204 answer has no body/],
      ['a header value no header can carry', { answer: { status: 200, headers: { 'x-a': 'line\nbreak' } } }, /headers must be a record/],
      ['times 0', { times: 0 }, /times is a whole number/],
      ['times -1', { times: -1 }, /times is a whole number/],
      ['times 1.5', { times: 1.5 }, /times is a whole number/],
      ['times "twice"', { times: 'twice' as never }, /times is a whole number/],
      ['probability 2', { probability: 2 }, /probability is a number from 0 to 1/],
      ['probability -0.1', { probability: -0.1 }, /probability is a number from 0 to 1/],
      ['probability NaN', { probability: Number.NaN }, /probability is a number from 0 to 1/],
      ['an unknown operation', { operations: 'CreateGroup' as never }, /"CreateGroup" is not a device operation/],
      ['an unknown operation in a list', { operations: ['GetDevice', 'Nope' as never] }, /"Nope" is not a device operation/],
      ['both answer and sequence', { answer: 'real', sequence: ['real'] }, /either answer or sequence, not both/],
      ['an empty sequence', { sequence: [] }, /sequence needs at least one answer/],
      ['an answer of no known kind', { answer: 'boom' as never }, /an answer is 'real', 'network-error', 'hang', \{ error \} or \{ status \}/],
      ['an answer object of no known kind', { answer: { nope: 1 } as never }, /an answer is 'real'/],
      ['an empty error type', { answer: { error: '' } }, /error must name an exception type/],
      ['a bad step in a sequence', { sequence: ['real', { status: 42 }] }, /sequence\[1\]: status must be/],
      ['a latency that is not a duration', { latency: 'soon' as never }, /"soon" is not a duration/],
      ['a negative latency', { latency: -5 }, /latency cannot be negative/],
      ['a latency setTimeout cannot wait ("30d" would fire at once)', { latency: '30d' }, /latency is at most 2147483647 ms/],
      ['an infinite latency', { latency: Number.POSITIVE_INFINITY }, /latency is at most/],
      ['a NaN latency', { latency: Number.NaN }, /latency is at most/],
      ['an error the operation does not model', { operations: 'AdminGetDevice', answer: { error: 'UserNotFoundException' } }, /AdminGetDevice does not model UserNotFoundException/],
      ['an error one of all nine does not model', { answer: { error: 'DeviceKeyExistsException' } }, /does not model DeviceKeyExistsException/],
    ]
    for (const [label, rule, message] of refused) {
      it(`refuses ${label}, with a [cognito-device-mock] error, and adds no layer`, () => {
        const e = engine()
        e.use({ name: 'kept', answer: throttle })
        const before = e.active()
        expect(() => e.use(rule)).toThrow(message)
        expect(() => e.use(rule)).toThrow(/^\[cognito-device-mock\] /)
        expect(e.active()).toEqual(before)
        expect(who(e)).toBe('kept')
      })
    }

    it('a refused rule in the middle of a list refuses the whole list, naming its position', () => {
      const e = engine()
      expect(() => e.use([{ answer: 'real' }, { answer: 'real' }, { times: 0 }])).toThrow(/rules, rule 3: times/)
      expect(e.isEmpty()).toBe(true)
    })

    it('an unmodeled error names every error the operation does model, and is accepted with unmodeled: true', () => {
      const e = engine()
      let message = ''
      try {
        e.use({ operations: 'AdminGetDevice', answer: { error: 'UserNotFoundException' } })
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^\[cognito-device-mock\] /)
      for (const type of modeledErrors('AdminGetDevice')) expect(message).toContain(type)
      expect(message).toContain('unmodeled: true')
      e.use({ operations: 'AdminGetDevice', answer: { error: 'UserNotFoundException', unmodeled: true } })
      expect(what(e, call('AdminGetDevice'))).toBe('UserNotFoundException')
    })

    it('accepts the boundaries: status 200 and 599, probability 0 and 1, times 1, latency 0 and duration strings', () => {
      const e = engine()
      expect(() =>
        e.use([
          { answer: { status: 200 } },
          { answer: { status: 599, body: 'x', headers: { 'x-custom': 'y' } } },
          { answer: { status: 204 } },
          { probability: 0 },
          { probability: 1 },
          { times: 1 },
          { latency: 0 },
          { latency: '1.5s' },
          { latency: 2_147_483_647 },
        ]),
      ).not.toThrow()
      expect(e.active()[0]!.rules).toHaveLength(9)
    })

    it('refuses a world that is not a world shape, before adding the layer', () => {
      const e = engine()
      expect(() => e.use({ name: 'bad-world', world: { devicesPerUser: { min: 3, max: 1 } }, rules: [] })).toThrow(/^\[cognito-device-mock\] scenario "bad-world": world is not a world description:\n {2}world\.devicesPerUser: min must not exceed max/)
      expect(e.isEmpty()).toBe(true)
    })
  })

  describe('presets and register', () => {
    it('knows every preset by name, and refuses unknown names listing the known ones', () => {
      const e = engine()
      expect(e.presets().map((p) => p.name)).toEqual(presets.map((p) => p.name))
      for (const preset of presets) expect(e.preset(preset.name)).toBe(preset)
      expect(() => e.preset('no-such-thing')).toThrow(/^\[cognito-device-mock\] no scenario named "no-such-thing"\. Known: happy-path, no-devices/)
      expect(() => e.use('no-such-thing')).toThrow(/no scenario named/)
      expect(e.isEmpty()).toBe(true)
    })

    it('registers a scenario usable by name, replacing one of the same name', () => {
      const e = engine(1, [])
      e.register({ name: 'my-thing', rules: [{ name: 'mine', answer: throttle }] })
      e.use('my-thing')
      expect(e.active()).toEqual([{ source: 'my-thing', rules: [{ name: 'mine', rule: { name: 'mine', answer: throttle }, fired: 0, remaining: 'always' }] }])
      expect(who(e)).toBe('mine')
      e.register({ name: 'my-thing', rules: [{ name: 'other', answer: 'network-error' }] })
      expect(e.presets()).toHaveLength(1)
      expect(e.preset('my-thing').rules[0]!.name).toBe('other')
    })

    for (const name of ['', 'Slow', 'slow network', '-slow', 'slow_network', 42 as never, undefined as never]) {
      it(`refuses the name ${JSON.stringify(name)}`, () => {
        const e = engine(1, [])
        expect(() => e.register({ name, rules: [] })).toThrow(/^\[cognito-device-mock\] a scenario needs a name in kebab-case/)
        expect(e.presets()).toEqual([])
      })
    }

    it('refuses bad rules, bad worlds and missing rules at registration, naming the scenario and rule', () => {
      const e = engine(1, [])
      expect(() => e.register({ name: 'bad', rules: [{ answer: 'real' }, { probability: 2 }] })).toThrow(/^\[cognito-device-mock\] scenario "bad", rule 2: probability/)
      expect(() => e.register({ name: 'bad', rules: [], world: { pools: -1 } })).toThrow(/^\[cognito-device-mock\] scenario "bad": world is not a world description:\n {2}world\.pools/)
      expect(() => e.register({ name: 'bad' } as never)).toThrow(/^\[cognito-device-mock\] scenario "bad" needs a list of rules/)
      expect(e.presets()).toEqual([])
    })

    it('use() returns the scenario, so the caller sees its world', () => {
      const e = engine()
      expect(e.use('no-devices').world).toEqual({ devicesPerUser: { min: 0, max: 0 } })
      expect(e.use({ answer: 'real' }).name).toBe('rule')
      expect(e.use([{ answer: 'real' }]).name).toBe('rules')
      expect(e.active().map((l) => l.source)).toEqual(['rules', 'rule', 'no-devices'])
    })
  })

  describe('matching', () => {
    it('operations: a name, a list, or all nine by default', () => {
      const e = engine()
      e.use([
        { name: 'one', operations: 'GetDevice' },
        { name: 'two', operations: ['ListDevices', 'AdminListDevices'] },
        { name: 'all' },
      ])
      expect(who(e, call('GetDevice'))).toBe('one')
      expect(who(e, call('ListDevices'))).toBe('two')
      expect(who(e, call('AdminListDevices'))).toBe('two')
      for (const op of deviceOperationNames.filter((o) => !['GetDevice', 'ListDevices', 'AdminListDevices'].includes(o))) expect(who(e, call(op))).toBe('all')
    })

    it('an empty operations list is refused: it could never fire', () => {
      const e = engine()
      expect(() => e.use({ operations: [], answer: throttle })).toThrow(/^\[cognito-device-mock\] .*operations is empty/)
      expect(() => e.use({ probability: '0.5' as never })).toThrow(/probability is a number from 0 to 1/)
      expect(e.isEmpty()).toBe(true)
    })

    it('username: case-insensitive; a call with no known user does not match', () => {
      const e = engine()
      e.use({ name: 'alice', username: 'Alice', answer: throttle })
      expect(who(e, call('ListDevices', {}, 'alice'))).toBe('alice')
      expect(who(e, call('ListDevices', {}, 'ALICE'))).toBe('alice')
      expect(who(e, call('ListDevices', {}, 'bob'))).toBe('store')
      expect(who(e, call('ListDevices', {}, undefined))).toBe('store')
    })

    it('deviceKey: exact', () => {
      const e = engine()
      e.use({ name: 'a', deviceKey: KEY_A, answer: throttle })
      expect(who(e, call('GetDevice', { DeviceKey: KEY_A }))).toBe('a')
      expect(who(e, call('GetDevice', { DeviceKey: KEY_B }))).toBe('store')
      expect(who(e, call('GetDevice', { DeviceKey: KEY_A.toUpperCase() }))).toBe('store')
      expect(who(e, call('ListDevices', {}))).toBe('store')
      expect(who(e, { operation: 'GetDevice', input: undefined, username: undefined })).toBe('store')
    })

    it('input: every listed member must equal (deep, as JSON), others are free', () => {
      const e = engine()
      e.use({ name: 'forget', input: { DeviceRememberedStatus: 'not_remembered', Limit: 5, Nested: { a: [1, 2] } }, answer: throttle })
      const matching = { DeviceRememberedStatus: 'not_remembered', Limit: 5, Nested: { a: [1, 2] }, Other: 'x' }
      expect(who(e, call('UpdateDeviceStatus', matching))).toBe('forget')
      expect(who(e, call('UpdateDeviceStatus', { ...matching, Limit: '5' }))).toBe('store')
      expect(who(e, call('UpdateDeviceStatus', { ...matching, Nested: { a: [2, 1] } }))).toBe('store')
      expect(who(e, call('UpdateDeviceStatus', { ...matching, DeviceRememberedStatus: 'remembered' }))).toBe('store')
      const { Limit: _limit, ...missing } = matching
      expect(who(e, call('UpdateDeviceStatus', missing))).toBe('store')
    })

    it('all conditions together', () => {
      const e = engine()
      e.use({ name: 'narrow', operations: 'GetDevice', username: 'alice', deviceKey: KEY_A, input: { Extra: true }, answer: throttle })
      expect(who(e, call('GetDevice', { DeviceKey: KEY_A, Extra: true }, 'alice'))).toBe('narrow')
      expect(who(e, call('AdminGetDevice', { DeviceKey: KEY_A, Extra: true }, 'alice'))).toBe('store')
      expect(who(e, call('GetDevice', { DeviceKey: KEY_A, Extra: true }, 'bob'))).toBe('store')
      expect(who(e, call('GetDevice', { DeviceKey: KEY_B, Extra: true }, 'alice'))).toBe('store')
      expect(who(e, call('GetDevice', { DeviceKey: KEY_A, Extra: false }, 'alice'))).toBe('store')
    })
  })

  describe('precedence', () => {
    it('the layer used last wins where both match; the older one still answers where only it matches', () => {
      const e = engine()
      e.use({ name: 'old', answer: throttle })
      e.use({ name: 'new', operations: 'GetDevice', answer: 'network-error' })
      expect(who(e, call('GetDevice'))).toBe('new')
      expect(who(e, call('ListDevices'))).toBe('old')
      expect(e.active().map((l) => l.source)).toEqual(['rule', 'rule'])
      expect(e.active()[0]!.rules[0]!.name).toBe('new')
    })

    it('inside a layer the first matching rule wins', () => {
      const e = engine()
      e.use([
        { name: 'first', operations: 'ListDevices', answer: throttle },
        { name: 'second', answer: 'network-error' },
      ])
      expect(who(e, call('ListDevices'))).toBe('first')
      expect(who(e, call('GetDevice'))).toBe('second')
      expect(e.active()[0]!.rules.map((r) => r.fired)).toEqual([1, 1])
    })

    it('a spent rule lets the next one try, in its layer and then in older layers, then the store', () => {
      const e = engine()
      e.use({ name: 'bottom', times: 1, answer: 'network-error' })
      e.use([
        { name: 'top-1', times: 'once', answer: throttle },
        { name: 'top-2', times: 2, answer: { error: 'InternalErrorException' } },
      ])
      expect([who(e), who(e), who(e), who(e), who(e)]).toEqual(['top-1', 'top-2', 'top-2', 'bottom', 'store'])
    })

    it('clear() removes every layer', () => {
      const e = engine()
      e.use('throttled')
      e.use('offline')
      expect(e.isEmpty()).toBe(false)
      e.clear()
      expect(e.isEmpty()).toBe(true)
      expect(e.active()).toEqual([])
      expect(who(e)).toBe('store')
    })

    it('a scenario with no rules is a layer (not empty) that lets everything through', () => {
      const e = engine()
      e.use('happy-path')
      expect(e.isEmpty()).toBe(false)
      expect(who(e)).toBe('store')
    })
  })

  describe('counters and sequences', () => {
    it('times: a number, once, always (default); active() reports fired and remaining', () => {
      const e = engine()
      e.use([
        { name: 'three', operations: 'GetDevice', times: 3, answer: throttle },
        { name: 'once', operations: 'ListDevices', times: 'once', answer: throttle },
        { name: 'always', operations: 'ForgetDevice', times: 'always', answer: throttle },
        { name: 'default', operations: 'ConfirmDevice', answer: throttle },
      ])
      const report = () => e.active()[0]!.rules.map((r) => [r.name, r.fired, r.remaining])
      expect(report()).toEqual([['three', 0, 3], ['once', 0, 1], ['always', 0, 'always'], ['default', 0, 'always']])
      for (let i = 0; i < 5; i++) {
        what(e, call('GetDevice'))
        what(e, call('ListDevices'))
        what(e, call('ForgetDevice'))
      }
      expect(report()).toEqual([['three', 3, 0], ['once', 1, 0], ['always', 5, 'always'], ['default', 0, 'always']])
      expect(what(e, call('GetDevice'))).toBe('store')
      expect(what(e, call('ListDevices'))).toBe('store')
      expect(what(e, call('ForgetDevice'))).toBe('TooManyRequestsException')
    })

    it('a sequence answers in turn, one per firing, then is spent', () => {
      const e = engine()
      e.use({ name: 'seq', sequence: [throttle, 'network-error', { status: 418 }, 'real'] })
      expect(e.active()[0]!.rules[0]!.remaining).toBe(4)
      expect([what(e), what(e), what(e), what(e), what(e)]).toEqual(['TooManyRequestsException', 'network-error', 'status 418', 'real', 'store'])
      expect(e.active()[0]!.rules[0]).toMatchObject({ fired: 4, remaining: 0 })
    })

    it('a sequence with times beyond its length repeats its last answer; with fewer, stops early', () => {
      const e = engine()
      e.use({ operations: 'GetDevice', sequence: [throttle, 'network-error'], times: 'always' })
      e.use({ operations: 'ListDevices', sequence: [throttle, 'network-error', { status: 500 }], times: 1 })
      expect([1, 2, 3, 4].map(() => what(e, call('GetDevice')))).toEqual(['TooManyRequestsException', 'network-error', 'network-error', 'network-error'])
      expect([1, 2].map(() => what(e, call('ListDevices')))).toEqual(['TooManyRequestsException', 'store'])
    })

    it("a 'real' answer counts as a firing (it advances its sequence and spends its times)", () => {
      const e = engine()
      e.use({ name: 'real-once', answer: 'real', times: 1 })
      e.use({ name: 'steps', operations: 'GetDevice', sequence: ['real', throttle] })
      expect(what(e, call('GetDevice'))).toBe('real')
      expect(what(e, call('GetDevice'))).toBe('TooManyRequestsException')
      expect(e.active()[0]!.rules[0]).toMatchObject({ fired: 2, remaining: 0 })
      e.decide(call('ListDevices'))
      expect(e.active()[1]!.rules[0]).toMatchObject({ fired: 1, remaining: 0 })
    })

    it('latency is reported in milliseconds, on real and scripted answers alike', () => {
      const e = engine()
      e.use([
        { operations: 'GetDevice', answer: 'real', latency: '2.5s' },
        { operations: 'ListDevices', answer: throttle, latency: 40 },
        { operations: 'ForgetDevice', answer: 'hang', latency: '1m' },
      ])
      expect(e.decide(call('GetDevice'))).toEqual({ answer: 'real', latencyMs: 2500, ruleName: 'rules, rule 1' })
      expect(e.decide(call('ListDevices'))?.latencyMs).toBe(40)
      expect(e.decide(call('ForgetDevice'))).toEqual({ answer: 'hang', latencyMs: 60_000, ruleName: 'rules, rule 3' })
    })

    it('a rule without a name is named after its scenario and position', () => {
      const e = engine()
      e.use({ name: 'two-rules', rules: [{ operations: 'GetDevice' , answer: throttle }, { answer: throttle }] })
      expect(e.active()[0]!.rules.map((r) => r.name)).toEqual(['two-rules, rule 1', 'two-rules, rule 2'])
      expect(who(e, call('ListDevices'))).toBe('two-rules, rule 2')
    })
  })

  describe('error answers', () => {
    it('carry the catalogue message of the operation, unless a message is given', () => {
      const e = engine()
      e.use([
        { operations: ['ListDevices', 'AdminListDevices', 'AdminGetDevice'], answer: { error: 'ResourceNotFoundException' } },
        { operations: 'GetDevice', answer: { error: 'TooManyRequestsException', message: 'Slow down, please' } },
      ])
      expect(e.decide(call('ListDevices'))?.answer).toEqual({ error: 'ResourceNotFoundException', message: 'Device does not exist.' })
      expect(e.decide(call('AdminGetDevice'))?.answer).toEqual({ error: 'ResourceNotFoundException', message: messageFor('AdminGetDevice', 'ResourceNotFoundException').message })
      expect(e.decide(call('AdminListDevices'))?.answer).toEqual({ error: 'ResourceNotFoundException', message: messageFor('AdminListDevices', 'ResourceNotFoundException').message })
      expect(messageFor('AdminListDevices', 'ResourceNotFoundException').message).toMatch(/^User pool .* does not exist\.$/)
      // The real message names the pool the call names: the template is filled from the input.
      expect(e.decide(call('AdminListDevices', { UserPoolId: 'us-east-1_AbC123' }))?.answer).toEqual({ error: 'ResourceNotFoundException', message: 'User pool us-east-1_AbC123 does not exist.' })
      expect(e.decide(call('GetDevice'))?.answer).toEqual({ error: 'TooManyRequestsException', message: 'Slow down, please' })
    })

    it('an unmodeled error keeps the catalogue message of its type; a type outside the catalogue is its own message', () => {
      const e = engine()
      e.use([
        { operations: 'AdminGetDevice', answer: { error: 'UserNotFoundException', unmodeled: true } },
        { operations: 'GetDevice', answer: { error: 'LimitExceededException', unmodeled: true } },
      ])
      expect(e.decide(call('AdminGetDevice'))?.answer).toEqual({ error: 'UserNotFoundException', message: 'User does not exist.' })
      expect(e.decide(call('GetDevice'))?.answer).toEqual({ error: 'LimitExceededException', message: 'LimitExceededException' })
    })
  })

  describe('probability', () => {
    it('0 never fires (and never counts), 1 always fires', () => {
      const e = engine()
      e.use([
        { name: 'never', operations: 'GetDevice', probability: 0, answer: throttle },
        { name: 'always', operations: 'ListDevices', probability: 1, answer: throttle },
      ])
      for (let i = 0; i < 200; i++) {
        expect(who(e, call('GetDevice'))).toBe('store')
        expect(who(e, call('ListDevices'))).toBe('always')
      }
      expect(e.active()[0]!.rules.map((r) => r.fired)).toEqual([0, 200])
    })

    it('a failed draw lets the next rule try, and spends nothing', () => {
      const e = engine(5)
      e.use([
        { name: 'maybe', probability: 0.5, times: 1000, answer: 'network-error' },
        { name: 'fallback', answer: throttle },
      ])
      const names = Array.from({ length: 400 }, () => who(e))
      const maybe = names.filter((n) => n === 'maybe').length
      expect(names.filter((n) => n === 'fallback').length).toBe(400 - maybe)
      // 400 fair draws: a count outside 120–280 would be a broken draw, not bad luck (the seed is fixed anyway).
      expect(maybe).toBeGreaterThan(120)
      expect(maybe).toBeLessThan(280)
      expect(e.active()[0]!.rules.map((r) => [r.fired, r.remaining])).toEqual([[maybe, 1000 - maybe], [400 - maybe, 'always']])
    })

    it('draws from the seeded source: the same seed replays the same firings, another seed does not', () => {
      const run = (seed: number) => {
        const e = engine(seed)
        e.use('flaky')
        return Array.from({ length: 60 }, () => what(e)).join(',')
      }
      expect(run(3)).toBe(run(3))
      expect(run(3)).not.toBe(run(4))
      expect(run(3)).toMatch(/network-error/)
      expect(run(3)).toMatch(/TooManyRequestsException/)
      expect(run(3)).toMatch(/store/)
    })

    it('the random source is read when a draw is needed, through the given function', () => {
      let reads = 0
      const faker = new Fakers(9).stream([streams.scenarios]).faker
      const e = new ScenarioEngine(() => {
        reads++
        return faker
      }, [])
      e.use([{ operations: 'GetDevice', probability: 0.5 }, { operations: 'ListDevices' }])
      e.decide(call('ListDevices'))
      expect(reads).toBe(0)
      e.decide(call('GetDevice'))
      expect(reads).toBe(1)
    })
  })
})
