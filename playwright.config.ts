import { defineConfig, devices } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/support/chromium.ts'

/**
 * End-to-end tests of the demo app (e2e/app) through the library's own Playwright fixture
 * (`cognito-device-mock/playwright`, imported from src/ by the specs).
 *
 *   npm run test:e2e                        # playwright test (builds and serves the demo itself)
 *   npm run test:e2e -- e2e/presets.spec.ts # one file
 *
 * - Browser: Debian's Chromium (`/usr/bin/chromium`, installed by .ci/run); Playwright cannot download
 *   browsers here. Without it, Playwright's own Chromium if `npx playwright install chromium` put one there.
 * - Servers: `npm run build:demo && npm run preview:demo` on http://127.0.0.1:4173 (project `chromium`, the
 *   demo app), and `npm run storybook:static && npm run serve:static -- storybook-static 6006` (project
 *   `storybook`, e2e/storybook.spec.ts). Outside CI a server already listening is reused: it serves ITS
 *   build, so rebuild after changing the app, the stories or the library.
 * - retries: 0. A test that needs a retry is a bug to fix at its root, not to hide.
 * - 2 workers at most: the machine has 2 cores, and each worker drives a Chromium that runs the app, its
 *   service worker and the mock.
 * - Failure artefacts (screenshot, trace) go to test-results/ (gitignored).
 */

const CI = Boolean(process.env.CI)
const PORT = 4173
const baseURL = `http://127.0.0.1:${PORT}`
/** The static Storybook build, served by scripts/serve-static.mjs (the Storybook project's server). */
const STORYBOOK_PORT = 6006
const STORYBOOK_URL = `http://127.0.0.1:${STORYBOOK_PORT}/index.json`

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  testIgnore: ['app/**', 'support/**'],
  outputDir: 'test-results',
  // Writes the storageState file of Playwright's authentication recipe (e2e/signed-in.spec.ts).
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  // Each test boots the app: worker registration, world seeding and RSA key derivation take 1–4 s under load.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    // Screencast frames cost more than the test itself on a 2-core machine without GPU: DOM snapshots,
    // network and console are what a failure needs.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    // Dates are rendered in UTC by the app; the locale and time zone are fixed anyway so nothing else varies.
    locale: 'en-GB',
    timezoneId: 'UTC',
  },
  projects: [
    {
      name: 'chromium',
      // A project's testIgnore replaces the top-level one.
      testIgnore: ['app/**', 'support/**', 'storybook.spec.ts'],
      use: {
        ...devices['Desktop Chrome'],
        // Debian's /usr/bin/chromium, else Playwright's own (e2e/support/chromium.ts).
        launchOptions: chromiumLaunchOptions(),
      },
    },
    {
      // The built Storybook (e2e/storybook.spec.ts uses absolute URLs on port 6006).
      name: 'storybook',
      testMatch: 'storybook.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
  // Started one after the other (both builds run `npm run demo:worker`; they must not race on its file).
  webServer: [
    {
      command: 'npm run build:demo && npm run preview:demo',
      url: baseURL,
      reuseExistingServer: !CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npm run storybook:static && npm run serve:static -- storybook-static ${STORYBOOK_PORT}`,
      url: STORYBOOK_URL,
      reuseExistingServer: !CI,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
