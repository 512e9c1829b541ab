import { fail } from '../lib/errors.ts'
import type { Scenario, ScenarioInput, ScenarioName, ScenarioOption, ScenarioRule } from './types.ts'

/**
 * The one reading of scenario input, shared by the `scenario` option, `scenarios.use()`, the URL,
 * `localStorage`, the Playwright fixture and Storybook parameters.
 */

/** A list of names or scenarios (used in turn), as opposed to a list of rules (one scenario). */
function isScenarioList(value: unknown): value is readonly (string | Scenario)[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' || (item !== null && typeof item === 'object' && 'rules' in item))
  )
}

/**
 * The uses an option stands for: a list of names or scenarios is used in turn; an empty list or `undefined`
 * is none; anything else (a name, a scenario, a rule, a list of rules) is used once.
 *
 * @example
 * scenarioUses(['slow-network', 'flaky']) // ['slow-network', 'flaky']
 * scenarioUses([{ operations: 'GetDevice', answer: 'hang' }]) // [[{ operations: 'GetDevice', answer: 'hang' }]]
 */
export function scenarioUses(option: ScenarioOption | undefined): ScenarioInput[] {
  if (option === undefined || (Array.isArray(option) && option.length === 0)) return []
  if (isScenarioList(option)) return [...option]
  return [option as ScenarioInput]
}

/**
 * One input as a scenario: a name is looked up with `byName`, a list of rules or one rule becomes an anonymous
 * scenario, named `anonymous` when given, else `rules` / `rule` (what the request log credits).
 *
 * @example
 * toScenario({ operations: 'GetDevice', answer: 'hang' }, preset) // { name: 'rule', rules: [...] }
 */
export function toScenario(input: ScenarioInput, byName: (name: string) => Scenario, anonymous?: string): Scenario {
  if (typeof input === 'string') return byName(input)
  if (Array.isArray(input)) return { name: anonymous ?? 'rules', rules: input as readonly ScenarioRule[] }
  if (input === null || typeof input !== 'object') {
    fail(`a scenario is a preset's name, a scenario ({ name, rules }), a rule or a list of rules; got ${JSON.stringify(input)}.`)
  }
  return 'rules' in input ? (input as Scenario) : { name: anonymous ?? 'rule', rules: [input as ScenarioRule] }
}

/**
 * Uses as a `scenario` option that means the same uses: names stay names (looked up when used), anything else
 * becomes a scenario (named `anonymous` when given), so that a list of rules is not mistaken for a list of uses.
 *
 * @example
 * scenarioList(['throttled', [{ operations: 'GetDevice', answer: 'hang' }]]) // ['throttled', { name: 'rules', rules: [...] }]
 */
export function scenarioList(uses: readonly ScenarioInput[], anonymous?: string): (ScenarioName | Scenario)[] {
  return uses.map((what) => (typeof what === 'string' ? what : toScenario(what, (name) => fail(`no scenario named "${name}".`), anonymous)))
}
