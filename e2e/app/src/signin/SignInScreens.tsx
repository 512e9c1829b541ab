import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { factorNames, failureText, stepName, type Failure, type MfaFactor, type Step } from './flow.ts'

/**
 * The sign-in journey's screens, presentational: every state comes from props (the container is
 * AmplifySignIn.tsx; Storybook renders them through it, on a real sign-in against the story's mock).
 */

/** The error line of a screen (role alert), or nothing. */
export function FailureLine({ failure }: { failure: Failure | null }) {
  if (!failure) return null
  return (
    <p className="inline-error signin-error" role="alert" data-testid="signin-error" data-error-name={failure.name} data-kind={failure.kind}>
      {failureText(failure)} <code className="signin-error-name">{failure.name}</code>
    </p>
  )
}

export function Card({ title, lead, children, testId, step }: { title: string; lead?: ReactNode; children: ReactNode; testId: string; step?: string }) {
  const id = useId()
  return (
    <section className="card signin-card" aria-labelledby={id} data-testid={testId} data-step={step}>
      <h1 id={id}>{title}</h1>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </section>
  )
}

export interface SignInFormProps {
  username: string
  password: string
  busy: boolean
  failure: Failure | null
  onUsername(value: string): void
  onPassword(value: string): void
  onSubmit(): void
}

export function SignInForm({ username, password, busy, failure, onUsername, onPassword, onSubmit }: SignInFormProps) {
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }
  return (
    <Card title="Sign in" testId="signin-card" step="credentials" lead="Sign in to review the devices that can reach your account.">
      <form className="signin-form" data-testid="signin-form" onSubmit={submit} aria-busy={busy}>
        <p className="field">
          <label htmlFor={`${id}-username`}>Username</label>
          <input id={`${id}-username`} name="username" autoComplete="username" required value={username} onChange={(e) => onUsername(e.target.value)} />
        </p>
        <p className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => onPassword(e.target.value)}
          />
        </p>
        <FailureLine failure={failure} />
        <button type="submit" className="button button--primary" data-testid="signin-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </Card>
  )
}

const codeTitles: Record<MfaFactor, string> = {
  TOTP: 'Enter the code from your authenticator app',
  SMS: 'Enter the code we texted you',
  EMAIL: 'Enter the code we emailed you',
}

export interface CodeStepProps {
  step: Extract<Step, { kind: 'code' }>
  code: string
  busy: boolean
  failure: Failure | null
  onCode(value: string): void
  onSubmit(): void
  onStartOver(): void
}

/** TOTP, SMS or email code. SMS and email name the masked destination the service gave. */
export function CodeStep({ step, code, busy, failure, onCode, onSubmit, onStartOver }: CodeStepProps) {
  const id = useId()
  const digits = step.factor === 'EMAIL' ? 8 : 6
  const lead =
    step.factor === 'TOTP' ? (
      'Open your authenticator app and type the 6-digit code it shows for this account.'
    ) : (
      <>
        We sent a {digits}-digit code to{' '}
        <strong className="mono" data-testid="mfa-destination">
          {step.destination ?? 'your ' + (step.factor === 'SMS' ? 'phone' : 'email address')}
        </strong>
        .
      </>
    )
  return (
    <Card title={codeTitles[step.factor]} lead={lead} testId="mfa-step" step={stepName(step)}>
      <CodeForm id={id} label={step.factor === 'TOTP' ? 'Authenticator code' : `${step.factor === 'SMS' ? 'SMS' : 'Email'} code`} digits={digits} code={code} busy={busy} failure={failure} onCode={onCode} onSubmit={onSubmit} onStartOver={onStartOver} submitLabel="Verify" />
    </Card>
  )
}

interface CodeFormProps {
  id: string
  label: string
  digits: number
  code: string
  busy: boolean
  failure: Failure | null
  submitLabel: string
  onCode(value: string): void
  onSubmit(): void
  onStartOver(): void
}

