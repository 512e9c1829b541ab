import { generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker'

/** A seed: a number, or any string (hashed to one). */
export type Seed = number | string

/** FNV-1a: a string seed becomes a faker seed the same way in every environment. */
export function seedNumber(seed: Seed): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new TypeError(`[cognito-device-mock] seed must be a finite number or a string, got ${seed}.`)
    return Math.trunc(seed)
  }
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

// ---------------------------------------------------------------------------------------------------
// SeededFaker: the part of faker's API the mock draws from, on faker's own randomizer
// ---------------------------------------------------------------------------------------------------

const DIGITS = [...'0123456789']
const UPPER_CASE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
const LOWER_CASE = [...'abcdefghijklmnopqrstuvwxyz']
const HEX_DIGITS = [...'0123456789abcdefABCDEF']

type Range = number | { min?: number; max?: number }
type Casing = 'upper' | 'lower' | 'mixed'

/**
 * The methods of faker's API that the mock calls, drawing exactly what `new Faker({ locale: [base] })` draws
 * from the same seed (src/state/random.test.ts compares the two over arbitrary seeds and arguments).
 *
 * Why not faker's `Faker` itself: every module hangs off the instance, so nothing tree-shakes, and even on the
 * `base` locale it cost 38.9 kB gzipped in the browser bundle, more than the rest of the mock put together;
 * `SimpleFaker` still cost 20 kB. The randomizer (MT19937, faker's own code) is imported, not copied; what
 * is written here are the few distributions on top of it (decisions/0011-faker-subset.md).
 */
export class SeededFaker {
  readonly #randomizer: Randomizer = generateMersenne53Randomizer()

  /** As `faker.seed`: a number, or an array of numbers (MT19937's init_by_array). */
  seed(seed: number | number[]): void {
    this.#randomizer.seed(seed)
  }

  readonly number = {
    int: (options: Range = {}): number => {
      const { min = 0, max = Number.MAX_SAFE_INTEGER } = typeof options === 'number' ? { max: options } : options
      const low = Math.ceil(min)
      const high = Math.floor(max)
      if (low === high) return low
      if (high < low) throw new RangeError(`[cognito-device-mock] max ${max} should be greater than min ${min}.`)
      return Math.floor(this.#randomizer.next() * (high - low + 1) + low)
    },
    float: (options: Range = {}): number => {
      const { min = 0, max = 1 } = typeof options === 'number' ? { max: options } : options
      if (max < min) throw new RangeError(`[cognito-device-mock] max ${max} should be greater than min ${min}.`)
      return this.#randomizer.next() * (max - min) + min
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
      if (array.length === 0) throw new RangeError('[cognito-device-mock] cannot pick from an empty array.')
      return array[array.length > 1 ? this.number.int({ max: array.length - 1 }) : 0]!
    },
    weightedArrayElement: <T>(array: readonly { weight: number; value: T }[]): T => {
      if (array.length === 0) throw new RangeError('[cognito-device-mock] cannot pick from an empty array.')
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
      if (pool.length === 0) throw new RangeError('[cognito-device-mock] no characters to pick from.')
      let out = ''
      for (let i = 0; i < count; i++) out += this.helpers.arrayElement(pool)
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
    /** A v4 UUID as faker draws it: every `x` first, then the `y`. */
    uuid: (): string =>
      'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'
        .replaceAll('x', () => this.number.hex({ min: 0, max: 15 }))
        .replaceAll('y', () => this.number.hex({ min: 8, max: 11 })),
  }

  readonly internet = {
    /** faker's `internet.ipv4()` on its default network (0.0.0.0/0): one draw of 32 bits. */
    ipv4: (): string => {
      const ip = this.number.int(0xffffffff)
      return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`
    },
    ipv6: (): string => Array.from({ length: 8 }, () => this.string.hexadecimal({ length: 4, casing: 'lower', prefix: '' })).join(':'),
  }
}

/**
 * A seeded faker for one purpose. Separate streams for separate purposes, so that e.g. adding a request id
 * never shifts the world that the seed generates.
 */
export function seededFaker(seed: Seed, stream: number): SeededFaker {
  const faker = new SeededFaker()
  faker.seed([seedNumber(seed), stream])
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
