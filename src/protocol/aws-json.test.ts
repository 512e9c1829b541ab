import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cognitoHostPattern, cognitoHostPatterns, endpointOf } from './aws-json.ts'

/** The region of an API endpoint URL, as the pipeline reads it (hosted UI and custom URLs have none). */
const endpointRegion = (url: string) => {
  const endpoint = endpointOf(url)
  return endpoint?.kind === 'api' ? endpoint.region : undefined
}

/**
 * An outside probe found Cognito hosts the patterns missed (other partitions' regions and DNS suffixes, a fully
 * qualified host, the hosted UI): each would have reached the network. The hosts here come from the SDK's own
 * endpoint rules, so a partition added to the SDK shows up as a failure.
 */

/** Every region of every partition in the SDK's partitions data (pseudo-regions such as `aws-global` left out). */
async function sdkRegions(): Promise<string[]> {
  const root = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'))
  const file = join(root, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js')
  const { partitionsInfo } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
    partitionsInfo: { partitions: { regions: Record<string, unknown> }[] }
  }
  return partitionsInfo.partitions.flatMap((p) => Object.keys(p.regions)).filter((region) => !region.endsWith('-global'))
}

/** The URL the Cognito client's endpoint rules resolve for a region, FIPS and dual-stack on or off. */
function sdkEndpoint(region: string, fips: boolean, dualStack: boolean): string {
  const client = new CognitoIdentityProviderClient({ region })
  const provider = client.config.endpointProvider as (params: Record<string, unknown>) => { url: URL }
  return provider({ Region: region, UseFIPS: fips, UseDualStack: dualStack }).url.href
}

const matchesAny = (url: string) => cognitoHostPatterns.some((pattern) => pattern.test(url))

