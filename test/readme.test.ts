import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withTables } from '../scripts/readme-tables.ts'
import { presets } from '../src/scenarios/presets.ts'

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

  it('has its generated tables up to date (run `npm run gen:readme`)', () => {
    expect(readme).toBe(withTables(readme))
  })

  it('lists every preset', () => {
    for (const preset of presets) expect(readme).toContain(`| \`${preset.name}\` |`)
  })

  it('gives the test command CI runs', () => {
    expect(readme).toContain('**Test command (CI runs exactly this): `npm test`.**')
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/\bnpm test\b/)
  })
})
