import { useCallback, useEffect, useState } from 'react'
import { Authenticator, useAuthenticator } from '@aws-amplify/ui-react'
import '@aws-amplify/ui-react/styles.css'
import { fetchAuthSession, fetchDevices, forgetDevice, rememberDevice } from 'aws-amplify/auth'
import type { CognitoMock } from 'cognito-device-mock'
import { browserDeviceName } from '../lib/userAgent.ts'
import { SignedInView, type AmplifyDevice } from '../signin/AmplifyDevices.tsx'
import { failureOf, type Failure } from '../signin/flow.ts'
import { OutboxPanel } from './OutboxPanel.tsx'
import './authenticator.css'
import { TopBar } from '../components/TopBar.tsx'

/**
 * `?signin=authenticator`: Amplify UI's `<Authenticator>`, unmodified, does everything before the device list:
 * Create Account (SignUp), the emailed code (ConfirmSignUp), the automatic sign-in after it, Sign in, Forgot your
 * password? (ForgotPassword, ConfirmForgotPassword). Signed in, the Amplify page's device view (fetchDevices,
 * rememberDevice, forgetDevice) and Authenticator's signOut. With the dev panel, the mock's outbox shows the codes.
 */
export interface AuthenticatorPageProps {
  poolId: string
  /** The page's mock's outbox, for the dev panel (absent: no panel). */
  outbox?: Pick<CognitoMock['outbox'], 'list' | 'onMessage'> | undefined
  /** The screen the Authenticator opens on (default: Sign In); the stories open each. */
  initialState?: 'signIn' | 'signUp' | 'forgotPassword'
}

export function AuthenticatorPage(props: AuthenticatorPageProps) {
  return (
    <Authenticator.Provider>
      <Page {...props} />
    </Authenticator.Provider>
  )
}

function Page({ poolId, outbox, initialState }: AuthenticatorPageProps) {
  const { authStatus, user } = useAuthenticator((context) => [context.authStatus, context.user])
  const signedIn = authStatus === 'authenticated' && user ? (user.signInDetails?.loginId ?? user.username) : undefined
  return (
    <div className="app" data-testid="authenticator-page" data-auth-status={authStatus}>
      <TopBar signedIn={signedIn} title={user?.username} />
      {outbox && <OutboxPanel outbox={outbox} poolId={poolId} />}
      <main id="main" className={signedIn ? 'page' : 'page page--narrow'} tabIndex={-1}>
        {!signedIn && <h1 className="visually-hidden">Sign in or create an account</h1>}
        <Authenticator loginMechanisms={['email']} {...(initialState ? { initialState } : {})}>{({ signOut }) => <SignedIn onSignOut={() => signOut?.()} />}</Authenticator>
      </main>
      <footer className="footer">
        <p>
          Signed up and signed in with the unmodified <code>@aws-amplify/ui-react</code> Authenticator against{' '}
          <code>cognito-device-mock</code>. User pool <code data-testid="pool-id">{poolId}</code>.
        </p>
      </footer>
    </div>
  )
}

/** Signed in: this device and the remembered ones, as on the Amplify page; sign-out is the Authenticator's. */
function SignedIn({ onSignOut }: { onSignOut(): void }) {
  const [deviceKey, setDeviceKey] = useState<string | undefined>()
  const [devices, setDevices] = useState<AmplifyDevice[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [status, setStatus] = useState('')
  const [userAgent, setUserAgent] = useState(() => navigator.userAgent)

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
    } catch (caught) {
      setFailure(failureOf(caught))
    } finally {
      setBusy(false)
    }
  }, [])
  const load = useCallback(async () => setDevices(await fetchDevices()), [])

  useEffect(() => {
    let live = true
    void browserDeviceName().then((name) => live && setUserAgent(name))
    void run(async () => {
      const key = (await fetchAuthSession()).tokens?.accessToken.payload.device_key
      if (live) setDeviceKey(typeof key === 'string' ? key : undefined)
      await load()
    })
    return () => {
      live = false
    }
  }, [run, load])

  const act = (call: () => Promise<void>, done: string) =>
    void run(async () => {
      await call()
      setStatus(done)
      await load()
    })

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="signin-status">
        {status}
      </p>
      <SignedInView
        username=""
        deviceKey={deviceKey}
        devices={devices}
        userAgent={userAgent}
        busy={busy}
        failure={failure}
        onRemember={() => act(rememberDevice, 'This device is remembered.')}
        onForget={() => act(forgetDevice, 'This device was forgotten.')}
        onSignOut={onSignOut}
        onRefresh={() => void run(load)}
      />
    </>
  )
}
