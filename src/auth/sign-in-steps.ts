import { missingRequiredAttributes } from './attributes.ts'
import { temporaryValidityDays } from './codes.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { OperationContext } from '../state/context.ts'
import { poolMfa, userAttributes } from '../state/user-lookup.ts'
import type { AppClientRecord, AuthSessionRecord, DeviceRecord, MfaFactor, UserPoolRecord, UserRecord } from '../state/types.ts'
import { issueDeviceKey } from './devices.ts'
import { challengeOf, deliveryParameters, factorList, mfaStep, sendCode } from './mfa.ts'
import type { AuthAnswer } from './parameters.ts'
import { signInResult } from './results.ts'
import { closeSession, openSession, sessionText } from './sessions.ts'

/**
 * What follows a proven password, in Cognito's order (WIRE §8.6): a disabled user is refused; a temporary
 * password asks for a new one (NEW_PASSWORD_REQUIRED); then the second factor, which a remembered device skips
 * where the pool trusts remembered devices (DEVICE_SRP_AUTH instead); then the device (DEVICE_SRP_AUTH for one
 * the user has) or the tokens, with a new device key where the pool tracks devices.
 */

/** A sign-in between two of its steps. */
export interface SignInFlow {
  pool: UserPoolRecord
  client: AppClientRecord
  user: UserRecord
  /** The device the step's own DEVICE_KEY named, found (fidelity.deviceAfterMfa). */
  device: DeviceRecord | undefined
  sourceIp: string | undefined
  /** Steps already passed in this sign-in. */
  passed: { newPassword?: boolean; mfa?: boolean }
  /** The Session string just answered: device SRP after a code keeps it (fidelity.deviceAfterMfa). */
  answeredSession?: string
}

export function trackingOn(pool: UserPoolRecord): boolean {
  return pool.deviceRemembering !== 'off'
}

/**
 * The device a DEVICE_KEY names where the pool tracks devices, `undefined` for none sent, and
 * `Device does not exist.` for one the user does not have (`strict`) or `undefined` (not strict).
 */
export function deviceOf(ctx: OperationContext, pool: UserPoolRecord, user: UserRecord, key: string | undefined, strict: boolean): DeviceRecord | undefined {
  const deviceKey = trackingOn(pool) || !fidelity.deviceKeyIgnoredWhenTrackingOff ? key : undefined
  if (deviceKey === undefined || deviceKey === '') return undefined
  const device = ctx.store.getDevice(pool.id, user.username, deviceKey)
  if (!device && strict) throw new CognitoError(fidelity.unknownDeviceAtSignIn.type, wire[fidelity.unknownDeviceAtSignIn.wireMessage])
  return device
}

/**
 * What follows a correct password. A DEVICE_KEY the user does not have answers `Device does not exist.` and
 * leaves the session standing, for the clients' retry without it.
 */
export async function afterPassword(
  ctx: OperationContext,
  input: { pool: UserPoolRecord; client: AppClientRecord; user: UserRecord; deviceKey: string | undefined; session?: AuthSessionRecord; sourceIp: string | undefined },
): Promise<AuthAnswer> {
  const { pool, client, user, session } = input
  const spend = () => {
    if (session) closeSession(ctx, session)
  }
  if (!user.enabled) {
    spend()
    throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  }
  const device = deviceOf(ctx, pool, user, input.deviceKey, true)
  spend()
  return continueSignIn(ctx, { pool, client, user, device, sourceIp: input.sourceIp, passed: {} })
}

/**
 * The next step of `flow`: a challenge with a new session, or the tokens. Its callers have refused a disabled
 * user (`afterPassword`, `sessionUser`).
 */
