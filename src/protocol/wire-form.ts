/**
 * Requests and answers as the pipeline sees them: plain data, not Fetch objects.
 *
 * The pipeline reads a method, a URL, a few headers and the body's bytes, and answers a status, headers and a
 * text. Fetch's `Request` and `Response` are what MSW, Playwright and Storybook hand over and expect back, so
 * `cognito.handle` converts at its edge (`fromFetchRequest`, `toFetchResponse`); the local endpoint has Node's
 * request and socket instead, and building a `Request` and a `Response` only to take them apart again cost a
 * third of `serve`'s time per GetUser (decision 0019).
 */

/** The headers the pipeline reads: names are case-insensitive, repeated headers joined by `, ` as Fetch joins them. */
export interface WireHeaders {
  get(name: string): string | null
  has(name: string): boolean
}

/**
 * One request, from any surface.
 *
 * @example
 * const request: WireRequest = fromFetchRequest(new Request('https://cognito-idp.us-east-1.amazonaws.com/', { method: 'POST' }))
 */
export interface WireRequest {
  method: string
  /** Absolute, as the client addressed it. */
  url: string
  headers: WireHeaders
  /** Aborted when the client gives up (a hanging or slow scenario then ends at once); absent where it cannot. */
  readonly signal?: AbortSignal | undefined
  /** The body's bytes, or `undefined` once it has more than `max` bytes (declared or received): the rest is never read. */
  read(max: number): Promise<Uint8Array | undefined>
}

/** An answer on the wire: status, headers with lower-case names, and the body's text (`null`: none at all). */
export interface WireResponse {
  status: number
  headers: Readonly<Record<string, string>>
  body: string | null
}

/** The answer of a scenario that cuts the connection: a client sees a network error (`fetch` rejects). */
export const NETWORK_ERROR = 'network-error'

/**
 * What the pipeline answers: a response, or a network error.
 *
 * @example
 * const answer: WireAnswer = { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' }
 */
export type WireAnswer = WireResponse | typeof NETWORK_ERROR

/**
 * A Fetch `Request` as the pipeline reads it: its body is read from its stream, counted and bounded while it arrives.
 *
 * @example
 * const answer = await pipeline(fromFetchRequest(request))
 */
export function fromFetchRequest(request: Request): WireRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    signal: request.signal,
    read: (max) => readBounded(request, max),
  }
}

/**
 * The Fetch `Response` of an answer (`Response.error()` for a network error).
 *
 * @example
 * return toFetchResponse(await pipeline(fromFetchRequest(request)))
 */
export function toFetchResponse(answer: WireAnswer): Response {
  if (answer === NETWORK_ERROR) return Response.error()
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
}

async function readBounded(request: Request, max: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > max) return undefined
  if (request.body === null) return new Uint8Array(0)
  // Counted while streaming, whatever the header says: a body longer than it declared is stopped at the bound too.
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
