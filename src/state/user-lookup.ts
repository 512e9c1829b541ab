import { fidelity } from '../fidelity.ts'
import type { Store } from './store.ts'
import type { MfaFactor, PoolMfaRecord, UserMfaRecord, UserPoolRecord, UserRecord } from './types.ts'

/**
 * A user by what a call names them with: the username, an alias the pool allows (a verified email or phone
 * number), or, where `sub` is allowed (admin calls), the user's `sub`. fidelity.adminUsernameForms.
 *
 * @example
 * findUser(store, pool, 'ada@example.com', { sub: true }) // Ada, when the pool has the email alias
 */
export function findUser(store: Store, pool: UserPoolRecord, name: string, options: { sub: boolean }): UserRecord | undefined {
  const byName = store.getUser(pool.id, name)
  if (byName) return byName
  // A username attribute names its user verified or not (an unconfirmed user signs in, and is refused, by it).
  const asUsername = pool.usernameAttributes ?? []
  const aliases = [...(pool.aliases ?? []), ...asUsername]
  const wantsSub = options.sub && fidelity.adminUsernameForms.includes('sub') && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(name)
  if (aliases.length === 0 && !wantsSub) return undefined
  const lower = name.toLowerCase()
  for (const user of store.usersOf(pool.id)) {
    const emailCounts = asUsername.includes('email') || user.emailVerified !== false
    const phoneCounts = asUsername.includes('phone_number') || user.phoneVerified !== false
    if (aliases.includes('email') && user.email !== '' && user.email.toLowerCase() === lower && emailCounts) return user
    if (aliases.includes('phone_number') && user.phoneNumber === name && phoneCounts) return user
    if (wantsSub && user.sub.toLowerCase() === lower) return user
  }
  return undefined
}

/** Whether `given` (a challenge answer's USERNAME) names `user`: by name, by an alias of the pool, or by `sub`. */
export function namesUser(store: Store, pool: UserPoolRecord, given: string, user: UserRecord): boolean {
  return given.toLowerCase() === user.username.toLowerCase() || findUser(store, pool, given, { sub: true }) === user
}

/**
 * The user's attributes as GetUser, AdminGetUser and NEW_PASSWORD_REQUIRED show them (fidelity.userView):
 * `sub`, `email_verified`, `phone_number_verified`, `phone_number`, the others (fidelity.otherAttributesBeforeEmail),
 * `email`; the phone pair only with a number, the email pair only with an address.
 */
export function userAttributes(user: UserRecord): { Name: string; Value: string }[] {
  const listed = fidelity.userView.attributeOrder.flatMap((Name) => {
    const Value = attributeOf(user, Name)
    return Value === undefined ? [] : [{ Name, Value }]
  })
  const others = Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value }))
  if (others.length === 0) return listed
  const at = listed.findIndex((attribute) => attribute.Name === 'email')
  return at === -1 ? [...listed, ...others] : [...listed.slice(0, at), ...others, ...listed.slice(at)]
}

/**
 * The value of the user's attribute `name`, as GetUser shows it; `undefined` when the user has none. The one
 * mapping of attribute names onto the record: `email`, `phone_number` and their verified flags have fields of their
 * own (a verified flag not set reads as fidelity.emailVerified / true), every other attribute is in `attributes`.
 *
 * @example
 * attributeOf(user, 'email_verified') // 'true'
 */
export function attributeOf(user: UserRecord, name: string): string | undefined {
  if (name === 'sub') return user.sub
  if (name === 'email') return user.email === '' ? undefined : user.email
  if (name === 'phone_number') return user.phoneNumber
  if (name === 'email_verified') return user.email === '' && user.emailVerified === undefined ? undefined : String(user.emailVerified ?? fidelity.emailVerified(user.status))
  if (name === 'phone_number_verified') return user.phoneNumber === undefined ? undefined : String(user.phoneVerified ?? true)
  return user.attributes?.[name]
}

/**
 * The pool's MFA configuration; a pool from before MFA existed has it off. Remembered devices skip MFA unless the
 * pool says otherwise (fidelity.mfa.rememberedDevicesSkipMfa).
 */
export function poolMfa(pool: UserPoolRecord): PoolMfaRecord {
  return pool.mfa ?? { mode: 'off', factors: [], rememberedDevicesSkipMfa: fidelity.mfa.rememberedDevicesSkipMfa }
}

/** The user's second factors, created empty on first need. */
export function userMfa(user: UserRecord): UserMfaRecord {
  user.mfa ??= { enabled: [] }
  return user.mfa
}

/** Whether `user` has what `factor` needs: a phone number, an email address, a verified authenticator. */
export function canUse(user: UserRecord, factor: MfaFactor): boolean {
  if (factor === 'sms') return user.phoneNumber !== undefined
  if (factor === 'email') return user.email !== ''
  return user.mfa?.totpSecret !== undefined
}
