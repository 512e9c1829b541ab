/**
 * Part f3 of `npm run bench` (issue 13 point 4): `cognito-device-mock serve` under sustained mixed load, sign-ins
 * and large bodies included, keeps a flat resident memory. The RSS of the served process (VmRSS in
 * /proc/<pid>/status) is sampled every 10,000 requests; the figures are the RSS at 200,000 and at the end, its
 * min and max after warm-up, and a least-squares slope over the second half of the run.
 *
 * The load: 16 keep-alive raw TCP connections, one request in flight on each, pre-serialized HTTP/1.1 requests and
 * answers framed by Content-Length (as bench/load.ts's `socket` client): fetch would cost the client as much CPU as
 * the server it measures, and the machine has two cores. The mix, per 100 requests: 10 USER_PASSWORD_AUTH
 * sign-ins on the public client (the latest token is used by the others), GetUser, ListDevices (Limit 10) and
 * GetDevice, one GetUser with a bad token and one GetDevice of an unknown device (400s); one request in 2,000 is a
 * GetUser carrying 2 MB of padding (any answer will do, as long as the server lives).
 *
 * Refresh tokens live 30 days on the mock's clock: 100,000 sign-ins on a clock that never moves are 100,000 live
 * refresh tokens, as the real service would keep. So the clock moves a day every 10,000 requests through the
 * control API (`POST /_cognito-device-mock/clock`); a server without that route is measured anyway, and says so.
 * At that pace the 30-day window of live refresh tokens fills over the first 300,000 requests: a shorter run
 * measures that ramp, not the steady state (`--advance=3d` fills it in 100,000).
 *
 * Run alone, after `npm run build`: `node bench/serve-load-memory.ts [--quick] [--requests=N] [--cli=path/to/cli.js]`
 * (`--quick`: 200,000 requests; default 1,000,000; or BENCH_SERVE_REQUESTS). `--advance=1d`, `--advance-every=N`.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { connection, frame } from './raw-http.ts'

const MB = 1024 * 1024
const CLOCK_PATH = '/_cognito-device-mock/clock'

export interface ServeLoadOptions {
  requests: number
  connections: number
  largeBodyBytes: number
  /** How far the mock's clock moves each time, in the control API's syntax. */
  advance: string
  advanceEvery: number
  sampleEvery: number
  cli: string
}

export function serveLoadOptions(argv: readonly string[], quick: boolean): ServeLoadOptions {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
  return {
    requests: Number(flag('requests') ?? process.env.BENCH_SERVE_REQUESTS ?? (quick ? 200_000 : 1_000_000)),
    connections: 16,
    largeBodyBytes: 2 * MB,
    advance: flag('advance') ?? '1d',
    advanceEvery: Number(flag('advance-every') ?? 10_000),
    sampleEvery: 10_000,
    cli: flag('cli') ?? fileURLToPath(new URL('../dist/cli.js', import.meta.url)),
  }
}

type Kind = 'InitiateAuth' | 'GetUser' | 'ListDevices' | 'GetDevice' | 'badToken' | 'unknownDevice' | 'largeBody'

function kindOf(i: number): Kind {
  if (i % 2000 === 1999) return 'largeBody'
  const r = i % 100
  if (r % 10 === 0) return 'InitiateAuth'
  if (r === 5) return 'badToken'
  if (r === 55) return 'unknownDevice'
  return (['GetUser', 'ListDevices', 'GetDevice'] as const)[r % 3]!
}

