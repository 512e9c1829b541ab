import type { MfaFactor } from './types.ts'

/**
 * A sign-in between two calls, as the store keeps it: the challenge it stands at and what each step needs next.
 * Plain data, like the rest of the records (types.ts).
 */

/** Where a sign-in stands between two calls: the `Session` string hands it from one to the next. */
export interface AuthSessionRecord {
  session: string
  /** The challenge the next RespondToAuthChallenge must answer. */
  challenge: SessionChallenge
  poolId: string
  clientId: string
  /** The user's name as stored; for a simulated challenge (unknown user), the name as sent. */
  username: string
  /** An unknown user answered with a simulated challenge (PreventUserExistenceErrors): it can only fail. */
  simulated?: boolean
  deviceKey?: string
  /** SRP state, lowercase hex: the server's secret b, the public values, the salt. */
  srp?: { b: string; B: string; A: string; salt: string; secretBlock: string }
  /** The IP address the sign-in came from, when the request said (X-Forwarded-For, UserContextData). */
  sourceIp?: string
  expiresAt: number
  /** A second-factor or set-up challenge's state. */
  mfa?: SessionMfaState
  /** Steps this sign-in has passed (a new password, the second factor). */
  passed?: { newPassword?: boolean; mfa?: boolean }
}

/** The challenges a session can stand at. */
export type SessionChallenge =
  | 'PASSWORD_VERIFIER'
  | 'DEVICE_SRP_AUTH'
  | 'DEVICE_PASSWORD_VERIFIER'
  | 'NEW_PASSWORD_REQUIRED'
  | 'SMS_MFA'
  | 'SOFTWARE_TOKEN_MFA'
  | 'EMAIL_OTP'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'

/** Where a sign-in stands in its second factor. */
export interface SessionMfaState {
  /** The code sent (SMS_MFA, EMAIL_OTP): good while the session is (fidelity.mfa). */
  code?: string
  /** Wrong codes so far. */
  attempts: number
  /** SELECT_MFA_TYPE's choices, MFA_SETUP's factors that can be set up. */
  choices?: MfaFactor[]
  /** MFA_SETUP: the secret AssociateSoftwareToken handed out, and whether VerifySoftwareToken accepted a code for it. */
  setupSecret?: string
  setupVerified?: boolean
  /** The TOTP step VerifySoftwareToken accepted and its FriendlyDeviceName: the user's once MFA_SETUP is answered. */
  setupStep?: number
  setupName?: string
  /** MFA_SETUP by email: the address the code went to, which becomes the user's on success. */
  setupEmail?: string
  /** Whether the challenge answered is set-up (the factor becomes the user's) rather than sign-in. */
  settingUp?: MfaFactor
}
