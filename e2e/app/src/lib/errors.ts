import {
  ForbiddenException,
  InternalErrorException,
  InvalidUserPoolConfigurationException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider'

/**
 * What went wrong, in the terms the UI cares about. One kind per family of failures; each has its own
 * screen (see components/ErrorState.tsx) and its own `data-testid`.
 */
export type DeviceErrorKind =
  | 'throttled'
  | 'session'
  | 'offline'
  | 'blocked'
  | 'internal'
  | 'password-reset'
  | 'not-confirmed'
  | 'config'
  | 'not-found'
  | 'unknown'

/** Why a session is no longer good (NotAuthorizedException's message tells). */
export type SessionReason = 'expired' | 'revoked' | 'missing-scope' | 'invalid'

export interface DeviceError {
  kind: DeviceErrorKind
  reason?: SessionReason
  /** The exception's name, e.g. `TooManyRequestsException`, or `TypeError` for a failed fetch. */
  name: string
  message: string
  /** `x-amzn-RequestId`, for support (seeded by the mock, so stable across runs). */
  requestId?: string
}

/** Kinds that make the whole page unusable: shown instead of the list, even when a later call fails. */
export const blockingKinds: ReadonlySet<DeviceErrorKind> = new Set(['session', 'blocked', 'password-reset', 'not-confirmed', 'config'])

/** Kinds worth a retry button: transient by nature. */
export const retryableKinds: ReadonlySet<DeviceErrorKind> = new Set(['throttled', 'offline', 'internal', 'unknown'])

function isA(error: unknown, type: abstract new (...args: never[]) => unknown, name: string): boolean {
  return error instanceof type || (error as { name?: unknown } | null)?.name === name
}

function sessionReason(message: string): SessionReason {
  if (/expired/i.test(message)) return 'expired'
  if (/revoked/i.test(message)) return 'revoked'
  if (/scope/i.test(message)) return 'missing-scope'
  return 'invalid'
}

/**
 * A failed fetch: `TypeError: Failed to fetch` (Chromium), `NetworkError when attempting to fetch` (Firefox),
 * `Load failed` (Safari), after the SDK's retries.
 */
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error.name === 'TypeError' && /fetch|network|load failed/i.test(error.message)) return true
  return error.name === 'NetworkError' || error.name === 'TimeoutError' || error.name === 'AbortError'
}

export function classifyError(error: unknown): DeviceError {
  const e = (error ?? {}) as { name?: string; message?: string; $metadata?: { requestId?: string } }
  const base = {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
  }
  if (isA(error, TooManyRequestsException, 'TooManyRequestsException')) return { kind: 'throttled', ...base }
  if (isA(error, NotAuthorizedException, 'NotAuthorizedException')) return { kind: 'session', reason: sessionReason(base.message), ...base }
  // The user behind the token is gone: as good as an invalid session.
  if (isA(error, UserNotFoundException, 'UserNotFoundException')) return { kind: 'session', reason: 'invalid', ...base }
  if (isA(error, ForbiddenException, 'ForbiddenException')) return { kind: 'blocked', ...base }
  if (isA(error, InternalErrorException, 'InternalErrorException')) return { kind: 'internal', ...base }
  if (isA(error, PasswordResetRequiredException, 'PasswordResetRequiredException')) return { kind: 'password-reset', ...base }
  if (isA(error, UserNotConfirmedException, 'UserNotConfirmedException')) return { kind: 'not-confirmed', ...base }
  if (isA(error, InvalidUserPoolConfigurationException, 'InvalidUserPoolConfigurationException')) return { kind: 'config', ...base }
  if (isA(error, ResourceNotFoundException, 'ResourceNotFoundException')) return { kind: 'not-found', ...base }
  if (isNetworkError(error)) return { kind: 'offline', ...base }
  return { kind: 'unknown', ...base }
}
