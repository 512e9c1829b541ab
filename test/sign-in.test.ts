import {
  ConfirmDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { secretHash } from '../src/auth/clients.ts'
import { bytesToHex, concat, hexToBytes, utf8 } from '../src/lib/bytes.ts'
import { hmacSha256, sha256 } from '../src/lib/hash.ts'
import { claimSignature, g, multiplierK, N, padHex, passwordVerifier, privateKeyX, srpTimestamp } from '../src/auth/srp.ts'
import { outputSchema } from '../src/model/schemas.ts'
import { modPow } from '../src/lib/bigint.ts'
import { createCognitoMock, fidelity, type CognitoMock, type UserPoolRecord, type UserRecord } from '../src/index.ts'
import { sdkClient, startMock, wire, type MockFixture } from './support.ts'
import * as z from 'zod/mini'

/**
 * Sign-in at the wire and through SDK v3: every refusal with Cognito's type and message, client secrets,
 * sessions, refresh, revocation, sign-in from code and the state it leaves. The SRP client here is a few lines
 * of BigInt (the clients' own helpers are checked against the server in sign-in-srp.test.ts).
 */

let fixture: MockFixture
let cognito: CognitoMock
let optIn: UserPoolRecord
let always: UserPoolRecord
let off: UserPoolRecord
let alice: UserRecord

const web = (pool: UserPoolRecord) => pool.clients[0]!
const server = (pool: UserPoolRecord) => pool.clients[1]!

/** The client's side of SRP: A, then the signature over the server's challenge. */
async function srpClient(poolName: string) {
  const a = BigInt(`0x${'5c'.repeat(64)}`)
  const A = modPow(g, a, N)
  return {
    A: A.toString(16),
    async sign(params: Record<string, string>, userId: string, password: string, timestamp = srpTimestamp(new Date())) {
      const B = BigInt(`0x${params.SRP_B}`)
      const x = await privateKeyX(poolName, userId, password, params.SALT!)
      const u = BigInt(`0x${bytesToHex(await sha256(hexToBytes(padHex(A) + padHex(B))))}`)
      const k = await multiplierK()
      let base = (B - k * modPow(g, x, N)) % N
      if (base < 0n) base += N
      const S = modPow(base, a + u * x, N)
      const prk = await hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)))
      const key = (await hmacSha256(prk, concat(utf8('Caldera Derived Key'), Uint8Array.of(1)))).subarray(0, 16)
      return { TIMESTAMP: timestamp, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!, PASSWORD_CLAIM_SIGNATURE: (await claimSignature(key, poolName, userId, params.SECRET_BLOCK!, timestamp))! }
    },
  }
}

const poolName = (pool: UserPoolRecord) => pool.id.split('_')[1]!

async function initiate(pool: UserPoolRecord, params: Record<string, string>, flow = 'USER_PASSWORD_AUTH', clientId = web(pool).clientId) {
  return wire('InitiateAuth', { AuthFlow: flow, ClientId: clientId, AuthParameters: params })
}

async function respond(pool: UserPoolRecord, name: string, responses: Record<string, string>, session?: string, clientId = web(pool).clientId) {
  return wire('RespondToAuthChallenge', { ChallengeName: name, ClientId: clientId, ChallengeResponses: responses, ...(session ? { Session: session } : {}) })
}

/** A full USER_SRP_AUTH sign-in at the wire, stopping at the PASSWORD_VERIFIER answer. */
async function srpSignIn(pool: UserPoolRecord, username: string, password: string, extra: Record<string, string> = {}) {
  const client = await srpClient(poolName(pool))
  const started = await initiate(pool, { USERNAME: username, SRP_A: client.A }, 'USER_SRP_AUTH')
  expect(started.status, started.text).toBe(200)
  const params = started.json.ChallengeParameters
  const proof = await client.sign(params, params.USER_ID_FOR_SRP, password)
  return { started, params, answer: await respond(pool, 'PASSWORD_VERIFIER', { USERNAME: params.USERNAME, ...proof, ...extra }) }
}

function error(answer: { status: number; json: any }, type: string, message: string) {
  expect({ status: answer.status, json: answer.json }).toEqual({ status: type.startsWith('CognitoDeviceMock') ? 501 : 400, json: { __type: type, message } })
}

beforeAll(() => {
  fixture = startMock({ seed: 11, world: { pools: 3, usersPerPool: 3, devicesPerUser: { min: 0, max: 2 } } })
  cognito = fixture.cognito
})
afterAll(() => fixture.close())
beforeEach(() => {
  cognito.reset()
  ;[optIn, always, off] = cognito.pools.list() as [UserPoolRecord, UserPoolRecord, UserPoolRecord]
  alice = cognito.users.create(optIn.id, { username: 'alice', password: 'Correct-Horse-1', email: 'alice@example.org' })
})

