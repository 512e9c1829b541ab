import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HashTable } from './tombstones.ts'

describe('HashTable (the tombstones’ compact index)', () => {
  it('behaves as a Map<number, number> under any sequence of sets, gets and deletes, growth and colliding probes included', () => {
    // Hashes are non-zero safe integers; a small key space forces collisions, probe runs and backward-shift deletes.
    const key = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 48 }), weight: 6 },
      { arbitrary: fc.integer({ min: 1, max: 2 ** 53 - 1 }), weight: 1 },
      // Home slots at the table's end, so that probe runs wrap around to slot 0.
      { arbitrary: fc.constantFrom(13, 29, 45, 14, 30, 46, 62, 15, 31, 47, 63, 79, 2 ** 32 + 15), weight: 4 },
      { arbitrary: fc.constantFrom(1, 17, 33, 65, 2 ** 32 + 1), weight: 2 },
    )
    const op = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('delete' as const), key }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('get' as const), key }), weight: 1 },
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const table = new HashTable()
        const oracle = new Map<number, number>()
        for (const step of ops) {
          if (step.kind === 'set') {
            table.set(step.key, step.value)
            oracle.set(step.key, step.value)
          } else if (step.kind === 'delete') {
            expect(table.delete(step.key)).toBe(oracle.delete(step.key))
          } else expect(table.get(step.key)).toBe(oracle.get(step.key))
          expect(table.size).toBe(oracle.size)
          // Every key still reachable after every step: a delete must not cut a probe run.
          for (const [k, v] of oracle) expect(table.get(k)).toBe(v)
        }
        expect(new Map(table.entries())).toEqual(oracle)
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps a run that wraps past the end reachable when an entry before the wrap is deleted', () => {
    // In 16 slots: 13 → 13, 14 → 14, 15 → 15, 30 (home 14) → wraps to 0, 46 (home 14) → 1.
    for (const deleted of [13, 14, 15]) {
      const table = new HashTable()
      for (const key of [13, 14, 15, 30, 46]) table.set(key, key * 10)
      table.delete(deleted)
      for (const key of [13, 14, 15, 30, 46].filter((k) => k !== deleted)) expect(table.get(key), `${key} after deleting ${deleted}`).toBe(key * 10)
      expect(table.get(deleted)).toBeUndefined()
    }
  })
})
