/**
 * The load generator of the HTTP benchmarks (bench/run.ts part d, bench/versus-cognito-local.ts), in a worker
 * thread so that the client's work does not share an event loop with the endpoint it measures. `concurrency`
 * keep-alive connections, one call in flight on each; `warmup` unrecorded calls then `requests` recorded ones.
 *
 * Two clients:
 * - `fetch` (default): undici's keep-alive agent, as a Node app would call.
 * - `socket`: the request's bytes written once per call on a raw TCP socket and the answer framed by its
 *   Content-Length. It costs the client a few microseconds per call, so that on a machine of two cores the
 *   figure is the server's, not the client's (fetch costs about as much per call as the server it measures).
 */
import { connect, type Socket } from 'node:net'
import { parentPort, workerData } from 'node:worker_threads'

export interface LoadInput {
  url: string
  headers: Record<string, string>
  body: string
  warmup: number
  requests: number
  concurrency: number
  client?: 'fetch' | 'socket'
}

export interface LoadResult {
  ms: number
  failures: number
  latencies: number[]
}

type Call = () => Promise<number>

function fetchCall(input: LoadInput): () => Call {
  return () => async () => {
    const response = await fetch(input.url, { method: 'POST', headers: input.headers, body: input.body })
    await response.arrayBuffer()
    return response.status
  }
}

/** One connection per client; answers are framed by Content-Length (both servers measured send it). */
function socketCall(input: LoadInput): () => Call {
  const url = new URL(input.url)
  const body = Buffer.from(input.body)
  const head = [`POST ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, `content-length: ${body.byteLength}`, 'connection: keep-alive']
  for (const [name, value] of Object.entries(input.headers)) head.push(`${name}: ${value}`)
  const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body])
  return () => {
    let socket: Socket | undefined
    let pending: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined
    let buffered: Buffer = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk])
      const end = buffered.indexOf('\r\n\r\n')
      if (end < 0) return
      const headText = buffered.subarray(0, end).toString('latin1')
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(headText)
      if (!length) return pending?.reject(new Error(`answer without Content-Length: ${headText.slice(0, 300)}`))
      const total = end + 4 + Number(length[1])
      if (buffered.length < total) return
      buffered = buffered.subarray(total)
      const waiting = pending
      pending = undefined
      waiting?.resolve(Number(headText.slice(9, 12)))
    }
    const open = () =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect(Number(url.port || 80), url.hostname, () => resolve(s))
        s.setNoDelay(true)
        s.on('data', onData)
        s.once('error', (error) => (pending ? pending.reject(error) : reject(error)))
        s.once('close', () => (socket = undefined))
      })
    return async () => {
      socket ??= await open()
      const answered = new Promise<number>((resolve, reject) => (pending = { resolve, reject }))
      socket.write(bytes)
      return answered
    }
  }
}

async function load(input: LoadInput, count: number, record: boolean): Promise<LoadResult> {
  const makeCall = input.client === 'socket' ? socketCall(input) : fetchCall(input)
  let next = 0
  let failures = 0
  const latencies: number[] = []
  const client = async () => {
    const call = makeCall()
    while (next < count) {
      next++
      const start = performance.now()
      const status = await call()
      if (status !== 200) failures++
      if (record) latencies.push(performance.now() - start)
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: input.concurrency }, client))
  return { ms: performance.now() - start, failures, latencies }
}

const input = workerData as LoadInput
await load(input, input.warmup, false)
parentPort!.postMessage(await load(input, input.requests, true))
