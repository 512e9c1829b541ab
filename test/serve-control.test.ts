import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { WorldOptions } from '../src/index.ts'
import { startLocalEndpoint, type LocalEndpoint } from '../src/node.ts'

/**
 * The control API of the local endpoint (`/_cognito-device-mock/…`, src/adapters/serve-control.ts), over real
 * HTTP on port 0: scenarios, reset, the request log and the outbox; its 404s and 405s; the Host/Origin guard in
 * front of it; and, when /usr/bin/python3 is there, a Python test driving it with urllib next to a boto3 client.
 */

const PYTHON = process.env.COGNITO_MOCK_PYTHON ?? '/usr/bin/python3'
const skipPython = process.env.COGNITO_MOCK_SKIP_PYTHON === '1' || !existsSync(PYTHON)
const TARGET = 'AWSCognitoIdentityProviderService.'

const world: WorldOptions = {
  pools: [
    {
      mfa: { mode: 'on', factors: ['sms', 'email'], userFactors: ['sms'] },
      users: [
        { username: 'Olga.Jensen9', password: 'Secret-123!', phoneNumber: '+15555550123' },
        { username: 'ada', password: 'Secret-123!', mfa: ['email'], email: 'ada@example.com' },
      ],
    },
  ],
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any
}

/** One request with node:http, so that Host and Origin are what the test says. */
function call(port: number, method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: options.headers ?? {} }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = text
        }
        resolve({ status: res.statusCode!, headers: res.headers, json })
      })
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const cognitoCall = (port: number, operation: string, input: object) =>
  call(port, 'POST', '/', { body: JSON.stringify(input), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + operation } })

