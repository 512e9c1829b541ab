import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { outboxLine, outboxPrinter } from '../src/adapters/serve-summary.ts'
import type { OutboxMessage, WorldOptions } from '../src/index.ts'
import { startLocalEndpoint, type LocalEndpoint } from '../src/node.ts'

/**
 * `serve` prints each SMS or email code as it is sent: one text line, or one JSON line under `--json`. The
 * printer is driven in process through a real local endpoint and a real MFA sign-in; then `src/cli.ts` itself
 * (run from source by Node's type stripping, so no build is needed) prints the line after its summary.
 */

const secondProject = process.env.COGNITO_MOCK_MSW_MAJOR === '2'
const root = fileURLToPath(new URL('..', import.meta.url))
const world: WorldOptions = {
  pools: [
    {
      mfa: { mode: 'on', factors: ['sms', 'totp', 'email'], userFactors: ['sms'] },
      users: [
        { username: 'Olga.Jensen9', password: 'Secret-123!', phoneNumber: '+15555550123' },
        { username: 'ada', password: 'Secret-123!', mfa: ['email'], email: 'ada@example.com' },
      ],
    },
  ],
}

/** InitiateAuth with a password over HTTP: in an `on` pool it answers SMS_MFA or EMAIL_OTP, sending a code. */
async function signIn(url: string, clientId: string, username: string): Promise<{ ChallengeName?: string }> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Secret-123!' } }),
  })
  return (await response.json()) as { ChallengeName?: string }
}

const message: OutboxMessage = {
  id: 1, at: 0, poolId: 'us-east-1_AbC123xYz', username: 'Olga.Jensen9', medium: 'SMS', destination: '+15555550123',
  purpose: 'mfa', code: '123456', text: 'Your authentication code is 123456. ', expiresAt: 180_000,
}

describe('serve prints the outbox', () => {
  const endpoints: LocalEndpoint[] = []
  afterAll(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.close()))
  })

  it('one line per message: text, or a JSON line', () => {
    expect(outboxLine(message, false)).toBe('✉ SMS to +15555550123 for Olga.Jensen9 (us-east-1_AbC123xYz): 123456\n')
    expect(JSON.parse(outboxLine(message, true))).toEqual({ outbox: message })
    expect(outboxLine(message, true).split('\n')).toEqual([expect.any(String), ''])
    // The lifecycle's messages say what they are for; the code (or temporary password) stays last.
    expect(outboxLine({ ...message, medium: 'EMAIL', destination: 'olga@example.com', purpose: 'sign-up' }, false)).toBe('✉ EMAIL sign-up code to olga@example.com for Olga.Jensen9 (us-east-1_AbC123xYz): 123456\n')
    expect(outboxLine({ ...message, purpose: 'invitation', code: 'Rofemi-Tabuxe-4821' }, false)).toBe('✉ SMS temporary password to +15555550123 for Olga.Jensen9 (us-east-1_AbC123xYz): Rofemi-Tabuxe-4821\n')
  })

  it('holds what is sent before start (the summary comes first), then writes each message as it is sent', async () => {
    const endpoint = await startLocalEndpoint({ port: 0, seed: 4, world })
    endpoints.push(endpoint)
    const [pool] = endpoint.cognito.pools.list()
    const clientId = pool!.clients[0]!.clientId
    const text = outboxPrinter(endpoint.cognito, false)
    const json = outboxPrinter(endpoint.cognito, true)
    expect(await signIn(endpoint.url, clientId, 'Olga.Jensen9')).toMatchObject({ ChallengeName: 'SMS_MFA' })
    const lines: string[] = []
    const jsonLines: string[] = []
    text.start((line) => lines.push(line))
    json.start((line) => jsonLines.push(line))
    expect(lines).toEqual([`✉ SMS to +15555550123 for Olga.Jensen9 (${pool!.id}): ${endpoint.cognito.outbox.code({ medium: 'SMS' })}\n`])
    expect(await signIn(endpoint.url, clientId, 'ada')).toMatchObject({ ChallengeName: 'EMAIL_OTP' })
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(new RegExp(`^✉ EMAIL to ada@example\\.com for ada \\(${pool!.id}\\): \\d+\\n$`))
    expect(jsonLines.map((line) => JSON.parse(line))).toEqual(endpoint.cognito.outbox.list().map((m) => ({ outbox: m })))
    text.stop()
    json.stop()
    await signIn(endpoint.url, clientId, 'ada')
    expect(lines).toHaveLength(2)
  })

  it.skipIf(secondProject)('cognito-device-mock serve --json: the summary line, then one JSON line per code', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-outbox-'))
    try {
      writeFileSync(join(dir, 'world.json'), JSON.stringify(world))
      const child = spawn(process.execPath, [join(root, 'src/cli.ts'), 'serve', '--port', '0', '--json', '--world', join(dir, 'world.json')], { stdio: 'pipe' })
      let stdout = ''
      let stderr = ''
      const waiting = new Set<() => void>()
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        for (const check of waiting) check()
      })
      /** The first `count` complete lines, once printed. */
      const lines = (count: number) =>
        new Promise<string[]>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`fewer than ${count} lines within 30 s; stdout: ${stdout.slice(-300)}; stderr: ${stderr}`)), 30_000)
          const check = () => {
            const done = stdout.split('\n').slice(0, -1)
            if (done.length < count) return
            clearTimeout(timer)
            waiting.delete(check)
            resolve(done)
          }
          waiting.add(check)
          check()
        })
      try {
        const [first] = await lines(1)
        const summary = JSON.parse(first!) as { endpoint: string; pools: { id: string; appClientId: string }[] }
        expect(await signIn(summary.endpoint, summary.pools[0]!.appClientId, 'Olga.Jensen9')).toMatchObject({ ChallengeName: 'SMS_MFA' })
        const [, second] = await lines(2)
        expect(JSON.parse(second!)).toEqual({
          outbox: expect.objectContaining({ id: 1, medium: 'SMS', destination: '+15555550123', username: 'Olga.Jensen9', poolId: summary.pools[0]!.id, purpose: 'mfa', code: expect.stringMatching(/^\d{6}$/) }),
        })
      } finally {
        child.kill('SIGTERM')
        await new Promise((resolve) => child.once('exit', resolve))
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
