import type { Faker } from '@faker-js/faker'
import * as z from 'zod/mini'
import { fidelity } from '../fidelity.ts'
import { fail } from '../lib/errors.ts'
import type { MfaFactor, MfaMode, PoolMfaRecord, UserMfaRecord, UserPoolRecord, UserRecord } from './types.ts'

/**
 * A pool's MFA and a user's second factors, as a world (or `pools.create`, `users.update`) describes them, and
 * what the seed draws where they are not described: coherent settings (a factor a user has is one the pool
 * offers, with what it needs), the first user of a pool that asks for MFA always set up, so that examples work.
 */

/** MFA as a description gives it: a mode (`'on'`), or the mode and what goes with it. */
export interface PoolMfaSpec {
  mode: MfaMode
  /** The factors the pool offers (default `['sms', 'totp']`, the console's; `email` needs an Essentials pool on AWS). */
  factors?: readonly MfaFactor[]
  /** ChallengeRequiredOnNewDevice: a remembered device signs in without MFA (default true). */
  rememberedDevicesSkipMfa?: boolean
  /**
   * The factors each user that does not describe its own `mfa` has enabled (default: drawn; the first user one,
   * the authenticator where the pool offers it, the others mostly one). `[]`: users must set one up (an `on`
   * pool asks with MFA_SETUP); two or more, without a preference: users choose (SELECT_MFA_TYPE).
   */
  userFactors?: readonly MfaFactor[]
  /** The SMS text, with `{####}` where the code goes. */
  smsMessage?: string
  /** The email text, with `{####}`, and its subject. */
  emailMessage?: string
  emailSubject?: string
}

/** A user's second factors and contact details, as a description gives them. */
export interface UserMfaSpec {
  /** E.164 (`+15555550123`); `null`: no phone number. Default: a fictional number drawn from the seed. */
  phoneNumber?: string | null
  /** Default true (false for an UNCONFIRMED user). */
  emailVerified?: boolean
  /** Default true. */
  phoneVerified?: boolean
  /**
   * The second factors the user enabled (default: drawn where the pool has MFA, the first user always one; `[]`
   * in a pool whose MFA is `off`). Each must be one the pool offers; `sms` needs a phone number.
   */
  mfa?: readonly MfaFactor[]
  /** PreferredMfaSetting (default: the factor, when the user has exactly one). */
  preferredMfa?: MfaFactor | null
  /** The authenticator secret, Base32 (default: drawn, for a user with `totp`). */
  totpSecret?: string
}

const DEFAULT_FACTORS: readonly MfaFactor[] = ['sms', 'totp']

