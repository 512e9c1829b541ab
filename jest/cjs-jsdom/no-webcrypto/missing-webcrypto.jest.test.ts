import { expect, it } from '@jest/globals'
import { webcrypto } from 'node:crypto'
import { createCognitoMock } from 'cognito-device-mock'

/** jest-fixed-jsdom without a WebCrypto setup file: the clear error, then the fix. */

it('jsdom has crypto.getRandomValues but no crypto.subtle', () => {
  expect(typeof window).toBe('object')
  expect(typeof globalThis.crypto.getRandomValues).toBe('function')
  expect(globalThis.crypto.subtle).toBeUndefined()
})

it('createCognitoMock() throws a [cognito-device-mock] error that names the fix', () => {
  expect(() => createCognitoMock({ seed: 42 })).toThrow(/^\[cognito-device-mock\] WebCrypto \(globalThis\.crypto\.subtle\) is missing/)
  expect(() => createCognitoMock({ seed: 42 })).toThrow(/require\('node:crypto'\)\.webcrypto/)
})

it("with Node's WebCrypto on globalThis.crypto (what webcrypto.setup.cjs does), the mock signs tokens", async () => {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true })
  const cognito = createCognitoMock({ seed: 42 })
  const [pool] = cognito.pools.list()
  const [user] = cognito.users.list(pool!.id)
  const { AccessToken } = await cognito.signIn(pool!.id, user!.username)
  const payload = JSON.parse(Buffer.from(AccessToken!.split('.')[1]!, 'base64url').toString()) as { username: string; token_use: string }
  expect(payload.username).toBe(user!.username)
  expect(payload.token_use).toBe('access')
})
