import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoStory } from 'cognito-device-mock/storybook'
import { type ReactElement, useCallback, useMemo, useState } from 'react'
import { DeviceList } from '../components/DeviceList.tsx'
import { DEFAULT_PAGE_SIZE, useDevices } from '../hooks/useDevices.ts'
import './stories.css'

export interface MockedDevicesProps {
  /** `loaded.cognito`: this story render's own mock, endpoint and signed-in user (cognitoLoader). */
  story: CognitoStory
  /** ListDevices `Limit` per page. */
  pageSize?: number
  /** The SDK client's attempts per call (default 3, as the demo app; 1 shows every scripted failure). */
  maxAttempts?: number
  /** Show the mock's request log under the list: which rule (or the store) answered each call. */
  showRequests?: boolean
}

/**
 * The demo's device list on its real data path, as App renders it: `useDevices` on an unmodified AWS SDK v3
 * client (same settings as lib/session.ts, plus this render's `endpoint`), answered by the story's own mock
 * through the service worker. Above the list: the scenario layers the mock has active, and a Refresh button.
 */
export function MockedDevices({ story, pageSize = DEFAULT_PAGE_SIZE, maxAttempts = 3, showRequests = false }: MockedDevicesProps) {
  const { mock, endpoint, region, poolId, username } = story
  const client = useMemo(() => new CognitoIdentityProviderClient({ region, endpoint, maxAttempts }), [region, endpoint, maxAttempts])
  const [accessToken, setAccessToken] = useState(story.accessToken)
  const devices = useDevices({ client, accessToken, pageSize })
  const { reload } = devices

  /** "Sign in again": a fresh token from this story's mock (the hook reloads when the token changes). */
  const signInAgain = useCallback(async () => {
    const token = await mock.tokens.issue(poolId, username)
    if (token === accessToken) reload()
    else setAccessToken(token)
  }, [mock, poolId, username, accessToken, reload])

  const layers = mock.scenarios.active().map((layer) => layer.source)
  return (
    <div className="story-frame" data-testid="story-frame" data-endpoint={endpoint}>
      <div className="story-bar">
        <span className="story-bar-text">
          Scenario <code data-testid="story-scenario">{layers.length > 0 ? layers.reverse().join(' + ') : 'none'}</code> · seed{' '}
          <code>{String(mock.seed)}</code> · signed in as <code>{username}</code>
        </span>
        <button type="button" className="button button--secondary button--small" data-testid="refresh" disabled={devices.status === 'loading'} onClick={reload}>
          Refresh
        </button>
      </div>
      <section className="card" aria-label="Remembered devices">
        <DeviceList
          devices={devices.devices}
          loading={devices.status === 'loading'}
          error={devices.error}
          hasMore={devices.hasMore}
          loadingMore={devices.loadingMore}
          loadMoreError={devices.loadMoreError}
          pending={devices.pending}
          notice={devices.notice}
          poolId={poolId}
          onRetry={reload}
          onLoadMore={devices.loadMore}
          onForget={devices.forget}
          onUnremember={devices.unremember}
          onUndo={devices.undo}
          onRetryAction={devices.retryAction}
          onDismissNotice={devices.dismissNotice}
          onSignInAgain={() => void signInAgain()}
        />
      </section>
      {showRequests && <RequestLog story={story} />}
    </div>
  )
}

/** The story mock's request log, read on every render of the list (each answer re-renders it). */
function RequestLog({ story }: { story: CognitoStory }) {
  const requests = story.mock.requests.list()
  return (
    <table className="story-requests" data-testid="story-requests">
      <caption>Calls answered by this story's mock</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Operation</th>
          <th scope="col">Answered by</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request, index) => (
          <tr key={request.requestId} data-testid="story-request" data-operation={request.operation} data-status={request.status}>
            <td>{index + 1}</td>
            <td>{request.operation}</td>
            <td>{request.answeredBy}</td>
            <td>
              {request.status ?? 'pending'}
              {request.errorType ? ` ${request.errorType}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * A Storybook decorator: on a docs page, where every story of a file renders at once, each story's list gets a
 * bounded, scrolling card so the page shows many worlds in a screen or two. The canvas is left alone.
 */
export function compactInDocs(Story: () => ReactElement, context: { viewMode?: string }): ReactElement {
  return context.viewMode === 'docs' ? (
    <div className="story-docs-frame">
      <Story />
    </div>
  ) : (
    <Story />
  )
}
