import type { Faker } from '@faker-js/faker'
import {
  authOperationNames,
  deviceOperationNames,
  isModeledError,
  modeledErrors,
  operationNames,
  type OperationName,
} from '../model/exceptions.ts'
import { toMilliseconds } from '../state/clock.ts'
import { checkWorld } from '../state/world-spec.ts'
import { fillMessage, messageFor } from '../model/messages.ts'
import { fail, reason } from '../lib/errors.ts'
import { toScenario } from './input.ts'
import type { Scenario, ScenarioAnswer, ScenarioInput, ScenarioRule } from './types.ts'

/** One call as the engine sees it: enough to match rules, nothing that needs the store. */
export interface ScenarioCall {
  operation: OperationName
  input: Record<string, unknown> | undefined
  username: string | undefined
}

/**
 * What a firing rule decided. `'real'` means the store answers, but the rule still fired: it counts, it
 * stops rules below it, and the request log credits it.
 */
export interface Firing {
  answer: Exclude<ScenarioAnswer, { error: string }> | { error: string; message: string }
  latencyMs: number
  ruleName: string
}

/** One active scenario as `scenarios.active()` shows it: its rules with their firings so far and left. */
export interface ActiveLayer {
  source: string
  rules: { name: string; rule: ScenarioRule; fired: number; remaining: number | 'always' }[]
}

interface ActiveRule {
  rule: ScenarioRule
  name: string
  operations: ReadonlySet<OperationName>
  answers: readonly ScenarioAnswer[]
  /** Firings left; Infinity for `always`. */
  remaining: number
  fired: number
  latencyMs: number
}

interface Layer {
  source: string
  rules: ActiveRule[]
}

// ---------------------------------------------------------------------------------------------------
// Checking rules
// ---------------------------------------------------------------------------------------------------

function checkAnswer(answer: ScenarioAnswer, operations: ReadonlySet<OperationName>, where: string): void {
  if (answer === 'real' || answer === 'network-error' || answer === 'hang') return
  if (answer === null || typeof answer !== 'object') {
    fail(`${where}: an answer is 'real', 'network-error', 'hang', { error } or { status }, got ${JSON.stringify(answer)}.`)
  }
  if ('error' in answer) {
    if (typeof answer.error !== 'string' || answer.error === '') fail(`${where}: error must name an exception type.`)
    if (!answer.unmodeled) {
      for (const operation of operations) {
        if (!isModeledError(operation, answer.error)) {
          fail(
            `${where}: ${operation} does not model ${answer.error} (it models ${modeledErrors(operation).join(', ')}). ` +
              'Restrict the rule\'s operations, or set unmodeled: true to answer it anyway.',
          )
        }
      }
    }
    return
  }
  if ('status' in answer) {
    if (!Number.isInteger(answer.status) || answer.status < 200 || answer.status > 599) fail(`${where}: status must be an HTTP status from 200 to 599.`)
    if ([204, 205, 304].includes(answer.status) && answer.body !== undefined && answer.body !== '') fail(`${where}: a ${answer.status} answer has no body.`)
    try {
      new Headers(answer.headers)
    } catch (error) {
      fail(`${where}: headers must be a record of valid HTTP header names and values (${(error as Error).message}).`)
    }
    return
  }
  fail(`${where}: an answer is 'real', 'network-error', 'hang', { error } or { status }, got ${JSON.stringify(answer)}.`)
}

function compile(rule: ScenarioRule, where: string): ActiveRule {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) fail(`${where}: a rule is an object, got ${JSON.stringify(rule)}.`)
  // Rules apply to the nine device operations unless they name sign-in operations.
  const listed: OperationName[] =
    rule.operations === undefined ? deviceOperationNames : typeof rule.operations === 'string' ? [rule.operations] : [...rule.operations]
  for (const operation of listed) {
    if (!operationNames.includes(operation)) {
      fail(`${where}: "${operation}" is not a device operation (${deviceOperationNames.join(', ')}) nor another operation the mock answers (${authOperationNames.join(', ')}).`)
    }
  }
  if (listed.length === 0) fail(`${where}: operations is empty, so the rule could never fire; leave it out to match every operation.`)
  const operations = new Set(listed)
  if (rule.answer !== undefined && rule.sequence !== undefined) fail(`${where}: give either answer or sequence, not both.`)
  const answers = rule.sequence ?? [rule.answer ?? 'real']
  if (answers.length === 0) fail(`${where}: a sequence needs at least one answer.`)
  answers.forEach((answer, i) => checkAnswer(answer, operations, rule.sequence ? `${where}, sequence[${i}]` : where))
  let remaining: number
  if (rule.times === undefined) remaining = rule.sequence ? answers.length : Infinity
  else if (rule.times === 'always') remaining = Infinity
  else if (rule.times === 'once') remaining = 1
  else if (Number.isInteger(rule.times) && rule.times > 0) remaining = rule.times
  else fail(`${where}: times is a whole number ≥ 1, 'once' or 'always', got ${JSON.stringify(rule.times)}.`)
  if (rule.probability !== undefined && !(typeof rule.probability === 'number' && rule.probability >= 0 && rule.probability <= 1)) {
    fail(`${where}: probability is a number from 0 to 1, got ${JSON.stringify(rule.probability)}.`)
  }
  let latencyMs = 0
  if (rule.latency !== undefined) {
    try {
      latencyMs = toMilliseconds(rule.latency)
    } catch (error) {
      fail(`${where}: ${reason(error)}`)
    }
    if (latencyMs < 0) fail(`${where}: latency cannot be negative.`)
    // setTimeout fires at once (after 1 ms) past 2^31 - 1 ms: a '30d' latency would answer immediately.
    if (!(latencyMs <= 2_147_483_647)) fail(`${where}: latency is at most 2147483647 ms (about 24 days); use 'hang' for never.`)
  }
  const name = rule.name ?? `${where}`
  return { rule, name, operations, answers, remaining, fired: 0, latencyMs }
}

