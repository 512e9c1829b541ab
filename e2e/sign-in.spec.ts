/**
 * `?signin=amplify`: the demo app signs in with the UNMODIFIED Amplify v6 (`aws-amplify/auth`) against the
 * service worker, in Chromium. Sign-in (USER_SRP_AUTH, the authenticator code the demo's pool asks for, then
 * ConfirmDevice), "Not now" to remembering, fetchDevices, rememberDevice, forgetDevice, signOut, and a wrong
 * password, typed into the form like a user would. The whole MFA journey is e2e/mfa.spec.ts.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../src/playwright.ts'
import type { RequestRecord } from '../src/index.ts'
import { DEMO, watchConsole } from './support/app.ts'

test.use({ cognitoSeed: DEMO.seed })

const URL = '/?signin=amplify'

/** The first pool and its first user, read from the page's own mock (the password included). */
async function seeded(cognito: import('../src/playwright.ts').CognitoPage) {
  const [pool] = await cognito.state('pools.list')
  const [user] = await cognito.state('users.list', pool!.id)
  return { pool: pool!, user: user! }
}

/** The demo's pool asks for a second factor: the authenticator code from the mock, then "Not now" to remembering. */
async function answerCode(page: Page, cognito: import('../src/playwright.ts').CognitoPage, username: string): Promise<void> {
  await expect(page.getByTestId('mfa-step')).toHaveAttribute('data-step', 'totp-code')
  await page.getByLabel('Authenticator code').fill(await cognito.totpCode(username))
  await page.getByLabel('Authenticator code').press('Enter')
  await expect(page.getByRole('heading', { name: 'Remember this device?' })).toBeVisible()
  await page.getByRole('button', { name: 'Not now' }).click()
}

test('sign in with Amplify, remember this device, forget it, sign out', async ({ page, cognito }) => {
  const console = watchConsole(page)
  await cognito.goto(URL)
  const { pool, user } = await seeded(cognito)
  expect(pool.deviceRemembering).toBe('user-opt-in')
  expect(user.username).toBe(DEMO.username)
  await expect(page.getByTestId('pool-id')).toHaveText(pool.id)

  // Keyboard only: the fields are labelled, Enter submits.
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Username').press('Tab')
  await expect(page.getByLabel('Password')).toBeFocused()
  await page.keyboard.type(user.password)
  await page.keyboard.press('Enter')
  await answerCode(page, cognito, user.username)

  await expect(page.getByTestId('username')).toHaveText(user.username)
  const devices = page.getByTestId('amplify-devices')
  await expect(devices).toHaveAttribute('data-state', 'ready')
  const key = (await page.getByTestId('current-device-key').textContent())!.trim()
  expect(key).toMatch(new RegExp(`^${pool.id.split('_')[0]}_[0-9a-f-]{36}$`))

  // The real protocol ran: user SRP, the authenticator code, then the new device was confirmed (not
  // remembered: user-opt-in).
  const operations = (await cognito.requests()).map((r: RequestRecord) =>
    r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation,
  )
  expect(operations.slice(0, 4)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SOFTWARE_TOKEN_MFA', 'ConfirmDevice'])
  const confirmed = await cognito.state('devices.get', pool.id, user.username, key)
  expect(confirmed?.rememberedStatus).toBe('not_remembered')

  // fetchDevices shows the seeded remembered devices, not yet this one.
  const rows = page.getByTestId('amplify-device')
  await expect(rows).toHaveCount(DEMO.remembered)
  await expect(page.locator(`[data-testid="amplify-device"][data-device-key="${key}"]`)).toHaveCount(0)
  await expect(page.getByTestId('current-device-state')).toHaveText('not remembered')

  // rememberDevice(): the device appears, marked as this device.
  await page.getByRole('button', { name: 'Remember this device' }).click()
  await expect(page.getByTestId('signin-status')).toHaveText('This device is remembered.')
  const mine = page.locator(`[data-testid="amplify-device"][data-device-key="${key}"]`)
  await expect(mine).toBeVisible()
  await expect(mine).toHaveAttribute('data-current', 'true')
  await expect(mine.getByTestId('this-device')).toHaveText('This device')
  await expect(page.getByTestId('this-device')).toHaveCount(1)
  await expect(rows).toHaveCount(DEMO.remembered + 1)
  await expect(page.getByTestId('current-device-state')).toHaveText('remembered')
  const remembered = await cognito.state('devices.get', pool.id, user.username, key)
  expect(remembered).toMatchObject({ rememberedStatus: 'remembered', name: expect.any(String) })
  await expect(mine.getByTestId('amplify-device-name')).toHaveAttribute('title', remembered!.name!)
  await expect(mine.getByTestId('amplify-device-name')).not.toContainText(remembered!.name!)

  // forgetDevice(): gone from the list and from the mock.
  await page.getByRole('button', { name: 'Forget this device' }).click()
  await expect(page.getByTestId('signin-status')).toHaveText('This device was forgotten.')
  await expect(mine).toHaveCount(0)
  await expect(rows).toHaveCount(DEMO.remembered)
  expect(await cognito.state('devices.get', pool.id, user.username, key)).toBeFalsy()

  // signOut(): back to the form.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
  await expect(page.getByLabel('Username')).toBeVisible()
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0)
  // Amplify's RevokeToken may be answered after the form shows.
  await expect.poll(async () => (await cognito.requests()).map((r) => r.operation)).toContain('RevokeToken')

  await expect(page.getByTestId('signin-error')).toHaveCount(0)
  expect(console.problems()).toEqual([])
})

test('a wrong password shows “Incorrect username or password” (NotAuthorizedException), then the right one signs in', async ({ page, cognito }) => {
  await cognito.goto(URL)
  const { user } = await seeded(cognito)

  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(`${user.password}-wrong`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const error = page.getByRole('alert')
  await expect(error).toHaveText('Incorrect username or password. NotAuthorizedException')
  await expect(error).toHaveAttribute('data-error-name', 'NotAuthorizedException')
  await expect(error).toHaveAttribute('data-kind', 'credentials')
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0)

  await page.getByLabel('Password').fill(user.password)
  await page.getByLabel('Password').press('Enter')
  await answerCode(page, cognito, user.username)
  await expect(page.getByTestId('username')).toHaveText(user.username)
  await expect(page.getByTestId('signin-error')).toHaveCount(0)
  await expect(page.getByTestId('amplify-device')).toHaveCount(DEMO.remembered)
})

test('the default page is unchanged without the flag', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expect(page.getByTestId('devices')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await expect(page.getByLabel('Password')).toHaveCount(0)
})
