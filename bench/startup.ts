/**
 * Start-up of a mock with the default world: what a developer waits for before the first mocked answer.
 * bench/run.ts part c runs `startup()` in its own process (warm: the code already loaded and compiled) and this
 * file as a script in fresh processes (cold: importing the library included, as a test file or a dev server
 * pays it once).
 *
 *   node --expose-gc bench/startup.ts        # one cold start: prints one line of JSON
 *
 * Steps, each timed: import the library (cold only: dist/index.js, what a user's code imports, or src/index.ts
 * when there is no build); `createCognitoMock()`, which seeds the default world
 * (one pool, five users, 0–8 devices each); the first call: an access token for the first user
 * (`tokens.issue`: the pool's RSA key is picked, then a signature) and one ListDevices through `handle`.
 */
import { existsSync } from 'node:fs'
import type { CognitoMock, CognitoMockOptions } from '../src/index.ts'

export interface StartupTimes {
  createMs: number
  firstTokenMs: number
  firstListDevicesMs: number
  /** createCognitoMock() + the first call (token and ListDevices). */
  totalMs: number
  users: number
  devices: number
  /** Heap kept by the mock after create (with --expose-gc; else null). */
  heapBytes: number | null
}

const gc = (globalThis as { gc?: () => void }).gc

/** Times one start of a mock with the default world, with `createCognitoMock` already imported. */
export async function startup(createCognitoMock: (options?: CognitoMockOptions) => CognitoMock): Promise<StartupTimes> {
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const cognito = createCognitoMock()
  const t1 = performance.now()
  const pool = cognito.pools.list()[0]!
  const users = cognito.users.list(pool.id)
  const AccessToken = await cognito.tokens.issue(pool.id, users[0]!.username)
  const t2 = performance.now()
  const response = await cognito.handle(
    new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices' },
      body: JSON.stringify({ AccessToken, Limit: 10 }),
    }),
  )
  const text = await response.text()
  const t3 = performance.now()
  if (response.status !== 200) throw new Error(`ListDevices answered ${response.status}: ${text}`)
  gc?.()
  const heapBytes = gc ? process.memoryUsage().heapUsed - heapBefore : null
  const devices = users.reduce((sum, user) => sum + cognito.devices.list(pool.id, user.username).length, 0)
  return { createMs: t1 - t0, firstTokenMs: t2 - t1, firstListDevicesMs: t3 - t2, totalMs: t3 - t0, users: users.length, devices, heapBytes }
}

if (import.meta.main) {
  const dist = new URL('../dist/index.js', import.meta.url)
  const entry = existsSync(dist) ? dist.href : new URL('../src/index.ts', import.meta.url).href
  const t0 = performance.now()
  const { createCognitoMock } = (await import(entry)) as typeof import('../src/index.ts')
  const importMs = performance.now() - t0
  const times = await startup(createCognitoMock)
  console.log(JSON.stringify({ imported: entry.slice(new URL('..', import.meta.url).href.length), importMs, ...times, totalMs: importMs + times.totalMs }))
}
