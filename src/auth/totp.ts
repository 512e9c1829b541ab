import { Secret, TOTP } from 'otpauth'
import { fidelity } from '../fidelity.ts'
import type { OperationContext } from '../state/context.ts'
import { drawTotpSecret } from '../state/world-mfa.ts'

/**
 * Authenticator codes (RFC 6238) on the mock's clock, through otpauth: the codes a real authenticator app shows
 * for the same secret at the same moment.
 */

const { digits, periodSeconds: period, window } = fidelity.mfa.totp

function totpOf(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), digits, period, algorithm: 'SHA1' })
}

/** A new authenticator secret, Base32, drawn from the runtime stream. */
export function newTotpSecret(ctx: Pick<OperationContext, 'random'>): string {
  return drawTotpSecret(ctx.random)
}

/**
 * The code an authenticator shows for `secret` at `now` (epoch milliseconds).
 *
 * @example
 * totpCode('JBSWY3DPEHPK3PXP', Date.now()) // '492039'
 */
export function totpCode(secret: string, now: number): string {
  return totpOf(secret).generate({ timestamp: now })
}

/** The 30-second step `now` falls in. */
function totpStep(now: number): number {
  return Math.floor(now / 1000 / period)
}

/**
 * The step whose code `code` is, within one step of `now`; `'reused'` for a step at or before `lastStep` (each
 * code is good once); `undefined` for a wrong code.
 */
export function acceptedStep(secret: string, code: string, now: number, lastStep?: number): number | 'reused' | undefined {
  if (!/^\d+$/.test(code)) return undefined
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window })
  if (delta === null) return undefined
  const step = totpStep(now) + delta
  return lastStep !== undefined && step <= lastStep ? 'reused' : step
}
