/**
 * Playwright's authentication recipe with the mock: once per run, write a storageState file whose pages start
 * signed in (e2e/signed-in.spec.ts uses it). The app's own mock signs the user in as it starts, so the tokens
 * are ones it accepts and the device one whose secret it keeps.
 */
import { cognitoStorageState } from '../../src/playwright.ts'
import { DEMO, SIGNED_IN_STATE } from './app.ts'

export default async function globalSetup(): Promise<void> {
  await cognitoStorageState({
    origin: 'http://127.0.0.1:4173',
    seed: DEMO.seed,
    // The demo keeps Amplify's session in sessionStorage (per tab, as its mock's state).
    signIn: { username: DEMO.username, device: 'remembered', storage: 'sessionStorage' },
    path: SIGNED_IN_STATE,
  })
}
