/**
 * Controlling the page's mock while the app runs: through the fixture (`cognito.use/clear/state/requests`),
 * through the URL, and through the demo's dev panel with the keyboard only.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../src/playwright.ts'
import { DEMO, expectState, loadEverything, pageUser, renderedDevices, renderedKeys, settled } from './support/app.ts'

/** Presses Tab until the element with `testId` has the focus (fails after `max` presses). */
async function tabTo(page: Page, testId: string, max = 15): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return
  }
  throw new Error(`Tab never reached [data-testid="${testId}"] in ${max} presses`)
}

test.describe('through the fixture', () => {
  test.use({ cognitoSeed: DEMO.seed })

  test('cognito.use("offline") then Refresh shows the offline banner; cognito.clear() brings the list back', async ({ page, cognito }) => {
    await cognito.goto('/')
    await expectState(page, 'ready')
    const keys = await renderedKeys(page)

    await cognito.use('offline')
    expect((await cognito.active()).map((layer) => layer.source)).toEqual(['offline'])
    await page.getByTestId('refresh').click()
    await expectState(page, 'error')
    await expect(page.getByTestId('error-offline')).toBeVisible()

    await cognito.clear()
    expect(await cognito.active()).toEqual([])
    await page.getByTestId('retry').click()
    await expectState(page, 'ready')
    expect(await renderedKeys(page)).toEqual(keys)
  })

  test('the request log: ListDevices answered by the store, then a throttled one hidden by the SDK retry', async ({ page, cognito }) => {
    await cognito.goto('/')
    await expectState(page, 'ready')
    // Throttle the next ListDevices once: SDK v3 retries, the user sees the list as before.
    await cognito.use({ name: 'throttle once', rules: [{ name: 'one throttle', operations: 'ListDevices', answer: { error: 'TooManyRequestsException' }, times: 'once' }] })
    await page.getByTestId('refresh').click()
    await expectState(page, 'ready')
    await expect(page.getByTestId('device-item')).toHaveCount(DEMO.pageSize)

    const requests = await cognito.requests()
    expect(requests.map(({ operation, status, errorType, answeredBy }) => ({ operation, status, errorType, answeredBy }))).toEqual([
      { operation: 'ListDevices', status: 200, errorType: undefined, answeredBy: 'store' },
      { operation: 'ListDevices', status: 400, errorType: 'TooManyRequestsException', answeredBy: 'one throttle' },
      { operation: 'ListDevices', status: 200, errorType: undefined, answeredBy: 'store' },
    ])
    // Secrets masked, one request id per answer, the logical clock moving 1 ms per call.
    for (const record of requests) expect(record.input).toEqual({ AccessToken: '***', Limit: DEMO.pageSize })
    expect(new Set(requests.map((r) => r.requestId)).size).toBe(3)
    expect(requests.map((r) => r.at - requests[0]!.at)).toEqual([0, 1, 2])
    expect((await cognito.active())[0]!.rules[0]).toMatchObject({ fired: 1, remaining: 0 })

    await cognito.clearRequests()
    expect(await cognito.requests()).toEqual([])
  })

  test('seeding from the test: cognito.state("devices.create") then Refresh shows the new device', async ({ page, cognito }) => {
    await cognito.goto('/')
    await expectState(page, 'ready')
    const { poolId, username } = await pageUser(cognito)
    const name = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
    const created = await cognito.state('devices.create', poolId, username, {
      name,
      lastIp: '203.0.113.7',
      rememberedStatus: 'remembered',
      lastAuthenticatedAt: '2026-01-14T08:00:00Z',
    })
    expect(created.key).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    // Not there before a refresh: the app shows what it read.
    await expect(page.locator(`[data-device-key="${created.key}"]`)).toHaveCount(0)

    await page.getByTestId('refresh').click()
    await expectState(page, 'ready')
    await loadEverything(page)
    await expect(page.getByTestId('devices-count')).toHaveText(`${DEMO.remembered + 1} devices`)
    const row = (await renderedDevices(page)).find((device) => device.key === created.key)
    expect(row).toMatchObject({
      label: 'Firefox 128 on Linux',
      rawName: name,
      ip: '203.0.113.7',
      lastUsed: '14 Jan 2026, 08:00 UTC',
      lastUsedIso: '2026-01-14T08:00:00.000Z',
    })
    // Created "now" on the mock's clock, newest of all: listed last (oldest first).
    expect((await renderedKeys(page)).at(-1)).toBe(created.key)
  })

  test('natural errors from state: an expired token, then "Sign in again"; a disabled user', async ({ page, cognito }) => {
    await cognito.goto('/')
    await expectState(page, 'ready')
    const { poolId, username } = await pageUser(cognito)

    // No scenario: the mock's clock moves past the token's one-hour lifetime.
    await cognito.state('clock.advance', '2h')
    await page.getByTestId('refresh').click()
    await expectState(page, 'error')
    await expect(page.getByTestId('error-session')).toHaveAttribute('data-reason', 'expired')
    expect((await cognito.requests()).at(-1)).toMatchObject({ answeredBy: 'store', errorType: 'NotAuthorizedException' })
    await page.getByTestId('sign-in-again').click()
    await expectState(page, 'ready')

    await cognito.state('users.update', poolId, username, { enabled: false })
    await page.getByTestId('refresh').click()
    await expectState(page, 'error')
    // "User is disabled." is no token problem the app names: the generic invalid-session screen.
    await expect(page.getByTestId('error-session')).toHaveAttribute('data-reason', 'invalid')
    expect((await cognito.requests()).at(-1)).toMatchObject({ answeredBy: 'store', errorType: 'NotAuthorizedException' })
  })

  test('cognito.reset() goes back to the seeded world after a forget', async ({ page, cognito }) => {
    await cognito.goto('/')
    await expectState(page, 'ready')
    const keys = await renderedKeys(page)
    await page.locator(`[data-device-key="${keys[0]}"]`).getByTestId('device-forget').click()
    await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
    await cognito.reset()
    expect(await cognito.requests()).toEqual([])
    await page.getByTestId('refresh').click()
    await expectState(page, 'ready')
    expect(await renderedKeys(page)).toEqual(keys)
  })
})

