import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import type { OperationContext } from '../state/context.ts'
import { modPow } from '../lib/bigint.ts'
import type { AppClientRecord, AuthSessionRecord, DeviceRecord, UserPoolRecord, UserRecord } from '../state/types.ts'
import { bytesToHex, fromBase64, hexToBytes, constantTimeEqual, toBase64, utf8 } from '../lib/bytes.ts'
import { sha256 } from '../lib/hash.ts'
import { refreshResult, signInResult, type AuthenticationResult } from './results.ts'
import { incorrect, optional, required, type AuthAnswer } from './parameters.ts'
import { afterPassword, trackingOn } from './sign-in-steps.ts'
import { namesUser } from '../state/user-lookup.ts'
import { closeSession, findSession, openSession, sessionText } from './sessions.ts'
import { claimSignature, g, N, parsePublicA, passwordVerifier, serverPublicB, sessionKey, timestampPattern } from './srp.ts'
import { notImplemented, wire } from '../model/messages.ts'

/**
 * The sign-in flows, shared by InitiateAuth and RespondToAuthChallenge: user SRP, the password check, device
 * SRP and refresh. Each step reads and writes the store only through the operation context.
 */

/** The pool "name" SRP clients hash: what follows the underscore of the pool id. */
export function poolNameOf(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1)
}

function randomHex(ctx: OperationContext, length: number): string {
  return ctx.random.string.hexadecimal({ length, casing: 'lower', prefix: '' })
}

/** A user's SRP salt: fixed while the password is (Cognito keeps one per password), drawn from neither stream. */
async function userSalt(pool: UserPoolRecord, user: UserRecord): Promise<string> {
  const digest = await sha256(utf8(`cognito-device-mock/srp-salt/${pool.id}/${user.username.toLowerCase()}/${user.sub}/${user.password}`))
  return bytesToHex(digest.subarray(0, 16))
}

/**
 * A user's salt and verifier v = g^x. Both stay fixed while the password does, so they are computed once per
 * password (the modular exponentiation is the costly part of a sign-in).
 */
const verifiers = new Map<string, { salt: string; v: bigint }>()

async function userVerifier(pool: UserPoolRecord, user: UserRecord): Promise<{ salt: string; v: bigint }> {
  const key = `${pool.id}\u0000${user.username}\u0000${user.sub}\u0000${user.password}`
  let known = verifiers.get(key)
  if (!known) {
    const salt = await userSalt(pool, user)
    known = { salt, v: await passwordVerifier(poolNameOf(pool.id), user.username, user.password, salt) }
    if (verifiers.size >= 1000) verifiers.clear()
    verifiers.set(key, known)
  }
  return known
}

