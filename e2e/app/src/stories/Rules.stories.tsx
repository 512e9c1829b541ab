import type { Meta, StoryObj } from '@storybook/react-vite'
import { cognitoStory, type CognitoStoryParameters } from 'cognito-device-mock/storybook'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { compactInDocs, MockedDevices } from './MockedDevices.tsx'
import { BROKEN_DEVICE_KEY, DEMO_COGNITO, SMALL_WORLD } from './worlds.ts'

/**
 * Stories whose world is scripted with JSON rules (`parameters.cognito.rules`) rather than a preset, with the
 * mock's request log under the list. Play functions drive them and check what the mock answered.
 */

interface Args {
  pageSize: number
  maxAttempts: number
}

const meta = {
  title: 'Demo/Devices (mock)/Rules',
  tags: ['autodocs'],
  args: { pageSize: 10, maxAttempts: 3 },
  argTypes: {
    pageSize: { control: { type: 'number', min: 1, max: 60 }, description: 'ListDevices `Limit`' },
    maxAttempts: { control: { type: 'number', min: 1, max: 5 }, description: "The SDK client's attempts per call" },
  },
  parameters: { cognito: DEMO_COGNITO },
  decorators: [compactInDocs],
  render: (args, { loaded }) => <MockedDevices story={cognitoStory(loaded)} pageSize={args.pageSize} maxAttempts={args.maxAttempts} showRequests />,
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

const throttleTwice = [{ error: 'TooManyRequestsException' }, { error: 'TooManyRequestsException' }, 'real'] as const

/** ListDevices is throttled twice, then answered: the SDK's retries (3 attempts) hide it, the list loads. */
export const ThrottleTwiceThenSucceed: Story = {
  parameters: { cognito: { rules: [{ name: 'throttle twice', operations: 'ListDevices', sequence: throttleTwice }] } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('devices')).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 })
    const { mock } = cognitoStory(loaded)
    await expect(mock.requests.list().map((r) => r.errorType ?? r.status)).toEqual(['TooManyRequestsException', 'TooManyRequestsException', 200])
  },
}

/** The same rule with a client that does not retry: each failure shows, "Try again" twice reaches the list. */
export const ThrottleTwiceWithoutRetries: Story = {
  args: { maxAttempts: 1 },
  parameters: { cognito: { rules: [{ name: 'throttle twice', operations: 'ListDevices', sequence: throttleTwice }] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    for (let attempt = 0; attempt < 2; attempt++) {
      await userEvent.click(await canvas.findByTestId('retry', {}, { timeout: 10_000 }))
    }
    await waitFor(() => expect(canvas.getByTestId('devices')).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 })
  },
}

/** One device's ForgetDevice answers InternalErrorException; forgetting any other device works. */
export const OneDeviceForgetFails: Story = {
  parameters: {
    cognito: {
      world: SMALL_WORLD,
      setup(cognito) {
        const pool = cognito.pools.list()[0]!
        const user = cognito.users.list(pool.id)[0]!
        cognito.devices.create(pool.id, user.username, {
          key: BROKEN_DEVICE_KEY,
          name: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
          rememberedStatus: 'remembered',
          lastIp: '198.51.100.200',
        })
      },
      rules: [{ name: 'forget fails', operations: 'ForgetDevice', deviceKey: BROKEN_DEVICE_KEY, answer: { error: 'InternalErrorException' } }],
    } satisfies CognitoStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const row = (key: string) => canvasElement.querySelector<HTMLElement>(`[data-testid="device-item"][data-device-key="${key}"]`)
    await waitFor(() => expect(row(BROKEN_DEVICE_KEY)).not.toBeNull(), { timeout: 10_000 })
    await userEvent.click(within(row(BROKEN_DEVICE_KEY)!).getByTestId('device-forget'))
    await waitFor(() => expect(canvas.getByTestId('notice')).toHaveAttribute('data-kind', 'action-failed'), { timeout: 10_000 })
    await expect(row(BROKEN_DEVICE_KEY)).not.toBeNull()

    const other = canvasElement.querySelector<HTMLElement>(`[data-testid="device-item"]:not([data-device-key="${BROKEN_DEVICE_KEY}"])`)!
    const otherKey = other.dataset.deviceKey!
    await userEvent.click(within(other).getByTestId('device-forget'))
    await waitFor(() => expect(canvas.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten'), { timeout: 10_000 })
    await expect(row(otherKey)).toBeNull()
  },
}

/** The first page loads, then "Load more" fails (every attempt) once; "Try again" gets the second page. */
export const LoadMoreFailsOnce: Story = {
  parameters: {
    cognito: {
      // Exactly two pages (10 + 4), whatever the seed draws: the first user is described, the rest drawn.
      world: { pools: [{ deviceRemembering: 'always', users: [{ devices: 14 }, 4] }] },
      rules: [
        {
          name: 'second page fails',
          operations: 'ListDevices',
          sequence: ['real', { error: 'InternalErrorException' }, { error: 'InternalErrorException' }, { error: 'InternalErrorException' }],
        },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByTestId('load-more', {}, { timeout: 10_000 }))
    await userEvent.click(await canvas.findByTestId('load-more-retry', {}, { timeout: 10_000 }))
    await canvas.findByTestId('list-end', {}, { timeout: 10_000 })
  },
}

/** Another seed, another world: a different user and devices, with no rule at all. */
export const Seed7: Story = {
  parameters: { cognito: { seed: 7 } },
}
