import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { DeviceList } from '../state/store.ts'
import type { DeviceRecord } from '../state/types.ts'

/** Whose list a cursor belongs to: a token is only good for the list that issued it. */
export interface ListScope {
  poolId: string
  username: string
  view: 'user' | 'admin'
}

const encoder = new TextEncoder()

/**
 * Node's `crypto` where there is one: its HMAC is synchronous, while WebCrypto's `sign` is a thread-pool round
 * trip that adds latency to every page with a next token. Same key, same bytes, same tokens either way.
 */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | typeof import('node:crypto')
  | undefined

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Opaque pagination tokens: the last `seq` shown, bound to its list and authenticated with an HMAC keyed by
 * the seed. A cursor names a position, not an offset, so devices added or forgotten between pages cause
 * neither duplicates nor gaps.
 */
export class PageTokens {
  readonly #key: Promise<CryptoKey>
  /** The same key for Node's HMAC (a KeyObject: raw bytes would be re-imported on every call). */
  readonly #nodeKey: import('node:crypto').KeyObject | undefined
  /** A MAC depends on its payload alone, so each is computed once: a page's decode checks what an encode made. */
  readonly #macs = new Map<string, string>()

  constructor(secret: string) {
    const bytes = encoder.encode(`cognito-device-mock/pages/${secret}`)
    this.#key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    this.#nodeKey = nodeCrypto?.createSecretKey(bytes)
  }

  async #mac(payload: string): Promise<string> {
    const known = this.#macs.get(payload)
    if (known !== undefined) return known
    let signature: Uint8Array
    if (nodeCrypto && this.#nodeKey) signature = nodeCrypto.createHmac('sha256', this.#nodeKey).update(encoder.encode(payload)).digest()
    else signature = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(payload)))
    const mac = base64url(signature.subarray(0, 18))
    if (this.#macs.size >= 10_000) this.#macs.clear()
    this.#macs.set(payload, mac)
    return mac
  }

  async encode(scope: ListScope, afterSeq: number): Promise<string> {
    const payload = base64url(encoder.encode(JSON.stringify([1, scope.poolId, scope.username.toLowerCase(), scope.view, afterSeq])))
    return `${payload}.${await this.#mac(payload)}`
  }

  /** The seq a token resumes after, or InvalidParameterException for a tampered, foreign or stale one. */
  async decode(scope: ListScope, token: string): Promise<number> {
    const invalid = () => new CognitoError('InvalidParameterException', fidelity.invalidPaginationToken.message)
    const dot = token.indexOf('.')
    if (dot < 1) throw invalid()
    const payload = token.slice(0, dot)
    if (token.slice(dot + 1) !== (await this.#mac(payload))) throw invalid()
    let fields: unknown
    try {
      // The payload is UTF-8 (usernames need not be ASCII); atob gives its bytes one per char.
      const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
      fields = JSON.parse(new TextDecoder().decode(bytes))
    } catch {
      throw invalid()
    }
    if (!Array.isArray(fields) || fields[0] !== 1) throw invalid()
    const [, poolId, username, view, afterSeq] = fields
    if (poolId !== scope.poolId || username !== scope.username.toLowerCase() || view !== scope.view) throw invalid()
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw invalid()
    return afterSeq
  }
}

/**
 * One page of `list`: up to `limit` devices that `visible` admits, after `afterSeq`, and whether another
 * visible device follows (the token is absent on the last page, WIRE §1).
 */
export function pageOf(
  list: DeviceList,
  afterSeq: number,
  limit: number,
  visible: (device: DeviceRecord) => boolean,
): { devices: DeviceRecord[]; more: boolean } {
  const devices: DeviceRecord[] = []
  const { ordered } = list
  for (let i = list.firstIndexAfter(afterSeq); i < ordered.length; i++) {
    const device = ordered[i]!
    if (!visible(device)) continue
    if (devices.length === limit) return { devices, more: true }
    devices.push(device)
  }
  return { devices, more: false }
}

export function effectiveLimit(limit: number | undefined): number {
  if (limit === undefined || (limit === 0 && fidelity.zeroLimitMeansDefault)) return fidelity.defaultListLimit
  return limit
}
