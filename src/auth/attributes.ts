import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { AttributeType } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import { autoVerifiedOf, inSchema, requiredAttributesOf } from '../state/pool-settings.ts'
import { attributeOf, findUser } from '../state/user-lookup.ts'
import type { UserPoolRecord, UserRecord, VerifiableAttribute } from '../state/types.ts'

/**
 * A user's attributes as the lifecycle operations read and write them (WIRE §10.1.8): the schema's checks, in
 * Cognito's words, and the writes themselves. The record keeps `email`, `phone_number` and their verified flags
 * in fields of their own and every other attribute in `attributes` (read with `attributeOf`, state/user-lookup.ts).
 */

const flags = { email_verified: 'emailVerified', phone_number_verified: 'phoneVerified' } as const
const invalid = (message: string) => new CognitoError('InvalidParameterException', message)

/** Sets (a value) or removes (`undefined`) one attribute of the record, without any check. */
export function setAttribute(user: UserRecord, name: string, value: string | undefined): void {
  if (name === 'email') user.email = value ?? ''
  else if (name === 'phone_number') {
    if (value === undefined) delete user.phoneNumber
    else user.phoneNumber = value
  } else if (name in flags) {
    const field = flags[name as keyof typeof flags]
    if (value === undefined) delete user[field]
    else user[field] = value.toLowerCase() === 'true'
  } else if (value === undefined) {
    if (user.attributes) delete user.attributes[name]
  } else user.attributes = { ...user.attributes, [name]: value }
}

/**
 * SignUp's and AdminCreateUser's schema check [C wording]: every attribute named must be in the pool's schema (an
 * undeclared custom one: `Type for attribute {custom:x} could not be determined`), and an email or phone number
 * must look like one [I wording: fidelity.lifecycleMessages].
 *
 * @example
 * checkSchema(pool, [{ Name: 'custom:tier', Value: 'gold' }]) // throws unless the pool declares custom:tier
 */
export function checkSchema(pool: UserPoolRecord, attributes: readonly AttributeType[]): void {
  const prefix = wire.lifecycle.schemaPrefix
  for (const { Name } of attributes) {
    if (inSchema(pool, Name)) continue
    throw invalid(`${prefix}${Name.startsWith('custom:') ? wire.lifecycle.customTypeUnknown(Name) : wire.lifecycle.unknownAttribute(Name)}`)
  }
  checkFormats(attributes)
}

/** An email must look like an address, a phone number like E.164. */
function checkFormats(attributes: readonly AttributeType[]): void {
  for (const { Name, Value } of attributes) {
    if (Value === undefined || Value === '') continue
    if (Name === 'email' && !/^[^@\s]+@[^@\s]+$/.test(Value)) throw invalid(fidelity.lifecycleMessages.invalidEmail)
    if (Name === 'phone_number' && !/^\+\d{4,15}$/.test(Value)) throw invalid(fidelity.lifecycleMessages.invalidPhone)
  }
}

/**
 * The pool's required attributes must all be given (one `<name>: The attribute is required` line each [C]);
 * `given` names those the username supplies (an email pool's email).
 *
 * @example
 * checkRequired(pool, [{ Name: 'name', Value: 'Ada' }]) // throws: email: The attribute is required
 */
export function checkRequired(pool: UserPoolRecord, attributes: readonly AttributeType[], given: readonly string[] = []): void {
  const present = new Set([...given, ...attributes.filter((a) => (a.Value ?? '') !== '').map((a) => a.Name)])
  const missing = requiredAttributesOf(pool).filter((name) => !present.has(name))
  if (missing.length > 0) throw invalid(`${wire.lifecycle.schemaPrefix}${missing.map(wire.lifecycle.requiredAttribute).join('')}`)
}

/**
 * UpdateUserAttributes (`by: 'client'`) and AdminUpdateUserAttributes (`by: 'admin'`): checks every attribute
 * first (one `user.<name>: …` line per bad one [C]), then writes them. A blank value deletes the attribute [C].
 * Returns the email and phone number changes that wait for a code (the pool auto-verifies them and, for an admin,
 * the call did not mark them verified).
 *
 * @example
 * writeAttributes(ctx, pool, user, [{ Name: 'email', Value: 'new@example.com' }], 'client') // ['email']
 */
