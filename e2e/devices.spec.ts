/**
 * The device list against the seeded world: what it renders, pagination, and the actions (forget, stop
 * remembering, undo), checked in the page and in the page's mock.
 */
import { isIP } from 'node:net'
import { expect, test } from '../src/playwright.ts'
import type { RequestRecord } from '../src/index.ts'
import {
  DATE_TEXT,
  DEMO,
  demoWorld,
  loadEverything,
  pageUser,
  renderedDevices,
  renderedKeys,
  expectState,
  watchConsole,
} from './support/app.ts'

/** The app's date format (e2e/app/src/lib/format.ts), computed here independently of the page. */
const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const shown = (epochMs: number) => `${utc.format(new Date(epochMs))} UTC`
const iso = (epochMs: number) => new Date(epochMs).toISOString()

test.use({ cognitoSeed: DEMO.seed })

test('happy path: the first page shows the seeded devices with their names, IPs and dates', async ({ page, cognito }) => {
  const console = watchConsole(page)
  await cognito.goto('/')
  await expectState(page, 'ready')

  // The same seed gives the same world in Node: the page must show exactly that.
  const world = demoWorld(DEMO.seed)
  expect(world.user.username).toBe(DEMO.username)
  expect(world.remembered).toHaveLength(DEMO.remembered)
  await expect(page.getByTestId('username')).toHaveText(DEMO.username)
  await expect(page.getByTestId('pool-id')).toHaveText(world.pool.id)
  await expect(page.getByRole('list', { name: 'Remembered devices' })).toBeVisible()
  await expect(page.getByTestId('devices-count')).toHaveText(`${DEMO.pageSize} devices shown`)
  await expect(page.getByTestId('load-more')).toBeEnabled()

  const rows = await renderedDevices(page)
  const expected = world.remembered.slice(0, DEMO.pageSize)
  expect(rows.map((row) => row.key)).toEqual(expected.map((device) => device.key))
  for (const [index, row] of rows.entries()) {
    const device = expected[index]!
    const where = `row ${index} (${device.key})`
    expect(row.rawName, where).toBe(device.name ?? '(none)')
    expect(row.title, where).toBe(device.name ?? 'This device was confirmed without a name')
    expect(row.label, where).not.toBe('')
    if (device.name?.startsWith('Mozilla/')) {
      // A user agent is shown as "Browser N on OS", never raw.
      expect(row.label, where).toMatch(/^\S.* on \S.*$/)
      expect(row.label, where).not.toContain('Mozilla')
    }
    expect(row.ip, where).toBe(device.lastIp)
    expect(isIP(row.ip), `${where}: ${row.ip} is an IPv4 or IPv6 address`).not.toBe(0)
    expect(row.lastUsedIso, where).toBe(iso(device.lastAuthenticatedAt))
    expect(row.createdIso, where).toBe(iso(device.createdAt))
    expect(row.modifiedIso, where).toBe(iso(device.lastModifiedAt))
    for (const text of [row.lastUsed, row.created, row.modified]) expect(text, where).toMatch(DATE_TEXT)
    expect(row.lastUsed, where).toBe(shown(device.lastAuthenticatedAt))
    expect(row.created, where).toBe(shown(device.createdAt))
    expect(row.modified, where).toBe(shown(device.lastModifiedAt))
  }

  // One call, answered by the store (no rule), with the app's page size and the token masked in the log.
  const requests = await cognito.requests()
  expect(requests.map(({ operation, status, answeredBy }) => ({ operation, status, answeredBy }))).toEqual([
    { operation: 'ListDevices', status: 200, answeredBy: 'store' },
  ])
  expect(requests[0]!.input).toEqual({ AccessToken: '***', Limit: DEMO.pageSize })

  // The happy path logs nothing: no error, no warning (MSW's worker mismatch warning included).
  expect(console.problems()).toEqual([])
})

test('pagination: "Load more" reaches every seeded device once, then list-end', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  await expect(page.getByTestId('list-end')).toHaveCount(0)

  expect(await loadEverything(page)).toBe(Math.ceil(DEMO.remembered / DEMO.pageSize) - 1)
  await expect(page.getByTestId('list-end')).toHaveText('That’s every remembered device.')
  await expect(page.getByTestId('load-more')).toHaveCount(0)
  await expect(page.getByTestId('devices-count')).toHaveText(`${DEMO.remembered} devices`)

  const keys = await renderedKeys(page)
  expect(new Set(keys).size).toBe(keys.length)
  expect(keys).toEqual(demoWorld(DEMO.seed).remembered.map((device) => device.key))

  // Every page after the first was asked for with the cursor of the page before.
  const lists = (await cognito.requests()).filter((r) => r.operation === 'ListDevices')
  expect(lists).toHaveLength(Math.ceil(DEMO.remembered / DEMO.pageSize))
  expect(lists[0]!.input).not.toHaveProperty('PaginationToken')
  for (const later of lists.slice(1)) expect(later.input).toMatchObject({ Limit: DEMO.pageSize, PaginationToken: expect.any(String) })
})

