import type { FetchDevicesOutput } from 'aws-amplify/auth'
import { DeviceIcon } from '../components/DeviceIcon.tsx'
import { formatDate, isoDate } from '../lib/format.ts'
import { describeDevice } from '../lib/userAgent.ts'
import { FailureLine } from './SignInScreens.tsx'
import type { Failure } from './flow.ts'

export type AmplifyDevice = FetchDevicesOutput[number]

export interface SignedInViewProps {
  username: string
  /** The access token's `device_key`: this browser's device. */
  deviceKey: string | undefined
  /** What fetchDevices returned (remembered devices), null while loading. */
  devices: AmplifyDevice[] | null
  /** This browser's user agent, for its label when it is not in the list. */
  userAgent: string
  busy: boolean
  failure: Failure | null
  onRemember(): void
  onForget(): void
  onSignOut(): void
  onRefresh(): void
}

function When({ date }: { date: Date | undefined }) {
  const iso = isoDate(date)
  return iso ? <time dateTime={iso}>{formatDate(date)}</time> : <span>—</span>
}

/** Signed in: this device (remember / forget), the remembered devices (fetchDevices), sign out. */
export function SignedInView({ deviceKey, devices, userAgent, busy, failure, onRemember, onForget, onSignOut, onRefresh }: SignedInViewProps) {
  const current = devices?.find((device) => device.id === deviceKey)
  const here = describeDevice(current?.name ?? userAgent)
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your devices</h1>
          <p className="lead">Remembered devices sign in without a verification code. Forget one you no longer use, and its next sign-in asks for a code again.</p>
        </div>
        <div className="state-actions">
          <button type="button" className="button button--secondary" data-testid="amplify-refresh" disabled={busy} onClick={onRefresh}>
            Refresh
          </button>
          <button type="button" className="button button--primary" data-testid="sign-out" disabled={busy} onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>

      <section className="card this-device" aria-labelledby="this-device-title" data-testid="this-device-card" data-remembered={current ? 'true' : 'false'}>
        <span className={`device-badge device-badge--${here.kind}`}>
          <DeviceIcon kind={here.kind} />
        </span>
        <div className="device-body">
          <h2 id="this-device-title" className="device-name" title={current?.name ?? userAgent}>
            This device · {here.label}
          </h2>
          <p className="device-meta-line">
            <span data-testid="current-device-state" className={current ? 'pill pill--ok' : 'pill'}>
              {current ? 'remembered' : 'not remembered'}
            </span>{' '}
            {current ? 'Signs in without a code.' : 'Asks for a code at every sign-in.'}{' '}
            <span className="device-key">
              Key <code data-testid="current-device-key">{deviceKey ?? 'none'}</code>
            </span>
          </p>
        </div>
        <div className="device-actions">
          {current ? (
            <button type="button" className="button button--danger button--small" data-testid="forget-device" disabled={busy || !deviceKey} onClick={onForget}>
              Forget this device
            </button>
          ) : (
            <button type="button" className="button button--secondary button--small" data-testid="remember-device" disabled={busy || !deviceKey} onClick={onRemember}>
              Remember this device
            </button>
          )}
        </div>
      </section>

      <FailureLine failure={failure} />

      <section className="card" aria-labelledby="amplify-devices-title">
        <h2 id="amplify-devices-title" className="visually-hidden">
          Remembered devices
        </h2>
        <div className="devices" data-testid="amplify-devices" data-state={devices ? 'ready' : 'loading'} aria-busy={busy}>
          {devices === null ? (
            <p className="list-count" role="status">
              Loading your devices…
            </p>
          ) : (
            <>
              <ul aria-label="Remembered devices">
                {devices.map((device) => {
                  const isCurrent = device.id === deviceKey
                  const { label, kind } = describeDevice(device.name)
                  return (
                    <li key={device.id} className="device" data-testid="amplify-device" data-device-key={device.id} data-current={isCurrent ? 'true' : undefined}>
                      <span className={`device-badge device-badge--${kind}`}>
                        <DeviceIcon kind={kind} />
                      </span>
                      <div className="device-body">
                        <h3 className="device-name" data-testid="amplify-device-name" title={device.name ?? 'Confirmed without a name'}>
                          {label}
                          {isCurrent && (
                            <strong className="this-device-tag" data-testid="this-device">
                              This device
                            </strong>
                          )}
                        </h3>
                        <p className="device-meta-line">
                          Last used <When date={device.lastAuthenticatedDate} /> · IP <span className="mono">{device.attributes?.last_ip_used ?? '—'}</span>
                        </p>
                      </div>
                    </li>
                  )
                })}
              </ul>
              <p className="list-count" data-testid="amplify-devices-count">
                {devices.length} remembered {devices.length === 1 ? 'device' : 'devices'}
              </p>
            </>
          )}
        </div>
      </section>
    </>
  )
}
