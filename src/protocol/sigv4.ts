/**
 * SigV4 checks for the admin device operations (AdminGetDevice, AdminListDevices, ...), which AWS only
 * serves to IAM-signed callers. User operations are unsigned and never reach this module.
 *
 * The checks run in the order AWS's front end (Coral, shared by every AWS JSON service) reports them,
 * so that a request wrong in several ways gets the same first complaint it would get from AWS:
 *
 *  1. no `Authorization` header                  MissingAuthenticationTokenException
 *  2. a parameter without `=`                    IncompleteSignatureException
 *  3. missing Credential/Signature/SignedHeaders, or no X-Amz-Date/Date header     (same)
 *  4. a date not in ISO-8601 basic format        (same)
 *  5. `host` not among the signed headers        InvalidSignatureException
 *     `x-amz-target` sent but not signed         (same; the mock's own rule, see below)
 *  6. an algorithm other than AWS4-HMAC-SHA256   IncompleteSignatureException
 *  7. a credential without 5 `/` elements        (same)
 *  8. scope: region, service, terminator, date   InvalidSignatureException (all failures in one message)
 *  9. strict mode only: unknown access key id    UnrecognizedClientException
 * 10. strict mode only: signature mismatch       InvalidSignatureException
 *
 * Where the wording comes from. No capture of cognito-idp itself refusing a signature was found, so every
 * message below is that of another Coral service; they share the front end, hence the same text. Per message:
 *
 * - Confirmed on a Coral service in 2026 (probes of DynamoDB and STS that projects run against AWS itself):
 *   `Credential should be scoped to a valid region. ` and
 *   `Credential should be scoped to correct service: '<service>'. ` (each with its trailing space, region
 *   first when both fail), `The security token included in the request is invalid.` (UnrecognizedClient),
 *   and `The request signature we calculated does not match the signature you provided. Check your AWS
 *   Secret Access Key and signing method. Consult the service documentation for details.` (without the
 *   canonical-request dump AWS appended around 2013). A DynamoDB probe of 2026 also shows AWS hashing the
 *   body it received rather than trusting `x-amz-content-sha256`, which this module copies.
 * - Confirmed on AWS front ends, wording only: the `Authorization header requires '...' parameter.` family
 *   and its `Authorization=<header>` suffix (API Gateway captures; kinesalite and dynalite reproduce it for
 *   Kinesis and DynamoDB), and `'<x>' not a valid key=value pair (missing equal-sign) in Authorization
 *   header: '<header>'.` (API Gateway and STS captures; STS shows parameters split at spaces too).
 * - From DynamoDB captures of 2013 kept in dynalite's source, so possibly dated: the check order above,
 *   `Date must be in ISO-8601 'basic format'. ...`, `Unsupported AWS 'algorithm': ...`, `Credential must have
 *   exactly 5 slash-delimited elements, ...`, the terminator and scope-date messages.
 * - `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`: seen in a developer's log
 *   of an unnamed AWS service and in scratchstack-aws-signature; DynamoDB said `'Host' must be ...` in 2013.
 * - Inferred: the error types (`__type`) for cognito-idp, and that an empty Authorization header counts as
 *   missing. `'X-Amz-Target' must be a 'SignedHeader' ...` is the mock's rule and wording, after the Host one:
 *   AWS's docs require every `x-amz-*` header sent to be signed, every SDK signs X-Amz-Target, and without it a
 *   signature made for one operation would be accepted for another. The region message once named the region (`..., not 'us-west-1'.`, up to ~2022); the 2026
 *   probes do not, and neither does this module, whatever the scoped region is.
 * - `Missing Authentication Token`: as in docs/WIRE.md. (DynamoDB said `Request is missing Authentication
 *   Token` in 2013; Kinesis and API Gateway say `Missing Authentication Token`.)
 *
 * The signing date's 15-minute window (`Signature expired: ... is now earlier than ...`) is checked only when
 * asked (`dateWithin15MinutesOf`: `serve` asks, against the wall clock and the mock's clock, since SDKs that
 * adopt a server's Date header sign with the mock's time). In tests the mock runs on a logical clock that
 * scenarios move at will; comparing X-Amz-Date with it, or with the wall clock, would refuse requests for
 * reasons no test asked for.
 *
 * Deliberately not checked:
 * - Session tokens. A signed `X-Amz-Security-Token` is covered by the signature like any header, but the
 *   mock issues no temporary credentials, so there is nothing to check it against: any token is accepted.
 * - Query-string (presigned) authentication. No Cognito client presigns an admin call; such a request
 *   carries no Authorization header and is refused as missing one.
 */

