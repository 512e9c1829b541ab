import { type FormEvent, useId, useState } from 'react'
import { Card, CodeForm, ExpiredSession, FailureLine } from './SignInScreens.tsx'
import { stepName, type Failure, type Step } from './flow.ts'

/** The set-up screens of the sign-in: an authenticator, an email address, a new password; and "Remember this device?". */

export interface TotpSetupStepProps {
  step: Extract<Step, { kind: 'totp-setup' }>
  code: string
  busy: boolean
  failure: Failure | null
  onCode(value: string): void
  onSubmit(): void
  onStartOver(): void
}

/** MFA_SETUP by authenticator: the shared secret (grouped by 4 for reading) and its otpauth:// link, then a code. */
export function TotpSetupStep({ step, code, busy, failure, onCode, onSubmit, onStartOver }: TotpSetupStepProps) {
  const id = useId()
  const grouped = step.secret.match(/.{1,4}/g)?.join(' ') ?? step.secret
  return (
    <Card
      title="Set up your authenticator app"
      lead="Add this account to your authenticator app with the key below (or open the link on your phone), then enter the 6-digit code it shows."
      testId="mfa-step"
      step={stepName(step)}
    >
      <div className="totp-secret">
        <span className="totp-secret-label">Setup key</span>
        <code className="totp-secret-value" data-testid="totp-secret" data-secret={step.secret} aria-label={`Setup key ${step.secret}`}>
          {grouped}
        </code>
        <a className="totp-secret-link" href={step.uri} data-testid="totp-uri">
          Open in authenticator app
        </a>
      </div>
      <CodeForm id={id} label="Authenticator code" digits={6} code={code} busy={busy} failure={failure} onCode={onCode} onSubmit={onSubmit} onStartOver={onStartOver} submitLabel="Verify and sign in" />
    </Card>
  )
}

export interface EmailSetupStepProps {
  email: string
  busy: boolean
  failure: Failure | null
  onEmail(value: string): void
  onSubmit(): void
  onStartOver(): void
}

/** MFA_SETUP by email: the address the codes go to; an email code step follows. */
export function EmailSetupStep({ email, busy, failure, onEmail, onSubmit, onStartOver }: EmailSetupStepProps) {
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }
  return (
    <Card title="Get codes by email" lead="Enter the address your sign-in codes should go to." testId="mfa-step" step="email-setup">
      {failure?.kind === 'expired' ? (
        <ExpiredSession failure={failure} onStartOver={onStartOver} />
      ) : (
        <form className="signin-form" onSubmit={submit} aria-busy={busy}>
          <p className="field">
            <label htmlFor={`${id}-email`}>Email address</label>
            <input id={`${id}-email`} data-testid="mfa-email" type="email" autoComplete="email" required value={email} onChange={(e) => onEmail(e.target.value)} />
          </p>
          <FailureLine failure={failure} />
          <div className="signin-actions">
            <button type="submit" className="button button--primary" data-testid="mfa-submit" disabled={busy}>
              Send code
            </button>
            <button type="button" className="button button--secondary" data-testid="start-over" disabled={busy} onClick={onStartOver}>
              Start over
            </button>
          </div>
        </form>
      )}
    </Card>
  )
}

export interface NewPasswordStepProps {
  step: Extract<Step, { kind: 'new-password' }>
  busy: boolean
  failure: Failure | null
  onSubmit(password: string, attributes: Record<string, string>): void
  onStartOver(): void
}

/** NEW_PASSWORD_REQUIRED: a new password (typed twice) and the attributes the pool still needs. */
export function NewPasswordStep({ step, busy, failure, onSubmit, onStartOver }: NewPasswordStepProps) {
  const id = useId()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [attributes, setAttributes] = useState<Record<string, string>>({})
  const mismatch = confirm !== '' && confirm !== password
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!mismatch) onSubmit(password, attributes)
  }
  return (
    <Card
      title="Choose a new password"
      lead="Your account was created with a temporary password. Choose your own: at least 8 characters, with upper and lower case letters, a number and a symbol."
      testId="mfa-step"
      step="new-password"
    >
      {failure?.kind === 'expired' ? (
        <ExpiredSession failure={failure} onStartOver={onStartOver} />
      ) : (
        <form className="signin-form" onSubmit={submit} aria-busy={busy}>
          <p className="field">
            <label htmlFor={`${id}-new`}>New password</label>
            <input id={`${id}-new`} data-testid="new-password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </p>
          <p className="field">
            <label htmlFor={`${id}-confirm`}>Confirm new password</label>
            <input
              id={`${id}-confirm`}
              data-testid="new-password-confirm"
              type="password"
              autoComplete="new-password"
              required
              aria-invalid={mismatch || undefined}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          </p>
          {step.missingAttributes.map((name) => (
            <p className="field" key={name}>
              <label htmlFor={`${id}-${name}`}>{name.replace(/_/g, ' ')}</label>
              <input id={`${id}-${name}`} required value={attributes[name] ?? ''} onChange={(e) => setAttributes({ ...attributes, [name]: e.target.value })} />
            </p>
          ))}
          {mismatch && (
            <p className="inline-error" role="alert">
              The two passwords differ.
            </p>
          )}
          <FailureLine failure={failure} />
          <div className="signin-actions">
            <button type="submit" className="button button--primary" data-testid="mfa-submit" disabled={busy || mismatch}>
              Set password
            </button>
            <button type="button" className="button button--secondary" data-testid="start-over" disabled={busy} onClick={onStartOver}>
              Start over
            </button>
          </div>
        </form>
      )}
    </Card>
  )
}

export interface RememberPromptProps {
  /** "Chrome 140 on Linux": this browser, readable. */
  deviceLabel: string
  busy: boolean
  failure: Failure | null
  onAnswer(remember: boolean): void
}

/** After a sign-in from a device that is not remembered: remember it (rememberDevice) or not. */
export function RememberPrompt({ deviceLabel, busy, failure, onAnswer }: RememberPromptProps) {
  return (
    <Card
      title="Remember this device?"
      lead={
        <>
          <strong data-testid="remember-device-label">{deviceLabel}</strong> will be able to sign in without a verification code. Only
          choose this on a device you own.
        </>
      }
      testId="remember-prompt"
      step="remember"
    >
      <FailureLine failure={failure} />
      <div className="signin-actions">
        <button type="button" className="button button--primary" data-testid="remember-yes" disabled={busy} onClick={() => onAnswer(true)}>
          {busy ? 'Remembering…' : 'Yes, remember it'}
        </button>
        <button type="button" className="button button--secondary" data-testid="remember-no" disabled={busy} onClick={() => onAnswer(false)}>
          Not now
        </button>
      </div>
    </Card>
  )
}
