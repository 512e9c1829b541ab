import { Secret, TOTP } from 'otpauth'
import type { CognitoMock, CognitoMockOptions, UserPoolRecord } from '../src/index.ts'

/**
 * What the two MFA client suites (test/amplify-mfa.test.ts, test/identity-js-mfa.test.ts) share: one world with a
 * pool per MFA set-up, codes read through the public handle, and a recorder of the exact bodies on the wire (the
 * request log masks ChallengeResponses and Session, which these tests must see: DEVICE_KEY, the Session reused).
 */

export const PASSWORD = 'Passw0rd!x'
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
export const ALL = ['sms', 'totp', 'email'] as const
export type Factor = (typeof ALL)[number]

/** Users with one factor each, in the three pools that differ only in how devices are treated. */
const oneFactorUsers = [
  { username: 'tina', mfa: ['totp'], totpSecret: TOTP_SECRET, phoneNumber: null, email: 'tina@example.com' },
  { username: 'sam', mfa: ['sms'], phoneNumber: '+15555550100', email: 'sam@example.com' },
  { username: 'emma', mfa: ['email'], phoneNumber: null, email: 'emma@example.com' },
] as const

/** The user of each factor in `oneFactorUsers`. */
export const userOf: Record<Factor, string> = { totp: 'tina', sms: 'sam', email: 'emma' }

/**
 * Pools by name:
 * - `always`: devices remembered at once, MFA on (SMS, TOTP, email), remembered devices skip MFA;
 * - `opt-in`: the same with user opt-in remembering (a confirmed device is not remembered until the user says so);
 * - `no-skip`: `always` with `rememberedDevicesSkipMfa: false`;
 * - `setup-totp`: MFA on with TOTP only; `setup-email`: email only; `optional`: MFA optional; `off`: no MFA.
 */
export function mfaWorld(seed = 11): CognitoMockOptions {
  const mfa = (extra: object = {}) => ({ mode: 'on' as const, factors: [...ALL], rememberedDevicesSkipMfa: true, ...extra })
  return {
    seed,
    world: {
      devicesPerUser: 0,
      pools: [
        {
          name: 'always',
          deviceRemembering: 'always',
          mfa: mfa(),
          users: [
            ...oneFactorUsers,
            { username: 'max', mfa: ['sms', 'totp', 'email'], preferredMfa: null, phoneNumber: '+15555550101', email: 'max@example.com', totpSecret: TOTP_SECRET },
            { username: 'nina', status: 'FORCE_CHANGE_PASSWORD', mfa: [], phoneNumber: null, email: 'nina@example.com' },
            { username: 'theo', status: 'FORCE_CHANGE_PASSWORD', mfa: ['totp'], totpSecret: TOTP_SECRET, phoneNumber: null, email: 'theo@example.com' },
            { username: 'olly', mfa: [], phoneNumber: null, email: 'olly@example.com' },
          ],
        },
        { name: 'opt-in', deviceRemembering: 'user-opt-in', mfa: mfa(), users: [...oneFactorUsers] },
        { name: 'no-skip', deviceRemembering: 'always', mfa: mfa({ rememberedDevicesSkipMfa: false }), users: [...oneFactorUsers] },
        { name: 'setup-totp', deviceRemembering: 'always', mfa: { mode: 'on', factors: ['totp'] }, users: [{ username: 'una', mfa: [], phoneNumber: null, email: 'una@example.com' }] },
        { name: 'setup-email', deviceRemembering: 'always', mfa: { mode: 'on', factors: ['email'] }, users: [{ username: 'eli', mfa: [], phoneNumber: null, email: 'eli@example.com' }] },
        { name: 'optional', deviceRemembering: 'always', mfa: { mode: 'optional', factors: [...ALL] }, users: [{ username: 'opal', mfa: [], phoneNumber: '+15555550102', email: 'opal@example.com' }] },
        { name: 'off', deviceRemembering: 'always', users: [{ username: 'nora', status: 'FORCE_CHANGE_PASSWORD', phoneNumber: null, email: 'nora@example.com' }] },
      ].map((pool) => ({ ...pool, users: pool.users.map((user) => ({ password: PASSWORD, ...user })) })),
    },
  } as CognitoMockOptions
}

export function poolNamed(cognito: CognitoMock, name: string): UserPoolRecord {
  const pool = cognito.pools.list().find((p) => p.name === name)
  if (!pool) throw new Error(`no pool named ${name}`)
  return pool
}

/** The code the user would type now: the newest SMS or email in the outbox, or their authenticator's. */
export function codeFor(cognito: CognitoMock, pool: UserPoolRecord, username: string, factor: Factor): string {
  if (factor === 'totp') return cognito.users.totpCode(pool.id, username)
  return cognito.outbox.code({ poolId: pool.id, username, medium: factor === 'sms' ? 'SMS' : 'EMAIL' })
}

/** A code of the same length that is not `code` (nor, for TOTP, a neighbour step's: it changes every digit). */
export function wrongCode(code: string): string {
  return [...code].map((d) => String((Number(d) + 5) % 10)).join('')
}

/** The RFC 6238 code of `secret` at `now`, computed here, apart from the library, for checking handed-out secrets. */
export function independentTotp(secret: string, now: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: now })
}

/** One awsJson1_1 call as it went over the wire. */
export interface WireCall {
  operation: string
  body: any
  status: number
  answer: any
}

/**
 * Records every Cognito call the clients make through `fetch` (both clients call the global fetch at call time;
 * install it after MSW's `listen`), with its full request body and its answer.
 */
export function recordWire(): { calls: WireCall[]; clear(): void; restore(): void; responds(name?: string): WireCall[] } {
  const calls: WireCall[] = []
  const original = globalThis.fetch
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input.clone() : new Request(input, init)
    const target = request.headers.get('x-amz-target')
    const text = target ? await request.text() : ''
    const response = await original(input, init)
    if (target) {
      const answer = await response.clone().text()
      calls.push({ operation: target.split('.').pop()!, body: text ? JSON.parse(text) : undefined, status: response.status, answer: answer ? JSON.parse(answer) : undefined })
    }
    return response
  }
  return {
    calls,
    clear: () => void calls.splice(0),
    restore: () => void (globalThis.fetch = original),
    responds: (name) => calls.filter((c) => c.operation === 'RespondToAuthChallenge' && (name === undefined || c.body.ChallengeName === name)),
  }
}

/** `InitiateAuth`, `Respond:PASSWORD_VERIFIER`, …: the request log's calls in order. */
export function callsOf(cognito: CognitoMock): string[] {
  return cognito.requests
    .list()
    .map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${(r.input as { ChallengeName: string }).ChallengeName}` : r.operation))
}

/** What the mock answered each wire call: a challenge name, `tokens`, `tokens+device` (NewDeviceMetadata) or the error type. */
export function answersOf(calls: WireCall[]): string[] {
  return calls.map((c) => {
    const a = c.answer ?? {}
    const what = a.__type ?? a.ChallengeName ?? (a.AuthenticationResult ? (a.AuthenticationResult.NewDeviceMetadata ? 'tokens+device' : 'tokens') : 'ok')
    return `${c.operation === 'RespondToAuthChallenge' ? `Respond:${c.body.ChallengeName}` : c.operation} → ${what}`
  })
}
