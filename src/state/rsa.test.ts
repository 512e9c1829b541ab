import { checkPrimeSync } from 'node:crypto'
import fc from 'fast-check'
import { calculateJwkThumbprint, createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { PRIME_POOL_STEPS } from './prime-pool.generated.ts'
import { modPow } from '../lib/bigint.ts'
import { deriveRsaKeyPair, deriveRsaKeyPairUncached, E, pickPair, POOL_SIZE, poolStart, privateExponent } from './rsa.ts'

// Derivation takes milliseconds; the pool checks below run OpenSSL's primality test hundreds of times.
const TIMEOUT = 60_000

const RSA_PKCS1 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

function b64urlToBytes(value: string): Uint8Array {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/')
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0))
}

function b64urlToBigInt(value: string | undefined): bigint {
  if (value === undefined) throw new Error('missing JWK member')
  let hex = '0x0'
  for (const byte of b64urlToBytes(value)) hex += byte.toString(16).padStart(2, '0')
  return BigInt(hex)
}

function bitLength(value: bigint): number {
  return value.toString(2).length
}

function naiveModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n % modulus
  base = ((base % modulus) + modulus) % modulus
  for (; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % modulus
    base = (base * base) % modulus
  }
  return result
}

describe('deriveRsaKeyPair', () => {
  it(
    'returns identical JWKs for the same seed, from the cache and from a fresh derivation',
    async () => {
      const first = await deriveRsaKeyPair('same-seed')
      const second = await deriveRsaKeyPair('same-seed')
      // The cache hands every caller the one shared (frozen) result.
      expect(second).toBe(first)
      expect(Object.isFrozen(first.privateJwk)).toBe(true)

      const fresh = await deriveRsaKeyPairUncached('same-seed')
      expect(fresh).not.toBe(first)
      expect(JSON.stringify(fresh)).toBe(JSON.stringify(first))
    },
    TIMEOUT,
  )

  it(
    'shares one derivation between concurrent callers',
    async () => {
      const [a, b] = await Promise.all([deriveRsaKeyPair('concurrent'), deriveRsaKeyPair('concurrent')])
      expect(a).toBe(b)
    },
    TIMEOUT,
  )

  it(
    'gives different moduli for different seeds',
    async () => {
      const [a, b, c] = await Promise.all([deriveRsaKeyPair('seed-a'), deriveRsaKeyPair('seed-b'), deriveRsaKeyPair('')])
      expect(a.publicJwk.n).not.toBe(b.publicJwk.n)
      expect(a.publicJwk.n).not.toBe(c.publicJwk.n)
      expect(b.publicJwk.n).not.toBe(c.publicJwk.n)
      expect(new Set([a.kid, b.kid, c.kid]).size).toBe(3)
    },
    TIMEOUT,
  )

  it(
    'produces a 2048-bit modulus and a public JWK with exactly the public members',
    async () => {
      const { kid, publicJwk, privateJwk } = await deriveRsaKeyPair('shape')
      expect(Object.keys(publicJwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
      expect(publicJwk).toMatchObject({ kty: 'RSA', e: 'AQAB', alg: 'RS256', use: 'sig', kid })
      expect(Object.keys(privateJwk).sort()).toEqual(
        ['alg', 'd', 'dp', 'dq', 'e', 'kid', 'kty', 'n', 'p', 'q', 'qi', 'use'].sort(),
      )
      expect(privateJwk).toMatchObject({ ...publicJwk })

      const n = b64urlToBigInt(publicJwk.n)
      expect(bitLength(n)).toBe(2048)
      // Minimal big-endian encoding (RFC 7518 §6.3): 2048 bits is exactly 256 bytes.
      expect(b64urlToBytes(publicJwk.n!).length).toBe(256)
      for (const member of ['n', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
        expect(privateJwk[member]).toMatch(/^[A-Za-z0-9_-]+$/)
        expect(b64urlToBytes(privateJwk[member]!)[0]).not.toBe(0)
      }
    },
    TIMEOUT,
  )

  it(
    'has mutually consistent RSA and CRT parameters with FIPS 186-4 style primes',
    async () => {
      const { privateJwk } = await deriveRsaKeyPair('shape')
      const [n, e, d, p, q, dp, dq, qi] = (['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const).map((m) =>
        b64urlToBigInt(privateJwk[m]),
      ) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]

      expect(e).toBe(65537n)
      expect(p * q).toBe(n)
      expect(p).not.toBe(q)
      for (const prime of [p, q]) {
        expect(bitLength(prime)).toBe(1024)
        expect(prime >> 1022n).toBe(3n) // top two bits set
        expect((prime - 1n) % e).not.toBe(0n) // gcd(e, prime − 1) = 1, e being prime
        // Independent check against OpenSSL's primality test.
        expect(checkPrimeSync(prime, { checks: 32 })).toBe(true)
      }
      const distance = p > q ? p - q : q - p
      expect(distance > 1n << 924n).toBe(true)

      const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
      const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n)
      expect((e * d) % lambda).toBe(1n)
      expect(d > 1n << 1024n).toBe(true)
      expect(d < lambda).toBe(true)
      expect(dp).toBe(d % (p - 1n))
      expect(dq).toBe(d % (q - 1n))
      expect((qi * q) % p).toBe(1n)
    },
    TIMEOUT,
  )

  it(
    'imports into WebCrypto and signs with the private JWK so the public JWK verifies',
    async () => {
      const { publicJwk, privateJwk } = await deriveRsaKeyPair('webcrypto')
      const privateKey = await crypto.subtle.importKey('jwk', privateJwk, RSA_PKCS1, false, ['sign'])
      const publicKey = await crypto.subtle.importKey('jwk', publicJwk, RSA_PKCS1, false, ['verify'])
      const data = new TextEncoder().encode('device key confirmation')

      const signature = await crypto.subtle.sign(RSA_PKCS1, privateKey, data)
      expect(signature.byteLength).toBe(256)
      expect(await crypto.subtle.verify(RSA_PKCS1, publicKey, signature, data)).toBe(true)
      expect(await crypto.subtle.verify(RSA_PKCS1, publicKey, signature, new TextEncoder().encode('tampered'))).toBe(
        false,
      )

      const other = await deriveRsaKeyPair('seed-a')
      const otherPublic = await crypto.subtle.importKey('jwk', other.publicJwk, RSA_PKCS1, false, ['verify'])
      expect(await crypto.subtle.verify(RSA_PKCS1, otherPublic, signature, data)).toBe(false)
    },
    TIMEOUT,
  )

  it(
    'signs a JWT with jose that verifies against a JWKS holding the public key, byte-identically per seed',
    async () => {
      const pair = await deriveRsaKeyPair('jose')
      const fresh = await deriveRsaKeyPairUncached('jose')

      const sign = async (jwk: JsonWebKey) =>
        new SignJWT({ token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'alice' })
          .setProtectedHeader({ alg: 'RS256', kid: pair.kid })
          .setIssuer('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example')
          .setSubject('1f2e3d4c-0000-4000-8000-000000000000')
          .setIssuedAt(1_700_000_000)
          .setExpirationTime(4_000_000_000)
          .sign(await importJWK(jwk, 'RS256'))

      const token = await sign(pair.privateJwk)
      // PKCS#1 v1.5 is deterministic, so the same seed must give the very same token.
      expect(await sign(fresh.privateJwk)).toBe(token)

      const jwks = createLocalJWKSet({ keys: [(await deriveRsaKeyPair('seed-b')).publicJwk, pair.publicJwk] })
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
      })
      expect(protectedHeader).toEqual({ alg: 'RS256', kid: pair.kid })
      expect(payload.username).toBe('alice')

      await expect(jwtVerify(token, await importJWK((await deriveRsaKeyPair('seed-b')).publicJwk, 'RS256'))).rejects.toThrow()
    },
    TIMEOUT,
  )

  it(
    'uses the padded RFC 7638 thumbprint as a 44-character Cognito-shaped kid',
    async () => {
      const { kid, publicJwk } = await deriveRsaKeyPair('seed-a')
      expect(kid).toHaveLength(44)
      expect(kid).toMatch(/^[A-Za-z0-9_-]{43}=$/)
      expect(kid).toBe(`${await calculateJwkThumbprint(publicJwk, 'sha256')}=`)
    },
    TIMEOUT,
  )

  it(
    'pins the kids of known seeds, so any change to the derivation is caught',
    async () => {
      const kids = await Promise.all(['42', '1337', '1211'].map(async (seed) => (await deriveRsaKeyPair(seed)).kid))
      expect(kids).toMatchInlineSnapshot(`
        [
          "3BKXrBjnI8DkXoRjiIIweB4FywGEnrORLRsoQIl-Z-Y=",
          "K2zd6r5LacR1Wx5duU4UXnzeGRkZE51LieNYxZzjOC4=",
          "jqJKC6A-WbCT1sh0x0j-oQz3MIHcDMSFARHrYHwUG1I=",
        ]
      `)
    },
    TIMEOUT,
  )
})