describe('the seeded world signs in', () => {
  it('every seeded user has a password from the seed; every pool a public and a confidential client', () => {
    for (const pool of cognito.pools.list()) {
      expect(pool.clients.map((c) => [c.clientName, c.clientSecret === undefined])).toEqual([['web', true], ['server', false]])
      expect(server(pool).clientSecret).toMatch(/^[a-z0-9]{51}$/)
      for (const user of cognito.users.list(pool.id).filter((u) => u.username !== 'alice')) expect(user.password).toMatch(/^[A-Z][a-z]+-[A-Z][a-z]+-\d{4}$/)
    }
    const again = createCognitoMock({ seed: 11, world: { pools: 3, usersPerPool: 3, devicesPerUser: { min: 0, max: 2 } } })
    expect(again.pools.list().map((p) => cognito.users.list(p.id).map((u) => u.password))).toEqual(
      cognito.pools.list().map((p) => cognito.users.list(p.id).map((u) => u.password)),
    )
  })

  it('USER_PASSWORD_AUTH through SDK v3: the whole AuthenticationResult, tokens verifiable with the JWKS', async () => {
    const [user] = cognito.users.list(optIn.id)
    const out = await sdkClient().send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: web(optIn).clientId, AuthParameters: { USERNAME: user!.username, PASSWORD: user!.password } }),
    )
    const result = out.AuthenticationResult!
    expect(out.ChallengeParameters).toEqual({})
    expect(result.ExpiresIn).toBe(3600)
    expect(result.TokenType).toBe('Bearer')
    expect(result.RefreshToken!.split('.')).toHaveLength(5)
    expect(result.RefreshToken!.startsWith('eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.')).toBe(true)
    expect(result.NewDeviceMetadata!.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    expect(result.NewDeviceMetadata!.DeviceGroupKey).toMatch(/^-[a-z0-9]{8}$/)

    const jwks = createLocalJWKSet((await cognito.tokens.jwks(optIn.id)) as never)
    const issuer = cognito.tokens.issuer(optIn.id)
    const currentDate = new Date(cognito.clock.now())
    const access = (await jwtVerify(result.AccessToken!, jwks, { issuer, currentDate })).payload
    const id = (await jwtVerify(result.IdToken!, jwks, { issuer, audience: web(optIn).clientId, currentDate })).payload
    expect(Object.keys(access)).toEqual(['sub', 'device_key', 'iss', 'client_id', 'origin_jti', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username'])
    // Seeded users have a phone number: the ID token carries it (fidelity.idTokenPhoneClaims).
    expect(Object.keys(id)).toEqual(['sub', 'email_verified', 'iss', 'phone_number_verified', 'cognito:username', 'origin_jti', 'aud', 'event_id', 'token_use', 'auth_time', 'phone_number', 'exp', 'iat', 'jti', 'email'])
    expect(access).toMatchObject({ sub: user!.sub, device_key: result.NewDeviceMetadata!.DeviceKey, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: user!.username })
    expect(id).toMatchObject({ sub: user!.sub, email_verified: true, 'cognito:username': user!.username, token_use: 'id', email: user!.email, origin_jti: access.origin_jti, phone_number: user!.phoneNumber, phone_number_verified: true })
    expect(access.exp! - access.iat!).toBe(3600)

    // The key it handed out is the one ConfirmDevice takes; the device API accepts the access token.
    const confirm = await sdkClient().send(
      new ConfirmDeviceCommand({ AccessToken: result.AccessToken, DeviceKey: result.NewDeviceMetadata!.DeviceKey, DeviceName: 'sdk-v3' }),
    )
    expect(confirm.UserConfirmationNecessary).toBe(true)
    expect(cognito.devices.get(optIn.id, user!.username, result.NewDeviceMetadata!.DeviceKey!)!.name).toBe('sdk-v3')
  })

  it('answers match the model\'s output shapes', async () => {
    const password = await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' })
    const srp = await srpSignIn(optIn, 'alice', 'Correct-Horse-1')
    for (const answer of [password, srp.started, srp.answer]) expect(z.safeParse(outputSchema('InitiateAuth')!, answer.json).success).toBe(true)
    expect(Object.keys(srp.started.json)).toEqual(['ChallengeName', 'ChallengeParameters'])
    expect(Object.keys(srp.started.json.ChallengeParameters)).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP'])
    const user = await wire('GetUser', { AccessToken: password.json.AuthenticationResult.AccessToken })
    expect(z.safeParse(outputSchema('GetUser')!, user.json).success).toBe(true)
  })

  it('no NewDeviceMetadata where devices are not tracked; `always` confirms without user confirmation', async () => {
    const [offUser] = cognito.users.list(off.id)
    const noDevice = await initiate(off, { USERNAME: offUser!.username, PASSWORD: offUser!.password })
    expect(noDevice.json.AuthenticationResult.NewDeviceMetadata).toBeUndefined()
    expect(decodeJwt(noDevice.json.AuthenticationResult.AccessToken).device_key).toBeUndefined()
    const [alwaysUser] = cognito.users.list(always.id)
    const tracked = await initiate(always, { USERNAME: alwaysUser!.username, PASSWORD: alwaysUser!.password })
    const { DeviceKey } = tracked.json.AuthenticationResult.NewDeviceMetadata
    const confirm = await wire('ConfirmDevice', { AccessToken: tracked.json.AuthenticationResult.AccessToken, DeviceKey })
    expect(confirm.json).toEqual({ UserConfirmationNecessary: false })
    expect(cognito.devices.get(always.id, alwaysUser!.username, DeviceKey)!.rememberedStatus).toBe('remembered')
  })
})

