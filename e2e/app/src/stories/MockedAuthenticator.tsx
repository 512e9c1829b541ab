import type { CognitoStory } from 'cognito-device-mock/storybook'
import { useMemo } from 'react'
import { Amplify } from 'aws-amplify'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { AuthenticatorPage } from '../authenticator/AuthenticatorPage.tsx'
import { authenticatorAmplifyConfig } from '../authenticator/amplifyConfig.ts'
import { memoryStorage } from '../signin/AmplifySignIn.tsx'

/** The screens `<Authenticator initialState>` can open on. */
export type AuthenticatorStart = 'signIn' | 'signUp' | 'forgotPassword'

/**
 * The demo's Authenticator page (`?signin=authenticator`, AuthenticatorPage.tsx) for one story render: Amplify
 * configured as boot.tsx configures it (email as the username, the pool's password policy), but for this
 * render's endpoint (`userPoolEndpoint`) and pool, its tokens and device keys in memory, gone with the render.
 * The dev panel shows the story's outbox. With `initialState`, the page's `<Authenticator>` opens on that screen.
 * Amplify is one per page, so these stories have no docs page (where several would render at once).
 */
export function MockedAuthenticator({ story, initialState }: { story: CognitoStory; initialState?: AuthenticatorStart }) {
  const { mock, endpoint, poolId } = story
  useMemo(() => {
    const pool = mock.pools.get(poolId)
    if (!pool) throw new Error(`No pool ${poolId} in the story's mock.`)
    Amplify.configure(authenticatorAmplifyConfig(pool, endpoint))
    cognitoUserPoolsTokenProvider.setKeyValueStorage(memoryStorage())
  }, [mock, endpoint, poolId])
  return <AuthenticatorPage poolId={poolId} outbox={mock.outbox} {...(initialState ? { initialState } : {})} />
}
