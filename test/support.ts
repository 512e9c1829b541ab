import { CognitoIdentityProviderClient, type CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider'
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import type { ICognitoStorage } from 'amazon-cognito-identity-js'
import { setupServer } from 'msw/node'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions, type StoreSnapshot } from '../src/index.ts'

/**
 * Shared test wiring: a mock behind MSW's Node interceptor, clients, signed raw calls, and the small helpers more
 * than one test file needs (kept here so that each exists once).
 */

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

export interface AwsKeys {
  accessKeyId: string
  secretAccessKey: string
}

export interface MockFixture {
  cognito: CognitoMock
  close(): void
}

/** Starts a mock behind `setupServer`; unhandled requests are errors, so nothing leaks to the network. */
export function startMock(options: CognitoMockOptions = { seed: 42 }): MockFixture {
  const cognito = createCognitoMock(options)
  const server = setupServer(...cognito.handlers)
  // msw 3 calls it onUnhandledFrame, msw 2 onUnhandledRequest: give both so the suite runs on either.
  server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never)
  return { cognito, close: () => server.close() }
}

export function sdkClient(config: Partial<CognitoIdentityProviderClientConfig> = {}): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: 'us-east-1', credentials, maxAttempts: 1, ...config })
}

/** The first pool, its first user with at least `minDevices` remembered devices, and an access token. */
export async function signedIn(cognito: CognitoMock, minDevices = 0) {
  const pool = cognito.pools.list()[0]!
  const user = cognito.users
    .list(pool.id)
    .find((u) => cognito.devices.list(pool.id, u.username).filter((d) => d.rememberedStatus === 'remembered').length >= minDevices)
  if (!user) throw new Error(`no seeded user with ${minDevices} remembered devices`)
  const token = await cognito.tokens.issue(pool.id, user.username)
  return { pool, user, token }
}

export const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/'

/** A fixed SigV4 signing date, for tests whose signed requests must be byte-identical from run to run. */
export const SIGNING_DATE = new Date('2026-01-15T09:30:00.000Z')

/** The awsJson1_1 headers the SDK sends for `operation`, before signing. */
export function jsonHeaders(operation: string): Record<string, string> {
  return {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
  }
}

export interface SignOptions {
  /** Default `POST`. */
  method?: string
  /** Where the request goes (its host and path are signed); default `ENDPOINT`. */
  url?: string
  /** Default `cognito-idp`. */
  service?: string
  /** Default `us-east-1`. */
  region?: string
  /** Default `credentials`, the key the test mocks know. */
  keys?: AwsKeys
  /** Default: now. */
  signingDate?: Date
}

/**
 * `headers` and `body` SigV4-signed as the SDK signs them. Tests that build a request by hand (for `fetch` or for
 * `cognito.handle`, where the SDK would hide what they assert) need it because the mock checks SigV4 on admin
 * operations. Returns the signed headers without `host`, which `fetch` and `Request` set themselves.
 */
export async function signHeaders(headers: Record<string, string>, body: string, options: SignOptions = {}): Promise<Record<string, string>> {
  const url = new URL(options.url ?? ENDPOINT)
  const signer = new SignatureV4({
    service: options.service ?? 'cognito-idp',
    region: options.region ?? 'us-east-1',
    credentials: options.keys ?? credentials,
    sha256: Sha256,
  })
  const signed = await signer.sign(
    {
      method: options.method ?? 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { ...headers, host: url.host },
      body,
    } as never,
    options.signingDate ? { signingDate: options.signingDate } : {},
  )
  const out = { ...(signed as unknown as { headers: Record<string, string> }).headers }
  delete out.host
  return out
}

/**
 * A request for `cognito.handle` as the SDK would send it: awsJson1_1 headers, SigV4-signed for admin operations.
 * For tests that skip MSW (for speed, or to hold the exact Request). `body` is sent as JSON, or as given with `raw`.
 */
export async function cognitoRequest(operation: string, body: unknown, options: { raw?: boolean; signingDate?: Date } = {}): Promise<Request> {
  const text = options.raw ? String(body) : JSON.stringify(body)
  let headers = jsonHeaders(operation)
  if (operation.startsWith('Admin')) headers = await signHeaders(headers, text, { signingDate: options.signingDate })
  return new Request(ENDPOINT, { method: 'POST', headers, body: text })
}

export interface WireAnswer {
  status: number
  headers: Headers
  text: string
  json: any
}

/**
 * A raw awsJson1_1 call with `fetch`. `signed: true` signs it with SigV4 as the SDK would (admin
 * operations); `headers` override or add headers; `body` may be any string.
 */
export async function wire(
  operation: string,
  body: unknown,
  options: { signed?: boolean; region?: string; headers?: Record<string, string>; url?: string; raw?: boolean } = {},
): Promise<WireAnswer> {
  const url = new URL(options.url ?? ENDPOINT)
  const text = options.raw ? String(body) : JSON.stringify(body)
  let headers: Record<string, string> = { ...jsonHeaders(operation), ...options.headers }
  if (options.signed) headers = await signHeaders(headers, text, { url: url.href, region: options.region })
  const response = await fetch(url, { method: 'POST', headers, body: text })
  const answer = await response.text()
  let json: unknown
  try {
    json = answer === '' ? undefined : JSON.parse(answer)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text: answer, json }
}

/** A snapshot without its clock, which moves on every answered request: for "the state did not change". */
export function withoutNow(snapshot: StoreSnapshot): Omit<StoreSnapshot, 'now'> {
  const { now: _now, ...rest } = snapshot
  return rest
}

/**
 * The rejection of `promise` (an SDK v3 `send`, say), to assert on the error's class, name, message and
 * `$metadata`; fails the test if it resolves.
 */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  let outcome: unknown
  try {
    outcome = await promise
  } catch (error) {
    return error
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`)
}

/**
 * In-memory storage for amazon-cognito-identity-js, which Node lacks (the library would use localStorage): it
 * keeps the session and the remembered device key and password, and tests read or plant them here.
 */
export class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>()
  setItem(key: string, value: string): void {
    this.items.set(key, String(value))
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
  clear(): void {
    this.items.clear()
  }
}

export interface IdentityJsCallbacks<T> {
  onSuccess: (result: T) => void
  onFailure: (error: Error) => void
}

/** amazon-cognito-identity-js's `{ onSuccess, onFailure }` callback style as a promise. */
export function viaCallbacks<T>(start: (callbacks: IdentityJsCallbacks<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start({ onSuccess: resolve, onFailure: reject }))
}

/**
 * The attributes admin operations return for a device, in the order Cognito sends them (WIRE §4): written once
 * here, as the expectation, never read from the library under test.
 */
export const ADMIN_ATTRIBUTES = [
  'device_status',
  'device_name',
  'dev:device_arn',
  'dev:device_owner',
  'last_ip_used',
  'dev:device_remembered_status',
  'dev:device_sdk',
]

/** Amplify v6's key-value storage in memory (Node has no localStorage), its items open to inspection. */
export class MemoryKeyValueStorage {
  readonly items = new Map<string, string>()
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value)
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null
  }
  async removeItem(key: string): Promise<void> {
    this.items.delete(key)
  }
  async clear(): Promise<void> {
    this.items.clear()
  }
}
