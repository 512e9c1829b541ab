import { fidelity } from '../fidelity.ts'
import type { OperationName } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { Scenario } from './types.ts'

/**
 * The user lifecycle's presets (issue 14): the refusals the screens around sign-up, confirmation codes and
 * forgotten passwords must handle, in Cognito's words. Spread into `presets` (presets.ts).
 */

/** The operations that check a code a user types in. */
const codeChecks: OperationName[] = ['ConfirmSignUp', 'ConfirmForgotPassword', 'VerifyUserAttribute']

/** The operations with an hourly limit (fidelity.hourlyLimits). */
const limited = Object.keys(fidelity.hourlyLimits) as OperationName[]

/** Keeps a preset's name as a literal type. */
function preset<const Name extends string>(scenario: Scenario & { name: Name }): Scenario & { name: Name } {
  return scenario
}

export const lifecyclePresets = [
  preset({
    name: 'sign-up-username-taken',
    description: 'Every SignUp is refused: UsernameExistsException "User already exists".',
    ui: 'The sign-up form stays filled in, with "that username is taken" and a link to sign in or reset the password.',
    rules: [{ name: 'username taken', operations: 'SignUp', answer: { error: 'UsernameExistsException', message: wire.lifecycle.usernameExists } }],
  }),
  preset({
    name: 'sign-up-password-rejected',
    description: 'Every SignUp is refused by the password policy: InvalidPasswordException "Password did not conform with policy: Password must have symbol characters".',
    ui: 'The password field shows the policy\'s rule; the other fields keep their values.',
    rules: [
      {
        name: 'weak password',
        operations: 'SignUp',
        answer: { error: 'InvalidPasswordException', message: `${wire.lifecycle.signUpPasswordPrefix}${fidelity.passwordPolicy.messages.symbol}` },
      },
    ],
  }),
  preset({
    name: 'code-mismatch',
    description: 'Every sign-up, password reset and attribute code is wrong: CodeMismatchException "Invalid verification code provided, please try again.".',
    ui: '"That code is not right", the field kept, and "send a new code".',
    rules: [{ name: 'wrong code', operations: codeChecks, answer: { error: 'CodeMismatchException', message: wire.lifecycle.codeMismatch } }],
  }),
  preset({
    name: 'code-expired',
    description: 'Every sign-up, password reset and attribute code has expired: ExpiredCodeException "Invalid code provided, please request a code again.".',
    ui: '"The code expired" and a button that sends a new one.',
    rules: [{ name: 'expired code', operations: codeChecks, answer: { error: 'ExpiredCodeException', message: wire.lifecycle.codeExpired } }],
  }),
  preset({
    name: 'attempt-limit-exceeded',
    description: 'Every call with an hourly limit (codes, resends, password changes) is over it: LimitExceededException "Attempt limit exceeded, please try after some time.".',
    ui: '"Too many attempts, try again later", without a retry button that would only fail again.',
    rules: [{ name: 'over the hourly limit', operations: limited, answer: { error: 'LimitExceededException', message: wire.lifecycle.attemptLimit } }],
  }),
  preset({
    name: 'email-quota-exceeded',
    description: 'The pool has used its daily email quota: SignUp, ResendConfirmationCode and ForgotPassword answer LimitExceededException "Exceeded daily email limit …".',
    ui: '"We could not send the email", and a way to contact support; not "wrong input".',
    rules: [
      {
        name: 'daily email quota',
        operations: ['SignUp', 'ResendConfirmationCode', 'ForgotPassword'],
        answer: { error: 'LimitExceededException', message: wire.lifecycle.emailQuota },
      },
    ],
  }),
  preset({
    name: 'forgot-password-unknown-user',
    description: 'ForgotPassword does not know the user (an app client with PreventUserExistenceErrors off): UserNotFoundException "Username/client id combination not found.".',
    ui: 'The reset form says the account was not found (or, for privacy, the same "check your inbox" as a success).',
    rules: [{ name: 'unknown user', operations: 'ForgotPassword', answer: { error: 'UserNotFoundException', message: wire.lifecycle.clientUserNotFound } }],
  }),
  preset({
    name: 'forgot-password-no-channel',
    description: 'ForgotPassword finds no verified email or phone number: InvalidParameterException "Cannot reset password for the user as there is no registered/verified email or phone_number".',
    ui: '"We cannot reset this password", and a way to contact support or verify the email first.',
    rules: [{ name: 'no verified channel', operations: 'ForgotPassword', answer: { error: 'InvalidParameterException', message: wire.lifecycle.noRecoveryChannel } }],
  }),
  preset({
    name: 'already-confirmed',
    description: 'The account is already confirmed: ResendConfirmationCode answers InvalidParameterException "User is already confirmed.", ConfirmSignUp NotAuthorizedException "User cannot be confirmed. Current status is CONFIRMED".',
    ui: 'Straight on to sign-in (the Authenticator does so on exactly the first message).',
    rules: [
      { name: 'resend: already confirmed', operations: 'ResendConfirmationCode', answer: { error: 'InvalidParameterException', message: wire.lifecycle.alreadyConfirmed } },
      { name: 'confirm: already confirmed', operations: 'ConfirmSignUp', answer: { error: 'NotAuthorizedException', message: wire.lifecycle.cannotConfirm('CONFIRMED') } },
    ],
  }),
] as const

/** The operations that send a code or a temporary password, whose model lists CodeDeliveryFailureException. */
export const codeSenders: OperationName[] = ['SignUp', 'ResendConfirmationCode', 'ForgotPassword', 'GetUserAttributeVerificationCode', 'UpdateUserAttributes', 'AdminCreateUser']
