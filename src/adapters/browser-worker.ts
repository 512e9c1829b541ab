import { setupWorker, type SetupWorker } from 'msw/browser'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions } from '../mock.ts'
import { CONTROL_KEYS, readStartupSettings, scenarioControl } from '../scenarios/control.ts'

export type WorkerStartOptions = NonNullable<Parameters<SetupWorker['start']>[0]>

export interface StartCognitoWorkerOptions extends CognitoMockOptions {
  /** Options for MSW's `worker.start()` (default: unrelated requests bypass, quiet). */
  start?: WorkerStartOptions
  /**
   * Read `?cognito-scenario=…&cognito-seed=…` and `localStorage["cognito-device-mock"]` at start-up
   * (default true). They win over `scenario` and `seed` given here.
   */
  readUrl?: boolean
  /**
   * Put a control surface on `window` (off by default): `true` for `window.__cognitoDeviceMock`, or a
   * name of your own. A Playwright test or the console can then switch scenarios without reloading.
   */
  exposeOnWindow?: boolean | string
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
  let cognito: CognitoMock
  let exposeOnWindow: boolean | string = false
  let start: WorkerStartOptions = {}
  if ('handlers' in options) cognito = options
  else {
    const { start: startOptions, readUrl = true, exposeOnWindow: expose = false, ...mockOptions } = options
    exposeOnWindow = expose
    start = startOptions ?? {}
    if (readUrl && typeof location !== 'undefined') {
      const settings = readStartupSettings(location.search, typeof localStorage === 'undefined' ? undefined : localStorage)
      if (settings.seed !== undefined) mockOptions.seed = settings.seed
      if (settings.scenarios.length > 0) mockOptions.scenario = settings.scenarios as (string | never)[]
    }
    cognito = createCognitoMock(mockOptions)
  }
  const worker = setupWorker(...cognito.handlers)
  // msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest: both are given so either major works.
  await worker.start({ onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass', quiet: true, ...start } as WorkerStartOptions)
  if (exposeOnWindow) {
    const name = typeof exposeOnWindow === 'string' ? exposeOnWindow : CONTROL_KEYS.windowName
    ;(globalThis as Record<string, unknown>)[name] = scenarioControl(cognito)
  }
  return { worker, cognito }
}
