import { fail } from '../lib/errors.ts'
import { isRegionName } from '../lib/regions.ts'
import { Clock, toEpochMilliseconds, type ClockMode } from './clock.ts'
import type { OperationContext } from './context.ts'
import type { Faker } from '@faker-js/faker'
import { checkDraws, countedUuids, type Counted } from './draw-count.ts'
import { Fakers, type CountedFaker } from './faker.ts'
import { PageTokens } from './page-tokens.ts'
import { seededPassword } from './passwords.ts'
import { streams, type Seed } from './seed.ts'
import { Store } from './store.ts'
import { TokenSigner } from './tokens.ts'
import type { ExactPosition, StoreSnapshot } from './types.ts'
import { growWorld } from './world.ts'
import { describeWorld, type WorldDescription } from './world-description.ts'
import { checkWorld, type WorldOptions } from './world-spec.ts'

/** What a runtime is made from: the options of `createCognitoMock` that shape state, checked. */
export interface RuntimeOptions {
  /** Seeds the world and every generated value (default 1). The same seed gives byte-identical answers. */
  seed?: Seed
  /** The reference date: seeded data lies before it and the logical clock starts at it (default 2026-01-15T09:30:00Z). */
  now?: Date | number | string
  /** `logical` (default): deterministic time; `wall`: real time, for demos. */
  clock?: ClockMode
  /** Region of the seeded pools and default region of new ones (default `us-east-1`). */
  region?: string
  /** Twelve-digit account id in device ARNs (default `123456789012`). */
  accountId?: string
  /**
   * The seeded world: its shape (default: one pool, five users, 0–8 devices each), or the pools, users and
   * devices themselves, partly described, with factories for the rest.
   */
  world?: WorldOptions
  /**
   * The locale the seeded world speaks: a Faker instance such as `fakerDE` (its locale data are used; the
   * draws stay the library's own). Default: a light locale of the project's names over faker's `base`.
   */
  faker?: Faker
}

const DEFAULT_NOW = '2026-01-15T09:30:00.000Z'

/**
 * Everything an answer reads or changes, and nothing about requests: the store, the clock, the seeded streams
 * and the signers, with the verbs that move all of them together (seed, snapshot, restore). The pipeline and
 * the handle share one runtime; operations see it through an `OperationContext`. Nothing is seeded until
 * `seedWorld()` and `restartRequestIds()` run (what `reset()` does), so construction costs no draws.
 *
 * @example
 * const runtime = new Runtime({ seed: 42 })
 * runtime.seedWorld()
 * runtime.restartRequestIds()
 * const ctx = runtime.context(undefined)
 */
export class Runtime {
  readonly seed: Seed
  readonly region: string
  readonly accountId: string
  /** The reference date (epoch ms): seeded data lies before it and the clock starts at it. */
  readonly reference: number
  readonly clockMode: ClockMode
  readonly store = new Store()
  readonly tokens: TokenSigner
  readonly pages: PageTokens
  clock!: Clock
  /** The seeded fakers, in the locale of the `faker` option. */
  readonly fakers: Fakers
  /** New keys, token ids, secrets: seeded, separate from the world's stream. */
  get random(): Faker {
    return this.#streams.runtime.faker
  }
  /** Scenario probabilities: a stream of their own, so that a flaky rule moves no seeded key. */
  get scenarioRandom(): Faker {
    return this.#streams.scenarios.faker
  }
  /** The world last seeded (the `world` option, or it with a scenario's over it), as JSON: part of an exact snapshot's origin. */
  world: WorldDescription
  /** The `world` option, checked once: what `seedWorld()` grows without an override. */
  readonly #baseWorld: WorldOptions
  #streams!: { runtime: CountedFaker; scenarios: CountedFaker }
  #requestIds!: Counted<() => string>

