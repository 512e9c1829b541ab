import type { Meta, StoryObj } from '@storybook/react-vite'
import type { UserSpec } from 'cognito-device-mock'
import { cognitoStory, type CognitoStoryParameters } from 'cognito-device-mock/storybook'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { AUTHENTICATOR_WORLD } from '../authenticator/boot.tsx'
import { MockedAuthenticator, type AuthenticatorStart } from './MockedAuthenticator.tsx'

/**
 * Every screen of Amplify UI's `<Authenticator>` (`@aws-amplify/ui-react`, unmodified), each reached the way a
 * person reaches it: the play function types into Amplify's own forms, and this render's own mock answers
 * offline (codes read from its outbox, `cognitoStory(loaded).mock.outbox.code(…)`). The world is the demo's
 * Authenticator pool (boot.tsx's `AUTHENTICATOR_WORLD`: email as the username, codes by email) with one user,
 * Grace; a story changes her (a temporary password, an unverified email) or adds a preset for an error.
 * e2e/storybook.spec.ts checks each ends on its screen with no request leaving the page.
 */

/** The pool's one user: the sign-in stories sign in as her, the sign-up stories sign up someone else. */
const GRACE = { email: 'grace.hopper@example.com', password: 'Compiler-A0-1952' }
/** Who signs up. */
const ADA = { email: 'ada.lovelace@example.com', password: 'Analytical-Engine-1843' }
const NEW_PASSWORD = 'Difference-Engine-1822'

/**
 * The demo's Authenticator pool with Grace in it, as `user` describes her (the loader needs a user to sign in
 * as). The pool's sign-up asks for an email only, so she has no phone number (a world draws a verified one
 * otherwise, which would count as a verified contact).
 */
function authenticatorWorld(user: UserSpec = {}): NonNullable<CognitoStoryParameters['world']> {
  return { pools: [{ ...AUTHENTICATOR_WORLD.pools[0], users: [{ ...GRACE, phoneNumber: null, devices: 0, ...user }] }] }
}

/** A story's parameters: the Authenticator's first screen (`args`-free, so a parameter) and the mock's. */
interface StoryParameters {
  authenticator?: { initialState?: AuthenticatorStart }
  cognito?: CognitoStoryParameters
}