describe('Cognito API hosts', () => {
  it('every host the SDK resolves, in every partition, FIPS and dual-stack, is a Cognito API endpoint of its region', async () => {
    const regions = await sdkRegions()
    expect(regions).toEqual(expect.arrayContaining(['eusc-de-east-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'cn-north-1', 'us-gov-west-1']))
    const hosts = new Set<string>()
    for (const region of regions) {
      for (const fips of [false, true]) {
        for (const dualStack of [false, true]) {
          const url = sdkEndpoint(region, fips, dualStack)
          hosts.add(new URL(url).host.replace(region, '{region}'))
          for (const variant of [url, `${url}?x=1`, url.replace(/\/$/, ':443/some/path'), url.replace('https:', 'http:')]) {
            expect(matchesAny(variant), variant).toBe(true)
            expect(cognitoHostPattern.test(variant), variant).toBe(true)
            expect(endpointOf(variant), variant).toEqual({ kind: 'api', region })
            expect(endpointRegion(variant), variant).toBe(region)
          }
        }
      }
    }
    // Every partition's suffix pair was exercised, not only the commercial one.
    expect([...hosts].sort()).toEqual(expect.arrayContaining([
      'cognito-idp-fips.{region}.api.amazonwebservices.eu',
      'cognito-idp.{region}.sc2s.sgov.gov',
      'cognito-idp.{region}.api.cloud-aws.adc-e.uk',
      'cognito-idp-fips.{region}.api.aws.hci.ic.gov',
      'cognito-idp.{region}.api.amazonwebservices.com.cn',
    ]))
  })

  it('a fully qualified host (trailing dot) is the same endpoint, its region without the dot', () => {
    for (const url of [
      'https://cognito-idp.us-east-1.amazonaws.com./',
      'https://cognito-idp-fips.us-gov-west-1.amazonaws.com.:443/',
      'https://cognito-idp.eusc-de-east-1.amazonaws.eu./path?q=1',
    ]) {
      const href = new URL(url).href
      expect(matchesAny(href), href).toBe(true)
      expect(endpointOf(href)?.region, href).toBe(new URL(href).hostname.split('.')[1])
      expect(endpointOf(href)?.region.endsWith('.'), href).toBe(false)
    }
  })

  it('regions the SDK does not list yet, in a known partition shape, are still recognised', () => {
    expect(endpointOf('https://cognito-idp.ap-southeast-9.amazonaws.com/')).toEqual({ kind: 'api', region: 'ap-southeast-9' })
    expect(endpointOf('https://cognito-idp.eusc-fr-south-1.amazonaws.eu/')).toEqual({ kind: 'api', region: 'eusc-fr-south-1' })
  })
})

describe('hosted UI hosts', () => {
  it('a prefix domain in every form Cognito documents is the hosted UI of its region, never an API endpoint', () => {
    for (const [url, region] of [
      ['https://shop.auth.us-east-1.amazoncognito.com/oauth2/token', 'us-east-1'],
      ['https://my-app-42.auth.ap-south-1.amazoncognito.com/login?response_type=code&client_id=x', 'ap-south-1'],
      ['https://gov.auth-fips.us-gov-west-1.amazoncognito.com/oauth2/authorize', 'us-gov-west-1'],
      ['https://shop.auth.cn-north-1.amazoncognito.com.cn/oauth2/userInfo', 'cn-north-1'],
      ['https://shop.auth.eu-west-1.amazoncognito.com./logout', 'eu-west-1'],
      ['https://a.auth.us-east-1.amazoncognito.com', 'us-east-1'],
    ] as const) {
      const href = new URL(url).href
      expect(matchesAny(href), href).toBe(true)
      expect(cognitoHostPattern.test(href), href).toBe(true)
      expect(endpointOf(href), href).toEqual({ kind: 'hosted-ui', region })
      expect(endpointRegion(href), href).toBeUndefined()
    }
  })
})

describe('lookalikes', () => {
  it('hosts that merely resemble Cognito, or carry its name elsewhere in the URL, are not Cognito', () => {
    for (const url of [
      'https://cognito-idp.us-east-1.amazonaws.com.evil.com/',
      'https://cognito-idp.us-east-1.amazonaws.com.evil.com./',
      'https://cognito-identity.us-east-1.amazonaws.com/',
      'https://cognito-sync.us-east-1.amazonaws.com/',
      'https://xcognito-idp.us-east-1.amazonaws.com/',
      'https://a.cognito-idp.us-east-1.amazonaws.com/',
      'https://cognito-idp.us-east-1a.amazonaws.com/',
      'https://cognito-idp.us-east-1.amazonaws.co/',
      'https://cognito-idp.us-east-1.amazonaws.com.cn.evil.com/',
      'https://cognito-idp.us-east-1.api.aws.evil.com/',
      'https://cognito-idp.us-east-1.amazonaws.eu.com/',
      'https://cognito-idp.amazonaws.com/',
      'https://evil.com/cognito-idp.us-east-1.amazonaws.com/',
      'https://evil.com/?next=https://cognito-idp.us-east-1.amazonaws.com/',
      'https://evil.com#https://cognito-idp.us-east-1.amazonaws.com/',
      'https://cognito-idp.us-east-1.amazonaws.com@evil.com/',
      'ftp://cognito-idp.us-east-1.amazonaws.com/',
      'https://auth.us-east-1.amazoncognito.com/',
      'https://shop.auth.us-east-1.amazoncognito.com.evil.com/',
      'https://-shop.auth.us-east-1.amazoncognito.com/',
      'https://shop.auth.us-east-1.amazoncognito.cn/',
      'https://shop.auth.amazoncognito.com/',
      'https://shop.login.us-east-1.amazoncognito.com/',
      'https://amazon-cognito-assets.us-east-1.amazoncognito.com/x.js',
      'http://localhost:4566/',
    ]) {
      expect(matchesAny(url), url).toBe(false)
      expect(cognitoHostPattern.test(url), url).toBe(false)
      expect(endpointOf(url), url).toBeUndefined()
      expect(endpointRegion(url), url).toBeUndefined()
    }
  })
})