describe('refusals, as Cognito words them', () => {
  it('password, user and state errors', async () => {
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'wrong' }), 'NotAuthorizedException', 'Incorrect username or password.')
    error(await initiate(optIn, { USERNAME: 'nobody', PASSWORD: 'x' }), 'NotAuthorizedException', 'Incorrect username or password.')
    // Usernames are case-insensitive.
    expect((await initiate(optIn, { USERNAME: 'ALICE', PASSWORD: 'Correct-Horse-1' })).status).toBe(200)

    cognito.users.update(optIn.id, 'alice', { enabled: false })
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' }), 'NotAuthorizedException', 'User is disabled.')
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'wrong' }), 'NotAuthorizedException', 'Incorrect username or password.')
    error((await srpSignIn(optIn, 'alice', 'Correct-Horse-1')).answer, 'NotAuthorizedException', 'User is disabled.')
    cognito.users.update(optIn.id, 'alice', { enabled: true, status: 'UNCONFIRMED' })
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'wrong' }), 'UserNotConfirmedException', 'User is not confirmed.')
    const client = await srpClient(poolName(optIn))
    error(await initiate(optIn, { USERNAME: 'alice', SRP_A: client.A }, 'USER_SRP_AUTH'), 'UserNotConfirmedException', 'User is not confirmed.')
    cognito.users.update(optIn.id, 'alice', { status: 'RESET_REQUIRED' })
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' }), 'PasswordResetRequiredException', 'Password reset required for the user')
    cognito.users.update(optIn.id, 'alice', { status: 'FORCE_CHANGE_PASSWORD' })
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'wrong' }), 'NotAuthorizedException', 'Incorrect username or password.')
    // A temporary password asks for a new one (the password policy applies), then signs in.
    const force = await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' })
    expect(force.status).toBe(200)
    expect(force.json.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    expect(force.json.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'alice',
      requiredAttributes: '[]',
      userAttributes: JSON.stringify({ email_verified: 'true', email: cognito.users.get(optIn.id, 'alice')!.email }),
    })
    error(
      await respond(optIn, 'NEW_PASSWORD_REQUIRED', { USERNAME: 'alice', NEW_PASSWORD: 'alllowercase1!' }, force.json.Session as string),
      'InvalidPasswordException',
      'Password does not conform to policy: Password must have uppercase characters',
    )
    const done = await respond(optIn, 'NEW_PASSWORD_REQUIRED', { USERNAME: 'alice', NEW_PASSWORD: 'New-Horse-2' }, force.json.Session as string)
    expect(done.status).toBe(200)
    expect((done.json.AuthenticationResult as { AccessToken: string }).AccessToken).toBeTruthy()
    expect(cognito.users.get(optIn.id, 'alice')).toMatchObject({ status: 'CONFIRMED', password: 'New-Horse-2' })
    error(await respond(optIn, 'NEW_PASSWORD_REQUIRED', { USERNAME: 'alice', NEW_PASSWORD: 'New-Horse-3' }, force.json.Session as string), 'NotAuthorizedException', 'Invalid session for the user.')
    cognito.users.update(optIn.id, 'alice', { status: 'ARCHIVED' })
    const archived = await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'New-Horse-2' })
    expect(archived.status).toBe(501)
    expect(archived.json.__type).toBe('CognitoDeviceMock#NotImplemented')
  })

  it('an unknown user under SRP gets a simulated challenge, stable per name, then the wrong-password answer', async () => {
    const first = await srpSignIn(optIn, 'nobody', 'x')
    const second = await srpSignIn(optIn, 'NOBODY', 'y')
    expect(first.params.SALT).toBe(second.params.SALT)
    expect(first.params.USER_ID_FOR_SRP).toBe(second.params.USER_ID_FOR_SRP)
    expect(first.params.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    error(first.answer, 'NotAuthorizedException', 'Incorrect username or password.')
    const real = await srpSignIn(optIn, 'alice', 'wrong')
    expect(real.params.USER_ID_FOR_SRP).toBe('alice')
    error(real.answer, 'NotAuthorizedException', 'Incorrect username or password.')
  })

  it('a LEGACY client says UserNotFoundException', async () => {
    cognito.pools.update(optIn.id, { clients: [{ clientName: 'legacy', preventUserExistenceErrors: 'LEGACY' }] })
    const pool = cognito.pools.get(optIn.id)!
    error(await initiate(pool, { USERNAME: 'nobody', PASSWORD: 'x' }), 'UserNotFoundException', 'User does not exist.')
    const client = await srpClient(poolName(pool))
    error(await initiate(pool, { USERNAME: 'nobody', SRP_A: client.A }, 'USER_SRP_AUTH'), 'UserNotFoundException', 'User does not exist.')
  })

  it('clients, flows and parameters', async () => {
    error(await wire('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: {} }), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.')
    error(await initiate(optIn, { PASSWORD: 'x' }), 'InvalidParameterException', 'Missing required parameter USERNAME')
    error(await initiate(optIn, { USERNAME: 'alice' }, 'USER_SRP_AUTH'), 'InvalidParameterException', 'Missing required parameter SRP_A')
    error(await initiate(optIn, { USERNAME: 'alice', SRP_A: N.toString(16) }, 'USER_SRP_AUTH'), fidelity.invalidSrpA.type, fidelity.invalidSrpA.message)
    error(await initiate(optIn, { USERNAME: 'alice', SRP_A: '0' }, 'USER_SRP_AUTH'), fidelity.invalidSrpA.type, fidelity.invalidSrpA.message)
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'x' }, 'ADMIN_NO_SRP_AUTH'), 'InvalidParameterException', 'Initiate Auth method not supported.')
    expect((await initiate(optIn, { USERNAME: 'alice' }, 'CUSTOM_AUTH')).status).toBe(501)
    cognito.pools.update(optIn.id, { clients: [{ clientName: 'srp-only', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }] })
    error(await initiate(cognito.pools.get(optIn.id)!, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' }), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client')
    // The model's own validation still comes first.
    const invalid = await wire('InitiateAuth', { AuthFlow: 'NOPE', ClientId: web(optIn).clientId })
    expect(invalid.json.__type).toBe('InvalidParameterException')
    expect(invalid.json.message).toContain("at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set")
  })
})