test.describe('pagination over many pages (many-devices)', () => {
  test.use({ cognitoScenario: 'many-devices' })

  test('the counts add up and no device key repeats', async ({ page, cognito }) => {
    await cognito.goto('/')
    await expectState(page, 'ready')
    const { poolId, username } = await pageUser(cognito)
    const all = await cognito.state('devices.list', poolId, username)
    const remembered = all.filter((device) => device.rememberedStatus === 'remembered')
    // The preset's world: 130–150 devices, all remembered.
    expect(remembered.length).toBeGreaterThanOrEqual(130)
    expect(remembered.length).toBeLessThanOrEqual(150)

    const pages = await loadEverything(page)
    expect(pages).toBe(Math.ceil(remembered.length / DEMO.pageSize) - 1)
    const keys = await renderedKeys(page)
    expect(keys).toHaveLength(remembered.length)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toEqual(remembered.map((device) => device.key))
    await expect(page.getByTestId('devices-count')).toHaveText(`${remembered.length} devices`)
    expect((await cognito.requests()).filter((r) => r.operation === 'ListDevices' && r.status === 200)).toHaveLength(pages + 1)
  })
})

test('forget: the device leaves the list and the mock; Refresh keeps it gone', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  const { poolId, username } = await pageUser(cognito)
  const [first] = await renderedDevices(page)
  const row = page.locator(`[data-testid="device-item"][data-device-key="${first!.key}"]`)

  await row.getByTestId('device-forget').click()
  await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
  await expect(page.getByTestId('notice')).toContainText(`${first!.label} was forgotten`)
  await expect(row).toHaveCount(0)
  await expect(page.getByTestId('devices-count')).toHaveText(`${DEMO.pageSize - 1} devices shown`)
  expect(await cognito.state('devices.get', poolId, username, first!.key)).toBeNull()
  const forget = (await cognito.requests()).find((r) => r.operation === 'ForgetDevice')
  expect(forget).toMatchObject({ status: 200, answeredBy: 'store', input: { DeviceKey: first!.key } })

  // Refresh reads the list again from the page's mock: the device stays gone, every other one is still there.
  await page.getByTestId('refresh').click()
  await expectState(page, 'ready')
  await expect(page.getByTestId('notice')).toHaveCount(0)
  await loadEverything(page)
  const after = await renderedKeys(page)
  expect(after).not.toContain(first!.key)
  expect(after).toHaveLength(DEMO.remembered - 1)
  // A page reload keeps it gone too: e2e/persistence.spec.ts.
})

test('stop remembering, then Undo: the device comes back in place with a newer modified date', async ({ page, cognito }) => {
  await cognito.goto('/')
  await expectState(page, 'ready')
  const { poolId, username } = await pageUser(cognito)
  const before = await renderedDevices(page)
  const target = before[2]!
  const row = page.locator(`[data-testid="device-item"][data-device-key="${target.key}"]`)

  await row.getByTestId('device-unremember').click()
  const notice = page.getByTestId('notice')
  await expect(notice).toHaveAttribute('data-kind', 'unremembered')
  await expect(row).toHaveCount(0)
  expect(await cognito.state('devices.get', poolId, username, target.key)).toMatchObject({ rememberedStatus: 'not_remembered' })

  await notice.getByTestId('notice-undo').click()
  await expect(notice).toHaveAttribute('data-kind', 'restored')
  await expect(notice).toContainText(`${target.label} is remembered again.`)
  const after = await renderedDevices(page)
  expect(after.map((d) => d.key)).toEqual(before.map((d) => d.key))
  const restored = after[2]!
  expect(restored.createdIso).toBe(target.createdIso)
  expect(Date.parse(restored.modifiedIso!)).toBeGreaterThan(Date.parse(target.modifiedIso!))
  const record = await cognito.state('devices.get', poolId, username, target.key)
  expect(record).toMatchObject({ rememberedStatus: 'remembered' })
  expect(restored.modifiedIso).toBe(new Date(record!.lastModifiedAt).toISOString())

  const calls = (await cognito.requests()).map((r: RequestRecord) => [r.operation, r.status, (r.input as { DeviceRememberedStatus?: string }).DeviceRememberedStatus])
  expect(calls).toEqual([
    ['ListDevices', 200, undefined],
    ['UpdateDeviceStatus', 200, 'not_remembered'],
    ['UpdateDeviceStatus', 200, 'remembered'],
    ['GetDevice', 200, undefined],
  ])
})
