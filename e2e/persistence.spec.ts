/**
 * The demo starts its worker with `persist: true`: the mock's state is kept in the tab's sessionStorage, so a
 * reload keeps what the user did. A new browser context, another seed or a reset starts from the seed.
 */
import type { Page } from '@playwright/test'
import { attachCognito, expect, test } from '../src/playwright.ts'
import { CONTROL_KEYS } from '../src/handle/control.ts'
import { DEMO, expectState, loadEverything, pageUser, renderedKeys, settled } from './support/app.ts'

test.use({ cognitoSeed: DEMO.seed })

/** Forgets the first device of the list, as the user does, and returns its key. */
async function forgetFirst(page: Page): Promise<string> {
  const [key] = await renderedKeys(page)
  const row = page.locator(`[data-testid="device-item"][data-device-key="${key!}"]`)
  await row.getByTestId('device-forget').click()
  await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
  await expect(row).toHaveCount(0)
  return key!
}

const savedState = (page: Page) => page.evaluate((key) => sessionStorage.getItem(key), CONTROL_KEYS.stateKey)

test('forget a device, reload: it stays forgotten, in the list and in the mock', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  const { poolId, username } = await pageUser(cognito)
  await loadEverything(page)
  const keys = await renderedKeys(page)
  expect(keys).toHaveLength(DEMO.remembered)
  const forgotten = await forgetFirst(page)
  await expect.poll(() => savedState(page)).not.toContain(forgotten)

  await page.reload()
  await cognito.ready()
  await expectState(page, 'ready')
  await loadEverything(page)
  expect(await renderedKeys(page)).toEqual(keys.filter((key) => key !== forgotten))
  expect(await cognito.state('devices.get', poolId, username, forgotten)).toBeNull()
  // The page after the reload is a new one: the mock's request log starts empty, its state does not.
  expect((await cognito.requests()).some((r) => r.operation === 'ForgetDevice')).toBe(false)
})

test('a new browser context starts from the seed: the device forgotten in another one is there', async ({ page, cognito, browser }, testInfo) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  const forgotten = await forgetFirst(page)

  const { baseURL, viewport, locale, timezoneId } = testInfo.project.use
  const context = await browser.newContext({ baseURL, viewport, locale, timezoneId })
  try {
    const other = await context.newPage()
    const otherCognito = await attachCognito(other, { seed: DEMO.seed })
    await otherCognito.goto('/')
    await expectState(other, 'ready')
    expect((await renderedKeys(other))[0]).toBe(forgotten)
  } finally {
    await context.close()
  }

  // The first context is not touched by the second one.
  await page.reload()
  await cognito.ready()
  await expectState(page, 'ready')
  expect(await renderedKeys(page)).not.toContain(forgotten)
})

test('another seed starts fresh, and so does coming back: one saved state per tab', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  const forgotten = await forgetFirst(page)

  await cognito.goto('/?cognito-seed=7')
  expect(await settled(page)).not.toBe('error')
  expect((await pageUser(cognito)).username).not.toBe(DEMO.username)

  await cognito.goto('/')
  await expectState(page, 'ready')
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  expect((await renderedKeys(page))[0]).toBe(forgotten)
})

test('cognito.reset() removes the saved state: the next reload starts from the seed', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  const forgotten = await forgetFirst(page)
  await expect.poll(() => savedState(page)).not.toBeNull()

  await cognito.reset()
  expect(await savedState(page)).toBeNull()
  await page.reload()
  await cognito.ready()
  await expectState(page, 'ready')
  expect((await renderedKeys(page))[0]).toBe(forgotten)
})
