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

export const streams = { world: 1, runtime: 2, requestIds: 3, scenarios: 4 } as const
