import { Faker, base } from '@faker-js/faker'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SeededFaker, seededFaker, sfc32, uuidSource } from './random.ts'

/**
 * SeededFaker stands in for faker's `Faker` (decisions/0011-faker-subset.md). Its promise is that every
 * seeded value stays what faker itself would draw, so these tests replay arbitrary call sequences on both
 * from the same seed and compare every result, and the position of the stream afterwards.
 */

type Call = (faker: SeededFaker | Faker) => unknown

const range = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.record({ min: fc.integer({ min: 0, max: 10 }), max: fc.integer({ min: 10, max: 40 }) }),
)
const casing = fc.constantFrom('upper' as const, 'lower' as const, 'mixed' as const)

const call: fc.Arbitrary<[string, Call]> = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).chain((min) =>
    fc.integer({ min, max: min + 2 ** 40 }).map((max): [string, Call] => [`number.int(${min}, ${max})`, (f) => f.number.int({ min, max })]),
  ),
  fc.integer({ min: 0, max: 2 ** 32 }).map((max): [string, Call] => [`number.int(${max})`, (f) => f.number.int(max)]),
  // An empty range draws nothing in faker: the stream must not move here either.
  fc.integer({ min: -5, max: 5 }).map((n): [string, Call] => [`number.int(${n}, ${n})`, (f) => f.number.int({ min: n, max: n })]),
  fc.constant<[string, Call]>(['number.int()', (f) => f.number.int()]),
  fc.constant<[string, Call]>(['number.float()', (f) => f.number.float()]),
  fc.double({ min: -0.5, max: 1.5, noNaN: true }).map((p): [string, Call] => [`datatype.boolean(${p})`, (f) => f.datatype.boolean(p)]),
  fc.constant<[string, Call]>(['datatype.boolean()', (f) => f.datatype.boolean()]),
  fc.array(fc.string(), { minLength: 1, maxLength: 30 }).map((a): [string, Call] => [`helpers.arrayElement(${a.length})`, (f) => f.helpers.arrayElement(a)]),
  fc
    .array(fc.record({ weight: fc.double({ min: 0.01, max: 100, noNaN: true }), value: fc.integer() }), { minLength: 1, maxLength: 8 })
    .map((a): [string, Call] => [`helpers.weightedArrayElement(${a.length})`, (f) => f.helpers.weightedArrayElement(a)]),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 70 }), range)
    .map(([chars, length]): [string, Call] => [`string.fromCharacters(${JSON.stringify(length)})`, (f) => f.string.fromCharacters(chars, length)]),
  fc
    .tuple(range, casing, fc.string({ maxLength: 12 }))
    .map(([length, c, exclude]): [string, Call] => [`string.alphanumeric(${JSON.stringify(length)}, ${c})`, (f) => f.string.alphanumeric({ length, casing: c, exclude })]),
  fc
    .tuple(range, casing, fc.constantFrom('', '0x', '#'))
    .map(([length, c, prefix]): [string, Call] => [`string.hexadecimal(${JSON.stringify(length)}, ${c})`, (f) => f.string.hexadecimal({ length, casing: c, prefix })]),
  fc.constant<[string, Call]>(['string.uuid()', (f) => f.string.uuid()]),
  fc.constant<[string, Call]>(['internet.ipv4()', (f) => f.internet.ipv4()]),
  fc.constant<[string, Call]>(['internet.ipv6()', (f) => f.internet.ipv6()]),
)

function outcome(run: () => unknown): unknown {
  try {
    return { value: run() }
  } catch {
    return { threw: true }
  }
}

describe('SeededFaker', () => {
  it('draws what faker draws, for arbitrary seeds and call sequences', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(50), fc.array(call, { minLength: 1, maxLength: 40 }), (seed, stream, calls) => {
        const ours = new SeededFaker()
        const theirs = new Faker({ locale: [base] })
        ours.seed([seed, stream])
        theirs.seed([seed, stream])
        for (const [name, run] of calls) {
          expect(outcome(() => run(ours)), name).toEqual(outcome(() => run(theirs)))
        }
        // Same position in the stream afterwards: the next draw agrees too.
        expect(ours.number.float()).toBe(theirs.number.float())
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with faker on a single-number seed too', () => {
    for (const seed of [0, 42, 1337, 1211, -7, 2 ** 31]) {
      const ours = new SeededFaker()
      const theirs = new Faker({ locale: [base] })
      ours.seed(seed)
      theirs.seed(seed)
      expect(Array.from({ length: 5 }, () => ours.string.uuid())).toEqual(Array.from({ length: 5 }, () => theirs.string.uuid()))
      // 2,000 floats take 4,000 words: six passes over MT19937's 624-word state, so every twist is compared.
      expect(Array.from({ length: 2000 }, () => ours.number.float())).toEqual(Array.from({ length: 2000 }, () => theirs.number.float()))
    }
  })

  it('keeps separate streams of one seed apart and equal seeds equal', () => {
    const draw = (seed: number | string, stream: number) => seededFaker(seed, stream).string.alphanumeric(20)
    expect(draw(42, 1)).toBe(draw(42, 1))
    expect(draw('42', 1)).toBe(draw('42', 1))
    expect(draw(42, 1)).not.toBe(draw(42, 2))
    expect(draw(42, 1)).not.toBe(draw(43, 1))
  })

  it('refuses impossible requests with a prefixed message', () => {
    const faker = seededFaker(1, 1)
    expect(() => faker.number.int({ min: 5, max: 1 })).toThrow(/^\[cognito-device-mock\] max 1 should be greater than min 5/)
    expect(() => faker.helpers.arrayElement([])).toThrow(/^\[cognito-device-mock\]/)
    expect(() => faker.string.fromCharacters('', 3)).toThrow(/^\[cognito-device-mock\]/)
  })
})

describe('sfc32 and uuidSource', () => {
  it('are pure functions of their seed', () => {
    const a = sfc32(1, 2, 15)
    const b = sfc32(1, 2, 15)
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
    expect(uuidSource(42, 3)()).toBe(uuidSource(42, 3)())
    expect(uuidSource(42, 3)()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
