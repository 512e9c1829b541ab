import { spawn } from 'node:child_process'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { allowedHostRules, allowedOriginSet, loopbackGuard } from '../src/adapters/loopback-guard.ts'
import { startLocalEndpoint, type LocalEndpoint } from '../src/node.ts'
import { jsonHeaders, signHeaders } from './support.ts'

/**
 * `serve` is safe on the loopback (issue 13, "Host and Origin"): a web page the developer opens can neither
 * reach it through DNS rebinding (its requests name the attacker's host) nor drive it cross-origin (its
 * requests carry its Origin). Both are refused with a 403 before the mock sees them; the AWS CLI, boto3 and
 * SDKs outside browsers (no Origin, the endpoint's own Host) pass. Driven with node:http, since `fetch`
 * lets no one choose the Host header.
 */

const secondProject = process.env.COGNITO_MOCK_MSW_MAJOR === '2'
const root = fileURLToPath(new URL('..', import.meta.url))

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

interface Send {
  method?: string
  /** The Host header; `undefined` keeps Node's (`127.0.0.1:PORT`). */
  host?: string
  headers?: Record<string, string>
  body?: string
  /** Connect here instead of 127.0.0.1. */
  address?: string
}

function send(port: number, options: Send = {}): Promise<Answer> {
  const { method = 'POST', body = '', address = '127.0.0.1' } = options
  const headers: Record<string, string> = { ...options.headers }
  if (options.host !== undefined) headers.host = options.host
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: address, port, method, path: '/', headers, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** ListDevices with a valid token: 200 when it reaches the mock. */
const listDevices = (token: string, extra: Omit<Send, 'body' | 'headers'> & { headers?: Record<string, string> } = {}): Send => ({
  ...extra,
  headers: { ...jsonHeaders('ListDevices'), ...extra.headers },
  body: JSON.stringify({ AccessToken: token }),
})

const preflight = (origin: string): Send => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
})

