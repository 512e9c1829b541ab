/**
 * The load generator of bench/run.ts part d, in a worker thread so that the client's work does not share an
 * event loop with the endpoint it measures. Keep-alive `fetch` (undici's default agent), `concurrency` calls
 * in flight, `warmup` unrecorded calls then `requests` recorded ones.
 */
import { parentPort, workerData } from 'node:worker_threads'

export interface LoadInput {
  url: string
  headers: Record<string, string>
  body: string
  warmup: number
  requests: number
  concurrency: number
}

export interface LoadResult {
  ms: number
  failures: number
  latencies: number[]
}

async function load(input: LoadInput, count: number, record: boolean): Promise<LoadResult> {
  let next = 0
  let failures = 0
  const latencies: number[] = []
  const client = async () => {
    while (next < count) {
      next++
      const start = performance.now()
      const response = await fetch(input.url, { method: 'POST', headers: input.headers, body: input.body })
      await response.arrayBuffer()
      if (response.status !== 200) failures++
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
