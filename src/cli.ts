#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_LOCAL_HOST, DEFAULT_LOCAL_PORT, startLocalEndpoint, type LocalEndpoint } from './adapters/local-endpoint.ts'
import type { CognitoMockOptions } from './handle/types.ts'
import type { AwsCredentials } from './protocol/sigv4.ts'
import type { ClockMode } from './state/clock.ts'
import { isRegionName } from './lib/regions.ts'

/**
 * `cognito-device-mock serve`: the mock on a local HTTP endpoint, for the AWS CLI, boto3 and any other
 * client that takes an endpoint URL. Prints what it seeded (pools, users, fresh access tokens, device keys)
 * as text or, with `--json`, as one JSON document on one line, then serves until SIGINT or SIGTERM.
 *
 * Exit codes: 0 after a clean stop, 1 when the server cannot start, 2 for a bad command line.
 */

const NAME = 'cognito-device-mock'

const USAGE = `Usage: ${NAME} serve [options]

Serves the Cognito user-pools device API (all nine device operations) on a local HTTP endpoint, from a
seeded, stateful mock. Prints the endpoint, the seeded pools, users, fresh access tokens and device keys.

Options:
  --port N                      port to listen on (default ${DEFAULT_LOCAL_PORT}; 0 = any free port)
  --host H                      interface to listen on (default ${DEFAULT_LOCAL_HOST})
  --seed S                      seed of the world and of every generated value (default 1); a whole
                                number is used as a number, anything else as a string
  --region R                    region of the seeded pools (default us-east-1)
  --now ISO                     the reference date (default 2026-01-15T09:30:00.000Z)
  --clock logical|wall          logical (default): deterministic time; wall: real time
  --pools N                     how many user pools to seed (default 1); their device remembering
                                cycles user-opt-in, always, off
  --users N                     users per pool (default 5)
  --strict-credentials AKID:SECRET
                                verify SigV4 signatures of admin calls against these credentials
                                (repeatable); without it any well-formed signature passes
  --json                        print the startup summary as one JSON document on one line
  -h, --help                    print this help
  --version                     print the version

Example:
  ${NAME} serve --port 4566 --seed 42
  aws cognito-idp list-devices --endpoint-url http://127.0.0.1:4566 --region us-east-1 --access-token "$TOKEN"
`

/** A bad command line: reported in one line, exit code 2. */
class UsageError extends Error {}

interface ServeArgs {
  port: number
  host: string
  json: boolean
  mockOptions: CognitoMockOptions
}

type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; args: ServeArgs }

function wholeNumber(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`${flag} must be a whole number from 0 to ${max}, got "${text}".`)
  return Number(text)
}

function parseCommandLine(argv: string[]): Parsed {
  let parsed: ReturnType<typeof parse>
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        region: { type: 'string' },
        now: { type: 'string' },
        clock: { type: 'string' },
        pools: { type: 'string' },
        users: { type: 'string' },
        'strict-credentials': { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    })
  }
  try {
    parsed = parse()
  } catch (error) {
    // parseArgs's messages end with a hint about positionals that does not apply here: keep the first sentence.
    const message = error instanceof Error ? error.message : String(error)
    throw new UsageError(`${message.split(/\.\s/)[0]!.replace(/\.$/, '')}.`)
  }
  const { values, positionals } = parsed
  if (values.help || positionals[0] === 'help') return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  if (positionals.length === 0) throw new UsageError('missing command: the only command is "serve".')
  if (positionals[0] !== 'serve') throw new UsageError(`unknown command "${positionals[0]}": the only command is "serve".`)
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}" after "serve".`)

  const mockOptions: CognitoMockOptions = {}
  if (values.seed !== undefined) {
    if (values.seed === '') throw new UsageError('--seed must not be empty.')
    mockOptions.seed = /^-?\d{1,15}$/.test(values.seed) ? Number(values.seed) : values.seed
  }
  if (values.region !== undefined) {
    if (!isRegionName(values.region)) throw new UsageError(`--region must be an AWS region name such as us-east-1, got "${values.region}".`)
    mockOptions.region = values.region
  }
  if (values.now !== undefined) {
    if (Number.isNaN(Date.parse(values.now))) throw new UsageError(`--now must be an ISO 8601 date such as 2026-01-15T09:30:00Z, got "${values.now}".`)
    mockOptions.now = values.now
  }
  if (values.clock !== undefined) {
    if (values.clock !== 'logical' && values.clock !== 'wall') throw new UsageError(`--clock must be "logical" or "wall", got "${values.clock}".`)
    mockOptions.clock = values.clock as ClockMode
  }
  const world: NonNullable<CognitoMockOptions['world']> = {}
  if (values.pools !== undefined) world.pools = wholeNumber('--pools', values.pools, 1000)
  if (values.users !== undefined) world.usersPerPool = wholeNumber('--users', values.users, 10000)
  if (Object.keys(world).length > 0) mockOptions.world = world
  if (values['strict-credentials'] !== undefined) {
    mockOptions.credentials = values['strict-credentials'].map((pair): AwsCredentials => {
      const colon = pair.indexOf(':')
      if (colon < 1 || colon === pair.length - 1) {
        throw new UsageError(`--strict-credentials takes ACCESS_KEY_ID:SECRET_ACCESS_KEY, got "${pair.slice(0, 40)}".`)
      }
      return { accessKeyId: pair.slice(0, colon), secretAccessKey: pair.slice(colon + 1) }
    })
  }
  return {
    kind: 'serve',
    args: {
      port: values.port === undefined ? DEFAULT_LOCAL_PORT : wholeNumber('--port', values.port, 65535),
      host: values.host ?? DEFAULT_LOCAL_HOST,
      json: values.json ?? false,
      mockOptions,
    },
  }
}

