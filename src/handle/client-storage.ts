import { fail } from '../lib/errors.ts'

/**
 * What Amplify v6 and amazon-cognito-identity-js keep in the browser once signed in, and how it is written:
 * Web Storage entries, or cookies as js-cookie (which both clients' cookie storages use) encodes them
 * (docs/WIRE.md §9). Environment-neutral: the storages and `document` are passed in.
 */

/** The prefix of every key both clients write (Amplify's `AUTH_KEY_PREFIX`, identity-js's `keyPrefix`). */
export const CLIENT_KEY_PREFIX = 'CognitoIdentityServiceProvider'

/** Where a signed-in session is written: the clients' default (`localStorage`), a session-only storage, or cookies (Amplify's `ssr: true`). */
export type SessionStorageKind = 'localStorage' | 'sessionStorage' | 'cookie'

export const sessionStorageKinds: readonly SessionStorageKind[] = ['localStorage', 'sessionStorage', 'cookie']

/** A cookie as Amplify's `CookieStorage` sets it: host-only, path `/`, a year, `Secure`, `SameSite=Lax`. Name and value are js-cookie-encoded. */
export interface SessionCookie {
  name: string
  value: string
  path: '/'
  /** Epoch seconds (Playwright's unit), a year after the session was made. */
  expires: number
  secure: true
  httpOnly: false
  sameSite: 'Lax'
}

/** The values a client stores for one signed-in user. */
export interface ClientSessionValues {
  clientId: string
  /** The username the service returned (USERNAME / USER_ID_FOR_SRP): both clients key storage by it. */
  username: string
  accessToken: string
  idToken: string
  refreshToken: string
  clockDrift: number
  signInDetails: { loginId: string; authFlowType: string }
  device?: { key: string; groupKey: string; randomPassword: string }
}

/**
 * The storage entries, in the order Amplify's `TokenStore.storeTokens` writes them.
 *
 * @example
 * clientStorageEntries(values)['CognitoIdentityServiceProvider.<clientId>.LastAuthUser'] // 'ada'
 */
export function clientStorageEntries(values: ClientSessionValues): Record<string, string> {
  const base = `${CLIENT_KEY_PREFIX}.${values.clientId}`
  const user = `${base}.${values.username}`
  return {
    [`${base}.LastAuthUser`]: values.username,
    [`${user}.accessToken`]: values.accessToken,
    [`${user}.idToken`]: values.idToken,
    [`${user}.refreshToken`]: values.refreshToken,
    ...(values.device
      ? {
          [`${user}.deviceKey`]: values.device.key,
          [`${user}.deviceGroupKey`]: values.device.groupKey,
          [`${user}.randomPasswordKey`]: values.device.randomPassword,
        }
      : {}),
    [`${user}.signInDetails`]: JSON.stringify(values.signInDetails),
    [`${user}.clockDrift`]: String(values.clockDrift),
  }
}

/**
 * js-cookie 3's name encoding: percent-encoded, with `# $ & + ^ \` |` kept and `( )` escaped.
 *
 * @example
 * cookieName('CognitoIdentityServiceProvider.c1.ada@example.com.idToken') // '…c1.ada%40example.com.idToken'
 */
export function cookieName(name: string): string {
  return encodeURIComponent(name)
    .replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent)
    .replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * js-cookie 3's value encoding: percent-encoded, with the characters a cookie value may hold kept (JWTs pass unchanged).
 *
 * @example
 * cookieValue('{"loginId":"ada"}') // '{%22loginId%22:%22ada%22}'
 */
export function cookieValue(value: string): string {
  return encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent)
}

const YEAR_SECONDS = 365 * 24 * 60 * 60

/**
 * The entries as the cookies Amplify's `CookieStorage` would have set, `now` being the wall clock in ms.
 *
 * @example
 * sessionCookies(entries, Date.now())[0] // { name: 'CognitoIdentityServiceProvider.<clientId>.LastAuthUser', value: 'ada', path: '/', … }
 */
export function sessionCookies(entries: Record<string, string>, now: number): SessionCookie[] {
  const expires = Math.floor(now / 1000) + YEAR_SECONDS
  return Object.entries(entries).map(([name, value]) => ({
    name: cookieName(name),
    value: cookieValue(value),
    path: '/',
    expires,
    secure: true,
    httpOnly: false,
    sameSite: 'Lax',
  }))
}

/**
 * What `document.cookie = …` takes to set `cookie` (js-cookie's attribute order).
 *
 * @example
 * document.cookie = cookieAssignment(session.cookies[0]) // '<name>=<value>; path=/; expires=…; secure; sameSite=Lax'
 */
export function cookieAssignment(cookie: SessionCookie): string {
  return `${cookie.name}=${cookie.value}; path=${cookie.path}; expires=${new Date(cookie.expires * 1000).toUTCString()}; secure; sameSite=Lax`
}

/** The storages a session is written to: a page's globals, or stand-ins in tests. */
export interface SessionTargets {
  localStorage?: Pick<Storage, 'setItem' | 'removeItem'>
  sessionStorage?: Pick<Storage, 'setItem' | 'removeItem'>
  document?: { cookie: string }
}

/**
 * Writes a session where the app's client will read it; returns what removes it again (the keys this wrote).
 *
 * @example
 * const remove = writeClientSession(session, 'localStorage', globalThis)
 * remove() // signed out again, as far as storage goes
 */
export function writeClientSession(
  session: { clientId: string; username: string; device?: object; storage: Record<string, string>; cookies: readonly SessionCookie[] },
  kind: SessionStorageKind,
  targets: SessionTargets,
): () => void {
  // A session without a device replaces one with a device: device keys left from before (an earlier session in
  // this tab, which sign-out keeps) would make the client prove a device this session never had.
  const stale = session.device
    ? []
    : ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'].map((name) => `${CLIENT_KEY_PREFIX}.${session.clientId}.${session.username}.${name}`)
  if (kind === 'cookie') {
    const document = targets.document ?? fail('signInAs: storage "cookie" needs a document; none here.')
    for (const name of stale) document.cookie = `${cookieName(name)}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; secure; sameSite=Lax`
    for (const cookie of session.cookies) document.cookie = cookieAssignment(cookie)
    return () => {
      for (const cookie of session.cookies) document.cookie = `${cookie.name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; secure; sameSite=Lax`
    }
  }
  if (!sessionStorageKinds.includes(kind)) fail(`signInAs: storage must be one of ${sessionStorageKinds.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(kind)}.`)
  const storage = targets[kind] ?? fail(`signInAs: storage "${kind}" is not available here.`)
  for (const key of stale) storage.removeItem(key)
  for (const [key, value] of Object.entries(session.storage)) storage.setItem(key, value)
  return () => {
    for (const key of Object.keys(session.storage)) storage.removeItem(key)
  }
}
