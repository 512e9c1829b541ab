/**
 * Worker-less mode: `routeCognito(context, mock)` answers Cognito through Playwright routing from a mock in
 * the test process. The demo app cannot run that way (it starts the mock's worker before rendering, and
 * shows its boot error when service workers are blocked), so the calls come from a minimal page on the
 * preview server's origin.
 */
import type { Page } from '@playwright/test'
import { expect, routeCognito, test } from '../src/playwright.ts'
import { createCognitoMock } from '../src/index.ts'
import { DEMO, demoWorld, watchConsole } from './support/app.ts'

const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/'

interface Answer {
  status: number
  errorType: string | null
  requestId: string | null
  body: string
}

/** A Cognito call from the page, as an SDK would send it (awsJson1_1, cross-origin with a preflight). */
function call(page: Page, operation: string, input: unknown): Promise<Answer> {
  return page.evaluate(
    async ({ endpoint, operation, input }) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
        body: JSON.stringify(input),
      })
      return {
        status: response.status,
        errorType: response.headers.get('x-amzn-errortype'),
        requestId: response.headers.get('x-amzn-requestid'),
        body: await response.text(),
      }
    },
    { endpoint: ENDPOINT, operation, input },
  )
}

/** The preview server's origin without the app: a blank document on it. */
async function minimalPage(page: Page): Promise<void> {
  await page.goto('/mockServiceWorker.js')
  await page.setContent('<!doctype html><title>route mode</title><p>No app, no worker.</p>')
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin)
}

test.use({ serviceWorkers: 'block' })

test('the demo app needs its worker: with service workers blocked it shows its boot error', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('boot-error')).toBeVisible()
  await expect(page.getByTestId('boot-error')).toContainText('The demo could not start')
})

test('routeCognito answers from the test process mock: state, scenarios and the request log are shared', async ({ page, context }) => {
  const { mock, pool, user, remembered } = demoWorld(DEMO.seed)
  await routeCognito(context, mock)
  const console = watchConsole(page)
  await minimalPage(page)
  expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull()
  const AccessToken = await mock.tokens.issue(pool.id, user.username)

  // The store answers: the user's remembered devices, first page.
  const list = await call(page, 'ListDevices', { AccessToken, Limit: 5 })
  expect(list.status).toBe(200)
  const page1 = JSON.parse(list.body) as { Devices: { DeviceKey: string }[]; PaginationToken?: string }
  expect(page1.Devices.map((d) => d.DeviceKey)).toEqual(remembered.slice(0, 5).map((d) => d.key))
  expect(page1.PaginationToken).toEqual(expect.any(String))

  // State changes made by the page are seen by the test, and the other way round.
  const forgotten = remembered[0]!.key
  const forget = await call(page, 'ForgetDevice', { AccessToken, DeviceKey: forgotten })
  expect(forget).toMatchObject({ status: 200, body: '' })
  expect(mock.devices.get(pool.id, user.username, forgotten)).toBeUndefined()
  const again = await call(page, 'GetDevice', { AccessToken, DeviceKey: forgotten })
  expect(again).toMatchObject({ status: 400, errorType: 'ResourceNotFoundException:' })
  expect(JSON.parse(again.body)).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' })

  // A scenario used in the test process answers the page.
  mock.scenarios.use('throttled')
  const throttled = await call(page, 'ListDevices', { AccessToken })
  expect(throttled).toMatchObject({ status: 400, errorType: 'TooManyRequestsException:' })
  mock.scenarios.use('offline')
  await expect(call(page, 'ListDevices', { AccessToken })).rejects.toThrow(/Failed to fetch/)
  mock.scenarios.reset()
  expect((await call(page, 'ListDevices', { AccessToken })).status).toBe(200)

  const log = mock.requests.list()
  expect(log.map((r) => [r.operation, r.errorType ?? r.status])).toEqual([
    ['ListDevices', 200],
    ['ForgetDevice', 200],
    ['GetDevice', 'ResourceNotFoundException'],
    ['ListDevices', 'TooManyRequestsException'],
    ['ListDevices', 'NetworkError'],
    ['ListDevices', 200],
  ])
  expect(log[2]!.requestId).toBe(again.requestId)
  // Only the expected failed-resource lines for the 4xx answers and the dropped connection.
  expect(console.problems([/^Failed to load resource: (the server responded with a status of 400|net::ERR_FAILED)/])).toEqual([])
})

test('routeCognito with an extra endpoint answers it like AWS', async ({ page, context }) => {
  const mock = createCognitoMock({ seed: DEMO.seed, endpoints: ['http://localhost:4566'] })
  await routeCognito(context, mock, { endpoints: ['http://localhost:4566'] })
  await minimalPage(page)
  const answer = await page.evaluate(async () => {
    const response = await fetch('http://localhost:4566/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      body: JSON.stringify({ AccessToken: 'not-a-token' }),
    })
    return { status: response.status, body: await response.json() }
  })
  expect(answer).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Invalid Access Token' } })
})

test('signInAs from route mode: the session is in the page\'s storage (or cookies) and its tokens answer', async ({ page, context }) => {
  const { mock, pool, user } = demoWorld(DEMO.seed)
  const route = await routeCognito(context, mock)
  const session = await route.signInAs(user.username, { device: 'remembered' })
  await minimalPage(page)
  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith('CognitoIdentityServiceProvider.'))))
  expect(stored).toEqual(session.storage)
  const token = stored[`CognitoIdentityServiceProvider.${session.clientId}.${user.username}.accessToken`]!
  const listed = await call(page, 'ListDevices', { AccessToken: token })
  expect(listed.status).toBe(200)
  expect((JSON.parse(listed.body) as { Devices: { DeviceKey: string }[] }).Devices.map((d) => d.DeviceKey)).toContain(session.device!.key)
  expect(mock.devices.get(pool.id, user.username, session.device!.key)?.rememberedStatus).toBe('remembered')

  await expect(route.signInAs(user.username, { storage: 'cookie' })).rejects.toThrow(/storage "cookie" needs the app's url/)
  await route.signInAs(user.username, { storage: 'cookie', url: test.info().project.use.baseURL! })
  const cookies = (await context.cookies()).filter((c) => c.name.startsWith('CognitoIdentityServiceProvider.'))
  expect(cookies).toHaveLength(6)
  expect(cookies.map(({ secure, sameSite, path }) => ({ secure, sameSite, path }))).toEqual(Array(6).fill({ secure: true, sameSite: 'Lax', path: '/' }))
  // The page reads them, as Amplify's cookie storage would (Secure cookies are sent to http://127.0.0.1).
  expect(await page.evaluate(() => document.cookie)).toContain(`.LastAuthUser=${user.username}`)
})
