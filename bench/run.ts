/**
 * Benchmarks of the mock. Prints figures and writes them to bench/results.json; never a pass/fail test
 * (targets are shown next to the figures, for a human to judge).
 *
 *   npm run bench                     # builds, then: node --expose-gc bench/run.ts
 *   node --expose-gc bench/run.ts --quick           # fewer iterations
 *   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/run.ts --only=a   # profile one part
 *
 * a. GetDevice / ListDevices per call, unmodified AWS SDK v3 client + MSW setupServer: the mock against a
 *    static MSW handler answering the same bytes and headers. Blocks of calls alternate between the two.
 * b. One ListDevices page (Limit 60, resumed mid-list with a PaginationToken) for a user with 100,000
 *    devices against a user with 100, through the mock's core (`cognito.handle`), alternating blocks.
 * c. Start-up of a mock with the default world (createCognitoMock() + the first call: a token and one
 *    ListDevices), median of fresh processes (import included) and of runs in this process (see
 *    bench/startup.ts); time and heap per device to seed 100,000 devices: generated world, and `devices.create`.
 * d. Requests per second on a local HTTP endpoint, keep-alive `fetch` from a bounded pool of workers.
 * e. One full SRP sign-in with device SRP: the mock's own time, and amazon-cognito-identity-js and Amplify v6
 *    end to end through MSW (see bench/sign-in.ts).
 * f. Memory over long runs: the heap across 1,000,000 `handle` calls (one in ten a sign-in), the RSS of `serve`
 *    across 300 bodies of 15 MB (see bench/memory.ts; `--calls=`, `--bodies=`), and the RSS of `serve` across
 *    1,000,000 mixed requests on 16 connections (see bench/serve-load-memory.ts; `--requests=`), as samples and
 *    a slope.
 */
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { arch, cpus, platform } from 'node:os'
import { Worker } from 'node:worker_threads'
import { CognitoIdentityProviderClient, GetDeviceCommand, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { http, type HttpHandler } from 'msw'
import mswPackage from 'msw/package.json' with { type: 'json' }
import { setupServer } from 'msw/node'
import { createCognitoMock, type CognitoMock } from '../src/index.ts'
import { startLocalEndpoint } from '../src/node.ts'
import type { LoadInput, LoadResult } from './load.ts'
import { memoryBench, memoryOptions, memoryRows } from './memory.ts'
import { serveLoadMemory, serveLoadOptions, serveLoadRows } from './serve-load-memory.ts'
import { signInBench, signInRows } from './sign-in.ts'
import { startup, type StartupTimes } from './startup.ts'

const quick = process.argv.includes('--quick')
/** `--only=a,d` runs some parts (for profiling with --cpu-prof); results.json is written by full runs only. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
const parts = new Set((only ?? 'a,b,c,d,e,f').split(',').map((part) => part.trim()))
const scale = quick ? 0.2 : 1

const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/'
const TARGET = 'AWSCognitoIdentityProviderService'
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const BIG = 100_000
const SMALL = 100
const PAGE = 60

const gc = (globalThis as { gc?: () => void }).gc
function collect(): void {
  if (!gc) return
  for (let i = 0; i < 3; i++) gc()
}
const heapUsed = () => process.memoryUsage().heapUsed

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length
const round = (value: number, digits = 3) => Number(value.toFixed(digits))

function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`)
}

interface Samples {
  /** Wall-clock ms per call, one value per block. */
  wall: number[]
  /** Process CPU ms (user + system, all threads) per call, one value per block: steadier on a busy machine. */
  cpu: number[]
}

/**
 * Runs `blocks` rounds; each round times `perBlock` calls of every variant, in an order that alternates
 * between rounds, so drift (JIT, GC, a busy machine) falls on all variants alike.
 */
