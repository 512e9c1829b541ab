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
import { connection, frame } from './raw-http.ts'
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

/** One raw keep-alive connection per client (bench/raw-http.ts); a lost answer counts as a failure (status 0). */
function socketCall(input: LoadInput): () => Call {
  const url = new URL(input.url)
  const bytes = frame(url.host, `${url.pathname}${url.search}`, input.headers, input.body)
  return () => {
    const socket = connection(url.hostname, Number(url.port || 80))
    return async () => (await socket.send(bytes)).status
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
