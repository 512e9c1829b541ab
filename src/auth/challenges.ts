import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import { findUser, userMfa } from '../state/user-lookup.ts'
import type { AppClientRecord, AuthSessionRecord, MfaFactor, UserPoolRecord } from '../state/types.ts'
import { factorOf, type MfaChallenge } from './mfa.ts'
import { optional, required, type AuthAnswer } from './parameters.ts'
import { checkPassword } from './password-policy.ts'
import { closeSession, findSession } from './sessions.ts'
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

const invalidSession = () => new CognitoError('NotAuthorizedException', fidelity.session.invalid)

/** The session and the sign-in it stands for; a USERNAME that is not the session's user spends it. */
function resume(ctx: OperationContext, input: Answer, challenge: AuthSessionRecord['challenge']): { record: AuthSessionRecord; flow: SignInFlow } {
  const username = required(input.responses, 'USERNAME')
  const record = findSession(ctx, input.session, challenge, input.client.clientId)
  const user = ctx.store.getUser(input.pool.id, record.username)
  if (!user || record.poolId !== input.pool.id || findUser(ctx.store, input.pool, username, { sub: true }) !== user) {
    closeSession(ctx, record)
    throw invalidSession()
  }
  const flow: SignInFlow = {
    pool: input.pool,
    client: input.client,
    user,
    device: undefined,
    sourceIp: input.sourceIp ?? record.sourceIp,
    passed: { ...record.passed },
  }
  return { record, flow }
}

/** NEW_PASSWORD_REQUIRED: the password policy, then the new password and any `userAttributes.*` given. */
export async function answerNewPassword(ctx: OperationContext, input: Answer): Promise<AuthAnswer> {
  const { record, flow } = resume(ctx, input, 'NEW_PASSWORD_REQUIRED')
  const password = required(input.responses, 'NEW_PASSWORD')
  checkPassword(password)
  closeSession(ctx, record)
  const { user } = flow
  user.password = password
  user.status = 'CONFIRMED'
  const email = optional(input.responses, 'userAttributes.email')
  if (email !== undefined) user.email = email
  const phone = optional(input.responses, 'userAttributes.phone_number')
  if (phone !== undefined) user.phoneNumber = phone
  flow.passed.newPassword = true
  return continueSignIn(ctx, flow)
}

/** SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP: the code, then the device the answer names, or the tokens. */
export async function answerCode(ctx: OperationContext, input: Answer, challenge: MfaChallenge): Promise<AuthAnswer> {
  const { record, flow } = resume(ctx, input, challenge)
  const code = required(input.responses, `${challenge}_CODE`)
  const state = record.mfa ?? { attempts: 0 }
  const now = ctx.clock.now()
  const factor = factorOf(challenge)!
  let good: boolean
  if (factor === 'totp') {
    const mfa = userMfa(flow.user)
    const step = mfa.totpSecret === undefined ? undefined : acceptedStep(mfa.totpSecret, code, now, mfa.totpLastStep)
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
  closeSession(ctx, record)
  if (state.settingUp !== undefined) enable(flow, state.settingUp, state.setupEmail)
  flow.passed.mfa = true
  flow.answeredSession = record.session
  flow.device = deviceOf(ctx, flow.pool, flow.user, optional(input.responses, 'DEVICE_KEY'), false)
  return continueSignIn(ctx, flow)
}

/** SELECT_MFA_TYPE: ANSWER names one of MFAS_CAN_CHOOSE; its challenge follows. */
export function answerSelection(ctx: OperationContext, input: Answer): AuthAnswer {
  const { record, flow } = resume(ctx, input, 'SELECT_MFA_TYPE')
  const answer = required(input.responses, 'ANSWER')
  const factor = factorOf(fidelity.mfaSelection.aliases[answer] ?? answer)
  closeSession(ctx, record)
  if (factor === undefined || !(record.mfa?.choices ?? []).includes(factor)) {
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
  if (email !== undefined && choices.includes('email')) {
    closeSession(ctx, record)
    return factorChallenge(ctx, flow, 'email', { to: email })
  }
  if (!record.mfa?.setupVerified || record.mfa.setupSecret === undefined) {
    closeSession(ctx, record)
    throw new CognitoError(fidelity.mfaSetup.notVerified.type, fidelity.mfaSetup.notVerified.message)
  }
  closeSession(ctx, record)
  const mfa = userMfa(flow.user)
  mfa.totpSecret = record.mfa.setupSecret
  enable(flow, 'totp')
  flow.passed.mfa = true
  flow.answeredSession = record.session
  flow.device = deviceOf(ctx, flow.pool, flow.user, optional(input.responses, 'DEVICE_KEY'), false)
  return continueSignIn(ctx, flow)
}

/** A factor set up during sign-in becomes enabled and preferred. */
function enable(flow: SignInFlow, factor: MfaFactor, email?: string): void {
  const mfa = userMfa(flow.user)
  if (factor === 'email' && email !== undefined) {
    flow.user.email = email
    flow.user.emailVerified = true
  }
  if (!mfa.enabled.includes(factor)) mfa.enabled.push(factor)
  mfa.preferred = factor
}
