import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fidelity } from '../fidelity.ts'
import { parseJsonBody } from './json.ts'

const LIMIT = fidelity.jsonMaxDepth

/** `depth` nested arrays around `leaf`: `[[[leaf]]]`. */
const arrays = (depth: number, leaf = '') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
/** `depth` nested objects around `leaf`: `{"a":{"a":leaf}}`. */
const objects = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`

describe('parseJsonBody', () => {
  it('parses what JSON.parse parses, within the depth limit', () => {
    expect(parseJsonBody('{"AccessToken":"t","DeviceKey":"k"}', LIMIT)).toEqual({ ok: true, value: { AccessToken: 't', DeviceKey: 'k' } })
    expect(parseJsonBody('[]', LIMIT)).toEqual({ ok: true, value: [] })
    expect(parseJsonBody('"text"', LIMIT)).toEqual({ ok: true, value: 'text' })
    expect(parseJsonBody(' 42 ', LIMIT)).toEqual({ ok: true, value: 42 })
    expect(parseJsonBody('null', LIMIT)).toEqual({ ok: true, value: null })
  })

  it('refuses malformed text as malformed', () => {
    for (const text of ['', '{', '{"a":', '{"a" 1}', "{'a':1}", '[1,]', 'undefined', '{"a":1}}']) {
      expect(parseJsonBody(text, LIMIT), text).toEqual({ ok: false, reason: 'malformed' })
    }
  })

  it('accepts nesting exactly at the limit and refuses one level more, for arrays, objects and both', () => {
    expect(parseJsonBody(arrays(LIMIT), LIMIT)).toMatchObject({ ok: true })
    expect(parseJsonBody(arrays(LIMIT + 1), LIMIT)).toEqual({ ok: false, reason: 'too-deep' })
    expect(parseJsonBody(objects(LIMIT), LIMIT)).toMatchObject({ ok: true })
    expect(parseJsonBody(objects(LIMIT + 1), LIMIT)).toEqual({ ok: false, reason: 'too-deep' })
    // {"AccessToken":[[…]]}: the object is one level.
    expect(parseJsonBody(`{"AccessToken":${arrays(LIMIT - 1)}}`, LIMIT)).toMatchObject({ ok: true })
    expect(parseJsonBody(`{"AccessToken":${arrays(LIMIT)}}`, LIMIT)).toEqual({ ok: false, reason: 'too-deep' })
  })

  it('counts depth, not brackets: many siblings at a shallow depth are fine', () => {
    const wide = `[${Array.from({ length: 10_000 }, () => '{"a":[1,{}]}').join(',')}]`
    expect(parseJsonBody(wide, LIMIT)).toMatchObject({ ok: true })
  })

  it('ignores brackets inside strings, escaped quotes included', () => {
    const brackets = '['.repeat(LIMIT * 4) + '{'.repeat(LIMIT * 4)
    expect(parseJsonBody(JSON.stringify({ DeviceKey: brackets }), LIMIT)).toEqual({ ok: true, value: { DeviceKey: brackets } })
    // An escaped quote does not end the string: the brackets after it are still text.
    const tricky = `{"a":"\\"${'['.repeat(LIMIT * 2)}\\\\","b":[1]}`
    expect(parseJsonBody(tricky, LIMIT)).toEqual({ ok: true, value: { a: `"${'['.repeat(LIMIT * 2)}\\`, b: [1] } })
    // A string ending in an escaped backslash ends there: the brackets after it count.
    const afterBackslash = `{"a":"x\\\\","b":${arrays(LIMIT)}}`
    expect(parseJsonBody(afterBackslash, LIMIT)).toEqual({ ok: false, reason: 'too-deep' })
    // Brackets in keys are text too.
    expect(parseJsonBody(`{"${'{'.repeat(LIMIT * 2)}":1}`, LIMIT)).toMatchObject({ ok: true })
  })

  it('refuses the 2,100-level probe as too deep, quickly, and never throws', () => {
    const probe = `{"AccessToken":${arrays(2100)}}`
    const started = performance.now()
    expect(parseJsonBody(probe, LIMIT)).toEqual({ ok: false, reason: 'too-deep' })
    expect(parseJsonBody(arrays(200_000), LIMIT)).toEqual({ ok: false, reason: 'too-deep' })
    expect(performance.now() - started).toBeLessThan(500)
    // Unbalanced and malformed deep text: refused one way or the other, never a throw.
    expect(parseJsonBody('['.repeat(100_000), LIMIT).ok).toBe(false)
    expect(parseJsonBody(']'.repeat(100_000) + '['.repeat(10), LIMIT).ok).toBe(false)
  })

  it('agrees with JSON.parse on any JSON within the limit, and with a depth count on any nesting', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value)
        expect(parseJsonBody(text, LIMIT)).toEqual({ ok: true, value: JSON.parse(text) })
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(fc.integer({ min: 1, max: LIMIT * 3 }), fc.array(fc.constantFrom('array', 'object'), { minLength: 1, maxLength: 5 }), (depth, kinds) => {
        let text = '"leaf"'
        for (let i = 0; i < depth; i++) text = kinds[i % kinds.length] === 'array' ? `[${text}]` : `{"k[":${text}}`
        expect(parseJsonBody(text, LIMIT).ok).toBe(depth <= LIMIT)
      }),
      { numRuns: 300 },
    )
  })

  it('takes another limit when given one', () => {
    expect(parseJsonBody(arrays(3), 3)).toMatchObject({ ok: true })
    expect(parseJsonBody(arrays(4), 3)).toEqual({ ok: false, reason: 'too-deep' })
  })
})
