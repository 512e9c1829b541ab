import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import { Amplify } from 'aws-amplify'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { sessionStorage } from 'aws-amplify/utils'
import { fidelity, type UserPoolRecord } from 'cognito-device-mock'
import { startCognitoWorker } from 'cognito-device-mock/browser'
import { panelEnabled } from '../lib/mockControl.ts'
import { AuthenticatorPage } from './AuthenticatorPage.tsx'

/**
 * `?signin=authenticator`: Amplify UI's `<Authenticator>` (`@aws-amplify/ui-react`), unmodified, against the
 * worker. Its own world: one pool whose users sign up and sign in with their email (UsernameAttributes), the
 * email verified by a code (the default AutoVerifiedAttributes), devices remembered when the user says so, no
 * MFA, and nobody in it yet: the journey starts with "Create Account".
 */
export const AUTHENTICATOR_WORLD = {
  pools: [{ name: 'Account security sign-up', usernameAttributes: ['email'], deviceRemembering: 'user-opt-in', mfa: 'off', users: 0 }],
} as const

/** Starts the worker with the page's world, configures Amplify for its pool's public client, renders the page. */
export async function bootAuthenticator(root: Root, seed: number): Promise<void> {
  const { cognito } = await startCognitoWorker({ seed, world: AUTHENTICATOR_WORLD, exposeOnWindow: true, persist: true, log: import.meta.env.DEV })
  const pool = cognito.pools.list()[0]
  const client = pool?.clients.find((c) => !c.clientSecret)
  if (!pool || !client) throw new Error('The seeded world has no user pool with a public app client.')
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: pool.id,
        userPoolClientId: client.clientId,
        signUpVerificationMethod: 'code',
        loginWith: { email: true },
        userAttributes: { email: { required: true } },
        passwordFormat: passwordFormat(pool),
      },
    },
  })
  // Tokens and device keys per tab, as the mock's state (persist: sessionStorage), like ?signin=amplify.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sessionStorage)
  root.render(
    <StrictMode>
      <AuthenticatorPage poolId={pool.id} outbox={panelEnabled() ? cognito.outbox : undefined} />
    </StrictMode>,
  )
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
