import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WireHeaders, WireRequest } from '../protocol/wire-form.ts'
import { readBody } from './request-body.ts'

/*
 * A Node request as the pipeline reads it (decision 0019): the local endpoint hands the pipeline no Fetch `Request`.
 */

/**
 * The request as the pipeline reads it: Node's headers as Fetch would join them, the body already read (and
 * bounded), and a signal that aborts when the client goes away before its answer (a hanging scenario then ends).
 * Rejects as {@link readBody} does: a `BadRequest` past the bound, an `Error` if the client leaves mid-body.
 *
 * @example
 * const answer = await pipeline(await wireRequest(req, res, 'http://127.0.0.1:4566/'))
 */
export async function wireRequest(req: IncomingMessage, res: ServerResponse, url: string): Promise<WireRequest> {
  return new NodeRequest(req.method ?? 'GET', url, new NodeHeaders(req.rawHeaders), await readBody(req), res)
}

/** A class, not an object literal with a getter: such a literal is built on V8's slow path (15 µs a call, profiled). */
class NodeRequest implements WireRequest {
  readonly method: string
  readonly url: string
  readonly headers: WireHeaders
  readonly #body: Uint8Array
  readonly #res: ServerResponse
  #controller: AbortController | undefined

  constructor(method: string, url: string, headers: WireHeaders, body: Uint8Array, res: ServerResponse) {
    this.method = method
    this.url = url
    this.headers = headers
    this.#body = body
    this.#res = res
  }

  /** Made only when the pipeline asks (a latency or a hang): most calls never need one. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = (this.#controller = new AbortController())
      this.#res.once('close', () => {
        if (!this.#res.writableFinished) controller.abort()
      })
    }
    return this.#controller.signal
  }

  /** A GET or HEAD body is ignored, as a Fetch `Request` cannot carry one. */
  read(max: number): Promise<Uint8Array | undefined> {
    const body = this.method === 'GET' || this.method === 'HEAD' ? new Uint8Array(0) : this.#body
    return Promise.resolve(body.byteLength > max ? undefined : body)
  }
}

/** Node's raw headers read as Fetch's `Headers` reads them: any case, repeated ones joined by `, `. */
class NodeHeaders implements WireHeaders {
  readonly #values = new Map<string, string>()
  constructor(raw: readonly string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase()
      const before = this.#values.get(name)
      this.#values.set(name, before === undefined ? raw[i + 1]! : `${before}, ${raw[i + 1]!}`)
    }
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null
  }
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase())
  }
}
