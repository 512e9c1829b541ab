import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import { poolMfa, userMfa } from '../state/user-lookup.ts'
import type { AuthSessionRecord, UserPoolRecord, UserRecord } from '../state/types.ts'
import { closeSession, findSession, openSession, sessionText, sessionUser } from './sessions.ts'
import { acceptedStep, newTotpSecret } from './totp.ts'

/**
 * An authenticator app, set up by a signed-in user (AccessToken) or during sign-in (an MFA_SETUP Session):
 * AssociateSoftwareToken hands out a secret, VerifySoftwareToken checks a code of it. During sign-in each call
 * answers a new Session, which the next call (and finally RespondToAuthChallenge MFA_SETUP) presents.
 */

/** The pool must offer TOTP (fidelity.softwareToken). */
function checkPoolOffersTotp(pool: UserPoolRecord): void {
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
  const { record, pool } = setupSession(ctx, session)
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
  const { record } = setupSession(ctx, session)
  const secret = record.mfa?.setupSecret
  if (secret === undefined) throw new CognitoError('SoftwareTokenMFANotFoundException', fidelity.softwareToken.notAssociated)
  const step = acceptedStep(secret, code, ctx.clock.now())
  if (typeof step !== 'number') throw new CognitoError(fidelity.mfa.setupMismatch.type, fidelity.mfa.setupMismatch.message)
  closeSession(ctx, record)
  // The user's only once MFA_SETUP is answered: an abandoned set-up leaves them as they were.
  const mfa = { ...record.mfa!, setupVerified: true, setupStep: step, ...(friendlyName !== undefined ? { setupName: friendlyName } : {}) }
  return openSession(ctx, { ...record, session: sessionText(ctx), mfa }).session
}

/** An MFA_SETUP session whose pool and user are still there, the user enabled; anything else spends it. */
function setupSession(ctx: OperationContext, session: string): { record: AuthSessionRecord; pool: UserPoolRecord } {
  const record = findSession(ctx, session, 'MFA_SETUP', undefined)
  const pool = ctx.store.pools.get(record.poolId)
  sessionUser(ctx, record, pool)
  return { record, pool: pool! }
}
