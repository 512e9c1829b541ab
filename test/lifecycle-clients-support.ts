import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import type { CognitoMock } from '../src/index.ts'
import { recordWire } from './mfa-support.ts'
import { startMock, type MockFixture } from './support.ts'

/**
 * What the client lifecycle suites (test/amplify-lifecycle*.test.ts, test/identity-js-lifecycle.test.ts) share:
 * a mock with no seeded pools (each test makes the pool it needs), the wire recorder (the request log masks
 * passwords and codes, which these tests check were sent), passwords, and a wrong code. Expected values are written
 * in the tests, never read from the library under test.
 */

/** Meets Cognito's default policy (8+, lower, upper, digit, symbol). */
export const PASSWORD = 'Correct-Horse-1!'
export const NEW_PASSWORD = 'Battery-Staple-2?'

/** A UUID v4, as a user's `sub` is. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A code of the same length that is not `code`: every digit changed. */
export const wrong = (code: string) => [...code].map((d) => String((Number(d) + 1) % 10)).join('')

/** The schema refusals' prefix (WIRE §10.1.1). */
export const SCHEMA = 'Attributes did not conform to the schema: '

/**
 * The AuthError an Amplify call is refused with, as an app sees it: its `name` and `message` (Amplify takes both from
 * the wire). A call that succeeds fails the test.
 */
export async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(value)}`)
    },
    (e: Error) => e,
  )
  return { name: error.name, message: error.message }
}

/**
 * The SignUp body a client sends for nora's sign-up with `email: nora@example.com`, `name: Nora` and {@link PASSWORD}
 * through the app client `ClientId`, attributes in the order given.
 */
export function noraSignUpBody(ClientId: string) {
  return {
    ClientId,
    Username: 'nora',
    Password: PASSWORD,
    UserAttributes: [
      { Name: 'email', Value: 'nora@example.com' },
      { Name: 'name', Value: 'Nora' },
    ],
  }
}

export interface LifecycleHarness {
  cognito: CognitoMock
  wire: ReturnType<typeof recordWire>
}

export interface LifecycleMockOptions {
  /** Signs the client under test out before each test, while the last test's pool still stands; a refusal is ignored. */
  signOut?: () => Promise<unknown>
}

/**
 * Starts the mock behind MSW for the file (no seeded pool) and the wire recorder; the returned object's members
 * are set in `beforeAll`. Before each test (a `beforeEach` registered here, so it runs before the file's own):
 * `options.signOut`, then the mock reset and the wire cleared; the file's own `beforeEach` makes its pool.
 */
export function lifecycleMock(seed: number, options: LifecycleMockOptions = {}): LifecycleHarness {
  const harness = {} as LifecycleHarness
  let fixture: MockFixture
  beforeAll(() => {
    fixture = startMock({ seed, world: { pools: 0 } })
    harness.cognito = fixture.cognito
    harness.wire = recordWire()
  })
  beforeEach(async () => {
    await options.signOut?.().catch(() => undefined)
    harness.cognito.reset()
    harness.wire.clear()
  })
  afterAll(() => {
    harness.wire.restore()
    fixture.close()
  })
  return harness
}

/** The body `operation` was last sent with (unmasked, as it went over the wire). */
export function sent(harness: LifecycleHarness, operation: string): any {
  const calls = harness.wire.calls.filter((c) => c.operation === operation)
  if (calls.length === 0) throw new Error(`no ${operation} on the wire: ${harness.wire.calls.map((c) => c.operation).join(', ')}`)
  return calls[calls.length - 1]!.body
}

/**
 * Amplify's `signUp` with `autoSignIn` starts a 3-minute `setTimeout` it never clears once `confirmSignUp`
 * succeeds (@aws-amplify/auth `signUpHelpers.ts` `handleCodeAutoSignIn`): this keeps the handles of such timers
 * and clears them after each test, so that the worker has nothing left pending. Other timers run as usual.
 */
export function clearAutoSignInTimers(): { pending(): number } {
  const AUTO_SIGN_IN_MS = 3 * 60 * 1000
  const pending: ReturnType<typeof setTimeout>[] = []
  const real = globalThis.setTimeout
  beforeAll(() => {
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle = real(callback, ms, ...args)
      if (ms === AUTO_SIGN_IN_MS) pending.push(handle)
      return handle
    }) as typeof setTimeout)
  })
  afterEach(() => {
    for (const handle of pending.splice(0)) clearTimeout(handle)
  })
  afterAll(() => vi.mocked(globalThis.setTimeout).mockRestore())
  return { pending: () => pending.length }
}