/** NaN once the process is gone (it may die between the check and the read). */
function rss(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
    return line ? Number(line[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** Least-squares slope of `[x, y]`, y per unit of x. */
function slope(samples: [number, number][]): number {
  const mx = samples.reduce((s, [x]) => s + x, 0) / samples.length
  const my = samples.reduce((s, [, y]) => s + y, 0) / samples.length
  const sxx = samples.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return sxx === 0 ? 0 : samples.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx
}

interface Summary {
  endpoint: string
  pools: { clients: { clientId: string; clientSecret?: string }[]; users: { username: string; password: string; devices: { key: string }[] }[] }[]
}

export type ServeLoadResult = Awaited<ReturnType<typeof serveLoadMemory>>

export async function serveLoadMemory(options: ServeLoadOptions, log: (line: string) => void = (line) => process.stderr.write(`  … ${line}\n`)) {
  // Port 0 and the --json summary: no race for a free port, and the world's password and client come with it.
  const child = spawn(process.execPath, [options.cli, 'serve', '--port', '0', '--seed', '42', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))))
  let alive = true
  void exited.then(() => (alive = false))
  // A bench stopped from outside (Ctrl-C, a CI timeout, an uncaught error) must not leave a server behind.
  const killChild = () => child.kill('SIGTERM')
  const onSignal = (signal: NodeJS.Signals) => {
    killChild()
    process.off(signal, onSignal)
    process.kill(process.pid, signal)
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
  process.once('exit', killChild)
  for (const signal of signals) process.on(signal, onSignal)
  const connections: ReturnType<typeof connection>[] = []
  try {
    const summary = await new Promise<Summary>((resolve, reject) => {
      let text: string | undefined = ''
      // Read to the end, so that a server that logs never blocks on a full pipe.
      child.stdout.on('data', (chunk: Buffer) => {
        if (text === undefined) return
        text += chunk.toString('utf8')
        const end = text.indexOf('\n')
        if (end < 0) return
        try {
          resolve(JSON.parse(text.slice(0, end)))
        } catch {
          reject(new Error(`[cognito-device-mock] bench: serve --json printed no JSON summary: ${text.slice(0, 300)}`))
        }
        text = undefined
      })
      child.once('exit', (code) => reject(new Error(`[cognito-device-mock] bench: serve exited (${code}) before it started`)))
    })
    const { hostname, port, host } = new URL(summary.endpoint)
    const pool = summary.pools[0]!
    const user = pool.users[0]!
    const clientId = pool.clients.find((c) => !c.clientSecret)!.clientId
    const cognito = (operation: string, body: Buffer | string) =>
      frame(host, '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, body)
    const signIn = cognito('InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }))
    const badToken = cognito('GetUser', JSON.stringify({ AccessToken: 'not-a-token' }))
    const advance = frame(host, CLOCK_PATH, { 'content-type': 'application/json' }, JSON.stringify({ advance: options.advance }))
    const padding = Buffer.alloc(options.largeBodyBytes, 'x')

    // Requests that carry the token are serialized once per token (a token serves about ten requests).
    let token = ''
    let deviceKey: string | undefined
    let withToken: Partial<Record<Kind, Buffer>> = {}
    const setToken = (next: string) => {
      token = next
      withToken = {}
    }
    const request = (kind: Kind, i: number): Buffer => {
      switch (kind) {
        case 'InitiateAuth':
          return signIn
        case 'badToken':
          return badToken
        case 'largeBody':
          // Each large body differs, as real ones would: nothing can be shared between them.
          return cognito('GetUser', Buffer.concat([Buffer.from(`{"AccessToken":"${token}","Padding":"${i}`), padding, Buffer.from('"}')]))
        default:
          return (withToken[kind] ??=
            kind === 'GetUser'
              ? cognito('GetUser', JSON.stringify({ AccessToken: token }))
              : kind === 'ListDevices'
                ? cognito('ListDevices', JSON.stringify({ AccessToken: token, Limit: 10 }))
                : cognito('GetDevice', JSON.stringify({ AccessToken: token, DeviceKey: kind === 'unknownDevice' ? 'us-east-1_00000000-0000-4000-8000-000000000000' : deviceKey })))
      }
    }
    for (let c = 0; c < options.connections; c++) connections.push(connection(hostname, Number(port)))
    const first = await connections[0]!.send(signIn, true)
    if (first.status !== 200) throw new Error(`[cognito-device-mock] bench: the first sign-in answered ${first.status}: ${first.body?.slice(0, 300)}`)
    setToken(/"AccessToken":"([^"]+)"/.exec(first.body ?? '')?.[1] ?? '')

    const statuses = new Map<number, number>()
    const byKind: Partial<Record<Kind, Record<number, number>>> = {}
    const samples: [number, number][] = [[0, rss(child.pid!)]]
    const logEvery = Math.max(options.sampleEvery, Math.round(options.requests / 20 / options.sampleEvery) * options.sampleEvery)
    let next = 0
    let done = 0
    const pushSample = () => {
      const bytes = rss(child.pid!)
      if (Number.isFinite(bytes)) samples.push([done, bytes])
    }
    let lost = 0
    let advances = 0
    let clockNote: string | undefined
    let stopped: string | undefined
    void exited.then((how) => (stopped ??= `serve exited (${how}) after ${done.toLocaleString('en')} requests`))

    const drive = async (conn: ReturnType<typeof connection>) => {
      while (next < options.requests && stopped === undefined) {
        const i = next++
        let kind = kindOf(i)
        if (i > 0 && i % options.advanceEvery === 0 && clockNote === undefined) {
          const moved = await conn.send(advance, true)
          if (moved.status === 200) {
            advances++
            // The held token has expired with the move: this request signs in again at once.
            kind = 'InitiateAuth'
          } else {
            clockNote = `POST ${CLOCK_PATH} answered ${moved.status}: the clock cannot move, so the figures include every refresh token issued (30 days)`
            log(`f3. ${clockNote}`)
          }
        }
        if (kind === 'GetDevice' && deviceKey === undefined) kind = 'ListDevices'
        const wantBody = kind === 'InitiateAuth' || (kind === 'ListDevices' && deviceKey === undefined)
        const epoch = advances
        const answer = await conn.send(request(kind, i), wantBody)
        if (answer.body !== undefined && answer.status === 200) {
          // A sign-in answered after a move but sent before it holds a token already expired.
          const signedIn = kind === 'InitiateAuth' ? /"AccessToken":"([^"]+)"/.exec(answer.body)?.[1] : undefined
          if (signedIn !== undefined && epoch === advances) setToken(signedIn)
          const key = kind === 'ListDevices' ? /"DeviceKey":"([^"]+)"/.exec(answer.body)?.[1] : undefined
          if (key !== undefined) deviceKey = key
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        const counts = (byKind[kind] ??= {})
        counts[answer.status] = (counts[answer.status] ?? 0) + 1
        lost = answer.status === 0 ? lost + 1 : 0
        if (lost >= 1000) stopped ??= `1,000 requests in a row without an answer, after ${done.toLocaleString('en')}`
        done++
        if (done % options.sampleEvery === 0 && alive) {
          pushSample()
          if (done % logEvery === 0) log(`f3. ${done.toLocaleString('en')} requests: RSS ${(samples[samples.length - 1]![1] / MB).toFixed(1)} MB`)
        }
      }
    }
    const started = performance.now()
    await Promise.all(connections.map(drive))
    const seconds = (performance.now() - started) / 1000
    if (stopped !== undefined) log(`f3. STOPPED: ${stopped}`)
    if (samples[samples.length - 1]![0] !== done && alive) pushSample()

    const last = samples[samples.length - 1]!
    const afterWarmUp = samples.filter(([x]) => x >= Math.max(options.sampleEvery, last[0] / 10))
    const warm = afterWarmUp.length > 0 ? afterWarmUp : samples
    const secondHalf = samples.filter(([x]) => x >= last[0] / 2)
    const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round((bytes / MB) * 10) / 10)
    return {
      requests: done,
      connections: options.connections,
      via: relative(fileURLToPath(new URL('..', import.meta.url)), options.cli),
      mix: 'per 100: 10 InitiateAuth USER_PASSWORD_AUTH, GetUser/ListDevices/GetDevice, 1 bad token, 1 unknown device; 1 in 2,000 a GetUser with 2 MB of padding',
      largeBodyBytes: options.largeBodyBytes,
      clock: clockNote ?? `+${options.advance} every ${options.advanceEvery.toLocaleString('en')} requests (${advances} moves)`,
      clockMoved: clockNote === undefined,
      ...(stopped === undefined ? {} : { stopped }),
      seconds: Math.round(seconds),
      requestsPerSecond: Math.round(done / seconds),
      statuses: Object.fromEntries(statuses),
      byKind,
      rss: {
        samples,
        startMB: mb(samples[0]![1])!,
        at200kMB: mb(samples.find(([x]) => x === 200_000)?.[1]),
        endMB: mb(last[1])!,
        endAt: last[0],
        warmMinMB: mb(Math.min(...warm.map(([, y]) => y)))!,
        warmMaxMB: mb(Math.max(...warm.map(([, y]) => y)))!,
        /** Over the second half of the samples. */
        slopeMBPer100k: Math.round(((slope(secondHalf) * 100_000) / MB) * 100) / 100,
      },
    }
  } finally {
    for (const conn of connections) conn.close()
    process.off('exit', killChild)
    for (const signal of signals) process.off(signal, onSignal)
    killChild()
    await exited
  }
}

