import { warnOnce } from '../lib/errors.ts'
import type { Runtime } from '../state/runtime.ts'
import type { CognitoMock } from './types.ts'

/**
 * `cognito.clock`: the mock's time. Setting it back before sign-in records the store pruned as expired is said
 * once, since those records cannot come back.
 *
 * @example
 * const clock = clockHandle(runtime)
 * clock.advance('2h') // tokens issued before now answer `Access Token has expired`
 */
export function clockHandle(runtime: Runtime): CognitoMock['clock'] {
  return {
    now: () => runtime.clock.now(),
    advance: (duration) => runtime.clock.advance(duration),
    set(date) {
      runtime.clock.set(date)
      if (runtime.clock.now() < runtime.store.prunedThrough) {
        warnOnce(
          'clock-before-pruning',
          'clock.set() moved the clock back before sign-in records the mock has already pruned as expired: their refresh ' +
            'tokens still answer "Refresh Token has expired", and revocations of their access tokens are forgotten. ' +
            'Set the clock back with reset() or restore(snapshot) instead.',
        )
      }
    },
  }
}