describe('the local endpoint refuses foreign Host and Origin headers', () => {
  let endpoint: LocalEndpoint
  let poolId: string
  let username: string
  let deviceKey: string
  let token: string
  let warn: MockInstance<typeof console.warn>

  beforeAll(async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    endpoint = await startLocalEndpoint({ port: 0, seed: 42 })
    const { cognito } = endpoint
    poolId = cognito.pools.list()[0]!.id
    const user = cognito.users.list(poolId).find((u) => cognito.devices.list(poolId, u.username).length > 0)!
    username = user.username
    deviceKey = cognito.devices.list(poolId, username)[0]!.key
    token = await cognito.tokens.issue(poolId, username)
  })
  afterEach(() => {
    endpoint.cognito.requests.clear()
    warn.mockClear()
  })
  afterAll(async () => {
    warn.mockRestore()
    await endpoint?.close()
  })

  it('a rebinding Host is refused with a 403 that says how to allow it; the mock never sees the call', async () => {
    for (const host of ['attacker.example', `attacker.example:${endpoint.port}`, 'ATTACKER.example.']) {
      const answer = await send(endpoint.port, listDevices(token, { host }))
      expect(answer.status).toBe(403)
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8')
      expect(answer.headers['access-control-allow-origin']).toBeUndefined()
      expect(answer.body).toBe(
        '[cognito-device-mock] Blocked request: Host "attacker.example" is not this server (a guard against DNS rebinding). ' +
          'Start serve with --allow-host attacker.example (startLocalEndpoint: allowedHosts) to allow it.\n',
      )
    }
    expect(endpoint.cognito.requests.list()).toEqual([])
    // Said once on the console, for the developer whose own client was refused.
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[cognito-device-mock\] Blocked request: Host "attacker\.example"/)
  })

  it('this machine’s names pass: localhost, *.localhost, loopback addresses, any port', async () => {
    const port = endpoint.port
    for (const host of [`localhost:${port}`, 'localhost', `127.0.0.1:${port}`, 'foo.localhost', `app.foo.localhost:${port}`, `[::1]:${port}`, '127.1.2.3:80', 'LOCALHOST.']) {
      const answer = await send(port, listDevices(token, { host }))
      expect([host, answer.status]).toEqual([host, 200])
    }
    expect(endpoint.cognito.requests.list()).toHaveLength(8)
    expect(warn).not.toHaveBeenCalled()
  })

  it('a request without Host (HTTP/1.0) passes', async () => {
    const body = JSON.stringify({ AccessToken: token })
    const socket = connect(endpoint.port, '127.0.0.1')
    let text = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
    const closed = new Promise((resolve) => socket.on('close', resolve))
    socket.end(
      `POST / HTTP/1.0\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListDevices\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
    await closed
    expect(text).toMatch(/^HTTP\/1\.1 200 /)
  })

  it('a foreign Origin is refused, preflight and call alike: a cross-site AdminForgetDevice deletes nothing', async () => {
    const refused = await send(endpoint.port, preflight('https://evil.example'))
    expect(refused.status).toBe(403)
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    expect(refused.body).toContain('Blocked request: Origin "https://evil.example" may not call this server')
    expect(refused.body).toContain('--allow-origin https://evil.example')

    const body = JSON.stringify({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey })
    const signed = await signHeaders(jsonHeaders('AdminForgetDevice'), body, { url: `${endpoint.url}/` })
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example:5173', 'http://127.0.0.1.evil.example']) {
      const answer = await send(endpoint.port, { headers: { ...signed, origin }, body })
      expect([origin, answer.status]).toEqual([origin, 403])
    }
    expect(endpoint.cognito.devices.get(poolId, username, deviceKey)).toBeDefined()
    expect(endpoint.cognito.requests.list()).toEqual([])

    // The very same signed call without an Origin (the AWS CLI, boto3) is answered: the refusal was the Origin's.
    const cli = await send(endpoint.port, { headers: signed, body })
    expect(cli.status).toBe(200)
    expect(endpoint.cognito.devices.get(poolId, username, deviceKey)).toBeUndefined()
  })

  it('a localhost page on any port is allowed, and gets its own origin back with Vary: Origin', async () => {
    for (const origin of ['http://localhost:5173', 'https://app.localhost', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      const pre = await send(endpoint.port, preflight(origin))
      expect(pre.status).toBe(200)
      expect(pre.headers['access-control-allow-origin']).toBe(origin)
      expect(pre.headers.vary).toBe('Origin')
      expect(pre.headers['access-control-allow-methods']).toBe('POST')

      const answer = await send(endpoint.port, listDevices(token, { headers: { origin } }))
      expect(answer.status).toBe(200)
      expect(answer.headers['access-control-allow-origin']).toBe(origin)
      expect(answer.headers.vary).toBe('Origin')
      expect(answer.headers['access-control-expose-headers']).toContain('x-amzn-RequestId')
    }
  })

  it('a call without Origin is answered as the mock answers it (the CLI and SDKs outside browsers)', async () => {
    const answer = await send(endpoint.port, listDevices(token))
    expect(answer.status).toBe(200)
    expect(answer.headers['access-control-allow-origin']).toBe('*')
    expect(answer.headers.vary).toBeUndefined()
    expect(endpoint.cognito.requests.list()).toHaveLength(1)
  })
})

describe('allowedHosts and allowedOrigins', () => {
  let warn: MockInstance<typeof console.warn>
  beforeAll(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterAll(() => warn.mockRestore())

  it('allow a name, a domain with its subdomains, and an origin; the defaults still pass', async () => {
    const endpoint = await startLocalEndpoint({
      port: 0,
      seed: 42,
      allowedHosts: ['cognito', '.example.test'],
      allowedOrigins: ['https://app.example.test:8443', 'http://cognito:4566'],
    })
    try {
      const { cognito } = endpoint
      const pool = cognito.pools.list()[0]!
      const token = await cognito.tokens.issue(pool.id, cognito.users.list(pool.id)[0]!.username)
      for (const host of ['cognito', `cognito:${endpoint.port}`, 'example.test', 'a.b.example.test:443', 'localhost']) {
        expect([host, (await send(endpoint.port, listDevices(token, { host }))).status]).toEqual([host, 200])
      }
      for (const host of ['notexample.test', 'example.test.evil', 'cognito.evil', 'cognitox']) {
        expect([host, (await send(endpoint.port, listDevices(token, { host }))).status]).toEqual([host, 403])
      }
      for (const origin of ['https://app.example.test:8443', 'http://cognito:4566', 'http://localhost:5173']) {
        const answer = await send(endpoint.port, listDevices(token, { headers: { origin } }))
        expect([origin, answer.status, answer.headers['access-control-allow-origin']]).toEqual([origin, 200, origin])
      }
      for (const origin of ['https://app.example.test', 'http://app.example.test:8443', 'https://evil.example']) {
        expect([origin, (await send(endpoint.port, listDevices(token, { headers: { origin } }))).status]).toEqual([origin, 403])
      }
    } finally {
      await endpoint.close()
    }
  })

  it('"*" allows any host and any origin, with the mock’s own `*` (the behaviour before the guard)', async () => {
    const endpoint = await startLocalEndpoint({ port: 0, seed: 42, allowedHosts: ['*'], allowedOrigins: ['*'] })
    try {
      const { cognito } = endpoint
      const pool = cognito.pools.list()[0]!
      const token = await cognito.tokens.issue(pool.id, cognito.users.list(pool.id)[0]!.username)
      const answer = await send(endpoint.port, listDevices(token, { host: 'attacker.example', headers: { origin: 'https://evil.example' } }))
      expect(answer.status).toBe(200)
      expect(answer.headers['access-control-allow-origin']).toBe('*')
    } finally {
      await endpoint.close()
    }
  })

  it('the address the server listens on and the one a connection came in on pass', async () => {
    warn.mockClear()
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address
    const endpoint = await startLocalEndpoint({ port: 0, seed: 42, host: '0.0.0.0' })
    try {
      const { cognito } = endpoint
      const pool = cognito.pools.list()[0]!
      const token = await cognito.tokens.issue(pool.id, cognito.users.list(pool.id)[0]!.username)
      if (lan !== undefined) {
        // Host names the interface the connection arrived on: this server, whatever its other addresses.
        expect((await send(endpoint.port, listDevices(token, { address: lan, host: `${lan}:${endpoint.port}` }))).status).toBe(200)
      }
      // Another address this connection did not arrive on: refused.
      expect((await send(endpoint.port, listDevices(token, { host: '192.0.2.7' }))).status).toBe(403)
    } finally {
      await endpoint.close()
    }
    // In process, with the addresses chosen: the listening name, and a connection's (IPv4-mapped) local address.
    const guard = loopbackGuard('cognito.lan', allowedHostRules([], 'allowedHosts'), allowedOriginSet([], 'allowedOrigins'))
    expect(guard.check('cognito.lan:4566', undefined, '127.0.0.1')).toEqual({ allowOrigin: undefined })
    expect(guard.check('10.1.2.3:4566', undefined, '::ffff:10.1.2.3')).toEqual({ allowOrigin: undefined })
    expect(guard.check('[fd00::5]:4566', undefined, 'fd00::5')).toEqual({ allowOrigin: undefined })
    expect(guard.check('10.1.2.4', undefined, '::ffff:10.1.2.3').refused).toMatch(/Host "10\.1\.2\.4"/)
    expect(guard.check('evil@localhost', undefined, '127.0.0.1').refused).toBe('Blocked request: Host "evil@localhost" is not a host name this server answers to.')
    expect(warn).toHaveBeenCalledTimes(3) // once per host refused above
  })

  it('refuses entries that are not host names or origins, saying which', async () => {
    await expect(startLocalEndpoint({ port: 0, allowedHosts: ['cognito:4566'] })).rejects.toThrow(
      '[cognito-device-mock] startLocalEndpoint: allowedHosts takes a host name without a port (any port of an allowed name passes), got "cognito:4566".',
    )
    await expect(startLocalEndpoint({ port: 0, allowedHosts: ['http://cognito'] })).rejects.toThrow(/allowedHosts takes host names such as "cognito"/)
    await expect(startLocalEndpoint({ port: 0, allowedOrigins: ['https://app.example.test/login'] })).rejects.toThrow(
      '[cognito-device-mock] startLocalEndpoint: allowedOrigins takes an origin, scheme://host[:port] without a path, such as "https://app.example.test", got "https://app.example.test/login".',
    )
    await expect(startLocalEndpoint({ port: 0, allowedOrigins: ['app.example.test'] })).rejects.toThrow(/allowedOrigins takes an origin/)
    expect(allowedOriginSet(['HTTPS://App.Example.Test:443/', 'chrome-extension://abcdef'], 'x')).toEqual(new Set(['https://app.example.test', 'chrome-extension://abcdef']))
    expect(allowedHostRules(['::1', '.Example.Test', 'Cognito.'], 'x')).toEqual({ any: false, names: new Set(['[::1]', 'cognito']), suffixes: ['.example.test'] })
  })
})

describe.skipIf(secondProject)('cognito-device-mock serve --allow-host --allow-origin', { timeout: 60_000 }, () => {
  const cli = join(root, 'src/cli.ts')
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      child.on('close', (code) => resolve({ code, stderr }))
    })

  it('passes the names and origins on to the endpoint', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--json', '--allow-host', 'cognito', '--allow-host', '.example.test', '--allow-origin', 'https://app.example.test'], {
      stdio: 'pipe',
    })
    try {
      const summary = await new Promise<{ port: number; pools: { users: { accessToken: string }[] }[] }>((resolve, reject) => {
        let stdout = ''
        const timer = setTimeout(() => reject(new Error('no summary within 30 s')), 30_000)
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk
          const newline = stdout.indexOf('\n')
          if (newline < 0) return
          clearTimeout(timer)
          resolve(JSON.parse(stdout.slice(0, newline)))
        })
      })
      const token = summary.pools[0]!.users[0]!.accessToken
      expect((await send(summary.port, listDevices(token, { host: 'cognito:4566' }))).status).toBe(200)
      expect((await send(summary.port, listDevices(token, { host: 'api.example.test' }))).status).toBe(200)
      expect((await send(summary.port, listDevices(token, { host: 'attacker.example' }))).status).toBe(403)
      const allowed = await send(summary.port, listDevices(token, { headers: { origin: 'https://app.example.test' } }))
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.test')
      expect((await send(summary.port, listDevices(token, { headers: { origin: 'https://evil.example' } }))).status).toBe(403)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it.each([
    [['serve', '--allow-host', 'cognito:4566'], '[cognito-device-mock] --allow-host takes a host name without a port'],
    [['serve', '--allow-origin', 'https://app.example.test/path'], '[cognito-device-mock] --allow-origin takes an origin, scheme://host[:port] without a path'],
  ])('%j is refused with exit code 2', async (args, message) => {
    const ran = await run(args)
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain(message)
  })
})
