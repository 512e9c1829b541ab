import { passwordPolicyKeys, poolSettingsFields, userAttributesSchema, type PoolSettingsSpec } from './pool-settings.ts'
import type { Faker } from '@faker-js/faker'
import * as z from 'zod/mini'
import { fail } from '../lib/errors.ts'
import type { DeviceRemembering, MfaMode, SignInAlias, UserStatus } from './types.ts'
import { aliasesSchema, poolMfaSchema, userMfaFields, type PoolMfaSpec, type UserMfaSpec } from './world-mfa.ts'
import type { CreateClientInput } from './clients.ts'

/** A date: a `Date`, epoch milliseconds, or an ISO 8601 string (what a JSON world file can hold). */
export type DateInput = Date | number | string

/** A range drawn inclusively, or an exact count. */
export type CountRange = number | { min: number; max: number }

/**
 * One device of a user. Every field is optional: what is not given is drawn from the seed (or the `device`
 * factory). `remembered` defaults to the pool's way: always in an `always` pool, mostly in a `user-opt-in` one
 * (where the first user's first three devices are remembered, so that every example has some to show).
 */
export interface DeviceSpec {
  /** `{region}_{lowercase uuid}`, unique across the world. */
  key?: string
  /** `-` and eight lowercase alphanumerics, like the service's. */
  groupKey?: string
  /** DeviceName (a browser's user agent, mostly); `null`: a device confirmed without a name. */
  name?: string | null
  remembered?: boolean
  lastIp?: string
  /** `dev:device_sdk` (`aws-sdk`, `aws-sdk-unknown-unknown`). */
  sdk?: string
  createdAt?: DateInput
  lastModifiedAt?: DateInput
  lastAuthenticatedAt?: DateInput
}

/** One user of a pool. What is not given is drawn from the seed (or the `user` factory). */
export interface UserSpec extends UserMfaSpec {
  username?: string
  /** In clear, so that tests can sign in; default: a seeded password that meets Cognito's default policy. */
  password?: string
  /** Default: the drawn person's address; with a described username, that name at the drawn domain (or the name, when it is an address). */
  email?: string
  sub?: string
  /** Default `CONFIRMED`. */
  status?: UserStatus
  /** Default true. */
  enabled?: boolean
  createdAt?: DateInput
  /** Attributes besides email and phone number: standard (`name`, `given_name`…) or the pool's custom ones (`custom:tier`). */
  attributes?: Readonly<Record<string, string>>
  /**
   * The user's devices: a count or range of generated ones (default `devicesPerUser`), or a list of devices
   * and counts (`[{ name: 'Kiosk', remembered: true }, 3]`: one described device and three generated). A pool
   * whose `deviceRemembering` is `off` tracks none: a list or count asking for some is refused.
   */
  devices?: CountRange | readonly (DeviceSpec | number)[]
}

/** One user pool. What is not given is drawn from the seed (or the `pool` factory). */
export interface PoolSpec extends PoolSettingsSpec {
  /** `{region}_{alphanumerics}`: its region prefix is the pool's region (default: the mock's `region`). */
  id?: string
  name?: string
  /** How the pool remembers devices (default: `deviceRemembering` cycled over the pools). */
  deviceRemembering?: DeviceRemembering
  /** App clients (default: a public `web` client and a confidential `server` client). */
  clients?: readonly CreateClientInput[]
  createdAt?: DateInput
  /** MFA: `'off'` (default: the world's `mfa`), `'optional'`, `'on'`, or `{ mode, factors, rememberedDevicesSkipMfa, … }`. */
  mfa?: MfaMode | PoolMfaSpec
  /** Attributes users may also sign in with, and admin calls name them by (AliasAttributes). */
  aliases?: readonly SignInAlias[]
  /** A count of generated users (default `usersPerPool`), or a list of users and counts (`[{ username: 'ada' }, 4]`). */
  users?: number | readonly (UserSpec | number)[]
}

