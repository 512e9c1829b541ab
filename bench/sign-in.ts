/**
 * Part e of `npm run bench`: one full SRP sign-in with device SRP against the mock
 * (InitiateAuth → PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER), and a first sign-in with
 * TOTP MFA and ConfirmDevice (InitiateAuth → PASSWORD_VERIFIER → SOFTWARE_TOKEN_MFA → ConfirmDevice).
 *
 * - the mock's own time: the four calls through `cognito.handle`, the client's SRP done between them by a
 *   BigInt client and not counted;
 * - end to end: the unmodified amazon-cognito-identity-js and Amplify v6 clients through MSW, whose own
 *   big-number arithmetic (a pure-JS BigInteger, 3072-bit, 1024-bit exponents) is most of the time.
 *
 * Run alone: `node bench/sign-in.ts [--quick]`.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type ICognitoStorage } from 'amazon-cognito-identity-js'
import { Amplify } from 'aws-amplify'
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { setupServer } from 'msw/node'
import { bytesToHex, concat, hexToBytes, toBase64, utf8 } from '../src/lib/bytes.ts'
import { hmacSha256, sha256 } from '../src/lib/hash.ts'
import { claimSignature, g, multiplierK, N, padHex, passwordVerifier, privateKeyX, srpTimestamp } from '../src/auth/srp.ts'
import { createCognitoMock, type CognitoMock, type UserPoolRecord, type UserRecord } from '../src/index.ts'
import { modPow } from '../src/lib/bigint.ts'

const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/'

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits))
/** Each step's median, to the hundredth of a millisecond. */
const medians = <K extends string>(steps: Record<K, number[]>) =>
  Object.fromEntries(Object.entries<number[]>(steps).map(([step, values]) => [step, round(median(values), 2)])) as Record<K, number>

class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>()
  setItem(key: string, value: string) {
    this.items.set(key, String(value))
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  clear() {
    this.items.clear()
  }
}

// ---------------------------------------------------------------------------------------------------
// The mock's own time, through handle()
// ---------------------------------------------------------------------------------------------------

async function call(cognito: CognitoMock, operation: string, body: unknown): Promise<{ ms: number; json: any }> {
  const request = new Request(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  })
  const start = performance.now()
  const response = await cognito.handle(request)
  const text = await response.text()
  const ms = performance.now() - start
  if (response.status !== 200) throw new Error(`${operation} answered ${response.status} ${text}`)
  return { ms, json: JSON.parse(text) }
}

/** A BigInt SRP client: its time is not counted. */
function srpClient() {
  const a = BigInt(`0x${'3e'.repeat(128)}`)
  const A = modPow(g, a, N)
  return {
    A: A.toString(16),
    async proof(params: Record<string, string>, poolName: string, userId: string, password: string) {
      const B = BigInt(`0x${params.SRP_B}`)
      const x = await privateKeyX(poolName, userId, password, params.SALT!)
      const u = BigInt(`0x${bytesToHex(await sha256(hexToBytes(padHex(A) + padHex(B))))}`)
      let base = (B - (await multiplierK()) * modPow(g, x, N)) % N
      if (base < 0n) base += N
      const S = modPow(base, a + u * x, N)
      const prk = await hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)))
      const key = (await hmacSha256(prk, concat(utf8('Caldera Derived Key'), Uint8Array.of(1)))).subarray(0, 16)
      const TIMESTAMP = srpTimestamp(new Date())
      return { TIMESTAMP, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!, PASSWORD_CLAIM_SIGNATURE: (await claimSignature(key, poolName, userId, params.SECRET_BLOCK!, TIMESTAMP))! }
    },
  }
}

