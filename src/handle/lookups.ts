import { fail } from '../lib/errors.ts'
import type { Store } from '../state/store.ts'
import type { DeviceRecord, UserPoolRecord, UserRecord } from '../state/types.ts'

/**
 * The records a handle method names, or a usage error that says what exists. Handle methods return copies
 * (`copy`), so that a caller cannot change the store behind the mock's back.
 */
export interface Lookups {
  pool(poolId: string): UserPoolRecord
  user(poolId: string, username: string): UserRecord
  device(poolId: string, username: string, deviceKey: string): DeviceRecord
}

/**
 * Lookups over `store`; `where` (e.g. `users.totpCode`) opens their errors.
 *
 * @example
 * const find = lookups(runtime.store)
 * const pool = find.pool('us-east-1_AbC123xYz') // or a usage error listing the known pools
 */
export function lookups(store: Store, where?: string): Lookups {
  const missing = (what: string): never => fail(where === undefined ? `No ${what}` : `${where}: no ${what}`)
  const pool = (poolId: string): UserPoolRecord =>
    store.pools.get(poolId) ?? missing(`user pool "${poolId}". Known pools: ${[...store.pools.keys()].join(', ') || 'none (create one with pools.create())'}.`)
  const user = (poolId: string, username: string): UserRecord => store.getUser(pool(poolId).id, username) ?? missing(`user "${username}" in pool ${poolId}.`)
  const device = (poolId: string, username: string, deviceKey: string): DeviceRecord =>
    store.getDevice(poolId, user(poolId, username).username, deviceKey) ?? missing(`device "${deviceKey}" for user "${username}" in pool ${poolId}.`)
  return { pool, user, device }
}

/** A deep copy: what the handle hands out is the caller's, not the store's. */
export const copy = <T>(value: T): T => structuredClone(value)
