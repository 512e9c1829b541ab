import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countedUuids } from './draw-count.ts'
import * as make from './factory.ts'
import { seededFaker, uuidSource, type SeededFaker } from './random.ts'

/**
 * What the mock draws at runtime (device keys and names, token ids, users, clients, scenario probabilities):
 * after any sequence of these, a stream started at the counted position must draw what the counted one draws
 * next. If the faker ever draws outside number.int/number.float, this fails.
 */
const draws: [string, (faker: SeededFaker) => unknown][] = [
  ['deviceKey', (f) => make.deviceKey(f, 'us-east-1')],
  ['deviceGroupKey', (f) => make.deviceGroupKey(f)],
  ['deviceName', (f) => make.deviceName(f)],
  ['ipAddress', (f) => make.ipAddress(f)],
  ['uuid', (f) => make.uuid(f)],
  ['person', (f) => make.person(f)],
  ['userPoolId', (f) => make.userPoolId(f, 'eu-west-1')],
  ['poolName', (f) => make.poolName(f)],
  ['appClientId', (f) => make.appClientId(f)],
  ['instantBetween', (f) => make.instantBetween(f, 1_000, 9_000_000)],
  ['empty range', (f) => f.number.int({ min: 3, max: 3 })],
  ['probability', (f) => f.datatype.boolean(0.3)],
  ['float', (f) => f.number.float()],
  ['hex string', (f) => f.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' })],
]

describe('SeededFaker draw counts (seededFaker with skip)', () => {
  it('a stream started at the counted position goes on as the counted one does', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.constantFrom(...draws), { maxLength: 30 }), fc.array(fc.constantFrom(...draws), { minLength: 1, maxLength: 10 }), (seed, before, after) => {
        const original = seededFaker(seed, 2)
        for (const [, draw] of before) draw(original)
        const resumed = seededFaker(seed, 2, original.draws)
        expect(resumed.draws).toBe(original.draws)
        for (const [name, draw] of after) expect(draw(resumed), name).toEqual(draw(original))
        expect(resumed.draws).toBe(original.draws)
      }),
      { numRuns: 60 },
    )
  })

  it('a call that draws nothing counts nothing, and a refused call counts nothing', () => {
    const stream = seededFaker(7, 2)
    stream.number.int({ min: 5, max: 5 })
    stream.number.int(0)
    expect(() => stream.number.int({ min: 9, max: 1 })).toThrow()
    expect(stream.draws).toBe(0)
    stream.number.int(10)
    stream.helpers.arrayElement(['only'])
    expect(stream.draws).toBe(1)
  })
})

describe('countedUuids', () => {
  it('gives the same ids as uuidSource, and resumes where it was', () => {
    const counted = countedUuids('seed', 3)
    const plain = uuidSource('seed', 3)
    const first = [counted.stream(), counted.stream(), counted.stream()]
    expect(first).toEqual([plain(), plain(), plain()])
    const resumed = countedUuids('seed', 3, counted.draws())
    expect(resumed.stream()).toBe(plain())
  })
})
