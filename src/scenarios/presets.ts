import { fidelity } from '../fidelity.ts'
import type { DeviceOperationName } from '../model/exceptions.ts'
import type { Scenario } from './types.ts'
import { wire } from '../model/messages.ts'

/** Operations a signed-in user's app calls (the admin ones are a back office's). */
const userOperations: DeviceOperationName[] = ['GetDevice', 'ListDevices', 'ForgetDevice', 'UpdateDeviceStatus', 'ConfirmDevice']

/** Keeps a preset's name as a literal type, so that `PresetName` lists them for editors. */
function preset<const Name extends string>(scenario: Scenario & { name: Name }): Scenario & { name: Name } {
  return scenario
}

/**
 * The named scenarios. Data only: add one with `cognito.scenarios.register({...})`. Each says what it does
 * and what a UI should show, and the README lists them.
 */
export const presets = [
  preset({
    name: 'happy-path',
    description: 'The seeded world answers every call; no rule fires.',
    ui: 'The device list with its real data.',
    rules: [],
  }),
  preset({
    name: 'no-devices',
    description: 'Re-seeds the world with users that have no devices.',
    ui: 'An empty state ("No remembered devices"), not an error.',
    world: { devicesPerUser: { min: 0, max: 0 } },
    rules: [],
  }),
  preset({
    name: 'many-devices',
    description: 'Re-seeds the world with 130–150 devices per user, several pages at Limit 60.',
    ui: 'Pagination: a "Load more" or next-page control that reaches every device once.',
    world: { devicesPerUser: { min: 130, max: 150 }, deviceRemembering: ['always'] },
    rules: [],
  }),
  preset({
    name: 'throttled',
    description: 'Every device call answers TooManyRequestsException, on every retry (SDK v3 retries it 3 times).',
    ui: 'A "Too many requests, try again shortly" message with a retry button; no crash.',
    rules: [{ name: 'throttled', answer: { error: 'TooManyRequestsException' } }],
  }),
  preset({
    name: 'throttled-then-ok',
    description: 'Throttles the first two calls of each kind, then answers: invisible behind SDK v3\'s retries.',
    ui: 'The normal list, a little later.',
    rules: userOperations.map((operation) => ({
      name: `throttle ${operation} twice`,
      operations: operation,
      sequence: [{ error: 'TooManyRequestsException' }, { error: 'TooManyRequestsException' }, 'real'] as const,
      times: 'always' as const,
    })),
  }),
  preset({
    name: 'access-token-expired',
    description: 'User calls answer NotAuthorizedException "Access Token has expired".',
    ui: '"Your session has expired", and a way to sign in again.',
    rules: [{ name: 'expired', operations: userOperations, answer: { error: 'NotAuthorizedException', message: wire.token.expired } }],
  }),
  preset({
    name: 'token-revoked',
    description: 'User calls answer NotAuthorizedException "Access Token has been revoked" (after a global sign-out).',
    ui: '"You were signed out", and a way to sign in again.',
    rules: [{ name: 'revoked', operations: userOperations, answer: { error: 'NotAuthorizedException', message: wire.token.revoked } }],
  }),
  preset({
    name: 'missing-scope',
    description: 'User calls answer NotAuthorizedException "Access Token does not have required scopes".',
    ui: 'A clear "not allowed" message; signing in again with the right scopes fixes it.',
    rules: [{ name: 'missing scope', operations: userOperations, answer: { error: 'NotAuthorizedException', message: wire.token.missingScope } }],
  }),
  preset({
    name: 'device-not-found',
    description: 'Calls about one device (Get, Forget, Update, and admin equivalents) answer "Device does not exist.".',
    ui: 'The device disappears from the list with a notice; no crash.',
    rules: [
      {
        name: 'device not found',
        operations: ['GetDevice', 'AdminGetDevice', 'ForgetDevice', 'AdminForgetDevice', 'UpdateDeviceStatus', 'AdminUpdateDeviceStatus', 'ConfirmDevice'],
        answer: { error: 'ResourceNotFoundException', message: wire.deviceNotFound },
      },
    ],
  }),
  preset({
    name: 'internal-error',
    description: 'Every call answers InternalErrorException (HTTP 500, retried by SDKs).',
    ui: '"Something went wrong on our side" with a retry button.',
    rules: [{ name: 'internal error', answer: { error: 'InternalErrorException' } }],
  }),
  preset({
    name: 'waf-blocked',
    description: 'User calls answer ForbiddenException, as when AWS WAF blocks the request.',
    ui: '"Request blocked"; no retry loop.',
    rules: [{ name: 'waf', operations: userOperations, answer: { error: 'ForbiddenException' } }],
  }),
  preset({
    name: 'password-reset-required',
    description: 'User calls answer PasswordResetRequiredException.',
    ui: 'A prompt to reset the password.',
    rules: [{ name: 'reset required', operations: userOperations, answer: { error: 'PasswordResetRequiredException', message: fidelity.userMessages.passwordResetRequired } }],
  }),
  preset({
    name: 'user-not-confirmed',
    description: 'User calls answer UserNotConfirmedException.',
    ui: 'A prompt to confirm the account.',
    rules: [{ name: 'not confirmed', operations: userOperations, answer: { error: 'UserNotConfirmedException', message: fidelity.userMessages.notConfirmed } }],
  }),
  preset({
    name: 'user-pool-misconfigured',
    description: 'Every call answers InvalidUserPoolConfigurationException.',
    ui: 'A configuration error aimed at developers, not a retry.',
    rules: [{ name: 'misconfigured', answer: { error: 'InvalidUserPoolConfigurationException' } }],
  }),
  preset({
    name: 'slow-network',
    description: 'Every call answers normally after 2.5 s.',
    ui: 'Loading states (spinners, disabled buttons) while calls are in flight.',
    rules: [{ name: 'slow', answer: 'real', latency: 2500 }],
  }),
  preset({
    name: 'offline',
    description: 'Every call fails like a dropped connection.',
    ui: 'An offline banner and a retry; nothing else breaks.',
    rules: [{ name: 'offline', answer: 'network-error' }],
  }),
  preset({
    name: 'flaky',
    description: 'A third of calls fail (network errors and throttling), drawn from the seed so a run replays identically.',
    ui: 'Retries and transient error messages; the list eventually loads.',
    rules: [
      { name: 'flaky network', answer: 'network-error', probability: 0.15 },
      { name: 'flaky throttle', answer: { error: 'TooManyRequestsException' }, probability: 0.2 },
    ],
  }),
] as const

/** The name of a built-in preset: what `scenarios.use()` autocompletes. */
export type PresetName = (typeof presets)[number]['name']
