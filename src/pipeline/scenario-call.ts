import { unverifiedClaims } from '../lib/jwt.ts'
import type { OperationName } from '../model/exceptions.ts'
import type { ScenarioCall } from '../scenarios/engine.ts'

/**
 * What a rule can match on. The input is read leniently (a body the store will refuse can still be
 * scripted), and the caller's username is decoded only when a rule asks for it.
 */
export function scenarioCall(operation: OperationName, input: Record<string, unknown> | undefined): ScenarioCall {
  let username: string | undefined | null = null
  return {
    operation,
    input,
    get username() {
      if (username === null) username = callerName(input)
      return username
    },
  }
}

/**
 * The access token's `username` claim (not verified: matching only), the admin call's `Username`, or the
 * `USERNAME` a sign-in call names in AuthParameters or ChallengeResponses.
 */
function callerName(input: Record<string, unknown> | undefined): string | undefined {
  const token = input?.AccessToken
  if (typeof token === 'string') {
    const username = unverifiedClaims(token)?.username
    return typeof username === 'string' ? username : undefined
  }
  if (typeof input?.Username === 'string') return input.Username
  for (const parameters of [input?.AuthParameters, input?.ChallengeResponses]) {
    const name = (parameters as Record<string, unknown> | undefined)?.USERNAME
    if (typeof name === 'string') return name
  }
  return undefined
}
