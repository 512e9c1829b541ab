import { describe, expect, it } from 'vitest'
import { bytesToHex, fromBase64, toBase64 } from '../src/lib/bytes.ts'
import { claimSignature, multiplierK, N, padHex, parsePublicA, passwordVerifier, privateKeyX, serverPublicB, sessionKey, srpTimestamp } from '../src/auth/srp.ts'
import { Fakers } from '../src/state/faker.ts'
import { meetsDefaultPolicy, seededPassword } from '../src/state/passwords.ts'

/**
 * The server's SRP against the clients' own helpers, unmodified: amazon-cognito-identity-js `AuthenticationHelper`
 * and Amplify v6 `utils/srp`. Both sides must derive the same S and the same key, and the server must accept
 * the signature the client computes. Deep imports go through `as string` specifiers: neither file is typed.
 */

const amplifySrp = new URL('../node_modules/aws-amplify/node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/', import.meta.url)

async function identityJs(): Promise<{ AuthenticationHelper: any; BigInteger: any; DateHelper: any }> {
  const helper = (await import('amazon-cognito-identity-js/lib/AuthenticationHelper.js' as string)) as any
  const big = (await import('amazon-cognito-identity-js/lib/BigInteger.js' as string)) as any
  const date = (await import('amazon-cognito-identity-js/lib/DateHelper.js' as string)) as any
  return { AuthenticationHelper: helper.default ?? helper, BigInteger: big.default ?? big, DateHelper: date.default ?? date }
}

async function amplify(): Promise<{ srp: any; BigInteger: any; calculateS: any; getPaddedHex: any }> {
  const srp = await import(new URL('index.mjs', amplifySrp).href as string)
  const big = await import(new URL('BigInteger/BigInteger.mjs', amplifySrp).href as string)
  const calc = await import(new URL('calculate/calculateS.mjs', amplifySrp).href as string)
  const pad = await import(new URL('getPaddedHex.mjs', amplifySrp).href as string)
  return { srp, BigInteger: big.default, calculateS: calc.calculateS, getPaddedHex: pad.getPaddedHex }
}

const b = BigInt(`0x${'7f3a'.repeat(16)}`)
const saltHex = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'

function callback<T>(start: (cb: (error: unknown, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))))
}

