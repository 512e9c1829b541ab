import type { Device } from '../lib/devices.ts'
import type { DeviceError } from '../lib/errors.ts'
import { shortMessage } from '../lib/messages.ts'
import type { Notice, PendingAction } from '../lib/notice.ts'
import { DeviceItem } from './DeviceItem.tsx'
import { ErrorState } from './ErrorState.tsx'
import { NoticeBar } from './NoticeBar.tsx'

export interface DeviceListProps {
  devices: readonly Device[]
  /** The first page is in flight. */
  loading: boolean
  /** Shown instead of the list (first page failed, or a failure that makes the page unusable). */
  error?: DeviceError | null | undefined
  /** More pages behind a "Load more" button. */
  hasMore?: boolean | undefined
  loadingMore?: boolean | undefined
  loadMoreError?: DeviceError | null | undefined
  /** Devices with an action in flight, by key. */
  pending?: Readonly<Record<string, PendingAction>> | undefined
  notice?: Notice | null | undefined
  /** For the developer-facing configuration error. */
  poolId?: string | undefined
  onRetry?: (() => void) | undefined
  onLoadMore?: (() => void) | undefined
  onForget?: ((device: Device) => void) | undefined
  onUnremember?: ((device: Device) => void) | undefined
  onUndo?: (() => void) | undefined
  onRetryAction?: (() => void) | undefined
  onDismissNotice?: (() => void) | undefined
  onSignInAgain?: (() => void) | undefined
}

export type DeviceListState = 'loading' | 'error' | 'empty' | 'ready'

export function deviceListState({ loading, error, devices }: Pick<DeviceListProps, 'loading' | 'error' | 'devices'>): DeviceListState {
  if (error) return 'error'
  if (loading) return 'loading'
  return devices.length === 0 ? 'empty' : 'ready'
}

function Skeleton() {
  return (
    <div className="skeleton" role="status" data-testid="devices-loading">
      <p className="skeleton-label">
        <span className="spinner" aria-hidden="true" /> Loading your devices…
      </p>
      {[0, 1, 2].map((i) => (
        <div className="skeleton-row" key={i} aria-hidden="true">
          <span className="skeleton-badge" />
          <span className="skeleton-lines">
            <span className="skeleton-line skeleton-line--title" />
            <span className="skeleton-line" />
          </span>
        </div>
      ))}
    </div>
  )
}

function EmptyState() {
  return (
    <div className="state-card state-card--empty" data-testid="empty-state">
      <svg className="state-illustration" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
        <rect x="6" y="9" width="36" height="24" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M16 40h16M24 33v7" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <h2 className="state-title">No remembered devices</h2>
      <p>When you choose to remember a device at sign-in, it appears here and can skip multi-factor authentication.</p>
    </div>
  )
}

/**
 * The remembered devices, presentational: everything comes in through props, so Storybook stories and
 * tests can render any state without a network. `useDevices` provides the props in the app.
 *
 * The outer element says what it shows in `data-state` (loading | error | empty | ready) and is
 * `aria-busy` while a page is loading.
 */
export function DeviceList(props: DeviceListProps) {
  const { devices, loading, error, hasMore = false, loadingMore = false, loadMoreError, pending = {}, notice } = props
  const state = deviceListState(props)
  return (
    <div className="device-list" data-testid="devices" data-state={state} aria-busy={loading || loadingMore}>
      {notice && state !== 'error' && (
        <NoticeBar notice={notice} onUndo={props.onUndo} onRetryAction={props.onRetryAction} onDismiss={props.onDismissNotice} />
      )}
      {state === 'loading' && <Skeleton />}
      {state === 'error' && error && <ErrorState error={error} onRetry={props.onRetry} onSignInAgain={props.onSignInAgain} poolId={props.poolId} />}
      {state === 'empty' && <EmptyState />}
      {state === 'ready' && (
        <>
          <ul className="devices" role="list" data-testid="device-list" aria-label="Remembered devices">
            {devices.map((device) => (
              <DeviceItem key={device.key} device={device} pending={pending[device.key]} onForget={props.onForget} onUnremember={props.onUnremember} />
            ))}
          </ul>
          <div className="list-footer">
            <p className="list-count" data-testid="devices-count" aria-live="polite">
              {devices.length === 1 ? '1 device' : `${devices.length} devices`}
              {hasMore ? ' shown' : ''}
            </p>
            {loadMoreError ? (
              <div className="inline-error" role="alert" data-testid="load-more-error" data-kind={loadMoreError.kind}>
                <span>{shortMessage(loadMoreError)}</span>
                <button type="button" className="button button--secondary" data-testid="load-more-retry" onClick={props.onLoadMore}>
                  Try again
                </button>
              </div>
            ) : hasMore ? (
              <button type="button" className="button button--secondary" data-testid="load-more" disabled={loadingMore} onClick={props.onLoadMore}>
                {loadingMore ? (
                  <>
                    <span className="spinner" aria-hidden="true" /> Loading…
                  </>
                ) : (
                  'Load more'
                )}
              </button>
            ) : (
              <p className="list-end" data-testid="list-end">
                That’s every remembered device.
              </p>
            )}
          </div>
        </>
      )}
    </div>
  )
}
