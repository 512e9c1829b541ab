import { useCallback, useEffect, useId, useState } from 'react'
import type { CognitoMock, OutboxMessage, UserRecord } from 'cognito-device-mock'
import type { ScenarioControl } from 'cognito-device-mock/browser'
import type { Step } from './flow.ts'

/**
 * The dev panel's sign-in helper: the seeded users' credentials (with "Fill"), and the code the page waits
 * for, read from the mock: the authenticator code of the user (refreshed every second, on the mock's clock)
 * or the last SMS/email code in the outbox. The same component reads the page's mock (window control) in the
 * demo and the story's own mock in Storybook, through a `HelperSource`.
 */

/** The mock, as the helper reads it. */
export interface HelperSource {
  poolId: string
  users(): Promise<UserRecord[]>
  /** The code the user's authenticator shows now; undefined when the user has no secret (yet). */
  totpCode(username: string): Promise<string | undefined>
  /** The newest SMS or email message sent to the user. */
  lastMessage(username: string, medium: OutboxMessage['medium']): Promise<OutboxMessage | undefined>
  /** The mock's clock, epoch milliseconds. */
  now(): Promise<number>
  advance(ms: number): Promise<void>
}

/** The page's mock, through `window.__cognitoDeviceMock`. */
export function controlSource(control: ScenarioControl, poolId: string): HelperSource {
  return {
    poolId,
    users: () => control.state('users.list', poolId),
    totpCode: async (username) => {
      try {
        return control.totpCode(username, poolId)
      } catch {
        return undefined
      }
    },
    lastMessage: async (username, medium) => control.outbox({ poolId, username, medium }).at(-1),
    now: () => control.state('clock.now'),
    advance: async (ms) => {
      await control.state('clock.advance', ms)
    },
  }
}

/** A story's own mock (`loaded.cognito.mock`). */
export function mockSource(mock: CognitoMock, poolId: string): HelperSource {
  return {
    poolId,
    users: async () => mock.users.list(poolId),
    totpCode: async (username) => {
      try {
        return mock.users.totpCode(poolId, username)
      } catch {
        return undefined
      }
    },
    lastMessage: async (username, medium) => mock.outbox.last({ poolId, username, medium }),
    now: async () => mock.clock.now(),
    advance: async (ms) => {
      mock.clock.advance(ms)
    },
  }
}

const STEP_MS = 30_000

/** "authenticator app", "SMS", "none yet (set-up at sign-in)": a seeded user's factors, for the picker. */
function factorsOf(user: UserRecord): string {
  if (user.status === 'FORCE_CHANGE_PASSWORD') return 'new password required'
  const enabled = user.mfa?.enabled ?? []
  if (enabled.length === 0) return 'no second factor'
  const names = enabled.map((f) => (f === 'totp' ? 'authenticator' : f === 'sms' ? 'SMS' : 'email'))
  return enabled.length > 1 && !user.mfa?.preferred ? `${names.join(' or ')}, asks which` : names.join(', ')
}

export interface SignInHelperProps {
  source: HelperSource
  /** The journey's screen and the user it signs in, to show the code it waits for. */
  step: Step
  activeUsername: string
  /** Re-reads the users (after a preset switch re-seeded the world). */
  refreshKey?: number
  onFill(username: string, password: string): void
  onFillCode(code: string): void
}

interface CodeView {
  label: string
  code: string | undefined
  /** The authenticator step's seconds left on the mock's clock, and whether its code was used. */
  secondsLeft?: number
  used?: boolean
  destination?: string
}

