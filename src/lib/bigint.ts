/**
 * Big-integer arithmetic for SRP (RFC 5054 over the 3072-bit group) and the RSA keys: modular exponentiation,
 * inverse, gcd, and the byte forms JWKs and SRP hashes need. BigInt only, so it runs wherever the mock does.
 */
import { bytesToHex, hexToBytes } from './bytes.ts'

/** The unsigned big-endian integer of `bytes`. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x0${bytesToHex(bytes)}`)
}

/** Minimal big-endian bytes, as RFC 7518 §6.3 requires for JWK RSA members. */
export function bigIntToBytes(value: bigint): Uint8Array<ArrayBuffer> {
  return hexToBytes(value.toString(16))
}

/**
 * Left-to-right sliding-window exponentiation. Window 5–6 cuts the multiplications of a
 * 1024-bit exponent from ~512 (square-and-multiply) to ~170, and Miller–Rabin spends
 * nearly all of key generation in here. Plain `%` reduction measured faster in V8 than
 * BigInt Montgomery or Barrett reduction, which need two or three extra full products
 * and shifts to avoid one native division.
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

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b]
  return a < 0n ? -a : a
}

export function modInverse(a: bigint, modulus: bigint): bigint {
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