async function mockShare(runs: number) {
  const cognito = createCognitoMock({ seed: 3, world: { pools: 1, usersPerPool: 1, devicesPerUser: { min: 0, max: 0 }, deviceRemembering: ['always'] } })
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id)[0]!
  const ClientId = pool.clients[0]!.clientId
  const poolName = pool.id.split('_')[1]!
  // A device confirmed with a verifier this client knows.
  const first = await cognito.signIn(pool.id, user.username)
  const { DeviceKey, DeviceGroupKey } = first.NewDeviceMetadata!
  const salt = '0a1b2c3d4e5f60718293a4b5c6d7e8f9'
  const verifier = padHex(await passwordVerifier(DeviceGroupKey, DeviceKey, 'device-password', salt))
  await call(cognito, 'ConfirmDevice', {
    AccessToken: first.AccessToken,
    DeviceKey,
    DeviceSecretVerifierConfig: { Salt: toBase64(hexToBytes(salt)), PasswordVerifier: toBase64(hexToBytes(verifier)) },
  })
  const steps = { InitiateAuth: [] as number[], PASSWORD_VERIFIER: [] as number[], DEVICE_SRP_AUTH: [] as number[], DEVICE_PASSWORD_VERIFIER: [] as number[], total: [] as number[] }
  for (let i = 0; i < runs + 2; i++) {
    const client = srpClient()
    const started = await call(cognito, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId, AuthParameters: { USERNAME: user.username, SRP_A: client.A } })
    const params = started.json.ChallengeParameters
    const proof = await client.proof(params, poolName, params.USER_ID_FOR_SRP, user.password)
    const verified = await call(cognito, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId, ChallengeResponses: { USERNAME: user.username, ...proof, DEVICE_KEY: DeviceKey } })
    const device = srpClient()
    const srpAuth = await call(cognito, 'RespondToAuthChallenge', {
      ChallengeName: 'DEVICE_SRP_AUTH',
      ClientId,
      Session: verified.json.Session,
      ChallengeResponses: { USERNAME: user.username, DEVICE_KEY: DeviceKey, SRP_A: device.A },
    })
    const deviceProof = await device.proof(srpAuth.json.ChallengeParameters, DeviceGroupKey, DeviceKey, 'device-password')
    const done = await call(cognito, 'RespondToAuthChallenge', {
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      ClientId,
      Session: srpAuth.json.Session,
      ChallengeResponses: { USERNAME: user.username, DEVICE_KEY: DeviceKey, ...deviceProof },
    })
    if (!done.json.AuthenticationResult?.AccessToken) throw new Error('device sign-in did not finish')
    if (i < 2) continue // warm-up: key derivation, JIT
    steps.InitiateAuth.push(started.ms)
    steps.PASSWORD_VERIFIER.push(verified.ms)
    steps.DEVICE_SRP_AUTH.push(srpAuth.ms)
    steps.DEVICE_PASSWORD_VERIFIER.push(done.ms)
    steps.total.push(started.ms + verified.ms + srpAuth.ms + done.ms)
  }
  return medians(steps)
}

/**
 * A first sign-in in an MFA pool, the mock's own time: InitiateAuth → PASSWORD_VERIFIER → SOFTWARE_TOKEN_MFA (a
 * TOTP code of the user's secret) → ConfirmDevice of the new device. The clock moves 30 s between runs, since a
 * TOTP code is good once.
 */
