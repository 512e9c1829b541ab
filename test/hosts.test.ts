import { ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCognitoMock, type CognitoMock } from '../src/index.ts'
import { jsonHeaders, sdkClient } from './support.ts'

/**
 * Every host the SDKs can send a Cognito user-pools call to is answered by the mock's MSW handlers; none is left
 * to the network. An outside probe found hosts of the other partitions, a fully qualified host and the hosted UI
 * passing through. With `onUnhandledRequest: 'error'` a request no handler takes fails `fetch`, so an answer
 * carrying Cognito's headers proves the mock took it.
 */

const apiHosts = [
  'cognito-idp.us-east-1.amazonaws.com',
  'cognito-idp-fips.us-east-2.amazonaws.com',
  'cognito-idp-fips.us-gov-west-1.amazonaws.com',
  'cognito-idp.us-gov-east-1.api.aws',
  'cognito-idp.cn-north-1.amazonaws.com.cn',
  'cognito-idp.cn-northwest-1.api.amazonwebservices.com.cn',
  'cognito-idp.eusc-de-east-1.amazonaws.eu',
  'cognito-idp-fips.eusc-de-east-1.api.amazonwebservices.eu',
  'cognito-idp.us-iso-east-1.c2s.ic.gov',
  'cognito-idp-fips.us-iso-west-1.api.aws.ic.gov',
  'cognito-idp.us-isob-east-1.sc2s.sgov.gov',
  'cognito-idp.us-isob-east-1.api.aws.scloud',
  'cognito-idp.eu-isoe-west-1.cloud.adc-e.uk',
  'cognito-idp-fips.eu-isoe-west-1.api.cloud-aws.adc-e.uk',
  'cognito-idp.us-isof-south-1.csp.hci.ic.gov',
  'cognito-idp.us-isof-east-1.api.aws.hci.ic.gov',
  'cognito-idp.us-east-1.amazonaws.com.',
  'cognito-idp-fips.us-isof-south-1.csp.hci.ic.gov.',
]

const hostedUiUrls = [
  'https://shop.auth.us-east-1.amazoncognito.com/oauth2/token',
  'https://shop.auth-fips.us-gov-west-1.amazoncognito.com/oauth2/authorize?client_id=x&response_type=code',
  'https://shop.auth.cn-north-1.amazoncognito.com.cn/login',
  'https://shop.auth.eu-west-1.amazoncognito.com./logout',
]

let cognito: CognitoMock
const server = setupServer()

beforeAll(() => {
  cognito = createCognitoMock({ seed: 5 })
  server.use(...cognito.handlers)
  // msw 3 calls it onUnhandledFrame, msw 2 onUnhandledRequest: give both so the file runs on either.
  server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never)
})

afterAll(() => server.close())

/** Cognito's answer shape: a request id, and for an error its type in the header and the body. */
async function expectCognitoAnswer(response: Response, what: string) {
  expect(response.headers.get('x-amzn-requestid'), what).toMatch(/^[0-9a-f-]{36}$/)
  const errorType = response.headers.get('x-amzn-errortype')
  if (response.status !== 200) {
    expect(errorType, what).toMatch(/^[\w#]+:/)
    expect((await response.json()).__type, what).toBe(errorType!.slice(0, -1))
  }
}

describe('every Cognito host is answered by the mock, never the network', () => {
  it('API hosts of every partition, FIPS, dual-stack and fully qualified', async () => {
    for (const host of apiHosts) {
      const url = `https://${host}/`
      const response = await fetch(url, { method: 'POST', headers: jsonHeaders('GetDevice'), body: '{}' })
      await expectCognitoAnswer(response, url)
      expect(response.status, url).toBe(400)
    }
  })

  it('a fully qualified host is its region’s endpoint: the region is read without the trailing dot', async () => {
    const pool = cognito.pools.list()[0]!
    const token = await cognito.tokens.issue(pool.id, cognito.users.list(pool.id)[0]!.username)
    const url = 'https://cognito-idp.us-east-1.amazonaws.com./'
    const response = await fetch(url, { method: 'POST', headers: jsonHeaders('ListDevices'), body: JSON.stringify({ AccessToken: token }) })
    // A region read as "us-east-1." would make the pool's token foreign there: Invalid Access Token.
    expect(response.status, await response.clone().text()).toBe(200)
    expect((await response.json()).Devices).toBeInstanceOf(Array)
  })

  it('the API hosts answer any method and path, as AWS does, rather than letting them through', async () => {
    for (const url of ['https://cognito-idp.eusc-de-east-1.amazonaws.eu/anything', 'https://cognito-idp.us-iso-east-1.c2s.ic.gov./?x=1']) {
      const response = await fetch(url, { method: 'PUT', body: 'x' })
      await expectCognitoAnswer(response, url)
    }
  })

  it('the hosted UI of a prefix domain answers loudly that the mock does not implement it', async () => {
    for (const url of hostedUiUrls) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' })
      expect(response.status, url).toBe(501)
      await expectCognitoAnswer(response, url)
      expect(response.headers.get('x-amzn-errortype'), url).toBe('CognitoDeviceMock#NotImplemented:')
    }
    const page = await fetch(hostedUiUrls[1]!)
    expect(page.status).toBe(501)
  })

  it('the SDK of another partition gets the mock’s answer (a token of a us-east-1 pool is unknown there)', async () => {
    const pool = cognito.pools.list()[0]!
    const token = await cognito.tokens.issue(pool.id, cognito.users.list(pool.id)[0]!.username)
    for (const [region, extra] of [['eusc-de-east-1', {}], ['us-isob-east-1', { useFipsEndpoint: true }], ['cn-north-1', { useDualstackEndpoint: true }]] as const) {
      const sent = sdkClient({ region, ...extra }).send(new ListDevicesCommand({ AccessToken: token }))
      await expect(sent, region).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' })
    }
  })

  it('a mock of a European Sovereign Cloud region answers its own SDK', async () => {
    const eusc = createCognitoMock({ seed: 5, region: 'eusc-de-east-1' })
    server.use(...eusc.handlers)
    try {
      const pool = eusc.pools.list()[0]!
      const user = eusc.users.list(pool.id)[0]!
      const token = await eusc.tokens.issue(pool.id, user.username)
      const { Devices } = await sdkClient({ region: 'eusc-de-east-1' }).send(new ListDevicesCommand({ AccessToken: token }))
      expect(Devices).toHaveLength(eusc.devices.list(pool.id, user.username).filter((d) => d.rememberedStatus === 'remembered').length)
    } finally {
      server.resetHandlers(...cognito.handlers)
    }
  })
})
