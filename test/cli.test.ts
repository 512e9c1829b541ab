import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { Agent, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faker as fakerDE } from '@faker-js/faker/locale/de'
import { createCognitoMock, type WorldOptions } from '../src/index.ts'
import { startLocalEndpoint, type LocalEndpoint } from '../src/node.ts'
import { ADMIN_ATTRIBUTES } from './support.ts'
import { FAKE_KEY, awsEnv, cliPath, startServe, type Served as ServedProcess } from './serve-process.ts'

/**
 * The local endpoint and the `cognito-device-mock serve` CLI, driven by real, unmodified clients: Debian's
 * AWS CLI (`/usr/bin/aws`) and boto3 (`/usr/bin/python3` with `python3-boto3`), both installed by `.ci/run`.
 *
 * Needs `npm run build` first (`npm test` builds before vitest). When the AWS CLI or boto3 is missing these
 * tests FAIL, saying so; set COGNITO_MOCK_SKIP_PYTHON=1 to skip them on purpose. COGNITO_MOCK_AWS_CLI and
 * COGNITO_MOCK_PYTHON point at other installs (e.g. Homebrew's).
 */

const root = fileURLToPath(new URL('..', import.meta.url))
const AWS = process.env.COGNITO_MOCK_AWS_CLI ?? '/usr/bin/aws'
const PYTHON = process.env.COGNITO_MOCK_PYTHON ?? '/usr/bin/python3'
const skipPython = process.env.COGNITO_MOCK_SKIP_PYTHON === '1'
/**
 * vitest.config.ts runs the suite once per msw major. The CLI runs the built dist/ in its own process with
 * the installed msw, whatever the project: running the external-process tests twice would prove nothing more.
 */
const secondProject = process.env.COGNITO_MOCK_MSW_MAJOR === '2'

const TIMEOUT = 60_000
const MISSING_KEY = 'us-east-1_00000000-0000-4000-8000-000000000000'

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

interface Summary {
  endpoint: string
  host: string
  port: number
  seed: number | string
  clock: string
  now: string
  pools: {
    id: string
    name: string
    region: string
    deviceRemembering: string
    appClientId: string
    clients: { clientId: string; clientName: string; clientSecret?: string }[]
    issuer: string
    users: {
      username: string
      password: string
      status: string
      enabled: boolean
      accessToken: string
      idToken?: string
      refreshToken?: string
      devices: { key: string; name?: string; rememberedStatus: string; createdAt: string; lastModifiedAt: string; lastAuthenticatedAt: string }[]
    }[]
  }[]
  examples: { shell: string[]; python: string[]; signIn: string[] }
}

interface Ran {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

type Served = ServedProcess<Summary>
const serve = (extra: string[] = []): Promise<Served> => startServe<Summary>(extra)

/** What to put in front of a missing tool's failure: where it comes from, and how to skip on purpose. */
function missingTool(what: string): string {
  return (
    `${what}. .ci/run installs it (apt-get install awscli python3-boto3); ` +
    'set COGNITO_MOCK_SKIP_PYTHON=1 to skip the AWS CLI and boto3 tests explicitly.'
  )
}

async function checkTools(): Promise<{ aws?: string; boto3?: string; problem?: string }> {
  const problems: string[] = []
  let aws: string | undefined
  let boto3: string | undefined
  if (!existsSync(AWS)) problems.push(missingTool(`The AWS CLI is not installed at ${AWS}`))
  else {
    const ran = await run(AWS, ['--version'], { env: awsEnv() })
    if (ran.code !== 0) problems.push(missingTool(`${AWS} --version failed: ${ran.stderr.trim()}`))
    else aws = (ran.stdout + ran.stderr).trim()
  }
  if (!existsSync(PYTHON)) problems.push(missingTool(`No Python at ${PYTHON}`))
  else {
    const ran = await run(PYTHON, ['-c', 'import boto3, botocore; print(boto3.__version__, botocore.__version__)'])
    if (ran.code !== 0) problems.push(missingTool(`boto3 is not importable by ${PYTHON}: ${ran.stderr.trim().split('\n').pop()}`))
    else boto3 = ran.stdout.trim()
  }
  return { ...(aws ? { aws } : {}), ...(boto3 ? { boto3 } : {}), ...(problems.length ? { problem: problems.join('\n') } : {}) }
}

/** The AWS CLI renders epoch numbers as Python's `isoformat()` in local time (UTC here): micro-seconds, dropped when zero. */
function cliTimestamp(isoZ: string): string {
  const [base, fraction] = isoZ.replace(/Z$/, '').split('.')
  return fraction && fraction !== '000' ? `${base}.${fraction}000+00:00` : `${base}+00:00`
}

type User = Summary['pools'][number]['users'][number]
const remembered = (user: User) => user.devices.filter((device) => device.rememberedStatus === 'remembered')

/** Seed 42's users with at least three remembered devices, most first: one for boto3, one for the AWS CLI. */
function usersWithDevices(summary: Summary): User[] {
  const users = summary.pools[0]!.users.filter((user) => remembered(user).length >= 3)
  return users.sort((a, b) => remembered(b).length - remembered(a).length)
}

// ---------------------------------------------------------------------------------------------------
// The local endpoint, in process: exact bytes, keep-alive, malformed requests
// ---------------------------------------------------------------------------------------------------

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text))
    let answer = ''
    socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')))
  })
}