async function mfaShare(runs: number) {
  const cognito = createCognitoMock({
    seed: 3,
    world: { pools: [{ deviceRemembering: 'always', mfa: { mode: 'on', factors: ['totp'] }, users: [{ username: 'ada', mfa: ['totp'] }] }], devicesPerUser: 0 },
  })
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.get(pool.id, 'ada')!
  const ClientId = pool.clients[0]!.clientId
  const poolName = pool.id.split('_')[1]!
  const steps = { InitiateAuth: [] as number[], PASSWORD_VERIFIER: [] as number[], SOFTWARE_TOKEN_MFA: [] as number[], ConfirmDevice: [] as number[], total: [] as number[] }
  for (let i = 0; i < runs + 2; i++) {
    cognito.clock.advance('31s')
    const client = srpClient()
    const started = await call(cognito, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId, AuthParameters: { USERNAME: user.username, SRP_A: client.A } })
    const params = started.json.ChallengeParameters
    const proof = await client.proof(params, poolName, params.USER_ID_FOR_SRP, user.password)
    const verified = await call(cognito, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId, ChallengeResponses: { USERNAME: user.username, ...proof } })
    if (verified.json.ChallengeName !== 'SOFTWARE_TOKEN_MFA') throw new Error(`expected SOFTWARE_TOKEN_MFA, got ${verified.json.ChallengeName}`)
    const code = cognito.users.totpCode(pool.id, user.username)
    const mfa = await call(cognito, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId,
      Session: verified.json.Session,
      ChallengeResponses: { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: code },
    })
    const result = mfa.json.AuthenticationResult
    if (!result?.NewDeviceMetadata) throw new Error('the MFA answer gave no new device')
    const salt = '0a1b2c3d4e5f60718293a4b5c6d7e8f9'
    const confirmed = await call(cognito, 'ConfirmDevice', {
      AccessToken: result.AccessToken,
      DeviceKey: result.NewDeviceMetadata.DeviceKey,
      DeviceSecretVerifierConfig: { Salt: toBase64(hexToBytes(salt)), PasswordVerifier: toBase64(hexToBytes('ab'.repeat(384))) },
    })
    if (i < 2) continue
    steps.InitiateAuth.push(started.ms)
    steps.PASSWORD_VERIFIER.push(verified.ms)
    steps.SOFTWARE_TOKEN_MFA.push(mfa.ms)
    steps.ConfirmDevice.push(confirmed.ms)
    steps.total.push(started.ms + verified.ms + mfa.ms + confirmed.ms)
  }
  return medians(steps)
}

// ---------------------------------------------------------------------------------------------------
// End to end, with the real clients through MSW
// ---------------------------------------------------------------------------------------------------

function identityJsSignIn(pool: UserPoolRecord, username: string, password: string, storage: MemoryStorage): Promise<void> {
  const userPool = new CognitoUserPool({ UserPoolId: pool.id, ClientId: pool.clients[0]!.clientId, Storage: storage })
  const user = new CognitoUser({ Username: username, Pool: userPool, Storage: storage })
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), { onSuccess: () => resolve(), onFailure: reject }),
  )
}

async function endToEnd(runs: number) {
  const cognito = createCognitoMock({ seed: 3, world: { pools: 1, usersPerPool: 2, devicesPerUser: { min: 0, max: 0 }, deviceRemembering: ['always'] } })
  const server = setupServer(...cognito.handlers)
  // msw 3 calls it onUnhandledFrame, msw 2 onUnhandledRequest.
  server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never)
  try {
    const pool = cognito.pools.list()[0]!
    const [legacy, modern] = cognito.users.list(pool.id) as [UserRecord, UserRecord]

    // amazon-cognito-identity-js: the first sign-in confirms the device; the timed ones prove it.
    const storage = new MemoryStorage()
    let start = performance.now()
    await identityJsSignIn(pool, legacy.username, legacy.password, storage)
    const identityFirst = performance.now() - start
    const identity: number[] = []
    for (let i = 0; i < runs; i++) {
      cognito.requests.clear()
      start = performance.now()
      await identityJsSignIn(pool, legacy.username, legacy.password, storage)
      identity.push(performance.now() - start)
      if (cognito.requests.list().length !== 4) throw new Error('identity-js did not sign in with device SRP')
    }

    // Amplify v6.
    const kv = new MemoryStorage()
    Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0]!.clientId } } })
    cognitoUserPoolsTokenProvider.setKeyValueStorage({
      setItem: async (k, v) => kv.setItem(k, v),
      getItem: async (k) => kv.getItem(k),
      removeItem: async (k) => kv.removeItem(k),
      clear: async () => kv.clear(),
    })
    start = performance.now()
    await signIn({ username: modern.username, password: modern.password })
    const amplifyFirst = performance.now() - start
    const amplify: number[] = []
    for (let i = 0; i < runs; i++) {
      await signOut()
      cognito.requests.clear()
      start = performance.now()
      await signIn({ username: modern.username, password: modern.password })
      amplify.push(performance.now() - start)
      if (cognito.requests.list().length !== 4) throw new Error('Amplify did not sign in with device SRP')
    }
    await signOut()

    // Starting signed in instead (issue 12): cognito.signInAs on a new device, written to Amplify's storage, until
    // Amplify has its session (fetchAuthSession: no call). What a test pays instead of a first sign-in.
    const injected: number[] = []
    for (let i = 0; i < runs; i++) {
      kv.clear()
      cognito.requests.clear()
      start = performance.now()
      const session = await cognito.signInAs(pool.id, modern.username, { device: 'new' })
      for (const [key, value] of Object.entries(session.storage)) kv.setItem(key, value)
      const { tokens } = await fetchAuthSession()
      injected.push(performance.now() - start)
      if (!tokens?.accessToken || cognito.requests.list().length !== 0) throw new Error('Amplify did not start signed in from the injected session')
    }
    return {
      identityJs: { firstSignInMs: round(identityFirst), deviceSignInMs: round(median(identity)) },
      amplify: { firstSignInMs: round(amplifyFirst), deviceSignInMs: round(median(amplify)), injectedMs: round(median(injected), 2) },
    }
  } finally {
    server.close()
  }
}

