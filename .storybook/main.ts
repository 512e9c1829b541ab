import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'
import react from '@vitejs/plugin-react'
import { mergeConfig } from 'vite'

/**
 * Storybook for the demo app's device list (e2e/app), on the library's source.
 *
 * - Stories live next to the demo: e2e/app/src/stories/*.stories.tsx.
 * - `cognito-device-mock`, `/browser` and `/storybook` resolve to src/, as in e2e/app/vite.config.ts: stories
 *   always run the current code, never a build in dist/.
 * - The MSW worker script is served from e2e/app/public (staticDirs), where `npm run demo:worker` writes it
 *   with the installed msw's own CLI (`npm run storybook` and `npm run build-storybook` run it first).
 * - Offline: no telemetry, no crash reports, no "what's new" fetch, no version check (the scripts pass
 *   --no-version-updates to `storybook dev`).
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

const config: StorybookConfig = {
  stories: ['../e2e/app/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  staticDirs: ['../e2e/app/public'],
  core: {
    disableTelemetry: true,
    enableCrashReports: false,
    disableWhatsNewNotifications: true,
  },
  typescript: {
    // react-docgen (the default) reads the components' props for the docs pages without a TS program.
    reactDocgen: 'react-docgen',
  },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      plugins: [react()],
      resolve: {
        alias: [
          { find: /^cognito-device-mock\/browser$/, replacement: here('../src/browser.ts') },
          { find: /^cognito-device-mock\/storybook$/, replacement: here('../src/storybook.ts') },
          { find: /^cognito-device-mock$/, replacement: here('../src/index.ts') },
        ],
      },
      server: { fs: { allow: [here('..')] } },
      build: {
        // The SDK and the mock are large by nature; this is a demo, not a production bundle.
        chunkSizeWarningLimit: 4000,
      },
    })
  },
}

export default config
