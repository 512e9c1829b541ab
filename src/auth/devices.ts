import { fidelity } from '../fidelity.ts'
import type { Faker } from '@faker-js/faker'
import type { Clock } from '../state/clock.ts'
import * as make from '../state/factory.ts'
import type { Store } from '../state/store.ts'
import type { UserPoolRecord, UserRecord } from '../state/types.ts'

/**
 * Hands out a device key as the end of a sign-in does (`NewDeviceMetadata`): unique across the mock, kept
 * pending until ConfirmDevice turns it into a device. Shared by sign-in and `devices.issueKey()`.
 *
 * @example
 * const { DeviceKey, DeviceGroupKey } = issueDeviceKey({ store, random, clock }, pool, user)
 */
export function issueDeviceKey(
  ctx: { store: Store; random: Faker; clock: Clock },
  pool: UserPoolRecord,
  user: UserRecord,
  lastIp?: string,
): { DeviceKey: string; DeviceGroupKey: string } {
  let key = make.deviceKey(ctx.random, pool.region)
  while (ctx.store.isDeviceKeyTaken(key)) key = make.deviceKey(ctx.random, pool.region)
  const groupKey = make.deviceGroupKey(ctx.random)
  const now = ctx.clock.now()
  const record = { poolId: pool.id, username: user.username, key, groupKey, issuedAt: now, lastIp: lastIp ?? make.ipAddress(ctx.random) }
  ctx.store.addPending(record, fidelity.pendingDeviceKeysPerUser, now)
  return { DeviceKey: key, DeviceGroupKey: groupKey }
}