export interface SignInFigures {
  runs: { mock: number; clients: number }
  /** Median milliseconds the mock spends answering each call of a device sign-in, and their sum. */
  mockMs: Awaited<ReturnType<typeof mockShare>>
  /** The same for a first sign-in with TOTP MFA and ConfirmDevice. */
  mfaMs: Awaited<ReturnType<typeof mfaShare>>
  /** Median wall time of a whole sign-in by each client through MSW (first: new device + ConfirmDevice). */
  endToEnd: Awaited<ReturnType<typeof endToEnd>>
}

/** Part e of the benchmark. */
export async function signInBench(quick: boolean): Promise<SignInFigures> {
  const runs = { mock: quick ? 5 : 25, clients: quick ? 2 : 5 }
  const mockMs = await mockShare(runs.mock)
  const mfaMs = await mfaShare(runs.mock)
  const clients = await endToEnd(runs.clients)
  return { runs, mockMs, mfaMs, endToEnd: clients }
}

export function signInRows(e: SignInFigures): [string, string, string][] {
  return [
    [
      'e. SRP + device SRP sign-in, the mock (handle)',
      `${e.mockMs.total} ms for 4 calls (Initiate ${e.mockMs.InitiateAuth} · PV ${e.mockMs.PASSWORD_VERIFIER} · DSA ${e.mockMs.DEVICE_SRP_AUTH} · DPV ${e.mockMs.DEVICE_PASSWORD_VERIFIER})`,
      'server side only',
    ],
    [
      'e. first sign-in with TOTP MFA + ConfirmDevice, the mock',
      `${e.mfaMs.total} ms for 4 calls (Initiate ${e.mfaMs.InitiateAuth} · PV ${e.mfaMs.PASSWORD_VERIFIER} · TOTP ${e.mfaMs.SOFTWARE_TOKEN_MFA} · ConfirmDevice ${e.mfaMs.ConfirmDevice})`,
      'server side only',
    ],
    [
      'e. same, amazon-cognito-identity-js + MSW',
      `${e.endToEnd.identityJs.deviceSignInMs} ms (first, new device: ${e.endToEnd.identityJs.firstSignInMs} ms)`,
      'mostly client BigInteger math',
    ],
    [
      'e. same, Amplify v6 signIn + MSW',
      `${e.endToEnd.amplify.deviceSignInMs} ms (first, new device: ${e.endToEnd.amplify.firstSignInMs} ms)`,
      'mostly client BigInteger math',
    ],
    [
      'e. Amplify v6 started signed in: signInAs (new device) → storage → fetchAuthSession',
      `${e.endToEnd.amplify.injectedMs} ms: ×${round(e.endToEnd.amplify.firstSignInMs / e.endToEnd.amplify.injectedMs, 0)} faster than a first sign-in`,
      'no call',
    ],
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await signInBench(process.argv.includes('--quick'))
  console.log(JSON.stringify(figures, null, 2))
  for (const row of signInRows(figures)) console.log(row.join('  │  '))
}
