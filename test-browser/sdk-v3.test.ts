import { CognitoIdentityProviderClient, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import mswPackage from 'msw/package.json' with { type: 'json' }
import { describe, expect, inject } from 'vitest'
import { LISTED_DEVICE_NAMES, test } from './fixtures.ts'

/**
 * The unmodified AWS SDK v3 in Chromium, answered by the library's service worker: the page's `fetch` goes to
 * https://cognito-idp.us-east-1.amazonaws.com/, the worker hands it to the mock in this page, and nothing leaves
 * the machine.
 */

const client = (maxAttempts = 3) => new CognitoIdentityProviderClient({ region: 'us-east-1', maxAttempts })

describe('AWS SDK v3 in the browser, answered by the worker', () => {
  test("the page is controlled by the worker script of this project's msw major", async () => {
    await expect.poll(() => navigator.serviceWorker.controller?.scriptURL).toBe(`${location.origin}/mockServiceWorker.js`)
    // The library and the tests import the msw the project says (msw2 is aliased), and the served worker script
    // is that same version: a mismatch would only be a console warning from msw, so it is checked here.
    expect(Number(mswPackage.version.split('.')[0])).toBe(inject('mswMajor'))
    const script = await (await fetch('/mockServiceWorker.js')).text()
    expect(script).toContain(`const PACKAGE_VERSION = '${mswPackage.version}'`)
  })

  test('ListDevices after cognito.signIn lists the seeded remembered devices, and the request log has the call', async ({ cognito }) => {
    const pool = cognito.pools.list()[0]!
    const { AccessToken } = await cognito.signIn(pool.id, 'ada.kim')

    const answer = await client().send(new ListDevicesCommand({ AccessToken, Limit: 60 }))

    expect(answer.Devices!.map((d) => d.DeviceAttributes!.find((a) => a.Name === 'device_name')?.Value).sort()).toEqual(LISTED_DEVICE_NAMES)
    const remembered = cognito.devices.list(pool.id, 'ada.kim').filter((d) => d.rememberedStatus === 'remembered')
    expect(answer.Devices!.map((d) => d.DeviceKey).sort()).toEqual(remembered.map((d) => d.key).sort())
    expect(answer.PaginationToken).toBeUndefined()
    // The answer came from this page's mock: its log has the call, under the request id the SDK saw.
    expect(cognito.requests.list()).toEqual([
      expect.objectContaining({ operation: 'ListDevices', status: 200, answeredBy: 'store', requestId: answer.$metadata.requestId }),
    ])
  })

  test('pagination with Limit walks every device once', async ({ cognito }) => {
    const pool = cognito.pools.list()[0]!
    const { AccessToken } = await cognito.signIn(pool.id, 'ada.kim')
    const keys: string[] = []
    let PaginationToken: string | undefined
    do {
      const page = await client().send(new ListDevicesCommand({ AccessToken, Limit: 1, PaginationToken }))
      keys.push(...page.Devices!.map((d) => d.DeviceKey!))
      PaginationToken = page.PaginationToken
    } while (PaginationToken)
    expect(keys).toHaveLength(LISTED_DEVICE_NAMES.length)
    expect(new Set(keys).size).toBe(keys.length)
    expect(cognito.requests.list().map((r) => `${r.operation} ${r.status}`)).toEqual(['ListDevices 200', 'ListDevices 200'])
    expect(cognito.requests.list().map((r) => (r.input as { Limit: number }).Limit)).toEqual([1, 1])
  })

  test('scenarios.use("access-token-expired"): ListDevices fails as Cognito does', async ({ cognito }) => {
    const pool = cognito.pools.list()[0]!
    const { AccessToken } = await cognito.signIn(pool.id, 'ada.kim')
    cognito.scenarios.use('access-token-expired')

    const error = await client().send(new ListDevicesCommand({ AccessToken })).catch((e: unknown) => e)

    expect(error).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired', $metadata: { httpStatusCode: 400 } })
    expect(cognito.requests.list()).toEqual([expect.objectContaining({ operation: 'ListDevices', status: 400, errorType: 'NotAuthorizedException', answeredBy: 'expired' })])
  })

  test('scenarios.use("throttled"): TooManyRequestsException on every attempt the SDK makes', async ({ cognito }) => {
    const pool = cognito.pools.list()[0]!
    const { AccessToken } = await cognito.signIn(pool.id, 'ada.kim')
    cognito.scenarios.use('throttled')

    const error = await client(2).send(new ListDevicesCommand({ AccessToken })).catch((e: unknown) => e)

    expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 400, attempts: 2 } })
    expect(cognito.requests.list().map((r) => `${r.operation} ${r.errorType}`)).toEqual([
      'ListDevices TooManyRequestsException',
      'ListDevices TooManyRequestsException',
    ])
  })

  test('each test starts from the seeded world: the scenario of the test before is gone', async ({ cognito }) => {
    expect(cognito.scenarios.active()).toEqual([])
    expect(cognito.requests.list()).toEqual([])
    const pool = cognito.pools.list()[0]!
    const { AccessToken } = await cognito.signIn(pool.id, 'ada.kim')
    const answer = await client().send(new ListDevicesCommand({ AccessToken }))
    expect(answer.Devices).toHaveLength(LISTED_DEVICE_NAMES.length)
  })
})
