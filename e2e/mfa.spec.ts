/**
 * The Amplify v6 journey with MFA (issue 11), in Chromium against the demo (`?signin=amplify&cognito-panel`):
 * the first pool asks for a second factor and trusts remembered devices. Sign in with the credentials the dev
 * panel offers, answer the authenticator code (from the mock: the fixture's `totpCode`, shown by the panel too),
 * remember the device, list devices, sign out; sign in again on the remembered device without a code (device
 * SRP, read from the request log); forget it, and the code is asked again. Plus an authenticator set-up and a
 * wrong code.
 */
import type { Page } from '@playwright/test'
import { expect, test, type CognitoPage } from '../src/playwright.ts'
import type { RequestRecord, UserRecord } from '../src/index.ts'
import { describeDevice } from './app/src/lib/userAgent.ts'
import { DEMO, watchConsole } from './support/app.ts'

test.use({ cognitoSeed: DEMO.seed })

const URL = '/?signin=amplify&cognito-panel'

/** `Respond:SOFTWARE_TOKEN_MFA` for challenge answers, the operation's name otherwise. */
async function operations(cognito: CognitoPage): Promise<string[]> {
  return (await cognito.requests()).map((r: RequestRecord) =>
    r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation,
  )
}

async function seeded(cognito: CognitoPage, username: string) {
  const [pool] = await cognito.state('pools.list')
  const user = await cognito.state('users.get', pool!.id, username)
  expect(user, `the seeded user ${username}`).not.toBeNull()
  return { pool: pool!, user: user! }
}

/**
 * Signs out and waits until Amplify's RevokeToken is in the request log: it may be answered after the page shows the
 * sign-in form, and a log cleared before it arrives would hold it among the next sign-in's calls.
 */
async function signOut(page: Page, cognito: CognitoPage): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
  await expect.poll(async () => (await operations(cognito)).at(-1)).toBe('RevokeToken')
}

