import { modPow } from '../lib/bigint.ts'
import { bytesToHex, concat, fromBase64, hexToBytes, toBase64, utf8 } from '../lib/bytes.ts'
import { hmacSha256, sha256 } from '../lib/hash.ts'

/**
 * The server side of Cognito's SRP-6a, as its clients (amazon-cognito-identity-js `AuthenticationHelper`,
 * Amplify v6 `utils/srp`) expect it: the 3072-bit group of RFC 5054 (g = 2), SHA-256, and Java's
 * `BigInteger.toByteArray()` encoding of numbers inside hashes (`padHex`: even-length hex with a leading `00`
 * when the top bit is set), which is what the clients hash. So here "PAD" is that encoding, not RFC 5054's
 * left-padding to the length of N: a server that padded to |N| would disagree with every Cognito client.
 *
 * - k = H(padHex(N) ‖ padHex(g))
 * - x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)), v = g^x mod N
 * - B = (k·v + g^b) mod N, u = H(padHex(A) ‖ padHex(B))
 * - S = (A · v^u)^b mod N, the client's (B − k·g^x)^(a + u·x) mod N
 * - key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key" ‖ 0x01), first 16 bytes
 * - PASSWORD_CLAIM_SIGNATURE = Base64(HMAC-SHA256(key, poolName ‖ userId ‖ SECRET_BLOCK bytes ‖ TIMESTAMP))
 *
 * For a device, the device group key plays the pool name and the device key the user id (WIRE §5).
 */

/** RFC 5054 Appendix A, 3072-bit group. */
const N_HEX =
  'ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd' +
  'ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed' +
  'ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f' +
  '83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b' +
  'e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510' +
  '15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7' +
  'abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c' +
  'bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff'

export const N = BigInt(`0x${N_HEX}`)
export const g = 2n

/** Java `BigInteger.toByteArray()` as hex, for a non-negative value: what Cognito's clients hash. */
export function padHex(value: bigint): string {
  let hex = value.toString(16)
  if (hex.length % 2 === 1) hex = `0${hex}`
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex
}

async function hashHex(hex: string): Promise<bigint> {
  return BigInt(`0x${bytesToHex(await sha256(hexToBytes(hex)))}`)
}

let multiplier: Promise<bigint> | undefined

/** k = H(padHex(N) ‖ padHex(g)), computed once. */
export function multiplierK(): Promise<bigint> {
  multiplier ??= hashHex(padHex(N) + padHex(g))
  return multiplier
}

/** x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)). `saltHex` is hex as sent in SALT. */
export async function privateKeyX(poolName: string, userId: string, password: string, saltHex: string): Promise<bigint> {
  const inner = bytesToHex(await sha256(utf8(`${poolName}${userId}:${password}`)))
  return hashHex(padHex(BigInt(`0x${saltHex}`)) + inner)
}

/** The verifier v = g^x mod N that the server keeps instead of the password. */
export async function passwordVerifier(poolName: string, userId: string, password: string, saltHex: string): Promise<bigint> {
  return modPow(g, await privateKeyX(poolName, userId, password, saltHex), N)
}

/** The client's public value as sent in SRP_A (hex), or `undefined` if it is not hex or is ≡ 0 mod N. */
export function parsePublicA(text: unknown): bigint | undefined {
  if (typeof text !== 'string' || !/^[0-9a-fA-F]{1,2048}$/.test(text)) return undefined
  const A = BigInt(`0x${text}`)
  return A % N === 0n ? undefined : A
}

/** B = (k·v + g^b) mod N for the server's secret `b`. */
export async function serverPublicB(v: bigint, b: bigint): Promise<bigint> {
  return ((await multiplierK()) * v + modPow(g, b, N)) % N
}

/**
 * The 16-byte key both sides derive, or `undefined` when u = 0 (the client would refuse such a B; a server
 * that drew it must draw another b).
 */
export async function sessionKey(A: bigint, B: bigint, b: bigint, v: bigint): Promise<{ key: Uint8Array; S: bigint; u: bigint } | undefined> {
  const u = await hashHex(padHex(A) + padHex(B))
  if (u === 0n) return undefined
  const S = modPow((A * modPow(v, u, N)) % N, b, N)
  const prk = await hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)))
  const okm = await hmacSha256(prk, concat(utf8('Caldera Derived Key'), Uint8Array.of(1)))
  return { key: okm.subarray(0, 16), S, u }
}

/** PASSWORD_CLAIM_SIGNATURE as the client computes it; `undefined` if SECRET_BLOCK is not Base64. */
export async function claimSignature(key: Uint8Array, poolName: string, userId: string, secretBlock: string, timestamp: string): Promise<string | undefined> {
  const block = fromBase64(secretBlock)
  if (!block) return undefined
  return toBase64(await hmacSha256(key, concat(utf8(poolName), utf8(userId), block, utf8(timestamp))))
}

/** `EEE MMM d HH:mm:ss UTC yyyy` in English, as the clients write TIMESTAMP: `Tue May 7 00:09:40 UTC 2025`. */
export const timestampPattern =
  /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:[1-9]|[12]\d|3[01]) (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d UTC \d{4}$/

/**
 * A TIMESTAMP as the clients write it, for a date (tests and `signIn` from code use it).
 *
 * @example
 * srpTimestamp(new Date('2025-05-07T00:09:40Z')) // 'Wed May 7 00:09:40 UTC 2025'
 */
export function srpTimestamp(date: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()]
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()]
  const two = (n: number) => String(n).padStart(2, '0')
  return `${day} ${month} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
}
