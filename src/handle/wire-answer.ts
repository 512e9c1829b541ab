import { fail } from '../lib/errors.ts'
import type { WireAnswer, WireRequest } from '../protocol/wire-form.ts'

/*
 * The pipeline itself, reachable from a mock for the local endpoint, which has no Fetch objects to give
 * `cognito.handle` (decision 0019). A registry symbol, not a WeakMap of this module, so that a mock made by another
 * copy of the library (a bundled one) is served too; not enumerable, so the handle shows only its public members.
 */

const WIRE_ANSWER = Symbol.for('cognito-device-mock.wire-answer')

/** Answers one request as `cognito.handle` does, on plain data. */
export type WireAnswerer = (request: WireRequest) => Promise<WireAnswer>

/**
 * `mock`, carrying `answer` for {@link wireAnswererOf}.
 *
 * @example
 * return withWireAnswerer({ handlers, handle, ... }, answer)
 */
export function withWireAnswerer<T extends object>(mock: T, answer: WireAnswerer): T {
  Object.defineProperty(mock, WIRE_ANSWER, { value: answer, enumerable: false })
  return mock
}

/**
 * The pipeline of a mock made by `createCognitoMock`.
 *
 * @example
 * const answer = wireAnswererOf(cognito)
 * const reply = await answer({ method: 'POST', url, headers, read: async () => bytes })
 */
export function wireAnswererOf(mock: object, caller: string): WireAnswerer {
  const answer = (mock as { [WIRE_ANSWER]?: WireAnswerer })[WIRE_ANSWER]
  if (typeof answer !== 'function') fail(`${caller}: \`mock\` must be a mock made by createCognitoMock() (got an object without its request pipeline).`)
  return answer
}
