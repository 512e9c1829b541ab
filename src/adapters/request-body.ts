import type { IncomingMessage } from 'node:http'
import { fidelity } from '../fidelity.ts'

/*
 * The local endpoint's own refusals (status and message, answered as text) and the request body, read whole
 * and bounded before it reaches the mock.
 */

/** Bodies above this are refused before they reach the mock: the bound the pipeline itself applies (fidelity.requestTooLarge). */
const MAX_BODY_BYTES = fidelity.requestTooLarge.maxBytes

/**
 * A request the local endpoint answers itself, with `status` and a one-line text `message`.
 *
 * @example
 * throw new BadRequest(413, 'Request bodies above 16777216 bytes are refused.')
 */
export class BadRequest extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

/**
 * The whole body of `req`, or a {@link BadRequest} 413 once it passes the mock's bound; a plain `Error` if the
 * client leaves before sending all of it.
 *
 * @example
 * const body = await readBody(req) // Uint8Array, empty for a request without a body
 */
export function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    return Promise.reject(new BadRequest(413, `Request bodies above ${MAX_BODY_BYTES} bytes are refused; this one declares ${declared}.`))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.pause()
        reject(new BadRequest(413, `Request bodies above ${MAX_BODY_BYTES} bytes are refused.`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      // Nearly every body arrives in one chunk: it is used as it is (a new ArrayBuffer per call costs more than the copy).
      if (chunks.length === 1) return resolve(chunks[0]!)
      const bytes = new Uint8Array(new ArrayBuffer(size))
      let offset = 0
      for (const chunk of chunks) {
        bytes.set(chunk, offset)
        offset += chunk.length
      }
      resolve(bytes)
    })
    req.on('error', reject)
    // Settles nothing if the body was complete; otherwise the client left mid-body.
    // Only then is the Error made: it captures a stack, tens of µs that every request used to pay.
    req.on('close', () => {
      if (!req.readableEnded) reject(new Error('The client closed the connection before sending its whole body.'))
    })
  })
}
