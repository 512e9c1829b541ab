import type { Meta, StoryObj } from '@storybook/react-vite'
import { cognitoStory } from 'cognito-device-mock/storybook'
import { expect, waitFor, within } from 'storybook/test'
import { MockedAmplify } from './MockedAmplify.tsx'
import { DEMO_MFA_COGNITO } from './worlds.ts'

/**
 * The demo's Amplify page, started signed in with `parameters.cognito.signedInAs`: the story's mock signs its
 * user in and writes the session where Amplify reads it (sessionStorage, as the demo configures Amplify), so the
 * page renders the signed-in device list with no sign-in call; the render's cleanup removes the session again.
 */

const meta = {
  title: 'Demo/Amplify sign-in/Signed in',
  parameters: { layout: 'fullscreen' },
  render: (_args, { loaded }) => <MockedAmplify story={cognitoStory(loaded)} storage="session" />,
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const WAIT = { timeout: 20_000 }

/** On a remembered device: the list marks it "This device", and the mock saw one call, ListDevices. */
export const OnRememberedDevice: Story = {
  parameters: { cognito: { ...DEMO_MFA_COGNITO, signedInAs: { device: 'remembered', storage: 'sessionStorage' } } },
  play: async ({ canvasElement, loaded }) => {
    const story = cognitoStory(loaded)
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('username')).toHaveTextContent(story.username), WAIT)
    await waitFor(() => expect(canvas.getByTestId('current-device-state')).toHaveTextContent('remembered'), WAIT)
    await expect(canvas.getByTestId('current-device-key')).toHaveTextContent(story.session!.device!.key)
    await expect(story.mock.requests.list().map((r) => r.operation)).toEqual(['ListDevices'])
  },
}

/** Without a device: signed in all the same; this browser is not among the user's devices yet. */
export const WithoutDevice: Story = {
  parameters: { cognito: { ...DEMO_MFA_COGNITO, signedInAs: { storage: 'sessionStorage' } } },
  play: async ({ canvasElement, loaded }) => {
    const story = cognitoStory(loaded)
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('username')).toHaveTextContent(story.username), WAIT)
    await expect(story.session!.device).toBeUndefined()
  },
}
