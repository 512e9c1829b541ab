import type { CognitoStory } from 'cognito-device-mock/storybook'
import { useMemo } from 'react'
import { AmplifySignIn, configureAmplify, memoryStorage } from '../signin/AmplifySignIn.tsx'
import { mockSource } from '../signin/SignInHelper.tsx'

/**
 * The demo's Amplify sign-in page on its real path: the unmodified Amplify v6, configured for this story
 * render's endpoint (`userPoolEndpoint`) and pool's public client, with its tokens and device key in memory
 * (gone with the render) unless `storage` is `'session'`, answered by the story's own mock through the service worker. Above it, the dev
 * panel's sign-in helper reads the story's mock: the seeded credentials, the authenticator code, the outbox.
 * Amplify is one per page, so these stories have no docs page (where several would render at once).
 */
export function MockedAmplify({ story, storage = 'memory' }: { story: CognitoStory; storage?: 'memory' | 'session' }) {
  const { mock, endpoint, poolId } = story
  const source = useMemo(() => {
    const pool = mock.pools.get(poolId)
    const client = pool?.clients.find((c) => !c.clientSecret)
    if (!client) throw new Error(`Pool ${poolId} has no public app client for Amplify.`)
    // 'session': the demo's own choice, where a story's `signedInAs: { storage: 'sessionStorage' }` writes the session.
    configureAmplify({ userPoolId: poolId, userPoolClientId: client.clientId, endpoint, ...(storage === 'memory' ? { storage: memoryStorage() } : {}) })
    return mockSource(mock, poolId)
  }, [mock, endpoint, poolId, storage])
  return <AmplifySignIn poolId={poolId} helper={source} storyPanel />
}
