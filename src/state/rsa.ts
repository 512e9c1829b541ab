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
 * These keys are NOT secret: anyone who knows the seed can recompute the private key.
 * That is the point for a mock, and the reason not to use this for anything real.
 *
 * Algorithm: a SHA-256 counter-mode byte stream from the seed gives two 1024-bit starts
 * (top two bits and low bit forced); p and q are the next primes at or after them with
 * gcd(e, p − 1) = 1, found by a small-prime sieve plus FIPS 186-4 Miller–Rabin.
 * Changing the domain string, stream layout, start construction, the prime acceptance
 * rules or the kid format changes every derived key, so the derivation is versioned
 * through `DOMAIN` and pinned by snapshot tests. Sieve bound, window and Miller–Rabin
 * details only affect speed (see `nextPrime`).
 */

/** A seed-derived RS256 key pair, as JWKs (no `alg`/`use` needed beyond what is listed). */
export interface RsaKeyPair {
  kid: string
  publicJwk: JsonWebKey
  privateJwk: JsonWebKey
}

/**
 * Domain separation for the byte stream: bump the version if the derivation changes, so
 * an old and a new algorithm can never silently share a stream.
 */
const DOMAIN = 'cognito-device-mock/rsa-2048/v1\0'

const E = 65537n
const PRIME_BITS = 1024
const PRIME_BYTES = PRIME_BITS / 8
/** Top two bits set: p, q ≥ 1.5·2^1023 > √2·2^1023, so p·q always has exactly 2048 bits (FIPS 186-4 B.3.1). */
const TOP_TWO_BITS = 3n << BigInt(PRIME_BITS - 2)
const PRIME_LIMIT = 1n << BigInt(PRIME_BITS)
/** FIPS 186-4 B.3.3 step 5.4: |p − q| > 2^(nlen/2 − 100), otherwise Fermat factoring becomes feasible. */
const MIN_PQ_DISTANCE = 1n << BigInt(PRIME_BITS - 100)
/** FIPS 186-4 B.3.1: d must exceed 2^(nlen/2) to rule out small-private-exponent attacks. */
const MIN_D = 1n << BigInt(PRIME_BITS)
/**
 * 5 rounds bound the error to 2^-112 (the security strength of RSA-2048) for random
 * 1024-bit candidates: FIPS 186-4 Table C.3 / FIPS 186-5 Table B.1.
 */
const MILLER_RABIN_ROUNDS = 5
/**
 * Odd candidates sieved at a time. A start is followed by ~355 odd composites on average
 * before a prime, so one window of 4096 almost always suffices; the size only trades
 * memory for the rare extra window and does not affect which prime is found.
 */
const SIEVE_WINDOW = 4096
/**
 * Trial-division bound. Odd primes below 2^20 leave ~8% of odd candidates for
 * Miller–Rabin (each rejection costs one ~2 ms modPow); measured faster than 2^16, 2^18
 * and 2^22, where residue computation starts to outweigh the modPows it saves. Like the
 * window, it changes speed only, never the key.
 */
const SIEVE_BOUND = 1 << 20
/** Digest blocks requested per refill: crypto.subtle is async, so batching amortises the round trips. */
const STREAM_BATCH = 32

const encoder = new TextEncoder()

/**
 * SHA-256 in counter mode: block i = SHA-256(DOMAIN ‖ UTF-8(seed) ‖ uint32be(i)), blocks
 * concatenated in order and consumed strictly sequentially.
 *
 * Why this construction: it needs only `crypto.subtle.digest` (present in Node ≥ 20 and
 * every browser), it is trivially specified so another implementation can reproduce it,
 * and the counter is a fixed-width suffix so (seed, i) pairs can never collide. Blocks
 * are independent, so they can be hashed in parallel batches without changing the
 * output. Cryptographic strength beyond "looks random" is not a goal (see file header).
 */
class SeedStream {
  readonly #input: Uint8Array
  #counter = 0
  #buffer = new Uint8Array(0)
  #offset = 0

  constructor(seed: string) {
    const prefix = encoder.encode(DOMAIN + seed)
    this.#input = new Uint8Array(prefix.length + 4)
    this.#input.set(prefix)
  }

