import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { describe, expect, it } from 'vitest'
import { createCognitoMock, type CognitoMock } from '../src/index.ts'
import { credentials, jsonHeaders } from './support.ts'

/**
 * Issue 13's refusals of signatures that prove less than they seem to (point 3, "strict credentials" and
 * "signing region"): a signature must cover X-Amz-Target, so it cannot be replayed for another operation, and on an
 * endpoint that names no region (the local endpoint, `endpoints: [...]`) the signing region must be the pool's.
 */

const LOCAL = 'http://127.0.0.1:4566/'

async function signed(
  operation: string,
  body: object,
  options: { region?: string; unsigned?: string[]; url?: string } = {},
): Promise<{ headers: Record<string, string>; text: string }> {
  const url = new URL(options.url ?? LOCAL)
  const text = JSON.stringify(body)
  const signer = new SignatureV4({ service: 'cognito-idp', region: options.region ?? 'us-east-1', credentials, sha256: Sha256 })
  const request = await signer.sign(
    { method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port) || undefined, path: url.pathname, headers: { ...jsonHeaders(operation), host: url.host }, body: text } as never,
    options.unsigned ? { unsignableHeaders: new Set(options.unsigned) } : {},
  )
  const headers = { ...(request as unknown as { headers: Record<string, string> }).headers }
  delete headers.host
  return { headers, text }
}

const send = (cognito: CognitoMock, headers: Record<string, string>, text: string, url = LOCAL) =>
  cognito.handle(new Request(url, { method: 'POST', headers, body: text }))

function world(strict: boolean) {
  const cognito = createCognitoMock({
    seed: 13,
    endpoints: [LOCAL],
    region: 'us-east-1',
    world: { pools: 1, usersPerPool: 1, devicesPerUser: 2 },
    ...(strict ? { credentials: [credentials] } : {}),
  })
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id)[0]!
  const device = cognito.devices.list(pool.id, user.username)[0]!
  return { cognito, input: { UserPoolId: pool.id, Username: user.username, DeviceKey: device.key }, pool, user, device }
}

