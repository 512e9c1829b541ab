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

// Indices, not strings, so that a user agent is built once per combination and then shared (below).
const weightedPlatforms = platforms.map((p, i) => ({ value: i, weight: p.weight }))
const CHROME = 0
const EDGE = 1
const FIREFOX = 2
const SAFARI = 3
const otherBrowsers = [
  { value: CHROME, weight: 65 },
  { value: EDGE, weight: 12 },
  { value: FIREFOX, weight: 13 },
]
const macBrowsers = [...otherBrowsers, { value: SAFARI, weight: 25 }]

/**
 * The user agents made so far, by combination: a few hundred exist, and a world of 50,000 devices kept a
 * string of ~130 characters (built anew) for each.
 */
const userAgents = new Map<number, string>()

/** What a real client sends as DeviceName: mostly a browser's `navigator.userAgent` (WIRE §4). */
export function deviceName(faker: Faker): string {
  if (faker.datatype.boolean(0.08)) return faker.helpers.arrayElement(nonBrowserDeviceNames)
  const p = faker.helpers.weightedArrayElement(weightedPlatforms)
  const platform = platforms[p]!.ua
  const apple = platform.startsWith('iPhone') || platform.startsWith('iPad')
  const browser = apple ? SAFARI : faker.helpers.weightedArrayElement(platform.startsWith('Macintosh') ? macBrowsers : otherBrowsers)
  // faker.helpers.arrayElement's draw, as an index.
  const chrome = faker.number.int(chromeMajors.length - 1)
  const version = browser === FIREFOX ? faker.number.int(firefoxMajors.length - 1) : browser === SAFARI ? faker.number.int(safariVersions.length - 1) : 0
  const key = ((p * 4 + browser) * 16 + chrome) * 16 + version
  let name = userAgents.get(key)
  if (name === undefined) userAgents.set(key, (name = userAgent(platform, apple, browser, chromeMajors[chrome]!, version)))
  return name
}

function userAgent(platform: string, apple: boolean, browser: number, chrome: number, version: number): string {
  const mobile = platform.includes('Android') ? ' Mobile' : ''
  switch (browser) {
    case FIREFOX: {
      const v = firefoxMajors[version]!
      return `Mozilla/5.0 (${platform}; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`
    }
    case SAFARI: {
      const v = safariVersions[version]!
      return apple
        ? `Mozilla/5.0 (${platform}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Mobile/15E148 Safari/604.1`
        : `Mozilla/5.0 (${platform}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`
    }
    case EDGE:
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

