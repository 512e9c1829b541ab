import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_KEY, awsEnv, startServe, type Served } from './serve-process.ts'

/**
 * The user lifecycle through Debian's AWS CLI (`/usr/bin/aws`, apt package `awscli`, installed by `.ci/run`)
 * against `cognito-device-mock serve` in a process of its own: sign-up, confirm-sign-up with the code read from
 * the control API's outbox, admin-create-user and list-users with a filter, each asserting the JSON the CLI
 * prints. Needs `npm run build` first (`npm test` builds before vitest).
 *
 * Skipped, saying why in the suite's name, on the msw2 project (an external process runs the built dist/
 * whatever the project: running it twice proves nothing more), with COGNITO_MOCK_SKIP_PYTHON=1 (as
 * test/cli.test.ts), or when the AWS CLI is not installed (COGNITO_MOCK_AWS_CLI points at another install).
 */

const AWS = process.env.COGNITO_MOCK_AWS_CLI ?? '/usr/bin/aws'
/** Each AWS CLI run starts a Python interpreter (1–5 s on a loaded machine); a test makes up to four. */
const TIMEOUT = 120_000
const PASSWORD = 'Correct-Horse-1!'

const skipReason =
  process.env.COGNITO_MOCK_MSW_MAJOR === '2'
    ? 'msw2 project: serve runs the built dist/ whatever the project'
    : process.env.COGNITO_MOCK_SKIP_PYTHON === '1'
      ? 'COGNITO_MOCK_SKIP_PYTHON=1'
      : !existsSync(AWS)
        ? `no AWS CLI at ${AWS} (apt-get install awscli, as .ci/run does, or set COGNITO_MOCK_AWS_CLI)`
        : undefined

interface Summary {
  endpoint: string
  pools: { id: string; region: string; clients: { clientId: string; clientName: string; clientSecret?: string }[] }[]
}

interface Ran {
  code: number | null
  stdout: string
  stderr: string
  json: any
}

