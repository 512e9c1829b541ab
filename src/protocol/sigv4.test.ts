import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkSigV4, SIGNATURE_MISMATCH_MESSAGE, type AwsCredentials, type SigV4Request } from './sigv4.ts'

const SERVICE = 'cognito-idp'
const REGION = 'us-east-1'
const HOST = `cognito-idp.${REGION}.amazonaws.com`
const SIGNING_DATE = new Date('2025-05-07T00:09:40Z')
const ALICE: AwsCredentials = { accessKeyId: 'AKIDALICE0000000000', secretAccessKey: 'alice/secret+key' }
const BOB: AwsCredentials = { accessKeyId: 'AKIDBOB000000000000', secretAccessKey: 'bob-secret' }
const KEYS = [ALICE, BOB]
const BODY = JSON.stringify({ UserPoolId: 'us-east-1_abc123', Username: 'alice', DeviceKey: 'us-east-1_0f0e' })

interface SignOptions {
  body?: string
  region?: string
  service?: string
  credentials?: AwsCredentials & { sessionToken?: string }
  protocol?: string
  hostname?: string
  port?: number
  applyChecksum?: boolean
}

/** Signs like the SDK does and hands back what a server (MSW) would see. */
async function signed(options: SignOptions = {}): Promise<SigV4Request> {
  const region = options.region ?? REGION
  const hostname = options.hostname ?? HOST
  const host = options.port === undefined ? hostname : `${hostname}:${options.port}`
  const body = options.body ?? BODY
  const signer = new SignatureV4({
    service: options.service ?? SERVICE,
    region,
    credentials: options.credentials ?? ALICE,
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? false,
  })
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: options.protocol ?? 'https:',
      hostname,
      ...(options.port === undefined ? {} : { port: options.port }),
      path: '/',
      query: {},
      headers: {
        host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminGetDevice',
      },
      body,
    },
    { signingDate: SIGNING_DATE },
  )
  return {
    method: request.method,
    url: `${request.protocol}//${host}${request.path}`,
    headers: new Headers(request.headers),
    body,
  }
}

function withHeader(request: SigV4Request, name: string, value: string | null): SigV4Request {
  const headers = new Headers(request.headers as Headers)
  if (value === null) headers.delete(name)
  else headers.set(name, value)
  return { ...request, headers }
}

const strict = { service: SERVICE, expectedRegion: REGION, credentials: KEYS }
const lenient = { service: SERVICE, expectedRegion: REGION }
const mismatch = { ok: false, failure: { type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH_MESSAGE } }