function matches(active: ActiveRule, call: ScenarioCall): boolean {
  const { rule } = active
  if (!active.operations.has(call.operation)) return false
  if (rule.username !== undefined) {
    const username = call.username
    if (username === undefined || username.toLowerCase() !== rule.username.toLowerCase()) return false
  }
  if (rule.deviceKey !== undefined && call.input?.DeviceKey !== rule.deviceKey) return false
  if (rule.input !== undefined) {
    for (const [member, value] of Object.entries(rule.input)) {
      if (JSON.stringify(call.input?.[member]) !== JSON.stringify(value)) return false
    }
  }
  return true
}

// ---------------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------------

/**
 * The active scenarios, as layers. Precedence: the layer used last wins; inside a layer, the first rule
 * that matches wins. A rule whose probability draw fails, or that is spent, lets the next one try. No
 * rule firing means the store answers.
 */
export class ScenarioEngine {
  readonly #presets = new Map<string, Scenario>()
  #layers: Layer[] = []
  readonly #random: () => Faker

  constructor(random: () => Faker, presets: readonly Scenario[]) {
    this.#random = random
    for (const preset of presets) this.register(preset)
  }

  register(scenario: Scenario): void {
    if (!scenario || typeof scenario.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(scenario.name)) {
      fail(`a scenario needs a name in kebab-case (e.g. "slow-network"), got ${JSON.stringify(scenario?.name)}.`)
    }
    if (!Array.isArray(scenario.rules)) fail(`scenario "${scenario.name}" needs a list of rules (may be empty).`)
    scenario.rules.forEach((rule, i) => compile(rule, `scenario "${scenario.name}", rule ${i + 1}`))
    if (scenario.world !== undefined) checkWorld(scenario.world, `scenario "${scenario.name}"`)
    this.#presets.set(scenario.name, scenario)
  }

  preset(name: string): Scenario {
    return this.#presets.get(name) ?? fail(`no scenario named "${name}". Known: ${[...this.#presets.keys()].join(', ')}.`)
  }

  presets(): Scenario[] {
    return [...this.#presets.values()]
  }

  /** Adds a layer on top; returns the scenario it came from (for its world). */
  use(what: ScenarioInput, prepare?: (scenario: Scenario) => void): Scenario {
    const scenario = toScenario(what, (name) => this.preset(name))
    const source = scenario.name
    const rules = scenario.rules.map((rule, i) => compile(rule, `${source}, rule ${i + 1}`))
    // Checked before the layer is pushed: a bad world must leave both the rules and the store as they were.
    if (scenario.world !== undefined) checkWorld(scenario.world, `scenario "${scenario.name}"`)
    // What may still refuse the scenario (its world, grown) runs before the layer is pushed, for the same reason.
    prepare?.(scenario)
    this.#layers.push({ source, rules })
    return scenario
  }

  /** No layer at all: the store answers everything. */
  clear(): void {
    this.#layers = []
  }

  /** No layer at all: the pipeline skips the engine. */
  isEmpty(): boolean {
    return this.#layers.length === 0
  }

  /** What is active, most recent layer first, with each rule's firings so far and firings left. */
  active(): ActiveLayer[] {
    return [...this.#layers].reverse().map((layer) => ({
      source: layer.source,
      rules: layer.rules.map((r) => ({ name: r.name, rule: r.rule, fired: r.fired, remaining: r.remaining === Infinity ? 'always' : r.remaining })),
    }))
  }

  /** Which rule answers `call`, if any; counts the firing. */
  decide(call: ScenarioCall): Firing | undefined {
    for (let l = this.#layers.length - 1; l >= 0; l--) {
      for (const active of this.#layers[l]!.rules) {
        if (active.remaining <= 0 || !matches(active, call)) continue
        if (active.rule.probability !== undefined && !this.#random().datatype.boolean(active.rule.probability)) continue
        const answer = active.answers[Math.min(active.fired, active.answers.length - 1)]!
        active.fired++
        active.remaining--
        if (answer === 'real' && active.latencyMs === 0) return { answer, latencyMs: 0, ruleName: active.name }
        if (typeof answer === 'object' && 'error' in answer) {
          const known = messageFor(call.operation, answer.error)
          const message = answer.message ?? (known ? fillMessage(known.message, call.input) : answer.error)
          return { answer: { error: answer.error, message }, latencyMs: active.latencyMs, ruleName: active.name }
        }
        return { answer, latencyMs: active.latencyMs, ruleName: active.name }
      }
    }
    return undefined
  }
}
