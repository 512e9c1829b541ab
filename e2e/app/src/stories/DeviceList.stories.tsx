import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { DeviceList } from '../components/DeviceList.tsx'
import { sampleDevices, sampleErrors } from '../lib/fixtures.ts'

/**
 * DeviceList alone, every state from props and the fixtures of lib/fixtures.ts: no SDK, no mock, no network
 * (these stories have no `parameters.cognito`). The stories under "Devices (mock)" render the same component
 * on the real data path.
 */
const meta = {
  title: 'Demo/DeviceList',
  component: DeviceList,
  tags: ['autodocs'],
  args: {
    devices: sampleDevices,
    loading: false,
    poolId: 'us-east-1_Ab12Cd34E',
    onRetry: fn(),
    onLoadMore: fn(),
    onForget: fn(),
    onUnremember: fn(),
    onUndo: fn(),
    onRetryAction: fn(),
    onDismissNotice: fn(),
    onSignInAgain: fn(),
  },
  decorators: [
    (Story) => (
      <section className="card" style={{ maxWidth: '56rem' }}>
        <Story />
      </section>
    ),
  ],
} satisfies Meta<typeof DeviceList>

export default meta
type Story = StoryObj<typeof meta>

const [first, second] = sampleDevices as [(typeof sampleDevices)[number], (typeof sampleDevices)[number]]

// --- The list --------------------------------------------------------------------------------------------

export const Ready: Story = {}
export const Loading: Story = { args: { devices: [], loading: true } }
export const Empty: Story = { args: { devices: [] } }
export const MoreToLoad: Story = { args: { hasMore: true } }
export const LoadingMore: Story = { args: { hasMore: true, loadingMore: true } }
export const LoadMoreFailed: Story = { args: { hasMore: true, loadMoreError: sampleErrors.throttled } }
export const ActionsInFlight: Story = { args: { pending: { [first.key]: 'forget', [second.key]: 'unremember' } } }

// --- After an action -------------------------------------------------------------------------------------

export const Forgotten: Story = { args: { devices: sampleDevices.slice(1), notice: { kind: 'forgotten', device: first } } }
export const Unremembered: Story = { args: { devices: sampleDevices.slice(1), notice: { kind: 'unremembered', device: { ...first, status: 'not_remembered' } } } }
export const Restored: Story = { args: { notice: { kind: 'restored', device: first } } }
export const Gone: Story = { args: { devices: sampleDevices.slice(1), notice: { kind: 'gone', device: first } } }
export const ActionFailed: Story = { args: { notice: { kind: 'action-failed', device: first, action: 'forget', error: sampleErrors.internal } } }

// --- Instead of the list ---------------------------------------------------------------------------------

export const Throttled: Story = { args: { devices: [], error: sampleErrors.throttled } }
export const SessionExpired: Story = { args: { devices: [], error: sampleErrors.session } }
export const SessionRevoked: Story = {
  args: { devices: [], error: { kind: 'session', reason: 'revoked', name: 'NotAuthorizedException', message: 'Access Token has been revoked' } },
}
export const MissingScope: Story = {
  args: { devices: [], error: { kind: 'session', reason: 'missing-scope', name: 'NotAuthorizedException', message: 'Access Token does not have required scopes' } },
}
export const Offline: Story = { args: { devices: [], error: sampleErrors.offline } }
export const Blocked: Story = { args: { devices: [], error: sampleErrors.blocked } }
export const Internal: Story = { args: { devices: [], error: sampleErrors.internal } }
export const PasswordReset: Story = { args: { devices: [], error: sampleErrors['password-reset'] } }
export const NotConfirmed: Story = { args: { devices: [], error: sampleErrors['not-confirmed'] } }
export const Misconfigured: Story = { args: { devices: [], error: sampleErrors.config } }
export const Unknown: Story = { args: { devices: [], error: sampleErrors.unknown } }
