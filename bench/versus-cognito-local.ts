/**
 * `serve` side by side with cognito-local (issue 13): requests per second on the same operations, over HTTP, each
 * server in a process of its own, the load from a worker thread (bench/load.ts: 16 keep-alive raw sockets, one
 * call in flight on each, so that the client costs little beside the servers on a 2-core machine). Rounds alternate
 * the servers, so that a busy machine weighs on both alike; medians are printed, with the ratio, and each server's
 * CPU time per call (from /proc: what the server costs whether or not the client keeps it busy). A figure, not a
 * test: the target (≥ 1.5× on each) is printed beside it.
 *
 *   node bench/versus-cognito-local.ts            # after `npm run build`; installs cognito-local 5.3.0 into .tmp/
 *   node bench/versus-cognito-local.ts --rounds=5 --requests=4000
 *
 * Operations: GetUser with an access token, and a USER_PASSWORD_AUTH sign-in (InitiateAuth), on a public client.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { LoadInput, LoadResult } from './load.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const option = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const ROUNDS = option('rounds', 3)
const REQUESTS = option('requests', 3000)
const CONCURRENCY = 16
const VERSION = '5.3.0'
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** One awsJson1_1 call, as any SDK sends it (these operations need no signature). */
async function call(url: string, operation: string, input: object): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  })
  const body = await response.json()
  if (response.status !== 200) throw new Error(`${operation} at ${url}: ${response.status} ${JSON.stringify(body)}`)
  return body
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server at ${url} exited with ${child.exitCode}`)
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`server at ${url} did not start`)
}

interface Server {
  name: string
  url: string
  child: ChildProcess
  signIn: { ClientId: string; AuthParameters: { USERNAME: string; PASSWORD: string } }
}

async function startOurs(): Promise<Server> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'serve', '--port', String(port), '--seed', '42'], { stdio: 'ignore' })
  await waitUntilUp(url, child)
  // The same seed gives the same world here: the first user's password and the public client.
  const { createCognitoMock } = await import('../dist/index.js')
  const mock = createCognitoMock({ seed: 42 })
  const pool = mock.pools.list()[0]!
  const user = mock.users.list(pool.id)[0]!
  const client = pool.clients.find((c: { clientSecret?: string }) => !c.clientSecret)!
  return { name: 'cognito-device-mock', url, child, signIn: { ClientId: client.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } } }
}

async function startCognitoLocal(): Promise<Server> {
  const home = join(root, '.tmp/cognito-local')
  const bin = join(home, 'node_modules/cognito-local/lib/bin/start.js')
  if (!existsSync(bin)) {
    await mkdir(home, { recursive: true })
    await writeFile(join(home, 'package.json'), '{"name":"bench-cognito-local","private":true}\n')
    const installed = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `cognito-local@${VERSION}`], { cwd: home, stdio: 'inherit' })
    if (installed.status !== 0) throw new Error('could not install cognito-local from npm')
  }
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  // It keeps its data in ./.cognito of its working directory: a fresh one per run.
  const data = await mkdtemp(join(root, '.tmp/cognito-local/run-'))
  const child = spawn(process.execPath, [bin], { cwd: data, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' }, stdio: 'ignore' })
  child.once('exit', () => void rm(data, { recursive: true, force: true }))
  await waitUntilUp(url, child)
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench' })
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
  await call(url, 'AdminCreateUser', { UserPoolId: UserPool.Id, Username: 'ada@example.com', TemporaryPassword: 'Harbor-Falcon-4821', MessageAction: 'SUPPRESS' })
  await call(url, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'ada@example.com', Password: 'Harbor-Falcon-4821', Permanent: true })
  return { name: 'cognito-local', url, child, signIn: { ClientId: UserPoolClient.ClientId, AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'Harbor-Falcon-4821' } } }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); `undefined` elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime are fields 14 and 15 of stat(5), counted after the command name's ')'.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return undefined
  }
}
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

function load(input: LoadInput): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.ts', import.meta.url), { workerData: input })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

const headers = (operation: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` })

