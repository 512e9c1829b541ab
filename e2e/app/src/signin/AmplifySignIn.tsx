import { useCallback, useId, useState, type FormEvent } from 'react'
import { Amplify } from 'aws-amplify'
import { fetchAuthSession, fetchDevices, forgetDevice, rememberDevice, signIn, signOut, type FetchDevicesOutput } from 'aws-amplify/auth'

/**
 * `?signin=amplify`: a real sign-in with the UNMODIFIED Amplify v6 (`aws-amplify/auth`) against the worker.
 * signIn walks USER_SRP_AUTH and confirms a new device (ConfirmDevice); the page then lists the user's
 * devices with fetchDevices, marks the current one (the access token's `device_key`), and offers
 * rememberDevice, forgetDevice and signOut. The default page (the SDK device list) is untouched.
 */

export interface AmplifyConfig {
  userPoolId: string
  userPoolClientId: string
}

/** Configures Amplify once for the pool's public app client; Amplify keeps its tokens in localStorage. */
export function configureAmplify({ userPoolId, userPoolClientId }: AmplifyConfig): void {
  Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId } } })
}

type AmplifyDevice = FetchDevicesOutput[number]

interface SignedIn {
  username: string
  deviceKey: string | undefined
}

interface Failure {
  name: string
  message: string
}

const failureOf = (error: unknown): Failure =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) }

async function currentDeviceKey(): Promise<string | undefined> {
  const { tokens } = await fetchAuthSession()
  const key = tokens?.accessToken.payload.device_key
  return typeof key === 'string' ? key : undefined
}

const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const when = (date: Date | undefined) => (date ? `${utc.format(date)} UTC` : '—')

export function AmplifySignIn({ poolId }: { poolId: string }) {
  const [user, setUser] = useState<SignedIn | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Failure | null>(null)
  const [devices, setDevices] = useState<AmplifyDevice[] | null>(null)
  const [status, setStatus] = useState('')

  const loadDevices = useCallback(async () => {
    setDevices(await fetchDevices())
  }, [])

  /** Runs one Amplify call with the busy flag and the error line. */
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (caught) {
      console.warn(caught)
      setError(failureOf(caught))
    } finally {
      setBusy(false)
    }
  }, [])

  const onSignIn = (username: string, password: string) =>
    run(async () => {
      const result = await signIn({ username, password })
      if (!result.isSignedIn) throw Object.assign(new Error(`Unexpected next step: ${result.nextStep.signInStep}`), { name: 'UnexpectedNextStep' })
      setUser({ username, deviceKey: await currentDeviceKey() })
      setStatus('Signed in.')
      await loadDevices()
    })

  const onRemember = () =>
    run(async () => {
      await rememberDevice()
      setStatus('This device is remembered.')
      await loadDevices()
    })

  const onForget = () =>
    run(async () => {
      await forgetDevice()
      setStatus('This device was forgotten.')
      await loadDevices()
    })

  const onSignOut = () =>
    run(async () => {
      await signOut()
      setUser(null)
      setDevices(null)
      setStatus('Signed out.')
    })

  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">
            <span className="brand-text">Account security — Amplify sign-in</span>
          </span>
          {user && (
            <span className="user" data-testid="signed-in-user">
              <span className="visually-hidden">Signed in as </span>
              <span data-testid="username">{user.username}</span>
            </span>
          )}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="signin-status">
          {status}
        </p>
        {user ? (
          <SignedInView
            user={user}
            devices={devices}
            busy={busy}
            onRemember={() => void onRemember()}
            onForget={() => void onForget()}
            onSignOut={() => void onSignOut()}
            onRefresh={() => void run(loadDevices)}
          />
        ) : (
          <SignInForm busy={busy} onSubmit={(username, password) => void onSignIn(username, password)} />
        )}
        {error && (
          <p className="inline-error" role="alert" data-testid="signin-error" data-error-name={error.name}>
            <strong>{error.name}</strong>: {error.message}
          </p>
        )}
      </main>
      <footer className="footer">
        <p>
          Signed in with the unmodified <code>aws-amplify</code> v6 against <code>cognito-device-mock</code>. User pool{' '}
          <code data-testid="pool-id">{poolId}</code>.
        </p>
      </footer>
    </div>
  )
}

