import type { ScenarioControl } from 'cognito-device-mock/browser'
import { DevicesContainer, type DevicesView } from './components/DevicesContainer.tsx'
import { DevPanel } from './components/DevPanel.tsx'
import type { Session } from './lib/session.ts'
import { TopBar } from './components/TopBar.tsx'

export interface AppProps {
  session: Session
  /** The access token issued at start-up. */
  initialToken: string
  /** Present when the dev panel is enabled. */
  panel?: { control: ScenarioControl; seed: number | string; preset: string } | undefined
}

/** "Sign in again" asks the session for a new token (the simulated sign-in). The real flow comes later. */
export function App({ session, initialToken, panel }: AppProps) {
  return (
    <DevicesContainer client={session.client} initialToken={initialToken} signIn={session.signIn} poolId={session.poolId}>
      {(view) => <Page session={session} panel={panel} {...view} />}
    </DevicesContainer>
  )
}

/** The page around the list: header, dev panel, Refresh. */
function Page({ session, panel, list, devices, signingIn, signInAgain }: Omit<AppProps, 'initialToken'> & DevicesView) {
  const busy = devices.status === 'loading' || signingIn

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar icon="devices" signedIn={session.username} title={`User pool ${session.poolId}`} />

      {panel && <DevPanel control={panel.control} seed={panel.seed} preset={panel.preset} onPresetApplied={signInAgain} />}

      <main id="main" className="page" tabIndex={-1}>
        <div className="page-head">
          <div>
            <h1>Your devices</h1>
            <p className="lead">
              Devices you chose to remember can sign in without a second factor. Forget a device you no longer use, or
              stop remembering it to require MFA again.
            </p>
          </div>
          <button type="button" className="button button--secondary" data-testid="refresh" disabled={busy} onClick={devices.reload}>
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
              <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Refresh
          </button>
        </div>
        <section aria-labelledby="devices-title" className="card">
          <h2 id="devices-title" className="visually-hidden">
            Remembered devices
          </h2>
          {list}
        </section>
      </main>
      <footer className="footer">
        <p>
          Demo of <code>cognito-device-mock</code>: every Cognito call is answered in the browser by a Mock Service Worker. User pool{' '}
          <code data-testid="pool-id">{session.poolId}</code>.
        </p>
      </footer>
    </div>
  )
}
