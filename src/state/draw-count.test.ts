import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fakerDE } from '@faker-js/faker'
import { countedUuids } from './draw-count.ts'
import * as make from './factory.ts'
import type { Faker } from '@faker-js/faker'
import { Fakers } from './faker.ts'
import { uuidSource } from './seed.ts'

/**
 * What the mock draws at runtime (device keys and names, token ids, users, clients, scenario probabilities):
 * after any sequence of these, a stream started at the counted position must draw what the counted one draws
 * next. If faker ever drew around the randomizer (Math.random, a cache), this would fail.
 */
const draws: [string, (faker: Faker) => unknown][] = [
  ['deviceKey', (f) => make.deviceKey(f, 'us-east-1')],
  ['deviceGroupKey', (f) => make.deviceGroupKey(f)],
  ['deviceName', (f) => make.deviceName(f)],
  ['ipAddress', (f) => make.ipAddress(f)],
  ['uuid', (f) => make.uuid(f)],
  ['person', (f) => make.person(f)],
  ['userPoolId', (f) => make.userPoolId(f, 'eu-west-1')],
  ['poolName', (f) => make.poolName(f)],
  ['appClientId', (f) => make.appClientId(f)],
  ['date between', (f) => f.date.between({ from: 1_000, to: 9_000_000 })],
  ['password', (f) => f.internet.password({ length: 6, memorable: true })],
  ['empty range', (f) => f.number.int({ min: 3, max: 3 })],
  ['probability', (f) => f.datatype.boolean(0.3)],
  ['float', (f) => f.number.float()],
  ['hex string', (f) => f.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' })],
]

describe('faker draw counts (Fakers.stream with skip)', () => {
  it('a stream started at the counted position goes on as the counted one does', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.constantFrom(...draws), { maxLength: 30 }), fc.array(fc.constantFrom(...draws), { minLength: 1, maxLength: 10 }), (seed, before, after) => {
        const original = new Fakers(seed).stream([2])
        for (const [, draw] of before) draw(original.faker)
        const resumed = new Fakers(seed).stream([2], original.randomizer.draws)
        expect(resumed.randomizer.draws).toBe(original.randomizer.draws)
        for (const [name, draw] of after) expect(draw(resumed.faker), name).toEqual(draw(original.faker))
        expect(resumed.randomizer.draws).toBe(original.randomizer.draws)
      }),
      { numRuns: 60 },
    )
  })

  it('a refused call counts nothing; every drawn value counts one', () => {
    const { faker, randomizer } = new Fakers(7).stream([2])
    expect(() => faker.number.int({ min: 9, max: 1 })).toThrow()
    expect(randomizer.draws).toBe(0)
    faker.number.int(10)
    expect(randomizer.draws).toBe(1)
  })

  it('another locale draws the same numbers: the randomizer is the seed\'s, whatever speaks', () => {
    const a = new Fakers(7).stream([2]).faker
    const b = new Fakers(7, fakerDE).stream([2]).faker
    expect(Array.from({ length: 5 }, () => b.string.uuid())).toEqual(Array.from({ length: 5 }, () => a.string.uuid()))
    expect(b.person.lastName()).not.toBe(a.person.lastName())
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
