import { scenarioUses } from '../scenarios/input.ts'
import type { ScenarioEngine } from '../scenarios/engine.ts'
import type { ScenarioOption } from '../scenarios/types.ts'
import type { Runtime } from '../state/runtime.ts'
import type { CognitoMock } from './types.ts'

/**
 * `cognito.scenarios`: the same verbs as MSW's handlers. `use` adds on top, `reset` goes back to the initial
 * scenario (the `scenario` option), `clear` leaves none.
 *
 * @example
 * const scenarios = scenariosHandle(runtime, engine, 'throttled')
 * scenarios.use('offline')
 * scenarios.reset() // 'throttled' again
 */
export function scenariosHandle(runtime: Runtime, engine: ScenarioEngine, initial: ScenarioOption | undefined): CognitoMock['scenarios'] {
  const use: CognitoMock['scenarios']['use'] = (what) => {
    // The scenario's world is grown before its rules are pushed and planted after: a world that fails (two users
    // of one name) leaves both as they were. Re-seeding does not restart the request ids: they stay unique.
    let seed: (() => void) | undefined
    engine.use(what, (scenario) => {
      if (scenario.world) seed = runtime.prepareWorld(scenario.world)
    })
    seed?.()
  }
  return {
    use,
    reset() {
      engine.clear()
      // The initial rules only: a world the initial scenario seeded is state, and state is kept.
      for (const what of scenarioUses(initial)) engine.use(what)
    },
    clear: () => engine.clear(),
    active: () => engine.active(),
    list: () => engine.presets(),
    register: (scenario) => engine.register(scenario),
  }
}
