import type { PresetName } from './presets.ts'
import type { OperationName } from '../model/exceptions.ts'
import type { Duration } from '../state/clock.ts'
import type { WorldOptions } from '../state/world-spec.ts'

/**
 * What a rule answers with. Plain JSON, so a rule travels unchanged through a URL, `localStorage`, a
 * Playwright test or a Storybook story.
 * - `'real'`: the stateful store answers (the default);
 * - `{ error }`: a modeled exception of the operation, with Cognito's message unless `message` is given;
 *   `unmodeled: true` allows a type the model does not list for the operation;
 * - `'network-error'`: the request fails like a dropped connection;
 * - `'hang'`: the request never gets an answer;
 * - `{ status, body, headers }`: exactly this response.
 */
export type ScenarioAnswer =
  | 'real'
  | 'network-error'
  | 'hang'
  | { error: string; message?: string; unmodeled?: boolean }
  | { status: number; body?: unknown; headers?: Record<string, string> }

export interface ScenarioRule {
  /** Shown in the request log as the rule that answered. */
  name?: string
  /**
   * Which operations the rule applies to (default: all nine). A rule may also name the sign-in operations
   * (`InitiateAuth`, `RespondToAuthChallenge`, …); they are matched only when named.
   */
  operations?: OperationName | readonly OperationName[]
  /** Only calls for this user (the access token's `username`, or the admin call's `Username`; case-insensitive). */
  username?: string
  /** Only calls naming this device key. */
  deviceKey?: string
  /** Only calls whose input members equal these values (e.g. `{ DeviceRememberedStatus: 'remembered' }`). */
  input?: Record<string, unknown>
  /** The answer each time the rule fires (default `'real'`). */
  answer?: ScenarioAnswer
  /** Answers in turn, one per firing, e.g. throttle, throttle, then `'real'`; the rule is spent after the last. */
  sequence?: readonly ScenarioAnswer[]
  /** How many times the rule fires: a number, `'once'`, or `'always'` (default; a sequence's length for a sequence). */
  times?: number | 'once' | 'always'
  /** Fires with this probability (0–1), drawn from the seeded random source, so flaky runs replay identically. */
  probability?: number
  /** Delay added before the answer. */
  latency?: Duration
}

/** A named set of rules, optionally with the world it needs. */
export interface Scenario {
  name: string
  /** What it does. */
  description?: string
  /** What a UI should show under it. */
  ui?: string
  /** Re-seeds the store with this world shape when the scenario is used (e.g. no devices, many devices). */
  world?: WorldOptions
  rules: readonly ScenarioRule[]
}

/** One line of the request log. */
export interface RequestRecord {
  /** The `x-amzn-RequestId` of the answer. */
  requestId: string
  /** The operation named by `X-Amz-Target`, or the raw target when it is not a device operation. */
  operation: string
  /** The decoded input, with sensitive members (AccessToken, Username) masked. */
  input: unknown
  /** The rule that answered (`store` when no rule did). */
  answeredBy: string
  /** 0 for a network error, `undefined` while a `hang` is pending forever. */
  status: number | undefined
  errorType?: string
  /** The mock's clock at arrival, epoch milliseconds. */
  at: number
  /**
   * Present when the log cut this entry to keep its memory bounded: strings over 4,096 characters keep a prefix
   * and end `…[truncated, N characters]`, and objects and arrays keep their first 100 members or items, 8 levels
   * deep, about 64 kB in all. The answer itself was computed from the whole input.
   */
  truncated?: true
}

/** A scenario's name: a built-in preset (autocompleted) or one you registered. */
export type ScenarioName = PresetName | (string & {})

/** What `scenarios.use()` takes: a scenario's name, a scenario, one rule, or a list of rules (one scenario). */
export type ScenarioInput = ScenarioName | Scenario | ScenarioRule | readonly ScenarioRule[]

/**
 * What the `scenario` option, the URL and `localStorage` take: one input, or a list of names and scenarios
 * used in turn (later ones win).
 */
export type ScenarioOption = ScenarioInput | readonly (ScenarioName | Scenario)[]
