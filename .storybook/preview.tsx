import type { Preview } from '@storybook/react-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { cognitoCleanup, cognitoLoader, startStorybookWorker } from 'cognito-device-mock/storybook'
import '../e2e/app/src/styles.css'

/**
 * Every story may pick its Cognito world with `parameters: { cognito: { seed, scenario, rules, world } }`.
 *
 * - msw-storybook-addon 3 (`mswLoader`) starts ONE worker for the preview, with the stable handlers of
 *   cognito-device-mock/storybook as its initial handlers (the addon's reset between stories keeps them),
 *   unrelated requests bypassing it. (The addon's 2.x `initialize()` is this setup function in 3.x.)
 * - `cognitoLoader` makes a mock of its own for each story render and puts `{ mock, endpoint, region,
 *   poolId, username, accessToken }` in `loaded.cognito`; `cognitoCleanup` unregisters it when the render
 *   is torn down. See decisions/0009-storybook-isolation.md.
 */
const preview: Preview = {
  loaders: [mswLoader(() => startStorybookWorker()), cognitoLoader],
  beforeEach: [cognitoCleanup],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
}

export default preview
