import { describe, expect, expectTypeOf, it } from 'vitest'
import { createCognitoMock, presets, type PresetName, type ScenarioInput, type ScenarioName } from '../src/index.ts'

// The type-level expectations are checked by `npm run typecheck` (tsc reads test/); the run-time ones by vitest.
describe('public types that guide editors', () => {
  it('PresetName is the union of the built-in presets’ names, and lists every one', () => {
    expectTypeOf<'throttled'>().toExtend<PresetName>()
    expectTypeOf<'offline'>().toExtend<PresetName>()
    expectTypeOf<'no-such-preset'>().not.toExtend<PresetName>()
    const names: PresetName[] = presets.map((preset) => preset.name)
    expect(new Set(names).size).toBe(presets.length)
  })

  it('scenarios.use() autocompletes presets and still takes registered names, scenarios and rules', () => {
    expectTypeOf<PresetName>().toExtend<ScenarioName>()
    expectTypeOf<'my-registered-scenario'>().toExtend<ScenarioName>()
    expectTypeOf<Parameters<ReturnType<typeof createCognitoMock>['scenarios']['use']>[0]>().toEqualTypeOf<ScenarioInput>()
    const cognito = createCognitoMock({ seed: 1, world: { pools: 0 } })
    cognito.scenarios.register({ name: 'my-registered-scenario', rules: [] })
    cognito.scenarios.use('my-registered-scenario')
    cognito.scenarios.use({ operations: 'GetDevice', answer: 'hang' })
    expect(cognito.scenarios.active().map((layer) => layer.source)).toEqual(['rule', 'my-registered-scenario'])
  })

  it('one sign-in from code: tokens.signIn is the deprecated alias of signIn and gives the same kind of result', async () => {
    const cognito = createCognitoMock({ seed: 3 })
    const pool = cognito.pools.list()[0]!
    const user = cognito.users.list(pool.id)[0]!
    const direct = await cognito.signIn(pool.id, user.username)
    const alias = await cognito.tokens.signIn(pool.id, user.username)
    expect(Object.keys(alias).sort()).toEqual(Object.keys(direct).sort())
    expect(alias.AccessToken).not.toBe(direct.AccessToken)
  })
})
