import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fidelity } from './fidelity.ts'

describe('fidelity', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## Fidelity'), readme.indexOf('## Develop'))

  it('the README documents every inferred behaviour the code chooses', () => {
    expect(section.length).toBeGreaterThan(0)
    const missing = Object.keys(fidelity).filter((key) => !section.includes(`\`${key}\``))
    expect(missing).toEqual([])
  })

  it('the README names no choice the code no longer has', () => {
    const named = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1])
    expect(named.filter((key) => !(key! in fidelity))).toEqual([])
  })
})
