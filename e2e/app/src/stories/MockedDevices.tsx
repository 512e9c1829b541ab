import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoStory } from 'cognito-device-mock/storybook'
import { type ReactElement, useCallback, useMemo } from 'react'
import { DevicesContainer, type DevicesView } from '../components/DevicesContainer.tsx'
import { DEFAULT_PAGE_SIZE } from '../hooks/useDevices.ts'
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
 * The demo's device list on its real data path, in the same container as App (`DevicesContainer`: `useDevices`
 * on an unmodified AWS SDK v3 client, same settings as lib/session.ts plus this render's `endpoint`), answered
 * by the story's own mock through the service worker. Above the list: the scenario layers the mock has active,
 * and a Refresh button.
 */
export function MockedDevices({ story, pageSize = DEFAULT_PAGE_SIZE, maxAttempts = 3, showRequests = false }: MockedDevicesProps) {
  const { mock, endpoint, region, poolId, username } = story
  const client = useMemo(() => new CognitoIdentityProviderClient({ region, endpoint, maxAttempts }), [region, endpoint, maxAttempts])
  /** "Sign in again": a fresh token from this story's mock. */
  const signIn = useCallback(() => mock.tokens.issue(poolId, username), [mock, poolId, username])

  return (
    <DevicesContainer client={client} initialToken={story.accessToken} signIn={signIn} poolId={poolId} pageSize={pageSize}>
      {({ list, devices }) => <StoryFrame story={story} showRequests={showRequests} list={list} devices={devices} />}
    </DevicesContainer>
  )
}

/** The frame around the list: the active scenario layers and Refresh above it, the request log below. */
function StoryFrame({ story, showRequests, list, devices }: { story: CognitoStory; showRequests: boolean } & Pick<DevicesView, 'list' | 'devices'>) {
  const { mock, endpoint, username } = story
  const layers = mock.scenarios.active().map((layer) => layer.source)
  return (
    <div className="story-frame" data-testid="story-frame" data-endpoint={endpoint}>
      <div className="story-bar">
        <span className="story-bar-text">
          Scenario <code data-testid="story-scenario">{layers.length > 0 ? layers.reverse().join(' + ') : 'none'}</code> · seed{' '}
          <code>{String(mock.seed)}</code> · signed in as <code>{username}</code>
        </span>
        <button type="button" className="button button--secondary button--small" data-testid="refresh" disabled={devices.status === 'loading'} onClick={devices.reload}>
          Refresh
        </button>
      </div>
      <section className="card" aria-label="Remembered devices">
        {list}
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
