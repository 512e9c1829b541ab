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

  it('an unknown or malformed UserPoolId leaves the region unchecked there, and the call meets its own error', async () => {
    const { cognito, input } = world(false)
    const other = await signed('AdminGetDevice', { ...input, UserPoolId: 'eu-west-1_Nobody123' }, { region: 'eu-west-1' })
    const answer = await send(cognito, other.headers, other.text)
    // Signed for the pool's own region, so the signature passes and the pool is unknown.
    expect(((await answer.json()) as { __type: string }).__type).toBe('ResourceNotFoundException')
  })
})
