import type { Faker, LocaleDefinition } from '@faker-js/faker'
// The base locale's entry, not the package's: the package entry evaluates all ~70 locales (about 220 ms in
// Node against 27 ms, measured with faker 10.6), which every test file and every dev page would pay at start.
import { faker as baseFaker } from '@faker-js/faker/locale/base'
import { fail } from '../lib/errors.ts'
import { countingRandomizer, seedNumber, type CountingRandomizer, type Seed } from './seed.ts'
import { emailDomains, firstNames, lastNames } from './words.ts'

/** faker's class, reached through the base locale's instance (the locale entries export only an instance). */
const FakerClass = baseFaker.constructor as typeof Faker

/**
 * The default locale: the project's short word lists over faker's `base` (which has no people): what the
 * seeded world draws, and nothing that a page would load without using (decisions/0014-faker-at-run-time.md).
 */
export const projectLocale: LocaleDefinition = {
  metadata: { title: 'cognito-device-mock', code: 'cognito-device-mock' },
  person: {
    first_name: { generic: [...firstNames] },
    last_name: { generic: [...lastNames] },
  },
  internet: { example_email: [...emailDomains] },
}

/** A seeded faker and the randomizer under it, whose draw count an exact snapshot records. */
export interface CountedFaker {
  readonly faker: Faker
  readonly randomizer: CountingRandomizer
}

/**
 * Makes the mock's fakers: every one speaks the locale of `locale` (a user's `fakerDE`, or the project's light
 * default), each with a randomizer of its own seeded from `[seed, ...stream]`. The algorithms are always the
 * faker this library depends on; a user's instance lends its locale data only, so that its version or its
 * state never changes the seeded world.
 *
 * @example
 * const fakers = new Fakers(42, fakerDE)
 * fakers.stream([streams.runtime]).faker.internet.ipv4()
 */
export class Fakers {
  readonly seed: number
  /** The locale's code (`de`, `ja`, or `cognito-device-mock` for the default): part of a snapshot's origin. */
  readonly localeCode: string
  readonly #definitions: LocaleDefinition[]
  readonly #shared = new Map<string, Faker>()

  constructor(seed: Seed, locale?: Faker) {
    this.seed = seedNumber(seed)
    if (locale === undefined) {
      this.#definitions = [projectLocale, baseFaker.rawDefinitions]
      this.localeCode = 'cognito-device-mock'
    } else {
      const definitions = (locale as { rawDefinitions?: unknown } | null)?.rawDefinitions
      if (typeof definitions !== 'object' || definitions === null) {
        fail('the faker option takes a Faker instance, such as `fakerDE` from @faker-js/faker or `new Faker({ locale: [...] })`.', TypeError)
      }
      // The user's locale first; the project's lists and base fill what it lacks (a locale without people).
      this.#definitions = [definitions as LocaleDefinition, projectLocale, baseFaker.rawDefinitions]
      this.localeCode = (definitions as LocaleDefinition).metadata?.code ?? 'custom'
    }
  }

  /**
   * One faker per purpose to reseed again and again (`reseed`): making a Faker costs about 70 µs (its modules and the merged
   * locale), reseeding one a few operations, and the world reseeds for every pool, user and user's devices.
   */
  shared(purpose: 'world' | 'passwords'): Faker {
    let faker = this.#shared.get(purpose)
    if (!faker) this.#shared.set(purpose, (faker = this.stream([0]).faker))
    return faker
  }

  /** Puts `faker` (from `shared()`) at the start of `stream`. */
  reseed(faker: Faker, stream: readonly number[]): void {
    faker.seed([this.seed, ...stream])
  }

  /** A faker on its own stream, `skip` draws on (where an exact snapshot says the stream stood). */
  stream(stream: readonly number[], skip = 0): CountedFaker {
    const randomizer = countingRandomizer([this.seed, ...stream])
    randomizer.skip(skip)
    return { faker: new FakerClass({ locale: this.#definitions, randomizer }), randomizer }
  }
}
