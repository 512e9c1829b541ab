/**
 * Part f of `npm run bench`: memory over long runs, as samples and a least-squares slope that should be flat.
 *
 * f1. In process: `cognito.handle(new Request(...))`, 1,000,000 calls by default. One call in ten is a sign-in
 *     through the handle, InitiateAuth USER_PASSWORD_AUTH (a USER_SRP_AUTH sign-in costs ~30 ms of the mock's
 *     and the client's BigInt arithmetic: 100,000 of them would take most of an hour); the others are GetDevice
 *     and ListDevices with the latest sign-in's token. The mock's clock moves a day every 1,000 calls, so that
 *     refresh tokens (30 days), sessions and access tokens expire and are pruned many times over. Heap after gc.
 * f2. `cognito-device-mock serve` (dist/cli.js, a child process): 300 bodies of 15 MB POSTed to it, its resident
 *     memory (VmRSS in /proc/<pid>/status) sampled.
 * f3, `serve` under 1,000,000 mixed requests (sign-ins, large bodies), is in bench/serve-load-memory.ts.
 *
 * Run alone: `node --expose-gc bench/memory.ts [--quick] [--calls=N] [--bodies=N] [--cli=path/to/cli.js]`
 * (or BENCH_MEMORY_CALLS, BENCH_MEMORY_BODIES). `--cli` measures another build, e.g. an older one.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCognitoMock } from '../src/index.ts'

const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/'
const MB = 1024 * 1024

export interface MemoryOptions {
  calls: number
  bodies: number
  bodyBytes: number
  /** The CLI to serve with. */
  cli: string
}

export function memoryOptions(argv: readonly string[], quick: boolean): MemoryOptions {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
  const count = (name: string, env: string, full: number, short: number) => Number(flag(name) ?? process.env[env] ?? (quick ? short : full))
  return {
    // Fewer than 300,000 calls show the ramp, not the slope: live refresh tokens fill over 31,000 calls, and the
    // cache of verified tokens makes a sawtooth of 100,000.
    calls: count('calls', 'BENCH_MEMORY_CALLS', 1_000_000, 300_000),
    bodies: count('bodies', 'BENCH_MEMORY_BODIES', 300, 40),
    bodyBytes: 15 * MB,
    cli: flag('cli') ?? fileURLToPath(new URL('../dist/cli.js', import.meta.url)),
  }
}

interface Series {
  /** `[x, bytes]`: calls or bodies so far, and the heap or RSS then. */
  samples: [number, number][]
  /** Least-squares slope over the samples after the first tenth (warm-up), bytes per unit of x. */
  slope: number
}

function series(samples: [number, number][]): Series {
  const tail = samples.filter(([x]) => x >= samples[samples.length - 1]![0] / 10)
  const mx = tail.reduce((s, [x]) => s + x, 0) / tail.length
  const my = tail.reduce((s, [, y]) => s + y, 0) / tail.length
  const sxy = tail.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const sxx = tail.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return { samples, slope: sxx === 0 ? 0 : sxy / sxx }
}

const gc = (globalThis as { gc?: () => void }).gc
function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc?.()
  return process.memoryUsage().heapUsed
}

const request = (operation: string, body: unknown) =>
  new Request(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  })

/** f1: the heap across `calls` calls through `handle`, one in ten a sign-in. */
async function inProcess(calls: number, log: (line: string) => void) {
  const cognito = createCognitoMock({ seed: 21 })
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id).find((u) => cognito.devices.list(pool.id, u.username).length > 0)!
  const deviceKey = cognito.devices.list(pool.id, user.username)[0]!.key
  const clientId = pool.clients[0]!.clientId
  const every = Math.max(1000, Math.round(calls / 20))
  const statuses = new Map<number, number>()
  const samples: [number, number][] = [[0, heapAfterGc()]]
  let token = ''
  const started = performance.now()
  for (let i = 0; i < calls; i++) {
    if (i > 0 && i % 1000 === 0) cognito.clock.advance('1d')
    let response: Response
    if (i % 10 === 0) {
      response = await cognito.handle(
        request('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }),
      )
      const answer = (await response.json()) as { AuthenticationResult?: { AccessToken: string } }
      token = answer.AuthenticationResult?.AccessToken ?? token
    } else {
      response = await cognito.handle(
        i % 2 ? request('GetDevice', { AccessToken: token, DeviceKey: deviceKey }) : request('ListDevices', { AccessToken: token, Limit: 10 }),
      )
      await response.text()
    }
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
    if ((i + 1) % every === 0) {
      samples.push([i + 1, heapAfterGc()])
      log(`f1. ${(i + 1).toLocaleString('en')} calls: heap ${(samples[samples.length - 1]![1] / MB).toFixed(1)} MB`)
    }
  }
  return {
    calls,
    signIns: 'InitiateAuth USER_PASSWORD_AUTH through handle, one call in ten (USER_SRP_AUTH: ~30 ms each, too slow for 100,000)',
    clock: 'one day every 1,000 calls',
    seconds: Math.round((performance.now() - started) / 1000),
    statuses: Object.fromEntries(statuses),
    heap: series(samples),
  }
}