/** Picks a seeded user in the dev panel, checks the credentials it shows, fills them in and signs in. */
async function signInFromPanel(page: Page, user: UserRecord): Promise<void> {
  const panel = page.getByTestId('dev-panel')
  await panel.getByLabel('Seeded user').selectOption(user.username)
  await expect(panel.getByTestId('panel-username')).toHaveText(user.username)
  await expect(panel.getByTestId('panel-password')).toHaveText(user.password)
  await panel.getByRole('button', { name: 'Fill', exact: true }).click()
  await expect(page.getByLabel('Username')).toHaveValue(user.username)
  await expect(page.getByLabel('Password')).toHaveValue(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('MFA, remember this device, sign in again without a code, forget it, and the code is back', async ({ page, cognito }) => {
  test.setTimeout(90_000)
  const console = watchConsole(page)
  await cognito.goto(URL)
  const { pool, user } = await seeded(cognito, DEMO.username)
  expect(pool.mfa).toEqual({ mode: 'on', factors: ['totp', 'sms', 'email'], rememberedDevicesSkipMfa: true })
  expect(user.mfa?.enabled).toEqual([DEMO.factor])
  await expect(page.getByTestId('pool-id')).toHaveText(pool.id)
  await expect(page.getByTestId('dev-panel').getByTestId('panel-username')).toHaveText(DEMO.username)

  // 1. Password, then the authenticator code: the panel shows the code the fixture reads.
  await signInFromPanel(page, user)
  const step = page.getByTestId('mfa-step')
  await expect(step).toHaveAttribute('data-step', 'totp-code')
  await expect(step.getByRole('heading')).toHaveText('Enter the code from your authenticator app')
  const code = await cognito.totpCode(DEMO.username)
  expect(code).toMatch(/^\d{6}$/)
  await expect(page.getByTestId('panel-code')).toHaveText(code)
  await page.getByLabel('Authenticator code').fill(code)
  await page.getByRole('button', { name: 'Verify' }).click()

  // 2. "Remember this device?" — yes: rememberDevice().
  const prompt = page.getByTestId('remember-prompt')
  await expect(prompt.getByRole('heading', { name: 'Remember this device?' })).toBeVisible()
  const deviceName = (await prompt.getByTestId('remember-device-label').textContent())!
  expect(deviceName).not.toMatch(/Mozilla|\//)
  expect(await operations(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SOFTWARE_TOKEN_MFA', 'ConfirmDevice', 'ListDevices'])
  await page.getByRole('button', { name: 'Yes, remember it' }).click()
  await expect(page.getByTestId('signin-status')).toHaveText('This device is remembered.')
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)

  // 3. The list: readable labels, this device marked and remembered.
  const key = (await page.getByTestId('current-device-key').textContent())!.trim()
  expect(key).toMatch(new RegExp(`^${pool.region}_[0-9a-f-]{36}$`))
  const remembered = await cognito.state('devices.get', pool.id, DEMO.username, key)
  expect(remembered).toMatchObject({ rememberedStatus: 'remembered' })
  const rows = page.getByTestId('amplify-device')
  await expect(rows).toHaveCount(DEMO.remembered + 1)
  const mine = page.locator(`[data-testid="amplify-device"][data-device-key="${key}"]`)
  await expect(mine).toHaveAttribute('data-current', 'true')
  await expect(mine.getByTestId('this-device')).toHaveText('This device')
  await expect(page.getByTestId('this-device')).toHaveCount(1)
  const label = describeDevice(remembered!.name).label
  expect(label).toBe(deviceName)
  await expect(mine.getByTestId('amplify-device-name')).toHaveText(`${label}This device`)
  await expect(mine.getByTestId('amplify-device-name')).toHaveAttribute('title', remembered!.name!)
  await expect(page.getByTestId('current-device-state')).toHaveText('remembered')
  // No row shows a raw user agent: every seeded device has a readable label.
  for (const name of await page.getByTestId('amplify-device-name').allTextContents()) expect(name).not.toMatch(/Mozilla\/|AppleWebKit/)

  // 4. Sign out.
  await signOut(page, cognito)
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0)

  // 5. Sign in again on the remembered device: no code, device SRP instead.
  await cognito.clearRequests()
  await signInFromPanel(page, user)
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await expect(page.getByTestId('signin-status')).toHaveText('Signed in on a remembered device.')
  await expect(page.getByTestId('current-device-key')).toHaveText(key)
  await expect(page.getByTestId('current-device-state')).toHaveText('remembered')
  await expect(page.getByTestId('remember-prompt')).toHaveCount(0)
  await expect(page.getByTestId('mfa-step')).toHaveCount(0)
  const again = await operations(cognito)
  expect(again).toContain('Respond:DEVICE_SRP_AUTH')
  expect(again).toContain('Respond:DEVICE_PASSWORD_VERIFIER')
  expect(again).not.toContain('Respond:SOFTWARE_TOKEN_MFA')
  expect(again).not.toContain('ConfirmDevice')
  expect(again.slice(0, 4)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])

  // 6. Forget this device: gone from the list and the mock.
  await page.getByRole('button', { name: 'Forget this device' }).click()
  await expect(page.getByTestId('signin-status')).toHaveText('This device was forgotten.')
  await expect(mine).toHaveCount(0)
  await expect(rows).toHaveCount(DEMO.remembered)
  await expect(page.getByTestId('current-device-state')).toHaveText('not remembered')
  expect(await cognito.state('devices.get', pool.id, DEMO.username, key)).toBeFalsy()
  await signOut(page, cognito)

  // 7. The next sign-in asks for the code again. The mock's clock is logical: the code of this 30 s step was
  // used at step 1, and the panel says so; "Next code" moves the mock's clock to the next step.
  await cognito.clearRequests()
  await signInFromPanel(page, user)
  await expect(step).toHaveAttribute('data-step', 'totp-code')
  const panelCode = page.getByTestId('panel-code')
  await expect(panelCode).toHaveAttribute('data-used', 'true')
  await expect(page.getByTestId('panel-code-hint')).toHaveText('already used: take the next one')
  await page.getByRole('button', { name: 'Next code' }).click()
  await expect(panelCode).not.toHaveAttribute('data-used', 'true')
  const next = await cognito.totpCode(DEMO.username)
  expect(next).not.toBe(code)
  await expect(panelCode).toHaveText(next)
  await page.getByRole('button', { name: 'Fill code' }).click()
  await expect(page.getByLabel('Authenticator code')).toHaveValue(next)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(prompt).toBeVisible()
  expect(await operations(cognito)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SOFTWARE_TOKEN_MFA', 'ConfirmDevice', 'ListDevices'])
  await page.getByRole('button', { name: 'Not now' }).click()
  await expect(page.getByTestId('current-device-state')).toHaveText('not remembered')
  await expect(page.getByTestId('current-device-key')).not.toHaveText(key)
  await expect(rows).toHaveCount(DEMO.remembered)

  await expect(page.getByTestId('signin-error')).toHaveCount(0)
  expect(console.problems()).toEqual([])
})

test('a wrong code is refused on the spot; the right one signs in', async ({ page, cognito }) => {
  await cognito.goto(URL)
  const { user } = await seeded(cognito, DEMO.username)
  await signInFromPanel(page, user)
  await expect(page.getByTestId('mfa-step')).toHaveAttribute('data-step', 'totp-code')
  const right = await cognito.totpCode(DEMO.username)
  const wrong = right === '000000' ? '111111' : '000000'
  await page.getByLabel('Authenticator code').fill(wrong)
  await page.getByLabel('Authenticator code').press('Enter')
  const error = page.getByRole('alert')
  await expect(error).toContainText('That code is not right. Check it and try again.')
  await expect(error).toHaveAttribute('data-error-name', 'CodeMismatchException')
  await expect(page.getByLabel('Authenticator code')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('Authenticator code').fill(right)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByTestId('remember-prompt')).toBeVisible()
  await expect(page.getByTestId('signin-error')).toHaveCount(0)
})

test('SMS: the masked phone number, the code from the outbox (and the panel)', async ({ page, cognito }) => {
  await cognito.goto(URL)
  const { user } = await seeded(cognito, DEMO.smsUsername)
  expect(user.mfa?.enabled ?? []).toEqual([])
  await signInFromPanel(page, user)
  const step = page.getByTestId('mfa-step')
  await expect(step).toHaveAttribute('data-step', 'sms-code')
  await expect(step.getByRole('heading')).toHaveText('Enter the code we texted you')
  await expect(page.getByTestId('mfa-destination')).toHaveText(`+${'*'.repeat(user.phoneNumber!.length - 5)}${user.phoneNumber!.slice(-4)}`)
  const code = await cognito.lastCode({ username: DEMO.smsUsername, medium: 'SMS' })
  expect(code).toMatch(/^\d{6}$/)
  await expect(page.getByTestId('panel-code')).toHaveText(code)
  await page.getByLabel('SMS code').fill(code)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByTestId('remember-prompt')).toBeVisible()
  expect(await operations(cognito)).toContain('Respond:SMS_MFA')
})

/** The first user of the page's first pool (a preset may have re-seeded the world). */
async function firstUser(cognito: CognitoPage) {
  const [pool] = await cognito.state('pools.list')
  const [user] = await cognito.state('users.list', pool!.id)
  return { pool: pool!, user: user! }
}

test('mfa-select: two factors and no preference, the user picks the authenticator app', async ({ page, cognito }) => {
  await cognito.goto(`${URL}&cognito-scenario=mfa-select`)
  const { user } = await firstUser(cognito)
  expect(user.mfa?.enabled.toSorted()).toEqual(['sms', 'totp'])
  await signInFromPanel(page, user)
  const step = page.getByTestId('mfa-step')
  await expect(step).toHaveAttribute('data-step', 'select')
  await expect(step.getByTestId('mfa-option')).toHaveText([/Text message/, /Authenticator app/])
  await step.getByLabel(/Authenticator app/).check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(step).toHaveAttribute('data-step', 'totp-code')
  const code = await cognito.totpCode(user.username)
  await expect(page.getByTestId('panel-code')).toHaveText(code)
  await page.getByRole('button', { name: 'Fill code' }).click()
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByTestId('remember-prompt')).toBeVisible()
  expect(await operations(cognito)).toEqual(expect.arrayContaining(['Respond:SELECT_MFA_TYPE', 'Respond:SOFTWARE_TOKEN_MFA']))
})

test('mfa-email: the masked address, the 8-digit code from the outbox', async ({ page, cognito }) => {
  await cognito.goto(`${URL}&cognito-scenario=mfa-email`)
  const { user } = await firstUser(cognito)
  await signInFromPanel(page, user)
  const step = page.getByTestId('mfa-step')
  await expect(step).toHaveAttribute('data-step', 'email-code')
  await expect(step.getByRole('heading')).toHaveText('Enter the code we emailed you')
  await expect(page.getByTestId('mfa-destination')).toHaveText(new RegExp(`^${user.email[0]}\\*\\*\\*@`))
  const code = await cognito.lastCode({ username: user.username, medium: 'EMAIL' })
  expect(code).toMatch(/^\d{8}$/)
  await expect(page.getByTestId('panel-code')).toHaveText(code)
  await page.getByLabel('Email code').fill(code)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByTestId('remember-prompt')).toBeVisible()
  expect(await operations(cognito)).toContain('Respond:EMAIL_OTP')
})

