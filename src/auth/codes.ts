import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { CodeDeliveryDetailsType } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import { accountRecoveryOf, autoVerifiedOf, passwordPolicyOf } from '../state/pool-settings.ts'
import { attributeOf } from '../state/user-lookup.ts'
import type { OutboxMessage, UserCodeRecord, UserPoolRecord, UserRecord, VerifiableAttribute } from '../state/types.ts'

/**
 * The codes of the user lifecycle (WIRE §10.1.2): sent into the outbox, kept on the user until used, replaced by
 * a newer one of the same purpose, checked with Cognito's wording; and the hourly limits on the calls around them.
 */

type CodePurpose = UserCodeRecord['purpose']
type LimitedOperation = keyof typeof fidelity.hourlyLimits

/** Whether the user's `attribute` is verified (an email of a user not UNCONFIRMED is, unless said otherwise). */
export function isVerified(user: UserRecord, attribute: VerifiableAttribute): boolean {
  return attributeOf(user, attribute) !== undefined && attributeOf(user, `${attribute}_verified`) === 'true'
}

/** Where a code for `attribute` goes: a change waiting for its code first (keepOriginalUntilVerified), else the value. */
function destinationOf(user: UserRecord, attribute: VerifiableAttribute): string | undefined {
  const pending = user.pendingAttributes?.[attribute]
  if (pending !== undefined) return pending
  if (attribute === 'email') return user.email === '' ? undefined : user.email
  return user.phoneNumber
}

/** CodeDeliveryDetails of a message, masked as Cognito masks it (fidelity.codeDestination). */
export function deliveryDetails(message: Pick<OutboxMessage, 'medium' | 'destination'>): CodeDeliveryDetailsType {
  const sms = message.medium === 'SMS'
  return {
    AttributeName: sms ? 'phone_number' : 'email',
    DeliveryMedium: message.medium,
    Destination: sms ? fidelity.codeDestination.phone(message.destination) : fidelity.codeDestination.email(message.destination),
  }
}

/**
 * Sends the user a code for `purpose` to `attribute`: a new code from the runtime stream, kept on the user in place
 * of any older one of the same purpose (and attribute), and put in the outbox. Returns what the answer shows.
 *
 * @example
 * const details = sendUserCode(ctx, { pool, user, purpose: 'sign-up', attribute: 'email' })
 * // { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' }
 */
export function sendUserCode(ctx: OperationContext, input: { pool: UserPoolRecord; user: UserRecord; purpose: CodePurpose; attribute: VerifiableAttribute }): CodeDeliveryDetailsType {
  const { pool, user, purpose, attribute } = input
  const destination = destinationOf(user, attribute)
  // Callers choose the attribute from what the user has: a missing destination is the mock's bug.
  if (destination === undefined) throw new Error(`cognito-device-mock: no ${attribute} to send a ${purpose} code to for ${user.username}`)
  const code = ctx.random.string.numeric({ length: fidelity.codes.digits, allowLeadingZeros: true })
  const now = ctx.clock.now()
  const expiresAt = now + fidelity.codes.lifetimeMs[purpose]
  user.codes = [...(user.codes ?? []).filter((c) => !(c.purpose === purpose && (purpose !== 'verify-attribute' || c.attribute === attribute))), { purpose, attribute, code, expiresAt }]
  const template = purpose === 'forgot-password' ? fidelity.codeMessages.passwordReset : fidelity.codeMessages.verification
  const medium = attribute === 'email' ? 'EMAIL' : 'SMS'
  const message = ctx.store.outbox.send({
    at: now,
    poolId: pool.id,
    username: user.username,
    medium,
    destination,
    purpose,
    ...(medium === 'EMAIL' ? { subject: template.subject } : {}),
    code,
    text: template.text.replace('{####}', code),
    expiresAt,
  })
  return deliveryDetails(message)
}

/**
 * Takes the user's code for `purpose`: [I] none outstanding or past its life → ExpiredCodeException (the
 * developer guide says so of ConfirmForgotPassword without ForgotPassword) [C wording]; another code →
 * CodeMismatchException [C wording], leaving the code outstanding. A right code is used up.
 *
 * @example
 * useUserCode(ctx, user, 'sign-up', '123456') // the record: its attribute is now verified by the caller
 */
