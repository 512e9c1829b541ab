import { setupWorker, type SetupWorker } from 'msw/browser'
import { cognitoHandlers } from '../handle/msw-handlers.ts'
import type { CognitoMock, CognitoMockOptions } from '../handle/types.ts'
import type { PersistOptions } from './browser-persistence.ts'
import { nextTask } from '../lib/tasks.ts'

export type WorkerStartOptions = NonNullable<Parameters<SetupWorker['start']>[0]>

export interface StartCognitoWorkerOptions extends CognitoMockOptions {
  /** Options for MSW's `worker.start()` (default: unrelated requests bypass, quiet). */
  start?: WorkerStartOptions
  /**
   * Read `?cognito-scenario=…&cognito-seed=…&cognito-world=…&cognito-sign-in=…` and
   * `localStorage["cognito-device-mock"]` at start-up (default true). A sign-in asked for there (`cognito-sign-in=ada`,
   * a Playwright test's `signInAs`, a storageState file) is made by this mock and written to the app's storage,
   * once per tab, before `startCognitoWorker` resolves (README "Start signed in"). They win over `scenario`, `seed` and `world` given here: a world from there (JSON,
   * what a Playwright test's `cognitoWorld` writes) replaces this `world` whole, factories included, so the test
   * sees exactly the world it described; `faker` (the locale) stays this one.
   */
  readUrl?: boolean
  /**
   * Put a control surface on `window` (off by default): `true` for `window.__cognitoDeviceMock`, or a
   * name of your own. A Playwright test or the console can then switch scenarios without reloading.
   */
  exposeOnWindow?: boolean | string
  /**
   * Keep the mock's state across page reloads (off by default). With `true`, the state (devices, users, pending
   * device keys, issued and revoked tokens, sign-in sessions, the clock and the seeded streams' positions) is
   * saved in `sessionStorage` after every answered Cognito request and when the page is hidden, and restored
   * at the next start of the same tab: a device forgotten before a reload stays forgotten. Per tab: a new tab or
   * browser context starts from the seed.
   *
   * A saved state is used only if this library version saved it for the same seed and world options (`seed`,
   * `now`, `region`, `accountId`, `clock`, the `world` description with its factories' source text, and the
   * `faker` locale); otherwise the mock starts from the seed as usual, so `?cognito-seed=7` starts fresh.
   * `cognito.reset()` removes the saved state. Scenarios and the request log are not saved: they come from the
   * URL, `localStorage` and these options at every start. If the storage is full, one `[cognito-device-mock]`
   * warning says so and the mock goes on without the saved state.
   *
   * An object chooses the storage and its key: `{ storage: localStorage }` keeps the state across tabs and
   * browser restarts; the default key is `"cognito-device-mock:state"`.
   *
   * @example
   * // Forgotten devices stay forgotten across reloads during a dev session.
   * await startCognitoWorker({ seed: 42, persist: true })
   * // Across tabs and restarts, under a key of your own:
   * await startCognitoWorker({ seed: 42, persist: { storage: localStorage, key: 'my-app:cognito' } })
   */
  persist?: boolean | PersistOptions
}

/**
 * Starts MSW's service worker with the mock's handlers. Unrelated requests pass through untouched; every
 * Cognito request is answered by the mock and never reaches AWS. Needs `mockServiceWorker.js` at the site
 * root (`npx msw init public/`).
 *
 * @example
 * import { startCognitoWorker } from 'cognito-device-mock/browser'
 *
 * // ?cognito-scenario=throttled selects a preset; exposeOnWindow lets tests switch at runtime.
 * const { cognito } = await startCognitoWorker({ seed: 42, exposeOnWindow: import.meta.env.DEV })
 */
export async function startCognitoWorker(
  options: StartCognitoWorkerOptions | CognitoMock = {},
): Promise<{ worker: SetupWorker; cognito: CognitoMock }> {
  // msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest: both are given so either major works.
  const startWorker = (worker: SetupWorker, start: WorkerStartOptions = {}) =>
    worker.start({ onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass', quiet: true, ...start } as WorkerStartOptions)

  if ('handlers' in options) {
    const worker = setupWorker(...options.handlers)
    await startWorker(worker)
    return { worker, cognito: options }
  }
  const { start, exposeOnWindow = false, ...pageOptions } = options
  // The rest of the library (its state, operations, faker, jose, the window control) is a chunk of its own,
  // fetched and evaluated while the worker registers: most of a page's start-up is evaluating code, and this way
  // the two overlap. The handlers reach the mock through a promise, so nothing is answered before it is ready.
  const loading = import('./browser-page-mock.ts')
  let ready!: (mock: CognitoMock) => void
  const mock = new Promise<CognitoMock>((resolve) => (ready = resolve))
  const worker = setupWorker(...cognitoHandlers(options.endpoints, async (request) => (await mock).handle(request)))
  const started = startWorker(worker, start)
  await registrationUnderWay()
  let cognito: CognitoMock
  try {
    const page = (await loading).pageMock(pageOptions, worker)
    cognito = page.cognito
    // Before the mock answers and before this resolves, so an app that awaits it reads a signed-in storage.
    await (await loading).startSignedIn(cognito, page.signIn, page.restored)
  } catch (error) {
    // Bad options: no worker may stay behind answering with a mock that does not exist.
    void started.then(() => worker.stop(), () => undefined)
    throw error
  }
  ready(cognito)
  await started
  if (exposeOnWindow) (await loading).exposeControl(cognito, exposeOnWindow)
  return { worker, cognito }
}

/**
 * Resolves once MSW has most likely asked the browser to register its worker. `worker.start()` first lists the
 * existing registrations and only then registers; seeding the world at once would hold this thread before that
 * request goes out, and the two would run one after the other instead of side by side. Only speed depends on
 * this: the handlers wait for the mock whatever the order.
 */
async function registrationUnderWay(): Promise<void> {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker
  if (!container) return
  await container.getRegistrations().catch(() => undefined)
  await new Promise<void>((resolve) => nextTask(resolve))
}
