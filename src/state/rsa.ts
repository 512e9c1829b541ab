/**
 * Deterministic RSA-2048 key derivation for the mock's per-user-pool JWT signing keys.
 *
 * WebCrypto's `generateKey` draws from the platform RNG, so two runs (or Node and a
 * browser) would sign the same token with different keys and the mock's output would not
 * be reproducible. Instead the key is derived from a seed with nothing but BigInt and
 * `crypto.subtle.digest`, both of which behave identically everywhere, so the same seed
 * yields byte-identical JWKs (and therefore byte-identical RS256 signatures, since
 * PKCS#1 v1.5 signing is itself deterministic).
 *
 * These keys are NOT secret: anyone who knows the seed can recompute the private key, and anyone
 * with the package can factor a published modulus by trial division over the pool's primes. That is
 * the point for a mock, and the reason not to use this for anything real (decisions/0017).
 *
 * Algorithm (v2, decisions/0012-prime-pool.md): p and q are two distinct members of a
 * fixed pool of 1024-bit primes, picked by SHA-256(DOMAIN ‖ seed). Pool member i is the
 * smallest prime c ≥ start(i) with gcd(e, c − 1) = 1, where start(i) is 128 bytes of a
 * public SHA-256 counter stream with the top two bits and the low bit forced; the repo
 * ships only each member's distance from its start (prime-pool.generated.ts, written by
 * `npm run gen:primes`, checked against OpenSSL's primality test by rsa.test.ts).
 * Searching for primes at run time (v1) took 0.2 s in Node and 0.4 s in a browser for
 * each pool, on the path of the first token; picking from the pool takes milliseconds.
 * The price is a finite key space: POOL_SIZE·(POOL_SIZE − 1)/2 moduli, plenty for a mock.
 * Changing the domain strings, the stream layout, the pick or the kid format changes
 * every derived key, so the derivation is versioned through `DOMAIN` and pinned by
 * snapshot tests.
 */

import { bigIntToBytes, bytesToBigInt, modInverse, gcd } from '../lib/bigint.ts'
import { toBase64url as bytesToBase64url } from '../lib/bytes.ts'
import { PRIME_POOL_STEPS } from './prime-pool.generated.ts'
import { fail } from '../lib/errors.ts'

/** A seed-derived RS256 key pair, as JWKs (no `alg`/`use` needed beyond what is listed). */
export interface RsaKeyPair {
  kid: string
  publicJwk: JsonWebKey
  privateJwk: JsonWebKey
}

/**
 * Domain separation: bump the version if the derivation changes, so an old and a new
 * algorithm can never silently share a stream.
 */
const DOMAIN = 'cognito-device-mock/rsa-2048/v2\0'
/** The public stream the pool's starts are read from; changing it invalidates the generated pool. */
export const PRIME_POOL_DOMAIN = 'cognito-device-mock/rsa-2048/prime-pool/v1\0'

export const E = 65537n
const PRIME_BITS = 1024
const PRIME_BYTES = PRIME_BITS / 8
/** Top two bits set: p, q ≥ 1.5·2^1023 > √2·2^1023, so p·q always has exactly 2048 bits (FIPS 186-4 B.3.1). */
const TOP_TWO_BITS = 3n << BigInt(PRIME_BITS - 2)
/** FIPS 186-4 B.3.3 step 5.4: |p − q| > 2^(nlen/2 − 100), otherwise Fermat factoring becomes feasible. */
const MIN_PQ_DISTANCE = 1n << BigInt(PRIME_BITS - 100)
/** FIPS 186-4 B.3.1: d must exceed 2^(nlen/2) to rule out small-private-exponent attacks. */
const MIN_D = 1n << BigInt(PRIME_BITS)
export const POOL_SIZE = PRIME_POOL_STEPS.length

const encoder = new TextEncoder()

/**
 * SHA-256 in counter mode: block i = SHA-256(domain ‖ i as uint32, big-endian), for `count`
 * consecutive blocks from `first`, concatenated. Needs only `crypto.subtle.digest` (Node ≥ 20
 * and every browser) and is trivially specified, so another implementation can reproduce it.
 */
async function counterBlocks(domain: string, first: number, count: number): Promise<Uint8Array> {
  const prefix = encoder.encode(domain)
  const digests = Array.from({ length: count }, (_, k) => {
    const input = new Uint8Array(prefix.length + 4)
    input.set(prefix)
    new DataView(input.buffer).setUint32(prefix.length, first + k)
    return globalThis.crypto.subtle.digest('SHA-256', input)
  })
  const out = new Uint8Array(count * 32)
  ;(await Promise.all(digests)).forEach((block, k) => out.set(new Uint8Array(block), k * 32))
  return out
}

/**
 * Where the search for pool member `index` starts: 128 stream bytes, top two bits and low bit set.
 *
 * @internal exported for the generator and the tests.
 */
