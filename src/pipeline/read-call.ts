import { fidelity } from '../fidelity.ts'
import { parseJsonBody } from '../lib/json.ts'
import { CognitoError, type OperationName } from '../model/exceptions.ts'
import { notImplemented } from '../model/messages.ts'
import { isImplementedOperation } from '../operations/index.ts'
import { endpointOf, targetOf, TARGET_PREFIX } from '../protocol/aws-json.ts'
import type { WireRequest } from '../protocol/wire-form.ts'

/**
 * The protocol step, before the queue: what a request asks for, with its body read (and bounded). Reading
 * here, not in the queue, is what keeps one stalled upload from holding every later call: a call takes its
 * place in the queue once it has fully arrived, as a server answers a request once it has received it.
 */

/** A body that is not JSON (or nests deeper than any Cognito input): scenarios may still answer it, the store refuses it. */
export const MALFORMED = Symbol('malformed JSON')

export type Call =
  | { kind: 'preflight'; operation: ''; request: WireRequest }
  | { kind: 'well-known'; operation: ''; poolId: string; document: 'jwks.json' | 'openid-configuration'; region: string | undefined }
  /** Refused before its body is read: not a Cognito operation, one the mock does not implement, a hosted UI host. */
  | { kind: 'refused'; operation: string; error: CognitoError }
  | { kind: 'too-large'; operation: OperationName }
  | OperationCall

export interface OperationCall {
  kind: 'operation'
  operation: OperationName
  request: WireRequest
  /** Region of the endpoint that received the call; `undefined` for a custom endpoint (localhost). */
  region: string | undefined
  /** The body as sent, a leading BOM included: SigV4 hashes these bytes. */
  received: string
  json: unknown
  /** The body when it is a JSON object: what scenario rules match and the request log shows. */
  input: Record<string, unknown> | undefined
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
const wellKnownPath = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/

/**
 * Reads one request as far as the protocol goes: preflight, a well-known document, or an operation with its
 * decoded body. What the front door refuses is a `refused` call; it throws only when the body cannot be read
 * (the client went away, or the request's body was already used).
 *
 * @example
 * const call = await readCall(fromFetchRequest(request))
 * if (call.kind === 'operation') console.log(call.operation, call.input)
 */
export async function readCall(request: WireRequest): Promise<Call> {
  const endpoint = endpointOf(request.url)
  if (endpoint?.kind === 'hosted-ui') {
    const error = new CognitoError(fidelity.notImplemented.type, notImplemented.hostedUi(new URL(request.url).host))
    return { kind: 'refused', operation: '', error }
  }
  if (request.method === 'OPTIONS') return { kind: 'preflight', operation: '', request }
  const region = endpoint?.region
  if (request.method === 'GET') {
    const wellKnown = wellKnownPath.exec(new URL(request.url).pathname)
    if (wellKnown) return { kind: 'well-known', operation: '', poolId: wellKnown[1]!, document: wellKnown[2] as 'jwks.json', region }
  }
  let operation: OperationName
  try {
    operation = targetOf(request, isImplementedOperation) as OperationName
  } catch (error) {
    const target = request.headers.get('x-amz-target') ?? ''
    const raw = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target
    return { kind: 'refused', operation: raw, error: error as CognitoError }
  }
  const bytes = await request.read(fidelity.requestTooLarge.maxBytes)
  if (bytes === undefined) return { kind: 'too-large', operation }
  const received = decoder.decode(bytes)
  const text = received.charCodeAt(0) === 0xfeff ? received.slice(1) : received
  let json: unknown = {}
  if (text.trim() !== '') {
    const parsed = parseJsonBody(text, fidelity.jsonMaxDepth)
    json = parsed.ok ? parsed.value : MALFORMED
  }
  const input = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined
  return { kind: 'operation', operation, request, region, received, json, input }
}
