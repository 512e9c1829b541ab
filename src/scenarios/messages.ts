import { modeledErrors, type DeviceOperationName } from '../model/exceptions.ts'
import { messageFor } from '../model/messages.ts'

/**
 * Every operation × every modeled exception, with the message a scenario scripts by default: the README's
 * reference table.
 *
 * @example
 * exceptionCatalogue(['GetDevice']).find((row) => row.type === 'TooManyRequestsException')?.message // 'Rate exceeded'
 */
export function exceptionCatalogue(operations: readonly DeviceOperationName[]) {
  return operations.flatMap((operation) => modeledErrors(operation).map((type) => ({ operation, type, ...messageFor(operation, type) })))
}