async function interleaved(
  variants: Record<string, { before?: () => void; call: () => Promise<unknown> }>,
  options: { warmup: number; blocks: number; perBlock: number },
): Promise<Record<string, Samples>> {
  const names = Object.keys(variants)
  const samples: Record<string, Samples> = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]))
  for (const name of names) {
    variants[name]!.before?.()
    for (let i = 0; i < options.warmup; i++) await variants[name]!.call()
  }
  for (let block = 0; block < options.blocks; block++) {
    const order = block % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      const variant = variants[name]!
      variant.before?.()
      const cpu = process.cpuUsage()
      const start = performance.now()
      for (let i = 0; i < options.perBlock; i++) await variant.call()
      const wall = performance.now() - start
      const used = process.cpuUsage(cpu)
      samples[name]!.wall.push(wall / options.perBlock)
      samples[name]!.cpu.push((used.user + used.system) / 1000 / options.perBlock)
    }
  }
  return samples
}

function summary(samples: Samples) {
  return {
    medianMs: round(median(samples.wall), 4),
    meanMs: round(mean(samples.wall), 4),
    minMs: round(Math.min(...samples.wall), 4),
    cpuMedianMs: round(median(samples.cpu), 4),
    blocks: samples.wall.length,
  }
}

/**
 * The ratio of two interleaved variants: the median over rounds of (a's block / b's block). Blocks of one round
 * run back to back, so each ratio compares the two under the same machine load; the median drops rounds a
 * neighbour's burst of work fell on. Given for wall time and for CPU time.
 */
function pairedRatio(a: Samples, b: Samples): { wall: number; cpu: number } {
  const ratio = (x: number[], y: number[]) => round(median(x.map((value, i) => value / y[i]!)), 3)
  return { wall: ratio(a.wall, b.wall), cpu: ratio(a.cpu, b.cpu) }
}

interface SdkFigures {
  bodyBytes: number
  mock: ReturnType<typeof summary>
  static: ReturnType<typeof summary>
  ratio: { wall: number; cpu: number }
  target: number
}

