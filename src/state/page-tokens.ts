import { fidelity } from '../fidelity.ts'
import { fromBase64, fromUtf8, toBase64url, utf8 } from '../lib/bytes.ts'
import { nodeCrypto } from '../lib/hash.ts'
import { CognitoError } from '../model/exceptions.ts'

/** Whose list a cursor belongs to: a token is only good for the list that issued it. */
export interface ListScope {
  poolId: string
  /** Whose devices; for ListUsers (`view: 'users'`), the filter the list was asked with. */
  username: string
  view: 'user' | 'admin' | 'users'
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
    const bytes = utf8(`cognito-device-mock/pages/${secret}`)
    this.#key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    this.#nodeKey = nodeCrypto?.createSecretKey(bytes)
  }

  async #mac(payload: string): Promise<string> {
    const known = this.#macs.get(payload)
    if (known !== undefined) return known
    let signature: Uint8Array
    if (nodeCrypto && this.#nodeKey) signature = nodeCrypto.createHmac('sha256', this.#nodeKey).update(utf8(payload)).digest()
    else signature = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, utf8(payload)))
    const mac = toBase64url(signature.subarray(0, 18))
    if (this.#macs.size >= 10_000) this.#macs.clear()
    this.#macs.set(payload, mac)
    return mac
  }

  async encode(scope: ListScope, afterSeq: number): Promise<string> {
    const payload = toBase64url(utf8(JSON.stringify([1, scope.poolId, scope.username.toLowerCase(), scope.view, afterSeq])))
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
      const bytes = fromBase64(payload)
      if (bytes === undefined) throw invalid()
      fields = JSON.parse(fromUtf8(bytes))
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

