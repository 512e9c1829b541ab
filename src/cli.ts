#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_LOCAL_HOST, DEFAULT_LOCAL_PORT, startLocalEndpoint, type LocalEndpoint } from './adapters/local-endpoint.ts'
import { allowedHostRules, allowedOriginSet } from './adapters/loopback-guard.ts'
import { outboxPrinter, summarize, textSummary } from './adapters/serve-summary.ts'
import { fakerForLocale, readWorldFile } from './adapters/world-file.ts'
import { openStateFile } from './adapters/state-file.ts'
import type { CognitoMockOptions } from './handle/types.ts'
import { parseScenarioValue } from './handle/control.ts'
import { reason } from './lib/errors.ts'
import type { AwsCredentials } from './protocol/sigv4.ts'
import type { ClockMode } from './state/clock.ts'
import { isRegionName } from './lib/regions.ts'
import { serveUsage } from './adapters/serve-usage.ts'
import { worldLimits } from './state/world-spec.ts'

/**
 * `cognito-device-mock serve`: the mock on a local HTTP endpoint, for the AWS CLI, boto3 and any other
 * client that takes an endpoint URL. Prints what it seeded (pools, users, fresh access tokens, device keys)
 * as text or, with `--json`, as one JSON document on one line, then serves until SIGINT or SIGTERM, printing
 * each SMS or email code the mock sends as one line (a JSON line with `--json`).
 *
 * Exit codes: 0 after a clean stop, 1 when the server cannot start, 2 for a bad command line or a refused
 * `--state` file (src/adapters/state-file.ts).
 */

const NAME = 'cognito-device-mock'


/** A bad command line: reported in one line, exit code 2. */
class UsageError extends Error {}

interface ServeArgs {
  port: number
  host: string
  allowedHosts: string[]
  allowedOrigins: string[]
  json: boolean
  /** `--faker-locale`: resolved in main, since faker's locales are imported only when asked for. */
  fakerLocale?: string
  /** `--world`: the file, named again if growing its world fails. */
  worldPath?: string
  /** `--state`: the state file. */
  statePath?: string
  mockOptions: CognitoMockOptions
}

type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; args: ServeArgs }

/** `--devices 3` or `--devices 0-5`: generated devices per user, as the world's `devicesPerUser`. */
function deviceRange(text: string): number | { min: number; max: number } {
  const range = /^(\d+)-(\d+)$/.exec(text)
  if (!range) return wholeNumber('--devices', text, worldLimits.devices)
  const [min, max] = [wholeNumber('--devices', range[1]!, worldLimits.devices), wholeNumber('--devices', range[2]!, worldLimits.devices)]
  if (min > max) throw new UsageError(`--devices takes a count or MIN-MAX with MIN ≤ MAX, got "${text}".`)
  return { min, max }
}

function wholeNumber(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`${flag} must be a whole number from 0 to ${max}, got "${text}".`)
  return Number(text)
}

/** `--world FILE`, read and checked: a copy, so that `--pools` and `--users` can change it. */
function worldFile(path: string): NonNullable<CognitoMockOptions['world']> {
  if (path === '') throw new UsageError('--world must name a JSON file.')
  try {
    return { ...readWorldFile(path, `--world ${path}`) }
  } catch (error) {
    throw new UsageError(reason(error))
  }
}

