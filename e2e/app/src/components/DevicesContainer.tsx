import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { type ReactElement, type ReactNode, useCallback, useState } from 'react'
import { type UseDevices, useDevices } from '../hooks/useDevices.ts'
import { DeviceList } from './DeviceList.tsx'

export interface DevicesContainerProps {
  /** An unmodified AWS SDK v3 client. */
  client: CognitoIdentityProviderClient
  /** The access token to start with; "Sign in again" replaces it. */
  initialToken: string
  /** A fresh access token for the same user: "Sign in again" (the demo's simulated sign-in, or a story's mock). */
  signIn: () => Promise<string>
  /** For the developer-facing configuration error. */
  poolId: string
  /** ListDevices `Limit` (default: useDevices' own). */
  pageSize?: number | undefined
  /** Lays out the page around the list: where the list, its Refresh button and the rest go. */
  children: (view: DevicesView) => ReactNode
}

export interface DevicesView {
  /** `<DeviceList>` fed by `useDevices`, every callback wired. */
  list: ReactElement
  /** The hook's state and actions (`status`, `reload`, …), for controls outside the list. */
  devices: UseDevices
  /** A "Sign in again" is in flight. */
  signingIn: boolean
  /** Signs in again: a new token, on which the hook reloads (the same token: an explicit reload). */
  signInAgain: () => void
}

/**
 * The device list on its real data path, as one container for the demo app and the mocked stories: `useDevices`
 * on the given client and token, wired into `<DeviceList>`, and "Sign in again". Each caller places the list in
 * its own layout through `children`.
 *
 * @example
 * <DevicesContainer client={client} initialToken={token} signIn={signIn} poolId={poolId}>
 *   {({ list, devices }) => <>{list}<button onClick={devices.reload}>Refresh</button></>}
 * </DevicesContainer>
 */
export function DevicesContainer({ client, initialToken, signIn, poolId, pageSize, children }: DevicesContainerProps) {
  const [accessToken, setAccessToken] = useState(initialToken)
  const [signingIn, setSigningIn] = useState(false)
  const devices = useDevices({ client, accessToken, pageSize })
  const { reload } = devices

  const signInAgain = useCallback(async () => {
    setSigningIn(true)
    try {
      const token = await signIn()
      if (token === accessToken) reload()
      else setAccessToken(token)
    } finally {
      setSigningIn(false)
    }
  }, [signIn, accessToken, reload])
  const onSignInAgain = useCallback(() => void signInAgain(), [signInAgain])

  const list = (
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
      onSignInAgain={onSignInAgain}
    />
  )
  return children({ list, devices, signingIn, signInAgain: onSignInAgain })
}
