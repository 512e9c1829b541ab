/**
 * The bundle-size fix that bench/browser.ts measures and checks (a proposal, not used by the library):
 * `src/state/random.ts` could build its generators on faker's `SimpleFaker` (no locale data, no locale
 * modules) instead of `new Faker({ locale: [base] })`. The mock calls only SimpleFaker's modules (datatype,
 * helpers, number, string) plus `internet.ipv4()` and `internet.ipv6()`, re-implemented here exactly as
 * faker 10 does them (same calls on the same seeded stream), so every seeded value stays byte-identical.
 */
import { SimpleFaker } from '@faker-js/faker'

export class Faker extends SimpleFaker {
  readonly internet = {
    /** faker's `internet.ipv4()` with the default network ('0.0.0.0/0'): one `number.int(2^32 - 1)`. */
    ipv4: (): string => {
      const ip = this.number.int(0xffffffff)
      return [(ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.')
    },
    /** faker's `internet.ipv6()`: eight lower-case 4-digit hex groups. */
    ipv6: (): string => Array.from({ length: 8 }, () => this.string.hexadecimal({ length: 4, casing: 'lower', prefix: '' })).join(':'),
  }

  // `new Faker({ locale: [base] })`: the locale is not needed.
  constructor(_options?: unknown) {
    super()
  }
}

/** Stands in for faker's `base` locale definitions, which the shim does not need. */
export const base = {}
