import { uuidSource, type Seed } from './seed.ts'
import { fail } from '../lib/errors.ts'

/** A stream and how many values it has drawn since it was seeded. */
export interface Counted<T> {
  readonly stream: T
  draws(): number
}

/** `uuidSource(seed, stream)` (request ids), counting the ids it gave and put `skip` ids further on. */
export function countedUuids(seed: Seed, stream: number, skip = 0): Counted<() => string> {
  const source = uuidSource(seed, stream)
  let draws = 0
  const next = () => {
    draws++
    return source()
  }
  for (let i = 0; i < skip; i++) next()
  return { stream: next, draws: () => draws }
}

/** A draw count read from a snapshot: a whole number ≥ 0, or the restore is refused before anything changes. */
export function checkDraws(value: unknown, name: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    fail(`restore(): exact.draws.${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}.`, TypeError)
  }
  return value as number
}
