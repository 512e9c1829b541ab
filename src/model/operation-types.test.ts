import { describe, expect, expectTypeOf, it } from 'vitest'
import { operationModels, operationNames, type OperationName } from './exceptions.ts'
import {
  operationShapes,
  structureMembers,
  type InputOf,
  type ModelStructures,
  type OperationIO,
  type OutputOf,
} from './operation-types.generated.ts'
import { shapeOf } from './schemas.ts'

// The two generated files come from one run of scripts/gen-model.ts. The runtime half of this test catches
// one regenerated (or edited) without the other; the type half, checked by `tsc` (expectTypeOf does nothing
// at run time), catches the interfaces disagreeing with the runtime copy they were emitted with.

/** Every structure an operation's input or output reaches in the runtime model slice. */
function reachedStructures(): Set<string> {
  const seen = new Set<string>()
  const structures = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const shape = shapeOf(name)
    if (shape.type === 'structure') structures.add(name)
    for (const ref of Object.values(shape.members ?? {})) visit(ref.shape)
    for (const ref of [shape.member, shape.key, shape.value]) if (ref) visit(ref.shape)
  }
  for (const name of operationNames) {
    const model = operationModels[name]
    visit(model.input)
    if (model.output) visit(model.output)
  }
  return structures
}

describe('generated operation types', () => {
  it('cover every implemented operation, with the input and output shapes of the model slice', () => {
    expect(Object.keys(operationShapes).sort()).toEqual([...operationNames].sort())
    for (const name of operationNames) {
      const { input, output } = operationModels[name]
      expect(operationShapes[name], name).toEqual(output ? { input, output } : { input })
    }
  })

  it('declare every structure those shapes reach, with the model slice’s members and required members', () => {
    const reached = reachedStructures()
    expect(Object.keys(structureMembers).sort()).toEqual([...reached].sort())
    for (const name of reached) {
      const shape = shapeOf(name)
      const required = new Set(shape.required ?? [])
      const expected = Object.fromEntries(Object.keys(shape.members ?? {}).map((member) => [member, required.has(member)]))
      expect(structureMembers[name as keyof typeof structureMembers], name).toEqual(expected)
    }
  })

  it('agree with their runtime copy, member by member (compile time)', () => {
    type Requiredness<T> = string extends keyof T
      ? {} // an empty structure, typed Record<string, never>
      : { [M in keyof T]-?: {} extends Pick<T, M> ? false : true }
    type Writable<T> = { -readonly [K in keyof T]: Writable<T[K]> }
    expectTypeOf<{ [S in keyof ModelStructures]: Requiredness<ModelStructures[S]> }>().toEqualTypeOf<Writable<typeof structureMembers>>()

    type Shapes = typeof operationShapes
    type FromShapes = {
      [K in OperationName]: {
        input: ModelStructures[Shapes[K]['input']]
        output: Shapes[K] extends { output: infer O extends keyof ModelStructures } ? ModelStructures[O] : void
      }
    }
    expectTypeOf<FromShapes>().toEqualTypeOf<{ [K in OperationName]: OperationIO[K] }>()
    expectTypeOf<keyof OperationIO>().toEqualTypeOf<OperationName>()
  })

  it('type members as the wire carries them (compile time)', () => {
    expectTypeOf<InputOf<'GetDevice'>>().toHaveProperty('DeviceKey').toEqualTypeOf<string>()
    // Optional in the model though the server requires it (fidelity.serverRequiredMembers): the type follows the model.
    expectTypeOf<InputOf<'GetDevice'>['AccessToken']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<InputOf<'ListDevices'>['Limit']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<InputOf<'UpdateDeviceStatus'>['DeviceRememberedStatus']>().toEqualTypeOf<'remembered' | 'not_remembered' | undefined>()
    expectTypeOf<InputOf<'InitiateAuth'>['AuthParameters']>().toEqualTypeOf<Record<string, string> | undefined>()
    expectTypeOf<OutputOf<'GetDevice'>['Device']['DeviceCreateDate']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<OutputOf<'ListDevices'>['Devices']>().toEqualTypeOf<ModelStructures['DeviceType'][] | undefined>()
    expectTypeOf<OutputOf<'ForgetDevice'>>().toEqualTypeOf<void>()
    expectTypeOf<OutputOf<'GlobalSignOut'>>().toEqualTypeOf<Record<string, never>>()
  })
})
