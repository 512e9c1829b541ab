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

const USAGE = `Usage: ${NAME} serve [options]

Serves the Cognito user-pools device API (all nine device operations) on a local HTTP endpoint, from a
seeded, stateful mock. Prints the endpoint, the seeded pools, users, fresh access tokens and device keys,
then each SMS or email code (MFA) as it is sent, one line each:
  ✉ SMS to +15555550123 for ada (us-east-1_AbC123xYz): 123456
It prints each user's password and each app client's id (and secret), for the sign-in operations too:
InitiateAuth (USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH), RespondToAuthChallenge, then
ConfirmDevice, UpdateDeviceStatus and the other device calls with the AccessToken it returns. A client with
a secret needs SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)).
Control API (for tests in any language): /_cognito-device-mock/requests, /scenario, /reset, /outbox.
Its tokens and signing keys are for tests, not secrets: anyone with the package and the seed can sign
tokens it accepts (README, "Tokens are not secrets").

Options:
  --port N                      port to listen on (default ${DEFAULT_LOCAL_PORT}; 0 = any free port)
  --host H                      interface to listen on (default ${DEFAULT_LOCAL_HOST})
  --seed S                      seed of the world and of every generated value (default 1); a whole
                                number is used as a number, anything else as a string
  --region R                    region of the seeded pools (default us-east-1)
  --now ISO                     the reference date (default 2026-01-15T09:30:00.000Z)
  --clock logical|wall          logical (default): deterministic time; wall: real time
  --world FILE                  the seeded world from a JSON file: its shape, or the pools, users and
                                devices themselves, partly described (createCognitoMock's world option,
                                without factories), e.g. {"pools": [{"name": "Acme", "users":
                                [{"username": "ada", "password": "Secret-123!"}, 4]}]}
  --pools N                     how many user pools to seed (default 1); their device remembering
                                cycles user-opt-in, always, off. Overrides the file's "pools" count;
                                refused if the file lists its pools
  --users N                     users of each pool whose "users" the file does not give (default 5);
                                overrides the file's "usersPerPool"
  --faker-locale CODE           the locale the seeded world speaks, one of faker's: de, en_GB, fr, ja,
                                pt_BR, … (default: the mock's own light word lists)
  --allow-host NAME             also answer requests whose Host is NAME (repeatable; ".example.test" =
                                it and every name under it, "*" = any). Only localhost, *.localhost and
                                this server's own addresses pass by default; any other Host gets a 403,
                                so that a web page cannot reach the server by DNS rebinding
  --allow-origin ORIGIN         also let pages of ORIGIN (https://app.example.test:8443) call the server
                                from a browser (repeatable; "*" = any page). By default only pages of
                                http(s)://localhost, *.localhost, 127.0.0.1 and [::1], any port: a
                                request from another page gets a 403, so a site you visit cannot drive it
  --strict-credentials AKID:SECRET
                                verify SigV4 signatures of admin calls against these credentials
                                (repeatable); without it any well-formed signature passes. Either
                                way a signature must cover X-Amz-Target, be scoped to the pool's
                                region and be dated within 15 minutes of now, as AWS requires
  --scenario NAME|JSON          a scenario active from the start and after each reset: preset names
                                separated by commas (slow-network,flaky), or JSON (a scenario, a rule
                                or a list of rules), as the browser's ?cognito-scenario= takes
  --state FILE                  keep the state (devices, tokens, revocations, sign-ins) in FILE: restored
                                at start, saved atomically after changes and on exit. A missing FILE
                                is made (its directory must exist); one that is not a state file, or
                                was saved with another --seed, is refused and left untouched
  --json                        print the startup summary as one JSON document on one line, and
                                each code sent as a JSON line {"outbox": {…, "code": "123456"}}
  -h, --help                    print this help
  --version                     print the version

Examples:
  ${NAME} serve --port 4566 --seed 42
  ${NAME} serve --world world.json --faker-locale de
  ${NAME} serve --host 0.0.0.0 --allow-host cognito --allow-origin https://app.example.test
  ${NAME} serve --scenario throttled
  ${NAME} serve --state .cognito/state.json
  aws cognito-idp initiate-auth --endpoint-url http://127.0.0.1:4566 --region us-east-1 --auth-flow USER_PASSWORD_AUTH --client-id "$CLIENT_ID" --auth-parameters USERNAME="$USERNAME",PASSWORD="$PASSWORD"
  aws cognito-idp list-devices --endpoint-url http://127.0.0.1:4566 --region us-east-1 --access-token "$TOKEN"
`

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
    process.stdout.write(USAGE)
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
  const summary = { ...(await summarize(endpoint, args.mockOptions)), ...(state && { state: state.summary }) }
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
