import type { DeviceError, SessionReason } from './errors.ts'

/** One sentence per kind, for places with room for one line (load more, a failed action). */
export function shortMessage(error: DeviceError): string {
  switch (error.kind) {
    case 'throttled':
      return 'Too many requests, try again shortly.'
    case 'offline':
      return 'You’re offline, or Cognito can’t be reached. Check your connection and try again.'
    case 'internal':
      return 'Something went wrong on our side. Try again.'
    case 'not-found':
      return 'This device no longer exists.'
    case 'session':
      return sessionHeadline(error.reason ?? 'invalid')
    case 'blocked':
      return 'Request blocked.'
    case 'password-reset':
      return 'You need to reset your password.'
    case 'not-confirmed':
      return 'You need to confirm your account.'
    case 'config':
      return 'The user pool is not configured for device tracking.'
    default:
      return 'Something went wrong. Try again.'
  }
}

export function sessionHeadline(reason: SessionReason): string {
  switch (reason) {
    case 'expired':
      return 'Your session has expired. Sign in again.'
    case 'revoked':
      return 'You were signed out. Sign in again.'
    case 'missing-scope':
      return 'This session isn’t allowed to manage devices. Sign in again.'
    default:
      return 'Your session is no longer valid. Sign in again.'
  }
}
