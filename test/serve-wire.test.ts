import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCognitoMock, type CognitoMock } from '../src/index.ts'
import { startLocalEndpoint, type LocalEndpoint } from '../src/node.ts'
import { jsonHeaders, signedIn } from './support.ts'

/**
 * The local endpoint calls the pipeline on plain data, not through `cognito.handle`'s Fetch objects (decision
 * 0019). Whatever a client sends, the endpoint must answer what `handle` answers for the same request: the same
 * status, headers and body bytes, with Node's raw headers read as Fetch reads them (any case, repeats joined).
 */

interface Raw {
  status: number
  headers: Record<string, string>
  body: string
}

type RawHeaders = [string, string][]

/** One request with node:http and raw header lines (repeats and odd case kept as given). */
function send(port: number, method: string, path: string, headers: RawHeaders, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    // Raw header lines carry no Host unless given: every client sends one.
    const lines = [['Host', `127.0.0.1:${port}`], ...headers].flat()
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: lines as unknown as Record<string, string> }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers as Record<string, string>, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The same request through `cognito.handle`, as MSW would give it. */
async function viaHandle(cognito: CognitoMock, port: number, method: string, path: string, headers: RawHeaders, body?: string): Promise<Raw> {
  const fetchHeaders = new Headers()
  for (const [name, value] of headers) fetchHeaders.append(name, value)
  const init: RequestInit = { method, headers: fetchHeaders }
  if (body !== undefined) init.body = body
  const response = await cognito.handle(new Request(`http://127.0.0.1:${port}${path}`, init))
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
}

/** What may differ between two answers to the same call: its id and date, and Node's connection headers. */
function comparable(answer: Raw): Raw {
  const { date, 'x-amzn-requestid': id, connection, 'keep-alive': keepAlive, 'content-length': length, ...headers } = answer.headers
  return { status: answer.status, headers, body: answer.body }
}

