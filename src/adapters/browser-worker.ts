import { setupWorker, type SetupWorker } from 'msw/browser'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions } from '../mock.ts'

export type StartCognitoWorkerOptions = Parameters<SetupWorker['start']>[0]

/**
 * Starts MSW's service worker with the mock's handlers. Unrelated requests pass through untouched; every
 * Cognito request is answered by the mock and never reaches AWS. Needs `mockServiceWorker.js` at the site
 * root (`npx msw init public/`).
 *
 * @example
 * import { startCognitoWorker } from 'cognito-device-mock/browser'
 *
 * const { cognito } = await startCognitoWorker({ seed: 42 })
 * const [pool] = cognito.pools.list()
 */
export async function startCognitoWorker(
  mockOrOptions: CognitoMock | CognitoMockOptions = {},
  startOptions: StartCognitoWorkerOptions = {},
): Promise<{ worker: SetupWorker; cognito: CognitoMock }> {
  const cognito = 'handlers' in mockOrOptions ? mockOrOptions : createCognitoMock(mockOrOptions)
  const worker = setupWorker(...cognito.handlers)
  // msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest: both are given so either major works.
  await worker.start({ onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass', quiet: true, ...startOptions } as StartCognitoWorkerOptions)
  return { worker, cognito }
}
