import { useEffect, useId, useState } from 'react'
import type { CognitoMock, OutboxMessage } from 'cognito-device-mock'

const purposes: Record<OutboxMessage['purpose'], string> = {
  'sign-up': 'Sign-up code',
  'forgot-password': 'Password reset code',
  'verify-attribute': 'Verification code',
  invitation: 'Temporary password',
  mfa: 'Sign-in code',
}

/** How many of the newest messages the panel lists. */
const SHOWN = 3

/**
 * The dev panel of `?signin=authenticator`: no email leaves the browser, so the codes the pool "sends" are shown
 * here as they are sent (`cognito.outbox.onMessage`), newest first.
 */
export function OutboxPanel({ outbox, poolId }: { outbox: Pick<CognitoMock['outbox'], 'list' | 'onMessage'>; poolId: string }) {
  const newest = () => outbox.list({ poolId }).slice(-SHOWN).reverse()
  const [messages, setMessages] = useState(newest)
  const id = useId()
  // `newest` reads the same outbox and pool on every render.
  useEffect(() => outbox.onMessage(() => setMessages(newest())), [outbox, poolId])

  return (
    <aside className="dev-panel" aria-labelledby={id} data-testid="dev-panel">
      <div className="dev-panel-head">
        <h2 className="dev-panel-title" id={id}>
          Mock outbox
        </h2>
        <span className="dev-panel-tag">dev</span>
      </div>
      <p className="dev-panel-hint">Nothing is emailed: the codes the pool sends land here, newest first.</p>
      <ul className="outbox" aria-label="Messages sent" data-testid="outbox">
        {messages.length === 0 && <li className="panel-code-hint">Nothing sent yet.</li>}
        {messages.map((message) => (
          <li key={message.id} className="panel-code" data-testid="outbox-message" data-purpose={message.purpose}>
            <span className="panel-code-label">{purposes[message.purpose]}</span>
            <span className="panel-code-hint">
              to <span className="mono">{message.destination}</span>
            </span>
            <code className="panel-code-value" data-testid="outbox-code">
              {message.code}
            </code>
          </li>
        ))}
      </ul>
    </aside>
  )
}