/** What the `pool` factory is given: a faker seeded for this pool alone, and the pool's position in the world. */
export interface PoolFactoryContext {
  faker: Faker
  /** The pool's position in the world's list (counts expanded: `[{…}, 3]` are pools 0 to 3). */
  index: number
}
/** What the `user` factory is given: a faker seeded for this user alone, the pool, and the user's position in it. */
export interface UserFactoryContext {
  faker: Faker
  /** The user's position in the pool's list (counts expanded). */
  index: number
  pool: { id: string; name: string; deviceRemembering: DeviceRemembering; mfa: MfaMode }
}
/** What the `device` factory is given: a faker seeded for this device alone, its pool and user, and its position. */
export interface DeviceFactoryContext {
  faker: Faker
  /** The device's position in the user's list as described (counts expanded), before lists are put in creation order. */
  index: number
  pool: UserFactoryContext['pool']
  user: { username: string; email: string; sub: string }
}

/**
 * The seeded world: how many of everything, or the pools, users and devices themselves, partly described,
 * the rest filled from the seed. Every field has a default; `pools: 0` gives an empty mock.
 *
 * @example
 * const world: WorldOptions = {
 *   pools: [{ name: 'Acme', deviceRemembering: 'user-opt-in', users: [{ username: 'ada', devices: [{ name: 'Ada’s MacBook', remembered: true }, 3] }, 4] }],
 *   device: ({ faker }) => ({ lastIp: faker.internet.ipv4({ network: 'private-a' }) }),
 * }
 */
export interface WorldOptions {
  /** A count of generated pools (default 1), or a list of pools and counts. */
  pools?: number | readonly (PoolSpec | number)[]
  /** Users of a pool whose `users` is not given (default 5). */
  usersPerPool?: number
  /** Devices of a user whose `devices` is not given, drawn inclusively (default 0 to 8; the first user of a pool has at least 3). */
  devicesPerUser?: CountRange
  /**
   * Device remembering of each pool that does not say, cycled over the pools
   * (default `['user-opt-in', 'always', 'off']`: the first pool lets users choose).
   */
  deviceRemembering?: readonly DeviceRemembering[]
  /** MFA of each pool that does not say (default `'off'`). */
  mfa?: MfaMode | PoolMfaSpec
  /** Shapes every pool: what it returns is used where the pool's description is silent. */
  pool?: (context: PoolFactoryContext) => Omit<PoolSpec, 'users'>
  /** Shapes every user: what it returns is used where the user's description is silent. */
  user?: (context: UserFactoryContext) => Omit<UserSpec, 'devices'>
  /** Shapes every device: what it returns is used where the device's description is silent. */
  device?: (context: DeviceFactoryContext) => DeviceSpec
}

// ---------------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------------

/** Per count, and per list in all (`[1000, 1000]` is over too): a typo should not grow a world that never ends. */
export const worldLimits = { pools: 1000, users: 100_000, devices: 10_000 } as const

const count = (max: number) => z.int().check(z.gte(0, { error: 'expected a whole number ≥ 0' }), z.lte(max, { error: `expected at most ${max}` }))
const range = (max: number) => z.strictObject({ min: count(max), max: count(max) }).check(z.refine((r) => r.min <= r.max, { error: 'min must not exceed max' }))
/** A list of descriptions and counts, with at most `max` items once the counts are expanded. */
const listOf = <T extends z.ZodMiniType>(item: T, max: number, what: string) =>
  z.array(z.union([count(max), item])).check(z.refine((items) => items.reduce<number>((n, i) => n + (typeof i === 'number' ? i : 1), 0) <= max, { error: `expected at most ${max} ${what} in all` }))
