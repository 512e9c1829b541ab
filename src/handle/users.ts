import { fail } from '../lib/errors.ts'
import * as make from '../state/factory.ts'
import type { Runtime } from '../state/runtime.ts'
import type { UserPoolRecord, UserRecord } from '../state/types.ts'
import { attributeProblem, userAttributesSchema } from '../state/pool-settings.ts'
import * as z from 'zod/mini'
import { newTotpSecret } from '../auth/totp.ts'
import { patchUserMfa, userMfaKeys, type UserMfaSpec } from '../state/world-mfa.ts'
import { copy, lookups } from './lookups.ts'
import { currentTotpCode } from './outbox.ts'
import type { CognitoMock } from './types.ts'

/**
 * `cognito.users`: the users of a pool, with the password sign-in checks and the state that drives errors.
 *
 * @example
 * const users = usersHandle(runtime)
 * users.create(pool.id, { username: 'ada', password: 'Secret-123!' })
 */
export function usersHandle(runtime: Runtime): CognitoMock['users'] {
  const { store } = runtime
  const find = lookups(store)
  return {
    list: (poolId) => store.usersOf(find.pool(poolId).id).map(copy),
    get(poolId, username) {
      const user = store.getUser(poolId, username)
      return user && copy(user)
    },
    create(poolId, input = {}) {
      const pool = find.pool(poolId)
      const person = make.person(runtime.random)
      const username = input.username ?? person.username
      if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username) || username.length > 128) {
        fail(`"${username}" is not a valid Cognito username (1–128 letters, marks, symbols, digits or punctuation).`)
      }
      if (store.getUser(pool.id, username)) fail(`user "${username}" already exists in pool ${pool.id}.`)
      const user: UserRecord = {
        poolId: pool.id,
        username,
        sub: make.uuid(runtime.random),
        email: input.email ?? (input.username === undefined ? person.email : `${username.replace(/[^\w.+-]/g, '')}@example.com`),
        password: checkPassword(input.password ?? runtime.password(pool.id, username)),
        status: input.status ?? 'CONFIRMED',
        enabled: input.enabled ?? true,
        createdAt: runtime.clock.now(),
        ...(input.attributes ? { attributes: checkAttributes(pool, input.attributes, username) } : {}),
      }
      patchUserMfa(pool, user, mfaPart(input), () => newTotpSecret(runtime), `users.create(${JSON.stringify(username)})`)
      store.putUser(user)
      return copy(user)
    },
    update(poolId, username, patch) {
      const user = find.user(poolId, username)
      if (patch.status !== undefined) user.status = patch.status
      if (patch.enabled !== undefined) user.enabled = patch.enabled
      if (patch.email !== undefined) user.email = patch.email
      if (patch.password !== undefined) user.password = checkPassword(patch.password)
      if (patch.attributes !== undefined) user.attributes = { ...user.attributes, ...checkAttributes(find.pool(poolId), patch.attributes, username) }
      const mfa = mfaPart(patch)
      if (Object.keys(mfa).length > 0) patchUserMfa(find.pool(poolId), user, mfa, () => newTotpSecret(runtime), `users.update(${JSON.stringify(username)})`)
      return copy(user)
    },
    remove: (poolId, username) => store.removeUser(poolId, username),
    totpCode: (poolId, username) => currentTotpCode(runtime, poolId, username),
  }
}

/** The MFA fields of a create or update input, as given. */
function mfaPart(input: object): UserMfaSpec {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => (userMfaKeys as string[]).includes(key) && value !== undefined)) as UserMfaSpec
}

/** Attributes a create or update gives, checked as a world's are: names of the pool's schema, string values. */
function checkAttributes(pool: UserPoolRecord, attributes: Readonly<Record<string, string>>, username: string): Record<string, string> {
  const parsed = z.safeParse(userAttributesSchema, attributes)
  if (!parsed.success) fail(`user "${username}": attributes.${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}.`, TypeError)
  for (const name of Object.keys(attributes)) {
    const problem = attributeProblem(pool, name)
    if (problem) fail(`user "${username}": attributes: "${name}" ${problem}.`, TypeError)
  }
  return { ...attributes }
}

function checkPassword(password: string): string {
  if (typeof password !== 'string' || password.length === 0 || password.length > 256) {
    fail('a password is a non-empty string of at most 256 characters.')
  }
  return password
}