import { bytesToHex, constantTimeEqual, utf8 } from '../lib/bytes.ts'
import { hmacSha256, sha256 } from '../lib/hash.ts'
import type { WireHeaders } from './wire-form.ts'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
}

export interface SigV4Request {
  method: string
  url: string
  headers: WireHeaders
  body: string
}

/** A refusal of the SigV4 front end: its `__type` (each one of exceptions.ts's protocol errors) and message. */
export type SigV4Failure = {
  type: 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException'
  message: string
}

export type SigV4Outcome = { ok: true; accessKeyId: string; region: string } | { ok: false; failure: SigV4Failure }

const ALGORITHM = 'AWS4-HMAC-SHA256'
const TERMINATOR = 'aws4_request'
const BASIC_FORMAT = /^\d{8}T\d{6}Z$/

const missingToken = (): SigV4Failure => ({
  type: 'MissingAuthenticationTokenException',
  message: 'Missing Authentication Token',
})
const incomplete = (message: string): SigV4Failure => ({ type: 'IncompleteSignatureException', message })
const invalid = (message: string): SigV4Failure => ({ type: 'InvalidSignatureException', message })

/** The mismatch message, exported so that callers and tests can recognise it without repeating it. */
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

/** The UnrecognizedClientException message for an access key id the mock does not know. */
export const UNRECOGNIZED_CLIENT_MESSAGE = 'The security token included in the request is invalid.'

/**
 * Decides whether a request would get past AWS's SigV4 front end for `options.service`.
 *
 * Lenient mode (no `credentials`) checks that a well-formed signature is present and scoped to the right
 * service and region, which is all a test needs to catch an unsigned or mis-configured client. Strict mode
 * also requires a known access key id and recomputes the signature with its secret.
 *
 * Never throws for a bad request; every refusal comes back as `{ ok: false, failure }` with the error type
 * and message AWS would send.
 *
 * @example
 * const outcome = await checkSigV4(
 *   { method: request.method, url: request.url, headers: request.headers, body: await request.text() },
 *   { service: 'cognito-idp', expectedRegion: 'us-east-1', credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }] },
 * )
 * if (!outcome.ok) return errorResponse(outcome.failure.type, outcome.failure.message)
 */