async function workloads(server: Server): Promise<Record<string, LoadInput>> {
  const signInBody = JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ...server.signIn })
  const { AuthenticationResult } = await call(server.url, 'InitiateAuth', JSON.parse(signInBody))
  const common = { url: server.url, warmup: 200, requests: REQUESTS, concurrency: CONCURRENCY, client: 'socket' as const }
  return {
    GetUser: { ...common, headers: headers('GetUser'), body: JSON.stringify({ AccessToken: AuthenticationResult.AccessToken }) },
    'USER_PASSWORD_AUTH sign-in': { ...common, requests: Math.ceil(REQUESTS / 3), headers: headers('InitiateAuth'), body: signInBody },
  }
}

const servers = [await startOurs(), await startCognitoLocal()]
try {
  const inputs = await Promise.all(servers.map(workloads))
  const rates: Record<string, Record<string, number[]>> = {}
  const failures: Record<string, number> = {}
  /** Server CPU microseconds per call (warm-up included): what a server costs, whether or not the client keeps it busy. */
  const cpu: Record<string, Record<string, number[]>> = {}
  // Every GetUser round before any sign-in round: cognito-local keeps each sign-in's refresh token on the user's
  // record, so its GetUser slows as sign-ins pile up (×0.6 after 5 rounds of them); measured on a fresh state, as ours.
  for (const operation of Object.keys(inputs[0]!)) {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0]
      for (const i of order) {
        const before = cpuSeconds(servers[i]!.child.pid)
        const result = await load(inputs[i]![operation]!)
        const after = cpuSeconds(servers[i]!.child.pid)
        const name = servers[i]!.name
        const requests = inputs[i]![operation]!.requests + inputs[i]![operation]!.warmup
        ;((rates[operation] ??= {})[name] ??= []).push(Math.round((inputs[i]![operation]!.requests / result.ms) * 1000))
        if (before !== undefined && after !== undefined) ((cpu[operation] ??= {})[name] ??= []).push(Math.round(((after - before) / requests) * 1e6))
        failures[name] = (failures[name] ?? 0) + result.failures
      }
    }
  }
  const figures = Object.fromEntries(
    Object.entries(rates).map(([operation, byServer]) => {
      const ours = median(byServer['cognito-device-mock']!)
      const theirs = median(byServer['cognito-local']!)
      const cpuOurs = cpu[operation]?.['cognito-device-mock']
      const cpuTheirs = cpu[operation]?.['cognito-local']
      const cpuPerCall = cpuOurs && cpuTheirs ? { 'cognito-device-mock': median(cpuOurs), 'cognito-local': median(cpuTheirs), ratio: Math.round((median(cpuTheirs) / median(cpuOurs)) * 100) / 100 } : undefined
      return [operation, { 'cognito-device-mock': ours, 'cognito-local': theirs, ratio: Math.round((ours / theirs) * 100) / 100, runs: byServer, cpuMicrosecondsPerCall: cpuPerCall }]
    }),
  )
  for (const [operation, f] of Object.entries(figures)) {
    console.log(`${operation.padEnd(28)} cognito-device-mock ${String(f['cognito-device-mock']).padStart(6)} req/s  cognito-local ${String(f['cognito-local']).padStart(6)} req/s  ×${f.ratio}  (target ≥ 1.5)`)
    const c = f.cpuMicrosecondsPerCall
    if (c) console.log(`${''.padEnd(28)} server CPU per call: ${c['cognito-device-mock']} µs vs ${c['cognito-local']} µs  ×${c.ratio} less`)
  }
  console.log(`non-200 answers: ${JSON.stringify(failures)}; concurrency ${CONCURRENCY}, ${ROUNDS} rounds, cognito-local ${VERSION}`)
  await writeFile(
    join(root, 'bench/results-versus-cognito-local.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, concurrency: CONCURRENCY, rounds: ROUNDS, cognitoLocal: VERSION, failures, figures }, null, 2)}\n`,
  )
} finally {
  for (const server of servers) server.child.kill()
}
