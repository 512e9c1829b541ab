import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { Amplify } from 'aws-amplify'
import {
  confirmSignIn,
  fetchAuthSession,
  fetchDevices,
  forgetDevice,
  getCurrentUser,
  rememberDevice,
  signIn,
  signOut,
  type SignInOutput,
} from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { sessionStorage, type KeyValueStorageInterface } from 'aws-amplify/utils'
import type { ScenarioControl } from 'cognito-device-mock/browser'
import { DevPanel } from '../components/DevPanel.tsx'
import { browserDeviceName, describeDevice } from '../lib/userAgent.ts'
import { SignedInView, type AmplifyDevice } from './AmplifyDevices.tsx'
import { failureOf, stepOf, type Failure, type MfaFactor, type Step } from './flow.ts'
import { SignInHelper, type HelperSource } from './SignInHelper.tsx'
import { EmailSetupStep, NewPasswordStep, RememberPrompt, TotpSetupStep } from './SetupScreens.tsx'
import { CodeStep, SelectStep, SignInForm } from './SignInScreens.tsx'
import { TopBar } from '../components/TopBar.tsx'

/**
 * `?signin=amplify`: a real sign-in with the UNMODIFIED Amplify v6 (`aws-amplify/auth`) against the worker.
 * signIn walks USER_SRP_AUTH, then whatever second step the pool and user call for (authenticator, SMS or
 * email code, a choice of factor, an authenticator or email set-up, a new password), confirms the new device
 * (ConfirmDevice) and asks "Remember this device?" (rememberDevice). Signed in, it lists the remembered devices
 * (fetchDevices) with this one marked, and offers forgetDevice and signOut. A remembered device signs in
 * again with device SRP and no code. The screens are in SignInScreens.tsx; Storybook renders this container.
 */

export interface AmplifyConfig {
  userPoolId: string
  userPoolClientId: string
  /** Another endpoint than the pool's region's (a story's own mock). */
  endpoint?: string
  /** Where Amplify keeps tokens and the device key (default: sessionStorage, per tab like the mock's state). */
  storage?: KeyValueStorageInterface
  /** Amplify's cookie storage (`ssr: true`), as a server-rendered app configures it (`?amplify-storage=cookie`). */
  cookies?: boolean
}

/** Configures Amplify for the pool's public app client. */
export function configureAmplify({ userPoolId, userPoolClientId, endpoint, storage, cookies = false }: AmplifyConfig): void {
  const config = { Auth: { Cognito: { userPoolId, userPoolClientId, ...(endpoint ? { userPoolEndpoint: endpoint } : {}) } } }
  if (cookies) {
    Amplify.configure(config, { ssr: true })
    return
  }
  Amplify.configure(config)
  // Amplify.configure sets localStorage: the mock keeps its state per tab (sessionStorage), so do Amplify's
  // tokens and device keys; a new tab starts from the seeded world with nothing remembered.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage ?? sessionStorage)
}

/** Keys and values in memory: a story's Amplify state, gone with the render. */
export function memoryStorage(): KeyValueStorageInterface {
  const items = new Map<string, string>()
  return {
    setItem: async (key, value) => void items.set(key, value),
    getItem: async (key) => items.get(key) ?? null,
    removeItem: async (key) => void items.delete(key),
    clear: async () => items.clear(),
  }
}

async function currentDeviceKey(): Promise<string | undefined> {
  const { tokens } = await fetchAuthSession()
  const key = tokens?.accessToken.payload.device_key
  return typeof key === 'string' ? key : undefined
}

export interface AmplifySignInProps {
  poolId: string
  /** The demo's dev panel (preset and seed). */
  panel?: { control: ScenarioControl; seed: number | string; preset: string } | undefined
  /** Where the panel's sign-in helper reads credentials and codes (the page's mock, or a story's). */
  helper?: HelperSource | undefined
  /** The panel in a story: no preset/seed form, the helper only. */
  storyPanel?: boolean
}

