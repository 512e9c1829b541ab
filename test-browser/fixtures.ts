import { test as base } from 'vitest'
import { startCognitoWorker } from 'cognito-device-mock/browser'
import type { CognitoMock, WorldOptions } from 'cognito-device-mock'

/**
 * The Vitest browser-mode fixture (MSW's recipe, https://mswjs.io/docs/recipes/vitest-browser-mode, with the
 * library's worker): one service worker and one mock per test file, started from inside the test's page, and a
 * fresh mock state for every test.
 *
 * - `cognitoWorker` (file scope): `startCognitoWorker` registers /mockServiceWorker.js (served by the config:
 *   vitest.browser.config.ts) and seeds the world. It is never stopped: a `worker.stop()` at the end of the file
 *   left requests pending (mswjs/msw#2515), and the page goes away with the file anyway.
 * - `cognito` (every test, automatic): the same mock, `reset()` to the seeded world, no scenario, an empty request
 *   log, so each test starts alike whatever ran before it.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The msw major this project runs (vitest.browser.config.ts `provide`). */
    mswMajor: 2 | 3
  }
}

export const PASSWORD = 'Vitest-Secret-1!'

/** One pool that remembers every device, a public app client with a fixed id, Ada with three named devices. */
export const world: WorldOptions = {
  pools: [
    {
      name: 'Vitest',
      deviceRemembering: 'always',
      mfa: 'off',
      clients: [{ clientId: 'vitest_web', clientSecret: false }],
      users: [
        {
          username: 'ada.kim',
          password: PASSWORD,
          devices: [
            { name: 'Ada’s MacBook', remembered: true },
            { name: 'Ada’s Pixel 9', remembered: true },
            { name: 'Library kiosk', remembered: false },
          ],
        },
        2,
      ],
    },
  ],
}

/** What ListDevices shows Ada: her remembered devices only (docs/WIRE.md §5), not the kiosk. */
export const LISTED_DEVICE_NAMES = ['Ada’s MacBook', 'Ada’s Pixel 9']

export const test = base
  // { worker, cognito }: MSW's worker and the mock it answers with.
  .extend('cognitoWorker', { scope: 'file' }, async () => startCognitoWorker({ seed: 42, world }))
  .extend('cognito', { auto: true }, async ({ cognitoWorker }) => {
    cognitoWorker.cognito.reset()
    return cognitoWorker.cognito
  })

export type { CognitoMock }
