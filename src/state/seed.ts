import type { Randomizer } from '@faker-js/faker'
import { fail } from '../lib/errors.ts'

/** A seed: a number, or any string (hashed to one). */
export type Seed = number | string

/** FNV-1a: a string seed becomes a number the same way in every environment. */
export function seedNumber(seed: Seed): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) fail(`seed must be a finite number or a string, got ${seed}.`, TypeError)
    return Math.trunc(seed)
  }
  return hashText(seed)
}

/** FNV-1a over the UTF-16 code units. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/**
 * sfc32: four 32-bit words of state, a few integer operations per draw. The same in every environment
 * (only `Math.imul`-free int32 arithmetic), and seeded in a handful of operations, where MT19937 needs 624
 * words: the world reseeds a stream per user.
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

/** Two well-mixed 32-bit words from a list of numbers (a seed and the stream it is for). */
function mix(parts: readonly number[]): [number, number] {
  let h1 = 0x811c9dc5
  let h2 = 0x9e3779b9
  for (const part of parts) {
    const word = Math.trunc(part) | 0
    const high = Math.trunc(part / 2 ** 32) | 0
    for (const w of [word, high]) {
      h1 = Math.imul(h1 ^ w, 0x01000193)
      h2 = Math.imul(h2 ^ (w >>> 16) ^ (w << 16), 0x5bd1e995)
      h2 ^= h2 >>> 15
    }
  }
  return [h1 >>> 0, h2 >>> 0]
}

/**
 * faker's `Randomizer` on sfc32, counting its draws: faker's public API for a custom generator. The count is
 * what an exact snapshot records, and `skip` puts a fresh randomizer back where a snapshot says it stood.
 */
export interface CountingRandomizer extends Randomizer {
  readonly draws: number
  skip(count: number): void
}

export function countingRandomizer(parts: readonly number[] = [0]): CountingRandomizer {
  let next = sfc32(...mix(parts), 12)
  let draws = 0
  return {
    get draws() {
      return draws
    },
    // 53-bit floats in [0, 1) from two words, as faker's own randomizer makes them.
    next() {
      draws++
      return ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992
    },
    seed(seed) {
      next = sfc32(...mix(typeof seed === 'number' ? [seed] : seed), 12)
      draws = 0
    },
    skip(count) {
      for (let i = 0; i < count; i++) this.next()
    },
  }
}

/** The purposes that draw from a seed, each its own stream, so that one never shifts another. */
export const streams = { world: 1, runtime: 2, requestIds: 3, scenarios: 4, clients: 5, passwords: 6 } as const

/**
 * Seeded UUID v4 strings straight from sfc32. Request ids are drawn on every call, where faker's uuid (thirty
 * one draws and about 7 KB of garbage each) showed up in the benchmark.
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
