import * as z from 'zod/mini'
import { fidelity } from '../fidelity.ts'
import { CognitoError, type OperationName } from './exceptions.ts'
import { inputSchema, inputShapeAt, phrases, shapeOf } from './schemas.ts'

/**
 * Checks a decoded request body against the model, as Cognito's front end does: type mismatches are a
 * SerializationException, constraint violations one InvalidParameterException listing every violation.
 *
 * @example
 * const input = validateInput('GetDevice', { DeviceKey: 'us-east-1_…', AccessToken: '…' })
 */
export function validateInput<T = Record<string, unknown>>(operation: OperationName, body: unknown): T {
  if (body === null || typeof body !== 'object') {
    throw new CognitoError('SerializationException', Array.isArray(body) ? fidelity.serialization.startOfList : fidelity.serialization.notAnObject)
  }
  if (Array.isArray(body)) throw new CognitoError('SerializationException', fidelity.serialization.startOfList)
  const input = withoutNulls(body) as Record<string, unknown>
  const result = z.safeParse(inputSchema(operation), input)
  if (result.success) return result.data as T

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

/** How the Java service prints a value inside `Value '…'`: lists as `[a, b]`. */
function javaToString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${javaToString(v)}`).join(', ')}}`
  }
  return String(value)
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

/** JSON `null` is an absent member to the service. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    // `__proto__` is no model member: assigning it would make its members inherited, and read as if sent.
    for (const [key, member] of Object.entries(value)) if (member !== null && key !== '__proto__') out[key] = withoutNulls(member)
    return out
  }
  return value
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
