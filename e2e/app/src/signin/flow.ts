import type { SignInOutput } from 'aws-amplify/auth'

/**
 * The Amplify sign-in journey as the page shows it: one screen per `nextStep` Amplify v6 returns, and the
 * failures a person can act on. Plain data, so every screen can be rendered from props (Storybook) and the
 * dev panel knows which code the page waits for.
 */

/** A second factor, as Amplify names it (`AuthMFAType`). */
export type MfaFactor = 'TOTP' | 'SMS' | 'EMAIL'

export type Step =
  /** Username and password. */
  | { kind: 'credentials' }
  /** A code: from the authenticator app (TOTP), or sent by SMS or email to a masked destination. */
  | { kind: 'code'; factor: MfaFactor; destination?: string | undefined }
  /** Which factor to use now (`setup: false`, SELECT_MFA_TYPE) or to set up (`setup: true`, MFA_SETUP). */
  | { kind: 'select'; options: MfaFactor[]; setup: boolean }
  /** Set up an authenticator app: the shared secret, then a code from it. */
  | { kind: 'totp-setup'; secret: string; uri: string }
  /** Set up email codes: the address to send them to. */
  | { kind: 'email-setup' }
  /** An administrator created the account: choose a password (and give any attributes still missing). */
  | { kind: 'new-password'; missingAttributes: string[] }
  /** Signed in on a device that is not remembered: "Remember this device?". */
  | { kind: 'remember' }
  /** Signed in: the device list. */
  | { kind: 'signed-in' }

/** `data-step` of the MFA screens (the test hook), and what the dev panel reads. */
export function stepName(step: Step): string {
  switch (step.kind) {
    case 'code':
      return `${step.factor.toLowerCase()}-code`
    case 'select':
      return step.setup ? 'setup-select' : 'select'
    default:
      return step.kind
  }
}

/** The screen for Amplify's `nextStep` (anything but DONE). An unknown step is an error the page shows. */
export function stepOf(nextStep: SignInOutput['nextStep'], username: string): Step {
  switch (nextStep.signInStep) {
    case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
      return { kind: 'code', factor: 'TOTP' }
    case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
      return { kind: 'code', factor: 'SMS', destination: nextStep.codeDeliveryDetails?.destination }
    case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
      return { kind: 'code', factor: 'EMAIL', destination: nextStep.codeDeliveryDetails?.destination }
    case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
      return { kind: 'select', options: nextStep.allowedMFATypes ?? [], setup: false }
    case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
      return { kind: 'select', options: nextStep.allowedMFATypes ?? [], setup: true }
    case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP': {
      const { sharedSecret } = nextStep.totpSetupDetails
      return { kind: 'totp-setup', secret: sharedSecret, uri: nextStep.totpSetupDetails.getSetupUri('Account security demo', username).toString() }
    }
    case 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP':
      return { kind: 'email-setup' }
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
      return { kind: 'new-password', missingAttributes: (nextStep.missingAttributes ?? []).map(String) }
    default:
      throw Object.assign(new Error(`This demo does not handle the sign-in step ${nextStep.signInStep}.`), { name: 'UnsupportedSignInStep' })
  }
}

/** What a failure means to the person signing in. */
export type FailureKind =
  /** Wrong username or password. */
  | 'credentials'
  /** A wrong MFA code; the field stays, try again. */
  | 'wrong-code'
  /** An authenticator code used once already: wait for the next one. */
  | 'used-code'
  /** The sign-in session ended (3 minutes, or too many wrong codes): start over. */
  | 'expired'
  /** A new password the policy refuses. */
  | 'weak-password'
  | 'network'
  | 'other'

export interface Failure {
  kind: FailureKind
  /** The exception's name (`CodeMismatchException`), `data-error-name`. */
  name: string
  /** The service's message, as sent. */
  message: string
}

/** Classifies an error thrown by Amplify. */
export function failureOf(error: unknown): Failure {
  const name = error instanceof Error ? error.name : 'Error'
  const message = error instanceof Error ? error.message : String(error)
  const kind: FailureKind =
    name === 'CodeMismatchException' || name === 'EnableSoftwareTokenMFAException'
      ? 'wrong-code'
      : name === 'ExpiredCodeException'
        ? 'used-code'
        : name === 'NotAuthorizedException' && /session/i.test(message)
          ? 'expired'
          : name === 'NotAuthorizedException' || name === 'UserNotFoundException'
            ? 'credentials'
            : name === 'InvalidPasswordException'
              ? 'weak-password'
              : name === 'NetworkError' || /Failed to fetch|NetworkError/i.test(message)
                ? 'network'
                : 'other'
  return { kind, name, message }
}

/** One line a person can act on, per failure. */
export function failureText(failure: Failure): string {
  switch (failure.kind) {
    case 'credentials':
      return 'Incorrect username or password.'
    case 'wrong-code':
      return 'That code is not right. Check it and try again.'
    case 'used-code':
      return 'That code was already used. Wait for the next one, then enter it.'
    case 'expired':
      return 'Your sign-in session has expired. Sign in again.'
    case 'weak-password':
      return failure.message.replace(/^Password does not conform to policy: /, 'The password is too weak: ')
    case 'network':
      return 'You’re offline. Check your connection and try again.'
    default:
      return failure.message
  }
}

export const factorNames: Record<MfaFactor, string> = {
  TOTP: 'Authenticator app',
  SMS: 'Text message (SMS)',
  EMAIL: 'Email',
}
