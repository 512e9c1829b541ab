import { readFileSync } from 'node:fs'
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

describe('the package entries', () => {
  /** The value names an entry re-exports (`export { a, b as c, type T }` lines; types are left out). */
  const valuesOf = (entry: string): string[] => {
    const text = readFileSync(new URL(`../src/${entry}`, import.meta.url), 'utf8')
    const names: string[] = []
    for (const match of text.matchAll(/^export \{([^}]*)\} from /gm)) {
      for (const part of match[1]!.split(',')) {
        const name = part.trim()
        if (name === '' || name.startsWith('type ')) continue
        names.push(name.split(/\s+as\s+/).pop()!)
      }
    }
    return names
  }

  it('export each value from one entry only, and only re-export', () => {
    const entries = ['index.ts', 'node.ts', 'browser.ts', 'playwright.ts', 'storybook.ts']
    const seen = new Map<string, string>()
    const twice: string[] = []
    for (const entry of entries) {
      const text = readFileSync(new URL(`../src/${entry}`, import.meta.url), 'utf8')
      expect(text.split('\n').filter((line) => line.trim() !== '' && !/^export |^\s|^\}/.test(line)), entry).toEqual([])
      for (const name of valuesOf(entry)) {
        if (seen.has(name)) twice.push(`${name} (${seen.get(name)} and ${entry})`)
        seen.set(name, entry)
      }
    }
    expect(twice).toEqual([])
    expect(seen.size).toBeGreaterThan(20)
  })
})