/** An unknown user's simulated salt and internal id: the same for the same name and pool, as Cognito's are. */
async function simulatedIdentity(pool: UserPoolRecord, username: string): Promise<{ salt: string; userId: string; v: bigint }> {
  const digest = bytesToHex(await sha256(utf8(`cognito-device-mock/simulated-user/${pool.id}/${username.toLowerCase()}`)))
  const userId = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-${'89ab'[parseInt(digest[16]!, 16) & 3]}${digest.slice(17, 20)}-${digest.slice(20, 32)}`
  return { salt: digest.slice(32, 64), userId, v: modPow(g, BigInt(`0x${digest}`), N) }
}

/** The server's SRP values for verifier `v`: a fresh secret b, B, and a SECRET_BLOCK naming this exchange. */
async function serverValues(ctx: OperationContext, v: bigint): Promise<{ b: string; B: string; secretBlock: string }> {
  let b = BigInt(`0x${randomHex(ctx, 64)}`)
  if (b === 0n) b = 1n
  const B = await serverPublicB(v, b)
  const secretBlock = toBase64(hexToBytes(randomHex(ctx, 768)))
  return { b: b.toString(16), B: B.toString(16), secretBlock }
}

/** The device's stored verifier and salt (ConfirmDevice's Base64), or `undefined` when it has none usable. */
function deviceVerifier(device: DeviceRecord): { v: bigint; salt: string } | undefined {
  const v = device.verifier && fromBase64(device.verifier.passwordVerifier)
  const salt = device.verifier && fromBase64(device.verifier.salt)
  if (!v || !salt || v.length === 0 || salt.length === 0) return undefined
  return { v: BigInt(`0x${bytesToHex(v)}`), salt: bytesToHex(salt) }
}

/** Whether USERNAME names the session's user (by name, alias or `sub`). */
function names(ctx: OperationContext, pool: UserPoolRecord, username: string, record: AuthSessionRecord): boolean {
  const user = ctx.store.getUser(pool.id, record.username)
  return user !== undefined && namesUser(ctx.store, pool, username, user)
}

function checkTimestamp(timestamp: string): void {
  if (!timestampPattern.test(timestamp)) throw new CognitoError(fidelity.invalidTimestamp.type, fidelity.invalidTimestamp.message)
}

/** Whether the client's PASSWORD_CLAIM_SIGNATURE proves knowledge of the password behind `v`. */
async function proofHolds(
  srp: NonNullable<AuthSessionRecord['srp']>,
  v: bigint,
  poolName: string,
  userId: string,
  responses: Record<string, string>,
): Promise<boolean> {
  const key = await sessionKey(BigInt(`0x${srp.A}`), BigInt(`0x${srp.B}`), BigInt(`0x${srp.b}`), v)
  if (!key) return false
  const expected = await claimSignature(key.key, poolName, userId, srp.secretBlock, responses.TIMESTAMP!)
  return expected !== undefined && constantTimeEqual(expected, responses.PASSWORD_CLAIM_SIGNATURE!)
}

/** The user-state refusals InitiateAuth makes before any password (fidelity.signInUserStateStage). */
export function refuseBeforePassword(user: UserRecord): void {
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', fidelity.userMessages.notConfirmed)
  if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', fidelity.userMessages.passwordResetRequired)
  if (user.status !== 'CONFIRMED' && user.status !== 'FORCE_CHANGE_PASSWORD') {
    throw new CognitoError(
      fidelity.unsupportedSignIn.type,
      notImplemented.userStatus(user.username, user.status),
    )
  }
}

// ---------------------------------------------------------------------------------------------------
// User SRP
// ---------------------------------------------------------------------------------------------------

/**
 * InitiateAuth USER_SRP_AUTH: the PASSWORD_VERIFIER challenge. `user` is undefined for an unknown user under
 * PreventUserExistenceErrors, who gets a simulated challenge that can only fail.
 */
export async function startUserSrp(
  ctx: OperationContext,
  input: { pool: UserPoolRecord; client: AppClientRecord; username: string; user: UserRecord | undefined; A: bigint; sourceIp: string | undefined },
): Promise<AuthAnswer> {
  const { pool, client, user } = input
  let salt: string
  let userId: string
  let v: bigint
  if (user) {
    ;({ salt, v } = await userVerifier(pool, user))
    userId = user.username
  } else ({ salt, userId, v } = await simulatedIdentity(pool, input.username))
  const server = await serverValues(ctx, v)
  openSession(ctx, {
    session: server.secretBlock,
    challenge: 'PASSWORD_VERIFIER',
    poolId: pool.id,
    clientId: client.clientId,
    username: user?.username ?? input.username,
    ...(user ? {} : { simulated: true }),
    srp: { ...server, A: input.A.toString(16), salt },
    ...(input.sourceIp !== undefined ? { sourceIp: input.sourceIp } : {}),
  })
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: salt,
      SECRET_BLOCK: server.secretBlock,
      SRP_B: server.B,
      USERNAME: user?.username ?? input.username,
      USER_ID_FOR_SRP: userId,
    },
  }
}

/** RespondToAuthChallenge PASSWORD_VERIFIER: the password proof, then the device or the tokens. */
export async function answerPasswordVerifier(
  ctx: OperationContext,
  input: { pool: UserPoolRecord; client: AppClientRecord; responses: Record<string, string>; sourceIp: string | undefined },
): Promise<AuthAnswer> {
  const { pool, client, responses } = input
  const username = required(responses, 'USERNAME')
  const secretBlock = required(responses, 'PASSWORD_CLAIM_SECRET_BLOCK')
  required(responses, 'TIMESTAMP')
  required(responses, 'PASSWORD_CLAIM_SIGNATURE')
  const record = findSession(ctx, secretBlock, 'PASSWORD_VERIFIER', client.clientId)
  const spend = (error: CognitoError): never => {
    closeSession(ctx, record)
    throw error
  }
  try {
    checkTimestamp(responses.TIMESTAMP!)
  } catch (error) {
    spend(error as CognitoError)
  }
  if (record.simulated || record.poolId !== pool.id) spend(incorrect())
  const user = ctx.store.getUser(pool.id, record.username)
  if (!user || username.toLowerCase() !== user.username.toLowerCase()) spend(incorrect())
  const { v } = await userVerifier(pool, user!)
  if (!(await proofHolds(record.srp!, v, poolNameOf(pool.id), user!.username, responses))) spend(incorrect())
  return afterPassword(ctx, { pool, client, user: user!, deviceKey: optional(responses, 'DEVICE_KEY'), session: record, sourceIp: input.sourceIp ?? record.sourceIp })
}

// ---------------------------------------------------------------------------------------------------
// Device SRP
// ---------------------------------------------------------------------------------------------------

/** RespondToAuthChallenge DEVICE_SRP_AUTH: the client's SRP_A for its device; answers DEVICE_PASSWORD_VERIFIER. */
export async function answerDeviceSrpAuth(
  ctx: OperationContext,
  input: { pool: UserPoolRecord; client: AppClientRecord; responses: Record<string, string>; session: string | undefined },
): Promise<AuthAnswer> {
  const { pool, client, responses } = input
  const username = required(responses, 'USERNAME')
  const deviceKey = required(responses, 'DEVICE_KEY')
  const srpA = required(responses, 'SRP_A')
  const record = findSession(ctx, input.session, 'DEVICE_SRP_AUTH', client.clientId)
  closeSession(ctx, record)
  if (deviceKey !== record.deviceKey || !names(ctx, pool, username, record)) throw incorrect()
  const A = parsePublicA(srpA)
  if (A === undefined) throw new CognitoError(fidelity.invalidSrpA.type, fidelity.invalidSrpA.message)
  const user = ctx.store.getUser(pool.id, record.username)
  const device = user && ctx.store.getDevice(pool.id, user.username, deviceKey)
  if (!user || !device) throw new CognitoError(fidelity.unknownDeviceAtSignIn.type, wire[fidelity.unknownDeviceAtSignIn.wireMessage])
  // A device confirmed without a verifier cannot prove anything: any v will do, the proof will fail.
  const stored = deviceVerifier(device) ?? { v: modPow(g, BigInt(`0x${randomHex(ctx, 64)}`), N), salt: randomHex(ctx, 32) }
  const server = await serverValues(ctx, stored.v)
  const next = openSession(ctx, {
    session: sessionText(ctx),
    challenge: 'DEVICE_PASSWORD_VERIFIER',
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    deviceKey: device.key,
    srp: { ...server, A: A.toString(16), salt: stored.salt },
    ...(record.sourceIp !== undefined ? { sourceIp: record.sourceIp } : {}),
  })
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: next.session,
    ChallengeParameters: { DEVICE_KEY: device.key, SALT: stored.salt, SECRET_BLOCK: server.secretBlock, SRP_B: server.B, USERNAME: user.username },
  }
}

/**
 * RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER: the device's proof (its group key as pool name, its key as
 * user id). Success signs the user in from that device: tokens with `device_key`, and the device's last
 * authentication (whole seconds) and address move.
 */
export async function answerDevicePasswordVerifier(
  ctx: OperationContext,
  input: { pool: UserPoolRecord; client: AppClientRecord; responses: Record<string, string>; session: string | undefined; sourceIp: string | undefined },
): Promise<AuthAnswer> {
  const { pool, client, responses } = input
  const username = required(responses, 'USERNAME')
  const secretBlock = required(responses, 'PASSWORD_CLAIM_SECRET_BLOCK')
  required(responses, 'TIMESTAMP')
  required(responses, 'PASSWORD_CLAIM_SIGNATURE')
  const deviceKey = required(responses, 'DEVICE_KEY')
  const record = findSession(ctx, input.session, 'DEVICE_PASSWORD_VERIFIER', client.clientId)
  closeSession(ctx, record)
  checkTimestamp(responses.TIMESTAMP!)
  if (secretBlock !== record.srp!.secretBlock || deviceKey !== record.deviceKey || !names(ctx, pool, username, record)) {
    throw incorrect()
  }
  const user = ctx.store.getUser(pool.id, record.username)
  const device = user && ctx.store.getDevice(pool.id, user.username, deviceKey)
  if (!user || !device) throw new CognitoError(fidelity.unknownDeviceAtSignIn.type, wire[fidelity.unknownDeviceAtSignIn.wireMessage])
  const stored = deviceVerifier(device)
  if (!stored || stored.salt !== record.srp!.salt) throw incorrect()
  if (!(await proofHolds(record.srp!, stored.v, device.groupKey, device.key, responses))) throw incorrect()
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  device.lastAuthenticatedAt = Math.floor(ctx.clock.now() / 1000) * 1000
  const ip = input.sourceIp ?? record.sourceIp
  if (ip !== undefined) device.lastIp = ip
  return { ChallengeParameters: {}, AuthenticationResult: await signInResult(ctx, { pool, client, user, deviceKey: device.key }) }
}

// ---------------------------------------------------------------------------------------------------
// Refresh
// ---------------------------------------------------------------------------------------------------

/**
 * New tokens from a refresh token of `client` (InitiateAuth REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken).
 * `checkSecret` runs once the token's user is known (SECRET_HASH needs their name).
 */
export async function refreshTokens(
  ctx: OperationContext,
  input: {
    pool: UserPoolRecord
    client: AppClientRecord
    token: string
    deviceKey: string | undefined
    checkSecret: (user: UserRecord) => Promise<void>
  },
): Promise<AuthenticationResult> {
  const { pool, client } = input
  const invalid = () => new CognitoError('NotAuthorizedException', fidelity.refreshToken.invalid)
  const record = ctx.store.findRefreshToken(input.token, ctx.clock.now())
  if (!record || record.clientId !== client.clientId || record.poolId !== pool.id) throw invalid()
  const user = ctx.store.getUser(pool.id, record.username)
  // A deleted user (or another user since created under the name) [C: WIRE §10.1.5].
  if (!user || user.sub !== record.sub) {
    if ('pruned' in record) throw invalid()
    throw new CognitoError('UserNotFoundException', fidelity.userMessages.notFound)
  }
  await input.checkSecret(user)
  // A disabled user is told so before their revoked tokens are (fidelity.passwordChangeKeepsSessions).
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', fidelity.userMessages.disabled)
  if (ctx.store.isRevoked(record)) throw new CognitoError('NotAuthorizedException', fidelity.refreshToken.revoked)
  // A pruned token expired an hour before it was pruned: it is refused as its record would be.
  if ('pruned' in record || ctx.clock.now() >= record.expiresAt) throw new CognitoError('NotAuthorizedException', fidelity.refreshToken.expired)
  if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', fidelity.userMessages.passwordResetRequired)
  if (record.deviceKey !== undefined && trackingOn(pool)) {
    if (input.deviceKey !== record.deviceKey || !ctx.store.getDevice(pool.id, user.username, record.deviceKey)) throw invalid()
  }
  return refreshResult(ctx, record, pool, user)
}
