import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import type { AuthSessionRecord, UserPoolRecord, UserRecord } from '../state/types.ts'
import { namesUser } from '../state/user-lookup.ts'

/**
 * Sign-in state between two calls. Each record is found by the string the client hands back: the SECRET_BLOCK
 * of a PASSWORD_VERIFIER challenge (clients answer it without a Session, and the real service accepts that),
 * the `Session` of the device challenges. Records expire with the mock's clock and are spent when answered.
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A Session string shaped like the real ones (AWS Encryption SDK messages start `AYABe`), 20–2048 characters. */
export function sessionText(ctx: OperationContext): string {
  return `AYABe${ctx.random.string.fromCharacters(B64URL, 715)}`
}

/**
 * Keeps `record` under its `session` key until the session lifetime has passed; the store then prunes it,
 * keeping a tombstone so that it is still refused as expired, not unknown.
 */
export function openSession(ctx: OperationContext, record: Omit<AuthSessionRecord, 'expiresAt'>): AuthSessionRecord {
  const now = ctx.clock.now()
  const full: AuthSessionRecord = { ...record, expiresAt: now + fidelity.session.lifetimeMs }
  ctx.store.addSession(full, now)
  return full
}

/**
 * The live record under `key` for `challenge` and `clientId` (any client when `undefined`: the software-token
 * calls name none), or NotAuthorizedException. An expired one, or one named for another challenge or client, is
 * spent by the attempt.
 */
export function findSession(ctx: OperationContext, key: string | undefined, challenge: AuthSessionRecord['challenge'], clientId: string | undefined): AuthSessionRecord {
  const record = key === undefined ? undefined : ctx.store.sessions.get(key)
  if (!record) {
    const pruned = key !== undefined && ctx.store.takeExpiredSession(key, ctx.clock.now())
    throw new CognitoError('NotAuthorizedException', pruned ? fidelity.session.expired : fidelity.session.invalid)
  }
  if (ctx.clock.now() >= record.expiresAt) {
    ctx.store.sessions.delete(record.session)
    throw new CognitoError('NotAuthorizedException', fidelity.session.expired)
  }
  if (record.challenge !== challenge || (clientId !== undefined && record.clientId !== clientId)) {
    ctx.store.sessions.delete(record.session)
    throw new CognitoError('NotAuthorizedException', fidelity.session.invalid)
  }
  return record
}

/** Spends a session: it cannot be answered again. */
export function closeSession(ctx: OperationContext, record: AuthSessionRecord): void {
  ctx.store.sessions.delete(record.session)
}

/**
 * The user `record` stands for, in `pool`: still there (and named by `username`, when an answer gives one, by
 * name, alias or `sub`) and enabled. Otherwise the session is spent: `Invalid session for the user.` or
 * `User is disabled.`.
 */
export function sessionUser(ctx: OperationContext, record: AuthSessionRecord, pool: UserPoolRecord | undefined, username?: string): UserRecord {
  const user = pool && record.poolId === pool.id ? ctx.store.getUser(pool.id, record.username) : undefined
  if (!user || (username !== undefined && !namesUser(ctx.store, pool!, username, user))) {
    closeSession(ctx, record)
    throw new CognitoError('NotAuthorizedException', fidelity.session.invalid)
  }
  if (!user.enabled) {
    closeSession(ctx, record)
    throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  }
  return user
}
