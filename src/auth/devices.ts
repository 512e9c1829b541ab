import { fidelity } from '../fidelity.ts'
import type { Faker } from '@faker-js/faker'
import type { Clock } from '../state/clock.ts'
import * as make from '../state/factory.ts'
import type { Store } from '../state/store.ts'
import type { OperationContext } from '../state/context.ts'
import type { DeviceRecord, DeviceRememberedStatus, UserPoolRecord, UserRecord } from '../state/types.ts'
import { hexToBytes, toBase64 } from '../lib/bytes.ts'
import { padHex, passwordVerifier } from './srp.ts'

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

/**
 * A device as a client's sign-in leaves it once ConfirmDevice succeeded, together with the secret the client
 * keeps: the random password behind the device's SRP verifier. Both clients build the verifier alike
 * (WIRE §8.9): x = H(padHex(salt) ‖ H(DeviceGroupKey ‖ DeviceKey ‖ ":" ‖ randomPassword)), v = g^x mod N, sent
 * as Base64 bytes; so the next real device-SRP sign-in from that storage proves this verifier. The key, group key,
 * password and salt are drawn from the mock's stream, as a sign-in and a client would draw theirs.
 *
 * @example
 * const { device, randomPassword } = await deviceWithSecret(ctx, pool, user, { rememberedStatus: 'remembered' })
 * // storage: …deviceKey = device.key, …deviceGroupKey = device.groupKey, …randomPasswordKey = randomPassword
 */
export async function deviceWithSecret(
  ctx: OperationContext,
  pool: UserPoolRecord,
  user: UserRecord,
  options: { rememberedStatus: DeviceRememberedStatus; name?: string },
): Promise<{ device: DeviceRecord; randomPassword: string }> {
  let key = make.deviceKey(ctx.random, pool.region)
  while (ctx.store.isDeviceKeyTaken(key)) key = make.deviceKey(ctx.random, pool.region)
  const groupKey = make.deviceGroupKey(ctx.random)
  // As the clients draw them: 40 random bytes as Base64, a 16-byte salt written as Java's BigInteger would.
  const randomPassword = toBase64(hexToBytes(ctx.random.string.hexadecimal({ length: 80, casing: 'lower', prefix: '' })))
  const saltHex = padHex(BigInt(`0x${ctx.random.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}`) || 1n)
  const v = await passwordVerifier(groupKey, key, randomPassword, saltHex)
  const now = ctx.clock.now()
  const device = ctx.store.putDevice({
    poolId: pool.id,
    username: user.username,
    key,
    groupKey,
    name: options.name ?? make.deviceName(ctx.random),
    rememberedStatus: options.rememberedStatus,
    lastIp: make.ipAddress(ctx.random),
    sdk: make.deviceSdk(ctx.random),
    createdAt: now,
    lastModifiedAt: now,
    lastAuthenticatedAt: Math.floor(now / 1000) * 1000,
    verifier: { passwordVerifier: toBase64(hexToBytes(padHex(v))), salt: toBase64(hexToBytes(saltHex)) },
  })
  return { device, randomPassword }
}