  constructor(options: RuntimeOptions = {}) {
    this.seed = options.seed ?? 1
    this.region = options.region ?? 'us-east-1'
    if (!isRegionName(this.region)) fail(`region "${this.region}" is not an AWS region name such as "us-east-1".`)
    this.accountId = options.accountId ?? '123456789012'
    if (!/^\d{12}$/.test(this.accountId)) fail(`accountId must be twelve digits, got "${this.accountId}".`)
    this.reference = toEpochMilliseconds(options.now ?? DEFAULT_NOW)
    this.clockMode = options.clock ?? 'logical'
    this.#baseWorld = checkWorld(options.world)
    this.world = describeWorld(this.#baseWorld)
    this.fakers = new Fakers(this.seed, options.faker)
    this.tokens = new TokenSigner(String(this.seed))
    this.pages = new PageTokens(String(this.seed))
  }

  /** Empties the store and grows the seeded world again (the base world, or it with `override`'s keys over it). */
  seedWorld(override?: WorldOptions): void {
    this.prepareWorld(override)()
  }

  /**
   * The world grown and checked (it throws here, before anything changes), and what then seeds it: empties the
   * store, restarts the clock and the runtime streams, and plants it.
   */
  prepareWorld(override?: WorldOptions): () => void {
    const world = override ? { ...this.#baseWorld, ...checkWorld(override, 'scenario') } : this.#baseWorld
    const plant = growWorld(world, { fakers: this.fakers, now: this.reference, region: this.region, password: (pool, user) => this.password(pool, user) })
    return () => {
      this.store.clear()
      this.clock = new Clock(this.reference, this.clockMode)
      this.#startStreams()
      this.world = describeWorld(world)
      plant(this.store)
    }
  }

  /** The seeded password of a user made without one (the same for the same seed, pool and username). */
  password(poolId: string, username: string): string {
    return seededPassword(this.fakers, poolId, username)
  }

  /** Request ids from their seeding, `at` ids on. Only a reset restarts them: a re-seeded world keeps them unique. */
  restartRequestIds(at = 0): void {
    this.#requestIds = countedUuids(this.seed, streams.requestIds, at)
  }

  nextRequestId(): string {
    return this.#requestIds.stream()
  }

  /** What an operation may read and change, for a call received at `endpointRegion` (undefined: a custom endpoint). */
  context(endpointRegion: string | undefined, sourceIp?: string): OperationContext {
    const { store, clock, tokens, pages, random, accountId } = this
    return { store, clock, tokens, pages, random, endpointRegion, accountId, ...(sourceIp ? { sourceIp } : {}) }
  }

  /** The whole state as JSON-safe data; with `exact`, where the streams stand and the world it grew from. */
  snapshot(exact: boolean): StoreSnapshot {
    const state = this.store.snapshot(this.clock.now())
    if (!exact) return state
    const position: ExactPosition = {
      origin: { seed: this.seed, now: this.reference, region: this.region, accountId: this.accountId, clock: this.clockMode, locale: this.fakers.localeCode, world: this.world },
      draws: { runtime: this.#streams.runtime.randomizer.draws, scenarios: this.#streams.scenarios.randomizer.draws, requestIds: this.#requestIds.draws() },
      ...(this.clockMode === 'wall' ? { wallOffset: this.clock.now() - Date.now() } : {}),
    }
    return { ...state, exact: position }
  }

  /** Puts back what `snapshot()` returned; checked before anything changes, so a refused snapshot changes nothing. */
  restore(snapshot: StoreSnapshot): void {
    const exact = snapshot?.exact
    const at = exact && {
      runtime: checkDraws(exact.draws?.runtime, 'runtime'),
      scenarios: checkDraws(exact.draws?.scenarios, 'scenarios'),
      requestIds: checkDraws(exact.draws?.requestIds, 'requestIds'),
      world: checkOriginWorld(exact.origin?.world),
    }
    this.store.restore(snapshot)
    // Snapshots taken before users had passwords: give them their seeded one.
    for (const user of this.store.users.values()) user.password ??= this.password(user.poolId, user.username)
    if (at) {
      this.#startStreams(at)
      this.restartRequestIds(at.requestIds)
      this.world = at.world
    }
    if (this.clockMode === 'wall' && typeof exact?.wallOffset === 'number') this.clock.set(Date.now() + exact.wallOffset)
    else this.clock.set(snapshot.now)
  }

  #startStreams(at: { runtime: number; scenarios: number } = { runtime: 0, scenarios: 0 }): void {
    this.#streams = { runtime: this.fakers.stream([streams.runtime], at.runtime), scenarios: this.fakers.stream([streams.scenarios], at.scenarios) }
  }
}

/** A snapshot's world description: JSON it carries back into the next snapshot's origin, never grown again. */
function checkOriginWorld(value: unknown): WorldDescription {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`restore(): exact.origin.world must be an object, got ${JSON.stringify(value)}.`, TypeError)
  }
  return value as WorldDescription
}
