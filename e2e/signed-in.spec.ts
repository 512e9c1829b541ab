/**
 * Starting signed in (issue 12), on the demo's Amplify v6 journey (`?signin=amplify`): the page's own mock signs
 * the user in as it starts and writes the session where Amplify reads it, so the app opens on the device list
 * with no sign-in call. Through the fixture's `signInAs`, through a storageState file written in globalSetup
 * (Playwright's authentication recipe), and in Amplify's cookie mode. The injected remembered device is then
 * recognised by a real sign-in: device SRP, and no MFA code (the demo's pool trusts remembered devices).
 */
import type { Page } from '@playwright/test'
import { expect, test, type CognitoPage } from '../src/playwright.ts'
import type { RequestRecord } from '../src/index.ts'
import { DEMO, SIGNED_IN_STATE, watchConsole } from './support/app.ts'

test.use({ cognitoSeed: DEMO.seed })

const URL = '/?signin=amplify&cognito-panel'

async function operations(cognito: CognitoPage): Promise<string[]> {
  return (await cognito.requests()).map((r: RequestRecord) =>
    r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation,
  )
}

/** The signed-in page: the user, the device list, and this device among the remembered ones. */
async function expectSignedInOnRememberedDevice(page: Page, cognito: CognitoPage): Promise<string> {
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await expect(page.getByTestId('amplify-device')).toHaveCount(DEMO.remembered + 1)
  await expect(page.getByTestId('signin-status')).toHaveText('Signed in on a remembered device.')
  const key = (await page.getByTestId('current-device-key').textContent())!.trim()
  await expect(page.locator(`[data-testid="amplify-device"][data-device-key="${key}"]`)).toHaveAttribute('data-current', 'true')
  await expect(page.getByTestId('current-device-state')).toHaveText('remembered')
  const [pool] = await cognito.state('pools.list')
  const device = await cognito.state('devices.get', pool!.id, DEMO.username, key)
  expect(device?.rememberedStatus).toBe('remembered')
  // No sign-in call: Amplify read its session from storage and listed the devices.
  expect(await operations(cognito)).toEqual(['ListDevices'])
  return key
}

test('the fixture signs in before goto: the app opens on the device list with no SRP call', async ({ page, cognito }) => {
  const console = watchConsole(page)
  await cognito.signInAs(DEMO.username, { device: 'remembered', storage: 'sessionStorage' })
  await cognito.goto(URL)
  await expectSignedInOnRememberedDevice(page, cognito)
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toHaveCount(0)
  expect(console.problems()).toEqual([])
})

test('an injected remembered device is recognised by a real sign-in: device SRP, no MFA code', async ({ page, cognito }) => {
  test.setTimeout(90_000)
  await cognito.signInAs(DEMO.username, { device: 'remembered', storage: 'sessionStorage' })
  await cognito.goto(URL)
  const key = await expectSignedInOnRememberedDevice(page, cognito)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
  await expect.poll(async () => (await operations(cognito)).at(-1)).toBe('RevokeToken')
  await cognito.clearRequests()

  const [pool] = await cognito.state('pools.list')
  // The demo's first user is seeded: it exists.
  const user = (await cognito.state('users.get', pool!.id, DEMO.username))!
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await expect(page.getByTestId('signin-status')).toHaveText('Signed in on a remembered device.')
  await expect(page.getByTestId('current-device-key')).toHaveText(key)
  await expect(page.getByTestId('mfa-step')).toHaveCount(0)
  const calls = await operations(cognito)
  expect(calls.slice(0, 4)).toEqual(['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:DEVICE_SRP_AUTH', 'Respond:DEVICE_PASSWORD_VERIFIER'])
  expect(calls).not.toContain('Respond:SOFTWARE_TOKEN_MFA')
  expect(calls).not.toContain('ConfirmDevice')
})

test('a reload after signing out stays signed out', async ({ page, cognito }) => {
  await cognito.signInAs(DEMO.username, { device: 'remembered', storage: 'sessionStorage' })
  await cognito.goto(URL)
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
  await page.reload()
  await cognito.ready()
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0)
})

test('after the page has loaded, signInAs signs in at once: a reload opens signed in', async ({ page, cognito }) => {
  await cognito.goto(URL)
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
  await cognito.signInAs(DEMO.username, { device: 'remembered', storage: 'sessionStorage' })
  await page.reload()
  await cognito.ready()
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await expect(page.getByTestId('current-device-state')).toHaveText('remembered')
})

test('?cognito-sign-in= opens the app signed in, for a developer working offline', async ({ page, cognito }) => {
  const signIn = encodeURIComponent(JSON.stringify({ username: DEMO.username, device: 'remembered', storage: 'sessionStorage' }))
  await cognito.goto(`${URL}&cognito-sign-in=${signIn}`)
  await expectSignedInOnRememberedDevice(page, cognito)
})

test('Amplify\'s cookie storage (ssr: true): the session is written as its cookies', async ({ page, context, cognito }) => {
  await cognito.signInAs(DEMO.username, { device: 'remembered', storage: 'cookie' })
  await cognito.goto(`${URL}&amplify-storage=cookie`)
  await expectSignedInOnRememberedDevice(page, cognito)
  const cookies = await context.cookies()
  const lastAuthUser = cookies.find((c) => c.name.endsWith('.LastAuthUser'))
  expect(lastAuthUser).toMatchObject({ value: DEMO.username, path: '/', secure: true, sameSite: 'Lax' })
  expect(cookies.filter((c) => c.name.startsWith('CognitoIdentityServiceProvider.'))).toHaveLength(9)
})

test.describe('through a storageState file written in globalSetup', () => {
  test.use({ storageState: SIGNED_IN_STATE })

  test('the page starts signed in and lists devices with no SRP call', async ({ page, cognito }) => {
    await cognito.goto(URL)
    await expectSignedInOnRememberedDevice(page, cognito)
  })
})
