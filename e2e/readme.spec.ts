// The README's Playwright example, line for line (test/readme-examples.test.ts keeps the two the same): only the
// import names this repository's source instead of the package.
import { test, expect } from '../src/playwright.ts'

test.use({ cognitoSeed: 7, cognitoScenario: 'happy-path' })   // Playwright options ({ option: true })

test('shows the offline banner', async ({ page, cognito }) => {
  await cognito.goto('/')                       // navigates and waits until the page's mock answers
  await cognito.use('offline')                  // same engine as cognito.scenarios.use in Node
  await page.getByTestId('refresh').click()
  await expect(page.getByTestId('error-offline')).toBeVisible()
  expect((await cognito.requests()).at(-1)).toMatchObject({ operation: 'ListDevices', status: 0 })
})