describe('client secrets', () => {
  it('SECRET_HASH on every call of a secret client: missing, wrong, right (password and SRP, through SDK v3)', async () => {
    const client = server(optIn)
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' }, 'USER_PASSWORD_AUTH', client.clientId), 'NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`)
    error(
      await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1', SECRET_HASH: 'bm9wZQ==' }, 'USER_PASSWORD_AUTH', client.clientId),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${client.clientId}`,
    )
    const hash = await secretHash(client.clientSecret!, 'alice', client.clientId)
    // The hash is Base64(HMAC-SHA256(secret, username + clientId)), computed here with node:crypto too.
    const { createHmac } = await import('node:crypto')
    expect(hash).toBe(createHmac('sha256', client.clientSecret!).update(`alice${client.clientId}`).digest('base64'))
    const ok = await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1', SECRET_HASH: hash }, 'USER_PASSWORD_AUTH', client.clientId)
    expect(ok.status).toBe(200)
    expect(decodeJwt(ok.json.AuthenticationResult.AccessToken).client_id).toBe(client.clientId)

    const sdk = sdkClient()
    const srp = await srpClient(poolName(optIn))
    const started = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: srp.A, SECRET_HASH: hash } }))
    const params = started.ChallengeParameters!
    const proof = await srp.sign(params, params.USER_ID_FOR_SRP!, 'Correct-Horse-1')
    const missing = await sdk
      .send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: client.clientId, ChallengeResponses: { USERNAME: 'alice', ...proof } }))
      .catch((e) => e)
    expect(missing.name).toBe('NotAuthorizedException')
    // A refusal before the session is read leaves it usable.
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: client.clientId, ChallengeResponses: { USERNAME: 'alice', ...proof, SECRET_HASH: hash } }),
    )
    expect(done.AuthenticationResult!.AccessToken).toBeTruthy()

    // Refresh: SECRET_HASH of the username or the sub; GetTokensFromRefreshToken takes the secret itself.
    const refresh = done.AuthenticationResult!.RefreshToken!
    const device = done.AuthenticationResult!.NewDeviceMetadata!.DeviceKey!
    await sdk.send(new ConfirmDeviceCommand({ AccessToken: done.AuthenticationResult!.AccessToken, DeviceKey: device }))
    const bySub = await secretHash(client.clientSecret!, alice.sub, client.clientId)
    for (const SECRET_HASH of [hash, bySub]) {
      const out = await initiate(optIn, { REFRESH_TOKEN: refresh, DEVICE_KEY: device, SECRET_HASH }, 'REFRESH_TOKEN_AUTH', client.clientId)
      expect(out.status, out.text).toBe(200)
      expect(out.json.AuthenticationResult.RefreshToken).toBeUndefined()
    }
    error(await initiate(optIn, { REFRESH_TOKEN: refresh, DEVICE_KEY: device }, 'REFRESH_TOKEN_AUTH', client.clientId), 'NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`)
    const viaNew = await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, ClientSecret: client.clientSecret, RefreshToken: refresh, DeviceKey: device }))
    expect(decodeJwt(viaNew.AuthenticationResult!.AccessToken!).device_key).toBe(device)
    const noSecret = await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: refresh, DeviceKey: device })).catch((e) => e)
    expect([noSecret.name, noSecret.message]).toEqual(['NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`])
    const revokeNoSecret = await sdk.send(new RevokeTokenCommand({ ClientId: client.clientId, Token: refresh })).catch((e) => e)
    expect(revokeNoSecret.name).toBe('UnauthorizedException')
    await sdk.send(new RevokeTokenCommand({ ClientId: client.clientId, ClientSecret: client.clientSecret, Token: refresh }))
    error(await initiate(optIn, { REFRESH_TOKEN: refresh, DEVICE_KEY: device, SECRET_HASH: hash }, 'REFRESH_TOKEN_AUTH', client.clientId), 'NotAuthorizedException', 'Refresh Token has been revoked')
  })
})

