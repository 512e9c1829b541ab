import type { Faker } from '@faker-js/faker'
import * as z from 'zod/mini'
import { fail } from '../lib/errors.ts'
import type { DeviceRemembering, UserStatus } from './types.ts'
import type { CreateClientInput } from './clients.ts'

/** A date: a `Date`, epoch milliseconds, or an ISO 8601 string (what a JSON world file can hold). */
export type DateInput = Date | number | string

/** A range drawn inclusively, or an exact count. */
export type CountRange = number | { min: number; max: number }

/**
 * One device of a user. Every field is optional: what is not given is drawn from the seed (or the `device`
 * factory). `remembered` defaults to the pool's way: always in an `always` pool, mostly in a `user-opt-in` one.
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
export interface UserSpec {
  username?: string
  /** In clear, so that tests can sign in; default: a seeded password that meets Cognito's default policy. */
  password?: string
  email?: string
  sub?: string
  /** Default `CONFIRMED`. */
  status?: UserStatus
  /** Default true. */
  enabled?: boolean
  createdAt?: DateInput
  /**
   * The user's devices: a count or range of generated ones (default `devicesPerUser`), or a list of devices
   * and counts (`[{ name: 'Kiosk', remembered: true }, 3]`: one described device and three generated).
   */
  devices?: CountRange | readonly (DeviceSpec | number)[]
}

/** One user pool. What is not given is drawn from the seed (or the `pool` factory). */
export interface PoolSpec {
  /** `{region}_{alphanumerics}`: its region prefix is the pool's region (default: the mock's `region`). */
  id?: string
  name?: string
  /** How the pool remembers devices (default: `deviceRemembering` cycled over the pools). */
  deviceRemembering?: DeviceRemembering
  /** App clients (default: a public `web` client and a confidential `server` client). */
  clients?: readonly CreateClientInput[]
  createdAt?: DateInput
  /** A count of generated users (default `usersPerPool`), or a list of users and counts (`[{ username: 'ada' }, 4]`). */
  users?: number | readonly (UserSpec | number)[]
}

/** What a factory is given: the seeded faker of the thing being made, and where it sits in the world. */
export interface PoolFactoryContext {
  faker: Faker
  /** The pool's position in the world. */
  index: number
}
export interface UserFactoryContext extends PoolFactoryContext {
  pool: { id: string; name: string; deviceRemembering: DeviceRemembering }
}
export interface DeviceFactoryContext extends PoolFactoryContext {
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

export const worldLimits = { pools: 1000, users: 100_000, devices: 10_000 } as const

const count = (max: number) => z.int().check(z.gte(0, { error: 'expected a whole number ≥ 0' }), z.lte(max, { error: `expected at most ${max}` }))
const range = (max: number) =>
  z
    .strictObject({ min: count(max), max: count(max) })
    .check(z.refine((r) => r.min <= r.max, { error: 'min must not exceed max' }))
const date = z.custom<DateInput>(
  (v) => (v instanceof Date ? Number.isFinite(v.getTime()) : typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && Number.isFinite(Date.parse(v))),
  { error: 'expected a date: a Date, epoch milliseconds or an ISO 8601 string' },
)
const text = (max: number) => z.string().check(z.minLength(1, { error: 'expected a non-empty string' }), z.maxLength(max, { error: `expected at most ${max} characters` }))
const fn = <T>(shape: string) => z.custom<T>((v) => typeof v === 'function', { error: `expected a function ${shape}` })
const remembering = z.enum(['always', 'user-opt-in', 'off'], { error: 'expected "always", "user-opt-in" or "off"' })
const userStatuses = ['CONFIRMED', 'UNCONFIRMED', 'RESET_REQUIRED', 'FORCE_CHANGE_PASSWORD', 'ARCHIVED', 'COMPROMISED', 'UNKNOWN', 'EXTERNAL_PROVIDER'] as const

export const deviceSpecSchema = z.strictObject({
  key: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-f-]+$/, { error: 'expected a device key such as "us-east-1_<lowercase uuid>"' }), z.maxLength(55))),
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
  email: z.optional(text(2048)),
  sub: z.optional(text(128)),
  status: z.optional(z.enum(userStatuses, { error: `expected one of ${userStatuses.join(', ')}` })),
  enabled: z.optional(z.boolean()),
  createdAt: z.optional(date),
}
export const userFactoryOutputSchema = z.strictObject(userFields)
export const userSpecSchema = z.strictObject({
  ...userFields,
  devices: z.optional(z.union([count(worldLimits.devices), range(worldLimits.devices), z.array(z.union([count(worldLimits.devices), deviceSpecSchema]))])),
})