describe('checkSigV4, strict mode', () => {
  it('accepts a request signed by the SDK signer with a known key', async () => {
    expect(await checkSigV4(await signed(), strict)).toEqual({ ok: true, accessKeyId: ALICE.accessKeyId, region: REGION })
    expect(await checkSigV4(await signed({ credentials: BOB }), strict)).toEqual({
      ok: true,
      accessKeyId: BOB.accessKeyId,
      region: REGION,
    })
  })

  it('accepts a request that carries x-amz-content-sha256 of its body', async () => {
    const request = await signed({ applyChecksum: true })
    expect(request.headers.get('x-amz-content-sha256')).toMatch(/^[0-9a-f]{64}$/)
    expect((await checkSigV4(request, strict)).ok).toBe(true)
  })

  it('accepts a request signed with a session token', async () => {
    const request = await signed({ credentials: { ...ALICE, sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDA' } })
    expect(request.headers.get('x-amz-security-token')).toBe('FwoGZXIvYXdzEJr//////////wEaDA')
    expect(request.headers.get('authorization')).toContain('x-amz-security-token')
    expect(await checkSigV4(request, strict)).toEqual({ ok: true, accessKeyId: ALICE.accessKeyId, region: REGION })
  })

  it('rebuilds Host from the URL when the interceptor dropped it (browsers never expose it)', async () => {
    const request = withHeader(await signed(), 'host', null)
    expect((await checkSigV4(request, strict)).ok).toBe(true)
  })

  it('refuses a body changed after signing', async () => {
    const request = await signed()
    const tampered = { ...request, body: request.body.replace('alice', 'mallory') }
    expect(await checkSigV4(tampered, strict)).toEqual(mismatch)
  })

  it('refuses a swapped body even when x-amz-content-sha256 still names the signed one', async () => {
    const request = await signed({ applyChecksum: true })
    expect(await checkSigV4({ ...request, body: '{}' }, strict)).toEqual(mismatch)
  })

  it('refuses a signed header changed after signing', async () => {
    const request = withHeader(await signed(), 'x-amz-target', 'AWSCognitoIdentityProviderService.AdminForgetDevice')
    expect(await checkSigV4(request, strict)).toEqual(mismatch)
  })

  it('refuses a signature made with the wrong secret', async () => {
    const request = await signed({ credentials: { accessKeyId: ALICE.accessKeyId, secretAccessKey: 'not-alice' } })
    expect(await checkSigV4(request, strict)).toEqual(mismatch)
  })

  it('refuses an unknown access key id before looking at the signature', async () => {
    const request = await signed({ credentials: { accessKeyId: 'AKIDMALLORY00000000', secretAccessKey: 'x' } })
    expect(await checkSigV4(request, strict)).toEqual({
      ok: false,
      failure: {
        type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      },
    })
  })

  it('with an empty key list, knows nobody', async () => {
    expect(await checkSigV4(await signed(), { ...strict, credentials: [] })).toMatchObject({
      ok: false,
      failure: { type: 'UnrecognizedClientException' },
    })
  })
})

describe('checkSigV4, checks made in both modes', () => {
  for (const [mode, options] of [
    ['strict', strict],
    ['lenient', lenient],
  ] as const) {
    describe(mode, () => {
      it('refuses a request without an Authorization header', async () => {
        const request = withHeader(await signed(), 'authorization', null)
        expect(await checkSigV4(request, options)).toEqual({
          ok: false,
          failure: { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
        })
      })

      it('refuses a credential scoped to another service', async () => {
        expect(await checkSigV4(await signed({ service: 'cognito-identity' }), options)).toEqual({
          ok: false,
          failure: {
            type: 'InvalidSignatureException',
            message: "Credential should be scoped to correct service: 'cognito-idp'. ",
          },
        })
      })

      it('refuses a credential scoped to another region than the endpoint', async () => {
        expect(await checkSigV4(await signed({ region: 'eu-west-1' }), options)).toEqual({
          ok: false,
          failure: { type: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region. ' },
        })
      })

      it('reports a wrong region and a wrong service together, region first', async () => {
        expect(await checkSigV4(await signed({ region: 'eu-west-1', service: 'sts' }), options)).toEqual({
          ok: false,
          failure: {
            type: 'InvalidSignatureException',
            message:
              "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'cognito-idp'. ",
          },
        })
      })
    })
  }
})

describe('checkSigV4, malformed Authorization headers', () => {
  const date = '20250507T000940Z'
  const base = async (authorization: string, headers: Record<string, string | null> = {}) => {
    let request = withHeader(await signed(), 'authorization', authorization)
    for (const [name, value] of Object.entries(headers)) request = withHeader(request, name, value)
    return checkSigV4(request, lenient)
  }

  it('lists every missing parameter, then the header itself', async () => {
    expect(await base('AWS4-HMAC-SHA256')).toEqual({
      ok: false,
      failure: {
        type: 'IncompleteSignatureException',
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
      },
    })
  })

  it('asks for a date header too when there is none', async () => {
    const header = 'AWS4-HMAC-SHA256 Signature=abc'
    expect(await base(header, { 'x-amz-date': null })).toEqual({
      ok: false,
      failure: {
        type: 'IncompleteSignatureException',
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' parameter. " +
          `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`,
      },
    })
  })

  it('refuses a parameter without an equals sign, as API Gateway does for a bearer token', async () => {
    expect(await base('Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig')).toEqual({
      ok: false,
      failure: {
        type: 'IncompleteSignatureException',
        message:
          "'eyJhbGciOiJIUzI1NiJ9.e30.sig' not a valid key=value pair (missing equal-sign) in Authorization header: " +
          "'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig'.",
      },
    })
  })

  it('refuses a date that is not ISO-8601 basic format', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKID/20250507/${REGION}/${SERVICE}/aws4_request, SignedHeaders=host;x-amz-target, Signature=ab`
    expect(await base(header, { 'x-amz-date': '2025-05-07T00:09:40Z' })).toEqual({
      ok: false,
      failure: {
        type: 'IncompleteSignatureException',
        message: "Date must be in ISO-8601 'basic format'. Got '2025-05-07T00:09:40Z'. See http://en.wikipedia.org/wiki/ISO_8601",
      },
    })
  })

  it('requires Host to be signed', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKID/20250507/${REGION}/${SERVICE}/aws4_request, SignedHeaders=x-amz-date, Signature=ab`
    expect(await base(header)).toEqual({
      ok: false,
      failure: {
        type: 'InvalidSignatureException',
        message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      },
    })
  })

  it('requires X-Amz-Target to be signed when it is sent: a signature must not be replayable for another operation', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKID/20250507/${REGION}/${SERVICE}/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab`
    expect(await base(header)).toEqual({
      ok: false,
      failure: { type: 'InvalidSignatureException', message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." },
    })
  })

  it('refuses another algorithm', async () => {
    const header = `AWS4-HMAC-SHA512 Credential=AKID/20250507/${REGION}/${SERVICE}/aws4_request, SignedHeaders=host;x-amz-target, Signature=ab`
    expect(await base(header)).toEqual({
      ok: false,
      failure: {
        type: 'IncompleteSignatureException',
        message: "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
      },
    })
  })

  it('refuses a credential that is not five slash-separated elements', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKID/20250507/${REGION}/${SERVICE}, SignedHeaders=host;x-amz-target, Signature=ab`
    expect(await base(header)).toEqual({
      ok: false,
      failure: {
        type: 'IncompleteSignatureException',
        message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20250507/${REGION}/${SERVICE}'`,
      },
    })
  })

  it('ignores trailing slashes in the credential, as AWS does', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKID/20250507/${REGION}/${SERVICE}/aws4_request//, SignedHeaders=host;x-amz-target, Signature=ab`
    expect(await base(header, { 'x-amz-date': date })).toEqual({ ok: true, accessKeyId: 'AKID', region: REGION })
  })

  it('checks the terminator and the scope date against X-Amz-Date', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKID/20250506/${REGION}/${SERVICE}/aws5_request, SignedHeaders=host;x-amz-target, Signature=ab`
    expect(await base(header, { 'x-amz-date': date })).toEqual({
      ok: false,
      failure: {
        type: 'InvalidSignatureException',
        message:
          "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
          `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20250506' != '20250507', from '${date}'.`,
      },
    })
  })
})

