import { fidelity, type UserPoolRecord } from 'cognito-device-mock'

/**
 * Amplify's configuration for the Authenticator page on `pool`'s public client: email as the username, the email
 * required and verified by a code, the pool's password policy; `userPoolEndpoint` for a story's own mock.
 */
export function authenticatorAmplifyConfig(pool: UserPoolRecord, userPoolEndpoint?: string) {
  const client = pool.clients.find((c) => !c.clientSecret)
  if (!client) throw new Error(`Pool ${pool.id} has no public app client for Amplify.`)
  return {
    Auth: {
      Cognito: {
        userPoolId: pool.id,
        userPoolClientId: client.clientId,
        ...(userPoolEndpoint ? { userPoolEndpoint } : {}),
        signUpVerificationMethod: 'code' as const,
        loginWith: { email: true },
        userAttributes: { email: { required: true } },
        passwordFormat: passwordFormat(pool),
      },
    },
  }
}

/** The pool's password policy as Amplify's config names it: the Authenticator checks it before SignUp does. */
function passwordFormat(pool: UserPoolRecord) {
  const policy = pool.passwordPolicy ?? fidelity.poolDefaults.passwordPolicy
  return {
    minLength: policy.minimumLength,
    requireLowercase: policy.requireLowercase,
    requireUppercase: policy.requireUppercase,
    requireNumbers: policy.requireNumbers,
    requireSpecialCharacters: policy.requireSymbols,
  }
}
