import * as z from 'zod/mini'
import { fidelity } from '../fidelity.ts'
import { aliasesSchema } from './world-mfa.ts'
import type { PasswordPolicyRecord, RecoveryOption, SignInAlias, UserPoolRecord, VerifiableAttribute } from './types.ts'

/**
 * A pool's sign-up settings (issue 14): what users sign in with, which attributes are verified, required or
 * custom, the password policy, account recovery. One schema for a world's pools and `pools.create`/`update`, so
 * that both name a mistake the same way; what a pool leaves out reads as fidelity.poolDefaults.
 */

/** The standard attributes of every pool's schema (OpenID Connect's, as Cognito has them). */
export const standardAttributes = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at',
  'website', 'zoneinfo',
] as const

const requirable = z.enum(standardAttributes.filter((name) => !['sub', 'email_verified', 'phone_number_verified'].includes(name)) as [string, ...string[]], {
  error: `expected standard attributes (${standardAttributes.slice(0, 4).join(', ')}, …)`,
})

const passwordPolicySchema = z.strictObject({
  minimumLength: z.optional(z.number().check(z.int(), z.gte(6, { error: 'expected 6 to 99' }), z.lte(99, { error: 'expected 6 to 99' }))),
  requireLowercase: z.optional(z.boolean()),
  requireUppercase: z.optional(z.boolean()),
  requireNumbers: z.optional(z.boolean()),
  requireSymbols: z.optional(z.boolean()),
  temporaryPasswordValidityDays: z.optional(z.number().check(z.int(), z.gte(0, { error: 'expected 0 to 365' }), z.lte(365, { error: 'expected 0 to 365' }))),
})

/** The keys of `passwordPolicy`, to name the one a typo meant. */
export const passwordPolicyKeys = Object.keys(passwordPolicySchema.def.shape)

