import { missingRequiredAttributes, setAttribute } from './attributes.ts'
import { attributeOf } from '../state/user-lookup.ts'
import { inSchema } from '../state/pool-settings.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import { userMfa } from '../state/user-lookup.ts'
import type { AppClientRecord, AuthSessionRecord, MfaFactor, UserPoolRecord } from '../state/types.ts'
import { factorOf, usableFactors, type MfaChallenge } from './mfa.ts'
import { optional, required, type AuthAnswer } from './parameters.ts'
import { checkPassword } from './password-policy.ts'
import { closeSession, findSession, sessionUser } from './sessions.ts'
import { continueSignIn, deviceOf, factorChallenge, type SignInFlow } from './sign-in-steps.ts'
import { acceptedStep } from './totp.ts'

/**
 * RespondToAuthChallenge for the challenges that follow the password: NEW_PASSWORD_REQUIRED, the second
 * factor's codes, SELECT_MFA_TYPE and MFA_SETUP. Each finds its session by `Session`, checks that USERNAME is
 * the session's user, and carries the sign-in on (sign-in-steps.ts).
 */

interface Answer {
  pool: UserPoolRecord
  client: AppClientRecord
  responses: Record<string, string>
  session: string | undefined
  sourceIp: string | undefined
}


/**
 * The session and the sign-in it stands for. A USERNAME that does not name the session's user (by name, alias or
 * `sub`, fidelity.adminUsernameForms) spends it; so does a user deleted or disabled since the last step.
 */
function resume(ctx: OperationContext, input: Answer, challenge: AuthSessionRecord['challenge']): { record: AuthSessionRecord; flow: SignInFlow } {
  const username = required(input.responses, 'USERNAME')
  const record = findSession(ctx, input.session, challenge, input.client.clientId)
  const user = sessionUser(ctx, record, input.pool, username)
  const flow: SignInFlow = { pool: input.pool, client: input.client, user, device: undefined, sourceIp: input.sourceIp ?? record.sourceIp, passed: { ...record.passed } }
  return { record, flow }
}

/**
 * NEW_PASSWORD_REQUIRED: the password policy, then the new password and the `userAttributes.*` the user keeps
 * (email and phone number; a changed one is no longer verified). The password step's DEVICE_KEY is not carried
 * over (fidelity.newPassword).
 */
export async function answerNewPassword(ctx: OperationContext, input: Answer): Promise<AuthAnswer> {
  const { record, flow } = resume(ctx, input, 'NEW_PASSWORD_REQUIRED')
  const password = required(input.responses, 'NEW_PASSWORD')
  checkPassword(flow.pool, password)
  const { user } = flow
  const changes = Object.entries(input.responses).flatMap(([key, value]) => {
    const name = key.slice('userAttributes.'.length)
    const wanted = key.startsWith('userAttributes.') && typeof value === 'string' && name !== 'sub' && inSchema(flow.pool, name)
    return wanted && value !== attributeOf(user, name) ? [[name, value] as const] : []
  })
  const missing = missingRequiredAttributes(flow.pool, user).find((key) => !changes.some(([name, value]) => key === `userAttributes.${name}` && value !== ''))
  if (missing !== undefined) throw new CognitoError('InvalidParameterException', fidelity.lifecycleMessages.newPasswordMissing(missing.slice('userAttributes.'.length)))
  closeSession(ctx, record)
  for (const [name, value] of changes) {
    setAttribute(user, name, value === '' ? undefined : value)
    // A changed email or phone number is no longer verified (fidelity.newPassword).
    if (name in fidelity.newPassword.keptAttributes) setAttribute(user, `${name}_verified`, value === '' ? undefined : 'false')
  }
  user.password = password
  user.status = 'CONFIRMED'
  delete user.temporaryPasswordAt
  user.modifiedAt = ctx.clock.now()
  flow.passed.newPassword = true
  return continueSignIn(ctx, flow)
}

/** SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP: the code, then the device the answer names, or the tokens. */
export async function answerCode(ctx: OperationContext, input: Answer, challenge: MfaChallenge): Promise<AuthAnswer> {
  const { record, flow } = resume(ctx, input, challenge)
  const code = required(input.responses, `${challenge}_CODE`)
  const state = record.mfa ?? { attempts: 0 }
  const factor = factorOf(challenge)!
  let good: boolean
  if (factor === 'totp') {
    const mfa = userMfa(flow.user)
    if (mfa.totpSecret === undefined) {
      closeSession(ctx, record)
      throw new CognitoError('SoftwareTokenMFANotFoundException', fidelity.softwareToken.notAssociated)
    }
    const step = acceptedStep(mfa.totpSecret, code, ctx.clock.now(), mfa.totpLastStep)
    // A code used before is not a wrong guess: it does not count as an attempt (fidelity.mfa).
    if (step === 'reused') throw new CognitoError(fidelity.mfa.reused.type, fidelity.mfa.reused.message)
    good = step !== undefined
    if (step !== undefined) mfa.totpLastStep = step
  } else good = code === state.code
  if (!good) {
    state.attempts += 1
    record.mfa = state
    if (state.attempts >= fidelity.mfa.maxAttempts) closeSession(ctx, record)
    throw new CognitoError(fidelity.mfa.mismatch.type, fidelity.mfa.mismatch.message)
  }
  if (state.settingUp !== undefined) enable(flow, state.settingUp, state.setupEmail)
  // [C] a phone number that received a right code is verified (WIRE §8.7.1); [I] an address too.
  if (factor === 'sms') flow.user.phoneVerified = true
  if (factor === 'email') flow.user.emailVerified = true
  return passed(ctx, input, record, flow)
}

/** SELECT_MFA_TYPE: ANSWER names one of MFAS_CAN_CHOOSE that the user can still use; its challenge follows. */
export function answerSelection(ctx: OperationContext, input: Answer): AuthAnswer {
  const { record, flow } = resume(ctx, input, 'SELECT_MFA_TYPE')
  const answer = required(input.responses, 'ANSWER')
  const factor = factorOf(fidelity.mfaSelection.aliases[answer] ?? answer)
  closeSession(ctx, record)
  // What was offered, and still usable: the pool or the user may have changed since the choice was offered.
  if (factor === undefined || !(record.mfa?.choices ?? []).includes(factor) || !usableFactors(flow.pool, flow.user).includes(factor)) {
    throw new CognitoError(fidelity.mfaSelection.invalid.type, fidelity.mfaSelection.invalid.message)
  }
  return factorChallenge(ctx, flow, factor)
}

/**
 * MFA_SETUP: after VerifySoftwareToken accepted a code on this session, the authenticator becomes the user's;
 * with EMAIL (Amplify's email set-up), a code goes to that address and EMAIL_OTP follows.
 */
export async function answerSetup(ctx: OperationContext, input: Answer): Promise<AuthAnswer> {
  const { record, flow } = resume(ctx, input, 'MFA_SETUP')
  const choices = record.mfa?.choices ?? []
  const email = optional(input.responses, 'EMAIL')
  closeSession(ctx, record)
  if (email !== undefined && choices.includes('email')) return factorChallenge(ctx, flow, 'email', { to: email })
  const setup = record.mfa
  if (!setup?.setupVerified || setup.setupSecret === undefined) {
    throw new CognitoError(fidelity.mfaSetup.notVerified.type, fidelity.mfaSetup.notVerified.message)
  }
  const mfa = userMfa(flow.user)
  mfa.totpSecret = setup.setupSecret
  if (setup.setupStep !== undefined) mfa.totpLastStep = setup.setupStep
  if (setup.setupName !== undefined) mfa.totpName = setup.setupName
  else delete mfa.totpName
  enable(flow, 'totp')
  return passed(ctx, input, record, flow)
}

/** The second factor is passed: device SRP for the device the answer names (under the answered Session), or the tokens. */
function passed(ctx: OperationContext, input: Answer, record: AuthSessionRecord, flow: SignInFlow): Promise<AuthAnswer> {
  closeSession(ctx, record)
  flow.passed.mfa = true
  if (fidelity.deviceAfterMfa.keepSession) flow.answeredSession = record.session
  flow.device = deviceOf(ctx, flow.pool, flow.user, optional(input.responses, 'DEVICE_KEY'), false)
  return continueSignIn(ctx, flow)
}

/** A factor set up during sign-in becomes enabled and preferred (fidelity.mfaSetup). */
function enable(flow: SignInFlow, factor: MfaFactor, email?: string): void {
  const mfa = userMfa(flow.user)
  if (factor === 'email' && email !== undefined) {
    flow.user.email = email
    flow.user.emailVerified = true
  }
  if (!mfa.enabled.includes(factor)) mfa.enabled.push(factor)
  mfa.preferred = factor
}
