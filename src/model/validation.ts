import * as z from 'zod/mini'
import { fidelity } from '../fidelity.ts'
import { CognitoError, type OperationName } from './exceptions.ts'
import type { InputOf } from './operation-types.generated.ts'
import { inputSchema, inputShapeAt, phrases, shapeOf } from './schemas.ts'

/**
 * Checks a decoded request body against the model, as Cognito's front end does: type mismatches are a
 * SerializationException, constraint violations one InvalidParameterException listing every violation.
 *
 * @example
 * const input = validateInput('GetDevice', { DeviceKey: 'us-east-1_…', AccessToken: '…' })
 */
export function validateInput<K extends OperationName>(operation: K, body: unknown): InputOf<K> {
  if (body === null || typeof body !== 'object') {
    throw new CognitoError('SerializationException', Array.isArray(body) ? fidelity.serialization.startOfList : fidelity.serialization.notAnObject)
  }
  if (Array.isArray(body)) throw new CognitoError('SerializationException', fidelity.serialization.startOfList)
  const input = withoutNulls(body) as Record<string, unknown>
  const result = z.safeParse(inputSchema(operation), input)
  // The schema is built from the same model shapes as InputOf at run time, so zod cannot name the type itself.
  if (result.success) return result.data as InputOf<K>

  const violations: string[] = []
  for (const issue of result.error.issues) {
    const value = valueAt(input, issue.path)
    if (value !== undefined && (issue.code === 'invalid_type' || !fitsJsonType(operation, issue.path, value))) {
      throw new CognitoError('SerializationException', serializationMessage(operation, issue.path, value))
    }
    violations.push(formatViolation(operation, issue.path, value, value === undefined ? phrases.notNull : issue.message))
  }
  const count = violations.length
  throw new CognitoError(
    'InvalidParameterException',
    `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
  )
}

/**
 * A member the server requires though the model marks it optional (fidelity.serverRequiredMembers). The
 * generated request types follow the model, so an operation reads such a member through this: it narrows the
 * type, and refuses its absence as `validateInput` does (which has refused it already for any request that
 * came through the pipeline).
 *
 * @example
 * const { user } = await authenticate(ctx, serverRequired('GetDevice', input, 'AccessToken'))
 */
export function serverRequired<K extends OperationName, M extends keyof InputOf<K> & string>(
  operation: K,
  input: InputOf<K>,
  member: M,
): NonNullable<InputOf<K>[M]> {
  const value = input[member]
  if (value !== undefined && value !== null) return value
  throw new CognitoError('InvalidParameterException', `1 validation error detected: ${formatViolation(operation, [member], undefined, phrases.notNull)}`)
}

// ---------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------

/** `DeviceSecretVerifierConfig.Salt` → `deviceSecretVerifierConfig.salt`; list items are `name.1.member`. */
export function wirePath(path: readonly PropertyKey[]): string {
  const parts: string[] = []
  for (const key of path) {
    if (typeof key === 'number') parts.push(`${key + 1}`, 'member')
    else {
      const name = String(key)
      parts.push(name.charAt(0).toLowerCase() + name.slice(1))
    }
  }
  return parts.join('.')
}

function formatViolation(operation: OperationName, path: readonly PropertyKey[], value: unknown, phrase: string): string {
  // A member inside a sensitive map or structure (AuthParameters, UserContextData) is as secret as its container.
  const sensitive = path.some((_, i) => {
    const shapeName = inputShapeAt(operation, path.slice(0, i + 1))
    return shapeName !== undefined && shapeOf(shapeName).sensitive === true
  })
  const shown = sensitive ? '' : value === undefined ? ' null' : ` '${javaToString(value)}'`
  return `Value${shown} at '${wirePath(path)}' failed to satisfy constraint: ${phrase}`
}

/** Text to print as is, told apart from the values still to print on `javaToString`'s stack. */
class Literal {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

/**
 * How the Java service prints a value inside `Value '…'`: lists as `[a, b]`, maps as `{k=v}`. Iterative, as
 * every walk over a request's values is: nesting must not decide whether the mock answers.
 */
function javaToString(root: unknown): string {
  let out = ''
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item instanceof Literal) out += item.text
    else if (Array.isArray(item)) {
      stack.push(new Literal(']'))
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i], ...(i > 0 ? [new Literal(', ')] : []))
      stack.push(new Literal('['))
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item)
      stack.push(new Literal('}'))
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, member] = entries[i]!
        stack.push(member, new Literal(`${key}=`), ...(i > 0 ? [new Literal(', ')] : []))
      }
      stack.push(new Literal('{'))
    } else out += String(item)
  }
  return out
}

const javaTypeNames: Record<string, string> = {
  string: 'String',
  integer: 'Integer',
  boolean: 'Boolean',
  timestamp: 'Date',
}

function serializationMessage(operation: OperationName, path: readonly PropertyKey[], value: unknown): string {
  if (Array.isArray(value)) return fidelity.serialization.startOfList
  if (typeof value === 'object') return fidelity.serialization.startOfStructure
  const shapeName = inputShapeAt(operation, path)
  const target = shapeName ? (javaTypeNames[shapeOf(shapeName).type] ?? 'Structure') : 'Structure'
  const kind = typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'boolean' ? 'BOOLEAN_VALUE' : 'NUMBER_VALUE'
  return fidelity.serialization.cannotConvert(kind, target)
}

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

/**
 * Whether a JSON value can be read as the member's model type at all. zod reports some mismatches as other
 * issues (a number for an enum is `invalid_value`, 1e300 for an integer is `too_big`): the deserializer
 * refuses them before any constraint is checked. Integers are Java `Integer`s (32 bits).
 */
function fitsJsonType(operation: OperationName, path: readonly PropertyKey[], value: unknown): boolean {
  const shapeName = inputShapeAt(operation, path)
  switch (shapeName && shapeOf(shapeName).type) {
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
    case 'boolean':
      return typeof value === 'boolean'
    case 'timestamp':
      return typeof value === 'number'
    case 'list':
      return Array.isArray(value)
    case 'structure':
    case 'map':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
    default:
      return true
  }
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object'

/**
 * JSON `null` is an absent member to the service (inside lists it stays). A copy made without recursion: a caller
 * may hand `validateInput` a body of any depth, and it must be refused, not overflow the stack.
 */
function withoutNulls(root: unknown): unknown {
  const emptyCopy = (value: object): object => (Array.isArray(value) ? [] : {})
  if (!isContainer(root)) return root
  const result = emptyCopy(root)
  const pending: [source: object, target: object][] = [[root, result]]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, target] = next
    const members: [string, unknown][] = Array.isArray(source) ? source.map((item, i) => [String(i), item]) : Object.entries(source)
    for (const [key, member] of members) {
      // `__proto__` is no model member: assigning it would make its members inherited, and read as if sent.
      if (!Array.isArray(source) && (member === null || key === '__proto__')) continue
      const copy = isContainer(member) ? emptyCopy(member) : member
      ;(target as Record<string, unknown>)[key] = copy
      if (isContainer(member)) pending.push([member, copy as object])
    }
  }
  return result
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