const date = z.custom<DateInput>(
  (v) => (v instanceof Date ? Number.isFinite(v.getTime()) : typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && Number.isFinite(Date.parse(v))),
  { error: 'expected a date: a Date, epoch milliseconds or an ISO 8601 string' },
)
const text = (max: number) => z.string().check(z.minLength(1, { error: 'expected a non-empty string' }), z.maxLength(max, { error: `expected at most ${max} characters` }))
const fn = <T>(shape: string) => z.custom<T>((v) => typeof v === 'function', { error: `expected a function ${shape}` })
const remembering = z.enum(['always', 'user-opt-in', 'off'], { error: 'expected "always", "user-opt-in" or "off"' })
const userStatuses = ['CONFIRMED', 'UNCONFIRMED', 'RESET_REQUIRED', 'FORCE_CHANGE_PASSWORD', 'ARCHIVED', 'COMPROMISED', 'UNKNOWN', 'EXTERNAL_PROVIDER'] as const

export const deviceSpecSchema = z.strictObject({
  key: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-f-]+$/, { error: 'expected a device key such as "us-east-1_<lowercase uuid>"' }), z.maxLength(55, { error: 'expected at most 55 characters' }))),
  groupKey: z.optional(text(55)),
  name: z.optional(z.nullable(text(1024))),
  remembered: z.optional(z.boolean()),
  lastIp: z.optional(text(45)),
  sdk: z.optional(text(64)),
  createdAt: z.optional(date),
  lastModifiedAt: z.optional(date),
  lastAuthenticatedAt: z.optional(date),
})

const userFields = {
  username: z.optional(z.string().check(z.regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, { error: 'expected 1 to 128 characters, no spaces (Cognito\'s username pattern)' }))),
  password: z.optional(text(256)),
  // What Cognito's email attribute takes at least: something, an @, something, and no spaces.
  email: z.optional(z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/, { error: 'expected an email address such as "ada@example.com"' }), z.maxLength(2048, { error: 'expected at most 2048 characters' }))),
  sub: z.optional(text(128)),
  status: z.optional(z.enum(userStatuses, { error: `expected one of ${userStatuses.join(', ')}` })),
  enabled: z.optional(z.boolean()),
  createdAt: z.optional(date),
  attributes: z.optional(userAttributesSchema),
  ...userMfaFields,
}
export const userFactoryOutputSchema = z.strictObject(userFields)
export const userSpecSchema = z.strictObject({
  ...userFields,
  devices: z.optional(z.union([count(worldLimits.devices), range(worldLimits.devices), listOf(deviceSpecSchema, worldLimits.devices, 'devices')])),
})

// As `pools.create({ clients })` takes them (state/clients.ts), so that a world's mistakes are named by path here.
const clientSchema = z.strictObject({
  clientId: z.optional(z.string().check(z.regex(/^[\w+]{1,128}$/, { error: 'expected 1 to 128 letters, digits, _ or +' }))),
  clientName: z.optional(text(128)),
  clientSecret: z.optional(z.union([z.boolean(), z.string().check(z.regex(/^[\w+]{24,64}$/, { error: 'expected true (a secret drawn from the seed) or 24 to 64 letters, digits, _ or +' }))])),
  preventUserExistenceErrors: z.optional(z.enum(['ENABLED', 'LEGACY'], { error: 'expected "ENABLED" or "LEGACY"' })),
  explicitAuthFlows: z.optional(z.array(z.string())),
})
const poolFields = {
  id: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/, { error: 'expected a pool id such as "us-east-1_AbC123xYz"' }), z.maxLength(55, { error: 'expected at most 55 characters' }))),
  name: z.optional(z.string().check(z.regex(/^[\w\s+=,.@-]{1,128}$/, { error: 'expected 1 to 128 letters, digits, spaces or +=,.@-_' }))),
  deviceRemembering: z.optional(remembering),
  clients: z.optional(z.array(clientSchema).check(z.minLength(1, { error: 'expected at least one app client (leave clients out for the seeded web and server clients)' }))),
  createdAt: z.optional(date),
  mfa: z.optional(poolMfaSchema),
  aliases: z.optional(aliasesSchema),
  ...poolSettingsFields,
}
export const poolFactoryOutputSchema = z.strictObject(poolFields)
export const poolSpecSchema = z.strictObject({
  ...poolFields,
  users: z.optional(z.union([count(worldLimits.users), listOf(userSpecSchema, worldLimits.users, 'users')])),
})