describe('the prime pool', () => {
  it(
    'holds 1024-bit primes with the top two bits set and gcd(e, p − 1) = 1, by OpenSSL\'s test',
    async () => {
      expect(POOL_SIZE).toBe(256)
      const members = await Promise.all(PRIME_POOL_STEPS.map(async (step, i) => (await poolStart(i)) + 2n * BigInt(step)))
      expect(new Set(members).size).toBe(POOL_SIZE)
      for (const [i, p] of members.entries()) {
        expect(p >> 1022n, `member ${i}`).toBe(3n)
        expect((p - 1n) % E, `member ${i}`).not.toBe(0n)
        expect(checkPrimeSync(p, { checks: 8 }), `member ${i}`).toBe(true)
      }
    },
    TIMEOUT,
  )

  it(
    'is the smallest acceptable prime after each start (checked on a sample: the definition, not just any prime)',
    async () => {
      for (const i of [0, 1, 97, 128, 200, 255]) {
        const start = await poolStart(i)
        for (let step = 0; step < PRIME_POOL_STEPS[i]!; step++) {
          const c = start + 2n * BigInt(step)
          if (checkPrimeSync(c, { checks: 16 })) expect((c - 1n) % E, `member ${i}, step ${step} is an earlier acceptable prime`).toBe(0n)
        }
      }
    },
    TIMEOUT,
  )

  it('picks two distinct members for any seed, the same for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (seed) => {
        const [i, j] = await pickPair(seed)
        expect(i).not.toBe(j)
        for (const index of [i, j]) expect(Number.isInteger(index) && index >= 0 && index < POOL_SIZE).toBe(true)
        expect(await pickPair(seed)).toEqual([i, j])
      }),
      { numRuns: 200 },
    )
  })

  it('spreads seeds over many different pairs', async () => {
    const pairs = await Promise.all(Array.from({ length: 300 }, (_, k) => pickPair(`seed-${k}/us-east-1_Pool`)))
    // 300 draws from 65,280 ordered pairs: a repeat is possible but dozens would mean a broken pick.
    expect(new Set(pairs.map(String)).size).toBeGreaterThan(295)
  })

  it('refuses pairs that make no FIPS 186-4 key', () => {
    const p = (1n << 1023n) + 1n
    expect(privateExponent(p, p + 2n)).toBe('|p − q| too small')
  })
})

describe('modPow', () => {
  it('agrees with square-and-multiply on arbitrary operands', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }),
        fc.bigInt({ min: 0n, max: 1n << 1100n }),
        fc.bigInt({ min: 1n, max: 1n << 300n }),
        (base, exponent, modulus) => {
          expect(modPow(base, exponent, modulus)).toBe(naiveModPow(base, exponent, modulus))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('handles the edge cases', () => {
    expect(modPow(5n, 0n, 7n)).toBe(1n)
    expect(modPow(5n, 3n, 1n)).toBe(0n)
    expect(modPow(0n, 5n, 7n)).toBe(0n)
    expect(modPow(-2n, 3n, 7n)).toBe(6n)
    expect(() => modPow(2n, 3n, 0n)).toThrow(RangeError)
    expect(() => modPow(2n, -1n, 7n)).toThrow(RangeError)
  })
})
