import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { passwordPolicyOf } from '../state/pool-settings.ts'
import type { UserPoolRecord } from '../state/types.ts'

/** Cognito's symbols: the characters a password's symbol rule counts (PasswordPolicyType's doc). */
const symbols = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/

/**
 * Checks `password` against the pool's policy (Cognito's default unless the pool has its own): the first rule
 * broken names the refusal (fidelity.passwordPolicy). SignUp words it `Password did not conform with policy: `
 * [C], every other path `Password does not conform to policy: ` [C].
 *
 * @example
 * checkPassword(pool, 'short') // InvalidPasswordException: Password does not conform to policy: Password not long enough
 * checkPassword(pool, 'short', { signUp: true }) // …: Password did not conform with policy: Password not long enough
 */
export function checkPassword(pool: UserPoolRecord, password: string, options: { signUp?: boolean } = {}): void {
  const policy = passwordPolicyOf(pool)
  const { messages } = fidelity.passwordPolicy
  const broken =
    [...password].length < policy.minimumLength
      ? messages.length
      : policy.requireLowercase && !/[a-z]/.test(password)
        ? messages.lowercase
        : policy.requireUppercase && !/[A-Z]/.test(password)
          ? messages.uppercase
          : policy.requireNumbers && !/[0-9]/.test(password)
            ? messages.numeric
            : policy.requireSymbols && !symbols.test(password)
              ? messages.symbol
              : undefined
  if (broken === undefined) return
  const prefix = options.signUp ? wire.lifecycle.signUpPasswordPrefix : fidelity.passwordPolicy.prefix
  throw new CognitoError('InvalidPasswordException', `${prefix}${broken}`)
}
