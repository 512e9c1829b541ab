import {
  type CognitoIdentityProviderClient,
  ForgetDeviceCommand,
  GetDeviceCommand,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { useCallback, useEffect, useRef, useState } from 'react'
import { type Device, toDevice } from '../lib/devices.ts'
import { blockingKinds, classifyError, type DeviceError } from '../lib/errors.ts'
import type { Notice, PendingAction } from '../lib/notice.ts'

/** Small enough that the demo's seeded users need more than one page. */
export const DEFAULT_PAGE_SIZE = 10

export interface UseDevicesOptions {
  /** An unmodified AWS SDK v3 client. */
  client: CognitoIdentityProviderClient
  accessToken: string
  /** ListDevices `Limit` (Cognito allows 0–60). */
  pageSize?: number
}

export interface DevicesState {
  devices: Device[]
  /** `loading`: the first page is in flight; `error`: see `error`. */
  status: 'loading' | 'ready' | 'error'
  /** Why the page cannot show the list (first page failed, or a blocking error later). */
  error: DeviceError | null
  /** ListDevices returned a PaginationToken: more pages to load. */
  hasMore: boolean
  loadingMore: boolean
  loadMoreError: DeviceError | null
  pending: Readonly<Record<string, PendingAction>>
  notice: Notice | null
}

export interface UseDevices extends DevicesState {
  /** Fetches the first page again (retry, refresh). */
  reload(): void
  loadMore(): void
  forget(device: Device): void
  /** UpdateDeviceStatus `not_remembered`: the device leaves the list, with an Undo. */
  unremember(device: Device): void
  /** UpdateDeviceStatus `remembered` for the device just un-remembered. */
  undo(): void
  /** Runs the failed action of an `action-failed` notice again. */
  retryAction(): void
  dismissNotice(): void
}

const initialState: DevicesState = {
  devices: [],
  status: 'loading',
  error: null,
  hasMore: false,
  loadingMore: false,
  loadMoreError: null,
  pending: {},
  notice: null,
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = record
  return rest
}

/**
 * The signed-in user's remembered devices, through the AWS SDK v3 client exactly as a real app would call
 * Cognito: ListDevices page by page (Limit + PaginationToken), ForgetDevice, UpdateDeviceStatus. Every
 * failure is classified (lib/errors.ts) for the UI. Responses that arrive after a reload are dropped.
 */
export function useDevices({ client, accessToken, pageSize = DEFAULT_PAGE_SIZE }: UseDevicesOptions): UseDevices {
  const [state, setState] = useState<DevicesState>(initialState)
  /** Bumped by every reload: answers for an older generation are stale. */
  const generation = useRef(0)
  const abort = useRef<AbortController | null>(null)
  const nextToken = useRef<string | undefined>(undefined)
  const loadingMore = useRef(false)
  /** Where an un-remembered device stood, to put it back on Undo. */
  const removedAt = useRef(new Map<string, number>())
  const noticeRef = useRef<Notice | null>(null)
  noticeRef.current = state.notice

  const fetchPage = useCallback(
    async (paginationToken: string | undefined, signal: AbortSignal) => {
      const output = await client.send(
        new ListDevicesCommand({ AccessToken: accessToken, Limit: pageSize, ...(paginationToken ? { PaginationToken: paginationToken } : {}) }),
        { abortSignal: signal },
      )
      return { devices: (output.Devices ?? []).map(toDevice), next: output.PaginationToken }
    },
    [client, accessToken, pageSize],
  )

  /** A failure: blocking kinds replace the whole page, others go where `elsewhere` puts them. */
  const fail = useCallback((gen: number, error: unknown, elsewhere: (s: DevicesState, e: DeviceError) => DevicesState) => {
    if (gen !== generation.current) return
    const classified = classifyError(error)
    setState((s) => (blockingKinds.has(classified.kind) ? { ...s, status: 'error', error: classified, loadingMore: false, pending: {}, notice: null } : elsewhere(s, classified)))
  }, [])

  const reload = useCallback(() => {
    const gen = ++generation.current
    abort.current?.abort()
    const controller = new AbortController()
    abort.current = controller
    nextToken.current = undefined
    loadingMore.current = false
    removedAt.current.clear()
    setState(initialState)
    fetchPage(undefined, controller.signal).then(
      ({ devices, next }) => {
        if (gen !== generation.current) return
        nextToken.current = next
        setState((s) => ({ ...s, status: 'ready', devices, hasMore: next !== undefined }))
      },
      (error: unknown) => fail(gen, error, (s, e) => ({ ...s, status: 'error', error: e })),
    )
  }, [fetchPage, fail])

  useEffect(() => {
    reload()
    return () => abort.current?.abort()
  }, [reload])

  const loadMore = useCallback(() => {
    const token = nextToken.current
    if (token === undefined || loadingMore.current) return
    loadingMore.current = true
    const gen = generation.current
    setState((s) => ({ ...s, loadingMore: true, loadMoreError: null }))
    fetchPage(token, abort.current?.signal ?? new AbortController().signal).then(
      ({ devices, next }) => {
        if (gen !== generation.current) return
        loadingMore.current = false
        nextToken.current = next
        setState((s) => {
          const known = new Set(s.devices.map((d) => d.key))
          return { ...s, loadingMore: false, devices: [...s.devices, ...devices.filter((d) => !known.has(d.key))], hasMore: next !== undefined }
        })
      },
      (error: unknown) => {
        if (gen === generation.current) loadingMore.current = false
        fail(gen, error, (s, e) => ({ ...s, loadingMore: false, loadMoreError: e }))
      },
    )
  }, [fetchPage, fail])

  /** Runs one device action; `done` applies its success, failures are handled alike for every action. */
  const act = useCallback(
    (device: Device, action: 'forget' | 'unremember' | 'undo', call: () => Promise<unknown>, done: (s: DevicesState) => DevicesState) => {
      const gen = generation.current
      call().then(
        () => {
          if (gen === generation.current) setState(done)
        },
        (error: unknown) =>
          fail(gen, error, (s, e) => {
            const pending = without(s.pending, device.key)
            if (e.kind === 'not-found') {
              // Someone else forgot it (another tab, an admin): it is gone, and the list says so.
              return { ...s, pending, devices: s.devices.filter((d) => d.key !== device.key), notice: { kind: 'gone', device } }
            }
            return { ...s, pending, notice: { kind: 'action-failed', device, action, error: e } }
          }),
      )
    },
    [fail],
  )

  const forget = useCallback(
    (device: Device) => {
      setState((s) => ({ ...s, pending: { ...s.pending, [device.key]: 'forget' }, notice: null }))
      act(
        device,
        'forget',
        () => client.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: device.key })),
        (s) => ({ ...s, pending: without(s.pending, device.key), devices: s.devices.filter((d) => d.key !== device.key), notice: { kind: 'forgotten', device } }),
      )
    },
    [act, client, accessToken],
  )

  const unremember = useCallback(
    (device: Device) => {
      setState((s) => ({ ...s, pending: { ...s.pending, [device.key]: 'unremember' }, notice: null }))
      act(
        device,
        'unremember',
        () => client.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: device.key, DeviceRememberedStatus: 'not_remembered' })),
        (s) => {
          const index = s.devices.findIndex((d) => d.key === device.key)
          if (index >= 0) removedAt.current.set(device.key, index)
          return {
            ...s,
            pending: without(s.pending, device.key),
            // ListDevices only lists remembered devices: an un-remembered one leaves the list.
            devices: s.devices.filter((d) => d.key !== device.key),
            notice: { kind: 'unremembered', device: { ...device, status: 'not_remembered' } },
          }
        },
      )
    },
    [act, client, accessToken],
  )

  const undo = useCallback(() => {
    const notice = noticeRef.current
    const device = notice && (notice.kind === 'unremembered' || (notice.kind === 'action-failed' && notice.action === 'undo')) ? notice.device : undefined
    if (!device) return
    setState((s) => ({ ...s, notice: s.notice?.kind === 'unremembered' ? { ...s.notice, undoing: true } : s.notice?.kind === 'action-failed' ? { ...s.notice, retrying: true } : s.notice }))
    let restored: Device = { ...device, status: 'remembered' }
    act(
      device,
      'undo',
      async () => {
        await client.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }))
        // The status change moved DeviceLastModifiedDate: read the device back for its current dates.
        try {
          const { Device: fresh } = await client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: device.key }))
          if (fresh) restored = toDevice(fresh)
        } catch {
          // The undo itself worked; stale dates are better than a false failure.
        }
      },
      (s) => {
        const devices = s.devices.filter((d) => d.key !== device.key)
        const index = Math.min(removedAt.current.get(device.key) ?? devices.length, devices.length)
        removedAt.current.delete(device.key)
        devices.splice(index, 0, restored)
        return { ...s, devices, notice: { kind: 'restored', device: restored } }
      },
    )
  }, [act, client, accessToken])

  const retryAction = useCallback(() => {
    const notice = noticeRef.current
    if (notice?.kind !== 'action-failed') return
    if (notice.action === 'forget') forget(notice.device)
    else if (notice.action === 'unremember') unremember(notice.device)
    else undo()
  }, [forget, unremember, undo])

  const dismissNotice = useCallback(() => setState((s) => ({ ...s, notice: null })), [])

  return { ...state, reload, loadMore, forget, unremember, undo, retryAction, dismissNotice }
}
