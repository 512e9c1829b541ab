import type { ReactNode } from 'react'
import type { DeviceError } from '../lib/errors.ts'
import { sessionHeadline } from '../lib/messages.ts'

export interface ErrorStateProps {
  error: DeviceError
  onRetry?: (() => void) | undefined
  onSignInAgain?: (() => void) | undefined
  /** Shown in the developer-facing configuration error. */
  poolId?: string | undefined
}

function RequestId({ error }: { error: DeviceError }) {
  return error.requestId ? (
    <p className="error-request-id">
      Request ID: <code data-testid="error-request-id">{error.requestId}</code>
    </p>
  ) : null
}

function Frame({ kind, tone, title, children, extra }: { kind: string; tone: 'warning' | 'danger' | 'info'; title: string; children?: ReactNode; extra?: Record<string, string> }) {
  return (
    <div className={`state-card state-card--${tone}`} role="alert" data-testid={`error-${kind}`} {...extra}>
      <h2 className="state-title">{title}</h2>
      {children}
    </div>
  )
}

function RetryButton({ onRetry, label = 'Try again' }: { onRetry?: (() => void) | undefined; label?: string }) {
  return (
    <button type="button" className="button button--primary" data-testid="retry" onClick={onRetry}>
      {label}
    </button>
  )
}

/**
 * What the page shows instead of the list when it cannot show one: one screen per family of failures,
 * following what each preset says a UI should show (src/scenarios/presets.ts).
 */
export function ErrorState({ error, onRetry, onSignInAgain, poolId }: ErrorStateProps) {
  switch (error.kind) {
    case 'throttled':
      return (
        <Frame kind="throttled" tone="warning" title="Too many requests, try again shortly.">
          <p>Cognito is limiting requests for your account right now. Wait a few seconds, then try again.</p>
          <div className="state-actions">
            <RetryButton onRetry={onRetry} />
          </div>
        </Frame>
      )
    case 'session':
      return (
        <Frame kind="session" tone="info" title={sessionHeadline(error.reason ?? 'invalid')} extra={{ 'data-reason': error.reason ?? 'invalid' }}>
          <p>For your security, managing devices needs a valid sign-in.</p>
          <div className="state-actions">
            <button type="button" className="button button--primary" data-testid="sign-in-again" onClick={onSignInAgain}>
              Sign in again
            </button>
          </div>
        </Frame>
      )
    case 'offline':
      return (
        <div className="banner banner--offline" role="alert" data-testid="error-offline">
          <span className="banner-icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="20" height="20" focusable="false">
              <path d="M2 8.8a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01M3 3l18 18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </span>
          <div className="banner-text">
            <h2 className="banner-title">You’re offline</h2>
            <p>We couldn’t reach Cognito. Check your connection and try again.</p>
          </div>
          <RetryButton onRetry={onRetry} label="Retry" />
        </div>
      )
    case 'blocked':
      return (
        <Frame kind="blocked" tone="danger" title="Request blocked">
          <p>A firewall rule blocked this request. If you think this is a mistake, contact support and quote the request ID.</p>
          <RequestId error={error} />
        </Frame>
      )
    case 'internal':
      return (
        <Frame kind="internal" tone="danger" title="Something went wrong">
          <p>Cognito had a problem on its side. This is usually temporary.</p>
          <RequestId error={error} />
          <div className="state-actions">
            <RetryButton onRetry={onRetry} />
          </div>
        </Frame>
      )
    case 'password-reset':
      return (
        <Frame kind="password-reset" tone="info" title="Reset your password">
          <p>Your password must be reset before you can manage your devices.</p>
          <div className="state-actions">
            {/* The reset flow comes with the Cognito sign-in flows (a later issue): a placeholder link for now. */}
            <a className="button button--primary" href="#reset-password" data-testid="reset-password">
              Reset password
            </a>
          </div>
        </Frame>
      )
    case 'not-confirmed':
      return (
        <Frame kind="not-confirmed" tone="info" title="Confirm your account">
          <p>Confirm your account with the code we sent you before managing your devices.</p>
          <div className="state-actions">
            {/* The confirmation flow comes with the Cognito sign-in flows (a later issue). */}
            <a className="button button--primary" href="#confirm-account" data-testid="confirm-account">
              Confirm account
            </a>
          </div>
        </Frame>
      )
    case 'config':
      return (
        <Frame kind="config" tone="danger" title="Configuration error (for developers)">
          <p>
            Cognito refused the call with <code>{error.name}</code>. The user pool or its app client is not set up
            for device tracking: check “Remember user devices” in the user pool’s sign-in settings. Retrying will not help.
          </p>
          <dl className="error-details">
            <dt>Exception</dt>
            <dd className="mono" data-testid="error-name">{error.name}</dd>
            <dt>Message</dt>
            <dd data-testid="error-message">{error.message}</dd>
            {poolId && (
              <>
                <dt>User pool</dt>
                <dd className="mono">{poolId}</dd>
              </>
            )}
            {error.requestId && (
              <>
                <dt>Request ID</dt>
                <dd className="mono" data-testid="error-request-id">{error.requestId}</dd>
              </>
            )}
          </dl>
        </Frame>
      )
    default:
      return (
        <Frame kind="unknown" tone="danger" title="Something went wrong">
          <p>We couldn’t load your devices.</p>
          <p className="error-request-id">
            <code>{error.name}</code>: {error.message}
          </p>
          <RequestId error={error} />
          <div className="state-actions">
            <RetryButton onRetry={onRetry} />
          </div>
        </Frame>
      )
  }
}
