import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'

/**
 * Cognito's default password policy: 8 characters at least, a lower-case and an upper-case letter, a digit
 * and a symbol. The first rule broken names the refusal (fidelity.passwordPolicy).
 */
export function checkPassword(password: string): void {
  const { messages } = fidelity.passwordPolicy
  const broken =
    password.length < 8
      ? messages.length
      : !/[a-z]/.test(password)
        ? messages.lowercase
        : !/[A-Z]/.test(password)
          ? messages.uppercase
          : !/[0-9]/.test(password)
            ? messages.numeric
            : !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)
              ? messages.symbol
              : undefined
  if (broken !== undefined) throw new CognitoError('InvalidPasswordException', `${fidelity.passwordPolicy.prefix}${broken}`)
}