/** The pool settings a world's pool and `pools.create` take. */
export const poolSettingsFields = {
  usernameAttributes: z.optional(aliasesSchema),
  autoVerified: z.optional(aliasesSchema),
  requiredAttributes: z.optional(z.array(requirable)),
  customAttributes: z.optional(
    z.array(z.string().check(z.regex(/^(custom:)?[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u, { error: 'expected a custom attribute name such as "custom:tier" (at most 20 characters after custom:)' }))),
  ),
  passwordPolicy: z.optional(passwordPolicySchema),
  accountRecovery: z.optional(z.array(z.enum(['verified_email', 'verified_phone_number', 'admin_only'], { error: 'expected "verified_email", "verified_phone_number" or "admin_only"' }))),
  keepOriginalUntilVerified: z.optional(z.boolean()),
}

/** A user's other attributes, as a world or `users.create` gives them: string values (names: `attributeProblem`). */
export const userAttributesSchema = z.record(z.string(), z.string().check(z.maxLength(2048, { error: 'expected at most 2048 characters' })))

/**
 * What is wrong with a user's attribute `name` in `pool`, or `undefined`: the fields of their own (`email`,
 * `phoneNumber`, …) and names outside the pool's schema are refused.
 *
 * @example
 * attributeProblem(pool, 'custom:tier') // 'is not in pool …'s schema (…)' unless the pool declares it
 */
export function attributeProblem(pool: UserPoolRecord, name: string): string | undefined {
  if (['sub', 'email', 'phone_number', 'email_verified', 'phone_number_verified'].includes(name)) {
    return 'has a field of its own (sub, email, phoneNumber, emailVerified, phoneVerified)'
  }
  if (!inSchema(pool, name)) return `is not in pool ${pool.id}'s schema (standard attributes, or the pool's customAttributes)`
  return undefined
}

/** What `poolSettingsFields` accepts. */
export interface PoolSettingsSpec {
  /** Users sign up and sign in with their email or phone number (UsernameAttributes); they get a generated username. */
  usernameAttributes?: readonly SignInAlias[]
  /** Attributes verified by a code (AutoVerifiedAttributes; default `['email']`). */
  autoVerified?: readonly VerifiableAttribute[]
  /** Standard attributes sign-up must be given (default `['email']`). */
  requiredAttributes?: readonly string[]
  /** Custom attributes, with or without the `custom:` prefix. */
  customAttributes?: readonly string[]
  /** The password policy (default Cognito's: 8 characters, lower, upper, digit, symbol; temporary passwords 7 days). */
  passwordPolicy?: Partial<PasswordPolicyRecord>
  /** Account recovery, in priority order (default `['verified_email', 'verified_phone_number']`). */
  accountRecovery?: readonly RecoveryOption[]
  /** A changed email or phone number waits for its code; the old one signs in meanwhile (default false). */
  keepOriginalUntilVerified?: boolean
}

/**
 * Copies the settings `spec` gives onto `pool` (it has been checked against `poolSettingsFields`). Returns the
 * problem when `spec` contradicts itself or the pool, for the caller to name where it came from.
 *
 * @example
 * const problem = applyPoolSettings(pool, { usernameAttributes: ['email'] }) // undefined: applied
 */
export function applyPoolSettings(pool: UserPoolRecord, spec: PoolSettingsSpec): string | undefined {
  const aliases = pool.aliases ?? []
  if (spec.usernameAttributes !== undefined && spec.usernameAttributes.length > 0 && aliases.length > 0) {
    return 'usernameAttributes and aliases cannot both be set (a pool has AliasAttributes or UsernameAttributes)'
  }
  if (spec.usernameAttributes !== undefined) pool.usernameAttributes = [...new Set(spec.usernameAttributes)]
  if (spec.autoVerified !== undefined) pool.autoVerified = [...new Set(spec.autoVerified)]
  if (spec.requiredAttributes !== undefined) pool.requiredAttributes = [...new Set(spec.requiredAttributes)]
  if (spec.customAttributes !== undefined) pool.customAttributes = [...new Set(spec.customAttributes.map((name) => (name.startsWith('custom:') ? name : `custom:${name}`)))]
  if (spec.passwordPolicy !== undefined) pool.passwordPolicy = { ...passwordPolicyOf(pool), ...spec.passwordPolicy }
  if (spec.accountRecovery !== undefined) {
    if (spec.accountRecovery.includes('admin_only') && spec.accountRecovery.length > 1) return 'accountRecovery: "admin_only" stands alone'
    pool.accountRecovery = [...new Set(spec.accountRecovery)]
  }
  if (spec.keepOriginalUntilVerified !== undefined) pool.keepOriginalUntilVerified = spec.keepOriginalUntilVerified
  return undefined
}

/** The pool's password policy (Cognito's default unless it has its own). */
export function passwordPolicyOf(pool: UserPoolRecord): PasswordPolicyRecord {
  return pool.passwordPolicy ?? { ...fidelity.poolDefaults.passwordPolicy }
}

/** The pool's auto-verified attributes. */
export function autoVerifiedOf(pool: UserPoolRecord): readonly VerifiableAttribute[] {
  return pool.autoVerified ?? fidelity.poolDefaults.autoVerified
}

/** The standard attributes sign-up must be given: the pool's, and a username attribute's own (an email pool needs the email). */
export function requiredAttributesOf(pool: UserPoolRecord): readonly string[] {
  return pool.requiredAttributes ?? fidelity.poolDefaults.requiredAttributes
}

/** The pool's recovery mechanisms, in priority order. */
export function accountRecoveryOf(pool: UserPoolRecord): readonly RecoveryOption[] {
  return pool.accountRecovery ?? fidelity.poolDefaults.accountRecovery
}

/** Whether `name` is in the pool's schema: a standard attribute, or a custom one it declares. */
export function inSchema(pool: UserPoolRecord, name: string): boolean {
  return (standardAttributes as readonly string[]).includes(name) || (pool.customAttributes ?? []).includes(name)
}