describe('sessions and SRP answers', () => {
  it('a SECRET_BLOCK answers once; an expired one says so; a bad TIMESTAMP is refused', async () => {
    const client = await srpClient(poolName(optIn))
    const started = await initiate(optIn, { USERNAME: 'alice', SRP_A: client.A }, 'USER_SRP_AUTH')
    const params = started.json.ChallengeParameters
    const proof = await client.sign(params, 'alice', 'Correct-Horse-1')
    expect((await respond(optIn, 'PASSWORD_VERIFIER', { USERNAME: 'alice', ...proof })).status).toBe(200)
    error(await respond(optIn, 'PASSWORD_VERIFIER', { USERNAME: 'alice', ...proof }), 'NotAuthorizedException', 'Invalid session for the user.')

    const late = await initiate(optIn, { USERNAME: 'alice', SRP_A: client.A }, 'USER_SRP_AUTH')
    cognito.clock.advance('3m')
    const lateProof = await client.sign(late.json.ChallengeParameters, 'alice', 'Correct-Horse-1')
    error(await respond(optIn, 'PASSWORD_VERIFIER', { USERNAME: 'alice', ...lateProof }), 'NotAuthorizedException', 'Invalid session for the user, session is expired.')

    const odd = await initiate(optIn, { USERNAME: 'alice', SRP_A: client.A }, 'USER_SRP_AUTH')
    const oddProof = await client.sign(odd.json.ChallengeParameters, 'alice', 'Correct-Horse-1', '2026-01-15T09:30:00Z')
    error(await respond(optIn, 'PASSWORD_VERIFIER', { USERNAME: 'alice', ...oddProof }), fidelity.invalidTimestamp.type, fidelity.invalidTimestamp.message)
    error(await respond(optIn, 'PASSWORD_VERIFIER', { USERNAME: 'alice', ...oddProof }), 'NotAuthorizedException', 'Invalid session for the user.')

    error(await respond(optIn, 'SMS_MFA', { USERNAME: 'alice', SMS_MFA_CODE: '123456' }, 'x'.repeat(40)), 'NotAuthorizedException', 'Invalid session for the user.')
    error(await respond(optIn, 'PASSWORD_VERIFIER', { USERNAME: 'alice' }), 'InvalidParameterException', 'Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK')
  })

  it('device SRP at the wire: the challenges, their parameters, a wrong device key answer', async () => {
    // A device with a verifier the test knows: confirmed as the clients do it.
    const first = (await srpSignIn(always, 'alice', 'Correct-Horse-1')).answer
    expect(first.status).toBe(400) // alice lives in the opt-in pool
    const bob = cognito.users.create(always.id, { username: 'bob', password: 'Bob-Password-9' })
    const signedIn = (await srpSignIn(always, 'bob', bob.password)).answer.json.AuthenticationResult
    const { DeviceKey, DeviceGroupKey } = signedIn.NewDeviceMetadata
    const saltHex = '1f2e3d4c5b6a79880102030405060708'
    const verifier = padHex(await passwordVerifier(DeviceGroupKey, DeviceKey, 'device-secret', saltHex))
    const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64')
    await wire('ConfirmDevice', { AccessToken: signedIn.AccessToken, DeviceKey, DeviceSecretVerifierConfig: { Salt: b64(saltHex), PasswordVerifier: b64(verifier) } })

    const { answer } = await srpSignIn(always, 'bob', bob.password, { DEVICE_KEY: DeviceKey })
    expect(answer.json).toEqual({ ChallengeName: 'DEVICE_SRP_AUTH', Session: expect.stringMatching(/^AYABe/), ChallengeParameters: {} })
    const device = await srpClient(DeviceGroupKey)
    const srpAuth = await respond(always, 'DEVICE_SRP_AUTH', { USERNAME: 'bob', DEVICE_KEY: DeviceKey, SRP_A: device.A }, answer.json.Session)
    expect(srpAuth.json.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER')
    expect(Object.keys(srpAuth.json.ChallengeParameters)).toEqual(['DEVICE_KEY', 'SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME'])
    expect(srpAuth.json.ChallengeParameters.SALT).toBe(saltHex)
    // The device session is single-use too.
    error(await respond(always, 'DEVICE_SRP_AUTH', { USERNAME: 'bob', DEVICE_KEY: DeviceKey, SRP_A: device.A }, answer.json.Session), 'NotAuthorizedException', 'Invalid session for the user.')
    const proof = await device.sign(srpAuth.json.ChallengeParameters, DeviceKey, 'device-secret')
    cognito.clock.advance('2m')
    const done = await respond(always, 'DEVICE_PASSWORD_VERIFIER', { USERNAME: 'bob', DEVICE_KEY: DeviceKey, ...proof }, srpAuth.json.Session)
    expect(done.status, done.text).toBe(200)
    expect(done.json.AuthenticationResult.NewDeviceMetadata).toBeUndefined()
    expect(decodeJwt(done.json.AuthenticationResult.AccessToken).device_key).toBe(DeviceKey)
    expect(cognito.devices.get(always.id, 'bob', DeviceKey)!.lastAuthenticatedAt).toBe(Math.floor(cognito.clock.now() / 1000) * 1000)

    // A wrong device password fails the proof; a key bob does not have is "Device does not exist." and the
    // session survives for the retry without it.
    const again = await srpSignIn(always, 'bob', bob.password, { DEVICE_KEY: DeviceKey })
    const auth2 = await respond(always, 'DEVICE_SRP_AUTH', { USERNAME: 'bob', DEVICE_KEY: DeviceKey, SRP_A: device.A }, again.answer.json.Session)
    const forged = await device.sign(auth2.json.ChallengeParameters, DeviceKey, 'guess')
    error(await respond(always, 'DEVICE_PASSWORD_VERIFIER', { USERNAME: 'bob', DEVICE_KEY: DeviceKey, ...forged }, auth2.json.Session), 'NotAuthorizedException', 'Incorrect username or password.')

    const client = await srpClient(poolName(always))
    const started = await initiate(always, { USERNAME: 'bob', SRP_A: client.A }, 'USER_SRP_AUTH')
    const retryProof = await client.sign(started.json.ChallengeParameters, 'bob', bob.password)
    const foreign = 'us-east-1_00000000-0000-4000-8000-000000000000'
    error(await respond(always, 'PASSWORD_VERIFIER', { USERNAME: 'bob', ...retryProof, DEVICE_KEY: foreign }), 'ResourceNotFoundException', 'Device does not exist.')
    const retried = await respond(always, 'PASSWORD_VERIFIER', { USERNAME: 'bob', ...retryProof })
    expect(retried.json.AuthenticationResult.NewDeviceMetadata).toBeDefined()
  })

  it('the request log masks passwords, SRP values and sessions', async () => {
    await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' })
    await srpSignIn(optIn, 'alice', 'Correct-Horse-1')
    const logged = JSON.stringify(cognito.requests.list())
    expect(logged).not.toContain('Correct-Horse-1')
    expect(logged).not.toContain('PASSWORD_CLAIM_SIGNATURE')
    expect(cognito.requests.list()[0]!.input).toMatchObject({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '***', AuthParameters: '***' })
  })
})

async function passwordSignIn(pool: UserPoolRecord, user: { username: string; password: string }) {
  return (await initiate(pool, { USERNAME: user.username, PASSWORD: user.password })).json.AuthenticationResult
}

describe('refresh, revocation, sign-out, GetUser', () => {
  it('a refresh token is bound to its device: unconfirmed, missing or forgotten device → Invalid Refresh Token', async () => {
    const result = await passwordSignIn(optIn, alice)
    const key = result.NewDeviceMetadata.DeviceKey
    error(await initiate(optIn, { REFRESH_TOKEN: result.RefreshToken, DEVICE_KEY: key }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Invalid Refresh Token')
    await wire('ConfirmDevice', { AccessToken: result.AccessToken, DeviceKey: key })
    const ok = await initiate(optIn, { REFRESH_TOKEN: result.RefreshToken, DEVICE_KEY: key }, 'REFRESH_TOKEN')
    expect(ok.status).toBe(200)
    expect(Object.keys(ok.json.AuthenticationResult)).toEqual(['AccessToken', 'ExpiresIn', 'TokenType', 'IdToken'])
    error(await initiate(optIn, { REFRESH_TOKEN: result.RefreshToken }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Invalid Refresh Token')
    cognito.devices.remove(optIn.id, 'alice', key)
    error(await initiate(optIn, { REFRESH_TOKEN: result.RefreshToken, DEVICE_KEY: key }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Invalid Refresh Token')
    error(await initiate(optIn, { REFRESH_TOKEN: 'not-a-token' }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Invalid Refresh Token')
    // Another client's refresh token is unknown to this one.
    error(await initiate(optIn, { REFRESH_TOKEN: result.RefreshToken, DEVICE_KEY: key }, 'REFRESH_TOKEN_AUTH', server(optIn).clientId), 'NotAuthorizedException', `Client ${server(optIn).clientId} is configured for secret but secret was not received`)
  })

  it('refresh tokens expire after 30 days of the mock\'s clock; a deleted user\'s refresh token names no user', async () => {
    const [offUser] = cognito.users.list(off.id)
    const result = await passwordSignIn(off, offUser!)
    cognito.clock.advance('29d')
    expect((await initiate(off, { REFRESH_TOKEN: result.RefreshToken }, 'REFRESH_TOKEN_AUTH')).status).toBe(200)
    cognito.clock.advance('1d')
    error(await initiate(off, { REFRESH_TOKEN: result.RefreshToken }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Refresh Token has expired')
    const again = await passwordSignIn(off, offUser!)
    cognito.users.remove(off.id, offUser!.username)
    error(await initiate(off, { REFRESH_TOKEN: again.RefreshToken }, 'REFRESH_TOKEN_AUTH'), 'UserNotFoundException', 'User does not exist.')
  })

  it('RevokeToken revokes the family; access and ID tokens are not refresh tokens; unknown tokens are already revoked', async () => {
    const [offUser] = cognito.users.list(off.id)
    const first = await passwordSignIn(off, offUser!)
    const second = await passwordSignIn(off, offUser!)
    const refreshed = (await initiate(off, { REFRESH_TOKEN: first.RefreshToken }, 'REFRESH_TOKEN_AUTH')).json.AuthenticationResult
    error(await wire('RevokeToken', { ClientId: web(off).clientId, Token: first.AccessToken }), fidelity.revokeToken.unsupported.type, fidelity.revokeToken.unsupported.message)
    expect(await wire('RevokeToken', { ClientId: web(off).clientId, Token: 'abc.def' })).toMatchObject({ status: 200, json: {} })
    error(await wire('RevokeToken', { ClientId: 'nosuchclient', Token: first.RefreshToken }), 'UnauthorizedException', fidelity.revokeToken.unauthorized.message)
    const revoked = await wire('RevokeToken', { ClientId: web(off).clientId, Token: first.RefreshToken })
    expect({ status: revoked.status, text: revoked.text }).toEqual({ status: 200, text: '{}' })
    for (const token of [first.AccessToken, refreshed.AccessToken]) {
      error(await wire('GetUser', { AccessToken: token }), 'NotAuthorizedException', 'Access Token has been revoked')
    }
    error(await initiate(off, { REFRESH_TOKEN: first.RefreshToken }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Refresh Token has been revoked')
    // The other sign-in's family is untouched.
    expect((await wire('GetUser', { AccessToken: second.AccessToken })).status).toBe(200)
  })

  it('GlobalSignOut and GetUser through SDK v3; later sign-ins are not revoked', async () => {
    const sdk = sdkClient()
    const one = await passwordSignIn(optIn, alice)
    const two = await cognito.signIn(optIn.id, 'alice')
    const user = await sdk.send(new GetUserCommand({ AccessToken: one.AccessToken }))
    expect(user.Username).toBe('alice')
    expect(user.UserAttributes).toEqual([
      { Name: 'sub', Value: alice.sub },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'email', Value: 'alice@example.org' },
    ])
    await sdk.send(new GlobalSignOutCommand({ AccessToken: one.AccessToken }))
    for (const token of [one.AccessToken, two.AccessToken]) {
      const refused = await sdk.send(new ListDevicesCommand({ AccessToken: token })).catch((e) => e)
      expect([refused.name, refused.message]).toEqual(['NotAuthorizedException', 'Access Token has been revoked'])
    }
    const later = await passwordSignIn(optIn, alice)
    expect((await sdk.send(new ListDevicesCommand({ AccessToken: later.AccessToken }))).Devices).toBeDefined()
    // A user deleted since: the model lists no UserNotFoundException for GlobalSignOut.
    cognito.users.remove(optIn.id, 'alice')
    error(await wire('GlobalSignOut', { AccessToken: later.AccessToken }), fidelity.globalSignOutUnknownUser.type, fidelity.globalSignOutUnknownUser.message)
    error(await wire('GetUser', { AccessToken: later.AccessToken }), 'UserNotFoundException', 'User does not exist.')
  })
})

describe('the handle', () => {
  it('signIn() from code: a full result, a new device to confirm, or tokens for a known device', async () => {
    const result = await cognito.signIn(optIn.id, 'alice')
    expect(Object.keys(result)).toEqual(['AccessToken', 'ExpiresIn', 'TokenType', 'RefreshToken', 'IdToken', 'NewDeviceMetadata'])
    const confirm = await wire('ConfirmDevice', { AccessToken: result.AccessToken, DeviceKey: result.NewDeviceMetadata!.DeviceKey })
    expect(confirm.json).toEqual({ UserConfirmationNecessary: true })
    cognito.clock.advance('1h')
    const device = await cognito.tokens.signIn(optIn.id, 'alice', { deviceKey: result.NewDeviceMetadata!.DeviceKey })
    expect(device.NewDeviceMetadata).toBeUndefined()
    expect(decodeJwt(device.AccessToken).device_key).toBe(result.NewDeviceMetadata!.DeviceKey)
    expect(cognito.devices.get(optIn.id, 'alice', result.NewDeviceMetadata!.DeviceKey)!.lastAuthenticatedAt).toBe(Math.floor(cognito.clock.now() / 1000) * 1000)
    // Its refresh token works with the device key.
    const refresh = await initiate(optIn, { REFRESH_TOKEN: device.RefreshToken!, DEVICE_KEY: result.NewDeviceMetadata!.DeviceKey }, 'REFRESH_TOKEN_AUTH')
    expect(refresh.status).toBe(200)
    const viaServer = await cognito.signIn(optIn.id, 'alice', { clientId: server(optIn).clientId })
    expect(decodeJwt(viaServer.IdToken).aud).toBe(server(optIn).clientId)
  })

  it('signIn() misuse throws [cognito-device-mock] errors', async () => {
    await expect(cognito.signIn('us-east-1_Nope00000', 'alice')).rejects.toThrow(/^\[cognito-device-mock\] No user pool/)
    await expect(cognito.signIn(optIn.id, 'nobody')).rejects.toThrow(/^\[cognito-device-mock\] No user "nobody"/)
    await expect(cognito.signIn(optIn.id, 'alice', { deviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/has no device/)
    await expect(cognito.signIn(optIn.id, 'alice', { clientId: 'nope' })).rejects.toThrow(/no app client nope/)
    await expect(cognito.signIn(off.id, cognito.users.list(off.id)[0]!.username, { deviceKey: 'x' })).rejects.toThrow(/does not track devices/)
    cognito.users.update(optIn.id, 'alice', { enabled: false })
    await expect(cognito.signIn(optIn.id, 'alice')).rejects.toThrow(/^\[cognito-device-mock\] user "alice" is disabled/)
    cognito.users.update(optIn.id, 'alice', { enabled: true, status: 'UNCONFIRMED' })
    await expect(cognito.signIn(optIn.id, 'alice')).rejects.toThrow(/status UNCONFIRMED/)
  })

  it('passwords and clients through the handle; snapshot and restore keep refresh tokens', async () => {
    expect(cognito.users.get(optIn.id, 'alice')!.password).toBe('Correct-Horse-1')
    cognito.users.update(optIn.id, 'alice', { password: 'New-Password-2' })
    error(await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' }), 'NotAuthorizedException', 'Incorrect username or password.')
    expect((await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'New-Password-2' })).status).toBe(200)
    expect(() => cognito.users.update(optIn.id, 'alice', { password: '' })).toThrow(/^\[cognito-device-mock\] a password/)
    const generated = cognito.users.create(optIn.id, { username: 'carol' })
    expect(generated.password).toMatch(/^[A-Z][a-z]+-[A-Z][a-z]+-\d{4}$/)

    const pool = cognito.pools.create({ clients: [{ clientName: 'app' }, { clientName: 'backend', clientSecret: true }, { clientId: 'fixedid123', clientSecret: 'a'.repeat(30) }] })
    expect(pool.clients.map((c) => [c.clientName, c.clientSecret?.length])).toEqual([['app', undefined], ['backend', 51], ['server', 30]])
    expect(() => cognito.pools.create({ clients: [{ clientId: 'fixedid123' }] })).toThrow(/already in use/)
    expect(() => cognito.pools.create({ clients: [{ clientSecret: 'short' }] })).toThrow(/^\[cognito-device-mock\] a client secret/)
    expect(() => cognito.pools.create({ clients: [] })).toThrow(/at least one app client/)

    const [offUser] = cognito.users.list(off.id)
    const result = await passwordSignIn(off, offUser!)
    const saved = cognito.snapshot()
    expect(saved.refreshTokens!.some((r) => r.token === result.RefreshToken)).toBe(true)
    cognito.reset()
    error(await initiate(off, { REFRESH_TOKEN: result.RefreshToken }, 'REFRESH_TOKEN_AUTH'), 'NotAuthorizedException', 'Invalid Refresh Token')
    cognito.restore(saved)
    expect((await initiate(off, { REFRESH_TOKEN: result.RefreshToken }, 'REFRESH_TOKEN_AUTH')).status).toBe(200)
    // A snapshot from before passwords existed restores with seeded ones.
    const old = structuredClone(saved)
    for (const user of old.users) delete (user as Partial<UserRecord>).password
    cognito.restore(old)
    expect(cognito.users.get(off.id, offUser!.username)!.password).toBe(offUser!.password)
  })

  it('the same seed signs in byte for byte the same', async () => {
    const a = createCognitoMock({ seed: 5 })
    const b = createCognitoMock({ seed: 5 })
    const results = await Promise.all([a, b].map(async (mock) => {
      const [pool] = mock.pools.list()
      const [user] = mock.users.list(pool!.id)
      const request = new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool!.clients[0]!.clientId, AuthParameters: { USERNAME: user!.username, PASSWORD: user!.password } }),
      })
      return (await mock.handle(request)).text()
    }))
    expect(results[0]).toBe(results[1])
    expect(JSON.parse(results[0]!).AuthenticationResult.RefreshToken).toBeTruthy()
  })

  it('scenario rules may name sign-in operations; the default rules leave sign-in alone', async () => {
    cognito.scenarios.use('throttled')
    expect((await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' })).status).toBe(200)
    cognito.scenarios.use({ operations: 'InitiateAuth' as never, answer: { error: 'TooManyRequestsException' }, times: 'once' })
    const throttled = await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' })
    expect(throttled.json.__type).toBe('TooManyRequestsException')
    expect((await initiate(optIn, { USERNAME: 'alice', PASSWORD: 'Correct-Horse-1' })).status).toBe(200)
    expect(() => cognito.scenarios.use({ operations: 'InitiateAuth' as never, answer: { error: 'DeviceKeyExistsException' } })).toThrow(/does not model DeviceKeyExistsException/)
  })
})
