import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { SessionChallenge } from '../state/types.ts'
import type { AuthenticationResult } from './results.ts'

/** The challenges the mock issues: a subset of the model's ChallengeNameType. */
export type IssuedChallenge = SessionChallenge

/** What InitiateAuth and RespondToAuthChallenge answer (members in the model's order). */
export interface AuthAnswer {
  ChallengeName?: IssuedChallenge
  Session?: string
  ChallengeParameters: Record<string, string>
  AuthenticationResult?: AuthenticationResult
}

export const incorrect = () => new CognitoError('NotAuthorizedException', wire.incorrectCredentials)

/**
 * A member of AuthParameters or ChallengeResponses, or `Missing required parameter NAME`. A `null` member (the
 * identity-js device retry sends `"DEVICE_KEY": null`) counts as absent.
 */
export function required(parameters: Record<string, string> | undefined, name: string): string {
  const value = parameters?.[name]
  if (value === undefined || value === null || value === '') throw new CognitoError(fidelity.missingParameter.type, fidelity.missingParameter.message(name))
  return value
}

/** A member that may be absent: `undefined` for absent, `null` or empty. */
export function optional(parameters: Record<string, string> | undefined, name: string): string | undefined {
  const value = parameters?.[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}