export function CodeForm({ id, label, digits, code, busy, failure, submitLabel, onCode, onSubmit, onStartOver }: CodeFormProps) {
  const expired = failure?.kind === 'expired'
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }
  if (expired) return <ExpiredSession failure={failure} onStartOver={onStartOver} />
  return (
    <form className="signin-form" onSubmit={submit} aria-busy={busy}>
      <p className="field">
        <label htmlFor={`${id}-code`}>{label}</label>
        <input
          id={`${id}-code`}
          className="code-input"
          data-testid="mfa-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern={`[0-9]{${digits}}`}
          maxLength={digits}
          placeholder={'0'.repeat(digits)}
          required
          autoFocus
          aria-invalid={failure?.kind === 'wrong-code' ? true : undefined}
          value={code}
          onChange={(e) => onCode(e.target.value.replace(/\D/g, ''))}
        />
      </p>
      <FailureLine failure={failure} />
      <div className="signin-actions">
        <button type="submit" className="button button--primary" data-testid="mfa-submit" disabled={busy}>
          {busy ? 'Checking…' : submitLabel}
        </button>
        <button type="button" className="button button--secondary" data-testid="start-over" disabled={busy} onClick={onStartOver}>
          Start over
        </button>
      </div>
    </form>
  )
}

/** The sign-in session is gone (3 minutes, or too many wrong codes): nothing to retry, sign in again. */
export function ExpiredSession({ failure, onStartOver }: { failure: Failure; onStartOver(): void }) {
  return (
    <div className="state-card state-card--warning signin-expired" role="alert" data-testid="session-expired" data-error-name={failure.name}>
      <p className="state-title">Your sign-in session has expired</p>
      <p>For your security a code must be entered within 3 minutes of your password. Sign in again to get a new one.</p>
      <div className="state-actions">
        <button type="button" className="button button--primary" data-testid="start-over" onClick={onStartOver}>
          Sign in again
        </button>
      </div>
    </div>
  )
}

export interface SelectStepProps {
  step: Extract<Step, { kind: 'select' }>
  busy: boolean
  failure: Failure | null
  onSelect(factor: MfaFactor): void
  onStartOver(): void
}

const factorHints: Record<MfaFactor, string> = {
  TOTP: 'A 6-digit code from an app such as Google Authenticator or 1Password.',
  SMS: 'A 6-digit code by text message to your phone.',
  EMAIL: 'An 8-digit code to your email address.',
}

/** SELECT_MFA_TYPE (which factor now) or MFA_SETUP with a choice (which factor to set up). */
export function SelectStep({ step, busy, failure, onSelect, onStartOver }: SelectStepProps) {
  const [choice, setChoice] = useState<MfaFactor | undefined>(step.options[0])
  const name = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (choice) onSelect(choice)
  }
  const title = step.setup ? 'Set up two-step verification' : 'How do you want to verify it’s you?'
  const lead = step.setup ? 'This account needs a second step at sign-in. Choose how you will receive your codes.' : 'Your account has more than one way to verify. Choose one for this sign-in.'
  if (failure?.kind === 'expired') {
    return (
      <Card title={title} testId="mfa-step" step={stepName(step)}>
        <ExpiredSession failure={failure} onStartOver={onStartOver} />
      </Card>
    )
  }
  return (
    <Card title={title} lead={lead} testId="mfa-step" step={stepName(step)}>
      <form className="signin-form" onSubmit={submit} aria-busy={busy}>
        <fieldset className="mfa-options">
          <legend className="visually-hidden">{step.setup ? 'Method to set up' : 'Verification method'}</legend>
          {step.options.map((factor) => (
            <label key={factor} className="mfa-option" data-testid="mfa-option" data-factor={factor}>
              <input type="radio" name={name} value={factor} checked={choice === factor} onChange={() => setChoice(factor)} />
              <span>
                <strong>{factorNames[factor]}</strong>
                <span className="mfa-option-hint">{factorHints[factor]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FailureLine failure={failure} />
        <div className="signin-actions">
          <button type="submit" className="button button--primary" data-testid="mfa-submit" disabled={busy || !choice}>
            Continue
          </button>
          <button type="button" className="button button--secondary" data-testid="start-over" disabled={busy} onClick={onStartOver}>
            Start over
          </button>
        </div>
      </form>
    </Card>
  )
}