export async function poolStart(index: number): Promise<bigint> {
  const blocks = PRIME_BYTES / 32
  return bytesToBigInt(await counterBlocks(PRIME_POOL_DOMAIN, index * blocks, blocks)) | TOP_TWO_BITS | 1n
}

/** Pool member `index`: its start plus the shipped distance (in steps of 2). */
async function poolPrime(index: number): Promise<bigint> {
  return (await poolStart(index)) + 2n * BigInt(PRIME_POOL_STEPS[index]!)
}

/**
 * The two pool indexes a seed picks: distinct, each uniform, from the first eight bytes of
 * SHA-256(DOMAIN ‖ seed).
 *
 * @internal exported for the tests.
 */
export async function pickPair(seed: string): Promise<[number, number]> {
  const digest = new DataView(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(DOMAIN + seed)))
  const i = digest.getUint32(0) % POOL_SIZE
  const j = (i + 1 + (digest.getUint32(4) % (POOL_SIZE - 1))) % POOL_SIZE
  return [i, j]
}

/**
 * λ(n) and d for two primes, or why they make no FIPS 186-4 key.
 *
 * @internal shared with the generator, which proves every pair of the pool acceptable.
 */
export function privateExponent(p: bigint, q: bigint): bigint | string {
  const distance = p > q ? p - q : q - p
  if (distance <= MIN_PQ_DISTANCE) return '|p − q| too small'
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n)
  const d = modInverse(E, lambda)
  return d > MIN_D ? d : 'd too small'
}

function toBase64url(value: bigint): string {
  return bytesToBase64url(bigIntToBytes(value))
}

/**
 * Derives the key pair without consulting or filling the cache.
 *
 * @internal exported so tests can prove the cache is not what makes results identical.
 */
export async function deriveRsaKeyPairUncached(seed: string): Promise<RsaKeyPair> {
  const [i, j] = await pickPair(seed)
  const [p, q] = await Promise.all([poolPrime(i), poolPrime(j)])
  const d = privateExponent(p, q)
  // The generator refuses a pool with any unacceptable pair, so this means the pool was edited by hand.
  if (typeof d === 'string') fail(`internal: prime pool members ${i} and ${j}: ${d}. Run npm run gen:primes.`)
  const n = p * q
  const nB64 = toBase64url(n)

  // RFC 7638 thumbprint, padded to 44 characters so it has the shape of Cognito's kids
  // (base64 of 32 bytes) while remaining recomputable with any JWK thumbprint library.
  const thumbprintInput = encoder.encode(`{"e":"AQAB","kty":"RSA","n":"${nB64}"}`)
  const thumbprint = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', thumbprintInput))
  const kid = bytesToBase64url(thumbprint, true)

  const publicJwk: JsonWebKey & { kid: string } = Object.freeze({
    kty: 'RSA',
    n: nB64,
    e: 'AQAB',
    alg: 'RS256',
    use: 'sig',
    kid,
  })
  const privateJwk: JsonWebKey & { kid: string } = Object.freeze({
    kty: 'RSA',
    n: nB64,
    e: 'AQAB',
    d: toBase64url(d),
    p: toBase64url(p),
    q: toBase64url(q),
    dp: toBase64url(d % (p - 1n)),
    dq: toBase64url(d % (q - 1n)),
    qi: toBase64url(modInverse(q, p)),
    alg: 'RS256',
    use: 'sig',
    kid,
  })
  return Object.freeze({ kid, publicJwk, privateJwk })
}

/**
 * Every token for a pool needs the pool's key, so each seed is derived once per process.
 * Promises are cached (not results) so concurrent callers share one derivation.
 */
const cache = new Map<string, Promise<RsaKeyPair>>()

/**
 * Deterministically derives a 2048-bit RSA key pair from `seed`: the same seed gives the
 * byte-identical key in Node and in browsers, any run.
 *
 * The result is cached per seed and frozen, since it is shared by every caller.
 * The private key is only as secret as the seed: use it for mocks, never for real signing.
 *
 * @example
 * ```ts
 * import { SignJWT, importJWK } from 'jose'
 * import { deriveRsaKeyPair } from './rsa.ts'
 *
 * const { kid, privateJwk, publicJwk } = await deriveRsaKeyPair('us-east-1_Example')
 * const jwt = await new SignJWT({ token_use: 'access' })
 *   .setProtectedHeader({ alg: 'RS256', kid })
 *   .sign(await importJWK(privateJwk, 'RS256'))
 * const jwks = { keys: [publicJwk] } // serve at /.well-known/jwks.json
 * ```
 */
export function deriveRsaKeyPair(seed: string): Promise<RsaKeyPair> {
  let pending = cache.get(seed)
  if (!pending) {
    pending = deriveRsaKeyPairUncached(seed)
    cache.set(seed, pending)
    // A failure (e.g. no WebCrypto) must not be memoised, or a later retry could never succeed.
    const own = pending
    own.catch(() => {
      if (cache.get(seed) === own) cache.delete(seed)
    })
  }
  return pending
}