function userRequest(url: string, operation: string, body: unknown): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}.${operation}` },
    body: JSON.stringify(body),
  })
}

/** Adds `count` remembered devices to a new user and gives its access token. */
async function userWithDevices(cognito: CognitoMock, poolId: string, username: string, count: number): Promise<string> {
  cognito.users.create(poolId, { username })
  for (let i = 0; i < count; i++) cognito.devices.create(poolId, username, { rememberedStatus: 'remembered' })
  return cognito.tokens.issue(poolId, username)
}

// ---------------------------------------------------------------------------------------------------
// a. SDK + MSW: the mock against a static handler with the same answer
// ---------------------------------------------------------------------------------------------------

async function sdkOverhead() {
  const cognito = createCognitoMock({ seed: 7 })
  const pool = cognito.pools.list()[0]!
  const token = await userWithDevices(cognito, pool.id, 'bench.sdk', 12)
  const deviceKey = cognito.devices.list(pool.id, 'bench.sdk')[0]!.key
  const inputs = {
    GetDevice: { AccessToken: token, DeviceKey: deviceKey },
    ListDevices: { AccessToken: token, Limit: 10 },
  }

  // The canned answers: the mock's own bytes and headers for these very calls.
  const canned: Record<string, { body: Uint8Array; headers: [string, string][] }> = {}
  for (const [operation, input] of Object.entries(inputs)) {
    const response = await cognito.handle(userRequest(ENDPOINT, operation, input))
    if (response.status !== 200) throw new Error(`${operation} answered ${response.status}: ${await response.text()}`)
    canned[operation] = { body: new Uint8Array(await response.arrayBuffer()), headers: [...response.headers] }
  }
  const staticHandler: HttpHandler = http.post(ENDPOINT, ({ request }) => {
    const operation = request.headers.get('x-amz-target')!.slice(TARGET.length + 1)
    const answer = canned[operation]!
    return new Response(answer.body.slice(), { status: 200, headers: answer.headers })
  })

  const server = setupServer()
  server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never)
  const client = new CognitoIdentityProviderClient({ region: 'us-east-1', credentials, maxAttempts: 1 })
  const commands = {
    GetDevice: () => client.send(new GetDeviceCommand(inputs.GetDevice)),
    ListDevices: () => client.send(new ListDevicesCommand(inputs.ListDevices)),
  }
  const results: Record<string, SdkFigures> = {}
  try {
    for (const [operation, send] of Object.entries(commands)) {
      progress(`a. ${operation} through the SDK`)
      // Both variants answer the same call with the same bytes, so the SDK does the same work for both.
      for (const handlers of [cognito.handlers, [staticHandler]]) {
        server.resetHandlers(...handlers)
        const probe = (await send()) as { Device?: unknown; Devices?: unknown[] }
        if (operation === 'ListDevices' ? probe.Devices?.length !== 10 : !probe.Device) throw new Error(`${operation}: unexpected answer`)
      }
      const samples = await interleaved(
        {
          mock: { before: () => server.resetHandlers(...cognito.handlers), call: send },
          static: { before: () => server.resetHandlers(staticHandler), call: send },
        },
        { warmup: Math.round(400 * scale), blocks: Math.max(20, Math.round(150 * scale)), perBlock: 20 },
      )
      const mock = summary(samples.mock!)
      const fixed = summary(samples.static!)
      results[operation] = {
        bodyBytes: canned[operation]!.body.length,
        mock,
        static: fixed,
        ratio: pairedRatio(samples.mock!, samples.static!),
        target: 1.15,
      }
    }
  } finally {
    server.close()
    client.destroy()
  }
  return results
}

// ---------------------------------------------------------------------------------------------------
// c. Start-up with the default world; seeding 100,000 devices
// ---------------------------------------------------------------------------------------------------

/** Medians of each step over `runs` (ms rounded to 0.01). */
function medianTimes<T extends object>(runs: T[]): Record<keyof T, number | null> {
  const keys = Object.keys(runs[0]!) as (keyof T)[]
  return Object.fromEntries(
    keys.map((key) => {
      const values = runs.map((run) => run[key]).filter((value): value is T[keyof T] & number => typeof value === 'number')
      return [key, values.length ? round(median(values), 2) : null]
    }),
  ) as Record<keyof T, number | null>
}

/**
 * createCognitoMock() with the default world and the first call: in fresh processes (`node bench/startup.ts`,
 * one at a time, import included: what a test file or a dev page pays) and in this one (warm).
 */
async function defaultWorldStartup() {
  const coldRuns = quick ? 3 : 7
  const warmRuns = quick ? 5 : 20
  const script = new URL('./startup.ts', import.meta.url).pathname
  const cold: (StartupTimes & { imported: string; importMs: number })[] = []
  for (let i = 0; i < coldRuns; i++) {
    const stdout = await new Promise<string>((done, failed) =>
      execFile(process.execPath, ['--expose-gc', script], (error, out, err) => (error ? failed(new Error(`${error.message}\n${err}`)) : done(out))),
    )
    cold.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as StartupTimes & { imported: string; importMs: number })
  }
  const imported = cold[0]!.imported
  const warm: StartupTimes[] = []
  for (let i = 0; i < warmRuns; i++) warm.push(await startup(createCognitoMock))
  return {
    world: `default (createCognitoMock() without options): ${warm[0]!.users} users, ${warm[0]!.devices} devices`,
    cold: { runs: coldRuns, imported, median: medianTimes(cold.map(({ imported: _, ...times }) => times)) },
    warm: { runs: warmRuns, median: medianTimes(warm) },
  }
}

const WORLD_DEVICES_PER_USER = 10_000

function seedWorld() {
  collect()
  const before = heapUsed()
  const start = performance.now()
  const cognito = createCognitoMock({
    seed: 11,
    // Ten users of 10,000 devices: a generated world allows at most 10,000 devices per user.
    world: { pools: 1, usersPerPool: BIG / WORLD_DEVICES_PER_USER, devicesPerUser: { min: WORLD_DEVICES_PER_USER, max: WORLD_DEVICES_PER_USER }, deviceRemembering: ['always'] },
  })
  const grownMs = performance.now() - start
  // A user's devices are drawn when first read: reading every user's list is what draws them.
  const pool = cognito.pools.list()[0]!
  const count = cognito.users.list(pool.id).reduce((sum, user) => sum + cognito.devices.list(pool.id, user.username).length, 0)
  const ms = performance.now() - start
  collect()
  const bytes = heapUsed() - before
  if (count !== BIG) throw new Error(`world: expected ${BIG} devices, got ${count}`)
  return {
    devices: BIG,
    /** createCognitoMock alone: users grown, their devices waiting to be read. */
    grownMs: round(grownMs, 1),
    totalMs: round(ms, 1),
    usPerDevice: round((ms * 1000) / BIG, 2),
    heapMB: round(bytes / 2 ** 20, 1),
    heapBytesPerDevice: Math.round(bytes / BIG),
  }
}

async function seedCreate() {
  const cognito = createCognitoMock({ seed: 12, world: { pools: 1, usersPerPool: 0 } })
  const pool = cognito.pools.list()[0]!
  cognito.users.create(pool.id, { username: 'bench.big' })
  collect()
  const before = heapUsed()
  const start = performance.now()
  for (let i = 0; i < BIG; i++) cognito.devices.create(pool.id, 'bench.big', { rememberedStatus: 'remembered' })
  const ms = performance.now() - start
  collect()
  const bytes = heapUsed() - before
  return {
    cognito,
    poolId: pool.id,
    figures: { devices: BIG, totalMs: round(ms, 1), usPerDevice: round((ms * 1000) / BIG, 2), heapMB: round(bytes / 2 ** 20, 1), heapBytesPerDevice: Math.round(bytes / BIG) },
  }
}

// ---------------------------------------------------------------------------------------------------
// b. A page in the middle of 100,000 devices against one of 100
// ---------------------------------------------------------------------------------------------------

async function pageTime(cognito: CognitoMock, poolId: string) {
  const bigToken = await cognito.tokens.issue(poolId, 'bench.big')
  const smallToken = await userWithDevices(cognito, poolId, 'bench.small', SMALL)

  const list = async (accessToken: string, limit: number, paginationToken?: string) => {
    const response = await cognito.handle(
      userRequest(ENDPOINT, 'ListDevices', { AccessToken: accessToken, Limit: limit, ...(paginationToken ? { PaginationToken: paginationToken } : {}) }),
    )
    const text = await response.text()
    if (response.status !== 200) throw new Error(`ListDevices answered ${response.status}: ${text}`)
    return JSON.parse(text) as { Devices: unknown[]; PaginationToken?: string }
  }

  // Cursors into the middle of each list; every page measured returns 60 devices and a next token.
  progress('b. walking to the middle of 100,000 devices')
  const bigCursors: string[] = []
  let cursor: string | undefined
  for (let page = 0; cursor === undefined || bigCursors.length < 20; page++) {
    const answer = await list(bigToken, PAGE, cursor)
    cursor = answer.PaginationToken!
    if (page * PAGE >= BIG / 2) bigCursors.push(cursor)
  }
  const smallCursors: string[] = []
  cursor = undefined
  for (let i = 0; i < 3; i++) {
    cursor = (await list(smallToken, 10, cursor)).PaginationToken!
    smallCursors.push(cursor)
  }
  for (const [token, cursors] of [
    [bigToken, bigCursors],
    [smallToken, smallCursors],
  ] as const) {
    for (const c of cursors) {
      const answer = await list(token, PAGE, c)
      if (answer.Devices.length !== PAGE || !answer.PaginationToken) throw new Error('a measured page must hold 60 devices and a token')
    }
  }

  let b = 0
  let s = 0
  progress('b. ListDevices pages, 100,000 vs 100 devices')
  const samples = await interleaved(
    {
      big: { call: () => list(bigToken, PAGE, bigCursors[b++ % bigCursors.length]) },
      small: { call: () => list(smallToken, PAGE, smallCursors[s++ % smallCursors.length]) },
    },
    { warmup: Math.round(300 * scale), blocks: Math.max(20, Math.round(150 * scale)), perBlock: 10 },
  )
  const big = summary(samples.big!)
  const small = summary(samples.small!)
  return { via: 'cognito.handle', limit: PAGE, big: { devices: BIG, ...big }, small: { devices: SMALL, ...small }, ratio: pairedRatio(samples.big!, samples.small!), target: 1.5 }
}

// ---------------------------------------------------------------------------------------------------
// d. Requests per second on the local endpoint
// ---------------------------------------------------------------------------------------------------

async function requestsPerSecond() {
  const cognito = createCognitoMock({ seed: 13 })
  const pool = cognito.pools.list()[0]!
  const token = await userWithDevices(cognito, pool.id, 'bench.http', 12)
  const deviceKey = cognito.devices.list(pool.id, 'bench.http')[0]!.key
  const endpoint = await startLocalEndpoint({ mock: cognito, port: 0 })
  const via = 'startLocalEndpoint'
  const total = Math.round(5000 * scale)
  const concurrency = 16
  const body = JSON.stringify({ AccessToken: token, DeviceKey: deviceKey })
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}.GetDevice` }
  try {
    progress(`d. ${total} GetDevice calls, concurrency ${concurrency}, via ${via}, client in a worker thread`)
    const input: LoadInput = { url: `${endpoint.url}/`, headers, body, warmup: Math.round(500 * scale), requests: total, concurrency }
    const worker = new Worker(new URL('./load.ts', import.meta.url), { workerData: input })
    const [{ ms, failures, latencies }] = (await once(worker, 'message')) as [LoadResult]
    await worker.terminate()
    if (failures) throw new Error(`${failures} of ${total} requests failed`)
    return {
      via,
      client: 'fetch (keep-alive) in a worker thread',
      operation: 'GetDevice',
      requests: total,
      concurrency,
      seconds: round(ms / 1000, 3),
      requestsPerSecond: Math.round(total / (ms / 1000)),
      latencyMs: { p50: round(percentile(latencies, 50), 3), p99: round(percentile(latencies, 99), 3) },
    }
  } finally {
    await endpoint.close()
  }
}

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

