import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { deviceSdk } from '../state/factory.ts'
import type { OperationContext } from '../state/context.ts'
import type { ConfirmDeviceRequest, ConfirmDeviceResponse } from '../model/operation-types.generated.ts'
import { authenticate, deviceNotFound } from './auth.ts'

/**
 * Turns a key the mock issued to this user at sign-in (NewDeviceMetadata) into a device. The pool's device
 * remembering decides whether it is remembered at once and what `UserConfirmationNecessary` says (WIRE §5).
 */
export async function confirmDevice(ctx: OperationContext, input: ConfirmDeviceRequest): Promise<ConfirmDeviceResponse> {
  const { pool, user } = await authenticate(ctx, input.AccessToken)
  if (ctx.store.getDevice(pool.id, user.username, input.DeviceKey)) {
    throw new CognitoError(fidelity.deviceKeyExists.type, fidelity.deviceKeyExists.message)
  }
  const pending = ctx.store.pending.get(input.DeviceKey)
  if (!pending || pending.poolId !== pool.id || pending.username.toLowerCase() !== user.username.toLowerCase()) throw deviceNotFound()
  if (pool.deviceRemembering === 'off') {
    throw new CognitoError(fidelity.deviceTrackingOff.type, fidelity.deviceTrackingOff.message)
  }
  const now = ctx.clock.now()
  const verifier = input.DeviceSecretVerifierConfig
  ctx.store.putDevice({
    poolId: pool.id,
    username: user.username,
    key: pending.key,
    groupKey: pending.groupKey,
    ...(input.DeviceName !== undefined ? { name: input.DeviceName } : {}),
    rememberedStatus: pool.deviceRemembering === 'always' ? 'remembered' : 'not_remembered',
    lastIp: pending.lastIp,
    sdk: deviceSdk(ctx.random),
    createdAt: now,
    lastModifiedAt: now,
    lastAuthenticatedAt: Math.floor(now / 1000) * 1000,
    ...(verifier ? { verifier: { passwordVerifier: verifier.PasswordVerifier ?? '', salt: verifier.Salt ?? '' } } : {}),
  })
  return { UserConfirmationNecessary: pool.deviceRemembering === 'user-opt-in' }
}