describe('a signature must cover X-Amz-Target', () => {
  for (const strict of [false, true]) {
    it(`${strict ? 'strict' : 'lenient'}: a signature leaving X-Amz-Target out is refused, and the device stays`, async () => {
      const { cognito, input, pool, user, device } = world(strict)
      const { headers, text } = await signed('AdminForgetDevice', input, { unsigned: ['x-amz-target'] })
      expect(headers.authorization).not.toMatch(/x-amz-target/)
      const answer = await send(cognito, headers, text)
      expect(answer.status).toBe(400)
      expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException:')
      expect(await answer.json()).toEqual({ __type: 'InvalidSignatureException', message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." })
      expect(cognito.devices.get(pool.id, user.username, device.key)).toBeDefined()
    })
  }

  it('strict: a signature made for AdminGetDevice and sent as AdminForgetDevice is a mismatch, and the device stays', async () => {
    const { cognito, input, pool, user, device } = world(true)
    const { headers, text } = await signed('AdminGetDevice', input)
    const swapped = { ...headers, 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminForgetDevice' }
    const answer = await send(cognito, swapped, text)
    expect(answer.status).toBe(400)
    expect(((await answer.json()) as { __type: string }).__type).toBe('InvalidSignatureException')
    expect(cognito.devices.get(pool.id, user.username, device.key)).toBeDefined()
    // The same signature for its own operation is accepted.
    const own = await send(cognito, headers, text)
    expect(await own.text()).toMatch(/"Device"/)
  })
})

describe('the signing region is the pool\'s where the endpoint names none', () => {
  for (const strict of [false, true]) {
    it(`${strict ? 'strict' : 'lenient'}: eu-west-1 on a us-east-1 pool is refused; us-east-1 passes`, async () => {
      const { cognito, input } = world(strict)
      const wrong = await signed('AdminGetDevice', input, { region: 'eu-west-1' })
      const answer = await send(cognito, wrong.headers, wrong.text)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toEqual({ __type: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region. ' })
      const right = await signed('AdminGetDevice', input, { region: 'us-east-1' })
      expect((await send(cognito, right.headers, right.text)).status).toBe(200)
    })
  }

  it('a pool of any partition\'s region: eusc-de-east-1 (the European Sovereign Cloud) is checked too', async () => {
    const { cognito, input } = world(false)
    const sovereign = { ...input, UserPoolId: 'eusc-de-east-1_Nobody123' }
    const wrong = await signed('AdminGetDevice', sovereign, { region: 'us-east-1' })
    expect(await (await send(cognito, wrong.headers, wrong.text)).json()).toEqual({ __type: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region. ' })
    const right = await signed('AdminGetDevice', sovereign, { region: 'eusc-de-east-1' })
    expect(((await (await send(cognito, right.headers, right.text)).json()) as { __type: string }).__type).toBe('ResourceNotFoundException')
  })

  it('an unknown or malformed UserPoolId leaves the region unchecked there, and the call meets its own error', async () => {
    const { cognito, input } = world(false)
    const other = await signed('AdminGetDevice', { ...input, UserPoolId: 'eu-west-1_Nobody123' }, { region: 'eu-west-1' })
    const answer = await send(cognito, other.headers, other.text)
    // Signed for the pool's own region, so the signature passes and the pool is unknown.
    expect(((await answer.json()) as { __type: string }).__type).toBe('ResourceNotFoundException')
  })
})

describe('the signing date\'s 15-minute window (checkSignatureDate, on in serve)', () => {
  const signedAt = async (cognito: CognitoMock, input: object, at: Date) => {
    const url = new URL(LOCAL)
    const text = JSON.stringify(input)
    const signer = new SignatureV4({ service: 'cognito-idp', region: 'us-east-1', credentials, sha256: Sha256 })
    const request = await signer.sign(
      { method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/', headers: { ...jsonHeaders('AdminGetDevice'), host: url.host }, body: text } as never,
      { signingDate: at },
    )
    const headers = { ...(request as unknown as { headers: Record<string, string> }).headers }
    delete headers.host
    return send(cognito, headers, text)
  }
  const basic = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '')

  function dated(check: boolean) {
    const cognito = createCognitoMock({ seed: 13, endpoints: [LOCAL], region: 'us-east-1', now: '2026-01-15T09:00:00Z', world: { pools: 1, usersPerPool: 1, devicesPerUser: 1 }, checkSignatureDate: check })
    const pool = cognito.pools.list()[0]!
    const user = cognito.users.list(pool.id)[0]!
    return { cognito, input: { UserPoolId: pool.id, Username: user.username, DeviceKey: cognito.devices.list(pool.id, user.username)[0]!.key } }
  }

  it('a date 20 minutes old is refused as AWS words it; within 15 minutes of the wall clock or of the mock\'s clock it passes', async () => {
    const { cognito, input } = dated(true)
    const old = new Date(Date.now() - 20 * 60_000)
    const refused = await signedAt(cognito, input, old)
    expect(refused.status).toBe(400)
    const body = (await refused.json()) as { __type: string; message: string }
    expect(body.__type).toBe('InvalidSignatureException')
    expect(body.message).toMatch(new RegExp(`^Signature expired: ${basic(old.getTime())} is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)$`))
    expect((await signedAt(cognito, input, new Date(Date.now() - 10 * 60_000))).status).toBe(200)
    // A JS v3 or Go v2 client adopts the server's Date header and signs with the mock's time: accepted too.
    expect((await signedAt(cognito, input, new Date(cognito.clock.now() + 5 * 60_000))).status).toBe(200)
  })

  it('a date 20 minutes ahead is "not yet current"', async () => {
    const { cognito, input } = dated(true)
    const ahead = await signedAt(cognito, input, new Date(Date.now() + 20 * 60_000))
    expect(((await ahead.json()) as { message: string }).message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/)
  })

  it('off by default: tests sign at any date', async () => {
    const { cognito, input } = dated(false)
    expect((await signedAt(cognito, input, new Date('2020-01-01T00:00:00Z'))).status).toBe(200)
  })
})
