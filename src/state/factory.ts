import type { Faker } from '@faker-js/faker'
import {
  chromeMajors,
  firefoxMajors,
  nonBrowserDeviceNames,
  platforms,
  poolNameSuffixes,
  poolNameWords,
  safariVersions,
} from './words.ts'

/**
 * Generators for values that look like the real service's, through faker's public API. Each takes the faker
 * stream to draw from, so the seeded world and runtime calls (a new device key at sign-in) never share one.
 */

// ---------------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------------

/** `us-east-1_AbC123xYz`: region, underscore, nine alphanumerics. */
export function userPoolId(faker: Faker, region: string): string {
  return `${region}_${faker.string.alphanumeric({ length: 9, casing: 'mixed' })}`
}

/** App client ids are 26 lowercase alphanumerics. */
export function appClientId(faker: Faker): string {
  return faker.string.alphanumeric({ length: 26, casing: 'lower' })
}

/** `{region}_{lowercase uuid v4}`, as real device keys (WIRE §3). */
export function deviceKey(faker: Faker, region: string): string {
  return `${region}_${faker.string.uuid()}`
}

/** `-lt0cpemm`: a dash and eight lowercase alphanumerics (WIRE §5). */
export function deviceGroupKey(faker: Faker): string {
  return `-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`
}

export function uuid(faker: Faker): string {
  return faker.string.uuid()
}

// ---------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------

/** A person of the faker's locale: a username from their name, and an email of that username at an example domain. */
export function person(faker: Faker): { username: string; email: string } {
  const username = faker.internet.username({ firstName: faker.person.firstName(), lastName: faker.person.lastName() })
  const domain = faker.helpers.arrayElement(faker.definitions.internet.example_email)
  return { username, email: `${username.replace(/[^\w.+-]/g, '')}@${domain}` }
}

export function poolName(faker: Faker): string {
  return `${faker.helpers.arrayElement(poolNameWords)}-${faker.helpers.arrayElement(poolNameSuffixes)}`
}

// ---------------------------------------------------------------------------------------------------
// Devices
// ---------------------------------------------------------------------------------------------------

const weightedPlatforms = platforms.map((p) => ({ value: p.ua, weight: p.weight }))
const otherBrowsers = [
  { value: 'chrome', weight: 65 },
  { value: 'edge', weight: 12 },
  { value: 'firefox', weight: 13 },
]
const macBrowsers = [...otherBrowsers, { value: 'safari', weight: 25 }]

/** What a real client sends as DeviceName: mostly a browser's `navigator.userAgent` (WIRE §4). */
export function deviceName(faker: Faker): string {
  if (faker.datatype.boolean(0.08)) return faker.helpers.arrayElement(nonBrowserDeviceNames)
  const platform = faker.helpers.weightedArrayElement(weightedPlatforms)
  const apple = platform.startsWith('iPhone') || platform.startsWith('iPad')
  const browser = apple ? 'safari' : faker.helpers.weightedArrayElement(platform.startsWith('Macintosh') ? macBrowsers : otherBrowsers)
  const chrome = faker.helpers.arrayElement(chromeMajors)
  const mobile = platform.includes('Android') ? ' Mobile' : ''
  switch (browser) {
    case 'firefox': {
      const v = faker.helpers.arrayElement(firefoxMajors)
      return `Mozilla/5.0 (${platform}; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`
    }
    case 'safari': {
      const v = faker.helpers.arrayElement(safariVersions)
      return apple
        ? `Mozilla/5.0 (${platform}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Mobile/15E148 Safari/604.1`
        : `Mozilla/5.0 (${platform}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`
    }
    case 'edge':
      return `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0${mobile} Safari/537.36 Edg/${chrome}.0.0.0`
    default:
      return `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0${mobile} Safari/537.36`
  }
}

/** `last_ip_used`: IPv4 mostly, IPv6 for about a quarter of devices. */
export function ipAddress(faker: Faker): string {
  return faker.datatype.boolean(0.25) ? faker.internet.ipv6() : faker.internet.ipv4()
}

/** `dev:device_sdk` (WIRE §4). */
export function deviceSdk(faker: Faker): string {
  return faker.datatype.boolean(0.85) ? 'aws-sdk' : 'aws-sdk-unknown-unknown'
}

