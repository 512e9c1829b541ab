import { fidelity } from '../fidelity.ts'
import { authOperations, deviceOperations, shapes } from './service-model.generated.ts'

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

/** The nine device operations, in the model's own names. */
export type DeviceOperationName = keyof typeof deviceOperations

/**
 * The nine device operations, in the model's order.
 *
 * @example
 * for (const operation of deviceOperationNames) console.log(operation, modeledErrors(operation))
 */
export const deviceOperationNames = Object.keys(deviceOperations) as DeviceOperationName[]

/** Every exception the service model declares for some device operation. */
export type ModeledExceptionName = (typeof deviceOperations)[DeviceOperationName]['errors'][number]

/** The sign-in operations the mock answers besides the device API (see `src/auth/`). */
export type AuthOperationName = keyof typeof authOperations

/**
 * The sign-in operations, in the model slice's order.
 *
 * @example
 * authOperationNames.includes('InitiateAuth') // true
 */
export const authOperationNames = Object.keys(authOperations) as AuthOperationName[]

/** Every operation the mock answers: the nine device operations and the sign-in operations. */
export type OperationName = DeviceOperationName | AuthOperationName

/**
 * Every operation the mock answers, device operations first.
 *
 * @example
 * operationNames.length // 15
 */
export const operationNames: readonly OperationName[] = [...deviceOperationNames, ...authOperationNames]

/** An operation's slice of the model: its input and output shapes, its errors, whether it is signed. */
export interface OperationModel {
  readonly input: string
  readonly output?: string
  readonly errors: readonly string[]
  readonly authtype?: string
}

/** The model of every operation the mock answers, by name. */
export const operationModels = { ...deviceOperations, ...authOperations } as Readonly<Record<OperationName, OperationModel>>

/** Every exception the model declares for some sign-in operation. */
export type AuthExceptionName = (typeof authOperations)[AuthOperationName]['errors'][number]

/** Errors of the front door rather than of Cognito: the model does not list them, every AWS JSON service has them. */
export const protocolErrorNames = [
  'UnknownOperationException',
  'SerializationException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'UnrecognizedClientException',
  'CognitoDeviceMock#NotImplemented',
] as const

export type ProtocolErrorName = (typeof protocolErrorNames)[number]

export function isProtocolError(type: string): type is ProtocolErrorName {
  return (protocolErrorNames as readonly string[]).includes(type)
}

export type CognitoErrorName = ModeledExceptionName | AuthExceptionName | ProtocolErrorName

// ---------------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------------

/**
 * The exceptions the model lists for `operation`, in the model's order.
 *
 * @example
 * modeledErrors('ForgetDevice').includes('ForbiddenException') // true
 */
export function modeledErrors(operation: DeviceOperationName): readonly ModeledExceptionName[]
export function modeledErrors(operation: OperationName): readonly (ModeledExceptionName | AuthExceptionName)[]
export function modeledErrors(operation: OperationName): readonly (ModeledExceptionName | AuthExceptionName)[] {
  return operationModels[operation].errors as readonly (ModeledExceptionName | AuthExceptionName)[]
}

/**
 * Whether the model lists `type` among `operation`'s errors (or the API's documentation names it where the model
 * leaves it out: fidelity.modelGaps). Protocol errors (see `isProtocolError`) are
 * open to every operation and are not listed.
 *
 * @example
 * isModeledError('AdminGetDevice', 'UserNotFoundException') // false: the model does not list it
 */
export function isModeledError(operation: OperationName, type: string): boolean {
  return (modeledErrors(operation) as readonly string[]).includes(type) || (fidelity.modelGaps[operation]?.includes(type) ?? false)
}

/**
 * Every modeled exception shape of the device operations, once each.
 *
 * @example
 * modeledExceptionNames.includes('DeviceKeyExistsException') // true
 */
export const modeledExceptionNames: readonly ModeledExceptionName[] = [
  ...new Set(deviceOperationNames.flatMap((op) => modeledErrors(op))),
]

const protocolStatus: Record<ProtocolErrorName, number> = {
  UnknownOperationException: fidelity.unknownOperation.status,
  SerializationException: fidelity.serialization.status,
  MissingAuthenticationTokenException: fidelity.missingAuthentication.status,
  IncompleteSignatureException: fidelity.signatureFailureStatus,
  InvalidSignatureException: fidelity.signatureFailureStatus,
  UnrecognizedClientException: fidelity.signatureFailureStatus,
  'CognitoDeviceMock#NotImplemented': fidelity.notImplemented.status,
}

/**
 * HTTP status of an error type: 500 for a shape the model marks as a server fault, 400 for every other
 * modeled exception (WIRE §2: the running service does not use the newer model's 403/404/429 traits).
 */
export function statusOf(type: string): number {
  if (type in protocolStatus) return protocolStatus[type as ProtocolErrorName]
  const shape = (shapes as Record<string, { fault?: boolean }>)[type]
  return shape?.fault ? 500 : 400
}

// ---------------------------------------------------------------------------------------------------
// The error value
// ---------------------------------------------------------------------------------------------------

/**
 * An error the mock answers with, exactly as Cognito would: `__type`, message and status.
 * Operations throw it; the protocol layer turns it into the wire answer.
 *
 * @example
 * throw new CognitoError('ResourceNotFoundException', 'Device does not exist.')
 */
export class CognitoError extends Error {
  readonly type: CognitoErrorName
  readonly status: number
  /** `undefined` when the real service sends no message at all (UnknownOperationException). */
  readonly wireMessage: string | undefined

  constructor(type: CognitoErrorName, message?: string) {
    super(message ?? type)
    this.name = 'CognitoError'
    this.type = type
    this.status = statusOf(type)
    this.wireMessage = message
  }
}

export function isCognitoError(value: unknown): value is CognitoError {
  return value instanceof CognitoError
}