export const worldSchema = z.strictObject({
  pools: z.optional(z.union([count(worldLimits.pools), listOf(poolSpecSchema, worldLimits.pools, 'pools')])),
  usersPerPool: z.optional(count(worldLimits.users)),
  devicesPerUser: z.optional(z.union([count(worldLimits.devices), range(worldLimits.devices)])),
  deviceRemembering: z.optional(z.array(remembering).check(z.minLength(1, { error: 'expected at least one mode' }))),
  mfa: z.optional(poolMfaSchema),
  pool: z.optional(fn<WorldOptions['pool']>('({ faker, index }) => ({ name, … })')),
  user: z.optional(fn<WorldOptions['user']>('({ faker, pool, index }) => ({ username, … })')),
  device: z.optional(fn<WorldOptions['device']>('({ faker, pool, user, index }) => ({ name, … })')),
})

// ---------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue

/** `world.pools[0].users[1].name`; without a root, `users[1].name` (a factory's result). */
function pathOf(root: string, path: readonly PropertyKey[]): string {
  const out = path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), root)
  return root === '' ? out.replace(/^\./, '') || '(the result)' : out
}

/** The keys each kind of description takes, to name the one a typo meant. */
const keysOf = {
  world: Object.keys(worldSchema.def.shape),
  pool: Object.keys(poolSpecSchema.def.shape),
  user: Object.keys(userSpecSchema.def.shape),
  device: Object.keys(deviceSpecSchema.def.shape),
  client: Object.keys(clientSchema.def.shape),
  passwordPolicy: passwordPolicyKeys,
  range: ['min', 'max'],
  'pool factory': Object.keys(poolFactoryOutputSchema.def.shape),
  'user factory': Object.keys(userFactoryOutputSchema.def.shape),
}
type Kind = keyof typeof keysOf

/** What the object at `path` describes, from the last named key before it (`…users[1]` is a user). */
function kindAt(root: Kind, path: readonly PropertyKey[]): Kind {
  const named = path.filter((key) => typeof key === 'string')
  const last = named.at(-1)
  if (last === undefined) return root
  if (last === 'devicesPerUser' || (last === 'devices' && typeof path.at(-1) === 'string')) return 'range'
  return ({ pools: 'pool', users: 'user', devices: 'device', clients: 'client', passwordPolicy: 'passwordPolicy' } as Record<string, Kind>)[last] ?? root
}

/** The known key `key` is most likely a typo of (at most two edits away), if any. */
function meant(key: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i)
    for (let i = 1; i <= a.length; i++) {
      const next = [i]
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1))
      row = next
    }
    return row[b.length]!
  }
  const [best] = known.map((k) => [k, distance(key, k)] as const).sort((a, b) => a[1] - b[1])
  return best && best[1] <= Math.min(2, Math.floor(key.length / 2)) ? best[0] : undefined
}

/** Of a union's branches, the one that got furthest into the value (a number: the count's): its issues say what to fix. */
function closest(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  if (typeof issue.input === 'number' && issue.errors[0]?.length) return issue.errors[0]
  const branches = issue.errors.filter((issues) => issues.length > 0)
  const depth = (issues: Issue[]) => Math.max(...issues.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? -1 : i.path.length)))
  const best = branches.toSorted((a, b) => depth(b) - depth(a))[0]
  return best && depth(best) >= 0 ? best : undefined
}

