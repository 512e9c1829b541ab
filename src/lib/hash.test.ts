import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCognitoMock } from '../mock.ts'
import { hmacSha256, requireWebCrypto, sha256 } from './hash.ts'
import { bytesToHex, utf8 } from './bytes.ts'

afterEach(() => vi.unstubAllGlobals())

describe('WebCrypto', () => {
  it('missing (Jest jsdom): createCognitoMock says so and how to fix it, instead of failing later inside jose', () => {
    vi.stubGlobal('crypto', {})
    expect(() => requireWebCrypto()).toThrow(/^\[cognito-device-mock\] WebCrypto \(globalThis\.crypto\.subtle\) is missing.*setup file.*require\('node:crypto'\)\.webcrypto/)
    expect(() => createCognitoMock({ seed: 1 })).toThrow(/WebCrypto/)
    vi.stubGlobal('crypto', undefined)
    expect(() => createCognitoMock({ seed: 1 })).toThrow(/WebCrypto/)
  })

  it('present: nothing to say, and the digests are the standard ones', async () => {
    expect(() => requireWebCrypto()).not.toThrow()
    expect(bytesToHex(await sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    // RFC 4231 test case 2.
    expect(bytesToHex(await hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })
})