function SignInForm({ busy, onSubmit }: { busy: boolean; onSubmit: (username: string, password: string) => void }) {
  const id = useId()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit(username.trim(), password)
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Sign in</h1>
      <form data-testid="signin-form" onSubmit={submit} aria-busy={busy}>
        <p className="field">
          <label htmlFor={`${id}-username`}>Username</label>{' '}
          <input id={`${id}-username`} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </p>
        <p className="field">
          <label htmlFor={`${id}-password`}>Password</label>{' '}
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </p>
        <button type="submit" className="button button--primary" data-testid="signin-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  )
}

interface SignedInViewProps {
  user: SignedIn
  devices: AmplifyDevice[] | null
  busy: boolean
  onRemember(): void
  onForget(): void
  onSignOut(): void
  onRefresh(): void
}

function SignedInView({ user, devices, busy, onRemember, onForget, onSignOut, onRefresh }: SignedInViewProps) {
  const current = devices?.find((device) => device.id === user.deviceKey)
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your devices</h1>
          <p className="lead">
            This device: <code data-testid="current-device-key">{user.deviceKey ?? 'none'}</code>{' '}
            <span data-testid="current-device-state">{current ? 'remembered' : 'not remembered'}</span>
          </p>
        </div>
        <div className="state-actions">
          <button type="button" className="button button--secondary" data-testid="amplify-refresh" disabled={busy} onClick={onRefresh}>
            Refresh
          </button>
          <button type="button" className="button button--secondary" data-testid="remember-device" disabled={busy || !user.deviceKey} onClick={onRemember}>
            Remember this device
          </button>
          <button type="button" className="button button--danger" data-testid="forget-device" disabled={busy || !user.deviceKey} onClick={onForget}>
            Forget this device
          </button>
          <button type="button" className="button button--primary" data-testid="sign-out" disabled={busy} onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>
      <section className="card" aria-labelledby="amplify-devices-title">
        <h2 id="amplify-devices-title" className="visually-hidden">
          Remembered devices
        </h2>
        <div data-testid="amplify-devices" data-state={devices ? 'ready' : 'loading'} aria-busy={busy}>
          {devices && (
            <>
              <p className="list-count" data-testid="amplify-devices-count">
                {devices.length} devices
              </p>
              <ul aria-label="Remembered devices">
                {devices.map((device) => {
                  const isCurrent = device.id === user.deviceKey
                  return (
                    <li key={device.id} className="device" data-testid="amplify-device" data-device-key={device.id} data-current={isCurrent ? 'true' : undefined}>
                      <div className="device-body">
                        <span className="device-name" title={device.name ?? ''}>
                          {device.name ?? '(no name)'}
                        </span>
                        {isCurrent && (
                          <strong className="device-badge" data-testid="this-device">
                            This device
                          </strong>
                        )}
                        <span className="device-meta">
                          <code className="mono">{device.id}</code> · last used {when(device.lastAuthenticatedDate)}
                        </span>
                      </div>
                    </li>
                  )
                })}
              </ul>
            </>
          )}
        </div>
      </section>
    </>
  )
}

/**
 * Amplify keeps its tokens in localStorage, shared by every tab and kept after the tab closes, while the mock's
 * state is kept per tab (sessionStorage): in a new tab the mock starts from its seeded world and those tokens
 * mean nothing. Start signed out: sign out locally (RevokeToken may be refused; Amplify clears its tokens anyway).
 */
export async function dropStaleAmplifySession(): Promise<void> {
  await signOut().catch(() => undefined)
}