/** `--scenario NAME|JSON`: parsed as the browser's `?cognito-scenario=`; presets and rules are checked by the mock. */
function scenarioFlag(text: string): NonNullable<CognitoMockOptions['scenario']> {
  let uses: ReturnType<typeof parseScenarioValue>
  try {
    uses = parseScenarioValue(text)
  } catch (error) {
    throw new UsageError(`--scenario is neither preset names nor valid JSON: ${text.slice(0, 80)}`, { cause: error })
  }
  if (uses.length === 0) throw new UsageError('--scenario must name a preset (e.g. throttled) or give JSON rules.')
  // Several values are always preset names (a JSON value is one).
  return uses.length === 1 ? uses[0]! : (uses as NonNullable<CognitoMockOptions['scenario']>)
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
        devices: { type: 'string' },
        world: { type: 'string' },
        scenario: { type: 'string' },
        state: { type: 'string' },
        'faker-locale': { type: 'string' },
        'strict-credentials': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        'allow-origin': { type: 'string', multiple: true },
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

  // A local backend refuses what AWS refuses: admin calls signed more than 15 minutes from now (the wall clock, or
  // the mock's, which SDKs that read the server's Date header sign with).
  const mockOptions: CognitoMockOptions = { checkSignatureDate: true }
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
  const world = values.world === undefined ? {} : worldFile(values.world)
  if (values.pools !== undefined) {
    // A count in place of listed pools would drop what the file describes: the two cannot both be meant.
    if (Array.isArray(world.pools)) throw new UsageError(`--pools conflicts with --world ${values.world}, which lists its pools: change the file, or leave out --pools.`)
    world.pools = wholeNumber('--pools', values.pools, 1000)
  }
  if (values.users !== undefined) world.usersPerPool = wholeNumber('--users', values.users, 10000)
  if (values.devices !== undefined) world.devicesPerUser = deviceRange(values.devices)
  if (Object.keys(world).length > 0) mockOptions.world = world
  if (values.state === '') throw new UsageError('--state must name a file, e.g. .cognito/state.json.')
  if (values.scenario !== undefined) mockOptions.scenario = scenarioFlag(values.scenario)
  if (values['strict-credentials'] !== undefined) {
    mockOptions.credentials = values['strict-credentials'].map((pair): AwsCredentials => {
      const colon = pair.indexOf(':')
      if (colon < 1 || colon === pair.length - 1) {
        throw new UsageError(`--strict-credentials takes ACCESS_KEY_ID:SECRET_ACCESS_KEY, got "${pair.slice(0, 40)}".`)
      }
      return { accessKeyId: pair.slice(0, colon), secretAccessKey: pair.slice(colon + 1) }
    })
  }
  const allowedHosts = values['allow-host'] ?? []
  const allowedOrigins = values['allow-origin'] ?? []
  try {
    allowedHostRules(allowedHosts, '--allow-host')
    allowedOriginSet(allowedOrigins, '--allow-origin')
  } catch (error) {
    throw new UsageError(reason(error))
  }
  return {
    kind: 'serve',
    args: {
      port: values.port === undefined ? DEFAULT_LOCAL_PORT : wholeNumber('--port', values.port, 65535),
      host: values.host ?? DEFAULT_LOCAL_HOST,
      allowedHosts,
      allowedOrigins,
      json: values.json ?? false,
      ...(values['faker-locale'] === undefined ? {} : { fakerLocale: values['faker-locale'] }),
      ...(values.world === undefined ? {} : { worldPath: values.world }),
      ...(values.state === undefined ? {} : { statePath: values.state }),
      mockOptions,
    },
  }
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
    process.stdout.write(serveUsage(NAME))
    return 0
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${version()}\n`)
    return 0
  }
  const { args } = parsed
  if (args.fakerLocale !== undefined) {
    try {
      args.mockOptions.faker = await fakerForLocale(args.fakerLocale, '--faker-locale')
    } catch (error) {
      process.stderr.write(`[${NAME}] ${reason(error)}\nRun "${NAME} --help" for the options.\n`)
      return 2
    }
  }

  let endpoint: LocalEndpoint
  let state: ReturnType<ReturnType<typeof openStateFile>['attach']> | undefined
  try {
    // The file is read (and refused) before listening; restored before any request can arrive (same task).
    const stateFile = args.statePath === undefined ? undefined : openStateFile(args.statePath)
    endpoint = await startLocalEndpoint({ port: args.port, host: args.host, allowedHosts: args.allowedHosts, allowedOrigins: args.allowedOrigins, ...args.mockOptions, onAnswered: () => state?.changed() })
    try {
      state = stateFile?.attach(endpoint.cognito)
    } catch (error) {
      void endpoint.close()
      throw error
    }
  } catch (error) {
    let message = reason(error)
    // What only growing the world finds (two users of a pool with one name): say which file to fix.
    if (args.worldPath !== undefined && /^world[.[]/.test(message)) message = `--world ${args.worldPath}: ${message}`
    process.stderr.write(`[${NAME}] ${message}\n`)
    // Option values the mock refuses (e.g. a region) are command-line errors; a busy port is not.
    return /cannot listen|already in use|not allowed to listen/.test(message) ? 1 : 2
  }

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C while connections drain: leave at once.
      state?.flushSync()
      process.exit(130)
    }
    stopping = true
    if (!args.json) process.stderr.write(`[${NAME}] ${signal}: stopping.\n`)
    endpoint.close().then(
      () => {
        state?.flushSync()
        process.exit(0)
      },
      (error: unknown) => {
        process.stderr.write(`[${NAME}] error while stopping: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  // Codes sent while the summary is made are held, so that the summary is the first line.
  const outbox = outboxPrinter(endpoint.cognito, args.json)
  const summary = { ...(await summarize(endpoint, args.mockOptions, args.json ? 'all' : 'access')), ...(state && { state: state.summary }) }
  // The summary issued tokens and drew devices: saved, as is a new state file.
  state?.changed()
  process.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : textSummary(summary))
  outbox.start((line) => process.stdout.write(line))
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
