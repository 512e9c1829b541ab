import { fail } from '../lib/errors.ts'
import { isRegionName } from '../lib/regions.ts'
import { addSeededClients } from './clients.ts'
import { Clock, toEpochMilliseconds, type ClockMode } from './clock.ts'
import type { OperationContext } from './context.ts'
import { checkDraws, countedUuids, type Counted } from './draw-count.ts'
import { PageTokens } from './page-tokens.ts'
import { seededPassword } from './passwords.ts'
import { seededFaker, streams, type Seed, type SeededFaker } from './random.ts'
import { Store } from './store.ts'
import { TokenSigner } from './tokens.ts'
import type { ExactPosition, StoreSnapshot } from './types.ts'
import { checkWorldOptions, generateWorld, type WorldOptions } from './world.ts'

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
  /** The seeded world's shape (default: one pool, five users, 0–8 devices each). */
  world?: WorldOptions
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
  /** New keys, token ids, secrets: seeded, separate from the world's stream. */
  random!: SeededFaker
  /** Scenario probabilities: a stream of their own, so that a flaky rule moves no seeded key. */
  scenarioRandom!: SeededFaker
  /** The world shape last seeded (the `world` option, or a scenario's): part of an exact snapshot's origin. */
  world: Required<WorldOptions>
  readonly #baseWorld: WorldOptions
  /** The `world` option, checked once: what `seedWorld()` grows without an override. */
  readonly #baseShape: Required<WorldOptions>
  #requestIds!: Counted<() => string>

  constructor(options: RuntimeOptions = {}) {
    this.seed = options.seed ?? 1
    this.region = options.region ?? 'us-east-1'
    if (!isRegionName(this.region)) fail(`region "${this.region}" is not an AWS region name such as "us-east-1".`)
    this.accountId = options.accountId ?? '123456789012'
    if (!/^\d{12}$/.test(this.accountId)) fail(`accountId must be twelve digits, got "${this.accountId}".`)
    this.reference = toEpochMilliseconds(options.now ?? DEFAULT_NOW)
    this.clockMode = options.clock ?? 'logical'
    this.#baseWorld = options.world ?? {}
    this.#baseShape = checkWorldOptions(this.#baseWorld)
    this.world = this.#baseShape
    this.tokens = new TokenSigner(String(this.seed))
    this.pages = new PageTokens(String(this.seed))
  }

  /** Empties the store and grows the seeded world again (the base shape, or it overridden by `override`). */
  seedWorld(override?: WorldOptions): void {
    const shape = override ? checkWorldOptions({ ...this.#baseWorld, ...override }) : this.#baseShape
    this.store.clear()
    this.clock = new Clock(this.reference, this.clockMode)
    this.#startStreams()
    this.world = shape
    generateWorld(this.store, seededFaker(this.seed, streams.world), { now: this.reference, region: this.region, world: shape, seed: String(this.seed) })
    addSeededClients(this.store.pools.values(), seededFaker(this.seed, streams.clients))
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
      origin: { seed: this.seed, now: this.reference, region: this.region, accountId: this.accountId, clock: this.clockMode, world: normalWorld(this.world) },
      draws: { runtime: this.random.draws, scenarios: this.scenarioRandom.draws, requestIds: this.#requestIds.draws() },
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
      world: checkWorldOptions(exact.origin?.world ?? {}),
    }
    this.store.restore(snapshot)
    // Snapshots taken before users had passwords: give them their seeded one.
    for (const user of this.store.users.values()) user.password ??= seededPassword(String(this.seed), user.poolId, user.username)
    if (at) {
      this.#startStreams(at)
      this.restartRequestIds(at.requestIds)
      this.world = at.world
    }
    if (this.clockMode === 'wall' && typeof exact?.wallOffset === 'number') this.clock.set(Date.now() + exact.wallOffset)
    else this.clock.set(snapshot.now)
  }

  #startStreams(at: { runtime: number; scenarios: number } = { runtime: 0, scenarios: 0 }): void {
    this.random = seededFaker(this.seed, streams.runtime, at.runtime)
    this.scenarioRandom = seededFaker(this.seed, streams.scenarios, at.scenarios)
  }
}

/** A world shape with its keys in one order, so that two origins compare equal as JSON when they are. */
function normalWorld(world: Required<WorldOptions>): Required<WorldOptions> {
  const { pools, usersPerPool, devicesPerUser, deviceRemembering } = world
  return { pools, usersPerPool, devicesPerUser: { min: devicesPerUser.min, max: devicesPerUser.max }, deviceRemembering: [...deviceRemembering] }
}
