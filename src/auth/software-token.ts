import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import { poolMfa, userMfa } from '../state/user-lookup.ts'
import type { UserPoolRecord, UserRecord } from '../state/types.ts'
import { closeSession, findSession, openSession, sessionText } from './sessions.ts'
import { acceptedStep, newTotpSecret } from './totp.ts'

/**
 * An authenticator app, set up by a signed-in user (AccessToken) or during sign-in (an MFA_SETUP Session):
 * AssociateSoftwareToken hands out a secret, VerifySoftwareToken checks a code of it. During sign-in each call
 * answers a new Session, which the next call (and finally RespondToAuthChallenge MFA_SETUP) presents.
 */

/** The pool must offer TOTP (fidelity.softwareToken). */
export function checkPoolOffersTotp(pool: UserPoolRecord): void {
  if (!poolMfa(pool).factors.includes('totp') || poolMfa(pool).mode === 'off') {
    throw new CognitoError('SoftwareTokenMFANotFoundException', fidelity.softwareToken.notEnabledByPool)
  }
}

/** AssociateSoftwareToken for a signed-in user: the secret waits for VerifySoftwareToken. */
export function associateForUser(ctx: OperationContext, pool: UserPoolRecord, user: UserRecord): string {
  checkPoolOffersTotp(pool)
  const secret = newTotpSecret(ctx)
  userMfa(user).pendingTotpSecret = secret
  return secret
}

/** AssociateSoftwareToken during sign-in: the secret and the Session that carries it. */
export function associateForSession(ctx: OperationContext, session: string): { SecretCode: string; Session: string } {
  const record = findSession(ctx, session, 'MFA_SETUP', undefined)
  const pool = ctx.store.pools.get(record.poolId)
  if (!pool) throw new CognitoError('NotAuthorizedException', fidelity.session.invalid)
  checkPoolOffersTotp(pool)
  closeSession(ctx, record)
  const secret = newTotpSecret(ctx)
  const next = openSession(ctx, { ...record, session: sessionText(ctx), mfa: { attempts: 0, ...record.mfa, setupSecret: secret, setupVerified: false } })
  return { SecretCode: secret, Session: next.session }
}

/** VerifySoftwareToken for a signed-in user: a right code makes the pending secret theirs (not yet enabled). */
export function verifyForUser(ctx: OperationContext, user: UserRecord, code: string, friendlyName: string | undefined): void {
  const mfa = userMfa(user)
  const secret = mfa.pendingTotpSecret
  if (secret === undefined) throw new CognitoError('SoftwareTokenMFANotFoundException', fidelity.softwareToken.notAssociated)
  const step = acceptedStep(secret, code, ctx.clock.now())
  if (typeof step !== 'number') throw new CognitoError(fidelity.mfa.setupMismatch.type, fidelity.mfa.setupMismatch.message)
  mfa.totpSecret = secret
  mfa.totpLastStep = step
  delete mfa.pendingTotpSecret
  if (friendlyName !== undefined) mfa.totpName = friendlyName
  else delete mfa.totpName
}

/** VerifySoftwareToken during sign-in: a right code lets MFA_SETUP be answered on the Session it returns. */
export function verifyForSession(ctx: OperationContext, session: string, code: string, friendlyName: string | undefined): string {
  const record = findSession(ctx, session, 'MFA_SETUP', undefined)
  const secret = record.mfa?.setupSecret
  if (secret === undefined) throw new CognitoError('SoftwareTokenMFANotFoundException', fidelity.softwareToken.notAssociated)
  const step = acceptedStep(secret, code, ctx.clock.now())
  if (typeof step !== 'number') throw new CognitoError(fidelity.mfa.setupMismatch.type, fidelity.mfa.setupMismatch.message)
  closeSession(ctx, record)
  const user = ctx.store.getUser(record.poolId, record.username)
  if (user) {
    const mfa = userMfa(user)
    mfa.totpLastStep = step
    if (friendlyName !== undefined) mfa.totpName = friendlyName
  }
  return openSession(ctx, { ...record, session: sessionText(ctx), mfa: { ...record.mfa!, setupVerified: true } }).session
}
