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
    const scenario = engine.use(what)
    // Re-seeding the world does not restart the request ids: they stay unique for the mock's life.
    if (scenario.world) runtime.seedWorld(scenario.world)
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