// ---------------------------------------------------------------------------------------------------
// The startup summary
// ---------------------------------------------------------------------------------------------------

interface Summary {
  endpoint: string
  host: string
  port: number
  seed: string | number
  clock: ClockMode
  now: string
  adminCredentials: string
  pools: {
    id: string
    name: string
    region: string
    deviceRemembering: string
    appClientId: string | undefined
    issuer: string
    users: {
      username: string
      status: string
      enabled: boolean
      email: string
      sub: string
      accessToken: string
      devices: {
        key: string
        name: string | undefined
        rememberedStatus: string
        createdAt: string
        lastModifiedAt: string
        lastAuthenticatedAt: string
      }[]
    }[]
  }[]
  examples: { shell: string[]; python: string[] }
}

const iso = (ms: number) => new Date(ms).toISOString()
const shellQuote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`)
const pyQuote = (text: string) => JSON.stringify(text)

async function summarize(endpoint: LocalEndpoint, args: ServeArgs): Promise<Summary> {
  const { cognito } = endpoint
  const pools: Summary['pools'] = []
  for (const pool of cognito.pools.list()) {
    const users: Summary['pools'][number]['users'] = []
    for (const user of cognito.users.list(pool.id)) {
      users.push({
        username: user.username,
        status: user.status,
        enabled: user.enabled,
        email: user.email,
        sub: user.sub,
        accessToken: await cognito.tokens.issue(pool.id, user.username),
        devices: cognito.devices.list(pool.id, user.username).map((device) => ({
          key: device.key,
          name: device.name,
          rememberedStatus: device.rememberedStatus,
          createdAt: iso(device.createdAt),
          lastModifiedAt: iso(device.lastModifiedAt),
          lastAuthenticatedAt: iso(device.lastAuthenticatedAt),
        })),
      })
    }
    pools.push({
      id: pool.id,
      name: pool.name,
      region: pool.region,
      deviceRemembering: pool.deviceRemembering,
      appClientId: pool.clients[0]?.clientId,
      issuer: cognito.tokens.issuer(pool.id),
      users,
    })
  }
  const credentials = args.mockOptions.credentials?.[0] ?? { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
  return {
    endpoint: endpoint.url,
    host: endpoint.host,
    port: endpoint.port,
    seed: cognito.seed,
    clock: args.mockOptions.clock ?? 'logical',
    now: iso(cognito.clock.now()),
    adminCredentials: args.mockOptions.credentials
      ? `only ${args.mockOptions.credentials.map((c) => c.accessKeyId).join(', ')} (signatures verified)`
      : 'any access key (signature format and scope checked, not the signature)',
    pools,
    examples: examples(endpoint.url, pools, credentials),
  }
}

function examples(url: string, pools: Summary['pools'], credentials: AwsCredentials): Summary['examples'] {
  // The first user with a remembered device shows the most; any user will do otherwise.
  const candidates = pools.flatMap((pool) => pool.users.map((user) => ({ pool, user })))
  const pick = candidates.find(({ user }) => user.devices.some((d) => d.rememberedStatus === 'remembered')) ?? candidates[0]
  if (!pick) return { shell: [], python: [] }
  const { pool, user } = pick
  const device = user.devices.find((d) => d.rememberedStatus === 'remembered')
  const common = `--endpoint-url ${url} --region ${pool.region}`
  const shell = [
    `export TOKEN=${shellQuote(user.accessToken)}`,
    `aws cognito-idp list-devices ${common} --access-token "$TOKEN"`,
    ...(device ? [`aws cognito-idp get-device ${common} --access-token "$TOKEN" --device-key ${device.key}`] : []),
    `AWS_ACCESS_KEY_ID=${shellQuote(credentials.accessKeyId)} AWS_SECRET_ACCESS_KEY=${shellQuote(credentials.secretAccessKey)} ` +
      `aws cognito-idp admin-list-devices ${common} --user-pool-id ${pool.id} --username ${shellQuote(user.username)}`,
  ]
  const python = [
    'import os, boto3',
    `cognito = boto3.client("cognito-idp", endpoint_url=${pyQuote(url)}, region_name=${pyQuote(pool.region)}, ` +
      `aws_access_key_id=${pyQuote(credentials.accessKeyId)}, aws_secret_access_key=${pyQuote(credentials.secretAccessKey)})`,
    'print(cognito.list_devices(AccessToken=os.environ["TOKEN"])["Devices"])',
    `print(cognito.admin_list_devices(UserPoolId=${pyQuote(pool.id)}, Username=${pyQuote(user.username)})["Devices"])`,
  ]
  return { shell, python }
}

function textSummary(summary: Summary): string {
  const lines: string[] = []
  lines.push(`${NAME}: Cognito device API at ${summary.endpoint}`)
  lines.push(`  seed ${summary.seed}, ${summary.clock} clock at ${summary.now}; admin calls: ${summary.adminCredentials}`)
  if (summary.pools.length === 0) lines.push('', 'No user pools (--pools 0).')
  for (const pool of summary.pools) {
    lines.push('')
    lines.push(`User pool ${pool.id} "${pool.name}"`)
    lines.push(`  region ${pool.region}, device remembering ${pool.deviceRemembering}, app client ${pool.appClientId ?? '(none)'}`)
    for (const user of pool.users) {
      lines.push(`  user ${user.username} (${user.status}${user.enabled ? '' : ', disabled'})`)
      lines.push(`    access token: ${user.accessToken}`)
      if (user.devices.length === 0) lines.push('    devices: none')
      else lines.push('    devices:', ...user.devices.map((d) => `      ${d.key}  ${d.rememberedStatus}`))
    }
  }
  if (summary.examples.shell.length > 0) {
    lines.push('', 'Try (tokens last one hour of the mock clock):', ...summary.examples.shell.map((line) => `  ${line}`))
    lines.push('', 'or with boto3 (after the export above):', ...summary.examples.python.map((line) => `  ${line}`))
  }
  lines.push('', 'Serving until Ctrl-C.')
  return `${lines.join('\n')}\n`
}

// ---------------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------------

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

async function main(argv: string[]): Promise<number | undefined> {
  // A reader that goes away (`| head`) must not crash the server.
  process.stdout.on('error', () => {})
  let parsed: Parsed
  try {
    parsed = parseCommandLine(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`[${NAME}] ${error.message}\nRun "${NAME} --help" for the options.\n`)
    return 2
  }
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${version()}\n`)
    return 0
  }
  const { args } = parsed

  let endpoint: LocalEndpoint
  try {
    endpoint = await startLocalEndpoint({ port: args.port, host: args.host, ...args.mockOptions })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`${message.startsWith(`[${NAME}]`) ? message : `[${NAME}] ${message}`}\n`)
    // Option values the mock refuses (e.g. a region) are command-line errors; a busy port is not.
    return /cannot listen|already in use|not allowed to listen/.test(message) ? 1 : 2
  }

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C while connections drain: leave at once.
      process.exit(130)
    }
    stopping = true
    if (!args.json) process.stderr.write(`[${NAME}] ${signal}: stopping.\n`)
    endpoint.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[${NAME}] error while stopping: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  const summary = await summarize(endpoint, args)
  process.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : textSummary(summary))
  return undefined
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`[${NAME}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
