/**
 * The same seed renders the same page, byte for byte, in fresh browser contexts; another seed does not.
 * Uses the fixture-less `attachCognito` on contexts the test creates itself.
 */
import type { Browser, BrowserContextOptions, Page } from '@playwright/test'
import { attachCognito, expect, test } from '../src/playwright.ts'
import type { ScenarioInput } from '../src/index.ts'
import { DEMO, expectState, loadEverything, renderedKeys } from './support/app.ts'

interface Rendering {
  keys: string[]
  /** The list's visible text. */
  text: string
  /** PNG of the list element. */
  png: Buffer
  requests: unknown[]
}

/** Opens the demo in a fresh context with `seed` (and `scenario`), optionally acts, and captures the list. */
async function render(
  browser: Browser,
  options: BrowserContextOptions,
  seed: number,
  { scenario, act }: { scenario?: ScenarioInput; act?: (page: Page) => Promise<void> } = {},
): Promise<Rendering> {
  const context = await browser.newContext(options)
  try {
    const page = await context.newPage()
    const cognito = await attachCognito(page, { seed, ...(scenario ? { scenario } : {}) })
    await cognito.goto('/')
    await expectState(page, 'ready')
    await act?.(page)
    const list = page.getByTestId('devices')
    await expect(list).toHaveAttribute('aria-busy', 'false')
    // Nothing hovered or focused: the screenshot shows the list at rest.
    await page.mouse.move(0, 0)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    return {
      keys: await renderedKeys(page),
      text: await list.innerText(),
      png: await list.screenshot({ animations: 'disabled', caret: 'hide' }),
      requests: await cognito.requests(),
    }
  } finally {
    await context.close()
  }
}

test('the same seed renders the same list in two fresh contexts: keys, text and pixels', async ({ browser }, testInfo) => {
  const { baseURL, viewport, locale, timezoneId } = testInfo.project.use
  const options = { baseURL, viewport, locale, timezoneId }
  const first = await render(browser, options, DEMO.seed)
  const second = await render(browser, options, DEMO.seed)
  expect(first.keys).toHaveLength(DEMO.pageSize)
  expect(second.keys).toEqual(first.keys)
  expect(second.text).toBe(first.text)
  expect(second.png.length).toBeGreaterThan(1000)
  expect(second.png.equals(first.png), 'the two screenshots of the list are byte-identical').toBe(true)
  expect(second.requests).toEqual(first.requests)

  const other = await render(browser, options, 7)
  expect(other.keys).not.toEqual(first.keys)
  expect(other.keys.filter((key) => first.keys.includes(key))).toEqual([])
  expect(other.text).not.toBe(first.text)
  expect(other.png.equals(first.png)).toBe(false)
})

test('a flaky session replays identically: same failures, same request ids, same page', async ({ browser }, testInfo) => {
  const { baseURL, viewport, locale, timezoneId } = testInfo.project.use
  const options = { baseURL, viewport, locale, timezoneId }
  /** Pages through the list, then forgets the first device (the SDK's retries absorb the flaky failures). */
  const session = async (page: Page) => {
    await loadEverything(page)
    await page.getByTestId('device-item').first().getByTestId('device-forget').click()
    await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'forgotten')
  }
  const first = await render(browser, options, DEMO.seed, { scenario: 'flaky', act: session })
  const second = await render(browser, options, DEMO.seed, { scenario: 'flaky', act: session })
  const failures = first.requests.filter((r) => (r as { answeredBy: string }).answeredBy !== 'store')
  expect(failures.length, 'the flaky preset failed some calls').toBeGreaterThan(0)
  expect(second.requests).toEqual(first.requests)
  expect(second.keys).toEqual(first.keys)
  expect(second.text).toBe(first.text)
})