describe('the local endpoint answers what cognito.handle answers', () => {
  let endpoint: LocalEndpoint
  let token: string

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ port: 0, seed: 42 })
  })
  afterAll(() => endpoint?.close())
  beforeEach(async () => {
    endpoint.cognito.reset()
    token = (await signedIn(endpoint.cognito, 1)).token
  })

  const target = (operation: string) => jsonHeaders(operation)['x-amz-target']!
  const cases = (): { name: string; method: string; path: string; headers: RawHeaders; body?: string }[] => [
    { name: 'a success', method: 'POST', path: '/', headers: [['Content-Type', 'application/x-amz-json-1.1'], ['X-AMZ-TARGET', target('ListDevices')]], body: JSON.stringify({ AccessToken: token }) },
    { name: 'an error, headers in odd case', method: 'POST', path: '/', headers: [['content-TYPE', 'application/x-amz-json-1.1'], ['x-Amz-Target', target('GetUser')]], body: '{"AccessToken":"not.a.token"}' },
    { name: 'a validation error', method: 'POST', path: '/', headers: [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('ListDevices')]], body: '{"AccessToken":"x","Limit":0}' },
    // Fetch joins a repeated header with ", ": so must the endpoint, or the target reads differently.
    { name: 'a repeated header', method: 'POST', path: '/', headers: [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('GetUser')], ['x-amz-target', target('ListDevices')]], body: '{}' },
    { name: 'a malformed body', method: 'POST', path: '/', headers: [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('ListDevices')]], body: '{"AccessToken":' },
    { name: 'a body with a BOM', method: 'POST', path: '/', headers: [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('GetUser')]], body: `\uFEFF${JSON.stringify({ AccessToken: token })}` },
    { name: 'an unknown operation', method: 'POST', path: '/', headers: [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', 'AWSCognitoIdentityProviderService.Nope']], body: '{}' },
    { name: 'an admin call without a signature', method: 'POST', path: '/', headers: [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('AdminListDevices')]], body: '{}' },
    { name: 'a preflight', method: 'OPTIONS', path: '/', headers: [['access-control-request-method', 'POST'], ['access-control-request-headers', 'x-amz-target,content-type']] },
    { name: 'a JWKS', method: 'GET', path: `/${endpoint.cognito.pools.list()[0]!.id}/.well-known/jwks.json`, headers: [] },
    { name: 'a JWKS of no pool', method: 'GET', path: '/us-east-1_nope/.well-known/jwks.json', headers: [] },
  ]

  it('for successes, refusals, preflights and documents alike', async () => {
    const { port, cognito } = endpoint
    for (const c of cases()) {
      const served = await send(port, c.method, c.path, c.headers, c.body)
      const handled = await viaHandle(cognito, port, c.method, c.path, c.headers, c.body)
      expect(comparable(served), c.name).toEqual(comparable(handled))
      // A Content-Length of the body's bytes, never chunked (a preflight's is 0).
      expect(served.headers['content-length'], c.name).toBe(String(Buffer.byteLength(served.body)))
    }
  })

  it("for a scenario's scripted answer, its own headers replacing the defaults whatever their case", async () => {
    endpoint.cognito.scenarios.use({ operations: 'GetUser', answer: { status: 418, body: 'teapot', headers: { 'Content-Type': 'text/plain', 'X-Extra': 'yes' } } })
    const headers: RawHeaders = [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('GetUser')]]
    const served = await send(endpoint.port, 'POST', '/', headers, '{}')
    expect(served.status).toBe(418)
    expect(served.headers['content-type']).toBe('text/plain')
    expect(served.headers['x-extra']).toBe('yes')
    expect(served.body).toBe('teapot')
    expect(comparable(served)).toEqual(comparable(await viaHandle(endpoint.cognito, endpoint.port, 'POST', '/', headers, '{}')))
  })

  it("cuts the connection for a scenario's network error, and logs it", async () => {
    endpoint.cognito.scenarios.use({ operations: 'GetUser', answer: 'network-error' })
    const failure = await send(endpoint.port, 'POST', '/', [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', target('GetUser')]], '{}').then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    )
    expect(['ECONNRESET', 'socket hang up']).toContain(failure)
    expect(endpoint.cognito.requests.list().map((r) => [r.operation, r.status, r.errorType])).toEqual([['GetUser', 0, 'NetworkError']])
  })

  it("ends a hanging call when its client goes away, so nothing of it lingers", async () => {
    endpoint.cognito.scenarios.use({ operations: 'GetUser', answer: 'hang' })
    const req = httpRequest({ host: '127.0.0.1', port: endpoint.port, method: 'POST', path: '/', agent: false, headers: jsonHeaders('GetUser') })
    req.on('error', () => undefined)
    req.end('{}')
    await expect.poll(() => endpoint.cognito.requests.list().length).toBe(1)
    expect(endpoint.cognito.requests.list()[0]!.status).toBeUndefined()
    req.destroy()
    await expect.poll(() => endpoint.cognito.requests.list()[0]!.errorType).toBe('NetworkError')
  })
})

describe('startLocalEndpoint({ mock })', () => {
  it('serves a mock made by createCognitoMock, and refuses an object that is not one', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const served = await startLocalEndpoint({ port: 0, mock: cognito })
    try {
      const answer = await send(served.port, 'POST', '/', [['content-type', 'application/x-amz-json-1.1'], ['x-amz-target', jsonHeaders('GetUser')['x-amz-target']!]], '{}')
      expect(answer.status).toBe(400)
      expect(cognito.requests.list().map((r) => r.operation)).toEqual(['GetUser'])
    } finally {
      await served.close()
    }
    const imitation = { ...cognito } as CognitoMock
    await expect(startLocalEndpoint({ port: 0, mock: imitation })).rejects.toThrow(/^\[cognito-device-mock\] startLocalEndpoint: `mock` must be a mock made by createCognitoMock\(\)/)
  })
})