export function useUserCode(ctx: OperationContext, user: UserRecord, purpose: CodePurpose, code: string, attribute?: VerifiableAttribute): UserCodeRecord {
  const record = (user.codes ?? []).find((c) => c.purpose === purpose && (attribute === undefined || c.attribute === attribute))
  if (record === undefined || ctx.clock.now() >= record.expiresAt) throw new CognitoError('ExpiredCodeException', wire.lifecycle.codeExpired)
  if (record.code !== code) throw new CognitoError('CodeMismatchException', wire.lifecycle.codeMismatch)
  user.codes = user.codes!.filter((c) => c !== record)
  if (user.codes.length === 0) delete user.codes
  return record
}

/**
 * Counts a call against the user's hourly limit for `operation` (fidelity.hourlyLimits): over it, the call is
 * refused with LimitExceededException and not counted.
 *
 * @example
 * countCall(ctx, user, 'ChangePassword') // the sixth within an hour throws
 */
export function countCall(ctx: OperationContext, user: UserRecord, operation: LimitedOperation): void {
  const now = ctx.clock.now()
  const recent = (user.calls?.[operation] ?? []).filter((at) => at > now - 3_600_000 && at <= now)
  if (recent.length >= fidelity.hourlyLimits[operation]) throw new CognitoError('LimitExceededException', wire.lifecycle.attemptLimit)
  user.calls = { ...user.calls, [operation]: [...recent, now] }
}

/** The attribute a sign-up code goes to: the phone number when the pool verifies both (WIRE §10.1.3), else the email. */
export function signUpCodeAttribute(pool: UserPoolRecord, user: UserRecord): VerifiableAttribute | undefined {
  const verified = autoVerifiedOf(pool)
  if (verified.includes('phone_number') && user.phoneNumber !== undefined) return 'phone_number'
  if (verified.includes('email') && user.email !== '') return 'email'
  return undefined
}

/**
 * Where a password reset code goes: the first of the pool's recovery mechanisms the user has verified; a phone
 * number the user signs in with by SMS MFA does not count [C: AccountRecoverySetting's doc].
 */
export function recoveryAttribute(pool: UserPoolRecord, user: UserRecord): VerifiableAttribute | undefined {
  for (const option of accountRecoveryOf(pool)) {
    if (option === 'verified_email' && isVerified(user, 'email')) return 'email'
    if (option === 'verified_phone_number' && isVerified(user, 'phone_number') && !(user.mfa?.enabled ?? []).includes('sms')) return 'phone_number'
  }
  return undefined
}

/**
 * AdminCreateUser's invitation: the temporary password (the message's code) and the username, by `medium` [C: the
 * default template's words, fidelity.codeMessages].
 *
 * @example
 * sendInvitation(ctx, { pool, user, medium: 'EMAIL', password: 'Tumepa-Ruxolo-4821' })
 */
export function sendInvitation(ctx: OperationContext, input: { pool: UserPoolRecord; user: UserRecord; medium: 'SMS' | 'EMAIL'; password: string }): OutboxMessage {
  const { pool, user, medium, password } = input
  const destination = medium === 'EMAIL' ? user.email : user.phoneNumber!
  const now = ctx.clock.now()
  const template = fidelity.codeMessages.invitation
  return ctx.store.outbox.send({
    at: now,
    poolId: pool.id,
    username: user.username,
    medium,
    destination,
    purpose: 'invitation',
    ...(medium === 'EMAIL' ? { subject: template.subject } : {}),
    code: password,
    text: template.text.replace('{username}', user.username).replace('{####}', password),
    expiresAt: now + Math.max(1, temporaryValidityDays(pool)) * 86_400_000,
  })
}

/** Days a temporary password is good for (0 means the default, as the API says [C]). */
export function temporaryValidityDays(pool: UserPoolRecord): number {
  return passwordPolicyOf(pool).temporaryPasswordValidityDays || fidelity.poolDefaults.passwordPolicy.temporaryPasswordValidityDays
}
