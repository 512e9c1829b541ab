import { totpCode } from '../auth/totp.ts'
import { fail } from '../lib/errors.ts'
import type { OutboxFilter } from '../state/outbox.ts'
import type { Runtime } from '../state/runtime.ts'
import type { OutboxMessage } from '../state/types.ts'
import { lookups } from './lookups.ts'
import type { CognitoMock } from './types.ts'

/** The filter's members: any other is a typo (`user` for `username`) that would match everything. */
const filterKeys = ['poolId', 'username', 'medium', 'purpose'] as const
const media: readonly OutboxMessage['medium'][] = ['SMS', 'EMAIL']

/** How many of the newest messages an error lists. */
const LISTED = 5

/**
 * `filter` checked: a plain object of known members, a medium the outbox knows. Returns it unchanged.
 *
 * @example
 * checkFilter({ username: 'ada', medium: 'SMS' }, 'outbox.code') // ok
 * checkFilter({ medium: 'sms' }, 'outbox.code') // throws: medium must be "SMS" or "EMAIL"
 */
export function checkFilter(filter: OutboxFilter | undefined, where: string): OutboxFilter {
  if (filter === undefined || filter === null) return {}
  if (typeof filter !== 'object' || Array.isArray(filter)) fail(`${where}: the filter is an object such as { username: 'ada', medium: 'SMS' }, got ${JSON.stringify(filter)}.`, TypeError)
  const unknown = Object.keys(filter).filter((key) => !(filterKeys as readonly string[]).includes(key))
  if (unknown.length > 0) fail(`${where}: unknown filter member${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; a filter takes ${filterKeys.join(', ')}.`, TypeError)
  for (const key of filterKeys) {
    const value = filter[key]
    if (value !== undefined && typeof value !== 'string') fail(`${where}: filter.${key} must be a string, got ${JSON.stringify(value)}.`, TypeError)
  }
  if (filter.medium !== undefined && !media.includes(filter.medium)) {
    fail(`${where}: filter.medium must be "SMS" or "EMAIL", got ${JSON.stringify(filter.medium)}.`, TypeError)
  }
  return filter
}

/** `{ username: "ada", medium: "SMS" }`, or `any message` for an empty filter: what a reader asked for. */
function describeFilter(filter: OutboxFilter): string {
  const parts = filterKeys.filter((key) => filter[key] !== undefined).map((key) => `${key}: ${JSON.stringify(filter[key])}`)
  return parts.length === 0 ? 'any message' : `{ ${parts.join(', ')} }`
}

/** `#3 SMS to +15555550123 for ada (us-east-1_AbC), purpose mfa`: one message in an error. */
function describeMessage(message: OutboxMessage): string {
  return `#${message.id} ${message.medium} to ${message.destination} for ${message.username} (${message.poolId}), purpose ${message.purpose}`
}

/**
 * `cognito.outbox`: the SMS and email messages the mock "sent" (MFA codes), which a test, a story or the
 * demo reads to type the code in. The messages are copies; the newest are last.
 *
 * @example
 * const outbox = outboxHandle(runtime)
 * const code = outbox.code({ username: 'ada', medium: 'SMS' }) // the newest SMS code sent to ada
 * const stop = outbox.onMessage((message) => console.log(message.text))
 */
export function outboxHandle(runtime: Runtime): CognitoMock['outbox'] {
  const { outbox } = runtime.store
  const list = (filter?: OutboxFilter, where = 'outbox.list'): OutboxMessage[] => outbox.list(checkFilter(filter, where))
  return {
    list: (filter) => list(filter),
    last: (filter) => list(filter, 'outbox.last').at(-1),
    code(filter) {
      const message = list(filter, 'outbox.code').at(-1)
      if (message) return message.code
      const all = outbox.list()
      if (all.length === 0) {
        fail(
          `outbox.code(${describeFilter(filter ?? {})}): the outbox is empty. Codes are sent at a sign-in's SMS_MFA or EMAIL_OTP ` +
            'challenge (or an email MFA set-up): wait for the app to show its code field before reading the code.',
        )
      }
      const newest = all.slice(-LISTED).reverse().map(describeMessage)
      fail(
        `outbox.code(${describeFilter(filter ?? {})}): no message matches. The outbox holds ${all.length} message${all.length > 1 ? 's' : ''}` +
          `${all.length > LISTED ? `, the newest ${LISTED}` : ''}: ${newest.join('; ')}.`,
      )
    },
    clear: () => outbox.clear(),
    onMessage(listener) {
      if (typeof listener !== 'function') fail('outbox.onMessage(listener): listener must be a function (message) => void.', TypeError)
      return outbox.listen(listener)
    },
  }
}

/**
 * The code an authenticator app shows now, on the mock's clock, for the user's secret: the verified one
 * (VerifySoftwareToken), else the pending one (AssociateSoftwareToken with an access token), else the newest
 * live MFA_SETUP sign-in's (AssociateSoftwareToken with its session). `cognito.users.totpCode` is this.
 *
 * @example
 * const code = currentTotpCode(runtime, pool.id, 'ada') // '492039'
 * // answer SOFTWARE_TOKEN_MFA with it, or VerifySoftwareToken during set-up
 */
export function currentTotpCode(runtime: Runtime, poolId: string, username: string): string {
  const { store } = runtime
  const user = lookups(store, 'users.totpCode').user(poolId, username)
  const now = runtime.clock.now()
  let secret = user.mfa?.totpSecret ?? user.mfa?.pendingTotpSecret
  if (secret === undefined) {
    const name = user.username.toLowerCase()
    let newest: { secret: string; expiresAt: number } | undefined
    for (const record of store.sessions.values()) {
      const setupSecret = record.mfa?.setupSecret
      if (record.challenge !== 'MFA_SETUP' || setupSecret === undefined || record.poolId !== user.poolId) continue
      if (record.username.toLowerCase() !== name || record.expiresAt <= now) continue
      // Sessions live the same time: the one that expires last began last (a later one wins a tie).
      if (newest === undefined || record.expiresAt >= newest.expiresAt) newest = { secret: setupSecret, expiresAt: record.expiresAt }
    }
    secret = newest?.secret
  }
  if (secret === undefined) {
    fail(
      `users.totpCode: user "${user.username}" in pool ${user.poolId} has no authenticator secret: none verified (VerifySoftwareToken), ` +
        'none pending (AssociateSoftwareToken), and no live MFA_SETUP sign-in holding one. Associate a software token first.',
    )
  }
  return totpCode(secret, now)
}
