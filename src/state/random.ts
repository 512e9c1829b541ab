import { Faker, base } from '@faker-js/faker'

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

/**
 * A seeded faker on the `base` locale (no locale data shipped to the browser). Separate streams for separate
 * purposes, so that e.g. adding a request id never shifts the world that the seed generates.
 */
export function seededFaker(seed: Seed, stream: number): Faker {
  const faker = new Faker({ locale: [base] })
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