test.describe('through the URL', () => {
  test('?cognito-scenario= picks presets (the last one wins) or JSON rules; without it the seeded list', async ({ page, cognito }) => {
    await cognito.goto('/?cognito-scenario=throttled')
    await expectState(page, 'error')
    await expect(page.getByTestId('error-throttled')).toBeVisible()

    await cognito.goto('/?cognito-scenario=slow-network,offline')
    expect((await cognito.active()).map((layer) => layer.source)).toEqual(['offline', 'slow-network'])
    await expectState(page, 'error')
    await expect(page.getByTestId('error-offline')).toBeVisible()

    const rule = { operations: 'ListDevices', answer: { error: 'UserNotConfirmedException' } }
    await cognito.goto(`/?cognito-scenario=${encodeURIComponent(JSON.stringify(rule))}`)
    await expectState(page, 'error')
    await expect(page.getByTestId('error-not-confirmed')).toBeVisible()

    await cognito.goto('/')
    await expectState(page, 'ready')
    await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  })

  test('?cognito-seed= seeds another world', async ({ page, cognito }) => {
    await cognito.goto('/?cognito-seed=7')
    expect(await settled(page)).not.toBe('error')
    const { username } = await pageUser(cognito)
    expect(username).not.toBe(DEMO.username)
    await expect(page.getByTestId('username')).toHaveText(username)
  })
})

test.describe('through the dev panel, keyboard only', () => {
  test('Tab to the preset, choose it, Enter on Apply: offline, then happy-path again', async ({ page, cognito }) => {
    await cognito.goto('/?cognito-panel')
    await expectState(page, 'ready')
    const keys = await renderedKeys(page)
    await expect(page.getByTestId('panel-status')).toHaveText(`Preset happy-path, seed ${DEMO.seed}.`)

    await tabTo(page, 'panel-preset')
    await page.keyboard.type('offline') // a closed <select> picks by typing
    await expect(page.getByTestId('panel-preset')).toHaveValue('offline')
    await expect(page.getByTestId('panel-preset-ui')).toContainText('An offline banner and a retry')
    await tabTo(page, 'panel-apply')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('panel-status')).toHaveText(`Preset offline applied (seed ${DEMO.seed}).`)
    await expectState(page, 'error')
    await expect(page.getByTestId('error-offline')).toBeVisible()
    expect(new URL(page.url()).searchParams.get('cognito-scenario')).toBe('offline')
    expect((await cognito.active()).map((layer) => layer.source)).toEqual(['offline', 'fresh-world'])

    await page.getByTestId('panel-preset').focus()
    await page.keyboard.type('happy')
    await expect(page.getByTestId('panel-preset')).toHaveValue('happy-path')
    await tabTo(page, 'panel-apply')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('panel-status')).toHaveText(`Preset happy-path applied (seed ${DEMO.seed}).`)
    await expectState(page, 'ready')
    expect(await renderedKeys(page)).toEqual(keys)
  })

  // With and without the fixture's own seed option: the fixture writes it before the first navigation only,
  // so the seed the app stores in localStorage survives the reload.
  for (const cognitoSeed of [undefined, DEMO.seed]) {
    test.describe(`cognitoSeed ${cognitoSeed ?? 'unset'}`, () => {
      test.use({ cognitoSeed })

      test('a new seed from the panel reloads the page into that world', async ({ page, cognito }) => {
        await cognito.goto('/?cognito-panel')
        await expectState(page, 'ready')
        await tabTo(page, 'panel-seed')
        await page.keyboard.press('ControlOrMeta+A')
        await page.keyboard.type('7')
        await tabTo(page, 'panel-apply')
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
        await cognito.ready()
        expect(await settled(page)).not.toBe('error')
        await expect(page.getByTestId('panel-status')).toHaveText('Preset happy-path, seed 7.')
        expect(await page.evaluate(() => JSON.parse(localStorage.getItem('cognito-device-mock') ?? '{}'))).toEqual({ seed: 7 })
        await expect(page.getByTestId('username')).not.toHaveText(DEMO.username)
      })
    })
  }
})
