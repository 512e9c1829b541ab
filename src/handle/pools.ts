import { applyPoolSettings, poolSettingsFields, type PoolSettingsSpec } from '../state/pool-settings.ts'
import { fail, reason } from '../lib/errors.ts'
import { isRegionName } from '../lib/regions.ts'
import { makeClient, type CreateClientInput } from '../state/clients.ts'
import * as make from '../state/factory.ts'
import type { Runtime } from '../state/runtime.ts'
import * as z from 'zod/mini'
import type { AppClientRecord, DeviceRemembering, UserPoolRecord } from '../state/types.ts'
import { aliasesSchema, poolMfaOf, poolMfaSchema } from '../state/world-mfa.ts'
import type { CreatePoolInput } from './types.ts'
import { copy, lookups } from './lookups.ts'
import type { CognitoMock } from './types.ts'

/**
 * `cognito.pools`: user pools and their app clients.
 *
 * @example
 * const pools = poolsHandle(runtime)
 * const pool = pools.create({ name: 'Acme', deviceRemembering: 'always' })
 */
export function poolsHandle(runtime: Runtime): CognitoMock['pools'] {
  const { store } = runtime
  const find = lookups(store)

  function clientsOf(inputs: readonly CreateClientInput[]): AppClientRecord[] {
    if (!Array.isArray(inputs) || inputs.length === 0) fail('clients takes a list of at least one app client, e.g. [{ clientName: "web" }].')
    const clients = inputs.map((input) => {
      try {
        return makeClient(runtime.random, input)
      } catch (error) {
        return fail(reason(error))
      }
    })
    const ids = clients.map((c) => c.clientId)
    const taken = ids.find((id, i) => ids.indexOf(id) !== i || [...store.pools.values()].some((p) => p.clients.some((c) => c.clientId === id)))
    if (taken) fail(`app client id ${taken} is already in use.`)
    return clients
  }

  return {
    list: () => [...store.pools.values()].map(copy),
    get: (poolId) => {
      const pool = store.pools.get(poolId)
      return pool && copy(pool)
    },
    create(input = {}) {
      const region = input.region ?? runtime.region
      if (!isRegionName(region)) fail(`region "${region}" is not an AWS region name such as "us-east-1".`)
      const id = input.id ?? make.userPoolId(runtime.random, region)
      if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(id) || id.length > 55) fail(`"${id}" is not a user pool id such as "us-east-1_AbC123xYz".`)
      if (!id.startsWith(`${region}_`)) fail(`user pool id "${id}" must start with its region, "${region}_".`)
      if (store.pools.has(id)) fail(`user pool ${id} already exists.`)
      const pool: UserPoolRecord = {
        id,
        name: input.name ?? make.poolName(runtime.random),
        region,
        deviceRemembering: checkRemembering(input.deviceRemembering ?? 'user-opt-in'),
        clients: input.clients ? clientsOf(input.clients) : [{ clientId: make.appClientId(runtime.random), clientName: 'web' }],
        createdAt: runtime.clock.now(),
      }
      setMfa(pool, input)
      store.pools.set(id, pool)
      return copy(pool)
    },
    update(poolId, patch) {
      const pool = find.pool(poolId)
      if (patch.deviceRemembering !== undefined) pool.deviceRemembering = checkRemembering(patch.deviceRemembering)
      if (patch.name !== undefined) pool.name = patch.name
      if (patch.clients !== undefined) pool.clients = clientsOf(patch.clients)
      setMfa(pool, patch)
      return copy(pool)
    },
    remove: (poolId) => store.removePool(poolId),
  }
}

/** `mfa`, `aliases` and the sign-up settings of a create or update input, checked as a world's pool is. */
function setMfa(pool: UserPoolRecord, input: Pick<CreatePoolInput, 'mfa' | 'aliases' | keyof PoolSettingsSpec>): void {
  if (input.mfa !== undefined) {
    const parsed = z.safeParse(poolMfaSchema, input.mfa)
    if (!parsed.success) fail(`pool ${pool.id}: mfa: ${parsed.error.issues[0]!.message} (e.g. 'on' or { mode: 'on', factors: ['totp'] }).`, TypeError)
    let mfa: UserPoolRecord['mfa']
    try {
      mfa = poolMfaOf(input.mfa)
    } catch (error) {
      fail(`pool ${pool.id}: ${reason(error)}`, TypeError)
    }
    // The remembered-device setting is a device setting: a mode alone ('on', 'off') keeps what the pool had.
    const skip = typeof input.mfa === 'string' ? pool.mfa?.rememberedDevicesSkipMfa : undefined
    if (mfa) pool.mfa = skip === undefined ? mfa : { ...mfa, rememberedDevicesSkipMfa: skip }
    else if (pool.mfa && !pool.mfa.rememberedDevicesSkipMfa) pool.mfa = { mode: 'off', factors: [], rememberedDevicesSkipMfa: false }
    else delete pool.mfa
  }
  if (input.aliases !== undefined) {
    const parsed = z.safeParse(aliasesSchema, input.aliases)
    if (!parsed.success) fail(`pool ${pool.id}: aliases: ${parsed.error.issues[0]!.message}.`, TypeError)
    pool.aliases = [...new Set(input.aliases)]
  }
  const parsed = z.safeParse(z.object(poolSettingsFields), input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    fail(`pool ${pool.id}: ${issue.path.join('.')}: ${issue.message}.`, TypeError)
  }
  const problem = applyPoolSettings(pool, input)
  if (problem) fail(`pool ${pool.id}: ${problem}.`, TypeError)
}

function checkRemembering(mode: DeviceRemembering): DeviceRemembering {
  if (mode !== 'always' && mode !== 'user-opt-in' && mode !== 'off') {
    fail(`deviceRemembering must be "always", "user-opt-in" or "off", got "${String(mode)}".`)
  }
  return mode
}
