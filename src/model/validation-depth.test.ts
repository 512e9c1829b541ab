import { describe, expect, it } from 'vitest'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from './exceptions.ts'
import { validateInput } from './validation.ts'

/**
 * `validateInput` is exported and may be handed a body that never went through `parseJsonBody`'s depth limit.
 * Its walks over the body (dropping nulls, printing values) used to recurse and overflow the stack on deep
 * nesting; they must refuse or ignore such a body as Cognito would, whatever its depth.
 */

/** `depth` nested arrays, or `{ a: … }` objects, built without recursion. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = null
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value }
  return value
}

const DEPTH = 50_000

function refusal(body: unknown): CognitoError {
  try {
    validateInput('GetDevice', body)
  } catch (error) {
    if (error instanceof CognitoError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('validateInput on deeply nested values', () => {
  it('a deep list or structure where a string belongs is a SerializationException, not a RangeError', () => {
    expect(refusal({ AccessToken: nested(DEPTH, 'array'), DeviceKey: 'us-east-1_x' })).toMatchObject({
      type: 'SerializationException',
      message: fidelity.serialization.startOfList,
    })
    expect(refusal({ AccessToken: 't', DeviceKey: nested(DEPTH, 'object') })).toMatchObject({
      type: 'SerializationException',
      message: fidelity.serialization.startOfStructure,
    })
  })

  it('a deep unknown member is ignored, as any unknown member is', () => {
    const input = validateInput('GetDevice', { AccessToken: 't', DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000', Extra: nested(DEPTH, 'object') })
    expect(input).toMatchObject({ AccessToken: 't' })
  })

  it('a deep whole body that is a list is refused at once', () => {
    expect(refusal(nested(DEPTH, 'array'))).toMatchObject({ type: 'SerializationException', message: fidelity.serialization.startOfList })
  })
})