function post(port: number, target: string, body: string, agent?: Agent): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent: agent ?? false,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, reused: req.reusedSocket }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('startLocalEndpoint', { timeout: TIMEOUT }, () => {
  let endpoint: LocalEndpoint
  let token: string
  let poolId: string
  let username: string
  let keys: string[]

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ port: 0, seed: 42 })
    const { cognito } = endpoint
    poolId = cognito.pools.list()[0]!.id
    const user = cognito.users
      .list(poolId)
      .find((u) => cognito.devices.list(poolId, u.username).filter((d) => d.rememberedStatus === 'remembered').length >= 3)!
    username = user.username
    keys = cognito.devices.list(poolId, username).filter((d) => d.rememberedStatus === 'remembered').map((d) => d.key)
    token = await cognito.tokens.issue(poolId, username)
  })
  afterAll(() => endpoint?.close())

  it('reports where it listens', () => {
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}`)
    expect(endpoint.port).toBeGreaterThan(0)
    expect(endpoint.host).toBe('127.0.0.1')
  })

  it('answers with exactly what mock.handle answers: status, every header, body bytes', async () => {
    const body = JSON.stringify({ AccessToken: token, Limit: 2 })
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      body,
    }
    const snapshot = endpoint.cognito.snapshot()
    const direct = await endpoint.cognito.handle(new Request(`${endpoint.url}/`, init))
    const directBody = await direct.text()
    endpoint.cognito.restore(snapshot)
    const served = await post(endpoint.port, 'ListDevices', body)
    expect(served.status).toBe(direct.status)
    expect(served.body).toBe(directBody)
    const transport = new Set(['connection', 'keep-alive'])
    const servedHeaders = Object.fromEntries(Object.entries(served.headers).filter(([name]) => !transport.has(name)))
    const directHeaders = Object.fromEntries(direct.headers)
    // The request id is drawn per request, and the restore does not rewind it.
    expect({ ...servedHeaders, 'x-amzn-requestid': 'id' }).toEqual({ ...directHeaders, 'x-amzn-requestid': 'id' })
    expect(served.headers.date).toBe(directHeaders.date) // the mock's clock, not Node's
  })

  it('sends ForgetDevice’s empty body with Content-Length: 0, never chunked', async () => {
    const body = JSON.stringify({ AccessToken: token, DeviceKey: keys[0] })
    const answer = await raw(
      endpoint.port,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
        `X-Amz-Target: AWSCognitoIdentityProviderService.ForgetDevice\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
    const [head, rest] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(head).toMatch(/\r\ncontent-length: 0(\r\n|$)/i)
    expect(head).not.toMatch(/transfer-encoding/i)
    expect(rest).toBe('')
    expect(endpoint.cognito.devices.get(poolId, username, keys[0]!)).toBeUndefined()
  })

  it('keeps connections alive across requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const answers = []
      for (let i = 0; i < 3; i++) answers.push(await post(endpoint.port, 'ListDevices', JSON.stringify({ AccessToken: token }), agent))
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
      expect(answers.map((a) => a.reused)).toEqual([false, true, true])
    } finally {
      agent.destroy()
    }
  })

  it('serves the pool’s JWKS at /{poolId}/.well-known/jwks.json', async () => {
    const response = await fetch(`${endpoint.url}/${poolId}/.well-known/jwks.json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual(await endpoint.cognito.tokens.jwks(poolId))
  })

  it('survives malformed requests and keeps answering', async () => {
    expect(await raw(endpoint.port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /)
    expect(await raw(endpoint.port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 [^]*\[cognito-device-mock\]/)
    // Declares more body than it sends, then hangs up.
    const cut = connect(endpoint.port, '127.0.0.1')
    await new Promise<void>((resolve) => cut.on('connect', resolve))
    cut.end('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"Acc')
    cut.resume() // read (and drop) whatever the server answers, so that 'close' can come
    await new Promise((resolve) => cut.on('close', resolve))
    // Not JSON: the mock's own SerializationException, over the wire.
    const bad = await post(endpoint.port, 'ListDevices', '{not json')
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).__type).toBe('SerializationException')
    const good = await post(endpoint.port, 'ListDevices', JSON.stringify({ AccessToken: token }))
    expect(good.status).toBe(200)
  })

  it('refuses a second server on a busy port with a clear message', async () => {
    await expect(startLocalEndpoint({ port: endpoint.port, mock: endpoint.cognito })).rejects.toThrow(
      `[cognito-device-mock] port ${endpoint.port} on 127.0.0.1 is already in use`,
    )
    await expect(startLocalEndpoint({ port: 0, mock: endpoint.cognito, seed: 1 })).rejects.toThrow(/^\[cognito-device-mock\] startLocalEndpoint: give either `mock` or mock options/)
  })

  it('close() ends idle keep-alive connections too', async () => {
    const other = await startLocalEndpoint({ port: 0, mock: endpoint.cognito })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    await post(other.port, 'ListDevices', JSON.stringify({ AccessToken: token }), agent)
    const started = Date.now()
    await other.close()
    await other.close() // idempotent
    expect(Date.now() - started).toBeLessThan(2_000)
    await expect(post(other.port, 'ListDevices', '{}')).rejects.toThrow(/ECONNREFUSED/)
    agent.destroy()
  })
})

// ---------------------------------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------------------------------

describe.skipIf(secondProject)('cognito-device-mock CLI', { timeout: TIMEOUT }, () => {
  it('--help prints the usage and exits 0', async () => {
    const ran = await run(process.execPath, [cliPath, '--help'])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(/^Usage: cognito-device-mock serve \[options\]/)
    for (const flag of ['--port', '--host', '--seed', '--region', '--now', '--clock', '--world', '--pools', '--users', '--devices', '--faker-locale', '--strict-credentials', '--json']) {
      expect(ran.stdout).toContain(flag)
    }
  })

  it.each([
    [['serve', '--bogus'], "[cognito-device-mock] Unknown option '--bogus'."],
    [['serve', '--port', 'abc'], '[cognito-device-mock] --port must be a whole number from 0 to 65535, got "abc".'],
    [['serve', '--port', '70000'], '[cognito-device-mock] --port must be a whole number from 0 to 65535, got "70000".'],
    [['serve', '--clock', 'sometimes'], '[cognito-device-mock] --clock must be "logical" or "wall", got "sometimes".'],
    [['serve', '--region', 'Mars'], '[cognito-device-mock] --region must be an AWS region name such as us-east-1, got "Mars".'],
    [['serve', '--now', 'yesterday'], '[cognito-device-mock] --now must be an ISO 8601 date'],
    [['serve', '--pools', '-1'], "[cognito-device-mock] Option '--pools' argument is ambiguous."],
    [['serve', '--users', '2.5'], '[cognito-device-mock] --users must be a whole number'],
    [['serve', '--devices', '5-2'], '[cognito-device-mock] --devices takes a count or MIN-MAX with MIN ≤ MAX, got "5-2".'],
    [['serve', '--devices', 'few'], '[cognito-device-mock] --devices must be a whole number from 0 to 10000, got "few".'],
    [['serve', '--devices', '0-20000'], '[cognito-device-mock] --devices must be a whole number from 0 to 10000, got "20000".'],
    [['serve', '--strict-credentials', 'nocolon'], '[cognito-device-mock] --strict-credentials takes ACCESS_KEY_ID:SECRET_ACCESS_KEY'],
    [['serve', '--port'], "[cognito-device-mock] Option '--port <value>' argument missing."],
    [['serve', '--scenario', '[{'], '[cognito-device-mock] --scenario is neither preset names nor valid JSON: [{'],
    [['serve', '--scenario', ' '], '[cognito-device-mock] --scenario must name a preset (e.g. throttled) or give JSON rules.'],
    [[], '[cognito-device-mock] missing command: the only command is "serve".'],
    [['start'], '[cognito-device-mock] unknown command "start"'],
  ])('%j is refused with exit code 2', async (args, message) => {
    const ran = await run(process.execPath, [cliPath, ...args])
    expect(ran.code).toBe(2)
    expect(ran.stdout).toBe('')
    expect(ran.stderr).toContain(message)
    expect(ran.stderr).toContain('Run "cognito-device-mock --help" for the options.')
  })

  it('is runnable through the package bin', async () => {
    const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}` }
    const ran = await run('npm', ['exec', '--offline', '--', 'cognito-device-mock', '--version'], { env })
    expect(ran.stderr).not.toMatch(/ERR!|npm error/)
    expect(ran.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
    expect(ran.code).toBe(0)
  })

  it('prints the seeded world as text: endpoint, pools, users with tokens, devices, examples', async () => {
    const json = await serve(['--seed', '42'])
    await json.stop()
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--seed', '42'], { stdio: 'pipe' })
    let text = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no text summary; got ${text}`)), 20_000)
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        if (text.includes('Serving until Ctrl-C.')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    child.kill('SIGINT')
    await new Promise((resolve) => child.on('exit', resolve))
    const url = /Cognito device API at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]
    expect(url).toBeDefined()
    const pool = json.summary.pools[0]!
    expect(text).toContain(`User pool ${pool.id} "${pool.name}"`)
    expect(text).toContain(`region ${pool.region}, device remembering ${pool.deviceRemembering}, app client ${pool.appClientId}`)
    for (const user of pool.users) {
      expect(text).toContain(`user ${user.username} (${user.status})`)
      // Same seed, same logical clock: the very same tokens.
      expect(text).toContain(`access token: ${user.accessToken}`)
      for (const device of user.devices) expect(text).toContain(`${device.key}  ${device.rememberedStatus}`)
    }
    expect(text).toContain(`aws cognito-idp list-devices --endpoint-url ${url} --region us-east-1 --access-token "$TOKEN"`)
    expect(text).toContain(`boto3.client("cognito-idp", endpoint_url="${url}"`)
  })

  it('--json prints one JSON document describing the seeded world', async () => {
    const served = await serve(['--seed', '42', '--pools', '3', '--users', '2', '--region', 'eu-west-1', '--now', '2030-01-01T00:00:00Z'])
    try {
      const { summary } = served
      expect(summary.endpoint).toBe(`http://127.0.0.1:${summary.port}`)
      expect(summary).toMatchObject({ seed: 42, clock: 'logical', now: '2030-01-01T00:00:00.000Z', host: '127.0.0.1' })
      expect(summary.pools.map((p) => [p.region, p.deviceRemembering, p.users.length])).toEqual([
        ['eu-west-1', 'user-opt-in', 2],
        ['eu-west-1', 'always', 2],
        ['eu-west-1', 'off', 2],
      ])
      for (const pool of summary.pools) {
        expect(pool.id).toMatch(/^eu-west-1_[0-9A-Za-z]+$/)
        expect(pool.issuer).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${pool.id}`)
        for (const user of pool.users) {
          expect(user.accessToken.split('.')).toHaveLength(3)
          const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString())
          expect(claims).toMatchObject({ username: user.username, iss: pool.issuer, token_use: 'access', client_id: pool.appClientId })
          // --json adds the ID and refresh tokens of a sign-in on the pool's first client.
          const id = JSON.parse(Buffer.from(user.idToken!.split('.')[1]!, 'base64url').toString())
          expect(id).toMatchObject({ 'cognito:username': user.username, iss: pool.issuer, token_use: 'id', aud: pool.appClientId })
          expect(user.refreshToken).toEqual(expect.any(String))
          if (pool.deviceRemembering === 'off') expect(user.devices).toEqual([])
          if (pool.deviceRemembering === 'always') expect(user.devices.every((d) => d.rememberedStatus === 'remembered')).toBe(true)
        }
      }
      expect(summary.examples.shell.join('\n')).toContain(`--endpoint-url ${summary.endpoint} --region eu-west-1`)
      // The printed refresh token works: REFRESH_TOKEN_AUTH answers a new access token for the same user.
      const [pool] = summary.pools
      const [user] = pool!.users
      const refreshed = await post(summary.port, 'InitiateAuth', JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool!.appClientId, AuthParameters: { REFRESH_TOKEN: user!.refreshToken } }))
      expect(refreshed.status, refreshed.body).toBe(200)
      const access = JSON.parse(refreshed.body).AuthenticationResult.AccessToken as string
      expect(JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()).username).toBe(user!.username)
    } finally {
      await served.stop()
    }
  })

  it('stops cleanly on SIGINT and SIGTERM (exit code 0), closing idle keep-alive connections', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const served = await serve()
      const agent = new Agent({ keepAlive: true })
      const answer = await post(served.summary.port, 'ListDevices', '{}', agent)
      expect(answer.status).toBe(400) // a validation error, over a connection that now idles
      const started = Date.now()
      served.child.kill(signal)
      expect(await served.exit).toEqual({ code: 0, signal: null })
      expect(Date.now() - started).toBeLessThan(5_000)
      agent.destroy()
    }
  })

  it('exits 1 with a clear message when the port is busy', async () => {
    const first = await serve()
    try {
      const ran = await run(process.execPath, [cliPath, 'serve', '--port', String(first.summary.port)])
      expect(ran.code).toBe(1)
      expect(ran.stderr).toContain(`[cognito-device-mock] port ${first.summary.port} on 127.0.0.1 is already in use.`)
    } finally {
      await first.stop()
    }
  })

  it('--scenario: a preset, a comma-separated list, or JSON rules, active from the start', async () => {
    const body = JSON.stringify({ AccessToken: 'not.a.token' })
    const errorOf = async (served: Served) => JSON.parse((await post(served.summary.port, 'ListDevices', body)).body).__type as string
    for (const [value, error] of [
      ['throttled', 'TooManyRequestsException'],
      ['happy-path,internal-error', 'InternalErrorException'],
      ['{"name":"mine","rules":[{"operations":"ListDevices","answer":{"error":"ForbiddenException"}}]}', 'ForbiddenException'],
      ['[{"operations":["ListDevices"],"answer":{"error":"InvalidParameterException"}}]', 'InvalidParameterException'],
    ]) {
      const served = await serve(['--scenario', value!])
      try {
        expect(await errorOf(served), value).toBe(error)
      } finally {
        await served.stop()
      }
    }
  })

  it('--scenario with an unknown preset or a bad rule exits 2, naming the problem', async () => {
    const unknown = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--scenario', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('[cognito-device-mock] no scenario named "nope". Known: happy-path,')
    const badRule = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--scenario', '[{"answer":{"error":42}}]'])
    expect(badRule.code).toBe(2)
    expect(badRule.stderr).toMatch(/^\[cognito-device-mock\] /)
  })
})

describe.skipIf(secondProject)('serve --world FILE', { timeout: TIMEOUT }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-device-mock-world-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  /** Writes `text` (or JSON of it) to a file of the temporary folder and returns its path. */
  const file = (name: string, content: unknown) => {
    const path = join(dir, name)
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
    return path
  }
  const WORLD = {
    pools: [{ name: 'Acme', deviceRemembering: 'always', users: [{ username: 'ada', password: 'Secret-123!', devices: [{ name: 'Ada’s MacBook', remembered: true }, 2] }, 1] }, 1],
    usersPerPool: 3,
  }

  it('serves the world the file describes; --users overrides its usersPerPool', async () => {
    const served = await serve(['--seed', '42', '--world', file('world.json', WORLD), '--users', '2'])
    try {
      const [acme, generated, ...more] = served.summary.pools
      expect(more).toEqual([])
      expect(acme).toMatchObject({ name: 'Acme', deviceRemembering: 'always' })
      expect(acme!.users.map((u) => u.username)[0]).toBe('ada')
      expect(acme!.users).toHaveLength(2)
      expect(acme!.users[0]!.devices).toHaveLength(3)
      expect(acme!.users[0]!.devices.find((d) => d.name === 'Ada’s MacBook')).toMatchObject({ rememberedStatus: 'remembered' })
      expect(generated!.users).toHaveLength(2)
      // The same world as createCognitoMock grows from the same description.
      const mock = createCognitoMock({ seed: 42, world: { ...WORLD, usersPerPool: 2 } as WorldOptions })
      expect(served.summary.pools.map((p) => p.id)).toEqual(mock.pools.list().map((p) => p.id))
    } finally {
      await served.stop()
    }
  })

  it('--devices sets the generated devices per user, as a count or a range, over the file\'s devicesPerUser', async () => {
    for (const [flag, min, max] of [['4', 4, 4], ['1-2', 1, 2]] as const) {
      const served = await serve(['--seed', '42', '--users', '6', '--world', file('devices.json', { devicesPerUser: 9 }), '--devices', flag])
      try {
        const counts = served.summary.pools[0]!.users.map((u) => u.devices.length)
        expect(counts, flag).toHaveLength(6)
        for (const count of counts) expect(count, flag).toBeGreaterThanOrEqual(min)
        for (const count of counts) expect(count, flag).toBeLessThanOrEqual(max)
        // The same world as createCognitoMock grows from the same description.
        const mock = createCognitoMock({ seed: 42, world: { usersPerPool: 6, devicesPerUser: min === max ? min : { min, max } } })
        const pool = mock.pools.list()[0]!
        expect(counts).toEqual(mock.users.list(pool.id).map((u) => mock.devices.list(pool.id, u.username).length))
      } finally {
        await served.stop()
      }
    }
  })

  it('--pools overrides a count in the file, and is refused next to listed pools', async () => {
    const served = await serve(['--world', file('count.json', { pools: 1, usersPerPool: 1 }), '--pools', '2'])
    await served.stop()
    expect(served.summary.pools.map((p) => p.users.length)).toEqual([1, 1])
    const ran = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--world', file('listed.json', WORLD), '--pools', '2'])
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain(`[cognito-device-mock] --pools conflicts with --world ${join(dir, 'listed.json')}, which lists its pools`)
  })

  it('--faker-locale de: the world speaks German, as createCognitoMock({ faker: fakerDE }) does', async () => {
    const served = await serve(['--world', file('small.json', { usersPerPool: 2 }), '--faker-locale', 'de'])
    await served.stop()
    const mock = createCognitoMock({ world: { usersPerPool: 2 }, faker: fakerDE })
    expect(served.summary.pools[0]!.users.map((u) => u.username)).toEqual(mock.users.list(mock.pools.list()[0]!.id).map((u) => u.username))
    const ran = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--faker-locale', 'klingon'])
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain('[cognito-device-mock] --faker-locale: no faker locale "klingon". Use one of af_ZA, ar, az, base, bn_BD, cs_CZ, cy, da, de, ')
  })

  it('names the file and what to fix: a bad world, text that is not JSON, a file it cannot read', async () => {
    const cases: [string, string][] = [
      [
        file('bad.json', { pools: [{ users: [{ username: 'a b', devices: [{ remembered: 'yes' }] }] }], colour: 'red' }),
        'world is not a world description:\n' +
          "  world.pools[0].users[0].username: expected 1 to 128 characters, no spaces (Cognito's username pattern)\n" +
          '  world.pools[0].users[0].devices[0].remembered: expected true or false\n' +
          '  world: unknown key "colour"',
      ],
      [file('comma.json', '{\n  "pools": [1,\n  ]\n}\n'), "the file is not JSON: Unexpected token ']' at (line 3 column 3)."],
      [file('colon.json', '{\n  "pools": 1,\n  "usersPerPool" 2\n}\n'), 'the file is not JSON: '],
      [join(dir, 'missing.json'), 'cannot read the file (no such file).'],
      [dir, 'cannot read the file (it is a directory).'],
    ]
    for (const [path, message] of cases) {
      const ran = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--world', path])
      expect(ran.code, path).toBe(2)
      expect(ran.stdout).toBe('')
      expect(ran.stderr, path).toContain(`[cognito-device-mock] --world ${path}: ${message}`)
    }
    const colon = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--world', join(dir, 'colon.json')])
    expect(colon.stderr).toMatch(/ at \(line 3 column 18\)\.\n/)
    // What only growing the world finds still names the file.
    const twins = await run(process.execPath, [cliPath, 'serve', '--port', '0', '--world', file('twins.json', { pools: [{ users: [{ username: 'ada' }, { username: 'ada' }] }] })])
    expect(twins.code).toBe(2)
    expect(twins.stderr).toMatch(/^\[cognito-device-mock\] --world .*twins\.json: world\.pools\[0\]\.users\[1\]\.username: .*"ada"/)
  })
})

// ---------------------------------------------------------------------------------------------------
// Real clients: the AWS CLI and boto3
// ---------------------------------------------------------------------------------------------------

describe.skipIf(secondProject || skipPython)('the AWS CLI and boto3 against `serve`', { timeout: TIMEOUT }, () => {
  let served: Served
  let tools: Awaited<ReturnType<typeof checkTools>>
  let pool: Summary['pools'][number]
  let cliUser: User
  let pyUser: User

  beforeAll(async () => {
    tools = await checkTools()
    served = await serve(['--seed', '42'])
    pool = served.summary.pools[0]!
    const users = usersWithDevices(served.summary)
    expect(users.length).toBeGreaterThanOrEqual(2)
    pyUser = users[0]!
    cliUser = users[1]!
  }, TIMEOUT)
  afterAll(() => served?.stop())

  function requireTools(): void {
    if (tools.problem) throw new Error(tools.problem)
  }

  /** `aws cognito-idp <args> --endpoint-url ... --region ...`, output parsed when it is JSON. */
  async function aws(args: string[], credentials: { id: string; secret: string } | null = FAKE_KEY) {
    requireTools()
    const ran = await run(AWS, ['cognito-idp', ...args, '--endpoint-url', served.summary.endpoint, '--region', pool.region, '--output', 'json'], {
      env: awsEnv(credentials),
    })
    let json: any
    try {
      json = ran.stdout.trim() === '' ? undefined : JSON.parse(ran.stdout)
    } catch {
      json = undefined
    }
    return { ...ran, json }
  }

  const userArgs = () => ['--access-token', cliUser.accessToken]
  const adminArgs = () => ['--user-pool-id', pool.id, '--username', cliUser.username]

  it('has the AWS CLI and boto3 (installed by .ci/run)', () => {
    requireTools()
    console.info(`AWS CLI: ${tools.aws}; boto3/botocore: ${tools.boto3}`)
  })

  /** The first confirmed, enabled user: the summary's sign-in examples use the same one. */
  const signInUser = () => pool.users.find((user) => user.status === 'CONFIRMED' && user.enabled)!

  it('aws initiate-auth USER_PASSWORD_AUTH with the printed password and the public client, then list-devices with its token', { timeout: TIMEOUT }, async () => {
    const user = signInUser()
    const web = pool.clients.find((client) => client.clientName === 'web')!
    expect(web.clientSecret).toBeUndefined()
    expect(served.summary.examples.signIn[0]).toContain(`--client-id ${web.clientId} --auth-parameters USERNAME=${user.username},PASSWORD=${user.password}`)
    const auth = await aws(['initiate-auth', '--auth-flow', 'USER_PASSWORD_AUTH', '--client-id', web.clientId, '--auth-parameters', `USERNAME=${user.username},PASSWORD=${user.password}`], null)
    expect(auth.stderr).toBe('')
    expect(auth.code).toBe(0)
    const token = auth.json.AuthenticationResult.AccessToken as string
    expect(auth.json.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 })
    const list = await aws(['list-devices', '--access-token', token])
    expect(list.code).toBe(0)
    expect(list.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey).sort()).toEqual(remembered(user).map((d) => d.key).sort())
  })

  it('aws initiate-auth with the printed confidential client: SECRET_HASH made in the test is accepted, a wrong one refused', { timeout: TIMEOUT }, async () => {
    const user = signInUser()
    const server = pool.clients.find((client) => client.clientSecret !== undefined)!
    expect(server.clientName).toBe('server')
    const secretHash = createHmac('sha256', server.clientSecret!).update(user.username + server.clientId).digest('base64')
    const params = `USERNAME=${user.username},PASSWORD=${user.password}`
    const auth = await aws(['initiate-auth', '--auth-flow', 'USER_PASSWORD_AUTH', '--client-id', server.clientId, '--auth-parameters', `${params},SECRET_HASH=${secretHash}`], null)
    expect(auth.code).toBe(0)
    const claims = JSON.parse(Buffer.from((auth.json.AuthenticationResult.AccessToken as string).split('.')[1]!, 'base64url').toString())
    expect(claims).toMatchObject({ username: user.username, client_id: server.clientId })
    const missing = await aws(['initiate-auth', '--auth-flow', 'USER_PASSWORD_AUTH', '--client-id', server.clientId, '--auth-parameters', params], null)
    expect(missing.code).toBe(254)
    expect(missing.stderr).toContain('NotAuthorizedException')
  })

  it('aws list-devices: the caller’s remembered devices, user attributes, timestamps as the CLI renders them', { timeout: TIMEOUT }, async () => {
    const ran = await aws(['list-devices', ...userArgs()])
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const expected = remembered(cliUser)
    expect(ran.json.Devices.map((d: any) => d.DeviceKey)).toEqual(expected.map((d) => d.key))
    expect(ran.json.PaginationToken).toBeUndefined()
    for (const [i, device] of ran.json.Devices.entries()) {
      const seeded = expected[i]!
      expect(device.DeviceAttributes.map((a: any) => a.Name)).toEqual(['device_status', 'device_name', 'last_ip_used'])
      expect(device.DeviceAttributes[1].Value).toBe(seeded.name)
      expect(device.DeviceCreateDate).toBe(cliTimestamp(seeded.createdAt))
      expect(device.DeviceLastModifiedDate).toBe(cliTimestamp(seeded.lastModifiedAt))
      expect(device.DeviceLastAuthenticatedDate).toBe(cliTimestamp(seeded.lastAuthenticatedAt))
      expect(device.DeviceLastAuthenticatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/) // whole seconds
    }
  })

  it('aws get-device, and `Device does not exist.` with exit code 254', { timeout: TIMEOUT }, async () => {
    const key = remembered(cliUser)[0]!.key
    const found = await aws(['get-device', ...userArgs(), '--device-key', key])
    expect(found.code).toBe(0)
    expect(found.json.Device.DeviceKey).toBe(key)

    const missing = await aws(['get-device', ...userArgs(), '--device-key', MISSING_KEY])
    expect(missing.code).toBe(254)
    expect(missing.stdout).toBe('')
    expect(missing.stderr.trim()).toBe('An error occurred (ResourceNotFoundException) when calling the GetDevice operation: Device does not exist.')
  })

  it('aws list-devices --limit 61 reaches the server (botocore checks no maximum); --limit -1 does not (it checks the minimum)', { timeout: TIMEOUT }, async () => {
    const high = await aws(['list-devices', ...userArgs(), '--limit', '61'])
    expect(high.code).toBe(254)
    expect(high.stderr.trim()).toBe(
      "An error occurred (InvalidParameterException) when calling the ListDevices operation: 1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    )
    const low = await aws(['list-devices', ...userArgs(), '--limit', '-1'])
    expect(low.code).toBe(252)
    expect(low.stderr).toContain('Invalid value for parameter Limit, value: -1, valid min value: 0')
  })

  it('aws with a garbage access token: NotAuthorizedException', { timeout: TIMEOUT }, async () => {
    const ran = await aws(['list-devices', '--access-token', 'not.a.token'])
    expect(ran.code).toBe(254)
    expect(ran.stderr.trim()).toBe('An error occurred (NotAuthorizedException) when calling the ListDevices operation: Invalid Access Token')
  })

  it('aws admin-list-devices pages with --limit / --pagination-token and shows admin attributes', { timeout: TIMEOUT }, async () => {
    const all = cliUser.devices.map((d) => d.key)
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const ran = await aws(['admin-list-devices', ...adminArgs(), '--limit', '2', ...(token ? ['--pagination-token', token] : [])])
      expect(ran.stderr).toBe('')
      expect(ran.code).toBe(0)
      seen.push(...ran.json.Devices.map((d: any) => d.DeviceKey))
      for (const device of ran.json.Devices) {
        expect(device.DeviceAttributes.map((a: any) => a.Name)).toEqual(ADMIN_ATTRIBUTES)
      }
      token = ran.json.PaginationToken
      pages++
    } while (token && pages < 10)
    expect(seen).toEqual(all) // not-remembered devices included
    expect(pages).toBe(Math.ceil(all.length / 2))
  })

  it('aws update-device-status, admin-get-device, forget-device, admin-forget-device change state as AWS does', { timeout: TIMEOUT }, async () => {
    const [k1, k2, k3] = remembered(cliUser).map((d) => d.key)
    const update = await aws(['update-device-status', ...userArgs(), '--device-key', k1!, '--device-remembered-status', 'not_remembered'])
    expect(update.code).toBe(0)
    expect(update.stdout.trim()).toBe('') // `{}` prints nothing

    const hidden = await aws(['get-device', ...userArgs(), '--device-key', k1!])
    expect(hidden.code).toBe(254)
    expect(hidden.stderr).toContain('(ResourceNotFoundException) when calling the GetDevice operation: Device does not exist.')

    const admin = await aws(['admin-get-device', ...adminArgs(), '--device-key', k1!])
    expect(admin.code).toBe(0)
    const attributes = Object.fromEntries(admin.json.Device.DeviceAttributes.map((a: any) => [a.Name, a.Value]))
    expect(attributes['dev:device_remembered_status']).toBe('not_remembered')
    expect(attributes['dev:device_owner']).toBe(`${cliUser.username}.${pool.id}`)
    // The status change moved LastModified to the mock's logical clock (just after its reference date).
    expect(admin.json.Device.DeviceLastModifiedDate.slice(0, 19)).toBe(served.summary.now.slice(0, 19))

    const forget = await aws(['forget-device', ...userArgs(), '--device-key', k2!])
    expect(forget.code).toBe(0)
    expect(forget.stdout).toBe('') // empty body
    const adminForget = await aws(['admin-forget-device', ...adminArgs(), '--device-key', k3!])
    expect(adminForget.code).toBe(0)
    expect(adminForget.stdout).toBe('')

    for (const key of [k2!, k3!]) {
      const gone = await aws(['admin-get-device', ...adminArgs(), '--device-key', key])
      expect(gone.code).toBe(254)
      expect(gone.stderr.trim()).toBe('An error occurred (ResourceNotFoundException) when calling the AdminGetDevice operation: Device does not exist.')
    }
    const list = await aws(['list-devices', ...userArgs()])
    expect(list.json.Devices.map((d: any) => d.DeviceKey)).toEqual(remembered(cliUser).slice(3).map((d) => d.key))
  })

  it('aws admin commands: unknown pool and unknown user', { timeout: TIMEOUT }, async () => {
    const pool404 = await aws(['admin-list-devices', '--user-pool-id', 'us-east-1_NoSuchPool', '--username', cliUser.username])
    expect(pool404.code).toBe(254)
    expect(pool404.stderr.trim()).toBe(
      'An error occurred (ResourceNotFoundException) when calling the AdminListDevices operation: User pool us-east-1_NoSuchPool does not exist.',
    )
    const user404 = await aws(['admin-get-device', '--user-pool-id', pool.id, '--username', 'nobody-here', '--device-key', MISSING_KEY])
    expect(user404.code).toBe(254)
    expect(user404.stderr).toMatch(/^\nAn error occurred \(\w+\) when calling the AdminGetDevice operation: /)
  })

  it('aws against --strict-credentials: the CLI’s SigV4 signature verifies; a wrong secret or unknown key is refused', { timeout: TIMEOUT }, async () => {
    requireTools()
    const strict = await serve(['--seed', '42', '--strict-credentials', 'AKIDSTRICT:s3cr3t/key+value'])
    try {
      const args = ['admin-list-devices', '--user-pool-id', pool.id, '--username', cliUser.username, '--endpoint-url', strict.summary.endpoint, '--region', pool.region]
      const ok = await run(AWS, ['cognito-idp', ...args], { env: awsEnv({ id: 'AKIDSTRICT', secret: 's3cr3t/key+value' }) })
      expect(ok.stderr).toBe('')
      expect(ok.code).toBe(0)
      expect(JSON.parse(ok.stdout).Devices.length).toBe(cliUser.devices.length)

      const wrongSecret = await run(AWS, ['cognito-idp', ...args], { env: awsEnv({ id: 'AKIDSTRICT', secret: 'wrong' }) })
      expect(wrongSecret.code).toBe(254)
      expect(wrongSecret.stderr).toContain('An error occurred (InvalidSignatureException) when calling the AdminListDevices operation: The request signature we calculated does not match')

      const unknownKey = await run(AWS, ['cognito-idp', ...args], { env: awsEnv(FAKE_KEY) })
      expect(unknownKey.code).toBe(254)
      expect(unknownKey.stderr.trim()).toBe(
        'An error occurred (UnrecognizedClientException) when calling the AdminListDevices operation: The security token included in the request is invalid.',
      )
    } finally {
      await strict.stop()
    }
  })

  it('boto3: results, ClientError codes and messages, pagination with Limit/PaginationToken', { timeout: TIMEOUT }, async () => {
    requireTools()
    const keys = remembered(pyUser).map((d) => d.key)
    const config = { endpoint: served.summary.endpoint, region: pool.region, poolId: pool.id, username: pyUser.username, accessToken: pyUser.accessToken, keys }
    const ran = await run(PYTHON, [join(root, 'test/python/boto3_client.py'), JSON.stringify(config)], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    })
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const out = JSON.parse(ran.stdout)
    const seeded = new Map(pyUser.devices.map((d) => [d.key, d]))

    // Listing: remembered devices only, in creation order; datetimes as boto3 parses them.
    expect(out.list.status).toBe(200)
    expect(out.list.ok.Devices.map((d: any) => d.DeviceKey)).toEqual(keys)
    for (const device of out.list.ok.Devices) {
      const s = seeded.get(device.DeviceKey)!
      expect(device.DeviceCreateDate).toBe(cliTimestamp(s.createdAt))
      expect(device.DeviceLastAuthenticatedDate).toBe(cliTimestamp(s.lastAuthenticatedAt))
    }
    expect(out.list.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/)

    // Pagination: Limit 2 pages through every remembered device; no token on the last page.
    const pages = out.pages.ok.pages as { keys: string[]; token?: string }[]
    expect(pages.flatMap((p) => p.keys)).toEqual(keys)
    expect(pages.map((p) => p.keys.length)).toEqual(keys.map((_, i) => i).filter((i) => i % 2 === 0).map((i) => Math.min(2, keys.length - i)))
    expect(pages.at(-1)!.token).toBeUndefined()
    expect(pages.slice(0, -1).every((p) => typeof p.token === 'string')).toBe(true)
    const adminPages = out.adminPages.ok.pages as { keys: string[] }[]
    expect(adminPages.flatMap((p) => p.keys)).toEqual(pyUser.devices.map((d) => d.key))

    expect(out.get.ok.Device.DeviceKey).toBe(keys[0])
    expect(out.get.ok.Device.DeviceAttributes.map((a: any) => a.Name)).toEqual(['device_status', 'device_name', 'last_ip_used'])
    expect(out.adminGet.ok.Device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' })

    // Errors as botocore reads them: ClientError subclasses named after the code, response['Error'].
    const error = (step: string) => out[step].error
    expect(error('getMissing')).toMatchObject({ class: 'ResourceNotFoundException', code: 'ResourceNotFoundException', message: 'Device does not exist.', status: 400 })
    expect(error('getMissing').errorTypeHeader).toBe('ResourceNotFoundException:')
    expect(error('getMissing').str).toBe('An error occurred (ResourceNotFoundException) when calling the GetDevice operation: Device does not exist.')
    expect(error('limit61')).toMatchObject({
      code: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      status: 400,
    })
    expect(out.limitMinus1.paramValidation).toContain('Invalid value for parameter Limit, value: -1, valid min value: 0')
    expect(error('badToken')).toMatchObject({ code: 'NotAuthorizedException', message: 'Invalid Access Token', status: 400 })
    expect(error('badPaginationToken').code).toBe('InvalidParameterException')
    expect(error('unknownPool')).toMatchObject({ code: 'ResourceNotFoundException', message: 'User pool us-east-1_NoSuchPool does not exist.' })

    // State changes.
    expect(out.updateNotRemembered).toMatchObject({ ok: {}, status: 200 })
    expect(error('getAfterUpdate')).toMatchObject({ code: 'ResourceNotFoundException', message: 'Device does not exist.' })
    expect(out.adminGetAfterUpdate.ok.Device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'not_remembered' })
    expect(out.adminUpdateRemembered).toMatchObject({ ok: {}, status: 200 })
    expect(out.getAfterAdminUpdate.ok.Device.DeviceKey).toBe(keys[0])
    expect(out.forget).toMatchObject({ ok: {}, status: 200 })
    expect(out.forget.headers['content-length']).toBe('0')
    expect(out.forget.headers['transfer-encoding']).toBeUndefined()
    expect(error('getAfterForget')).toMatchObject({ code: 'ResourceNotFoundException', message: 'Device does not exist.' })
    expect(out.adminForget).toMatchObject({ ok: {}, status: 200 })
    expect(error('adminGetAfterAdminForget')).toMatchObject({ code: 'ResourceNotFoundException', message: 'Device does not exist.' })
    expect(out.listAfter.ok.Devices.map((d: any) => d.DeviceKey)).toEqual([keys[0], ...keys.slice(3)])
  })
})