/** The AWS CLI's rendering of a timestamp: Python's isoformat() in UTC, microseconds dropped when zero. */
const CLI_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe.skipIf(skipReason !== undefined)(`the user lifecycle from the AWS CLI against serve${skipReason ? ` (skipped: ${skipReason})` : ''}`, { timeout: TIMEOUT }, () => {
  let served: Served<Summary>
  let poolId: string
  let clientId: string

  beforeAll(async () => {
    served = await startServe<Summary>(['--seed', '42'])
    const pool = served.summary.pools[0]!
    poolId = pool.id
    clientId = pool.clients.find((client) => client.clientSecret === undefined)!.clientId
  }, TIMEOUT)
  afterAll(() => served?.stop())

  /** `aws cognito-idp <args> --endpoint-url … --region … --output json`; admin calls are signed with a fake key. */
  function aws(args: string[], signed = args[0]!.startsWith('admin-') || args[0] === 'list-users'): Promise<Ran> {
    const all = ['cognito-idp', ...args, '--endpoint-url', served.summary.endpoint, '--region', 'us-east-1', '--output', 'json']
    return new Promise((resolve, reject) => {
      const child = spawn(AWS, all, { env: awsEnv(signed ? FAKE_KEY : null), stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      const timer = setTimeout(() => child.kill('SIGKILL'), 45_000)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        let json: any
        try {
          json = stdout.trim() === '' ? undefined : JSON.parse(stdout)
        } catch {
          json = undefined
        }
        resolve({ code, stdout, stderr, json })
      })
    })
  }

  /** The control API's outbox for `username` and `purpose`, oldest first. */
  async function outbox(username: string, purpose: string): Promise<{ code: string; destination: string; medium: string }[]> {
    const response = await fetch(`${served.summary.endpoint}/_cognito-device-mock/outbox?username=${encodeURIComponent(username)}&purpose=${purpose}`)
    expect(response.status).toBe(200)
    return ((await response.json()) as { messages: { code: string; destination: string; medium: string }[] }).messages
  }

  let noraSub: string

  it('aws cognito-idp sign-up: UserConfirmed false, the masked destination, the sub', async () => {
    const ran = await aws(
      ['sign-up', '--client-id', clientId, '--username', 'lc-nora', '--password', PASSWORD, '--user-attributes', 'Name=email,Value=lc.nora@example.com'],
      false,
    )
    expect([ran.code, ran.stderr]).toEqual([0, ''])
    expect(ran.json).toEqual({
      UserConfirmed: false,
      CodeDeliveryDetails: { Destination: 'l***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
      UserSub: expect.stringMatching(UUID),
    })
    noraSub = ran.json.UserSub
    const messages = await outbox('lc-nora', 'sign-up')
    expect(messages).toEqual([expect.objectContaining({ medium: 'EMAIL', destination: 'lc.nora@example.com', code: expect.stringMatching(/^\d{6}$/) })])
  })

  it('aws cognito-idp sign-up again: UsernameExistsException, exit code 254', async () => {
    const ran = await aws(['sign-up', '--client-id', clientId, '--username', 'lc-nora', '--password', PASSWORD, '--user-attributes', 'Name=email,Value=x@example.com'], false)
    expect(ran.code).toBe(254)
    expect(ran.stdout).toBe('')
    expect(ran.stderr.trim()).toBe('An error occurred (UsernameExistsException) when calling the SignUp operation: User already exists')
  })

  it('aws cognito-idp confirm-sign-up with the code from the control API: nothing printed; the user is CONFIRMED, the email verified', async () => {
    const wrong = await aws(['confirm-sign-up', '--client-id', clientId, '--username', 'lc-nora', '--confirmation-code', '000000x'], false)
    expect(wrong.code).toBe(254)
    expect(wrong.stderr.trim()).toBe('An error occurred (CodeMismatchException) when calling the ConfirmSignUp operation: Invalid verification code provided, please try again.')
    const [message] = await outbox('lc-nora', 'sign-up')
    const ran = await aws(['confirm-sign-up', '--client-id', clientId, '--username', 'lc-nora', '--confirmation-code', message!.code], false)
    expect([ran.code, ran.stdout, ran.stderr]).toEqual([0, '', ''])
    const got = await aws(['admin-get-user', '--user-pool-id', poolId, '--username', 'lc-nora'])
    expect(got.code).toBe(0)
    expect(got.json).toMatchObject({
      Username: 'lc-nora',
      UserStatus: 'CONFIRMED',
      Enabled: true,
      UserAttributes: [
        { Name: 'sub', Value: noraSub },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'email', Value: 'lc.nora@example.com' },
      ],
    })
  })

  it('aws cognito-idp admin-create-user: the User printed, FORCE_CHANGE_PASSWORD; the invitation in the outbox', async () => {
    const ran = await aws(['admin-create-user', '--user-pool-id', poolId, '--username', 'lc-diego', '--user-attributes', 'Name=email,Value=lc.diego@example.com', 'Name=name,Value=Diego'])
    expect([ran.code, ran.stderr]).toEqual([0, ''])
    expect(Object.keys(ran.json)).toEqual(['User'])
    const { User } = ran.json
    expect(User).toMatchObject({ Username: 'lc-diego', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' })
    expect(User.Attributes[0]).toEqual({ Name: 'sub', Value: expect.stringMatching(UUID) })
    expect(User.Attributes).toContainEqual({ Name: 'email', Value: 'lc.diego@example.com' })
    expect(User.Attributes).toContainEqual({ Name: 'name', Value: 'Diego' })
    expect(User.UserCreateDate).toMatch(CLI_DATE)
    expect(User.UserLastModifiedDate).toBe(User.UserCreateDate)
    const [invitation] = await outbox('lc-diego', 'invitation')
    expect(invitation).toMatchObject({ medium: 'EMAIL', destination: 'lc.diego@example.com' })
    const again = await aws(['admin-create-user', '--user-pool-id', poolId, '--username', 'lc-diego', '--user-attributes', 'Name=email,Value=lc.diego@example.com'])
    expect(again.code).toBe(254)
    expect(again.stderr.trim()).toBe('An error occurred (UsernameExistsException) when calling the AdminCreateUser operation: User account already exists')
  })

  it('aws cognito-idp list-users --filter \'email ^= "lc."\': the two users, by username, with the CLI’s dates', async () => {
    const ran = await aws(['list-users', '--user-pool-id', poolId, '--filter', 'email ^= "lc."'])
    expect([ran.code, ran.stderr]).toEqual([0, ''])
    expect(Object.keys(ran.json)).toEqual(['Users'])
    expect(ran.json.Users.map((u: any) => [u.Username, u.UserStatus, u.Enabled])).toEqual([
      ['lc-diego', 'FORCE_CHANGE_PASSWORD', true],
      ['lc-nora', 'CONFIRMED', true],
    ])
    for (const user of ran.json.Users) {
      expect(Object.keys(user).sort()).toEqual(['Attributes', 'Enabled', 'UserCreateDate', 'UserLastModifiedDate', 'UserStatus', 'Username'])
      expect(user.UserCreateDate).toMatch(CLI_DATE)
      expect(user.UserLastModifiedDate).toMatch(CLI_DATE)
    }
    const emails = await aws(['list-users', '--user-pool-id', poolId, '--filter', 'email ^= "lc."', '--attributes-to-get', 'email'])
    expect(emails.json.Users.map((u: any) => u.Attributes)).toEqual([[{ Name: 'email', Value: 'lc.diego@example.com' }], [{ Name: 'email', Value: 'lc.nora@example.com' }]])
    const bad = await aws(['list-users', '--user-pool-id', poolId, '--filter', 'email ~ "lc."'])
    expect(bad.code).toBe(254)
    expect(bad.stderr.trim()).toBe('An error occurred (InvalidParameterException) when calling the ListUsers operation: Error while parsing filter.')
  })
})