test('mfa-setup-required: the user sets up an authenticator at sign-in, with the secret shown', async ({ page, cognito }) => {
  await cognito.goto(`${URL}&cognito-scenario=mfa-setup-required`)
  const { pool, user } = await firstUser(cognito)
  expect(user.mfa?.enabled ?? []).toEqual([])
  await signInFromPanel(page, user)

  const step = page.getByTestId('mfa-step')
  await expect(step).toHaveAttribute('data-step', 'totp-setup')
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
  await expect(page.getByTestId('totp-secret')).toHaveText(secret.match(/.{1,4}/g)!.join(' '))
  await expect(page.getByTestId('totp-uri')).toHaveAttribute('href', new RegExp(`^otpauth://totp/.*secret=${secret}`))
  const code = await cognito.totpCode(user.username)
  await expect(page.getByTestId('panel-code')).toHaveText(code)
  await page.getByLabel('Authenticator code').fill(code)
  await page.getByRole('button', { name: 'Verify and sign in' }).click()

  await expect(page.getByTestId('remember-prompt')).toBeVisible()
  const after = await cognito.state('users.get', pool.id, user.username)
  expect(after?.mfa?.enabled).toEqual(['totp'])
  expect(after?.mfa?.totpSecret).toBe(secret)
  expect(await operations(cognito)).toEqual(expect.arrayContaining(['AssociateSoftwareToken', 'VerifySoftwareToken', 'Respond:MFA_SETUP']))
})
