import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createCognitoMock, fidelity } from '../src/index.ts'
import { startLocalEndpoint } from '../src/node.ts'
import { ENDPOINT, jsonHeaders, signedIn, startMock } from './support.ts'

/**
 * Faults an outside reliability probe found in how bodies reach the queue: a body that never finishes must keep
 * only its own call waiting, and a huge one must be refused before it is read to the end.
 */

/** A POST whose body sends its first bytes, then never another nor its end. */
function stalledRequest(operation: string, declaredLength?: number): { request: Request } {
  let pulled = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === 0) {
        pulled++
        controller.enqueue(new TextEncoder().encode('{"AccessToken":"'))
      }
      // Never closes, never errors: the upload stalls.
      return new Promise(() => {})
    },
  })
  const headers: Record<string, string> = jsonHeaders(operation)
  if (declaredLength !== undefined) headers['content-length'] = String(declaredLength)
  return { request: new Request(ENDPOINT, { method: 'POST', headers, body, duplex: 'half' } as RequestInit) }
}

const settledWithin = <T>(promise: Promise<T>, ms: number): Promise<'settled' | 'pending'> =>
  Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))])

describe('a body that never finishes', () => {
  it('keeps only its own call waiting: later calls to handle() are answered, in order', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const { token } = await signedIn(cognito, 1)
    const stalled = stalledRequest('ListDevices')
    const first = cognito.handle(stalled.request)
    const later = await Promise.all(
      Array.from({ length: 3 }, () =>
        cognito.handle(new Request(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body: JSON.stringify({ AccessToken: token }) })),
      ),
    )
    expect(later.map((response) => response.status)).toEqual([200, 200, 200])
    expect(await settledWithin(first, 50)).toBe('pending')
    // The stalled call never reached the queue: the log holds the three that arrived whole.
    expect(cognito.requests.list().map((record) => record.operation)).toEqual(['ListDevices', 'ListDevices', 'ListDevices'])
  })

  it('with a declared Content-Length too', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const { token } = await signedIn(cognito, 1)
    const first = cognito.handle(stalledRequest('ListDevices', 2000).request)
    const next = await cognito.handle(new Request(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body: JSON.stringify({ AccessToken: token }) }))
    expect(next.status).toBe(200)
    expect(await settledWithin(first, 50)).toBe('pending')
  })

  it('through MSW: a stalled fetch does not hold the next one', async () => {
    const fixture = startMock({ seed: 42 })
    try {
      const { token } = await signedIn(fixture.cognito, 1)
      const controller = new AbortController()
      const stalled = stalledRequest('ListDevices')
      const first = fetch(stalled.request, { signal: controller.signal }).catch(() => undefined)
      const next = await fetch(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body: JSON.stringify({ AccessToken: token }) })
      expect(next.status).toBe(200)
      controller.abort()
      await first
    } finally {
      fixture.close()
    }
  })

  it('at the local endpoint: a client that stops mid-body does not hold the others', async () => {
    const endpoint = await startLocalEndpoint({ port: 0, seed: 42 })
    try {
      const { token } = await signedIn(endpoint.cognito, 1)
      const url = new URL(endpoint.url)
      const slow = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { ...jsonHeaders('ListDevices'), 'content-length': '5000' } })
      slow.on('error', () => undefined)
      slow.write('{"AccessToken":"')
      const next = await fetch(endpoint.url, { method: 'POST', headers: jsonHeaders('ListDevices'), body: JSON.stringify({ AccessToken: token }) })
      expect(next.status).toBe(200)
      slow.destroy()
    } finally {
      await endpoint.close()
    }
  })
})

describe('a body above fidelity.requestTooLarge', () => {
  const max = fidelity.requestTooLarge.maxBytes

  it('is refused with 413 when it declares its length, without waiting for it (this body never ends)', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const response = await cognito.handle(stalledRequest('ListDevices', max + 1).request)
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ message: fidelity.requestTooLarge.message })
    expect(cognito.requests.list()).toMatchObject([{ operation: 'ListDevices', status: 413 }])
  })

  it('is refused with 413 when it streams past the bound without declaring it', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const chunk = new Uint8Array(1024 * 1024).fill(0x20)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    const response = await cognito.handle(new Request(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body, duplex: 'half' } as RequestInit))
    expect(response.status).toBe(413)
    // Reading stopped right after the bound: the endless body was not consumed further.
    expect(sent).toBeLessThanOrEqual(max + 2 * chunk.byteLength)
  })

  it('at the bound exactly, the body is read and answered as Cognito would', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const { token } = await signedIn(cognito, 1)
    const text = JSON.stringify({ AccessToken: token })
    const padded = text + ' '.repeat(max - text.length)
    const response = await cognito.handle(new Request(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body: padded }))
    expect(response.status).toBe(200)
  })
})

describe('what a call leaves behind', () => {
  it('a request whose body was already read is a usage error, not a silent network error', async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const request = new Request(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body: '{}' })
    await request.text()
    await expect(cognito.handle(request)).rejects.toThrow(/\[cognito-device-mock\] handle\(\) could not read the request body/)
  })

  it("a client that gives up on a 'hang' or a long latency gets its network error at once", async () => {
    const cognito = createCognitoMock({ seed: 42 })
    const { token } = await signedIn(cognito, 1)
    for (const rule of [{ answer: 'hang' as const }, { answer: 'real' as const, latency: '1h' as const }]) {
      cognito.scenarios.clear()
      cognito.scenarios.use({ operations: 'ListDevices', ...rule })
      const controller = new AbortController()
      const answer = cognito.handle(
        new Request(ENDPOINT, { method: 'POST', headers: jsonHeaders('ListDevices'), body: JSON.stringify({ AccessToken: token }), signal: controller.signal }),
      )
      expect(await settledWithin(answer, 30)).toBe('pending')
      controller.abort()
      expect((await answer).type).toBe('error')
    }
  })
})
