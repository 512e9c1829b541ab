/**
 * A test's own world in the demo app (issue 10): the fixture's `cognitoWorld` option, `attachCognito(page,
 * { world })` and `?cognito-world=` replace the demo's world (DEMO_WORLD in e2e/app/src/main.tsx), as
 * `cognitoSeed` replaces its seed. Factories cannot cross into the page and fail fast in Node; in route mode
 * the mock lives in the test process, so they work there.
 */
import type { Page } from '@playwright/test'
import { attachCognito, expect, routeCognito, test } from '../src/playwright.ts'
import { createCognitoMock, type WorldOptions } from '../src/index.ts'
import { CONTROL_KEYS } from '../src/handle/control.ts'
import { expectState, pageUser, renderedDevices } from './support/app.ts'

/** One user with one remembered device: the demo signs in as the first user of the first pool. */
const ADA = { pools: [{ users: [{ username: 'ada', devices: [{ name: 'Ada’s MacBook', remembered: true }] }] }] } satisfies WorldOptions

/** The rows of the list once it is ready: what the signed-in user sees. */
async function shownDevices(page: Page) {
  await expectState(page, 'ready')
  return renderedDevices(page)
}

test.describe('the cognitoWorld option', () => {
  test.use({ cognitoWorld: ADA })

  test('replaces the demo’s world: the page signs in as ada and lists her one device', async ({ page, cognito }) => {
    await cognito.goto('/')
    const devices = await shownDevices(page)
    expect(devices.map((d) => [d.rawName, d.title])).toEqual([['Ada’s MacBook', 'Ada’s MacBook']])
    await expect(page.getByTestId('username')).toHaveText('ada')
    const { poolId, username } = await pageUser(cognito)
    expect(username).toBe('ada')
    expect(await cognito.state('users.list', poolId)).toHaveLength(1)
  })

  test('survives a reload: the demo’s persisted state belongs to the test’s world', async ({ page, cognito }) => {
    await cognito.goto('/')
    const [device] = await shownDevices(page)
    await page.getByTestId('device-item').first().getByTestId('device-forget').click()
    await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
    await expect.poll(() => page.evaluate((key) => sessionStorage.getItem(key) ?? '', CONTROL_KEYS.stateKey)).not.toContain(device!.key)
    await page.reload()
    await cognito.ready()
    await expectState(page, 'empty')
    await expect(page.getByTestId('username')).toHaveText('ada')
  })
})

test('attachCognito(page, { world }) with a seed: the same world as createCognitoMock grows in Node', async ({ page }) => {
  const world = { pools: [{ name: 'Acme', users: [{ username: 'grace', devices: [{ name: 'Kiosk', remembered: true }, { name: 'Phone', remembered: true }] }, 2] }] } satisfies WorldOptions
  const cognito = await attachCognito(page, { seed: 7, world })
  await cognito.goto('/')
  expect((await shownDevices(page)).map((d) => d.rawName).toSorted()).toEqual(['Kiosk', 'Phone'])
  const node = createCognitoMock({ seed: 7, world })
  const [pool] = node.pools.list()
  expect(await cognito.state('users.list', pool!.id)).toEqual(JSON.parse(JSON.stringify(node.users.list(pool!.id))))
})

test('?cognito-world= in the URL replaces the demo’s world too', async ({ page }) => {
  const cognito = await attachCognito(page)
  await cognito.goto(`/?${CONTROL_KEYS.worldParam}=${encodeURIComponent(JSON.stringify(ADA))}`)
  expect((await shownDevices(page)).map((d) => d.rawName)).toEqual(['Ada’s MacBook'])
})

test('cognito.use({ world }) re-seeds the page’s mock with a declarative world', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  await cognito.use({ name: 'ada’s world', rules: [], world: ADA })
  const { poolId, username } = await pageUser(cognito)
  expect(username).toBe('ada')
  expect(await cognito.state('devices.list', poolId, 'ada')).toMatchObject([{ name: 'Ada’s MacBook', rememberedStatus: 'remembered' }])
})

test('a world the page cannot take fails fast in Node, naming what to fix', async ({ page }) => {
  const factories = { ...ADA, device: () => ({ lastIp: '10.0.0.1' }) }
  await expect(attachCognito(page, { world: factories as never })).rejects.toThrow(
    /^\[cognito-device-mock\] attachCognito\(page, \{ world \}\): world\.device is a factory, and factories only work where the mock is created: .*routeCognito\(context, createCognitoMock\(\{ world \}\)\)/s,
  )
  const bad = { pools: [{ users: [{ username: 'ada', devices: [{ name: 'Kiosk', remembered: 'yes' }] }] }] }
  // The wording after the path is zod's where another module set zod's locale (Playwright does): the path is ours.
  await expect(attachCognito(page, { world: bad as never })).rejects.toThrow(
    /^\[cognito-device-mock\] attachCognito\(page, \{ world \}\): world is not a world description:\n {2}world\.pools\[0\]\.users\[0\]\.devices\[0\]\.remembered: .*expected/,
  )
  // Nothing was written for the page: it never loaded.
  expect(page.url()).toBe('about:blank')
})

test.describe('route mode', () => {
  test.use({ serviceWorkers: 'block' })

  test('routeCognito(context, createCognitoMock({ world })) runs the world’s factories in the test process', async ({ page, context }) => {
    const mock = createCognitoMock({ world: { ...ADA, device: ({ index }) => ({ lastIp: `10.0.0.${index + 1}` }) } })
    await routeCognito(context, mock)
    const [pool] = mock.pools.list()
    const token = await mock.tokens.issue(pool!.id, 'ada')
    // A blank document on the preview server's origin: the demo app needs its worker, blocked here.
    await page.goto('/mockServiceWorker.js')
    await page.setContent('<!doctype html><title>route mode</title>')
    const listed = await page.evaluate(async (accessToken) => {
      const response = await fetch('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
        body: JSON.stringify({ AccessToken: accessToken }),
      })
      return (await response.json()) as { Devices: { DeviceAttributes: { Name: string; Value: string }[] }[] }
    }, token)
    const attributes = listed.Devices.map((d) => Object.fromEntries(d.DeviceAttributes.map((a) => [a.Name, a.Value])))
    expect(attributes).toEqual([expect.objectContaining({ device_name: 'Ada’s MacBook', last_ip_used: '10.0.0.1' })])
  })
})
