/**
 * The second, larger bundle-size fix that bench/browser.ts measures and checks (a proposal, not used by the
 * library): no faker at all in the browser. The mock draws from faker only through a handful of methods
 * (datatype.boolean, helpers.arrayElement/weightedArrayElement, number.int, string.alphanumeric/
 * fromCharacters/hexadecimal/uuid, internet.ipv4/ipv6), all on faker 10's default randomizer (MT19937,
 * 53-bit floats). This file is those methods and that randomizer, transcribed from faker 10.6 so that each
 * draws the same numbers in the same order: the bench's seeded hash proves every seeded value identical.
 * Pinned to faker's algorithms: a faker upgrade that changes one of them would have to be mirrored (the
 * hash check and the library's snapshot tests would catch it).
 */

// ---------------------------------------------------------------------------------------------------
// MT19937 exactly as faker's randomizer (init_by_array for array seeds, 53-bit floats)
// ---------------------------------------------------------------------------------------------------

const N = 624
const MATRIX_A = 0x9908b0df
const UPPER = 0x80000000
const LOWER = 0x7fffffff

function initialize(seed: number): number[] {
  const state = new Array<number>(N)
  state[0] = seed
  for (let i = 1; i !== N; ++i) {
    const previous = state[i - 1]! ^ (state[i - 1]! >>> 30)
    state[i] = Math.trunc(Math.imul(1812433253, previous) + i)
  }
  return state
}

function initializeByArray(key: readonly number[]): number[] {
  const state = initialize(19650218)
  let i = 1
  let j = 0
  for (let k = Math.max(N, key.length); k !== 0; --k) {
    const previous = state[i - 1]! ^ (state[i - 1]! >>> 30)
    state[i] = Math.trunc((state[i]! ^ Math.imul(previous, 1664525)) + key[j]! + j)
    i++
    j++
    if (i >= N) {
      state[0] = state[N - 1]!
      i = 1
    }
    if (j >= key.length) j = 0
  }
  for (let k = N - 1; k !== 0; k--) {
    state[i] = Math.trunc((state[i]! ^ Math.imul(state[i - 1]! ^ (state[i - 1]! >>> 30), 1566083941)) - i)
    i++
    if (i >= N) {
      state[0] = state[N - 1]!
      i = 1
    }
  }
  state[0] = 0x80000000
  return state
}

