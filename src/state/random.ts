import { fail } from '../lib/errors.ts'
/** A seed: a number, or any string (hashed to one). */
export type Seed = number | string

/** FNV-1a: a string seed becomes a faker seed the same way in every environment. */
export function seedNumber(seed: Seed): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) fail(`seed must be a finite number or a string, got ${seed}.`, TypeError)
    return Math.trunc(seed)
  }
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

// ---------------------------------------------------------------------------------------------------
// MT19937, as faker's default randomizer runs it (init_by_array for array seeds, 53-bit floats)
// ---------------------------------------------------------------------------------------------------

const N = 624
const MATRIX_A = 0x9908b0df
const UPPER_MASK = 0x80000000
const LOWER_MASK = 0x7fffffff

// Every read of a state word goes through a bit operation (ToInt32/ToUint32), so storing words as int32 is
// exact even where faker's plain array briefly holds a larger number; an Int32Array is several times faster
// when a mock seeds its streams before the JIT has warmed up.

function initialize(state: Int32Array, seed: number): void {
  state[0] = seed
  for (let i = 1; i !== N; ++i) {
    const previous = state[i - 1]! ^ (state[i - 1]! >>> 30)
    state[i] = Math.imul(1812433253, previous) + i
  }
}

function initializeByArray(state: Int32Array, key: readonly number[]): void {
  initialize(state, 19650218)
  let i = 1
  let j = 0
  for (let k = Math.max(N, key.length); k !== 0; --k) {
    const previous = state[i - 1]! ^ (state[i - 1]! >>> 30)
    state[i] = Math.trunc((state[i]! ^ Math.imul(previous, 1664525)) + key[j]! + j) | 0
    i++
    j++
    if (i >= N) {
      state[0] = state[N - 1]!
      i = 1
    }
    if (j >= key.length) j = 0
  }
  for (let k = N - 1; k !== 0; k--) {
    state[i] = (state[i]! ^ Math.imul(state[i - 1]! ^ (state[i - 1]! >>> 30), 1566083941)) - i
    i++
    if (i >= N) {
      state[0] = state[N - 1]!
      i = 1
    }
  }
  state[0] = 0x80000000
}

