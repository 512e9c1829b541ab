import { fail } from '../lib/errors.ts'
/**
 * The mock's time. `logical` (the default) starts at the reference date and moves only when told to or by a
 * fixed step per answered request, so the same seed and the same calls give the same dates on any day.
 * `wall` follows the real clock, for a demo that should look current.
 */
export type ClockMode = 'logical' | 'wall'

/** A duration: milliseconds, or a string such as `'90s'`, `'15m'`, `'2h'`, `'7d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

export function toMilliseconds(duration: Duration): number {
  if (typeof duration === 'number') return duration
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(duration)
  if (!match) fail(`"${duration}" is not a duration: use e.g. 500, '90s', '15m', '2h', '7d'.`, TypeError)
  return Number(match[1]) * units[match[2]!]!
}

export function toEpochMilliseconds(date: Date | number | string): number {
  const ms = date instanceof Date ? date.getTime() : typeof date === 'number' ? date : Date.parse(date)
  if (!Number.isFinite(ms)) fail(`"${String(date)}" is not a date.`, TypeError)
  return ms
}

export class Clock {
  #mode: ClockMode
  #offset = 0
  #logical: number

  constructor(reference: number, mode: ClockMode = 'logical') {
    this.#mode = mode
    this.#logical = reference
  }

  get mode(): ClockMode {
    return this.#mode
  }

  /** Epoch milliseconds. */
  now(): number {
    return this.#mode === 'wall' ? Date.now() + this.#offset : this.#logical
  }

  advance(duration: Duration): number {
    const ms = toMilliseconds(duration)
    if (ms < 0) fail('The clock only moves forward: advance() takes a positive duration.', RangeError)
    if (this.#mode === 'wall') this.#offset += ms
    else this.#logical += ms
    return this.now()
  }

  set(date: Date | number | string): void {
    const ms = toEpochMilliseconds(date)
    if (this.#mode === 'wall') this.#offset = ms - Date.now()
    else this.#logical = ms
  }

  /** A logical clock takes one step per answered request, so successive changes have distinct dates. */
  tick(step: number): void {
    if (this.#mode === 'logical') this.#logical += step
  }
}