describe('SRP-6a server against the clients', () => {
  it('k and padHex agree with both clients', async () => {
    const { AuthenticationHelper, BigInteger } = await identityJs()
    const helper = new AuthenticationHelper('AbC123xYz')
    expect((await multiplierK()).toString(16)).toBe(helper.k.toString(16))
    const { getPaddedHex, BigInteger: AmplifyBig } = await amplify()
    for (const hex of ['0', '1', '7f', '80', 'ff', '100', 'abcdef', '8000000000', N.toString(16), (N - 1n).toString(16)]) {
      expect(padHex(BigInt(`0x${hex}`))).toBe(helper.padHex(new BigInteger(hex, 16)).toLowerCase())
      expect(padHex(BigInt(`0x${hex}`))).toBe(getPaddedHex(new AmplifyBig(hex, 16)).toLowerCase())
    }
  })

  it('amazon-cognito-identity-js: the same x, S and key; the server accepts its PASSWORD_CLAIM_SIGNATURE', async () => {
    const { AuthenticationHelper, BigInteger, DateHelper } = await identityJs()
    const poolName = 'AbC123xYz'
    const username = 'ada.kim'
    const password = 'Harbor-Falcon-4821'
    const v = await passwordVerifier(poolName, username, password, saltHex)
    const client = new AuthenticationHelper(poolName)
    const A = BigInt(`0x${(await callback<any>((cb) => client.getLargeAValue(cb))).toString(16)}`)
    const B = await serverPublicB(v, b)
    const hkdf: Buffer = await callback((cb) =>
      client.getPasswordAuthenticationKey(username, password, new BigInteger(B.toString(16), 16), new BigInteger(saltHex, 16), cb),
    )
    const server = (await sessionKey(A, B, b, v))!
    // x and S, from the client's own pieces.
    const clientX = new BigInteger(client.hexHash(client.padHex(new BigInteger(saltHex, 16)) + client.hash(`${poolName}${username}:${password}`)), 16)
    expect((await privateKeyX(poolName, username, password, saltHex)).toString(16)).toBe(clientX.toString(16))
    const clientS = await callback<any>((cb) => client.calculateS(clientX, new BigInteger(B.toString(16), 16), cb))
    expect(server.S.toString(16)).toBe(clientS.toString(16))
    expect(bytesToHex(server.key)).toBe(Buffer.from(hkdf).toString('hex'))

    // The signature exactly as CognitoUser.authenticateUserDefaultAuth builds it.
    const secretBlock = toBase64(new Uint8Array(64).map((_, i) => (i * 37) & 255))
    const timestamp = new DateHelper().getNowString()
    const { createHmac } = await import('node:crypto')
    const clientSignature = createHmac('sha256', hkdf)
      .update(Buffer.concat([Buffer.from(poolName), Buffer.from(username), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp)]))
      .digest('base64')
    expect(await claimSignature(server.key, poolName, username, secretBlock, timestamp)).toBe(clientSignature)
    // A wrong password gives another key, so another signature.
    const wrong = new AuthenticationHelper(poolName)
    const wrongA = BigInt(`0x${(await callback<any>((cb) => wrong.getLargeAValue(cb))).toString(16)}`)
    const wrongKey: Buffer = await callback((cb) =>
      wrong.getPasswordAuthenticationKey(username, 'not-the-password', new BigInteger(B.toString(16), 16), new BigInteger(saltHex, 16), cb),
    )
    expect(bytesToHex((await sessionKey(wrongA, B, b, v))!.key)).not.toBe(Buffer.from(wrongKey).toString('hex'))
  })

  it('Amplify v6: the same S and key, and getSignatureString matches the server', async () => {
    const { srp, BigInteger, calculateS } = await amplify()
    const poolName = 'zna7GWXpv'
    const username = 'luca.hansen'
    const password = 'Cedar-Otter-1234'
    const v = await passwordVerifier(poolName, username, password, saltHex)
    const helper = await srp.getAuthenticationHelper(poolName)
    const A = BigInt(`0x${helper.A.toString(16)}`)
    const B = await serverPublicB(v, b)
    const serverB = new BigInteger(B.toString(16), 16)
    const hkdf: Uint8Array = await helper.getPasswordAuthenticationKey({ username, password, serverBValue: serverB, salt: new BigInteger(saltHex, 16) })
    const server = (await sessionKey(A, B, b, v))!
    const x = new BigInteger((await privateKeyX(poolName, username, password, saltHex)).toString(16), 16)
    const U = new BigInteger(server.u.toString(16), 16)
    const clientS = await calculateS({ a: helper.a, g: helper.g, k: helper.k, x, B: serverB, N: helper.N, U })
    expect(server.S.toString(16)).toBe(clientS.toString(16))
    expect(bytesToHex(server.key)).toBe(bytesToHex(hkdf))
    const secretBlock = toBase64(new Uint8Array(300).map((_, i) => (i * 91 + 7) & 255))
    const dateNow = srp.getNowString()
    const signature = srp.getSignatureString({ userPoolName: poolName, username, challengeParameters: { SECRET_BLOCK: secretBlock }, dateNow, hkdf })
    expect(await claimSignature(server.key, poolName, username, secretBlock, dateNow)).toBe(signature)
  })

  it('device verifiers: the server recomputes what generateHashDevice sent to ConfirmDevice (both clients)', async () => {
    const deviceKey = 'us-east-1_2ef99e9d-8d1a-4d28-b03c-d2fce036c6bc'
    const groupKey = '-lt0cpemm'
    const { AuthenticationHelper } = await identityJs()
    const legacy = new AuthenticationHelper('AbC123xYz')
    await callback((cb) => legacy.generateHashDevice(groupKey, deviceKey, cb))
    // ConfirmDevice carries both as Base64 of the hex bytes; the server reads them back the same way.
    const legacySalt = bytesToHex(fromBase64(Buffer.from(legacy.getSaltDevices(), 'hex').toString('base64'))!)
    const legacyVerifier = bytesToHex(fromBase64(Buffer.from(legacy.getVerifierDevices(), 'hex').toString('base64'))!)
    expect(padHex(await passwordVerifier(groupKey, deviceKey, legacy.getRandomPassword(), legacySalt))).toBe(legacyVerifier)

    const { srp } = await amplify()
    const helper = await srp.getAuthenticationHelper('AbC123xYz')
    await helper.generateHashDevice(groupKey, deviceKey)
    expect(padHex(await passwordVerifier(groupKey, deviceKey, helper.getRandomPassword(), helper.getSaltToHashDevices()))).toBe(
      helper.getVerifierDevices(),
    )
  })

  it('A ≡ 0 mod N and non-hex SRP_A are refused', () => {
    expect(parsePublicA('0')).toBeUndefined()
    expect(parsePublicA(N.toString(16))).toBeUndefined()
    expect(parsePublicA((2n * N).toString(16))).toBeUndefined()
    expect(parsePublicA('xyz')).toBeUndefined()
    expect(parsePublicA('')).toBeUndefined()
    expect(parsePublicA(undefined)).toBeUndefined()
    expect(parsePublicA('2')).toBe(2n)
    expect(parsePublicA((N + 5n).toString(16))).toBe(N + 5n)
  })

  it('TIMESTAMP in the clients\' format', async () => {
    const { DateHelper } = await identityJs()
    const { srp } = await amplify()
    const now = new Date()
    const clientNow = new DateHelper().getNowString()
    // Both clients read the wall clock; compare within the same second, else retry once.
    const ours = srpTimestamp(now)
    expect([clientNow, srp.getNowString()].every((s) => s === ours || s === srpTimestamp(new Date()))).toBe(true)
    expect(srpTimestamp(new Date('2025-05-07T00:09:40Z'))).toBe('Wed May 7 00:09:40 UTC 2025')
    expect(srpTimestamp(new Date('2026-01-05T13:04:09Z'))).toBe('Mon Jan 5 13:04:09 UTC 2026')
  })
})

describe('seeded passwords', () => {
  it('are deterministic, per user, and meet the default policy', () => {
    const one = seededPassword(new Fakers(42), 'us-east-1_AbC123xYz', 'ada.kim')
    expect(seededPassword(new Fakers(42), 'us-east-1_AbC123xYz', 'ADA.KIM')).toBe(one)
    expect(seededPassword(new Fakers(43), 'us-east-1_AbC123xYz', 'ada.kim')).not.toBe(one)
    const all = new Set<string>()
    const fakers = new Fakers(7)
    for (let i = 0; i < 500; i++) {
      const password = seededPassword(fakers, 'us-east-1_AbC123xYz', `user${i}`)
      expect(meetsDefaultPolicy(password)).toBe(true)
      all.add(password)
    }
    expect(all.size).toBeGreaterThan(490)
  })
})
