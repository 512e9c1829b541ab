import type { Meta, StoryObj } from '@storybook/react-vite'
import { cognitoStory } from 'cognito-device-mock/storybook'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { MockedAmplify } from './MockedAmplify.tsx'
import { DEMO_MFA_COGNITO } from './worlds.ts'

/**
 * Every screen of the Amplify sign-in with MFA, each reached by a real sign-in: the play function types what a
 * person would (the credentials the panel offers, a code the story's mock gives) into the unmodified Amplify
 * v6, answered offline by this render's own mock. `parameters.cognito` picks the world: the demo's (MFA on, an
 * authenticator for the first user) or a preset's (`mfa-sms`, `mfa-email`, `mfa-select`,
 * `mfa-setup-required`, `new-password-required`). e2e/storybook.spec.ts checks each ends on its screen.
 */

const meta = {
  title: 'Demo/Amplify sign-in/MFA',
  parameters: {
    cognito: DEMO_MFA_COGNITO,
    layout: 'fullscreen',
  },
  render: (_args, { loaded }) => <MockedAmplify story={cognitoStory(loaded)} />,
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

type PlayContext = Parameters<NonNullable<Story['play']>>[0]

const WAIT = { timeout: 20_000 }

/** Signs in with the first seeded user's credentials, filled in by the dev panel's "Fill". */
async function signIn({ canvasElement }: PlayContext): Promise<void> {
  const canvas = within(canvasElement)
  const panel = within(await canvas.findByTestId('signin-helper', undefined, WAIT))
  // The panel reads the seeded users from the story's mock once it has rendered.
  await waitFor(() => expect(panel.getByTestId('panel-username')).not.toHaveTextContent('—'), WAIT)
  await userEvent.click(panel.getByRole('button', { name: 'Fill' }))
  await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
}

/** Waits for the MFA screen `step` (`data-step`) and returns it. */
async function reach({ canvasElement }: PlayContext, step: string): Promise<HTMLElement> {
  const canvas = within(canvasElement)
  await waitFor(() => expect(canvas.getByTestId('mfa-step')).toHaveAttribute('data-step', step), WAIT)
  return canvas.getByTestId('mfa-step')
}

/** The story's own mock and who signs in. */
function storyOf(context: PlayContext) {
  const story = cognitoStory(context.loaded)
  return { ...story, code: () => story.mock.users.totpCode(story.poolId, story.username) }
}

/** The first user has an authenticator: the 6-digit code step, the current code in the panel. */
export const TotpCode: Story = {
  play: async (context) => {
    await signIn(context)
    await reach(context, 'totp-code')
    await within(context.canvasElement).findByTestId('panel-code', undefined, WAIT)
  },
}

/** `mfa-sms`: the code was texted to a masked number; the panel shows the outbox's last SMS. */
export const SmsCode: Story = {
  parameters: { cognito: { scenario: 'mfa-sms' } },
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'sms-code')
    await expect(within(screen).getByTestId('mfa-destination')).toHaveTextContent(/^\+\*+\d{4}$/)
  },
}

/** `mfa-email`: an 8-digit code to a masked address. */
export const EmailCode: Story = {
  parameters: { cognito: { scenario: 'mfa-email' } },
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'email-code')
    await expect(within(screen).getByTestId('mfa-destination')).toHaveTextContent(/\*\*\*@/)
  },
}

/** `mfa-select`: SMS and an authenticator, no preference: which one now (SELECT_MFA_TYPE). */
export const Selection: Story = {
  parameters: { cognito: { scenario: 'mfa-select' } },
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'select')
    await expect(within(screen).getAllByTestId('mfa-option')).toHaveLength(2)
  },
}

/** `mfa-setup-required`: no factor yet: the authenticator's setup key, then a code (MFA_SETUP). */
export const TotpSetup: Story = {
  parameters: { cognito: { scenario: 'mfa-setup-required' } },
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'totp-setup')
    await expect(within(screen).getByTestId('totp-secret').getAttribute('data-secret')).toMatch(/^[A-Z2-7]{16,}$/)
  },
}

/** `new-password-required`: an account made by an administrator: choose a password (NEW_PASSWORD_REQUIRED). */
export const NewPasswordRequired: Story = {
  parameters: { cognito: { scenario: 'new-password-required' } },
  play: async (context) => {
    await signIn(context)
    await reach(context, 'new-password')
  },
}

/** The right code: signed in on a new device, "Remember this device?". */
export const RememberDevice: Story = {
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'totp-code')
    await userEvent.type(within(screen).getByLabelText('Authenticator code'), storyOf(context).code())
    await userEvent.click(within(screen).getByRole('button', { name: 'Verify' }))
    await within(context.canvasElement).findByTestId('remember-prompt', undefined, WAIT)
  },
}

/** A wrong code: CodeMismatchException, said plainly; the field stays for another try. */
export const WrongCode: Story = {
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'totp-code')
    const wrong = storyOf(context).code() === '000000' ? '111111' : '000000'
    await userEvent.type(within(screen).getByLabelText('Authenticator code'), wrong)
    await userEvent.click(within(screen).getByRole('button', { name: 'Verify' }))
    const error = await within(screen).findByTestId('signin-error', undefined, WAIT)
    await expect(error).toHaveAttribute('data-kind', 'wrong-code')
  },
}

/** The code came after the 3-minute sign-in session (the mock's clock moved on): sign in again. */
export const ExpiredSession: Story = {
  play: async (context) => {
    await signIn(context)
    const screen = await reach(context, 'totp-code')
    const story = storyOf(context)
    story.mock.clock.advance('4m')
    await userEvent.type(within(screen).getByLabelText('Authenticator code'), story.code())
    await userEvent.click(within(screen).getByRole('button', { name: 'Verify' }))
    await within(context.canvasElement).findByTestId('session-expired', undefined, WAIT)
  },
}