const factor = z.enum(['sms', 'totp', 'email'], { error: 'expected "sms", "totp" or "email"' })
const mode = z.enum(['off', 'optional', 'on'], { error: 'expected "off", "optional" or "on"' })
const template = z.string().check(z.regex(/\{####\}/, { error: 'expected a message containing {####}, where the code goes' }))

export const poolMfaSchema = z.union([
  mode,
  z.strictObject({
    mode,
    factors: z.optional(z.array(factor)),
    rememberedDevicesSkipMfa: z.optional(z.boolean()),
    userFactors: z.optional(z.array(factor)),
    smsMessage: z.optional(template),
    emailMessage: z.optional(template),
    emailSubject: z.optional(z.string()),
  }),
])

export const aliasesSchema = z.array(z.enum(['email', 'phone_number'], { error: 'expected "email" or "phone_number"' }))

const base32 = z.string().check(z.regex(/^[A-Z2-7]{16,}$/, { error: 'expected a Base32 secret of at least 16 characters (A–Z, 2–7)' }))

export const userMfaFields = {
  phoneNumber: z.optional(z.nullable(z.string().check(z.regex(/^\+[1-9]\d{4,14}$/, { error: 'expected an E.164 phone number such as "+15555550123"' })))),
  emailVerified: z.optional(z.boolean()),
  phoneVerified: z.optional(z.boolean()),
  mfa: z.optional(z.array(factor)),
  preferredMfa: z.optional(z.nullable(factor)),
  totpSecret: z.optional(base32),
}

/**
 * A pool's MFA record from a description; `undefined` for `off` without more (the record stays absent, as in
 * pools from before MFA existed, so that their snapshots do not change).
 *
 * @example
 * poolMfaOf('on') // { mode: 'on', factors: ['sms', 'totp'], rememberedDevicesSkipMfa: true }
 */
export function poolMfaOf(spec: MfaMode | PoolMfaSpec | undefined): PoolMfaRecord | undefined {
  if (spec === undefined || spec === 'off') return undefined
  const given: PoolMfaSpec = typeof spec === 'string' ? { mode: spec } : spec
  const factors = [...new Set(given.factors ?? (given.mode === 'off' ? [] : DEFAULT_FACTORS))]
  const stray = given.userFactors?.find((f) => !factors.includes(f))
  if (stray !== undefined) fail(`mfa.userFactors: "${stray}" is not one of the pool's factors (${JSON.stringify(factors)}).`, TypeError)
  if (given.mode !== 'off' && factors.length === 0) fail(`mfa: a pool whose MFA is "${given.mode}" offers at least one factor ("sms", "totp" or "email").`, TypeError)
  return {
    mode: given.mode,
    factors,
    rememberedDevicesSkipMfa: given.rememberedDevicesSkipMfa ?? fidelity.mfa.rememberedDevicesSkipMfa,
    ...(given.userFactors !== undefined ? { userFactors: [...new Set(given.userFactors)] } : {}),
    ...(given.smsMessage !== undefined ? { smsMessage: given.smsMessage } : {}),
    ...(given.emailMessage !== undefined ? { emailMessage: given.emailMessage } : {}),
    ...(given.emailSubject !== undefined ? { emailSubject: given.emailSubject } : {}),
  }
}

/** What the seed draws for a user's MFA, always all of it and in this order, whatever is described. */
export interface DrawnMfa {
  phoneNumber: string
  totpSecret: string
  /** 0–1: whether the user set up a factor at all. */
  chance: number
  /** Which of the pool's factors. */
  pick: number
}

/** An authenticator secret, Base32 (fidelity.mfa.totp). */
export function drawTotpSecret(faker: Faker): string {
  return faker.string.fromCharacters('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', fidelity.mfa.totp.secretLength)
}

export function drawMfa(faker: Faker): DrawnMfa {
  // NANP 555-01xx numbers are reserved for fiction: no real phone gets a mock's SMS by mistake.
  const phoneNumber = `+1${faker.number.int({ min: 201, max: 989 })}55501${faker.string.numeric({ length: 2, allowLeadingZeros: true })}`
  const totpSecret = drawTotpSecret(faker)
  return { phoneNumber, totpSecret, chance: faker.number.float({ min: 0, max: 1 }), pick: faker.number.int({ min: 0, max: 1000 }) }
}

/**
 * The user's contact details and factors: what the description gives, else what was drawn, kept coherent with
 * the pool. `at` names the user in errors.
 */
export function userMfaOf(pool: Pick<UserPoolRecord, 'id' | 'mfa'>, index: number, spec: UserMfaSpec, drawn: DrawnMfa, at: string): Pick<UserRecord, 'phoneNumber' | 'emailVerified' | 'phoneVerified' | 'mfa'> {
  const config = pool.mfa
  const phoneNumber = spec.phoneNumber === null ? undefined : (spec.phoneNumber ?? drawn.phoneNumber)
  let enabled: MfaFactor[]
  if (spec.mfa !== undefined) enabled = [...new Set(spec.mfa)]
  else if (!config || config.mode === 'off') enabled = []
  else if (config.userFactors !== undefined) enabled = config.userFactors.filter((f) => f !== 'sms' || phoneNumber !== undefined)
  else {
    const usable = config.factors.filter((f) => f !== 'sms' || phoneNumber !== undefined)
    // The first user always has one, the authenticator where the pool offers it; the others, mostly.
    const first = usable.includes('totp') ? 'totp' : usable[0]
    const without = config.mode === 'on' ? 0.15 : 0.5
    enabled = usable.length === 0 ? [] : index === 0 ? [first!] : drawn.chance < without ? [] : [usable[drawn.pick % usable.length]!]
  }
  for (const f of enabled) {
    if (!config?.factors.includes(f) || config.mode === 'off') fail(`${at}.mfa: pool ${pool.id} does not offer "${f}" (its mfa ${config ? `offers ${config.mode === 'off' ? 'nothing: it is off' : config.factors.join(', ')}` : 'is off'}).`, TypeError)
    if (f === 'sms' && phoneNumber === undefined) fail(`${at}.mfa: "sms" needs a phone number, and phoneNumber is null.`, TypeError)
  }
  const preferred = spec.preferredMfa === null ? undefined : (spec.preferredMfa ?? (enabled.length === 1 ? enabled[0] : undefined))
  if (preferred !== undefined && !enabled.includes(preferred)) fail(`${at}.preferredMfa: "${preferred}" is not one of the user's factors (mfa: ${JSON.stringify(enabled)}).`, TypeError)
  const mfa: UserMfaRecord = { enabled }
  if (preferred !== undefined) mfa.preferred = preferred
  if (enabled.includes('totp') || spec.totpSecret !== undefined) mfa.totpSecret = spec.totpSecret ?? drawn.totpSecret
  return {
    ...(phoneNumber !== undefined ? { phoneNumber } : {}),
    ...(phoneNumber !== undefined && spec.phoneVerified !== undefined ? { phoneVerified: spec.phoneVerified } : {}),
    ...(spec.emailVerified !== undefined ? { emailVerified: spec.emailVerified } : {}),
    ...(enabled.length > 0 || mfa.totpSecret !== undefined ? { mfa } : {}),
  }
}

/**
 * A user's MFA fields changed by `patch` (the handle's `users.create`/`update`): what the patch names over what
 * the user has, checked as a world's user is. `secret` is drawn only when `totp` is enabled without one.
 *
 * @example
 * Object.assign(user, patchUserMfa(pool, user, { mfa: ['totp'] }, () => secret, 'users.update("ada")'))
 */
export function patchUserMfa(pool: Pick<UserPoolRecord, 'id' | 'mfa'>, user: UserRecord, patch: UserMfaSpec, secret: () => string, at: string): void {
  const result = z.safeParse(z.strictObject(userMfaFields), patch)
  if (!result.success) {
    const issue = result.error.issues[0]!
    fail(`${at}: ${issue.path.join('.') || 'input'}: ${issue.message}`, TypeError)
  }
  const spec: UserMfaSpec = {
    phoneNumber: user.phoneNumber ?? null,
    mfa: user.mfa?.enabled ?? [],
    preferredMfa: user.mfa?.preferred ?? null,
    ...(user.mfa?.totpSecret !== undefined ? { totpSecret: user.mfa.totpSecret } : {}),
    ...(user.emailVerified !== undefined ? { emailVerified: user.emailVerified } : {}),
    ...(user.phoneVerified !== undefined ? { phoneVerified: user.phoneVerified } : {}),
    ...patch,
  }
  const needsSecret = spec.totpSecret === undefined && (spec.mfa ?? []).includes('totp')
  const next = userMfaOf(pool, 1, spec, { phoneNumber: '', totpSecret: needsSecret ? secret() : '', chance: 1, pick: 0 }, at)
  const kept = { totpName: user.mfa?.totpName, pendingTotpSecret: user.mfa?.pendingTotpSecret, totpLastStep: user.mfa?.totpLastStep }
  for (const key of ['phoneNumber', 'phoneVerified', 'emailVerified', 'mfa'] as const) delete user[key]
  Object.assign(user, next)
  if (Object.values(kept).some((v) => v !== undefined)) {
    user.mfa ??= { enabled: [] }
    for (const [key, value] of Object.entries(kept)) if (value !== undefined) (user.mfa as unknown as Record<string, unknown>)[key] = value
  }
}

/** The MFA fields a users.create/update input may hold. */
export const userMfaKeys = Object.keys(userMfaFields) as (keyof UserMfaSpec)[]
