import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { AttributeType } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import * as make from '../state/factory.ts'
import { findUser } from '../state/user-lookup.ts'
import type { SignInAlias, UserPoolRecord, UserRecord, UserStatus } from '../state/types.ts'
import { setAttribute } from './attributes.ts'

/**
 * New users (SignUp, AdminCreateUser): the name a pool gives them, whether it is free, and the record itself.
 * A pool with username attributes names users by a generated UUID and reads the email or phone number from the
 * name given (fidelity.generatedUsername); an alias pool refuses a name that looks like its alias [C].
 */

const emailLike = /^[^@\s]+@[^@\s]+$/
const phoneLike = /^\+\d{4,15}$/
const invalid = (message: string) => new CognitoError('InvalidParameterException', message)

/** What a new user's name gives: the name to store (`undefined`: generate one) and the attribute it sets. */
export interface NewUserName {
  username: string | undefined
  from?: { name: SignInAlias; value: string }
}

/**
 * Reads the Username of a SignUp or AdminCreateUser as the pool takes it.
 *
 * @example
 * newUserName(emailPool, 'ada@example.com') // { username: undefined, from: { name: 'email', value: 'ada@example.com' } }
 */
export function newUserName(pool: UserPoolRecord, given: string): NewUserName {
  const asUsername = pool.usernameAttributes ?? []
  if (asUsername.length > 0) {
    if (asUsername.includes('email') && emailLike.test(given)) return { username: undefined, from: { name: 'email', value: given } }
    if (asUsername.includes('phone_number') && phoneLike.test(given)) return { username: undefined, from: { name: 'phone_number', value: given } }
    const { usernameShould } = fidelity.lifecycleMessages
    throw invalid(asUsername.length === 2 ? wire.lifecycle.usernameEmailOrPhone : asUsername[0] === 'email' ? usernameShould.email : usernameShould.phone)
  }
  const aliases = pool.aliases ?? []
  if (aliases.includes('email') && emailLike.test(given)) throw invalid(wire.lifecycle.usernameNotEmailForAlias)
  if (aliases.includes('phone_number') && phoneLike.test(given)) throw invalid(fidelity.lifecycleMessages.usernameNotPhoneForAlias)
  return { username: given }
}

/**
 * Whether a new user may take `name`: a taken username is UsernameExistsException (`User already exists` at SignUp
 * [C], `User account already exists` at AdminCreateUser [C]); a taken username attribute names the attribute [C].
 */
export function checkNameFree(ctx: OperationContext, pool: UserPoolRecord, name: NewUserName, caller: 'SignUp' | 'AdminCreateUser'): void {
  if (name.username !== undefined && ctx.store.getUser(pool.id, name.username)) {
    throw new CognitoError('UsernameExistsException', caller === 'SignUp' ? wire.lifecycle.usernameExists : wire.lifecycle.adminUsernameExists)
  }
  if (name.from && findUser(ctx.store, pool, name.from.value, { sub: false })) {
    throw new CognitoError('UsernameExistsException', wire.lifecycle.usernameAttributeExists(name.from.name))
  }
}

/**
 * The record of a new user, put in the store: a fresh `sub` (the username too, when the pool generates it), the
 * attributes given (blank ones left out), the status and password.
 *
 * @example
 * const user = createUser(ctx, pool, { name, attributes, status: 'UNCONFIRMED', password })
 */
export function createUser(
  ctx: OperationContext,
  pool: UserPoolRecord,
  input: { name: NewUserName; attributes: readonly AttributeType[]; status: UserStatus; password: string },
): UserRecord {
  const sub = make.uuid(ctx.random)
  const now = ctx.clock.now()
  const user: UserRecord = {
    poolId: pool.id,
    username: input.name.username ?? sub,
    sub,
    email: '',
    password: input.password,
    status: input.status,
    enabled: true,
    createdAt: now,
    modifiedAt: now,
  }
  for (const { Name, Value } of input.attributes) if ((Value ?? '') !== '') setAttribute(user, Name, Value)
  if (input.name.from) setAttribute(user, input.name.from.name, input.name.from.value)
  // A new user's contact details are unverified until a code (or an admin) says otherwise.
  if (user.email !== '' && user.emailVerified === undefined) user.emailVerified = false
  if (user.phoneNumber !== undefined && user.phoneVerified === undefined) user.phoneVerified = false
  ctx.store.putUser(user)
  return user
}

/**
 * A temporary password Cognito would generate: two capitalised syllable words and digits joined by `-` (a symbol),
 * as long as the pool's policy asks, from the runtime stream.
 *
 * @example
 * temporaryPassword(ctx, 8) // 'Rofemi-Tabuxe-4821'
 */
export function temporaryPassword(ctx: OperationContext, minimumLength: number): string {
  const word = () => {
    const w = ctx.random.string.alpha({ length: 6, casing: 'lower' })
    return w.charAt(0).toUpperCase() + w.slice(1)
  }
  const password = `${word()}-${word()}-${ctx.random.string.numeric({ length: 4, allowLeadingZeros: false })}`
  return password.length >= minimumLength ? password : password + ctx.random.string.numeric({ length: minimumLength - password.length })
}
