/**
 * SHA-256 and HMAC-SHA-256, the same bytes in Node and in a browser. Node's `crypto` is used where there is
 * one: it is synchronous, where WebCrypto is a thread-pool round trip per digest, and an SRP sign-in, a SigV4
 * check or a page cursor takes several.
 */

import { fail } from './errors.ts'

/** Node's `crypto`, reached without an import so that bundlers for the browser see nothing to resolve. */
export const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | typeof import('node:crypto')
  | undefined

/**
 * Throws a `[cognito-device-mock]` error when WebCrypto is missing (Jest's jsdom environment has no
 * `crypto.subtle`): tokens are signed and verified with it, and without this check the first sign-in would fail
 * deep inside jose with `Cannot read properties of undefined (reading 'importKey')`.
 *
 * @example
 * requireWebCrypto() // at createCognitoMock()
 */
export function requireWebCrypto(): void {
  const subtle = (globalThis as { crypto?: { subtle?: { importKey?: unknown } } }).crypto?.subtle
  if (typeof subtle?.importKey !== 'function') {
    fail(
      'WebCrypto (globalThis.crypto.subtle) is missing, and the mock signs and verifies its tokens with it. ' +
        "In Jest's jsdom environment (jest-fixed-jsdom too), add a setup file (setupFiles) with: " +
        "Object.defineProperty(globalThis, 'crypto', { value: require('node:crypto').webcrypto }). " +
        'See docs/recipes/jest.md in the package (node_modules/cognito-device-mock/docs/recipes/jest.md).',
    )
  }
}

export async function sha256(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHash('sha256').update(data).digest())
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>))
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHmac('sha256', key).update(data).digest())
  const imported = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, data as Uint8Array<ArrayBuffer>))
}