const meta = {
  title: 'Demo/Authenticator',
  parameters: {
    cognito: { seed: 42, world: authenticatorWorld() },
    layout: 'fullscreen',
  },
  render: (_args, { loaded, parameters }) => (
    <MockedAuthenticator story={cognitoStory(loaded)} initialState={(parameters as StoryParameters).authenticator?.initialState} />
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>
type PlayContext = Parameters<NonNullable<Story['play']>>[0]

const WAIT = { timeout: 20_000 }

/** The parameters of a story that opens the Authenticator on `initialState`, with more of the mock's. */
function startOn(initialState: AuthenticatorStart, cognito: CognitoStoryParameters = {}): StoryParameters {
  return { authenticator: { initialState }, cognito }
}

/** The canvas once the Authenticator has checked there is no session and shows its first screen. */
async function ready({ canvasElement }: PlayContext) {
  const canvas = within(canvasElement)
  await canvas.findByRole('button', { name: /^(Sign in|Create Account|Send code)$/ }, WAIT)
  return canvas
}

/** Waits for a heading of the Authenticator's. */
async function heading(context: PlayContext, name: string): Promise<HTMLElement> {
  return within(context.canvasElement).findByRole('heading', { name }, WAIT)
}

/** Waits for the Authenticator's error alert and checks its message. */
async function alerted(context: PlayContext, message: string): Promise<void> {
  const canvas = within(context.canvasElement)
  await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(message), WAIT)
}

/** Create Account, filled with Ada's address and password and sent (SignUp). */
async function signUp(context: PlayContext, email = ADA.email): Promise<void> {
  const canvas = await ready(context)
  await waitFor(() => expect(canvas.getByRole('tab', { name: 'Create Account' })).toHaveAttribute('aria-selected', 'true'), WAIT)
  await userEvent.type(canvas.getByLabelText('Email'), email)
  await userEvent.type(canvas.getByLabelText('Password'), ADA.password)
  await userEvent.type(canvas.getByLabelText('Confirm Password'), ADA.password)
  await userEvent.click(canvas.getByRole('button', { name: 'Create Account' }))
}

/** Signed up, then "We Emailed You" with the code the pool sent, typed and sent (ConfirmSignUp). */
async function confirmSignUp(context: PlayContext): Promise<void> {
  await signUp(context)
  await heading(context, 'We Emailed You')
  const code = cognitoStory(context.loaded).mock.outbox.code({ purpose: 'sign-up' })
  const canvas = within(context.canvasElement)
  await userEvent.type(canvas.getByLabelText('Confirmation Code'), code)
  await userEvent.click(canvas.getByRole('button', { name: 'Confirm' }))
}

/** The sign-in form, filled with Grace's credentials and sent. */
async function signIn(context: PlayContext): Promise<void> {
  const canvas = await ready(context)
  await waitFor(() => expect(canvas.getByRole('tab', { name: 'Sign In' })).toHaveAttribute('aria-selected', 'true'), WAIT)
  await userEvent.type(canvas.getByLabelText('Email'), GRACE.email)
  await userEvent.type(canvas.getByLabelText('Password'), GRACE.password)
  await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
}

/** Forgot Password with Grace's address, sent (ForgotPassword). */
async function sendResetCode(context: PlayContext): Promise<void> {
  const canvas = await ready(context)
  await heading(context, 'Reset Password')
  await userEvent.type(canvas.getByLabelText('Enter your email'), GRACE.email)
  await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
}

/** The reset code from the outbox and a new password, sent (ConfirmForgotPassword). */
async function confirmReset(context: PlayContext): Promise<void> {
  await sendResetCode(context)
  const canvas = within(context.canvasElement)
  await canvas.findByRole('button', { name: 'Resend Code' }, WAIT)
  const code = cognitoStory(context.loaded).mock.outbox.code({ purpose: 'forgot-password' })
  await userEvent.type(canvas.getByLabelText('Code *'), code)
  await userEvent.type(canvas.getByLabelText('New Password'), NEW_PASSWORD)
  await userEvent.type(canvas.getByLabelText('Confirm Password'), NEW_PASSWORD)
  await userEvent.click(canvas.getByRole('button', { name: 'Submit' }))
}

/** Sign In, the Authenticator's first screen: the demo page, nobody signed in yet (no session in memory). */
export const SignIn: Story = {
  play: async (context) => {
    const canvas = await ready(context)
    await waitFor(() => expect(canvas.getByRole('tab', { name: 'Sign In' })).toHaveAttribute('aria-selected', 'true'), WAIT)
    await expect(canvas.getByRole('button', { name: 'Forgot your password?' })).toBeVisible()
  },
}

/** Create Account (`initialState: 'signUp'`): email, password and its confirmation; nothing sent yet. */
export const CreateAccount: Story = {
  parameters: startOn('signUp'),
  play: async (context) => {
    const canvas = await ready(context)
    await waitFor(() => expect(canvas.getByRole('tab', { name: 'Create Account' })).toHaveAttribute('aria-selected', 'true'), WAIT)
    await expect(canvas.getByLabelText('Confirm Password')).toBeVisible()
  },
}

/**
 * Confirm Sign Up: Create Account sent (SignUp), the pool emailed a code: "We Emailed You" and the code field.
 * The code is in the story's outbox (and its panel); the story stops before typing it.
 */
export const ConfirmSignUp: Story = {
  parameters: startOn('signUp'),
  play: async (context) => {
    await signUp(context)
    await heading(context, 'We Emailed You')
    const code = cognitoStory(context.loaded).mock.outbox.code({ purpose: 'sign-up' })
    await expect(code).toMatch(/^\d{6}$/)
    await waitFor(() => expect(within(context.canvasElement).getByTestId('outbox-code')).toHaveTextContent(code), WAIT)
  },
}

/**
 * Signed in after confirming: Create Account, the outbox's code (ConfirmSignUp), then Amplify signs the new user
 * in by itself (autoSignIn): the demo's signed-in page, this device and the (empty) list of remembered ones.
 */
export const SignedInAfterConfirming: Story = {
  play: async (context) => {
    const canvas = await ready(context)
    await userEvent.click(canvas.getByRole('tab', { name: 'Create Account' }))
    await confirmSignUp(context)
    await waitFor(() => expect(canvas.getByTestId('username')).toHaveTextContent(ADA.email), WAIT)
    await waitFor(() => expect(canvas.getByTestId('amplify-devices')).toHaveAttribute('data-state', 'ready'), WAIT)
    await expect(canvas.getByTestId('amplify-devices-count')).toHaveTextContent('0 remembered devices')
  },
}

/** Forgot Password (`initialState: 'forgotPassword'`): "Reset Password", the address to send a code to. */
export const ForgotPassword: Story = {
  parameters: startOn('forgotPassword'),
  play: async (context) => {
    await ready(context)
    await heading(context, 'Reset Password')
    await expect(within(context.canvasElement).getByLabelText('Enter your email')).toBeVisible()
  },
}

/** Confirm Reset Password: the code was sent (ForgotPassword): the code, the new password twice, "Resend Code". */
export const ConfirmResetPassword: Story = {
  parameters: startOn('forgotPassword'),
  play: async (context) => {
    await sendResetCode(context)
    const canvas = within(context.canvasElement)
    await canvas.findByRole('button', { name: 'Resend Code' }, WAIT)
    await expect(canvas.getByLabelText('New Password')).toBeVisible()
    await expect(cognitoStory(context.loaded).mock.outbox.code({ purpose: 'forgot-password' })).toMatch(/^\d{6}$/)
  },
}

/**
 * Force New Password: Grace was created by an administrator (FORCE_CHANGE_PASSWORD, her temporary password):
 * signing in answers NEW_PASSWORD_REQUIRED, "Change Password". (The `new-password-required` preset re-seeds
 * the world's pools with its own, which would drop the email pool; the world says it instead.)
 */
export const ForceNewPassword: Story = {
  parameters: { cognito: { world: authenticatorWorld({ status: 'FORCE_CHANGE_PASSWORD' }) } },
  play: async (context) => {
    await signIn(context)
    await heading(context, 'Change Password')
    await expect(within(context.canvasElement).getByLabelText('Confirm Password')).toBeVisible()
  },
}

/**
 * Verify Contact: Grace is confirmed but her email is not verified (`emailVerified: false`): signed in, the
 * Authenticator reads her attributes (GetUser) and asks to verify a contact for account recovery.
 */
export const VerifyContact: Story = {
  parameters: { cognito: { world: authenticatorWorld({ emailVerified: false }) } },
  play: async (context) => {
    await signIn(context)
    await heading(context, 'Account recovery requires verified contact information')
    const canvas = within(context.canvasElement)
    await expect(canvas.getByRole('button', { name: 'Verify' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Skip' })).toBeVisible()
  },
}

/** `sign-up-username-taken`: Create Account with Grace's address: SignUp refused, "User already exists"; the form stays. */
export const UsernameTaken: Story = {
  parameters: startOn('signUp', { scenario: 'sign-up-username-taken' }),
  play: async (context) => {
    await signUp(context, GRACE.email)
    await alerted(context, 'User already exists')
  },
}

/** `code-mismatch`: signed up, the emailed code typed: ConfirmSignUp refused; "We Emailed You" stays, with the error. */
export const CodeMismatch: Story = {
  parameters: startOn('signUp', { scenario: 'code-mismatch' }),
  play: async (context) => {
    await confirmSignUp(context)
    await alerted(context, 'Invalid verification code provided, please try again.')
    await heading(context, 'We Emailed You')
  },
}

/** `code-expired`: the reset code and a new password sent: ConfirmForgotPassword refused, the code expired. */
export const CodeExpired: Story = {
  parameters: startOn('forgotPassword', { scenario: 'code-expired' }),
  play: async (context) => {
    await confirmReset(context)
    await alerted(context, 'Invalid code provided, please request a code again.')
    await within(context.canvasElement).findByRole('button', { name: 'Resend Code' }, WAIT)
  },
}

/**
 * `attempt-limit-exceeded`: Forgot Password sent: ForgotPassword is over its hourly limit (Amplify retries a
 * LimitExceededException twice, as it would against Cognito); no code, the form stays.
 */
export const AttemptLimitExceeded: Story = {
  parameters: startOn('forgotPassword', { scenario: 'attempt-limit-exceeded' }),
  play: async (context) => {
    await sendResetCode(context)
    await alerted(context, 'Attempt limit exceeded, please try after some time.')
    await expect(within(context.canvasElement).getByRole('button', { name: 'Send code' })).toBeVisible()
  },
}

/** `forgot-password-no-channel`: Forgot Password sent: no verified email or phone to send a code to. */
export const ForgotPasswordNoChannel: Story = {
  parameters: startOn('forgotPassword', { scenario: 'forgot-password-no-channel' }),
  play: async (context) => {
    await sendResetCode(context)
    await alerted(context, 'Cannot reset password for the user as there is no registered/verified email or phone_number')
  },
}