export async function checkSigV4(
  request: SigV4Request,
  options: {
    service: string
    expectedRegion?: string
    credentials?: readonly AwsCredentials[]
    /**
     * Refuse an X-Amz-Date more than 15 minutes from every one of these instants (epoch ms), as AWS refuses one
     * more than 15 minutes from its clock. Without it the date is not checked (see the header of this module).
     */
    dateWithin15MinutesOf?: readonly number[]
  },
): Promise<SigV4Outcome> {
  const fail = (failure: SigV4Failure): SigV4Outcome => ({ ok: false, failure })
  const url = new URL(request.url, 'http://localhost/')
  const header = request.headers.get('authorization')?.trim() ?? ''
  if (header === '') return fail(missingToken())
  if (url.searchParams.has('X-Amz-Algorithm')) {
    // Signed twice: kinesalite's copy of Kinesis's answer, assumed shared by every Coral service [inferred].
    return fail(invalid("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."))
  }

  const parsed = parseAuthorization(header)
  if ('type' in parsed) return fail(parsed)
  const { algorithm, params } = parsed

  const credential = nonEmpty(params.get('Credential'))
  const signature = nonEmpty(params.get('Signature'))
  // AWS lets an empty SignedHeaders through here; it is then caught by the host check.
  const signedHeaders = params.get('SignedHeaders')
  const date = request.headers.get('x-amz-date') ?? request.headers.get('date') ?? undefined
  if (credential === undefined || signature === undefined || signedHeaders === undefined || date === undefined) {
    const missing: string[] = []
    if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.")
    if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.")
    if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.")
    if (date === undefined) {
      missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    }
    return fail(incomplete(`${missing.join(' ')} Authorization=${header}`))
  }

  if (!BASIC_FORMAT.test(date)) {
    return fail(incomplete(`Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`))
  }
  if (options.dateWithin15MinutesOf !== undefined && options.dateWithin15MinutesOf.length > 0) {
    const stale = staleDate(date, options.dateWithin15MinutesOf)
    if (stale) return fail(invalid(stale))
  }

  const signedNames = signedHeaders.split(';').map((name) => name.trim().toLowerCase())
  if (!signedNames.includes('host') && !signedNames.includes(':authority')) {
    return fail(invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."))
  }
  // The operation is named by X-Amz-Target: a signature that does not cover it could be replayed for another
  // operation (a signed AdminGetDevice sent as AdminForgetDevice). Every AWS SDK and the CLI sign it. [I wording]
  if (request.headers.has('x-amz-target') && !signedNames.includes('x-amz-target')) {
    return fail(invalid("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization."))
  }

  if (algorithm !== ALGORITHM) {
    return fail(incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `))
  }

  const scope = javaSplit(credential, '/')
  const [accessKeyId, scopeDate, region, service, terminator] = scope
  if (
    scope.length !== 5 ||
    accessKeyId === undefined ||
    scopeDate === undefined ||
    region === undefined ||
    service === undefined ||
    terminator === undefined
  ) {
    return fail(
      incomplete(
        `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
      ),
    )
  }

  const scopeErrors: string[] = []
  const regionOk = options.expectedRegion === undefined ? region !== '' : region === options.expectedRegion
  if (!regionOk) scopeErrors.push('Credential should be scoped to a valid region. ')
  if (service !== options.service) {
    scopeErrors.push(`Credential should be scoped to correct service: '${options.service}'. `)
  }
  if (terminator !== TERMINATOR) {
    scopeErrors.push(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `)
  }
  const dateStamp = date.slice(0, 8)
  if (scopeDate !== dateStamp) {
    scopeErrors.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${dateStamp}', from '${date}'.`,
    )
  }
  if (scopeErrors.length > 0) return fail(invalid(scopeErrors.join('')))

  if (options.credentials === undefined) return { ok: true, accessKeyId, region }

  const known = options.credentials.find((candidate) => candidate.accessKeyId === accessKeyId)
  if (known === undefined) return fail({ type: 'UnrecognizedClientException', message: UNRECOGNIZED_CLIENT_MESSAGE })

  const canonical = await canonicalRequest(request, url, signedNames)
  const stringToSign = [ALGORITHM, date, `${scopeDate}/${region}/${service}/${TERMINATOR}`, await sha256Hex(canonical)].join(
    '\n',
  )
  const key = await signingKey(known.secretAccessKey, scopeDate, region, service)
  const expected = bytesToHex(await hmac(key, stringToSign))
  if (!constantTimeEqual(expected, signature)) return fail(invalid(SIGNATURE_MISMATCH_MESSAGE))
  return { ok: true, accessKeyId, region }
}

/**
 * Rebuilds the SigV4 canonical request the client must have hashed, from what the server received.
 *
 * Exported for diagnostics (a test that fails strict mode can print it next to the client's own).
 *
 * @example
 * const text = await canonicalRequest(request, new URL(request.url), ['content-type', 'host', 'x-amz-date'])
 * // 'POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:...\n...'
 */
export async function canonicalRequest(request: SigV4Request, url: URL, signedHeaderNames: readonly string[]): Promise<string> {
  const names = [...new Set(signedHeaderNames.map((name) => name.trim().toLowerCase()))].sort()
  const headerLines = names.map((name) => `${name}:${canonicalHeaderValue(headerValue(request, url, name))}`)
  // The hash of the body as received, never the client's `x-amz-content-sha256`: trusting that header would
  // let a body be swapped under a valid signature, and a 2026 probe shows DynamoDB refusing exactly that. A
  // client that sent the header with its body's hash signed the same value, so honest requests still verify.
  const payloadHash = await sha256Hex(request.body)
  return [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.search),
    ...headerLines,
    '',
    names.join(';'),
    payloadHash,
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------------
// The signing date's window
// ---------------------------------------------------------------------------------------------------

const WINDOW_MS = 15 * 60 * 1000

/** `20260115T093000Z` as epoch ms. */
function basicToMs(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15))
}

