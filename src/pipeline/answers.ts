import { fidelity } from '../fidelity.ts'
import { CognitoError, isCognitoError, isModeledError, isProtocolError, statusOf, type OperationName } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { validateInput } from '../model/validation.ts'
import { isSignedOperation, runOperation } from '../operations/index.ts'
import { CONTENT_TYPE, SIGNING_NAME } from '../protocol/aws-json.ts'
import { corsHeaders, errorResponse, successResponse, type AnswerContext } from '../protocol/responses.ts'
import { checkSigV4, type AwsCredentials } from '../protocol/sigv4.ts'
import { NETWORK_ERROR, type WireAnswer, type WireRequest, type WireResponse } from '../protocol/wire-form.ts'
import type { Firing } from '../scenarios/engine.ts'
import type { Runtime } from '../state/runtime.ts'
import { issuerOf } from '../state/tokens.ts'
import { MALFORMED, type OperationCall } from './read-call.ts'
import { formatMessage } from '../lib/errors.ts'
import { REGION_SOURCE } from '../lib/regions.ts'

/** The answers the pipeline can give, each a plain function of what it needs: no state of the pipeline's own. */

/** The stateful answer: signature, validation, then the operation. The only path that changes state. */
/** How admin calls' signatures are checked: against these keys (strict), and the signing date's window or not. */
export interface SigningPolicy {
  credentials?: readonly AwsCredentials[]
  /** Refuse an X-Amz-Date more than 15 minutes from both the wall clock and the mock's clock. */
  checkDate?: boolean
}

export async function realAnswer(runtime: Runtime, signing: SigningPolicy, call: OperationCall, context: AnswerContext): Promise<WireResponse> {
  const { credentials } = signing
  const { operation, request, region } = call
  try {
    if (isSignedOperation(operation)) {
      // An endpoint that names no region (the local endpoint, a custom one) leaves the pool's region to check.
      const signingRegion = region ?? poolRegionOf(call.json)
      const outcome = await checkSigV4(
        { method: request.method, url: request.url, headers: request.headers, body: call.received },
        {
          service: SIGNING_NAME,
          ...(signingRegion ? { expectedRegion: signingRegion } : {}),
          ...(credentials ? { credentials } : {}),
          ...(signing.checkDate ? { dateWithin15MinutesOf: [Date.now(), runtime.clock.now()] } : {}),
        },
      )
      if (!outcome.ok) throw new CognitoError(outcome.failure.type, outcome.failure.message)
    }
    if (call.json === MALFORMED) throw new CognitoError('SerializationException', fidelity.serialization.malformedJson)
    const input = validateInput(operation, call.json)
    const ctx = runtime.context(region, forwardedFor(request))
    const output = await runOperation(operation, ctx, input)
    return successResponse(output, context)
  } catch (error) {
    return errorAnswer(error, operation, context)
  }
}

/** The region of the `UserPoolId` an admin call names (`eu-west-1_AbC…` → `eu-west-1`), if it names a well-formed one. */
function poolRegionOf(json: unknown): string | undefined {
  const poolId = typeof json === 'object' && json !== null ? (json as { UserPoolId?: unknown }).UserPoolId : undefined
  return typeof poolId === 'string' ? poolIdRegion.exec(poolId)?.[1] : undefined
}

/** A pool id of any partition's region (`eusc-de-east-1_…` too), as lib/regions.ts defines region names. */
const poolIdRegion = new RegExp(`^(${REGION_SOURCE})_[0-9A-Za-z]+$`)

/** A thrown CognitoError as its wire answer; anything else is a bug of the mock, answered as AWS answers its own. */
function errorAnswer(error: unknown, operation: OperationName | undefined, context: AnswerContext): WireResponse {
  if (isCognitoError(error)) {
    if (operation && !isModeledError(operation, error.type) && !isProtocolError(error.type)) {
      console.error(formatMessage(`${operation} answered ${error.type}, which the model does not list for it. This is a bug in the mock.`))
    }
    return errorResponse(error, context)
  }
  console.error(formatMessage('Unexpected failure while answering a Cognito call; answering InternalErrorException.'), error)
  return errorResponse(new CognitoError('InternalErrorException', wire.internalError), context)
}

/** What a scenario rule scripted, as a response (never touches the state). */
export function scriptedResponse(scripted: Exclude<Firing['answer'], 'real' | 'hang'>, context: AnswerContext): WireAnswer {
  if (scripted === 'network-error') return NETWORK_ERROR
  if ('error' in scripted) return errorResponse({ type: scripted.error, status: statusOf(scripted.error), wireMessage: scripted.message }, context)
  const text = scripted.body === undefined ? '' : typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body)
  // Given headers replace the defaults whatever their case (a record with `Content-Type` and `content-type` would join both).
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': context.requestId, ...corsHeaders }
  for (const [name, value] of Object.entries(scripted.headers ?? {})) headers[name.toLowerCase()] = value
  // 204, 205 and 304 cannot carry a body, not even an empty one.
  return { status: scripted.status, headers, body: text === '' ? null : text }
}

/** A body past fidelity.requestTooLarge: refused before it was read to the end. */
export function tooLargeResponse(context: AnswerContext): WireResponse {
  const body = JSON.stringify({ message: fidelity.requestTooLarge.message })
  return {
    status: fidelity.requestTooLarge.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': context.requestId, ...corsHeaders },
    body,
  }
}

/** `{iss}/.well-known/jwks.json` and `openid-configuration`, which token verifiers fetch. */
export async function wellKnownResponse(runtime: Runtime, poolId: string, document: string, region: string | undefined): Promise<WireResponse> {
  const pool = runtime.store.pools.get(poolId)
  const headers = { 'content-type': 'application/json', ...corsHeaders }
  if (!pool || (region !== undefined && region !== pool.region)) {
    return { status: 404, headers, body: JSON.stringify({ message: wire.poolNotFound(poolId) }) }
  }
  const issuer = issuerOf(pool.region, pool.id)
  const body =
    document === 'jwks.json'
      ? await runtime.tokens.jwks(pool.id)
      : {
          issuer,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'token'],
        }
  return { status: 200, headers, body: JSON.stringify(body) }
}

/** The first address of `X-Forwarded-For`, when a proxy (or a test) names the caller (see fidelity.deviceIpSources). */
function forwardedFor(request: WireRequest): string | undefined {
  const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return first || undefined
}