export function writeAttributes(ctx: OperationContext, pool: UserPoolRecord, user: UserRecord, attributes: readonly AttributeType[], by: 'client' | 'admin'): VerifiableAttribute[] {
  checkChangeable(pool, attributes.map(({ Name }) => Name))
  checkFormats(attributes)
  if (by === 'client' && !fidelity.clientWritableVerifiedFlags && attributes.some(({ Name }) => Name in flags)) {
    throw new CognitoError('NotAuthorizedException', wire.lifecycle.unauthorizedWrite)
  }
  const required = requiredAttributesOf(pool)
  for (const { Name, Value } of attributes) {
    if ((Value ?? '') === '' && required.includes(Name)) throw invalid(wire.lifecycle.requiredCannotBeDeleted(Name))
  }
  for (const { Name, Value } of attributes) checkAliasFree(ctx, pool, user, Name, Value)
  const markedVerified = new Set(attributes.filter(({ Name, Value }) => Name in flags && Value?.toLowerCase() === 'true').map(({ Name }) => Name.replace('_verified', '')))
  const waiting: VerifiableAttribute[] = []
  for (const { Name, Value } of attributes) {
    const value = (Value ?? '') === '' ? undefined : Value
    if ((Name === 'email' || Name === 'phone_number') && value !== undefined && value !== attributeOf(user, Name)) {
      if (markedVerified.has(Name)) {
        setAttribute(user, Name, value)
        continue
      }
      const verifies = autoVerifiedOf(pool).includes(Name)
      if (verifies && pool.keepOriginalUntilVerified && attributeOf(user, Name) !== undefined) {
        user.pendingAttributes = { ...user.pendingAttributes, [Name]: value }
      } else {
        setAttribute(user, Name, value)
        setAttribute(user, `${Name}_verified`, 'false')
      }
      if (verifies) waiting.push(Name)
      continue
    }
    setAttribute(user, Name, value)
    if (value === undefined && (Name === 'email' || Name === 'phone_number')) setAttribute(user, `${Name}_verified`, undefined)
  }
  user.modifiedAt = ctx.clock.now()
  return waiting
}

/** Names an update or deletion may touch: in the schema, and not `sub`; one `user.<name>: …` line per bad one [C]. */
function checkChangeable(pool: UserPoolRecord, names: readonly string[]): void {
  const problems = names.flatMap((name) => (!inSchema(pool, name) ? [wire.lifecycle.unknownAttribute(`user.${name}`)] : name === 'sub' ? [wire.lifecycle.cannotUpdate(`user.${name}`)] : []))
  if (problems.length > 0) throw invalid(problems.join(''))
}

/** An email or phone number another user signs in with is not free [I wording: fidelity.lifecycleMessages]. */
function checkAliasFree(ctx: OperationContext, pool: UserPoolRecord, user: UserRecord, name: string, value: string | undefined): void {
  if ((name !== 'email' && name !== 'phone_number') || value === undefined || value === '') return
  const signsIn = [...(pool.aliases ?? []), ...(pool.usernameAttributes ?? [])]
  if (!signsIn.includes(name)) return
  const other = findUser(ctx.store, pool, value, { sub: false })
  if (other !== undefined && other !== user) throw new CognitoError('AliasExistsException', fidelity.lifecycleMessages.aliasTakenOnUpdate(name))
}

/**
 * DeleteUserAttributes and AdminDeleteUserAttributes: unknown names [I: `user.<name>: Attribute does not exist in
 * the schema.`], required ones [C], then the deletion.
 *
 * @example
 * deleteAttributes(ctx, pool, user, ['nickname'])
 */
export function deleteAttributes(ctx: OperationContext, pool: UserPoolRecord, user: UserRecord, names: readonly string[]): void {
  checkChangeable(pool, names)
  const required = requiredAttributesOf(pool).find((name) => names.includes(name))
  if (required !== undefined) throw invalid(wire.lifecycle.requiredCannotBeDeleted(required))
  for (const name of names) {
    setAttribute(user, name, undefined)
    if (name === 'email' || name === 'phone_number') setAttribute(user, `${name}_verified`, undefined)
  }
  user.modifiedAt = ctx.clock.now()
}

/** The names NEW_PASSWORD_REQUIRED's `requiredAttributes` lists: the pool's required attributes the user lacks. */
export function missingRequiredAttributes(pool: UserPoolRecord, user: UserRecord): string[] {
  return requiredAttributesOf(pool).filter((name) => attributeOf(user, name) === undefined).map((name) => `userAttributes.${name}`)
}