function twist(state: Int32Array): void {
  for (let i = 0; i !== N - 397; ++i) {
    const y = (state[i]! & UPPER_MASK) | (state[i + 1]! & LOWER_MASK)
    state[i] = state[i + 397]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  }
  for (let i = N - 397; i !== N - 1; ++i) {
    const y = (state[i]! & UPPER_MASK) | (state[i + 1]! & LOWER_MASK)
    state[i] = state[i + 397 - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  }
  const y = (state[N - 1]! & UPPER_MASK) | (state[0]! & LOWER_MASK)
  state[N - 1] = state[396]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
}

class MersenneTwister {
  readonly #state = new Int32Array(N)
  /** N until seeded: the first draw of an unseeded generator seeds it with MT19937's default, 5489. */
  #index = N
  #seeded = false
  /** Floats drawn since seeding: where the stream stands, for an exact snapshot. */
  draws = 0

  seed(seed: number | readonly number[]): void {
    if (typeof seed === 'number') initialize(this.#state, seed)
    else initializeByArray(this.#state, seed)
    twist(this.#state)
    this.#index = 0
    this.#seeded = true
    this.draws = 0
  }

  #nextUint32(): number {
    if (this.#index >= N) {
      if (!this.#seeded) this.seed(5489)
      else {
        twist(this.#state)
        this.#index = 0
      }
    }
    let y = this.#state[this.#index++]!
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** A float in [0, 1) with 53 random bits (genrand_res53). */
  next(): number {
    this.draws++
    const high = this.#nextUint32() >>> 5
    const low = this.#nextUint32() >>> 6
    return (high * 67108864 + low) * 2 ** -53
  }
}

// ---------------------------------------------------------------------------------------------------
// SeededFaker: the part of faker's API the mock draws from
// ---------------------------------------------------------------------------------------------------

const DIGITS = [...'0123456789']
const UPPER_CASE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
const LOWER_CASE = [...'abcdefghijklmnopqrstuvwxyz']
const HEX_DIGITS = [...'0123456789abcdefABCDEF']
const LOWER_HEX_DIGITS = HEX_DIGITS.map((digit) => digit.toLowerCase())

type Range = number | { min?: number; max?: number }
type Casing = 'upper' | 'lower' | 'mixed'

/**
 * The methods of faker's API that the mock calls, drawing exactly what `new Faker({ locale: [base] })` draws
 * from the same seed (src/state/random.test.ts compares the two over arbitrary seeds and arguments).
 *
 * Why not faker itself: its modules hang off the instance and its code sits in one chunk with top-level side
 * effects, so nothing tree-shakes. Even on the `base` locale `Faker` cost 38.9 kB gzipped in the browser
 * bundle, `SimpleFaker` 20 kB, and importing only `generateMersenne53Randomizer` still 21.9 kB: more than
 * the rest of the mock's dependencies together, for ~150 lines of algorithms (decisions/0011-faker-subset.md).
 */
export class SeededFaker {
  readonly #randomizer = new MersenneTwister()

  /** As `faker.seed`: a number, or an array of numbers (MT19937's init_by_array). */
  seed(seed: number | number[]): void {
    this.#randomizer.seed(seed)
  }

  /** How many values the stream has drawn since it was seeded (not part of faker's API). */
  get draws(): number {
    return this.#randomizer.draws
  }

  /** Moves the stream `count` draws on, as if they had been drawn (not part of faker's API). */
  skip(count: number): void {
    for (let i = 0; i < count; i++) this.#randomizer.next()
  }

  // The hot paths below inline what `number.int({ max: n − 1 })` and `number.float()` compute (the very same
  // arithmetic, so the same values): seeding a world draws thousands of times, often before the JIT warms up.

  /** `number.int({ max: length − 1 })` for length ≥ 2. */
  #index(length: number): number {
    return Math.floor(this.#randomizer.next() * length)
  }

  readonly number = {
    int: (options: Range = {}): number => {
      const { min = 0, max = Number.MAX_SAFE_INTEGER } = typeof options === 'number' ? { max: options } : options
      const low = Math.ceil(min)
      const high = Math.floor(max)
      if (low === high) return low
      if (high < low) fail(`max ${max} should be greater than min ${min}.`, RangeError)
      return Math.floor(this.#randomizer.next() * (high - low + 1) + low)
    },
    float: (options: Range = {}): number => {
      const { min = 0, max = 1 } = typeof options === 'number' ? { max: options } : options
      if (max < min) fail(`max ${max} should be greater than min ${min}.`, RangeError)
      return this.#randomizer.next() * (max - min) + min
    },
  }

  readonly datatype = {
    boolean: (options: number | { probability?: number } = {}): boolean => {
      const { probability = 0.5 } = typeof options === 'number' ? { probability: options } : options
      if (probability <= 0) return false
      return probability >= 1 || this.#randomizer.next() < probability
    },
  }

  readonly helpers = {
    arrayElement: <T>(array: readonly T[]): T => {
      if (array.length === 0) fail('cannot pick from an empty array.', RangeError)
      return array[array.length > 1 ? this.#index(array.length) : 0]!
    },
    weightedArrayElement: <T>(array: readonly { weight: number; value: T }[]): T => {
      if (array.length === 0) fail('cannot pick from an empty array.', RangeError)
      const total = array.reduce((sum, { weight }) => sum + weight, 0)
      const pick = this.#randomizer.next() * total
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
      if (pool.length === 0) fail('no characters to pick from.', RangeError)
      let out = ''
      if (pool.length === 1) return pool[0]!.repeat(count)
      for (let i = 0; i < count; i++) out += pool[this.#index(pool.length)]!
      return out
    },
    alphanumeric: (options: number | { length?: Range; casing?: Casing; exclude?: string | readonly string[] } = {}): string => {
      const { length = 1, casing = 'mixed', exclude = [] } = typeof options === 'number' ? { length: options } : options
      const count = this.helpers.rangeToNumber(length)
      if (count <= 0) return ''
      const excluded = typeof exclude === 'string' ? [...exclude] : exclude
      const letters = casing === 'upper' ? UPPER_CASE : casing === 'lower' ? LOWER_CASE : [...LOWER_CASE, ...UPPER_CASE]
      return this.string.fromCharacters(
        [...DIGITS, ...letters].filter((character) => !excluded.includes(character)),
        count,
      )
    },
    hexadecimal: ({ length = 1, casing = 'mixed', prefix = '0x' }: { length?: Range; casing?: Casing; prefix?: string } = {}): string => {
      const count = this.helpers.rangeToNumber(length)
      if (count <= 0) return prefix
      const digits = this.string.fromCharacters(HEX_DIGITS, count)
      return prefix + (casing === 'upper' ? digits.toUpperCase() : casing === 'lower' ? digits.toLowerCase() : digits)
    },
    /** A v4 UUID as faker draws it (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`): the thirty `x` first, then the `y`. */
    uuid: (): string => {
      let x = ''
      for (let i = 0; i < 30; i++) x += Math.floor(this.#randomizer.next() * 16).toString(16)
      const y = Math.floor(this.#randomizer.next() * 4 + 8).toString(16)
      return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(12, 15)}-${y}${x.slice(15, 18)}-${x.slice(18)}`
    },
  }

  readonly internet = {
    /** faker's `internet.ipv4()` on its default network (0.0.0.0/0): one draw of 32 bits. */
    ipv4: (): string => {
      const ip = this.number.int(0xffffffff)
      return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`
    },
    /** faker's `internet.ipv6()`: eight groups of `string.hexadecimal({ length: 4, casing: 'lower', prefix: '' })`. */
    ipv6: (): string => {
      let out = ''
      for (let group = 0; group < 8; group++) {
        if (group > 0) out += ':'
        for (let i = 0; i < 4; i++) out += LOWER_HEX_DIGITS[this.#index(HEX_DIGITS.length)]
      }
      return out
    },
  }
}

/**
 * A seeded faker for one purpose, `skip` draws on (where an exact snapshot says the stream stood). Separate
 * streams for separate purposes, so that e.g. adding a request id never shifts the world that the seed generates.
 */
export function seededFaker(seed: Seed, stream: number, skip = 0): SeededFaker {
  const faker = new SeededFaker()
  faker.seed([seedNumber(seed), stream])
  faker.skip(skip)
  return faker
}

export const streams = { world: 1, runtime: 2, requestIds: 3, scenarios: 4, clients: 5 } as const

/**
 * Seeded UUID v4 strings from sfc32, a small fast generator. Request ids are drawn on every call, where
 * faker's uuid (about 7 KB of garbage each) showed up in the benchmark.
 */
export function uuidSource(seed: Seed, stream: number): () => string {
  const next = sfc32(seedNumber(seed), stream, 15)
  const hex = (word: number) => word.toString(16).padStart(8, '0')
  return () => {
    const h0 = hex(next())
    const h1 = hex(next())
    const h2 = hex(next())
    const h3 = hex(next())
    const variant = ((parseInt(h2[0]!, 16) & 3) | 8).toString(16)
    return `${h0}-${h1.slice(0, 4)}-4${h1.slice(5, 8)}-${variant}${h2.slice(1, 4)}-${h2.slice(4, 8)}${h3}`
  }
}

/**
 * sfc32: four 32-bit words of state seeded from two, warmed up by `warmup` draws. Small, fast and the same
 * in every environment; used where faker's streams would cost too much or shift other seeded values.
 */
export function sfc32(first: number, second: number, warmup: number): () => number {
  let a = first >>> 0
  let b = second >>> 0
  let c = 0x9e3779b9
  let d = 1
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < warmup; i++) next()
  return next
}
