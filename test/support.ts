import { CognitoIdentityProviderClient, type CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider'
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { setupServer } from 'msw/node'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions } from '../src/index.ts'

/** Shared test wiring: a mock behind MSW's Node interceptor, clients and signed raw calls. */

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

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
  let headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    ...options.headers,
  }
  if (options.signed) {
    const signer = new SignatureV4({ service: 'cognito-idp', region: options.region ?? 'us-east-1', credentials, sha256: Sha256 })
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { ...headers, host: url.host },
      body: text,
    } as never)
    headers = (signed as unknown as { headers: Record<string, string> }).headers
    delete headers.host
  }
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
