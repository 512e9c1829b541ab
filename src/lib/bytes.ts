/**
 * Bytes and text: UTF-8, hex, Base64 and Base64url, and a constant-time comparison. The one place SRP, RSA
 * keys, SigV4, pagination cursors and token decoding take them from; no environment-specific API (no
 * `Buffer`), so the same code runs in Node and in a service worker.
 */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** The UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text)
}

/** The text of UTF-8 `bytes` (invalid sequences become U+FFFD, as `Response.text()` does). */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Lowercase hex, two digits a byte. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += HEX[byte]
  return out
}

/** Bytes of a hex string; an odd length is read as if it had a leading zero. Callers pass only hex they made or checked. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const even = hex.length % 2 === 1 ? `0${hex}` : hex
  const bytes = new Uint8Array(even.length >>> 1)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(even.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

/** Standard, padded Base64. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Base64url (RFC 4648 §5), unpadded unless `pad` (Cognito's `kid`s are padded). Hand-rolled: no `btoa` round trip through a binary string. */
export function toBase64url(bytes: Uint8Array, pad = false): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += B64URL[chunk >> 18]! + B64URL[(chunk >> 12) & 63]! + B64URL[(chunk >> 6) & 63]! + B64URL[chunk & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const chunk = bytes[i]! << 16
    out += B64URL[chunk >> 18]! + B64URL[(chunk >> 12) & 63]! + (pad ? '==' : '')
  } else if (rest === 2) {
    const chunk = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += B64URL[chunk >> 18]! + B64URL[(chunk >> 12) & 63]! + B64URL[(chunk >> 6) & 63]! + (pad ? '=' : '')
  }
  return out
}

/** Bytes of Base64 or Base64url text, padded or not; `undefined` if it is neither. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined
  const padded = standard.replace(/=+$/, '')
  if (padded.length % 4 === 1) return undefined
  try {
    return Uint8Array.from(atob(padded + '='.repeat((4 - (padded.length % 4)) % 4)), (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}

/**
 * Compares two strings in time that depends only on their lengths, so response time does not reveal how many
 * leading characters of a signature or secret hash matched.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  let difference = expected.length ^ actual.length
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ (i < actual.length ? actual.charCodeAt(i) : 0)
  }
  return difference === 0
}