const clientSchema = z.strictObject({
  clientId: z.optional(z.string().check(z.regex(/^[\w+]{1,128}$/, { error: 'expected 1 to 128 letters, digits, _ or +' }))),
  clientName: z.optional(text(128)),
  clientSecret: z.optional(z.union([z.boolean(), text(128)])),
  preventUserExistenceErrors: z.optional(z.enum(['ENABLED', 'LEGACY'])),
  explicitAuthFlows: z.optional(z.array(z.string())),
})
const poolFields = {
  id: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/, { error: 'expected a pool id such as "us-east-1_AbC123xYz"' }), z.maxLength(55))),
  name: z.optional(z.string().check(z.regex(/^[\w\s+=,.@-]{1,128}$/, { error: 'expected 1 to 128 letters, digits, spaces or +=,.@-_' }))),
  deviceRemembering: z.optional(remembering),
  clients: z.optional(z.array(clientSchema)),
  createdAt: z.optional(date),
}
export const poolFactoryOutputSchema = z.strictObject(poolFields)
export const poolSpecSchema = z.strictObject({
  ...poolFields,
  users: z.optional(z.union([count(worldLimits.users), z.array(z.union([count(worldLimits.users), userSpecSchema]))])),
})

export const worldSchema = z.strictObject({
  pools: z.optional(z.union([count(worldLimits.pools), z.array(z.union([count(worldLimits.pools), poolSpecSchema]))])),
  usersPerPool: z.optional(count(worldLimits.users)),
  devicesPerUser: z.optional(z.union([count(worldLimits.devices), range(worldLimits.devices)])),
  deviceRemembering: z.optional(z.array(remembering).check(z.minLength(1, { error: 'expected at least one mode' }))),
  pool: z.optional(fn<WorldOptions['pool']>('({ faker, index }) => ({ name, … })')),
  user: z.optional(fn<WorldOptions['user']>('({ faker, pool, index }) => ({ username, … })')),
  device: z.optional(fn<WorldOptions['device']>('({ faker, pool, user, index }) => ({ name, … })')),
})

// ---------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue

/** `world.pools[0].users[1].name` */
function pathOf(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), root)
}

/** Of a union's branches, the one that got furthest into the value: its issues say what to fix. */
function closest(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  const branches = issue.errors.filter((issues) => issues.length > 0)
  const depth = (issues: Issue[]) => Math.max(...issues.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? -1 : i.path.length)))
  const best = branches.toSorted((a, b) => depth(b) - depth(a))[0]
  return best && depth(best) >= 0 ? best : undefined
}

function describe(root: string, issue: Issue, base: readonly PropertyKey[] = []): string[] {
  const path = [...base, ...issue.path]
  if (issue.code === 'invalid_union') {
    const inner = closest(issue)
    if (inner) return inner.flatMap((each) => describe(root, each, path))
    return [`${pathOf(root, path)}: expected a count (a whole number ≥ 0) or an object describing one`]
  }
  if (issue.code === 'unrecognized_keys') return [`${pathOf(root, path)}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`]
  // zod/mini has no message locale loaded; the schema's own messages cover checks, this covers types.
  if (issue.code === 'invalid_type' && issue.message === 'Invalid input') return [`${pathOf(root, path)}: expected ${expected[issue.expected] ?? issue.expected}`]
  return [`${pathOf(root, path)}: ${issue.message}`]
}

const expected: Record<string, string> = { int: 'a whole number', number: 'a number', boolean: 'true or false', string: 'a string', object: 'an object', array: 'a list' }

/** The issues as lines, at most eight (a generated world file can be wrong everywhere at once). */
function lines(root: string, issues: readonly Issue[]): string {
  const all = issues.flatMap((issue) => describe(root, issue))
  const shown = all.slice(0, 8).map((line) => `  ${line}`)
  if (all.length > 8) shown.push(`  … and ${all.length - 8} more`)
  return shown.join('\n')
}

/**
 * The world option checked: returned as given, or a `[cognito-device-mock]` TypeError naming each path to fix
 * (`where`: whose world it is, when not the mock's own).
 *
 * @example
 * checkWorld({ pools: [{ users: [{ username: 'ada' }, 4] }] }, 'scenario "demo"')
 */
export function checkWorld(world: unknown, where?: string): WorldOptions {
  const result = z.safeParse(worldSchema, world ?? {})
  if (!result.success) {
    fail(`${where ? `${where}: ` : ''}world is not a world description:\n${lines('world', result.error.issues)}`, TypeError)
  }
  return world ?? {}
}

/** Checks what a factory returned against `schema`, naming the factory and the item in the error. */
export function checkFactoryOutput<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  if (value === undefined) return {} as T
  const result = z.safeParse(schema, value)
  if (!result.success) {
    fail(`${where} returned what is not a description:\n${lines('', result.error.issues)}`, TypeError)
  }
  return result.data
}

// ---------------------------------------------------------------------------------------------------
// Description (a snapshot's origin)
// ---------------------------------------------------------------------------------------------------

/** A world as JSON with its keys sorted (functions by their source): two origins compare equal as text when they are. */
export type WorldDescription = { readonly [key: string]: unknown }

export function describeWorld(world: WorldOptions): WorldDescription {
  const sorted = (value: unknown): unknown => {
    if (typeof value === 'function') return `function ${String(value)}`
    if (value instanceof Date) return value.toISOString()
    if (Array.isArray(value)) return value.map(sorted)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]))
    }
    return value
  }
  return sorted(world) as WorldDescription
}