export async function continueSignIn(ctx: OperationContext, flow: SignInFlow): Promise<AuthAnswer> {
  const { pool, client, user, device } = flow
  if (user.status === 'FORCE_CHANGE_PASSWORD' && !flow.passed.newPassword) return newPasswordChallenge(ctx, flow)
  if (!flow.passed.mfa) {
    const step = mfaStep(pool, user)
    const skips = device !== undefined && device.rememberedStatus === 'remembered' && poolMfa(pool).rememberedDevicesSkipMfa
    if (step.kind !== 'none' && !skips) {
      if (step.kind === 'challenge') return factorChallenge(ctx, flow, step.factor)
      if (step.kind === 'no-method') throw new CognitoError(fidelity.mfaChoice.noMethod.type, fidelity.mfaChoice.noMethod.message)
      const challenge = step.kind === 'select' ? 'SELECT_MFA_TYPE' : 'MFA_SETUP'
      const session = open(ctx, flow, challenge, { attempts: 0, choices: step.choices })
      return {
        ChallengeName: challenge,
        Session: session.session,
        ChallengeParameters: { [step.kind === 'select' ? 'MFAS_CAN_CHOOSE' : 'MFAS_CAN_SETUP']: factorList(step.choices), USER_ID_FOR_SRP: user.username },
      }
    }
  }
  if (device) {
    const next = open(ctx, flow, 'DEVICE_SRP_AUTH', undefined, flow.answeredSession)
    return { ChallengeName: 'DEVICE_SRP_AUTH', Session: next.session, ChallengeParameters: {} }
  }
  const newDevice = trackingOn(pool) ? issueDeviceKey(ctx, pool, user, flow.sourceIp) : undefined
  return { ChallengeParameters: {}, AuthenticationResult: await signInResult(ctx, { pool, client, user, ...(newDevice ? { newDevice } : {}) }) }
}

/**
 * The challenge of one factor: a code sent by SMS or email (`to`: the address being set up), or the
 * authenticator's. `settingUp`: the factor becomes the user's when the code is right.
 */
export function factorChallenge(ctx: OperationContext, flow: SignInFlow, factor: MfaFactor, setup?: { to: string }): AuthAnswer {
  const { pool, user } = flow
  const name = challengeOf[factor]
  if (factor === 'totp') {
    const session = open(ctx, flow, name, { attempts: 0 })
    const parameters: Record<string, string> = {}
    if (user.mfa?.totpName !== undefined) parameters.FRIENDLY_DEVICE_NAME = user.mfa.totpName
    return { ChallengeName: name, Session: session.session, ChallengeParameters: { ...parameters, USER_ID_FOR_SRP: user.username } }
  }
  const message = sendCode(ctx, { pool, user, factor, ...(setup ? { to: setup.to } : {}) })
  const session = open(ctx, flow, name, { attempts: 0, code: message.code, ...(setup ? { settingUp: factor, setupEmail: setup.to } : {}) })
  return { ChallengeName: name, Session: session.session, ChallengeParameters: { ...deliveryParameters(message), USER_ID_FOR_SRP: user.username } }
}

/**
 * NEW_PASSWORD_REQUIRED: the user's attributes but `sub`, as JSON, and the pool's required attributes the user
 * lacks (`["userAttributes.name"]`). A temporary password past the pool's validity days is refused here, after the
 * password proved right [C].
 */
function newPasswordChallenge(ctx: OperationContext, flow: SignInFlow): AuthAnswer {
  const { user } = flow
  if (user.temporaryPasswordAt !== undefined && ctx.clock.now() >= user.temporaryPasswordAt + temporaryValidityDays(flow.pool) * 86_400_000) {
    throw new CognitoError('NotAuthorizedException', wire.lifecycle.temporaryPasswordExpired)
  }
  const session = open(ctx, flow, 'NEW_PASSWORD_REQUIRED')
  const attributes = Object.fromEntries(userAttributes(user).flatMap(({ Name, Value }) => (Name === 'sub' ? [] : [[Name, Value]])))
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: session.session,
    ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: JSON.stringify(missingRequiredAttributes(flow.pool, user)), userAttributes: JSON.stringify(attributes) },
  }
}

/** A session for the next step of `flow`, under a new Session string unless `key` is given. */
function open(ctx: OperationContext, flow: SignInFlow, challenge: AuthSessionRecord['challenge'], mfa?: AuthSessionRecord['mfa'], key?: string): AuthSessionRecord {
  return openSession(ctx, {
    session: key ?? sessionText(ctx),
    challenge,
    poolId: flow.pool.id,
    clientId: flow.client.clientId,
    username: flow.user.username,
    ...(challenge === 'DEVICE_SRP_AUTH' && flow.device ? { deviceKey: flow.device.key } : {}),
    ...(flow.passed.newPassword || flow.passed.mfa ? { passed: { ...flow.passed } } : {}),
    ...(flow.sourceIp !== undefined ? { sourceIp: flow.sourceIp } : {}),
    ...(mfa ? { mfa } : {}),
  })
}