export function SignInHelper({ source, step, activeUsername, refreshKey = 0, onFill, onFillCode }: SignInHelperProps) {
  const [users, setUsers] = useState<UserRecord[]>([])
  const [selected, setSelected] = useState('')
  const [code, setCode] = useState<CodeView | null>(null)
  const [tick, setTick] = useState(0)
  const id = useId()

  useEffect(() => {
    let live = true
    void source.users().then((list) => {
      if (!live) return
      setUsers(list)
      setSelected((current) => (list.some((u) => u.username === current) ? current : (list[0]?.username ?? '')))
    })
    return () => {
      live = false
    }
  }, [source, refreshKey])

  const wants = step.kind === 'code' ? step.factor : step.kind === 'totp-setup' ? 'TOTP' : undefined

  // The code the page waits for, read every second: TOTP codes move with the mock's clock, messages arrive.
  useEffect(() => {
    if (!wants || !activeUsername) {
      setCode(null)
      return
    }
    let live = true
    const read = async () => {
      if (wants === 'TOTP') {
        const [value, now, list] = await Promise.all([source.totpCode(activeUsername), source.now(), source.users()])
        const user = list.find((u) => u.username.toLowerCase() === activeUsername.toLowerCase())
        const stepNow = Math.floor(now / STEP_MS)
        const lastStep = user?.mfa?.totpLastStep
        if (live) setCode({ label: 'Authenticator code', code: value, secondsLeft: Math.ceil((STEP_MS - (now % STEP_MS)) / 1000), used: lastStep !== undefined && stepNow <= lastStep })
      } else {
        const message = await source.lastMessage(activeUsername, wants)
        if (live) setCode({ label: wants === 'SMS' ? 'Last SMS code' : 'Last email code', code: message?.code, ...(message ? { destination: message.destination } : {}) })
      }
    }
    void read()
    const timer = setInterval(() => void read(), 1000)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [source, wants, activeUsername, tick])

  const nextCode = useCallback(async () => {
    const now = await source.now()
    await source.advance(STEP_MS - (now % STEP_MS))
    setTick((t) => t + 1)
  }, [source])

  const user = users.find((u) => u.username === selected)
  return (
    <div className="signin-helper" data-testid="signin-helper">
      <h3 className="dev-panel-subtitle">Seeded users</h3>
      <div className="dev-panel-form">
        <div className="field field--grow">
          <label htmlFor={`${id}-user`}>Seeded user</label>
          <select id={`${id}-user`} data-testid="panel-user" value={selected} onChange={(e) => setSelected(e.target.value)}>
            {users.map((u) => (
              <option key={u.username} value={u.username}>
                {u.username} — {factorsOf(u)}
              </option>
            ))}
          </select>
        </div>
        <dl className="panel-credentials">
          <div>
            <dt>Username</dt>
            <dd>
              <code data-testid="panel-username">{user?.username ?? '—'}</code>
            </dd>
          </div>
          <div>
            <dt>Password</dt>
            <dd>
              <code data-testid="panel-password">{user?.password ?? '—'}</code>
            </dd>
          </div>
        </dl>
        <button type="button" className="button button--secondary" data-testid="panel-fill" disabled={!user} onClick={() => user && onFill(user.username, user.password)}>
          Fill
        </button>
      </div>
      {code && (
        <div className="panel-code" data-testid="panel-code-box" data-factor={wants}>
          <span className="panel-code-label">
            {code.label}
            {code.destination && (
              <>
                {' '}
                to <span className="mono">{code.destination}</span>
              </>
            )}
          </span>
          <code className="panel-code-value" data-testid="panel-code" data-used={code.used ? 'true' : undefined}>
            {code.code ?? '——————'}
          </code>
          {code.secondsLeft !== undefined && (
            <span className="panel-code-hint" data-testid="panel-code-hint">
              {code.used ? 'already used: take the next one' : `${code.secondsLeft} s left on the mock’s clock`}
            </span>
          )}
          {code.code === undefined && <span className="panel-code-hint">{wants === 'TOTP' ? 'No authenticator secret yet.' : 'Nothing sent yet.'}</span>}
          <button type="button" className="button button--secondary button--small" data-testid="panel-fill-code" disabled={!code.code || code.used} onClick={() => code.code && onFillCode(code.code)}>
            Fill code
          </button>
          {code.secondsLeft !== undefined && (
            <button type="button" className="button button--secondary button--small" data-testid="panel-next-code" onClick={() => void nextCode()}>
              Next code
            </button>
          )}
        </div>
      )}
    </div>
  )
}