function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
  return line ? Number(line[1]) * 1024 : Number.NaN
}

/** f2: the served mock's RSS across `bodies` POSTs of `bodyBytes`. */
async function served(options: MemoryOptions, log: (line: string) => void) {
  const child = spawn(process.execPath, [options.cli, 'serve', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    const summary = await new Promise<{ endpoint: string; pools: { users: { accessToken: string; devices: { key: string }[] }[] }[] }>((resolve, reject) => {
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
        const end = text.indexOf('\n')
        if (end >= 0) resolve(JSON.parse(text.slice(0, end)))
      })
      child.once('exit', (code) => reject(new Error(`[cognito-device-mock] bench: serve exited (${code}) before it started`)))
    })
    const user = summary.pools[0]!.users.find((u) => u.devices.length > 0) ?? summary.pools[0]!.users[0]!
    const head = `{"AccessToken":"${user.accessToken}","DeviceKey":"${user.devices[0]?.key ?? 'us-east-1_0'}","Junk":"`
    const filler = 'x'.repeat(options.bodyBytes - head.length - 2)
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetDevice' }
    const samples: [number, number][] = [[0, rss(child.pid!)]]
    const statuses = new Map<number, number>()
    const every = Math.max(1, Math.round(options.bodies / 30))
    const started = performance.now()
    for (let i = 0; i < options.bodies; i++) {
      // Each body differs, as real ones would: nothing can be shared between them.
      const body = `${head}${i.toString(36).padStart(6, '0')}${filler.slice(6)}"}`
      let status = 0
      try {
        const response = await fetch(`${summary.endpoint}/`, { method: 'POST', headers, body })
        await response.arrayBuffer()
        status = response.status
      } catch {
        // The server died (out of memory): the samples so far say how it got there.
        log(`f2. serve stopped answering after ${i} bodies`)
        break
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if ((i + 1) % every === 0 || i + 1 === options.bodies) {
        samples.push([i + 1, rss(child.pid!)])
        log(`f2. ${i + 1} bodies: RSS ${(samples[samples.length - 1]![1] / MB).toFixed(0)} MB`)
      }
    }
    return {
      bodies: samples[samples.length - 1]![0],
      bodyBytes: options.bodyBytes,
      via: relative(fileURLToPath(new URL('..', import.meta.url)), options.cli),
      seconds: Math.round((performance.now() - started) / 1000),
      statuses: Object.fromEntries(statuses),
      rss: series(samples),
    }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

export type MemoryResult = Awaited<ReturnType<typeof memoryBench>>

export async function memoryBench(options: MemoryOptions, log: (line: string) => void = (line) => process.stderr.write(`  … ${line}\n`)) {
  log(`f1. ${options.calls.toLocaleString('en')} calls through handle(), one in ten a sign-in${gc ? '' : ' (no --expose-gc: heap without gc)'}`)
  const heap = await inProcess(options.calls, log)
  log(`f2. ${options.bodies} bodies of ${options.bodyBytes / MB} MB to serve (${options.cli})`)
  const rssFigures = await served(options, log)
  return { inProcess: heap, serve: rssFigures }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`

export function memoryRows(result: MemoryResult): [string, string, string][] {
  const { inProcess: f1, serve: f2 } = result
  const heap = f1.heap.samples.map(([, y]) => y)
  const rss = f2.rss.samples.map(([, y]) => y)
  return [
    [
      `f. heap, ${f1.calls.toLocaleString('en')} handle() calls, 1 in 10 a sign-in (USER_PASSWORD_AUTH)`,
      `${mb(heap[0]!)} → ${mb(heap[heap.length - 1]!)} (max ${mb(Math.max(...heap))}) · slope ${(f1.heap.slope * 1000 / 1024).toFixed(1)} kB/1,000 calls`,
      `${f1.seconds} s; clock +1 day/1,000 calls`,
    ],
    [
      `f. serve RSS, ${f2.bodies} bodies of ${f2.bodyBytes / MB} MB`,
      `${mb(rss[0]!)} → ${mb(rss[rss.length - 1]!)} (max ${mb(Math.max(...rss))}) · slope ${(f2.rss.slope / 1024).toFixed(0)} kB/body`,
      `${f2.seconds} s; answers ${Object.entries(f2.statuses).map(([status, n]) => `${n}×${status}`).join(' ')}`,
    ],
  ]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await memoryBench(memoryOptions(process.argv, process.argv.includes('--quick')))
  for (const [name, figures, note] of memoryRows(result)) console.log(`${name}\n  ${figures}\n  ${note}`)
  console.log(`\nheap samples (calls, MB): ${result.inProcess.heap.samples.map(([x, y]) => `${x}:${(y / MB).toFixed(1)}`).join(' ')}`)
  console.log(`RSS samples (bodies, MB): ${result.serve.rss.samples.map(([x, y]) => `${x}:${(y / MB).toFixed(0)}`).join(' ')}`)
}