/** Epoch ms as `20260115T093000Z`. */
function msToBasic(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '')
}

/**
 * AWS's refusal of a signing date outside the 15 minutes around its clock, worded as Coral words it (aws-sdk-js#254,
 * dynalite's DynamoDB captures, amplify-js#3719 for Cognito), against the first of `nows` (the wall clock); the date
 * passes when it is within the window of any of them.
 */
function staleDate(date: string, nows: readonly number[]): string | undefined {
  const signed = basicToMs(date)
  if (nows.some((now) => Math.abs(signed - now) <= WINDOW_MS)) return undefined
  const now = nows[0]!
  return signed < now
    ? `Signature expired: ${date} is now earlier than ${msToBasic(now - WINDOW_MS)} (${msToBasic(now)} - 15 min.)`
    : `Signature not yet current: ${date} is still later than ${msToBasic(now + WINDOW_MS)} (${msToBasic(now)} + 15 min.)`
}

// ---------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------

function parseAuthorization(header: string): { algorithm: string; params: Map<string, string> } | SigV4Failure {
  const space = header.search(/\s/)
  const algorithm = space < 0 ? header : header.slice(0, space)
  const rest = space < 0 ? '' : header.slice(space + 1)
  const params = new Map<string, string>()
  // AWS splits at spaces as well as commas: STS reports `Credential=not valid/...` as the pair `'valid/...'`.
  for (const pair of rest.split(/[\s,]+/)) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    if (equals < 0) {
      return incomplete(`'${pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`)
    }
    // A repeated parameter: the last one wins, as in scratchstack's reading of AWS's rules.
    params.set(pair.slice(0, equals), pair.slice(equals + 1))
  }
  return { algorithm, params }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/** Java's `String.split`, which drops trailing empty strings: AWS ignores trailing slashes in a credential. */
function javaSplit(value: string, separator: string): string[] {
  const parts = value.split(separator)
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

// ---------------------------------------------------------------------------------------------------
// Canonical request
// ---------------------------------------------------------------------------------------------------

function headerValue(request: SigV4Request, url: URL, name: string): string {
  const value = request.headers.get(name)
  if (value !== null) return value
  // Browsers never let script set Host or Content-Length, and MSW may hand over a request without them,
  // although both were on the wire and the SDK signed them. Rebuild them from what they must have been.
  if (name === 'host' || name === ':authority') return url.host
  if (name === 'content-length') return String(utf8(request.body).byteLength)
  return ''
}

function canonicalHeaderValue(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '')
}

/** Each path segment URI-encoded once more than on the wire (all services but S3 double-encode). */
function canonicalPath(pathname: string): string {
  const segments: string[] = []
  for (const segment of pathname.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const trailing = segments.length > 0 && pathname.endsWith('/') ? '/' : ''
  return `/${segments.map(uriEscape).join('/')}${trailing}`
}

function canonicalQuery(search: string): string {
  const pairs: Array<[string, string]> = []
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const name = equals < 0 ? part : part.slice(0, equals)
    const value = equals < 0 ? '' : part.slice(equals + 1)
    if (name === 'X-Amz-Signature') continue
    pairs.push([uriEscape(uriDecode(name)), uriEscape(uriDecode(value))])
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
  return pairs.map(([name, value]) => `${name}=${value}`).join('&')
}

function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function uriDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    // A malformed escape cannot have been produced by an SDK; keep it so the signature simply fails.
    return value
  }
}

// ---------------------------------------------------------------------------------------------------
// Crypto (lib/hash: Node's synchronous crypto where there is one, WebCrypto elsewhere; same bytes)
// ---------------------------------------------------------------------------------------------------

async function sha256Hex(text: string): Promise<string> {
  return bytesToHex(await sha256(utf8(text)))
}

function hmac(key: Uint8Array, data: string): Promise<Uint8Array<ArrayBuffer>> {
  return hmacSha256(key, utf8(data))
}

async function signingKey(secret: string, date: string, region: string, service: string): Promise<Uint8Array<ArrayBuffer>> {
  const kDate = await hmac(utf8(`AWS4${secret}`), date)
  const kRegion = await hmac(kDate, region)
  const kService = await hmac(kRegion, service)
  return hmac(kService, TERMINATOR)
}
