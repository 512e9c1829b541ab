import type { Meta, StoryObj } from '@storybook/react-vite'
import { presets } from 'cognito-device-mock'
import { cognitoStory } from 'cognito-device-mock/storybook'
import { compactInDocs, MockedDevices } from './MockedDevices.tsx'
import { DEMO_COGNITO } from './worlds.ts'

/**
 * One story per preset of src/scenarios/presets.ts, each on the real data path: useDevices → AWS SDK v3 →
 * service worker → this story render's own mock. The docs page renders them all at once, side by side, each
 * in its own world (e2e/storybook.spec.ts checks both).
 */

interface Args {
  pageSize: number
}

const meta = {
  title: 'Demo/Devices (mock)/Presets',
  tags: ['autodocs'],
  args: { pageSize: 10 },
  argTypes: { pageSize: { control: { type: 'number', min: 1, max: 60 }, description: 'ListDevices `Limit`' } },
  parameters: {
    cognito: DEMO_COGNITO,
    docs: {
      description: {
        component:
          'The device list under every preset of `cognito-device-mock`. Each story names its preset in one line, ' +
          "`parameters: { cognito: { scenario: 'throttled' } }`, on top of the demo's world given by the component " +
          '(`{ seed: 42, world }`). Each render gets its own mock at its own endpoint, so the stories below do not share rules or state.',
      },
    },
  },
  decorators: [compactInDocs],
  render: (args, { loaded }) => <MockedDevices story={cognitoStory(loaded)} pageSize={args.pageSize} />,
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

/** A story for a preset: its scenario in `parameters.cognito`, its description and expected UI in the docs. */
function preset(name: string): Story {
  const scenario = presets.find((p) => p.name === name)
  if (!scenario) throw new Error(`No preset "${name}" in cognito-device-mock's presets.`)
  return {
    parameters: {
      cognito: { scenario: name },
      docs: { description: { story: `\`${name}\`: ${scenario.description ?? ''} **UI:** ${scenario.ui ?? ''}` } },
    },
  }
}

export const HappyPath = preset('happy-path')
export const NoDevices = preset('no-devices')
export const ManyDevices = preset('many-devices')
export const Throttled = preset('throttled')
export const ThrottledThenOk = preset('throttled-then-ok')
export const AccessTokenExpired = preset('access-token-expired')
export const TokenRevoked = preset('token-revoked')
export const MissingScope = preset('missing-scope')
export const DeviceNotFound = preset('device-not-found')
export const InternalError = preset('internal-error')
export const WafBlocked = preset('waf-blocked')
export const PasswordResetRequired = preset('password-reset-required')
export const UserNotConfirmed = preset('user-not-confirmed')
export const UserPoolMisconfigured = preset('user-pool-misconfigured')
export const SlowNetwork = preset('slow-network')
export const Offline = preset('offline')
export const Flaky = preset('flaky')
