import { allOperationNames, serviceMetadata } from '../model/service-model.generated.ts'
import { CognitoError } from '../model/exceptions.ts'

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
 * Every public Cognito user-pools host: standard, FIPS, China, and dual-stack. The region is group 1.
 * Any path and method: a Cognito request must never reach AWS, so the mock answers all of them.
 */
export const awsEndpointPattern =
  /^https?:\/\/cognito-idp(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws|api\.amazonwebservices\.com\.cn)(?::\d+)?(?:\/.*)?$/

/** The region of a public Cognito endpoint URL, or `undefined` for a custom endpoint. */
export function endpointRegion(url: string): string | undefined {
  return awsEndpointPattern.exec(url)?.[1]
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
    throw new TypeError(`[cognito-device-mock] endpoints: "${endpoint}" is not an absolute URL (e.g. "http://localhost:4566").`)
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
export function targetOf(request: Request, implemented: (name: string) => boolean): string {
  const target = request.headers.get('x-amz-target') ?? ''
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (request.method !== 'POST' || mediaType !== CONTENT_TYPE || !knownOperations.has(name)) {
    throw new CognitoError('UnknownOperationException')
  }
  if (!implemented(name)) {
    throw new CognitoError(
      'CognitoDeviceMock#NotImplemented',
      `[cognito-device-mock] ${name} is a Cognito operation this mock does not implement; the request was not sent to AWS.`,
    )
  }
  return name
}
