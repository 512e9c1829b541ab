import type { WorldOptions } from './world-spec.ts'

/** A world as JSON with its keys sorted (functions by their source): two origins compare equal as text when they are. */
export type WorldDescription = { readonly [key: string]: unknown }

/**
 * What a snapshot records of the world it grew from (`ExactPosition.origin.world`).
 *
 * @example
 * describeWorld({ usersPerPool: 2, pools: 1 }) // { pools: 1, usersPerPool: 2 }
 */
export function describeWorld(world: WorldOptions): WorldDescription {
  const sorted = (value: unknown): unknown => {
    if (typeof value === 'function') return `function ${String(value)}`
    if (value instanceof Date) return value.toISOString()
    if (Array.isArray(value)) return value.map(sorted)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]))
    }
    return value
  }
  return sorted(world) as WorldDescription
}
