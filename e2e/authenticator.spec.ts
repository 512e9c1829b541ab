/**
 * `?signin=authenticator`: Amplify UI's `<Authenticator>` (`@aws-amplify/ui-react`), unmodified, against the
 * service worker, on the page's own pool (users sign up and sign in with their email). The whole journey a
 * new user takes, typed into Amplify's own forms: Create Account, the code from the mock's outbox, the sign-in
 * Amplify does after the confirmation, the device list, sign out, "Forgot your password?", the reset code from
 * the outbox, the new password; the old one no longer signs in, the new one does. Nothing leaves the page.
 */
import type { Page } from '@playwright/test'
import { expect, test, type CognitoPage } from '../src/playwright.ts'
import type { RequestRecord } from '../src/index.ts'
import { keepOffNetwork, watchConsole } from './support/app.ts'

const PAGE = '/?signin=authenticator&cognito-panel'

const EMAIL = 'ada.lovelace@example.com'
const PASSWORD = 'Analytical-Engine-1843'
const NEW_PASSWORD = 'Difference-Engine-1822'

/** The operations the page's mock answered, challenges named (`Respond:PASSWORD_VERIFIER`). */
async function operations(cognito: CognitoPage): Promise<string[]> {
  return (await cognito.requests()).map((r: RequestRecord) =>
    r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation,
  )
}

/** The Authenticator's sign-in form, filled and sent. */
async function signIn(page: Page, password: string): Promise<void> {
  await expect(page.getByRole('tab', { name: 'Sign In' })).toHaveAttribute('aria-selected', 'true')
  await page.getByLabel('Email', { exact: true }).fill(EMAIL)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

test('create an account, confirm it, sign in, forget the password, reset it and sign in with the new one', async ({ page, context, cognito, baseURL }) => {
  const network = await keepOffNetwork(context, new URL(baseURL!).origin)
  const console = watchConsole(page)
  await cognito.goto(PAGE)

  // The page's pool: email as the username, no one in it yet.
  const [pool] = await cognito.state('pools.list')
  expect(pool!.usernameAttributes).toEqual(['email'])
  expect(await cognito.state('users.list', pool!.id)).toEqual([])
  await expect(page.getByTestId('pool-id')).toHaveText(pool!.id)
  await expect(page.getByTestId('outbox')).toHaveText('Nothing sent yet.')

  // 1. Create Account: SignUp, then "We Emailed You" and the code the pool sent to the address.
  await page.getByRole('tab', { name: 'Create Account' }).click()
  await page.getByLabel('Email', { exact: true }).fill(EMAIL)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Confirm Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Create Account', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'We Emailed You' })).toBeVisible()

  const [user] = await cognito.state('users.list', pool!.id)
  expect(user).toMatchObject({ email: EMAIL, status: 'UNCONFIRMED' })
  // A pool with username attributes names the user by a generated UUID (its sub); the outbox knows them by it.
  expect(user!.username).toBe(user!.sub)
  const sent = await cognito.outbox({ poolId: pool!.id, purpose: 'sign-up' })
  expect(sent).toHaveLength(1)
  expect(sent[0]).toMatchObject({ medium: 'EMAIL', destination: EMAIL, username: user!.username })
  const signUpCode = await cognito.lastCode({ username: user!.username, purpose: 'sign-up' })
  expect(signUpCode).toMatch(/^\d{6}$/)
  await expect(page.getByTestId('outbox-message').first()).toHaveAttribute('data-purpose', 'sign-up')
  await expect(page.getByTestId('outbox-code').first()).toHaveText(signUpCode)

  // 2. Confirm: ConfirmSignUp, then Amplify signs the new user in by itself (autoSignIn) and confirms this device.
  await page.getByLabel('Confirmation Code').fill(signUpCode)
  await page.getByRole('button', { name: 'Confirm', exact: true }).click()

  // 3. Signed in: the email in the header, the device list (nothing remembered yet), this device's key.
  await expect(page.getByTestId('username')).toHaveText(EMAIL)
  await expect(page.getByTestId('amplify-devices')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('amplify-devices-count')).toHaveText('0 remembered devices')
  await expect(page.getByTestId('current-device-state')).toHaveText('not remembered')
  const key = (await page.getByTestId('current-device-key').textContent())!.trim()
  expect(key).toMatch(new RegExp(`^${pool!.region}_[0-9a-f-]{36}$`))
  expect(await cognito.state('users.get', pool!.id, user!.username)).toMatchObject({ status: 'CONFIRMED', emailVerified: true })
  // The Authenticator reads the user's attributes (GetUser) to see that a contact is verified; the page lists the devices.
  expect(await operations(cognito)).toEqual(['SignUp', 'ConfirmSignUp', 'InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'ConfirmDevice', 'GetUser', 'ListDevices'])

  // Remember it: the list shows it, marked as this device.
  await page.getByRole('button', { name: 'Remember this device' }).click()
  await expect(page.getByTestId('signin-status')).toHaveText('This device is remembered.')
  const mine = page.locator(`[data-testid="amplify-device"][data-device-key="${key}"]`)
  await expect(mine.getByTestId('this-device')).toHaveText('This device')
  await expect(page.getByTestId('amplify-devices-count')).toHaveText('1 remembered device')

  // 4. Sign out: back to the Authenticator's sign-in form.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Forgot your password?' })).toBeVisible()

  // 5. Forgot your password?: ForgotPassword, the reset code from the outbox, the new password (ConfirmForgotPassword).
  await cognito.clearRequests()
  await page.getByRole('button', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { name: 'Reset Password' })).toBeVisible()
  await page.getByLabel('Enter your email').fill(EMAIL)
  await page.getByRole('button', { name: 'Send code' }).click()
  // The same heading; the code and the new password now.
  await expect(page.getByRole('button', { name: 'Resend Code' })).toBeVisible()
  const resetCode = await cognito.lastCode({ username: user!.username, purpose: 'forgot-password' })
  expect(resetCode).toMatch(/^\d{6}$/)
  await expect(page.getByTestId('outbox-code').first()).toHaveText(resetCode)
  await page.getByLabel('Code *', { exact: true }).fill(resetCode)
  await page.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('Confirm Password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Submit' }).click()
  expect(await operations(cognito)).toEqual(['ForgotPassword', 'ConfirmForgotPassword'])

  // 6. The old password is refused; the new one signs in, on the device remembered before (device SRP, no new device).
  await signIn(page, PASSWORD)
  await expect(page.getByRole('alert')).toContainText('Incorrect username or password.')
  await cognito.clearRequests()
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByTestId('username')).toHaveText(EMAIL)
  await expect(page.getByTestId('current-device-key')).toHaveText(key)
  await expect(page.getByTestId('current-device-state')).toHaveText('remembered')
  await expect(page.getByTestId('amplify-devices-count')).toHaveText('1 remembered device')
  const again = await operations(cognito)
  expect(again.slice(0, 4)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
  expect(again).not.toContain('ConfirmDevice')

  // Nothing left the page: every Cognito call was answered by the worker.
  expect(network.escaped).toEqual([])
  expect(network.operations).toEqual(expect.arrayContaining(['SignUp', 'ConfirmSignUp', 'ForgotPassword', 'ConfirmForgotPassword', 'Respond:DEVICE_PASSWORD_VERIFIER']))
  expect(console.problems([/^Failed to load resource: the server responded with a status of 400/])).toEqual([])
})