describe('checkSigV4, lenient mode', () => {
  it('accepts any signature, any key id, as long as the scope is right', async () => {
    const request = await signed({ credentials: { accessKeyId: 'AKIDANYONE', secretAccessKey: 'whatever' } })
    expect(await checkSigV4(request, lenient)).toEqual({ ok: true, accessKeyId: 'AKIDANYONE', region: REGION })
    const forged = withHeader(
      request,
      'authorization',
      request.headers.get('authorization')!.replace(/Signature=[0-9a-f]+/, `Signature=${'0'.repeat(64)}`),
    )
    expect(await checkSigV4(forged, lenient)).toEqual({ ok: true, accessKeyId: 'AKIDANYONE', region: REGION })
    expect(await checkSigV4({ ...request, body: 'tampered' }, lenient)).toMatchObject({ ok: true })
  })
})

describe('checkSigV4, custom endpoints', () => {
  it('accepts any region when the endpoint names none, and reports it', async () => {
    for (const region of ['us-east-1', 'eu-central-1', 'local']) {
      const request = await signed({ protocol: 'http:', hostname: '127.0.0.1', port: 4566, region })
      expect(request.url).toBe('http://127.0.0.1:4566/')
      expect(await checkSigV4(request, { service: SERVICE, credentials: KEYS })).toEqual({
        ok: true,
        accessKeyId: ALICE.accessKeyId,
        region,
      })
      expect(await checkSigV4(request, { service: SERVICE })).toEqual({ ok: true, accessKeyId: ALICE.accessKeyId, region })
    }
  })

  it('still verifies the signature, port included in Host', async () => {
    const request = await signed({ protocol: 'http:', hostname: '127.0.0.1', port: 4566 })
    expect((await checkSigV4(withHeader(request, 'host', null), { service: SERVICE, credentials: KEYS })).ok).toBe(true)
    expect(await checkSigV4(withHeader(request, 'host', '127.0.0.1:4567'), { service: SERVICE, credentials: KEYS })).toEqual(
      mismatch,
    )
  })
})

describe('checkSigV4, properties', () => {
  it('verifies every body it signed, and no body with one byte changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, position, delta) => {
          const request = await signed({ body })
          expect(await checkSigV4(request, strict)).toEqual({ ok: true, accessKeyId: ALICE.accessKeyId, region: REGION })

          const bytes = new TextEncoder().encode(body.length === 0 ? ' ' : body)
          const index = position % bytes.length
          bytes[index] = (bytes[index]! + delta) % 256
          const tampered = new TextDecoder().decode(bytes)
          fc.pre(tampered !== body)
          expect(await checkSigV4({ ...request, body: tampered }, strict)).toEqual(mismatch)
        },
      ),
      { numRuns: 150 },
    )
  })
})
