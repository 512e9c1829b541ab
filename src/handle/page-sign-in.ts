import { fail } from '../lib/errors.ts'
import { sessionStorageKinds, writeClientSession, type SessionStorageKind, type SessionTargets } from './client-storage.ts'
import type { CognitoMock, SignedInSession, SignInAsOptions } from './types.ts'

/**
 * A sign-in a page asks for at start-up or through its window control: `cognito.signInAs()` in the page's own
 * mock, written where the app's client reads it. JSON, so it can come from a test, a storageState file or the URL.
 */
export interface PageSignIn extends SignInAsOptions {
  username: string
  /** Default: the mock's first pool. */
  poolId?: string
  /** Where the session is written (default `'localStorage'`, the clients' default; `'cookie'` for Amplify's `ssr: true`). */
  storage?: SessionStorageKind
}

const optionNames = ['username', 'poolId', 'storage', 'device', 'deviceName', 'clientId', 'client', 'loginId'] as const

/**
 * Reads sign-ins as a page receives them: a username, `{ username, device, … }`, or a list of these; checked,
 * with `where` naming the source in errors.
 *
 * @example
 * pageSignIns('ada', 'URL parameter cognito-sign-in') // [{ username: 'ada' }]
 * pageSignIns([{ username: 'ada', device: 'remembered' }], 'signInAs') // as given
 */
export function pageSignIns(value: unknown, where: string): PageSignIn[] {
  const list = Array.isArray(value) ? value : [value]
  return list.map((item, index) => {
    const at = Array.isArray(value) ? `${where}[${index}]` : where
    const spec = typeof item === 'string' ? { username: item } : item
    if (typeof spec !== 'object' || spec === null) fail(`${at}: expected a username or { username, device, … }, got ${JSON.stringify(item)}.`)
    const record = spec as Record<string, unknown>
    const unknown = Object.keys(record).filter((key) => !(optionNames as readonly string[]).includes(key))
    if (unknown.length > 0) fail(`${at}: unknown option ${unknown.map((key) => `"${key}"`).join(', ')}; known: ${optionNames.join(', ')}.`)
    if (typeof record.username !== 'string' || record.username === '') fail(`${at}: username must be a non-empty string.`)
    for (const key of ['poolId', 'deviceName', 'clientId', 'loginId'] as const) {
      if (record[key] !== undefined && typeof record[key] !== 'string') fail(`${at}: ${key} must be a string.`)
    }
    if (record.storage !== undefined && !sessionStorageKinds.includes(record.storage as SessionStorageKind)) {
      fail(`${at}: storage must be one of ${sessionStorageKinds.map((kind) => `"${kind}"`).join(', ')}, got ${JSON.stringify(record.storage)}.`)
    }
    return record as unknown as PageSignIn
  })
}

/**
 * Signs in as `spec` says in `mock` and writes the session to `targets` (a page's `globalThis`).
 *
 * @example
 * await signInPage(cognito, { username: 'ada', device: 'remembered' }, globalThis)
 */
export async function signInPage(mock: CognitoMock, spec: PageSignIn, targets: SessionTargets): Promise<SignedInSession> {
  const { username, poolId, storage = 'localStorage', ...options } = spec
  const pool = poolId ?? mock.pools.list()[0]?.id ?? fail('signInAs: no poolId given and the mock has no user pools.')
  const session = await mock.signInAs(pool, username, options)
  writeClientSession(session, storage, targets)
  return session
}