if (!gc) process.stderr.write('  (run with --expose-gc for heap figures: node --expose-gc bench/run.ts)\n')

const a = parts.has('a') ? await sdkOverhead() : undefined
collect()

let cWorld: ReturnType<typeof seedWorld> | undefined
let cStartup: Awaited<ReturnType<typeof defaultWorldStartup>> | undefined
if (parts.has('c')) {
  progress('c. start-up with the default world (fresh processes, then in this one)')
  cStartup = await defaultWorldStartup()
  collect()
  progress('c. seeding 100,000 devices as a generated world')
  cWorld = seedWorld()
  collect()
}
let b: Awaited<ReturnType<typeof pageTime>> | undefined
let cCreate: Awaited<ReturnType<typeof seedCreate>>['figures'] | undefined
if (parts.has('b') || parts.has('c')) {
  progress('c. seeding 100,000 devices with devices.create')
  const created: { cognito?: CognitoMock; poolId: string; figures: typeof cCreate } = await seedCreate()
  if (parts.has('c')) cCreate = created.figures
  if (parts.has('b')) b = await pageTime(created.cognito!, created.poolId)
  // Let the 100,000-device mock go before measuring throughput.
  created.cognito = undefined
  collect()
}

const d = parts.has('d') ? await requestsPerSecond() : undefined

