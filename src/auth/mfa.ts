import { fidelity } from '../fidelity.ts'
import type { OperationContext } from '../state/context.ts'
import { canUse, poolMfa } from '../state/user-lookup.ts'
import type { MfaFactor, OutboxMessage, UserPoolRecord, UserRecord } from '../state/types.ts'

/**
 * Which second factor a sign-in asks for, and the codes sent for it. The decision is fidelity.mfaChoice's.
 */

/** The wire's name of each factor (ChallengeName, UserMFASettingList, MFAS_CAN_CHOOSE). */
export const challengeOf = { sms: 'SMS_MFA', totp: 'SOFTWARE_TOKEN_MFA', email: 'EMAIL_OTP' } as const satisfies Record<MfaFactor, string>

export type MfaChallenge = (typeof challengeOf)[MfaFactor]

/** The order the challenges list factors in (fidelity.mfaChoice). */
const WIRE_ORDER: readonly MfaFactor[] = ['sms', 'totp', 'email']

/** The factor of a wire name, or `undefined`. */
export function factorOf(name: string | undefined): MfaFactor | undefined {
  return (Object.keys(challengeOf) as MfaFactor[]).find((factor) => challengeOf[factor] === name)
}

/** What follows a correct password (and a new one, when one was due) as far as the second factor goes. */
export type MfaStep =
  | { kind: 'none' }
  | { kind: 'challenge'; factor: MfaFactor }
  | { kind: 'select'; choices: MfaFactor[] }
  | { kind: 'setup'; choices: MfaFactor[] }
  | { kind: 'no-method' }

/** The factors a sign-in of `user` may use: the pool offers them, the user enabled them and has what they need. */
export function usableFactors(pool: UserPoolRecord, user: UserRecord): MfaFactor[] {
  const config = poolMfa(pool)
  if (config.mode === 'off') return []
  const enabled = (user.mfa?.enabled ?? []).filter((factor) => config.factors.includes(factor) && canUse(user, factor))
  if (enabled.length === 0 && config.mode === 'on' && fidelity.mfaChoice.legacySmsWithPhone && config.factors.includes('sms') && canUse(user, 'sms')) {
    return ['sms']
  }
  return WIRE_ORDER.filter((factor) => enabled.includes(factor))
}

/**
 * The second-factor step for `user`.
 *
 * @example
 * mfaStep(pool, user) // { kind: 'challenge', factor: 'totp' }
 */
export function mfaStep(pool: UserPoolRecord, user: UserRecord): MfaStep {
  const config = poolMfa(pool)
  if (config.mode === 'off') return { kind: 'none' }
  const factors = usableFactors(pool, user)
  if (factors.length === 0) {
    if (config.mode !== 'on') return { kind: 'none' }
    return config.factors.some((factor) => factor !== 'sms') ? { kind: 'setup', choices: setupChoices(pool) } : { kind: 'no-method' }
  }
  if (factors.length === 1) return { kind: 'challenge', factor: factors[0]! }
  const preferred = user.mfa?.preferred
  if (preferred !== undefined && factors.includes(preferred)) return { kind: 'challenge', factor: preferred }
  return { kind: 'select', choices: factors }
}

/** MFA_SETUP's `MFAS_CAN_SETUP`: the pool's factors. */
function setupChoices(pool: UserPoolRecord): MfaFactor[] {
  return WIRE_ORDER.filter((factor) => poolMfa(pool).factors.includes(factor))
}

/** A list of factors as the challenges' JSON-array strings (`'["SMS_MFA","SOFTWARE_TOKEN_MFA"]'`). */
export function factorList(factors: readonly MfaFactor[]): string {
  return JSON.stringify(factors.map((factor) => challengeOf[factor]))
}

/**
 * Sends a sign-in code by SMS or email: a new code from the runtime stream, into the outbox.
 *
 * @example
 * const message = sendCode(ctx, { pool, user, factor: 'sms' })
 */
export function sendCode(ctx: OperationContext, input: { pool: UserPoolRecord; user: UserRecord; factor: 'sms' | 'email'; to?: string }): OutboxMessage {
  const { pool, user, factor } = input
  const config = poolMfa(pool)
  const destination = input.to ?? (factor === 'sms' ? user.phoneNumber : user.email)
  // The challenge is chosen from what the user can use (usableFactors): a missing destination is the mock's bug.
  if (destination === undefined || destination === '') throw new Error(`cognito-device-mock: no ${factor} destination for ${user.username}`)
  const code = ctx.random.string.numeric({ length: fidelity.mfa.codeDigits[factor], allowLeadingZeros: true })
  const template = factor === 'sms' ? (config.smsMessage ?? fidelity.mfa.smsMessage) : (config.emailMessage ?? fidelity.mfa.emailMessage)
  const now = ctx.clock.now()
  return ctx.store.outbox.send({
    at: now,
    poolId: pool.id,
    username: user.username,
    medium: factor === 'sms' ? 'SMS' : 'EMAIL',
    destination,
    purpose: 'mfa',
    ...(factor === 'email' ? { subject: config.emailSubject ?? fidelity.mfa.emailSubject } : {}),
    code,
    text: template.replace('{####}', code),
    expiresAt: now + fidelity.session.lifetimeMs,
  })
}

/** The ChallengeParameters of a code challenge: where the code went, masked. */
export function deliveryParameters(message: OutboxMessage): Record<string, string> {
  return {
    CODE_DELIVERY_DELIVERY_MEDIUM: message.medium,
    CODE_DELIVERY_DESTINATION: message.medium === 'SMS' ? fidelity.codeDestination.phone(message.destination) : fidelity.codeDestination.email(message.destination),
  }
}
