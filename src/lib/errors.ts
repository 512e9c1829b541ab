/**
 * The one voice the mock uses to talk to developers (as MSW's `devUtils`): every usage error and warning
 * starts with the same prefix, so a reader can tell the mock's own complaints from Cognito's answers.
 */

/** What every developer-facing message starts with. */
export const PREFIX = '[cognito-device-mock]'

/**
 * `message` with the prefix, once: a message that already carries it (re-thrown from a lower layer) is kept.
 *
 * @example
 * formatMessage('region "moon-1" is not an AWS region name.') // '[cognito-device-mock] region "moon-1" …'
 */
export function formatMessage(message: string): string {
  return message.startsWith(`${PREFIX} `) ? message : `${PREFIX} ${message}`
}

/**
 * Throws a usage error: the developer asked for something the mock cannot do, and the message says what to do.
 * `kind` keeps the class callers may test for (a bad duration is a `TypeError`, an out-of-range count a `RangeError`).
 *
 * @example
 * if (!store.pools.has(poolId)) fail(`No user pool "${poolId}".`)
 * if (count < 0) fail(`world.pools must be a whole number ≥ 0, got ${count}.`, RangeError)
 */
export function fail(message: string, kind: ErrorConstructor = Error, options?: ErrorOptions): never {
  throw usageError(message, kind, options)
}

/**
 * The error `fail()` throws, for code that hands it on instead (a promise's `reject`).
 *
 * @example
 * reject(usageError(`port ${port} is already in use.`, Error, { cause }))
 */
export function usageError(message: string, kind: ErrorConstructor = Error, options?: ErrorOptions): Error {
  return new kind(formatMessage(message), options)
}

/**
 * A usage error's message without the prefix, for wrapping it in a sentence of its own.
 *
 * @example
 * fail(`${where}: ${reason(error)}`)
 */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.startsWith(`${PREFIX} `) ? message.slice(PREFIX.length + 1) : message
}

const warned = new Set<string>()

/**
 * `console.warn`s `message` once per process (per `key`): a misconfiguration is said loudly, not repeatedly.
 *
 * @example
 * warnOnce('two-servers', 'Two MSW servers intercept Cognito calls …')
 */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return
  warned.add(key)
  console.warn(formatMessage(message))
}