  async read(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length)
    let filled = 0
    while (filled < length) {
      if (this.#offset === this.#buffer.length) await this.#refill()
      const take = Math.min(length - filled, this.#buffer.length - this.#offset)
      out.set(this.#buffer.subarray(this.#offset, this.#offset + take), filled)
      this.#offset += take
      filled += take
    }
    return out
  }

  async #refill(): Promise<void> {
    if (this.#counter + STREAM_BATCH > 0xffffffff) throw new Error('rsa: seed stream exhausted')
    const subtle = globalThis.crypto.subtle
    const digests: Promise<ArrayBuffer>[] = []
    for (let i = 0; i < STREAM_BATCH; i++) {
      // Each digest gets its own copy: subtle may read the input after we move on.
      const input = this.#input.slice()
      new DataView(input.buffer).setUint32(input.length - 4, this.#counter + i)
      digests.push(subtle.digest('SHA-256', input))
    }
    this.#counter += STREAM_BATCH
    const blocks = await Promise.all(digests)
    const buffer = new Uint8Array(blocks.length * 32)
    blocks.forEach((block, i) => buffer.set(new Uint8Array(block), i * 32))
    this.#buffer = buffer
    this.#offset = 0
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '0x0'
  for (const byte of bytes) hex += HEX[byte]
  return BigInt(hex)
}

/** Minimal big-endian bytes, as RFC 7518 §6.3 requires for JWK RSA members. */
function bigIntToBytes(value: bigint): Uint8Array {
  let hex = value.toString(16)
  if (hex.length % 2 === 1) hex = '0' + hex
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Hand-rolled rather than `btoa`/`Buffer` so the module needs no environment-specific API. */
function base64url(bytes: Uint8Array, pad = false): string {
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

/**
 * Left-to-right sliding-window exponentiation. Window 5–6 cuts the multiplications of a
 * 1024-bit exponent from ~512 (square-and-multiply) to ~170, and Miller–Rabin spends
 * nearly all of key generation in here. Plain `%` reduction measured faster in V8 than
 * BigInt Montgomery or Barrett reduction, which need two or three extra full products
 * and shifts to avoid one native division.
 *
 * @internal exported for tests.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus <= 0n) throw new RangeError('modPow: modulus must be positive')
  if (exponent < 0n) throw new RangeError('modPow: exponent must be non-negative')
  if (modulus === 1n) return 0n
  base %= modulus
  if (base < 0n) base += modulus
  if (exponent === 0n) return 1n

  const bits = exponent.toString(2)
  const window = bits.length > 768 ? 6 : bits.length > 240 ? 5 : bits.length > 80 ? 4 : bits.length > 24 ? 3 : 1
  // odd[k] = base^(2k+1): only odd powers are needed because windows always end in a 1 bit.
  const odd: bigint[] = [base]
  if (window > 1) {
    const square = (base * base) % modulus
    for (let k = 1; k < 1 << (window - 1); k++) odd.push((odd[k - 1]! * square) % modulus)
  }

  let result = 1n
  let started = false
  let i = 0
  while (i < bits.length) {
    if (bits[i] === '0') {
      result = (result * result) % modulus
      i++
      continue
    }
    let end = Math.min(i + window, bits.length)
    while (bits[end - 1] === '0') end--
    const power = odd[parseInt(bits.slice(i, end), 2) >> 1]!
    if (started) {
      for (let s = i; s < end; s++) result = (result * result) % modulus
      result = (result * power) % modulus
    } else {
      // Squaring 1 is a no-op, so the first window just loads its table entry.
      result = power
      started = true
    }
    i = end
  }
  return result
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b]
  return a < 0n ? -a : a
}

function modInverse(a: bigint, modulus: bigint): bigint {
  let [oldR, r] = [((a % modulus) + modulus) % modulus, modulus]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const quotient = oldR / r
    ;[oldR, r] = [r, oldR - quotient * r]
    ;[oldS, s] = [s, oldS - quotient * s]
  }
  if (oldR !== 1n) throw new RangeError('modInverse: not invertible')
  return ((oldS % modulus) + modulus) % modulus
}

interface SmallPrimes {
  primes: Uint32Array
  /** Products of consecutive primes, each < 2^53, so one BigInt remainder serves several primes. */
  products: bigint[]
  /** groupEnd[g] is one past the last index into `primes` covered by products[g]. */
  groupEnd: Uint32Array
}

let smallPrimes: SmallPrimes | undefined

/** Odd primes below SIEVE_BOUND, built lazily so importing the module costs nothing. */
function getSmallPrimes(): SmallPrimes {
  if (smallPrimes) return smallPrimes
  const composite = new Uint8Array(SIEVE_BOUND)
  const found: number[] = []
  for (let i = 3; i < SIEVE_BOUND; i += 2) {
    if (composite[i]) continue
    found.push(i)
    for (let j = i * i; j < SIEVE_BOUND; j += 2 * i) composite[j] = 1
  }
  const products: bigint[] = []
  const groupEnd: number[] = []
  let product = 1
  for (let k = 0; k < found.length; k++) {
    const p = found[k]!
    if (product * p > Number.MAX_SAFE_INTEGER) {
      products.push(BigInt(product))
      groupEnd.push(k)
      product = 1
    }
    product *= p
  }
  products.push(BigInt(product))
  groupEnd.push(found.length)
  smallPrimes = { primes: Uint32Array.from(found), products, groupEnd: Uint32Array.from(groupEnd) }
  return smallPrimes
}

/**
 * Miller–Rabin as in FIPS 186-4 C.3.1, including its rejection sampling of bases from
 * wlen-bit strings. Bases come from the seed stream (not Math.random) so that even the
 * astronomically unlikely fallbacks in the derivation stay reproducible.
 */
async function isProbablePrime(w: bigint, stream: SeedStream, rounds: number): Promise<boolean> {
  const wMinus1 = w - 1n
  let a = 0
  let m = wMinus1
  while ((m & 1n) === 0n) {
    m >>= 1n
    a++
  }
  const wBytes = Math.ceil(w.toString(16).length / 2)
  for (let round = 0; round < rounds; round++) {
    let b: bigint
    do b = bytesToBigInt(await stream.read(wBytes))
    while (b <= 1n || b >= wMinus1)
    let z = modPow(b, m, w)
    if (z === 1n || z === wMinus1) continue
    let witness = true
    for (let j = 1; j < a; j++) {
      z = (z * z) % w
      if (z === wMinus1) {
        witness = false
        break
      }
      if (z === 1n) break
    }
    if (witness) return false
  }
  return true
}

/**
 * The smallest probable prime c ≥ start, stepping by 2 from an odd start, with
 * gcd(e, c − 1) = 1 and |c − other| > MIN_PQ_DISTANCE; undefined if the search would
 * leave the 1024-bit range (probability ≈ 2^-1000, but it must still be defined).
 *
 * Defining the result as "next prime after the start" rather than "whichever candidate
 * the search happened to accept" makes the key independent of the sieve bound, window
 * size and Miller–Rabin base choice: those only change how fast we get there (barring a
 * composite passing 5 rounds, probability < 2^-112). Residues mod the small primes are
 * computed once per start and then advanced in plain Numbers, so sieving costs almost
 * no BigInt work.
 */
async function nextPrime(start: bigint, stream: SeedStream, other?: bigint): Promise<bigint | undefined> {
  const { primes, products, groupEnd } = getSmallPrimes()
  const residues = new Float64Array(primes.length)
  for (let g = 0, k = 0; g < products.length; g++) {
    const r = Number(start % products[g]!)
    for (; k < groupEnd[g]!; k++) residues[k] = r % primes[k]!
  }
  const e = Number(E)
  let residueE = Number(start % E)
  const rejected = new Uint8Array(SIEVE_WINDOW)

  for (let base = start; base < PRIME_LIMIT; base += BigInt(2 * SIEVE_WINDOW)) {
    rejected.fill(0)
    for (let k = 0; k < primes.length; k++) {
      const p = primes[k]!
      const r = residues[k]!
      // base + 2i is divisible by p when i ≡ −r·2⁻¹ (mod p), and 2⁻¹ ≡ (p+1)/2.
      for (let i = ((p - r) * ((p + 1) / 2)) % p; i < SIEVE_WINDOW; i += p) rejected[i] = 1
      residues[k] = (r + 2 * SIEVE_WINDOW) % p
    }
    // e is prime, so gcd(e, c − 1) = 1 ⇔ c ≢ 1 (mod e), i.e. i ≢ (1 − r)·2⁻¹ (mod e).
    for (let i = (((1 - residueE + e) % e) * ((e + 1) / 2)) % e; i < SIEVE_WINDOW; i += e) rejected[i] = 1
    residueE = (residueE + 2 * SIEVE_WINDOW) % e

    for (let i = 0; i < SIEVE_WINDOW; i++) {
      if (rejected[i]) continue
      const candidate = base + BigInt(2 * i)
      if (candidate >= PRIME_LIMIT) return undefined
      if (other !== undefined) {
        const distance = candidate > other ? candidate - other : other - candidate
        if (distance <= MIN_PQ_DISTANCE) continue
      }
      if (await isProbablePrime(candidate, stream, MILLER_RABIN_ROUNDS)) return candidate
    }
  }
  return undefined
}

async function drawStart(stream: SeedStream): Promise<bigint> {
  return bytesToBigInt(await stream.read(PRIME_BYTES)) | TOP_TWO_BITS | 1n
}

function toBase64url(value: bigint): string {
  return base64url(bigIntToBytes(value))
}

/**
 * Derives the key pair without consulting or filling the cache.
 *
 * @internal exported so tests can prove the cache is not what makes results identical.
 */
export async function deriveRsaKeyPairUncached(seed: string): Promise<RsaKeyPair> {
  const stream = new SeedStream(seed)
  let p: bigint, q: bigint, d: bigint
  for (;;) {
    // Both starts come first so that p and q are pure functions of the first 256 stream
    // bytes; Miller–Rabin bases are drawn only after them.
    const pStart = await drawStart(stream)
    const qStart = await drawStart(stream)
    const foundP = await nextPrime(pStart, stream)
    if (foundP === undefined) continue
    const foundQ = await nextPrime(qStart, stream, foundP)
    if (foundQ === undefined) continue
    ;[p, q] = [foundP, foundQ]
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n)
    d = modInverse(E, lambda)
    if (d > MIN_D) break
  }
  const n = p * q
  const nB64 = toBase64url(n)

  // RFC 7638 thumbprint, padded to 44 characters so it has the shape of Cognito's kids
  // (base64 of 32 bytes) while remaining recomputable with any JWK thumbprint library.
  const thumbprintInput = encoder.encode(`{"e":"AQAB","kty":"RSA","n":"${nB64}"}`)
  const thumbprint = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', thumbprintInput))
  const kid = base64url(thumbprint, true)

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
 * Derivation takes a noticeable fraction of a second, and every token for a pool needs
 * the pool's key, so each seed is derived once per process. Promises are cached (not
 * results) so concurrent callers share one derivation instead of racing.
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
