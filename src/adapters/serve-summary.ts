import type { CognitoMock, CognitoMockOptions } from '../handle/types.ts'
import type { AwsCredentials } from '../protocol/sigv4.ts'
import type { ClockMode } from '../state/clock.ts'
import type { OutboxMessage } from '../state/types.ts'
import type { LocalEndpoint } from './local-endpoint.ts'
import { stateLine, type StateSummary } from './state-file.ts'

/*
 * The start-up summary of `cognito-device-mock serve` (src/cli.ts): what the seeded world holds and how to
 * reach it, as JSON (`--json`) or text; then one line per SMS or email message the mock sends (`outboxPrinter`).
 */

const NAME = 'cognito-device-mock'

export interface Summary {
  endpoint: string
  host: string
  port: number
  seed: string | number
  clock: ClockMode
  now: string
  adminCredentials: string
  /** `--state`: the file, and what was restored from it. */
  state?: StateSummary
  pools: {
    id: string
    name: string
    region: string
    deviceRemembering: string
    appClientId: string | undefined
    /** Every app client: sign in with `--client-id`, and a `SECRET_HASH` made from `clientSecret` when there is one. */
    clients: { clientId: string; clientName: string; clientSecret?: string }[]
    issuer: string
    users: {
      username: string
      /** The password InitiateAuth checks (USER_PASSWORD_AUTH, USER_SRP_AUTH). */
      password: string
      status: string
      enabled: boolean
      email: string
      sub: string
      accessToken: string
      /**
       * `--json` only: the ID and refresh tokens of a sign-in of the user on the pool's first client (without a
       * device), for REFRESH_TOKEN_AUTH or an ID-token check; absent for a user who cannot sign in (disabled,
       * unconfirmed, or a pool without a client).
       */
      idToken?: string
      refreshToken?: string
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
  /** `signIn`: InitiateAuth USER_PASSWORD_AUTH lines for the AWS CLI, with the public client and, if any, a confidential one. */
  examples: { shell: string[]; python: string[]; signIn: string[] }
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The ID and refresh tokens of a sign-in as data (`signInAs`); none for a user a sign-in refuses. */
async function moreTokens(cognito: CognitoMock, poolId: string, username: string): Promise<{ idToken?: string; refreshToken?: string }> {
  try {
    const { idToken, refreshToken } = await cognito.signInAs(poolId, username, { device: false })
    return { idToken, refreshToken }
  } catch {
    return {}
  }
}
const shellQuote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`)
const pyQuote = (text: string) => JSON.stringify(text)

/**
 * What `serve` prints at start-up: the endpoint, every seeded pool with its app clients (ids, secrets), every user
 * with their password and one fresh access token (with `tokens: 'all'`, `--json`'s, also an ID and a refresh token), their
 * devices, and commands to try (AWS CLI, boto3) with the first user who has a remembered device.
 *
 * @example
 * const summary = await summarize(endpoint, { clock: 'logical' })
 * process.stdout.write(json ? `${JSON.stringify(summary)}\n` : textSummary(summary))
 */
export async function summarize(endpoint: LocalEndpoint, mockOptions: Pick<CognitoMockOptions, 'clock' | 'credentials'>, tokens: 'access' | 'all' = 'access'): Promise<Summary> {
  const { cognito } = endpoint
  const pools: Summary['pools'] = []
  for (const pool of cognito.pools.list()) {
    const users: Summary['pools'][number]['users'] = []
    for (const user of cognito.users.list(pool.id)) {
      users.push({
        username: user.username,
        password: user.password,
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
      clients: pool.clients.map((client) => ({
        clientId: client.clientId,
        clientName: client.clientName,
        ...(client.clientSecret === undefined ? {} : { clientSecret: client.clientSecret }),
      })),
      issuer: cognito.tokens.issuer(pool.id),
      users,
    })
  }
  // Signed after every access token, so that --json and the text print the same access tokens (each draws from the seed).
  if (tokens === 'all') {
    for (const pool of pools) for (const user of pool.users) Object.assign(user, await moreTokens(cognito, pool.id, user.username))
  }
  const credentials = mockOptions.credentials?.[0] ?? { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
  return {
    endpoint: endpoint.url,
    host: endpoint.host,
    port: endpoint.port,
    seed: cognito.seed,
    clock: mockOptions.clock ?? 'logical',
    now: iso(cognito.clock.now()),
    adminCredentials: mockOptions.credentials
      ? `only ${mockOptions.credentials.map((c) => c.accessKeyId).join(', ')} (signatures verified)`
      : 'any access key (signature format and scope checked, not the signature)',
    pools,
    examples: { ...examples(endpoint.url, pools, credentials), signIn: signInExamples(endpoint.url, pools) },
  }
}

// AWS CLI shorthand splits on `,` and `=`, and quotes with `"`/`'`: other values need the JSON form.
const shorthandSafe = (text: string) => /^[^,={}[\]"'\\\s]+$/.test(text)

/**
 * `aws cognito-idp initiate-auth` lines for the first confirmed, enabled user: with the first public client, and
 * with the first confidential one, its SECRET_HASH made by openssl (Base64(HMAC-SHA256(secret, username + client id))).
 *
 * @example
 * signInExamples('http://127.0.0.1:4566', summary.pools)[0] // 'aws cognito-idp initiate-auth --endpoint-url … --client-id … --auth-parameters USERNAME=ada,PASSWORD=…'
 */
export function signInExamples(url: string, pools: Summary['pools']): string[] {
  for (const pool of pools) {
    const user = pool.users.find((u) => u.status === 'CONFIRMED' && u.enabled)
    if (!user) continue
    const common = `aws cognito-idp initiate-auth --endpoint-url ${url} --region ${pool.region} --auth-flow USER_PASSWORD_AUTH`
    const safe = shorthandSafe(user.username) && shorthandSafe(user.password)
    const params = safe
      ? `USERNAME=${shellQuote(user.username)},PASSWORD=${shellQuote(user.password)}`
      : shellQuote(JSON.stringify({ USERNAME: user.username, PASSWORD: user.password }))
    const lines: string[] = []
    const open = pool.clients.find((c) => c.clientSecret === undefined)
    if (open) lines.push(`${common} --client-id ${open.clientId} --auth-parameters ${params}`)
    const secret = pool.clients.find((c) => c.clientSecret !== undefined)
    if (secret && safe) {
      lines.push(
        `SECRET_HASH=$(printf '%s' ${shellQuote(user.username + secret.clientId)} | openssl dgst -sha256 -hmac ${shellQuote(secret.clientSecret!)} -binary | openssl base64 -A)`,
        `${common} --client-id ${secret.clientId} --auth-parameters ${params},SECRET_HASH="$SECRET_HASH"`,
      )
    }
    return lines
  }
  return []
}

function examples(url: string, pools: Summary['pools'], credentials: AwsCredentials): Omit<Summary['examples'], 'signIn'> {
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

/**
 * The summary as text for a terminal.
 *
 * @example
 * process.stdout.write(textSummary(await summarize(endpoint, {})))
 */
export function textSummary(summary: Summary): string {
  const lines: string[] = []
  lines.push(`${NAME}: Cognito device API at ${summary.endpoint}`)
  lines.push(`  seed ${summary.seed}, ${summary.clock} clock at ${summary.now}; admin calls: ${summary.adminCredentials}`)
  if (summary.state !== undefined) lines.push(`  ${stateLine(summary.state)}`)
  if (summary.pools.length === 0) lines.push('', 'No user pools (the world has pools: 0).')
  for (const pool of summary.pools) {
    lines.push('')
    lines.push(`User pool ${pool.id} "${pool.name}"`)
    lines.push(`  region ${pool.region}, device remembering ${pool.deviceRemembering}, app client ${pool.appClientId ?? '(none)'}`)
    for (const client of pool.clients) {
      lines.push(`  client ${client.clientName}: ${client.clientId}${client.clientSecret === undefined ? ' (public)' : `, secret ${client.clientSecret}`}`)
    }
    for (const user of pool.users) {
      // A pool with username attributes names users by their sub: the email is what they sign in with.
      const signsInAs = user.username === user.sub && user.email !== '' ? `, signs in as ${user.email}` : ''
      lines.push(`  user ${user.username} (${user.status}${user.enabled ? '' : ', disabled'})${signsInAs}, password ${user.password}`)
      lines.push(`    access token: ${user.accessToken}`)
      if (user.devices.length === 0) lines.push('    devices: none')
      else lines.push('    devices:', ...user.devices.map((d) => `      ${d.key}  ${d.rememberedStatus}`))
    }
  }
  if (summary.examples.signIn.length > 0) {
    lines.push('', 'Sign in (InitiateAuth USER_PASSWORD_AUTH; add SECRET_HASH for a client with a secret):', ...summary.examples.signIn.map((line) => `  ${line}`))
  }
  if (summary.examples.shell.length > 0) {
    lines.push('', 'Try (tokens last one hour of the mock clock):', ...summary.examples.shell.map((line) => `  ${line}`))
    lines.push('', 'or with boto3 (after the export above):', ...summary.examples.python.map((line) => `  ${line}`))
  }
  lines.push('', 'SMS and email codes (MFA) are printed below as they are sent (✉ …).', 'Serving until Ctrl-C.')
  return `${lines.join('\n')}\n`
}

/**
 * One message of the outbox as `serve` prints it: `✉ SMS to +15555550123 for ada (us-east-1_AbC): 123456` as
 * text (`✉ EMAIL sign-up code to …` for the lifecycle's codes), or with `json` one JSON line `{"outbox":{"id":1,"medium":"SMS",…,"code":"123456"}}` (the message as
 * `cognito.outbox.list()` gives it), each ending in a newline.
 *
 * @example
 * outboxLine(message, false) // '✉ EMAIL to ada@example.com for ada (us-east-1_AbC): 12345678\n'
 */
export function outboxLine(message: OutboxMessage, json: boolean): string {
  if (json) return `${JSON.stringify({ outbox: message })}\n`
  return `✉ ${message.medium}${purposeLabels[message.purpose]} to ${message.destination} for ${message.username} (${message.poolId}): ${message.code}\n`
}

/** What a line says a message is for; an MFA code's line says nothing more, as before the lifecycle existed. */
const purposeLabels: Record<OutboxMessage['purpose'], string> = {
  mfa: '',
  'sign-up': ' sign-up code',
  'forgot-password': ' password reset code',
  'verify-attribute': ' verification code',
  invitation: ' temporary password',
}

/**
 * Prints each message the mock sends, one line each (see {@link outboxLine}). Messages sent before `start`
 * (while the summary is being made) wait, so that the summary stays the first line; from `start` on, each is
 * written as it is sent. `stop` stops listening.
 *
 * @example
 * const printer = outboxPrinter(endpoint.cognito, json)
 * process.stdout.write(textSummary(await summarize(endpoint, {})))
 * printer.start((line) => process.stdout.write(line))
 */
export function outboxPrinter(cognito: Pick<CognitoMock, 'outbox'>, json: boolean): { start(write: (line: string) => void): void; stop(): void } {
  const held: string[] = []
  let write: ((line: string) => void) | undefined
  const stop = cognito.outbox.onMessage((message) => {
    const line = outboxLine(message, json)
    if (write) write(line)
    else held.push(line)
  })
  return {
    start(writer) {
      write = writer
      for (const line of held.splice(0)) writer(line)
    },
    stop,
  }
}