/** What a count-or-description union takes where neither branch got anywhere. */
function countOr(path: readonly PropertyKey[]): string {
  const last = path.at(-1)
  if (typeof last === 'number') return 'expected a count (a whole number ≥ 0) or an object describing one'
  if (last === 'devices') return 'expected a count, a { min, max } range, or a list of devices and counts'
  if (last === 'devicesPerUser') return 'expected a count or a { min, max } range'
  return `expected a count or a list of ${String(last ?? 'item')} and counts`
}

function describe(root: string, kind: Kind, issue: Issue, base: readonly PropertyKey[] = []): string[] {
  const path = [...base, ...issue.path]
  if (issue.code === 'invalid_union') {
    const inner = closest(issue)
    if (inner) return inner.flatMap((each) => describe(root, kind, each, path))
    return [`${pathOf(root, path)}: ${countOr(path)}`]
  }
  if (issue.code === 'unrecognized_keys') {
    const known = keysOf[kindAt(kind, path)]
    const named = issue.keys.map((k) => {
      const guess = meant(k, known)
      return `"${k}"${guess ? ` (did you mean "${guess}"?)` : ''}`
    })
    return [`${pathOf(root, path)}: unknown key${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}; known: ${known.join(', ')}`]
  }
  // zod's own wording for types: "Invalid input" without a locale, "Invalid input: expected …" once something
  // (Playwright does) loads zod's English locale. Ours is the same either way; the schema's messages cover checks.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    const missing = 'input' in issue && issue.input === undefined ? ' (it is missing)' : ''
    const what = typeof issue.input === 'number' && (issue.expected === 'int' || issue.expected === 'number') ? 'a whole number ≥ 0' : (expected[issue.expected] ?? issue.expected)
    return [`${pathOf(root, path)}: expected ${what}${missing}`]
  }
  return [`${pathOf(root, path)}: ${issue.message}`]
}

// Every number a world takes is a count.
const expected: Record<string, string> = { int: 'a whole number', number: 'a whole number', boolean: 'true or false', string: 'a string', object: 'an object', array: 'a list' }

/** The issues as lines, at most eight (a generated world file can be wrong everywhere at once). */
function lines(root: string, kind: Kind, issues: readonly Issue[]): string {
  const all = issues.flatMap((issue) => describe(root, kind, issue))
  const shown = all.slice(0, 8).map((line) => `  ${line}`)
  if (all.length > 8) shown.push(`  … and ${all.length - 8} more`)
  return shown.join('\n')
}

/**
 * The world option checked: returned as given, or a `[cognito-device-mock]` TypeError naming each path to fix
 * (`where`: whose world it is, when not the mock's own). What only the whole world shows (two users of a
 * name, a pool id's region) is checked as it grows (`generateWorld`).
 *
 * @example
 * checkWorld({ pools: [{ users: [{ username: 'ada' }, 4] }] }, 'scenario "demo"')
 */
export function checkWorld(world: unknown, where?: string): WorldOptions {
  const result = z.safeParse(worldSchema, world ?? {}, { reportInput: true })
  if (!result.success) {
    fail(`${where ? `${where}: ` : ''}world is not a world description:\n${lines('world', 'world', result.error.issues)}`, TypeError)
  }
  return world ?? {}
}

/**
 * Checks what a factory returned against `schema` (`undefined`: nothing to change), naming the factory and
 * the item in the error: `where` is e.g. `world.device for world.pools[0].users[1].devices[0]`.
 */
export function checkFactoryOutput<T>(schema: z.ZodMiniType<T>, kind: 'pool factory' | 'user factory' | 'device', value: unknown, where: string): T {
  if (value === undefined) return {} as T
  // A promise is an object without keys, which the schema would take as "nothing to change".
  if (typeof (value as { then?: unknown } | null)?.then === 'function') fail(`${where} returned a promise: factories run synchronously; return the description itself.`, TypeError)
  const result = z.safeParse(schema, value, { reportInput: true })
  if (!result.success) {
    fail(`${where} returned what is not a ${kind.replace(' factory', '')} description:\n${lines('', kind, result.error.issues)}`, TypeError)
  }
  return result.data
}