describe('the control API of the local endpoint', () => {
  let endpoint: LocalEndpoint
  let port: number
  let clientId: string
  const control = (method: string, name: string, body?: string, headers?: Record<string, string>) =>
    call(port, method, `/_cognito-device-mock/${name}`, { ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) })

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ port: 0, seed: 4, world })
    port = endpoint.port
    clientId = endpoint.cognito.pools.list()[0]!.clients[0]!.clientId
  })
  afterAll(() => endpoint?.close())
  beforeEach(() => endpoint.cognito.reset())

  it('GET requests: the Cognito calls, never the control calls themselves', async () => {
    await cognitoCall(port, 'ListDevices', { AccessToken: 'not.a.token' })
    await control('GET', 'outbox')
    const answer = await control('GET', 'requests')
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.json.requests.map((r: { operation: string; errorType?: string }) => [r.operation, r.errorType])).toEqual([['ListDevices', 'NotAuthorizedException']])
    expect((await control('DELETE', 'requests')).json).toEqual({ ok: true })
    expect((await control('GET', 'requests')).json).toEqual({ requests: [] })
  })

  it('POST scenario: a preset name, a JSON string, names with commas, or rules as JSON; DELETE scenario goes back', async () => {
    const errorOf = async () => (await cognitoCall(port, 'ListDevices', { AccessToken: 'not.a.token' })).json.__type as string
    expect(await errorOf()).toBe('NotAuthorizedException')
    for (const [body, error] of [
      ['throttled', 'TooManyRequestsException'],
      ['"internal-error"', 'InternalErrorException'],
      ['happy-path,throttled', 'TooManyRequestsException'],
      ['[{"operations":"ListDevices","answer":{"error":"ForbiddenException"}}]', 'ForbiddenException'],
    ]) {
      const used = await control('POST', 'scenario', body)
      expect(used.status, body).toBe(200)
      expect(used.json.ok).toBe(true)
      expect(await errorOf(), body).toBe(error)
      expect((await control('DELETE', 'scenario')).json).toEqual({ ok: true })
      expect(await errorOf()).toBe('NotAuthorizedException')
    }
  })

  it('POST scenario refuses what it cannot use with a 400 naming why', async () => {
    for (const [body, message] of [
      ['nope', 'no scenario named "nope"'],
      ['[{', 'neither preset names nor valid JSON'],
      ['', 'must name a preset'],
      ['"unterminated', 'not a JSON string'],
    ]) {
      const answer = await control('POST', 'scenario', body)
      expect(answer.status, body).toBe(400)
      expect(answer.json.error).toMatch(/^\[cognito-device-mock\] /)
      expect(answer.json.error).toContain(message)
    }
    expect(endpoint.cognito.scenarios.active()).toEqual([])
  })

  it('POST reset: back to the seeded world, with an empty request log', async () => {
    const pool = endpoint.cognito.pools.list()[0]!
    endpoint.cognito.users.update(pool.id, 'ada', { enabled: false })
    await cognitoCall(port, 'ListDevices', {})
    expect((await control('POST', 'reset')).json).toEqual({ ok: true })
    expect(endpoint.cognito.users.get(pool.id, 'ada')!.enabled).toBe(true)
    expect((await control('GET', 'requests')).json.requests).toEqual([])
  })

  it('POST clock: advances or sets the mock clock, so tokens expire as they would; GET clock reads it', async () => {
    const pool = endpoint.cognito.pools.list()[0]!
    const token = await endpoint.cognito.tokens.issue(pool.id, 'ada')
    const before = (await control('GET', 'clock')).json
    expect(before.now).toBe(endpoint.cognito.clock.now())
    expect(new Date(before.date).getTime()).toBe(before.now)
    expect((await cognitoCall(port, 'GetUser', { AccessToken: token })).status).toBe(200)

    const advanced = await control('POST', 'clock', '{"advance":"2h"}', { 'content-type': 'application/json' })
    expect(advanced.status).toBe(200)
    // Each answered call moves the logical clock 1 ms: two hours, give or take those.
    expect(advanced.json.now - before.now).toBeGreaterThanOrEqual(2 * 3600_000)
    expect(advanced.json.now - before.now).toBeLessThan(2 * 3600_000 + 100)
    const expired = await cognitoCall(port, 'GetUser', { AccessToken: token })
    expect([expired.status, expired.json.message]).toEqual([400, 'Access Token has expired'])

    const set = await control('POST', 'clock', JSON.stringify({ set: '2030-01-01T00:00:00Z' }))
    expect(set.json).toEqual({ now: Date.parse('2030-01-01T00:00:00Z'), date: '2030-01-01T00:00:00.000Z' })

    for (const [body, message] of [
      ['{}', 'give one of'],
      ['{"advance":"1d","set":0}', 'give one of'],
      ['{"advance":"soon"}', 'soon'],
      ['[1]', 'must be a JSON object'],
      ['1d', 'not JSON'],
    ]) {
      const refused = await control('POST', 'clock', body)
      expect(refused.status, body).toBe(400)
      expect(refused.json.error, body).toMatch(/^\[cognito-device-mock\] /)
      expect(refused.json.error, body).toContain(message)
    }
  })

  it('GET outbox: the codes sent, filtered by username and medium; DELETE outbox empties it', async () => {
    for (const username of ['Olga.Jensen9', 'ada']) {
      const answer = await cognitoCall(port, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Secret-123!' } })
      expect(answer.json.ChallengeName).toMatch(/SMS_MFA|EMAIL_OTP/)
    }
    const all = (await control('GET', 'outbox')).json.messages
    expect(all.map((m: { username: string; medium: string }) => [m.username, m.medium])).toEqual([['Olga.Jensen9', 'SMS'], ['ada', 'EMAIL']])
    expect((await control('GET', 'outbox?username=ADA')).json.messages).toEqual([all[1]])
    expect((await control('GET', 'outbox?medium=sms')).json.messages).toEqual([all[0]])
    expect((await control('GET', 'outbox?medium=pigeon')).status).toBe(400)
    // A sign-up code beside the MFA codes: `purpose` picks it out.
    const signUp = await cognitoCall(port, 'SignUp', { ClientId: clientId, Username: 'newcomer', Password: 'Newcomer-Pass-1', UserAttributes: [{ Name: 'email', Value: 'newcomer@example.com' }] })
    expect(signUp.json.UserConfirmed).toBe(false)
    const signUpCodes = (await control('GET', 'outbox?purpose=sign-up')).json.messages
    expect(signUpCodes.map((m: { username: string; purpose: string; destination: string }) => [m.username, m.purpose, m.destination])).toEqual([['newcomer', 'sign-up', 'newcomer@example.com']])
    expect((await control('GET', 'outbox?purpose=mfa')).json.messages).toEqual(all)
    const badPurpose = await control('GET', 'outbox?purpose=spam')
    expect([badPurpose.status, badPurpose.json.error]).toEqual([400, '[cognito-device-mock] purpose must be one of mfa, sign-up, forgot-password, verify-attribute, invitation, got "spam".'])
    expect((await control('DELETE', 'outbox')).json).toEqual({ ok: true })
    expect((await control('GET', 'outbox')).json.messages).toEqual([])
  })

  it('answers 404 for an unknown control path and 405 with Allow for a wrong method, as JSON', async () => {
    const unknown = await control('GET', 'nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.json.error).toContain('no control path /_cognito-device-mock/nothing-here; known: /_cognito-device-mock/requests,')
    const wrong = await control('GET', 'reset')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.allow).toBe('POST')
    expect(wrong.json.error).toBe('[cognito-device-mock] GET is not allowed on /_cognito-device-mock/reset; allowed: POST.')
    expect((await control('PUT', 'scenario', 'throttled')).headers.allow).toBe('POST, DELETE')
    expect((await control('GET', 'requests')).json.requests).toEqual([])
  })

  it('passes through the Host and Origin guard: a foreign Host or page gets a 403 and changes nothing', async () => {
    const host = await control('POST', 'scenario', 'throttled', { host: 'evil.example' })
    expect(host.status).toBe(403)
    const origin = await control('POST', 'scenario', 'throttled', { origin: 'https://evil.example' })
    expect(origin.status).toBe(403)
    expect(endpoint.cognito.scenarios.active()).toEqual([])
    const local = await control('GET', 'requests', undefined, { origin: 'http://localhost:5173' })
    expect(local.status).toBe(200)
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173')
  })

  it('answers a local page\'s CORS preflight with the path\'s methods, and refuses a foreign page\'s', async () => {
    const ask = { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
    const preflight = await control('OPTIONS', 'clock', undefined, ask)
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST')
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type')
    expect(preflight.headers.vary).toContain('Origin')
    expect((await control('OPTIONS', 'scenario', undefined, { ...ask, origin: 'https://evil.example' })).status).toBe(403)
    expect((await control('OPTIONS', 'nowhere', undefined, ask)).status).toBe(404)
  })
})

