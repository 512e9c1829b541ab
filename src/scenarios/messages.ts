import { fidelity } from '../fidelity.ts'
import { modeledErrors, type DeviceOperationName, type ModeledExceptionName } from '../model/exceptions.ts'
import { tokenMessages } from '../state/tokens.ts'

/** The message a scripted exception carries, and whether a capture of the real service confirms it. */
export interface ExceptionMessage {
  message: string
  confirmed: boolean
}

/**
 * The message of each modeled exception when a scenario scripts it without one. `confirmed: true` only for
 * messages `docs/WIRE.md` records from the real service; the others are plausible and marked as such.
 */
const messages: Record<ModeledExceptionName, ExceptionMessage> = {
  ResourceNotFoundException: { message: 'Device does not exist.', confirmed: true },
  NotAuthorizedException: { message: tokenMessages.invalid, confirmed: true },
  UserNotFoundException: { message: fidelity.userMessages.notFound, confirmed: true },
  InvalidParameterException: { message: '1 validation error detected: Value null at \'deviceKey\' failed to satisfy constraint: Member must not be null', confirmed: false },
  UserNotConfirmedException: { message: fidelity.userMessages.notConfirmed, confirmed: false },
  PasswordResetRequiredException: { message: fidelity.userMessages.passwordResetRequired, confirmed: false },
  TooManyRequestsException: { message: 'Rate exceeded', confirmed: false },
  InternalErrorException: { message: 'An internal error occurred.', confirmed: false },
  ForbiddenException: { message: 'Request blocked by AWS WAF.', confirmed: false },
  InvalidUserPoolConfigurationException: { message: 'User pool is not configured for this operation.', confirmed: false },
  OperationNotEnabledException: { message: 'This operation is not enabled for this user pool.', confirmed: false },
  InvalidPasswordException: { message: 'Password does not conform to policy.', confirmed: false },
  InvalidLambdaResponseException: { message: 'Invalid lambda response.', confirmed: false },
  UsernameExistsException: { message: 'User already exists', confirmed: false },
  DeviceKeyExistsException: { message: fidelity.deviceKeyExists.message, confirmed: false },
}

/** AdminListDevices has no device to miss: its ResourceNotFoundException names the pool (WIRE §2). */
const adminResourceNotFound: ExceptionMessage = { message: 'User pool {UserPoolId} does not exist.', confirmed: true }

/**
 * The default message of `type` for `operation`.
 *
 * @example
 * messageFor('ListDevices', 'TooManyRequestsException') // { message: 'Rate exceeded', confirmed: false }
 */
export function messageFor(operation: DeviceOperationName, type: ModeledExceptionName): ExceptionMessage {
  if (type === 'ResourceNotFoundException' && operation === 'AdminListDevices') return adminResourceNotFound
  return messages[type]
}

/** A message template with `{Member}` placeholders filled from the call's input. */
export function fillMessage(template: string, input: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, member: string) => (typeof input?.[member] === 'string' ? (input[member] as string) : whole))
}

/** Every operation × every modeled exception, with its message: the README's reference table. */
export function exceptionCatalogue(operations: readonly DeviceOperationName[]) {
  return operations.flatMap((operation) =>
    modeledErrors(operation).map((type) => ({ operation, type, ...messageFor(operation, type) })),
  )
}