function twist(state: number[]): number[] {
  for (let i = 0; i !== N - 397; ++i) {
    const y = (state[i]! & UPPER) + (state[i + 1]! & LOWER)
    state[i] = state[i + 397]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  }
  for (let i = N - 397; i !== N - 1; ++i) {
    const y = (state[i]! & UPPER) + (state[i + 1]! & LOWER)
    state[i] = state[i + 397 - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  }
  const y = (state[N - 1]! & UPPER) + (state[0]! & LOWER)
  state[N - 1] = state[396]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  return state
}

class Mersenne {
  #state: number[] = twist(initialize(Math.ceil(Math.random() * (2 ** 53 - 1))))
  #index = 0

  seed(seed: number | readonly number[]): void {
    this.#state = twist(typeof seed === 'number' ? initialize(seed) : initializeByArray(seed))
    this.#index = 0
  }

  #nextU32(): number {
    let y = this.#state[this.#index]!
    y ^= this.#state[this.#index]! >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    if (++this.#index >= N) {
      this.#state = twist(this.#state)
      this.#index = 0
    }
    return y >>> 0
  }

  /** A float in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.#nextU32() >>> 5
    const low = this.#nextU32() >>> 6
    return (high * 67108864 + low) * 2 ** -53
  }
}

// ---------------------------------------------------------------------------------------------------
// The methods the mock calls, with faker 10's draws
// ---------------------------------------------------------------------------------------------------

const DIGITS = [...'0123456789']
const UPPER_CASE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
const LOWER_CASE = [...'abcdefghijklmnopqrstuvwxyz']
const HEX = [...'0123456789abcdefABCDEF']

type Range = number | { min?: number; max?: number }
type Casing = 'upper' | 'lower' | 'mixed'

export class Faker {
  readonly #random = new Mersenne()

  // `new Faker({ locale: [base] })`: no locale data is needed.
  constructor(_options?: unknown) {}

  seed(seed: number | readonly number[]): void {
    this.#random.seed(seed)
  }

  readonly number = {
    int: (options: number | { min?: number; max?: number } = {}): number => {
      const { min = 0, max = 2 ** 53 - 1 } = typeof options === 'number' ? { max: options } : options
      const low = Math.ceil(min)
      const high = Math.floor(max)
      if (low === high) return low
      if (high < low) throw new Error(`Max ${max} should be greater than min ${min}.`)
      return Math.floor(this.#random.next() * (high - low + 1) + low)
    },
    float: (options: number | { min?: number; max?: number } = {}): number => {
      const { min = 0, max = 1 } = typeof options === 'number' ? { max: options } : options
      if (max < min) throw new Error(`Max ${max} should be greater than min ${min}.`)
      return this.#random.next() * (max - min) + min
    },
    hex: ({ min = 0, max = 15 }: { min?: number; max?: number } = {}): string => this.number.int({ min, max }).toString(16),
  }

  readonly datatype = {
    boolean: (options: number | { probability?: number } = {}): boolean => {
      const { probability = 0.5 } = typeof options === 'number' ? { probability: options } : options
      if (probability <= 0) return false
      return probability >= 1 || this.number.float() < probability
    },
  }

  readonly helpers = {
    arrayElement: <T>(array: readonly T[]): T => {
      if (array.length === 0) throw new Error('Cannot get value from empty dataset.')
      return array[array.length > 1 ? this.number.int({ max: array.length - 1 }) : 0]!
    },
    weightedArrayElement: <T>(array: readonly { weight: number; value: T }[]): T => {
      if (array.length === 0) throw new Error('weightedArrayElement expects an array with at least one element')
      const total = array.reduce((sum, { weight }) => sum + weight, 0)
      const pick = this.number.float({ min: 0, max: total })
      let reached = 0
      for (const { weight, value } of array) {
        reached += weight
        if (pick < reached) return value
      }
      return array.at(-1)!.value
    },
    rangeToNumber: (range: Range): number => (typeof range === 'number' ? range : this.number.int(range)),
  }

  readonly string = {
    fromCharacters: (characters: string | readonly string[], length: Range = 1): string => {
      const count = this.helpers.rangeToNumber(length)
      if (count <= 0) return ''
      const pool = typeof characters === 'string' ? [...characters] : characters
      if (pool.length === 0) throw new Error('Unable to generate string: No characters to select from.')
      return Array.from({ length: count }, () => this.helpers.arrayElement(pool)).join('')
    },
    alphanumeric: (options: number | { length?: Range; casing?: Casing; exclude?: string | readonly string[] } = {}): string => {
      const { length = 1, casing = 'mixed', exclude = [] } = typeof options === 'number' ? { length: options } : options
      const count = this.helpers.rangeToNumber(length)
      if (count <= 0) return ''
      const excluded = typeof exclude === 'string' ? [...exclude] : exclude
      const pool = [...DIGITS, ...(casing === 'upper' ? UPPER_CASE : casing === 'lower' ? LOWER_CASE : [...LOWER_CASE, ...UPPER_CASE])]
      return this.string.fromCharacters(
        pool.filter((character) => !excluded.includes(character)),
        count,
      )
    },
    hexadecimal: ({ length = 1, casing = 'mixed', prefix = '0x' }: { length?: Range; casing?: Casing; prefix?: string } = {}): string => {
      const count = this.helpers.rangeToNumber(length)
      if (count <= 0) return prefix
      const digits = this.string.fromCharacters(HEX, count)
      return `${prefix}${casing === 'upper' ? digits.toUpperCase() : casing === 'lower' ? digits.toLowerCase() : digits}`
    },
    /** A v4 UUID, faker's way: every `x` first, then `y`. */
    uuid: (): string =>
      'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'
        .replaceAll('x', () => this.number.hex({ min: 0, max: 15 }))
        .replaceAll('y', () => this.number.hex({ min: 8, max: 11 })),
  }

  readonly internet = {
    /** Network 'any' (0.0.0.0/0): one draw of 32 bits. */
    ipv4: (): string => {
      const ip = this.number.int(0xffffffff)
      return [(ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.')
    },
    ipv6: (): string => Array.from({ length: 8 }, () => this.string.hexadecimal({ length: 4, casing: 'lower', prefix: '' })).join(':'),
  }
}

/** Stands in for faker's `base` locale definitions, which nothing here needs. */
export const base = {}
