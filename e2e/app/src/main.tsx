import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { startCognitoWorker } from 'cognito-device-mock/browser'
import { App } from './App.tsx'
import { BootError, Booting } from './components/Boot.tsx'
import { activePreset, mockControl, panelEnabled } from './lib/mockControl.ts'
import { createSession } from './lib/session.ts'
import './styles.css'

/** Default seed; `?cognito-seed=7` or localStorage["cognito-device-mock"] = '{"seed":7}' override it. */
const DEFAULT_SEED = 42

/**
 * The demo's world: like the default (one pool, five users) but with more devices per user, so the first
 * user's list spans more than one page of 10, and MFA on: an authenticator app, SMS or email (the first user
 * has an authenticator; the seed gives the others theirs, or none, to set up at sign-in), remembered devices
 * skipping it. Presets with a world of their own (no-devices, many-devices, mfa-*) replace what they name
 * only. Kept equal to DEMO.world in e2e/support/app.ts.
 */
const DEMO_WORLD = {
  devicesPerUser: { min: 20, max: 32 },
  mfa: { mode: 'on', factors: ['totp', 'sms', 'email'], rememberedDevicesSkipMfa: true },
} as const

const root = createRoot(document.getElementById('root')!)

// No components are defined here, so React Refresh leaves this module alone: an edit to the library source
// (src/) reaches this entry and Vite reloads the page, instead of re-running it and starting a second worker.

async function boot(): Promise<void> {
  root.render(<Booting />)
  try {
    if (new URLSearchParams(window.location.search).get('signin') === 'authenticator') {
      // `?signin=authenticator`: Amplify UI's <Authenticator> on a sign-up pool of its own (its own world), on demand.
      const { bootAuthenticator } = await import('./authenticator/boot.tsx')
      return await bootAuthenticator(root, DEFAULT_SEED)
    }
    // The worker must be running before the first Cognito call: nothing renders until it is.
    const { cognito } = await startCognitoWorker({
      seed: DEFAULT_SEED,
      world: DEMO_WORLD,
      exposeOnWindow: true,
      // A reload keeps what was done in this tab (a forgotten device stays forgotten); a new tab, another seed
      // or cognito.reset() starts from the seed.
      persist: true,
      log: import.meta.env.DEV,
    })
    if (new URLSearchParams(window.location.search).get('signin') === 'amplify') {
      // `?signin=amplify`: a real sign-in with the unmodified Amplify v6, against the first pool's `web` client.
      // Loaded on demand, so the default page does not carry Amplify.
      const [{ AmplifySignIn, configureAmplify }, { controlSource }] = await Promise.all([
        import('./signin/AmplifySignIn.tsx'),
        import('./signin/SignInHelper.tsx'),
      ])
      const pool = cognito.pools.list()[0]
      const client = pool?.clients.find((c) => !c.clientSecret) ?? pool?.clients[0]
      if (!pool || !client) throw new Error('The seeded world has no user pool with an app client.')
      const cookies = new URLSearchParams(window.location.search).get('amplify-storage') === 'cookie'
      configureAmplify({ userPoolId: pool.id, userPoolClientId: client.clientId, cookies })
      const control = mockControl()
      const panel = panelEnabled() ? { control, seed: cognito.seed, preset: activePreset(control) } : undefined
      root.render(
        <StrictMode>
          <AmplifySignIn poolId={pool.id} panel={panel} helper={panel ? controlSource(control, pool.id) : undefined} />
        </StrictMode>,
      )
      return
    }
    const session = createSession(cognito)
    const initialToken = await session.signIn()
    const control = mockControl()
    const panel = panelEnabled() ? { control, seed: cognito.seed, preset: activePreset(control) } : undefined
    root.render(
      <StrictMode>
        <App session={session} initialToken={initialToken} panel={panel} />
      </StrictMode>,
    )
  } catch (error) {
    console.error(error)
    root.render(<BootError error={error} />)
  }
}

void boot()
