import { fidelity } from '../fidelity.ts'
import type { DeviceOperationName } from '../model/exceptions.ts'
import type { Scenario } from './types.ts'
import { wire } from '../model/messages.ts'
import { codeSenders, lifecyclePresets } from './presets-lifecycle.ts'

/** Operations a signed-in user's app calls (the admin ones are a back office's). */
const userOperations: DeviceOperationName[] = ['GetDevice', 'ListDevices', 'ForgetDevice', 'UpdateDeviceStatus', 'ConfirmDevice']

/** The challenges that take a code. */
const mfaChallenges = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const

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
  // MFA: the world's pools ask for a second factor (a pool that describes its own `mfa` keeps it), or a rule
  // answers the challenge as the service does when something goes wrong.
  preset({
    name: 'mfa-totp',
    description: 'Re-seeds the world with MFA on, by authenticator app (TOTP): every user has one; remembered devices skip it.',
    ui: 'A 6-digit code step after the password ("Enter the code from your authenticator app"); a remembered device goes straight in.',
    world: { mfa: { mode: 'on', factors: ['totp'], userFactors: ['totp'] } },
    rules: [],
  }),
  preset({
    name: 'mfa-sms',
    description: 'Re-seeds the world with MFA on, by SMS: every user has a phone number and gets a code (in the outbox).',
    ui: 'A code step naming the masked phone number (+*******0142); a "resend" sign-in; remembered devices skip it.',
    world: { mfa: { mode: 'on', factors: ['sms'], userFactors: ['sms'] } },
    rules: [],
  }),
  preset({
    name: 'mfa-email',
    description: 'Re-seeds the world with MFA on, by email: an 8-digit code goes to the user\'s address (in the outbox).',
    ui: 'A code step naming the masked address (o***@e***); remembered devices skip it.',
    world: { mfa: { mode: 'on', factors: ['email'], userFactors: ['email'] } },
    rules: [],
  }),
  preset({
    name: 'mfa-select',
    description: 'Re-seeds the world with users who have SMS and an authenticator and no preference: sign-in asks which (SELECT_MFA_TYPE).',
    ui: 'A choice between "Text message" and "Authenticator app", then that code step.',
    world: { mfa: { mode: 'on', factors: ['sms', 'totp'], userFactors: ['sms', 'totp'] } },
    rules: [],
  }),
  preset({
    name: 'mfa-setup-required',
    description: 'Re-seeds the world with MFA required and no user set up: sign-in asks for an authenticator (MFA_SETUP).',
    ui: 'An authenticator set-up step: the secret (and its QR code), then a code to verify it.',
    world: { mfa: { mode: 'on', factors: ['totp'], userFactors: [] } },
    rules: [],
  }),
  preset({
    name: 'mfa-remembered-devices-ignored',
    description: 'Re-seeds the world with MFA on and remembered devices not trusted (ChallengeRequiredOnNewDevice false): every sign-in asks for the code.',
    ui: 'The code step on every sign-in, even on a remembered device; no "skip" promise in the copy.',
    world: { mfa: { mode: 'on', factors: ['totp'], userFactors: ['totp'], rememberedDevicesSkipMfa: false } },
    rules: [],
  }),
  preset({
    name: 'new-password-required',
    description: 'Re-seeds the first pool with its first user in FORCE_CHANGE_PASSWORD (created by an admin): sign-in asks for a new password.',
    ui: 'A "Choose a new password" step with the policy\'s rules, then the app (or the MFA step).',
    world: { pools: [{ users: [{ status: 'FORCE_CHANGE_PASSWORD' }, 4] }] },
    rules: [],
  }),
  preset({
    name: 'mfa-code-mismatch',
    description: 'Every MFA code is refused with CodeMismatchException "Invalid code or auth state for the user.".',
    ui: '"That code is not right", the field kept, and a way to try again.',
    rules: mfaChallenges.map((challenge) => ({
      name: `wrong ${challenge} code`,
      operations: 'RespondToAuthChallenge' as const,
      input: { ChallengeName: challenge },
      answer: { error: fidelity.mfa.mismatch.type, message: fidelity.mfa.mismatch.message },
    })),
  }),
  preset({
    name: 'mfa-code-expired',
    description: 'Every MFA code arrives too late: the sign-in session has expired (NotAuthorizedException "Invalid session for the user, session is expired.").',
    ui: '"The code expired", and a way back to the password step.',
    rules: mfaChallenges.map((challenge) => ({
      name: `late ${challenge} code`,
      operations: 'RespondToAuthChallenge' as const,
      input: { ChallengeName: challenge },
      answer: { error: 'NotAuthorizedException', message: fidelity.session.expired },
    })),
  }),
  preset({
    name: 'mfa-too-many-attempts',
    description: 'Every MFA code is wrong three times (CodeMismatchException), after which the sign-in session is spent ("Invalid session for the user.").',
    ui: 'After the third wrong code, "Too many attempts", and a way back to the password step rather than a fourth try.',
    rules: mfaChallenges.map((challenge) => ({
      name: `wrong ${challenge} codes, then a spent session`,
      operations: 'RespondToAuthChallenge' as const,
      input: { ChallengeName: challenge },
      sequence: [
        ...Array.from({ length: fidelity.mfa.maxAttempts }, () => ({ error: fidelity.mfa.mismatch.type, message: fidelity.mfa.mismatch.message })),
        { error: 'NotAuthorizedException', message: fidelity.session.invalid },
      ],
      times: 'always' as const,
    })),
  }),
  preset({
    name: 'mfa-code-reused',
    description: 'Every authenticator code is refused as used before (ExpiredCodeException "Your software token has already been used once.").',
    ui: '"Wait for the next code" rather than "wrong code".',
    rules: [{ name: 'reused TOTP code', operations: 'RespondToAuthChallenge', input: { ChallengeName: 'SOFTWARE_TOKEN_MFA' }, answer: { error: fidelity.mfa.reused.type, message: fidelity.mfa.reused.message } }],
  }),
  preset({
    name: 'mfa-setup-code-mismatch',
    description: 'Verifying a new authenticator fails: EnableSoftwareTokenMFAException "Code mismatch and fail enable Software Token MFA".',
    ui: 'The set-up step stays, with "that code is not right"; the secret is kept.',
    rules: [{ name: 'wrong set-up code', operations: 'VerifySoftwareToken', answer: { error: fidelity.mfa.setupMismatch.type, message: fidelity.mfa.setupMismatch.message } }],
  }),
  preset({
    name: 'code-delivery-failure',
    description: 'The code cannot be sent: the password step answers CodeDeliveryFailureException (not in the sign-in operations\' model, so marked unmodeled), and so does every call that sends a sign-up, reset or attribute code or an invitation.',
    ui: '"We couldn\'t send your code", with a retry; no code step.',
    rules: [
      {
        name: 'code not delivered',
        operations: 'RespondToAuthChallenge',
        input: { ChallengeName: 'PASSWORD_VERIFIER' },
        answer: { error: 'CodeDeliveryFailureException', message: fidelity.codeDeliveryFailure.message, unmodeled: true },
      },
      {
        name: 'code not delivered (password flow)',
        operations: 'InitiateAuth',
        input: { AuthFlow: 'USER_PASSWORD_AUTH' },
        answer: { error: 'CodeDeliveryFailureException', message: fidelity.codeDeliveryFailure.message, unmodeled: true },
      },
      { name: 'code not delivered (lifecycle)', operations: codeSenders, answer: { error: 'CodeDeliveryFailureException', message: fidelity.codeDeliveryFailure.message } },
    ],
  }),
  ...lifecyclePresets,
] as const

/** The name of a built-in preset: what `scenarios.use()` autocompletes. */
export type PresetName = (typeof presets)[number]['name']
