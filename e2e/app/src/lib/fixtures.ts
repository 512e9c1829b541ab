import type { Device } from './devices.ts'
import type { DeviceError, DeviceErrorKind } from './errors.ts'

/**
 * Plain-data examples for Storybook stories and component tests of DeviceList: no SDK, no network, fixed
 * dates. (The app itself never uses them; its data comes from the mock through the SDK.)
 */
export const sampleDevices: Device[] = [
  {
    key: 'us-east-1_0f6c8a8e-4d3b-4b8e-9a51-2f1f4c6b7d10',
    name: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    status: 'remembered',
    lastIp: '203.0.113.24',
    createdAt: new Date('2025-11-02T08:14:05.123Z'),
    lastAuthenticatedAt: new Date('2026-01-14T17:42:00.000Z'),
    lastModifiedAt: new Date('2025-12-20T10:03:51.456Z'),
  },
  {
    key: 'us-east-1_7b2e9d41-1c0a-4f7e-8f3d-5a6b7c8d9e01',
    name: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
    status: 'remembered',
    lastIp: '2001:db8:85a3::8a2e:370:7334',
    createdAt: new Date('2025-12-01T19:20:11.000Z'),
    lastAuthenticatedAt: new Date('2026-01-10T07:05:00.000Z'),
    lastModifiedAt: new Date('2025-12-01T19:20:11.000Z'),
  },
  {
    key: 'us-east-1_c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
    name: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:139.0) Gecko/20100101 Firefox/139.0',
    status: 'remembered',
    lastIp: '198.51.100.7',
    createdAt: new Date('2025-10-18T12:00:00.000Z'),
    lastAuthenticatedAt: new Date('2025-12-30T22:15:00.000Z'),
    lastModifiedAt: new Date('2025-11-05T09:30:00.000Z'),
  },
  {
    key: 'us-east-1_9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    name: 'nodejs',
    status: 'remembered',
    lastIp: '192.0.2.55',
    createdAt: new Date('2025-09-09T09:09:09.000Z'),
    lastAuthenticatedAt: new Date('2026-01-02T03:04:05.000Z'),
    lastModifiedAt: new Date('2025-09-09T09:09:09.000Z'),
  },
  {
    key: 'us-east-1_11111111-2222-4333-8444-555555555555',
    status: 'remembered',
    lastIp: '192.0.2.1',
    createdAt: new Date('2025-08-01T00:00:00.000Z'),
    lastAuthenticatedAt: new Date('2025-08-15T00:00:00.000Z'),
    lastModifiedAt: new Date('2025-08-01T00:00:00.000Z'),
  },
]

/** One error per kind, with the messages Cognito (and the mock) use. */
export const sampleErrors: Record<DeviceErrorKind, DeviceError> = {
  throttled: { kind: 'throttled', name: 'TooManyRequestsException', message: 'Rate exceeded', requestId: '4a523d5c-56c3-4548-9f8d-120b6bbf536d' },
  session: { kind: 'session', reason: 'expired', name: 'NotAuthorizedException', message: 'Access Token has expired' },
  offline: { kind: 'offline', name: 'TypeError', message: 'Failed to fetch' },
  blocked: { kind: 'blocked', name: 'ForbiddenException', message: 'Request blocked by AWS WAF.', requestId: '4a523d5c-56c3-4548-9f8d-120b6bbf536d' },
  internal: { kind: 'internal', name: 'InternalErrorException', message: 'Internal error', requestId: '4a523d5c-56c3-4548-9f8d-120b6bbf536d' },
  'password-reset': { kind: 'password-reset', name: 'PasswordResetRequiredException', message: 'Password reset required for the user' },
  'not-confirmed': { kind: 'not-confirmed', name: 'UserNotConfirmedException', message: 'User is not confirmed.' },
  config: {
    kind: 'config',
    name: 'InvalidUserPoolConfigurationException',
    message: 'User pool is not configured for this operation.',
    requestId: '4a523d5c-56c3-4548-9f8d-120b6bbf536d',
  },
  'not-found': { kind: 'not-found', name: 'ResourceNotFoundException', message: 'Device does not exist.' },
  unknown: { kind: 'unknown', name: 'Error', message: 'Unexpected response' },
}