if (parts.has('e')) progress('e. SRP sign-in with device SRP (the mock; amazon-cognito-identity-js and Amplify v6 through MSW)')
const e = parts.has('e') ? await signInBench(quick) : undefined
collect()

const f = parts.has('f') ? await memoryBench(memoryOptions(process.argv, quick), progress) : undefined
if (parts.has('f')) progress('f3. serve under mixed load (sign-ins, large bodies), 16 keep-alive connections')
const f3 = parts.has('f') ? await serveLoadMemory(serveLoadOptions(process.argv, quick), progress) : undefined

const results = {
  date: new Date().toISOString(),
  quick,
  environment: {
    node: process.version,
    msw: mswPackage.version,
    platform: `${platform()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    exposeGc: Boolean(gc),
  },
  sdkPerCall: a,
  listPage: b,
  seeding: { defaultWorldStartup: cStartup, world: cWorld, devicesCreate: cCreate },
  localEndpoint: d,
  signIn: e,
  memory: f && { ...f, serveLoad: f3 },
}

const verdict = (ratio: { wall: number; cpu: number }, target: number) =>
  `×${ratio.wall.toFixed(2)} wall, ×${ratio.cpu.toFixed(2)} cpu (≤ ${target} ${ratio.wall <= target ? 'ok' : ratio.cpu <= target ? 'ok on cpu' : 'MISSED'})`
const rows: [string, string, string][] = []
for (const [operation, figures] of Object.entries(a ?? {})) {
  rows.push([
    `a. ${operation} (SDK+MSW, ${figures.bodyBytes} B)`,
    `mock ${figures.mock.medianMs.toFixed(3)} ms · static ${figures.static.medianMs.toFixed(3)} ms`,
    verdict(figures.ratio, figures.target),
  ])
}
if (b) {
  rows.push([
    `b. ListDevices page, Limit ${PAGE} (handle)`,
    `${BIG.toLocaleString('en')} dev ${b.big.medianMs.toFixed(3)} ms · ${SMALL} dev ${b.small.medianMs.toFixed(3)} ms`,
    verdict(b.ratio, b.target),
  ])
}
const heap = (bytes: number) => (gc ? `${bytes} B/device` : 'heap n/a')
if (cStartup) {
  const { cold, warm } = cStartup
  const ms = (value: number | null) => (value === null ? '?' : value < 10 ? value.toFixed(2) : value.toFixed(1))
  rows.push([
    'c. start-up, default world, fresh process',
    `${ms(cold.median.totalMs)} ms: import ${cold.imported} ${ms(cold.median.importMs)} · create ${ms(cold.median.createMs)} · token ${ms(cold.median.firstTokenMs)} · ListDevices ${ms(cold.median.firstListDevicesMs)}`,
    `median of ${cold.runs}; ${cStartup.world.replace(/^.*: /, '')}`,
  ])
  rows.push([
    'c. start-up, default world, warm (in process)',
    `${ms(warm.median.totalMs)} ms: create ${ms(warm.median.createMs)} · token ${ms(warm.median.firstTokenMs)} · ListDevices ${ms(warm.median.firstListDevicesMs)}`,
    `median of ${warm.runs}; heap ${warm.median.heapBytes === null ? 'n/a' : `${round(warm.median.heapBytes / 1024, 0)} kB`}`,
  ])
}
if (cWorld) rows.push([`c. seed ${BIG.toLocaleString('en')} devices (world), all read`, `${cWorld.totalMs.toFixed(0)} ms · ${cWorld.usPerDevice} µs/device (createCognitoMock alone ${cWorld.grownMs} ms)`, heap(cWorld.heapBytesPerDevice)])
if (cCreate) rows.push([`c. seed ${BIG.toLocaleString('en')} devices (devices.create)`, `${cCreate.totalMs.toFixed(0)} ms · ${cCreate.usPerDevice} µs/device`, heap(cCreate.heapBytesPerDevice)])
if (d) rows.push([`d. local endpoint, GetDevice ×${d.requests} @${d.concurrency}`, `${d.requestsPerSecond.toLocaleString('en')} req/s · p50 ${d.latencyMs.p50} ms · p99 ${d.latencyMs.p99} ms`, d.via])

if (e) rows.push(...signInRows(e))
if (f) rows.push(...memoryRows(f))
if (f3) rows.push(...serveLoadRows(f3))

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)))
console.log(`\ncognito-device-mock bench — node ${process.version}, msw ${mswPackage.version}, ${cpus().length}× ${cpus()[0]?.model ?? '?'}${quick ? ' (quick)' : ''}\n`)
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  │  '))

if (parts.size === 6) {
  const file = new URL('./results.json', import.meta.url)
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwritten to ${file.pathname}`)
} else console.log('\n(partial run: bench/results.json left as it was)')