export function AmplifySignIn({ poolId, panel, helper, storyPanel = false }: AmplifySignInProps) {
  const [step, setStep] = useState<Step>({ kind: 'credentials' })
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [email, setEmail] = useState('')
  const [signedIn, setSignedIn] = useState<string | null>(null)
  const [deviceKey, setDeviceKey] = useState<string | undefined>()
  const [devices, setDevices] = useState<AmplifyDevice[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [status, setStatus] = useState('')
  const [helperKey, setHelperKey] = useState(0)
  const [resuming, setResuming] = useState(true)
  const [userAgent, setUserAgent] = useState(() => (typeof navigator === 'undefined' ? '' : navigator.userAgent))

  useEffect(() => {
    let live = true
    void browserDeviceName().then((name) => live && setUserAgent(name))
    return () => {
      live = false
    }
  }, [])

  /** Runs one Amplify call with the busy flag; a failure stays on the current screen. */
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
    } catch (caught) {
      const failed = failureOf(caught)
      // Expected outcomes (a wrong code, an expired session) are screens, not console noise.
      if (failed.kind === 'other') console.warn(caught)
      setFailure(failed)
    } finally {
      setBusy(false)
    }
  }, [])

  const loadDevices = useCallback(async () => {
    setDevices(await fetchDevices())
  }, [])

  /** After DONE: this device's key, the remembered devices, and the prompt when this one is not among them. */
  const finish = async (name: string) => {
    const key = await currentDeviceKey()
    const list = await fetchDevices()
    setSignedIn(name)
    setDeviceKey(key)
    setDevices(list)
    setPassword('')
    setCode('')
    const remembered = key !== undefined && list.some((device) => device.id === key)
    setStep(key !== undefined && !remembered ? { kind: 'remember' } : { kind: 'signed-in' })
    setStatus(remembered ? 'Signed in on a remembered device.' : 'Signed in.')
  }

  // A session already in storage (a reload, or one a test, a storageState file or ?cognito-sign-in= put there
  // through cognito.signInAs): resume it, as a real app does. Tokens the mock no longer knows (it was reset or
  // re-seeded) fail the first call: sign out locally and show the form.
  useEffect(() => {
    let live = true
    void (async () => {
      const name = await storedSession()
      if (live && name !== undefined) {
        await run(async () => {
          try {
            await finish(name)
          } catch (caught) {
            await signOut({ global: false }).catch(() => undefined)
            setSignedIn(null)
            setStep({ kind: 'credentials' })
            if (failureOf(caught).kind === 'other') throw caught
          }
        })
      }
      // The form only once it is known there is no session to resume: no flash of it before the device list.
      if (live) setResuming(false)
    })()
    return () => {
      live = false
    }
    // Once, on mount: `finish` and `run` only use state setters.
  }, [])

  const next = async (result: SignInOutput, name: string) => {
    if (result.nextStep.signInStep === 'DONE') return finish(name)
    setCode('')
    setStep(stepOf(result.nextStep, name))
    setStatus('')
  }

  const onSignIn = () =>
    run(async () => {
      const name = username.trim()
      await next(await signIn({ username: name, password }), name)
    })

  const confirm = (challengeResponse: string, options?: Parameters<typeof confirmSignIn>[0]['options']) =>
    run(async () => {
      await next(await confirmSignIn({ challengeResponse, ...(options ? { options } : {}) }), username.trim())
    })

  const startOver = () => {
    setFailure(null)
    setCode('')
    setPassword('')
    setStep({ kind: 'credentials' })
    setStatus('')
  }

  const onRememberAnswer = (yes: boolean) =>
    run(async () => {
      if (yes) {
        await rememberDevice()
        setStatus('This device is remembered.')
        await loadDevices()
      } else {
        setStatus('This device is not remembered.')
      }
      setStep({ kind: 'signed-in' })
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
      setSignedIn(null)
      setDevices(null)
      setDeviceKey(undefined)
      setStep({ kind: 'credentials' })
      setStatus('Signed out.')
    })

  /** A preset switch may re-seed the world: back to the form, the helper re-reads the users. */
  const onPresetApplied = () => {
    void signOut().catch(() => undefined)
    setSignedIn(null)
    setDevices(null)
    startOver()
    setHelperKey((k) => k + 1)
  }

  const helperView = helper && (
    <SignInHelper
      source={helper}
      step={step}
      activeUsername={username.trim()}
      refreshKey={helperKey}
      onFill={(name, secret) => {
        setUsername(name)
        setPassword(secret)
      }}
      onFillCode={setCode}
    />
  )

  let screen: ReactNode
  switch (step.kind) {
    case 'credentials':
      screen = resuming ? (
        <p className="resuming" data-testid="resuming">
          Checking for a saved session…
        </p>
      ) : (
        <SignInForm username={username} password={password} busy={busy} failure={failure} onUsername={setUsername} onPassword={setPassword} onSubmit={() => void onSignIn()} />
      )
      break
    case 'code':
      screen = <CodeStep step={step} code={code} busy={busy} failure={failure} onCode={setCode} onSubmit={() => void confirm(code)} onStartOver={startOver} />
      break
    case 'select':
      screen = <SelectStep key={step.setup ? 'setup' : 'select'} step={step} busy={busy} failure={failure} onSelect={(factor: MfaFactor) => void confirm(factor)} onStartOver={startOver} />
      break
    case 'totp-setup':
      screen = <TotpSetupStep step={step} code={code} busy={busy} failure={failure} onCode={setCode} onSubmit={() => void confirm(code, { friendlyDeviceName: 'Authenticator' })} onStartOver={startOver} />
      break
    case 'email-setup':
      screen = <EmailSetupStep email={email} busy={busy} failure={failure} onEmail={setEmail} onSubmit={() => void confirm(email.trim())} onStartOver={startOver} />
      break
    case 'new-password':
      screen = (
        <NewPasswordStep
          step={step}
          busy={busy}
          failure={failure}
          onSubmit={(newPassword, userAttributes) => void confirm(newPassword, Object.keys(userAttributes).length > 0 ? { userAttributes } : undefined)}
          onStartOver={startOver}
        />
      )
      break
    case 'remember':
      screen = <RememberPrompt deviceLabel={describeDevice(userAgent).label} busy={busy} failure={failure} onAnswer={(yes) => void onRememberAnswer(yes)} />
      break
    case 'signed-in':
      screen = (
        <SignedInView
          username={signedIn ?? username}
          deviceKey={deviceKey}
          devices={devices}
          userAgent={userAgent}
          busy={busy}
          failure={failure}
          onRemember={() => void onRemember()}
          onForget={() => void onForget()}
          onSignOut={() => void onSignOut()}
          onRefresh={() => void run(loadDevices)}
        />
      )
      break
  }

  return (
    <div className="app">
      <TopBar signedIn={signedIn ?? undefined} />
      {panel && (
        <DevPanel control={panel.control} seed={panel.seed} preset={panel.preset} onPresetApplied={onPresetApplied}>
          {helperView}
        </DevPanel>
      )}
      {!panel && storyPanel && helperView && (
        <aside className="dev-panel" aria-label="Mock controls" data-testid="dev-panel">
          <div className="dev-panel-head">
            <h2 className="dev-panel-title">Mock controls</h2>
            <span className="dev-panel-tag">story</span>
          </div>
          {helperView}
        </aside>
      )}
      <main id="main" className={step.kind === 'signed-in' ? 'page' : 'page page--narrow'} tabIndex={-1}>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="signin-status">
          {status}
        </p>
        {screen}
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

/** The username of the session Amplify finds in its storage, if any (no call is made unless its tokens need a refresh). */
export async function storedSession(): Promise<string | undefined> {
  try {
    const { tokens } = await fetchAuthSession()
    return tokens?.accessToken ? (await getCurrentUser()).username : undefined
  } catch {
    return undefined
  }
}
