import { fidelity } from '../fidelity.ts'
import { allOperationNames, serviceMetadata } from '../model/service-model.generated.ts'
import { CognitoError } from '../model/exceptions.ts'
import { REGION_SOURCE } from '../lib/regions.ts'
import { notImplemented } from '../model/messages.ts'
import { fail } from '../lib/errors.ts'
import type { WireHeaders } from './wire-form.ts'

/**
 * awsJson1_1 as Cognito speaks it (WIRE §1–2): which requests are Cognito's, which operation they name,
 * and how answers are framed.
 */

export const CONTENT_TYPE = `application/x-amz-json-${serviceMetadata.jsonVersion}`
export const TARGET_PREFIX = `${serviceMetadata.targetPrefix}.`
export const SIGNING_NAME = serviceMetadata.signingName

// ---------------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------------

/**
 * The DNS suffixes of every partition in the SDKs' partitions data (`dnsSuffix`, then `dualStackDnsSuffix`): the
 * client's endpoint rules build `https://cognito-idp{-fips}.{region}.{suffix}` from them. The commercial
 * partition's pair also serves GovCloud.
 */
const API_DNS_SUFFIXES = [
  'amazonaws.com', 'api.aws', // aws, aws-us-gov
  'amazonaws.com.cn', 'api.amazonwebservices.com.cn', // aws-cn
  'amazonaws.eu', 'api.amazonwebservices.eu', // aws-eusc
  'c2s.ic.gov', 'api.aws.ic.gov', // aws-iso
  'sc2s.sgov.gov', 'api.aws.scloud', // aws-iso-b
  'cloud.adc-e.uk', 'api.cloud-aws.adc-e.uk', // aws-iso-e
  'csp.hci.ic.gov', 'api.aws.hci.ic.gov', // aws-iso-f
] as const

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
const suffixes = API_DNS_SUFFIXES.map(escape).join('|')
// A fully qualified name (`….amazonaws.com.`) resolves to the same host; any port, path, query or fragment.
const TAIL = '\\.?(?::\\d+)?(?:[/?#].*)?$'
// Cognito's own rule for a domain prefix: lowercase letters, digits and inner hyphens, 1 to 63 characters.
const DOMAIN_PREFIX = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'

/** The user-pools API hosts (`cognito-idp`, `cognito-idp-fips`) of every partition, IPv4 and dual-stack. Region: group 1. */
const apiHostPattern = new RegExp(`^https?:\\/\\/cognito-idp(?:-fips)?\\.(${REGION_SOURCE})\\.(?:${suffixes})${TAIL}`)

/**
 * The hosted UI and OAuth 2.0 server of a prefix domain: `{prefix}.auth.{region}.amazoncognito.com`, `auth-fips` in
 * GovCloud, `.amazoncognito.com.cn` in China. Custom domains cannot be recognised by their name. Region: group 1.
 */
const hostedUiHostPattern = new RegExp(`^https?:\\/\\/${DOMAIN_PREFIX}\\.auth(?:-fips)?\\.(${REGION_SOURCE})\\.amazoncognito\\.com(?:\\.cn)?${TAIL}`)

/**
 * Every host Cognito user pools answer on, one pattern each: the API hosts, then the hosted UI hosts. Any path and
 * method: a Cognito request must never reach AWS, so the mock answers all of them (the hosted UI loudly, with
 * `fidelity.notImplemented`).
 *
 * @example
 * const handlers = cognitoHostPatterns.map((pattern) => http.all(pattern, resolver))
 */
export const cognitoHostPatterns: readonly RegExp[] = Object.freeze([apiHostPattern, hostedUiHostPattern])

/**
 * `cognitoHostPatterns` as one RegExp, for an API that takes a single pattern (Playwright's `route`). The API
 * host's region is group 1, the hosted UI host's group 2.
 *
 * @example
 * await context.route(cognitoHostPattern, (route) => answer(route))
 */
export const cognitoHostPattern = new RegExp(
  `^(?:${apiHostPattern.source.slice(1, -1)})$|^(?:${hostedUiHostPattern.source.slice(1, -1)})$`,
)

/** Which Cognito endpoint a URL names, and in which region. */
export type CognitoEndpoint = { kind: 'api'; region: string } | { kind: 'hosted-ui'; region: string }

/**
 * Which public Cognito endpoint a URL (as `Request.url` gives it) names: the user-pools API or a prefix domain's
 * hosted UI, with the region, without the trailing dot of a fully qualified host. `undefined` for any other URL,
 * a custom endpoint included.
 *
 * @example
 * endpointOf('https://cognito-idp-fips.us-gov-west-1.amazonaws.com/')      // { kind: 'api', region: 'us-gov-west-1' }
 * endpointOf('https://shop.auth.eu-west-1.amazoncognito.com/oauth2/token') // { kind: 'hosted-ui', region: 'eu-west-1' }
 */
export function endpointOf(url: string): CognitoEndpoint | undefined {
  const api = apiHostPattern.exec(url)
  if (api) return { kind: 'api', region: api[1]! }
  const hostedUi = hostedUiHostPattern.exec(url)
  return hostedUi ? { kind: 'hosted-ui', region: hostedUi[1]! } : undefined
}

/**
 * A pattern for a custom endpoint (SDK `endpoint`, Amplify `userPoolEndpoint`, the local server): its
 * origin and path prefix.
 */
export function customEndpointPattern(endpoint: string): RegExp {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    fail(`endpoints: "${endpoint}" is not an absolute URL (e.g. "http://localhost:4566").`, TypeError)
  }
  const prefix = `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:[/?].*)?$`)
}

// ---------------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------------

const knownOperations = new Set<string>(allOperationNames)

/**
 * The operation a request names, checked as the front door does: a POST, the right content type and a
 * known `X-Amz-Target`, else UnknownOperationException with no message. A real Cognito operation the
 * mock does not implement is answered loudly instead (see fidelity.notImplemented).
 */
export function targetOf(request: { method: string; headers: WireHeaders }, implemented: (name: string) => boolean): string {
  const target = request.headers.get('x-amz-target') ?? ''
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (request.method !== 'POST' || mediaType !== CONTENT_TYPE || !knownOperations.has(name)) {
    throw new CognitoError('UnknownOperationException')
  }
  if (!implemented(name)) {
    throw new CognitoError(
      fidelity.notImplemented.type,
      notImplemented.operation(name),
    )
  }
  return name
}