describe.skipIf(skipPython)('the control API from Python (urllib), next to boto3', () => {
  let endpoint: LocalEndpoint
  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ port: 0, seed: 42 })
  })
  afterAll(() => endpoint?.close())

  it('uses a scenario, sees boto3 get its error, reads the request log, resets', { timeout: 60_000 }, async () => {
    const script = `
import json, sys, urllib.request, boto3, botocore.exceptions
url = sys.argv[1]
def control(method, name, body=None):
    req = urllib.request.Request(url + "/_cognito-device-mock/" + name, data=body.encode() if body is not None else None, method=method)
    with urllib.request.urlopen(req) as res:
        return json.load(res)
cognito = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", config=botocore.config.Config(retries={"max_attempts": 1}))
out = {"used": control("POST", "scenario", "throttled")}
try:
    cognito.list_devices(AccessToken="not.a.token")
except botocore.exceptions.ClientError as error:
    out["error"] = error.response["Error"]["Code"]
out["log"] = [[r["operation"], r.get("errorType"), r["answeredBy"]] for r in control("GET", "requests")["requests"]]
out["reset"] = control("DELETE", "scenario")
print(json.dumps(out))
`
    const { stdout } = await promisify(execFile)(PYTHON, ['-c', script, endpoint.url], { timeout: 50_000 })
    const out = JSON.parse(stdout)
    expect(out.used).toEqual({ ok: true, used: 1 })
    expect(out.error).toBe('TooManyRequestsException')
    expect(out.log).toEqual([['ListDevices', 'TooManyRequestsException', 'throttled']])
    expect(out.reset).toEqual({ ok: true })
    expect(endpoint.cognito.scenarios.active()).toEqual([])
  })
})