export function serveLoadRows(result: ServeLoadResult): [string, string, string][] {
  const { rss } = result
  const statuses = Object.entries(result.statuses).map(([status, n]) => `${n}×${status === '0' ? 'no answer' : status}`).join(' ')
  return [
    [
      `f. serve RSS, ${result.requests.toLocaleString('en')} mixed requests @${result.connections}`,
      `${rss.startMB} MB → ${rss.at200kMB === undefined || result.requests === 200_000 ? '' : `${rss.at200kMB} MB at 200,000 → `}${rss.endMB} MB at ${rss.endAt.toLocaleString('en')} (after warm-up ${rss.warmMinMB}–${rss.warmMaxMB} MB) · slope ${rss.slopeMBPer100k} MB/100,000 requests`,
      `${result.requestsPerSecond.toLocaleString('en')} req/s, ${result.seconds} s; answers ${statuses}; clock ${result.clockMoved ? result.clock : 'did not move'}${result.stopped ? `; STOPPED: ${result.stopped}` : ''}`,
    ],
  ]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await serveLoadMemory(serveLoadOptions(process.argv, process.argv.includes('--quick')))
  for (const [name, figures, note] of serveLoadRows(result)) console.log(`${name}\n  ${figures}\n  ${note}`)
  if (!result.clockMoved) console.log(`  note: ${result.clock}`)
  // A server that died under load is the failure this bench exists to catch.
  if (result.stopped) process.exitCode = 1
  console.log(`\nanswers by request: ${Object.entries(result.byKind).map(([kind, counts]) => `${kind} ${Object.entries(counts).map(([s, n]) => `${n}×${s}`).join('/')}`).join(' · ')}`)
  console.log(`RSS samples (requests, MB): ${result.rss.samples.map(([x, y]) => `${x / 1000}k:${(y / MB).toFixed(1)}`).join(' ')}`)
}
