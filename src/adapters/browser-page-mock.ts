import type { SetupWorker } from 'msw/browser'
import { CONTROL_KEYS, firstPoolId, readStartupSettings, scenarioControl } from '../handle/control.ts'
import { signInPage, type PageSignIn } from '../handle/page-sign-in.ts'
import type { CognitoMock } from '../handle/types.ts'
import { formatMessage } from '../lib/errors.ts'
import { nextTask } from '../lib/tasks.ts'
import { createCognitoMock } from '../mock.ts'
import { scenarioList } from '../scenarios/input.ts'
import type { StartCognitoWorkerOptions } from './browser-worker.ts'
import { persistMock, type Persistence } from './browser-persistence.ts'

/**
 * The page's mock, as `startCognitoWorker` makes it once the worker is registering: the options with what the URL
 * and `localStorage` say over them, the saved state restored (`persist`). Loaded as a chunk of its own (see
 * browser-worker.ts).
 *
 * @example
 * const { cognito } = (await import('./browser-page-mock.ts')).pageMock({ seed: 42, persist: true }, worker)
 */
export function pageMock(
  options: Omit<StartCognitoWorkerOptions, 'start' | 'exposeOnWindow'>,
  worker: SetupWorker,
): { cognito: CognitoMock; signIn: PageSignIn[]; restored: boolean } {
  const { readUrl = true, persist = false, ...mockOptions } = options
  let signIn: PageSignIn[] = []
  if (readUrl && typeof location !== 'undefined') {
    const settings = readStartupSettings(location.search, typeof localStorage === 'undefined' ? undefined : localStorage)
    if (settings.seed !== undefined) mockOptions.seed = settings.seed
    if (settings.world !== undefined) mockOptions.world = settings.world
    if (settings.scenarios.length > 0) mockOptions.scenario = scenarioList(settings.scenarios)
    signIn = settings.signIn
  }
  const cognito = createCognitoMock(mockOptions)
  let restored = false
  if (persist) {
    const persisted = persistMock(cognito, persist === true ? {} : persist)
    restored = persisted.restore()
    if (restored && mockOptions.log) console.info(formatMessage('persist: restored the state saved before this page load.'))
    savePersisted(worker, persisted)
  }
  // Each pool's signing key is made and imported on first use: do it while the worker activates, off the path
  // of the page's first token. It changes no state and draws nothing.
  for (const pool of cognito.pools.list()) void cognito.tokens.jwks(pool.id).catch(() => undefined)
  return { cognito, signIn, restored }
}

/**
 * The sign-ins the page asked for at start-up (`?cognito-sign-in=`, a test's `signInAs`, a storageState file),
 * before the app runs. The session is written to the app's storage once per tab: a reload after the app signed out
 * stays signed out. Each load signs in again in the mock, which starts from its seed every time, so the device
 * and refresh token the storage names exist again, drawn alike; a restored state (`persist`) has them already.
 *
 * @example
 * const { cognito, signIn, restored } = pageMock(options, worker)
 * await startSignedIn(cognito, signIn, restored)
 */
export async function startSignedIn(cognito: CognitoMock, signIn: PageSignIn[], restored: boolean): Promise<void> {
  if (signIn.length === 0) return
  const tab = typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  const asked = JSON.stringify(signIn)
  const written = tab?.getItem(CONTROL_KEYS.signedInKey) === asked
  if (written && restored) return
  for (const spec of signIn) {
    if (written) {
      const { username, poolId, storage: _storage, ...options } = spec
      await cognito.signInAs(poolId ?? firstPoolId(cognito, 'signIn'), username, options)
    } else {
      await signInPage(cognito, spec, globalThis)
    }
  }
  tab?.setItem(CONTROL_KEYS.signedInKey, asked)
}

/** The window control (`exposeOnWindow`): once the worker is active, so that a test that sees it can use the page. */
export function exposeControl(cognito: CognitoMock, exposeOnWindow: boolean | string): void {
  const name = typeof exposeOnWindow === 'string' ? exposeOnWindow : CONTROL_KEYS.windowName
  ;(globalThis as Record<string, unknown>)[name] = scenarioControl(cognito)
}

/**
 * Saves after mocked responses and, for changes made from code or the console, when the page is hidden or
 * unloaded (a reload fires `pagehide` first, and that save is immediate). After a response the save waits until
 * the page is idle (at most a second), so a burst of calls answered together is saved once.
 */
function savePersisted(worker: SetupWorker, persisted: Persistence): void {
  const save = () => persisted.save()
  let scheduled = false
  const saveSoon = () => {
    if (scheduled) return
    scheduled = true
    const run = () => {
      scheduled = false
      save()
    }
    // When the page is idle: a save snapshots the whole state (drawing any devices not drawn yet), and right after a
    // response it would stand between the answer and the app. A reload still saves first (pagehide, below).
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1_000 })
    else nextTask(run)
  }
  // msw 2 and 3 both emit it (their listeners' argument differs; it is not needed here).
  worker.events.on('response:mocked', saveSoon)
  if (typeof addEventListener === 'function') addEventListener('pagehide', save)
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') save()
    })
  }
}
