import type { Notice } from '../lib/notice.ts'
import { shortMessage } from '../lib/messages.ts'
import { describeDevice } from '../lib/userAgent.ts'

export interface NoticeBarProps {
  notice: Notice
  onUndo?: (() => void) | undefined
  onRetryAction?: (() => void) | undefined
  onDismiss?: (() => void) | undefined
}

const actionNames = { forget: 'forget', unremember: 'stop remembering', undo: 'remember again' } as const

/** The line above the list after an action: what happened, with Undo or Try again where they make sense. */
export function NoticeBar({ notice, onUndo, onRetryAction, onDismiss }: NoticeBarProps) {
  const name = <strong>{describeDevice(notice.device.name).label}</strong>
  const failed = notice.kind === 'action-failed'
  let text
  let action = null
  switch (notice.kind) {
    case 'unremembered':
      text = <>{name} is no longer remembered. It will need MFA at its next sign-in.</>
      action = (
        <button type="button" className="button button--small button--secondary" data-testid="notice-undo" disabled={notice.undoing} onClick={onUndo}>
          {notice.undoing ? 'Undoing…' : 'Undo'}
        </button>
      )
      break
    case 'restored':
      text = <>{name} is remembered again.</>
      break
    case 'forgotten':
      text = <>{name} was forgotten. Signing in from it will count as a new device.</>
      break
    case 'gone':
      text = <>{name} no longer exists, so it was removed from the list.</>
      break
    case 'action-failed':
      text = (
        <>
          Couldn’t {actionNames[notice.action]} {name}. {shortMessage(notice.error)}
        </>
      )
      action = (
        <button type="button" className="button button--small button--secondary" data-testid="notice-retry" disabled={notice.retrying} onClick={onRetryAction}>
          Try again
        </button>
      )
      break
  }
  return (
    <div
      className={`notice${failed ? ' notice--error' : ''}`}
      role={failed ? 'alert' : 'status'}
      data-testid="notice"
      data-kind={notice.kind}
      {...(failed ? { 'data-error-kind': notice.error.kind } : {})}
    >
      <p className="notice-text">{text}</p>
      <div className="notice-actions">
        {action}
        <button type="button" className="icon-button" data-testid="notice-dismiss" aria-label="Dismiss" onClick={onDismiss}>
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </div>
  )
}
