import { useId } from 'react'
import type { Device } from '../lib/devices.ts'
import { formatDate, isoDate } from '../lib/format.ts'
import type { PendingAction } from '../lib/notice.ts'
import { describeDevice } from '../lib/userAgent.ts'
import { DeviceIcon } from './DeviceIcon.tsx'

export interface DeviceItemProps {
  device: Device
  pending?: PendingAction | undefined
  /** Every action is disabled (the list is reloading, or another action is in flight for this device). */
  disabled?: boolean
  onForget?: ((device: Device) => void) | undefined
  onUnremember?: ((device: Device) => void) | undefined
}

function When({ date, testId }: { date: Date | undefined; testId: string }) {
  const iso = isoDate(date)
  return iso ? (
    <time dateTime={iso} data-testid={testId}>
      {formatDate(date)}
    </time>
  ) : (
    <span data-testid={testId}>—</span>
  )
}

export function DeviceItem({ device, pending, disabled = false, onForget, onUnremember }: DeviceItemProps) {
  const nameId = useId()
  const { label, kind } = describeDevice(device.name)
  const busy = pending !== undefined
  return (
    <li className="device" data-testid="device-item" data-device-key={device.key} aria-busy={busy || undefined}>
      <span className={`device-badge device-badge--${kind}`}>
        <DeviceIcon kind={kind} />
      </span>
      <div className="device-body">
        <h2 className="device-name" id={nameId} data-testid="device-name" title={device.name ?? 'This device was confirmed without a name'}>
          {label}
        </h2>
        <dl className="device-meta">
          <div>
            <dt>Last used</dt>
            <dd>
              <When date={device.lastAuthenticatedAt} testId="device-last-used" />
            </dd>
          </div>
          <div>
            <dt>IP address</dt>
            <dd className="mono" data-testid="device-ip">
              {device.lastIp ?? '—'}
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              <When date={device.createdAt} testId="device-created" />
            </dd>
          </div>
          <div>
            <dt>Last modified</dt>
            <dd>
              <When date={device.lastModifiedAt} testId="device-modified" />
            </dd>
          </div>
        </dl>
        <details className="device-details">
          <summary>Technical details</summary>
          <dl>
            <dt>Device name sent at sign-in</dt>
            <dd className="mono" data-testid="device-raw-name">
              {device.name ?? '(none)'}
            </dd>
            <dt>Device key</dt>
            <dd className="mono" data-testid="device-key">
              {device.key}
            </dd>
          </dl>
        </details>
      </div>
      <div className="device-actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="device-unremember"
          aria-describedby={nameId}
          disabled={disabled || busy}
          onClick={() => onUnremember?.(device)}
        >
          {pending === 'unremember' ? 'Updating…' : 'Stop remembering'}
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="device-forget"
          aria-describedby={nameId}
          disabled={disabled || busy}
          onClick={() => onForget?.(device)}
        >
          {pending === 'forget' ? 'Forgetting…' : 'Forget'}
        </button>
      </div>
    </li>
  )
}
