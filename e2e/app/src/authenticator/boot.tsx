import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import { Amplify } from 'aws-amplify'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { sessionStorage } from 'aws-amplify/utils'
import { startCognitoWorker } from 'cognito-device-mock/browser'
import { panelEnabled } from '../lib/mockControl.ts'
import { AuthenticatorPage } from './AuthenticatorPage.tsx'
import { authenticatorAmplifyConfig } from './amplifyConfig.ts'

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
  if (!pool) throw new Error('The seeded world has no user pool.')
  Amplify.configure(authenticatorAmplifyConfig(pool))
  // Tokens and device keys per tab, as the mock's state (persist: sessionStorage), like ?signin=amplify.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sessionStorage)
  root.render(
    <StrictMode>
      <AuthenticatorPage poolId={pool.id} outbox={panelEnabled() ? cognito.outbox : undefined} />
    </StrictMode>,
  )
}
