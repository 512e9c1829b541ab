import * as z from 'zod/mini'
import { fidelity } from '../fidelity.ts'
import { javaHashSetOrder } from './java-hash-set.ts'
import { operationModels, type OperationName } from './exceptions.ts'
import { shapes } from './service-model.generated.ts'
import { fail } from '../lib/errors.ts'

/**
 * zod schemas derived from the service model: the model is the one source of truth for every constraint.
 * Each check carries Cognito's own phrase for it as its message, so a failed parse formats straight into
 * an InvalidParameterException.
 */

// ---------------------------------------------------------------------------------------------------
// Model shapes
// ---------------------------------------------------------------------------------------------------

interface MemberRef {
  readonly shape: string
}
export interface ModelShape {
  readonly type: string
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  readonly enum?: readonly string[]
  readonly sensitive?: boolean
  readonly required?: readonly string[]
  readonly members?: Readonly<Record<string, MemberRef>>
  readonly member?: MemberRef
  readonly key?: MemberRef
  readonly value?: MemberRef
}

const modelShapes = shapes as unknown as Record<string, ModelShape>

export function shapeOf(name: string): ModelShape {
  const shape = modelShapes[name]
  if (!shape) fail(`The model has no shape "${name}".`)
  return shape
}

/**
 * The model's patterns are Java regular expressions matched against the whole value. `u` gives JavaScript
 * the same `\p{..}` classes; the anchors give full-match semantics.
 */
export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u')
}

// ---------------------------------------------------------------------------------------------------
// Phrases (WIRE §2)
// ---------------------------------------------------------------------------------------------------

export const phrases = {
  notNull: 'Member must not be null',
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  minValue: (n: number) => `Member must have value greater than or equal to ${n}`,
  maxValue: (n: number) => `Member must have value less than or equal to ${n}`,
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  enumSet: (values: readonly string[]) =>
    `Member must satisfy enum value set: [${(fidelity.enumOrder === 'java-hash-set' ? javaHashSetOrder(values) : values).join(', ')}]`,
} as const

// ---------------------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------------------

/** Marks a schema with its model shape so that error formatting can ask "is this member sensitive?" */
const shapeNames = new WeakMap<z.ZodMiniType, string>()

function inputSchemaOf(name: string, required: ReadonlySet<string> = new Set()): z.ZodMiniType {
  const shape = shapeOf(name)
  let schema: z.ZodMiniType
  switch (shape.type) {
    case 'string': {
      if (shape.enum) {
        schema = z.enum(shape.enum as [string, ...string[]], { error: phrases.enumSet(shape.enum) })
        break
      }
      const checks: z.core.$ZodCheck<string>[] = []
      if (shape.min !== undefined && shape.min > 0) checks.push(z.minLength(shape.min, { error: phrases.minLength(shape.min) }))
      if (shape.max !== undefined) checks.push(z.maxLength(shape.max, { error: phrases.maxLength(shape.max) }))
      if (shape.pattern !== undefined) checks.push(z.regex(fullMatch(shape.pattern), { error: phrases.pattern(shape.pattern) }))
      schema = checks.length ? z.string().check(...checks) : z.string()
      break
    }
    case 'integer': {
      const checks: z.core.$ZodCheck<number>[] = []
      if (shape.min !== undefined) checks.push(z.gte(shape.min, { error: phrases.minValue(shape.min) }))
      if (shape.max !== undefined) checks.push(z.lte(shape.max, { error: phrases.maxValue(shape.max) }))
      schema = checks.length ? z.int().check(...checks) : z.int()
      break
    }
    case 'boolean':
      schema = z.boolean()
      break
    case 'timestamp':
      schema = z.number()
      break
    case 'list':
      schema = z.array(inputSchemaOf(shape.member!.shape))
      break
    case 'map':
      schema = z.record(inputSchemaOf(shape.key!.shape) as z.ZodMiniType<string>, inputSchemaOf(shape.value!.shape))
      break
    case 'structure': {
      const requiredHere = new Set([...(shape.required ?? []), ...required])
      schema = z.object(
        Object.fromEntries(
          Object.entries(shape.members ?? {}).map(([member, ref]) => {
            const memberSchema = inputSchemaOf(ref.shape)
            return [member, requiredHere.has(member) ? memberSchema : z.optional(memberSchema)]
          }),
        ),
      )
      break
    }
    default:
      fail(`Unsupported model type "${shape.type}" in shape "${name}".`)
  }
  shapeNames.set(schema, name)
  return schema
}

const inputSchemas = new Map<OperationName, z.ZodMiniType>()

/** The request schema of `operation`, with the members the server requires beyond the model (see fidelity). */
export function inputSchema(operation: OperationName): z.ZodMiniType {
  let schema = inputSchemas.get(operation)
  if (!schema) {
    schema = inputSchemaOf(operationModels[operation].input, new Set(fidelity.serverRequiredMembers[operation] ?? []))
    inputSchemas.set(operation, schema)
  }
  return schema
}

// ---------------------------------------------------------------------------------------------------
// Output schemas
// ---------------------------------------------------------------------------------------------------

function outputSchemaOf(name: string): z.ZodMiniType {
  const shape = shapeOf(name)
  switch (shape.type) {
    case 'string':
      return shape.enum ? z.enum(shape.enum as [string, ...string[]]) : z.string()
    case 'integer':
      return z.int()
    case 'boolean':
      return z.boolean()
    case 'timestamp':
      return z.number()
    case 'list':
      return z.array(outputSchemaOf(shape.member!.shape))
    case 'map':
      return z.record(z.string(), outputSchemaOf(shape.value!.shape))
    case 'structure': {
      const required = new Set(shape.required ?? [])
      return z.strictObject(
        Object.fromEntries(
          Object.entries(shape.members ?? {}).map(([member, ref]) => {
            const memberSchema = outputSchemaOf(ref.shape)
            return [member, required.has(member) ? memberSchema : z.optional(memberSchema)]
          }),
        ),
      )
    }
    default:
      fail(`Unsupported model type "${shape.type}" in shape "${name}".`)
  }
}

/**
 * The response schema of `operation` (strict: no member the model does not know), or `undefined` for an
 * operation with no output shape, whose answer is an empty body.
 */
export function outputSchema(operation: OperationName): z.ZodMiniType | undefined {
  const output = operationModels[operation].output
  return output ? outputSchemaOf(output) : undefined
}

/** The model shape name a path of `operation`'s input leads to, for sensitivity and type names. */
export function inputShapeAt(operation: OperationName, path: readonly PropertyKey[]): string | undefined {
  let name: string = operationModels[operation].input
  for (const key of path) {
    const shape = shapeOf(name)
    if (shape.type === 'structure') {
      const ref = shape.members?.[String(key)]
      if (!ref) return undefined
      name = ref.shape
    } else if (shape.type === 'list') {
      name = shape.member!.shape
    } else if (shape.type === 'map') {
      name = shape.value!.shape
    } else return undefined
  }
  return name
}
