import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'

/**
 * The attributes ListUsers can search on, in the developer guide's order; any other name (custom
 * attributes included) is refused.
 *
 * @example
 * searchableAttributes.includes('email') // true
 */
export const searchableAttributes = [
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
] as const

/**
 * A name ListUsers accepts on the left of a filter.
 *
 * @example
 * const attribute: SearchableAttribute = 'cognito:user_status'
 */
export type SearchableAttribute = (typeof searchableAttributes)[number]

/**
 * A parsed ListUsers filter: `value` is unescaped, `prefix` is true for `^=`.
 *
 * @example
 * const filter: UserFilter = { attribute: 'email', prefix: true, value: 'alice@' }
 */
export interface UserFilter {
  readonly attribute: SearchableAttribute
  readonly prefix: boolean
  readonly value: string
}

/**
 * The user as the filter sees it: `attributes` is the list GetUser shows (`sub` included).
 *
 * @example
 * const user: FilterableUser = { username: 'alice', status: 'CONFIRMED', enabled: true, attributes: [] }
 */
export interface FilterableUser {
  readonly username: string
  readonly status: string
  readonly enabled: boolean
  readonly attributes: readonly { Name: string; Value?: string }[]
}

/**
 * The two messages ListUsers answers a bad filter with, both as InvalidParameterException: `wire` [C] and
 * `fidelity` [I] hold them.
 *
 * @example
 * filterMessages.notSearchable('custom:role') // 'Invalid search attribute: custom:role'
 */
export const filterMessages = {
  unparsable: wire.lifecycle.filterUnparsable,
  notSearchable: fidelity.lifecycleMessages.notSearchable,
} as const

// The name charset is deliberately narrow so that `!=`, `<` and similar operators fail to parse instead of
// being read as part of a name and reported as an unsearchable attribute. Only `\"` and `\\` are escapes the
// guide documents; a backslash before anything else is refused rather than guessed at.
const FILTER = /^\s*([A-Za-z0-9_:.-]+)\s*(\^=|=)\s*"((?:[^"\\]|\\["\\])*)"\s*$/

// Username and account status are the guide's exceptions to "all searches are case-insensitive".
const caseSensitive: ReadonlySet<SearchableAttribute> = new Set(['username', 'status'])

function isSearchable(name: string): name is SearchableAttribute {
  return (searchableAttributes as readonly string[]).includes(name)
}

/**
 * Parses a ListUsers `Filter`; `undefined` for an absent, empty or blank filter, which lists every user.
 * Throws InvalidParameterException for a filter that does not parse or names an unsearchable attribute.
 *
 * @example
 * parseUserFilter('email ^= "alice@"') // { attribute: 'email', prefix: true, value: 'alice@' }
 * parseUserFilter('   ') // undefined
 */
export function parseUserFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined
  const match = FILTER.exec(filter)
  if (!match) throw new CognitoError('InvalidParameterException', filterMessages.unparsable)
  const [, name, operator, quoted] = match as unknown as [string, string, string, string]
  if (!isSearchable(name)) throw new CognitoError('InvalidParameterException', filterMessages.notSearchable(name))
  return { attribute: name, prefix: operator === '^=', value: quoted.replace(/\\(["\\])/g, '$1') }
}

/**
 * Whether `user` passes `filter`. A user without the attribute never passes, not even `^= ""`.
 *
 * @example
 * const filter = parseUserFilter('email = "ALICE@example.com"')!
 * matchesUserFilter(filter, { username: 'alice', status: 'CONFIRMED', enabled: true,
 *   attributes: [{ Name: 'email', Value: 'alice@example.com' }] }) // true
 */
export function matchesUserFilter(filter: UserFilter, user: FilterableUser): boolean {
  const actual = valueOf(filter.attribute, user)
  if (actual === undefined) return false
  const fold = caseSensitive.has(filter.attribute) ? (s: string) => s : (s: string) => s.toLowerCase()
  const have = fold(actual)
  const want = fold(filter.value)
  return filter.prefix ? have.startsWith(want) : have === want
}

function valueOf(attribute: SearchableAttribute, user: FilterableUser): string | undefined {
  switch (attribute) {
    case 'username':
      return user.username
    case 'status':
      return user.enabled ? 'Enabled' : 'Disabled'
    case 'cognito:user_status':
      return user.status
    default:
      return user.attributes.find((a) => a.Name === attribute)?.Value
  }
}
