import { seededFaker, uuidSource, type Seed } from './random.ts'

/** The runtime streams' faker (random.ts decides which implementation). */
export type Stream = ReturnType<typeof seededFaker>

/** A stream and how many values it has drawn since it was seeded. */
export interface Counted<T> {
  readonly stream: T
  draws(): number
}

type NumberModule = {
  int(options?: number | { min?: number; max?: number }): number
  float(options?: number | { min?: number; max?: number }): number
}

/**
 * `seededFaker(seed, stream)`, counting its draws and put `skip` draws further on: the position an exact snapshot
 * records and a restore puts a fresh stream back at (decisions/0010-browser-persistence.md).
 *
 * Every value the faker draws goes through `number.int` (one draw, none when its range holds a single integer)
 * or `number.float` (one draw): its other methods call these two through the instance. Counting there counts
 * every draw; skipping replays them with `float()`. src/state/draw-count.test.ts holds the faker to it.
 */
export function countedFaker(seed: Seed, stream: number, skip = 0): Counted<Stream> {
  const faker = seededFaker(seed, stream)
  const number = faker.number as unknown as NumberModule
  const int = number.int.bind(number)
  const float = number.float.bind(number)
  let draws = 0
  number.int = (options) => {
    const value = int(options)
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = typeof options === 'number' ? { max: options } : (options ?? {})
    if (Math.ceil(min) !== Math.floor(max)) draws++
    return value
  }
  number.float = (options) => {
    const value = float(options)
    draws++
    return value
  }
  for (let i = 0; i < skip; i++) number.float()
  return { stream: faker, draws: () => draws }
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
    throw new TypeError(`[cognito-device-mock] restore(): exact.draws.${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}.`)
  }
  return value as number
}
