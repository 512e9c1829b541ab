import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCognitoMock } from '../src/index.ts'
import { readStateFile, STATE_FORMAT } from '../src/adapters/state-file.ts'
import { cliPath, startServe, type Served as ServedProcess } from './serve-process.ts'

/**
 * `cognito-device-mock serve --state FILE`: a restart keeps devices, tokens and revocations; a corrupt or foreign
 * file is refused and left as it was; a `kill -9` during a burst of saves never leaves a file that does not restore.
 * Needs `npm run build` first (`npm test` builds before vitest).
 */

/** The CLI runs the built dist/ in its own process: once (msw 3's project) is enough. */
const secondProject = process.env.COGNITO_MOCK_MSW_MAJOR === '2'
const TIMEOUT = 60_000

interface Summary {
  endpoint: string
  state?: { path: string; restored: boolean; users: number; devices: number }
  pools: { id: string; users: { username: string; accessToken: string; devices: { key: string; rememberedStatus: string }[] }[] }[]
}

type Served = ServedProcess<Summary>

/** Runs `serve` to its end (a refused start): exit code and output. */
function refusedStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--json', ...args], { stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

const serve = (args: string[]): Promise<Served> => startServe<Summary>(args)

/** A user-pools call (no SigV4: access-token operations). */
async function call(endpoint: string, operation: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, json: text === '' ? {} : JSON.parse(text) }
}

const dirs: string[] = []
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdm-state-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(secondProject)('serve --state FILE', { timeout: TIMEOUT }, () => {
  it('keeps device changes, revocations and issued tokens across a restart', async () => {
    const path = join(stateDir(), 'state.json')
    const first = await serve(['--state', path])
    expect(first.summary.state).toEqual({ path, restored: false, users: 0, devices: 0 })
    type User = Summary['pools'][0]['users'][0]
    const users = first.summary.pools[0]!.users.filter((user) => user.devices.length > 0)
    // A not-remembered device becomes remembered: only then does ListDevices (and GetDevice) show it.
    const changed = users.find((user) => user.devices.some((d) => d.rememberedStatus === 'not_remembered'))!
    const [signedOut, kept] = users.filter((user) => user !== changed) as [User, User]
    expect(kept).toBeDefined()
    const device = changed.devices.find((d) => d.rememberedStatus === 'not_remembered')!
    const before = await call(first.summary.endpoint, 'ListDevices', { AccessToken: changed.accessToken })
    expect((before.json.Devices as { DeviceKey: string }[]).map((d) => d.DeviceKey)).not.toContain(device.key)
    expect((await call(first.summary.endpoint, 'UpdateDeviceStatus', { AccessToken: changed.accessToken, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' })).status).toBe(200)
    const forgotten = kept.devices[0]!
    expect((await call(first.summary.endpoint, 'ForgetDevice', { AccessToken: kept.accessToken, DeviceKey: forgotten.key })).status).toBe(200)
    expect((await call(first.summary.endpoint, 'GlobalSignOut', { AccessToken: signedOut.accessToken })).status).toBe(200)
    expect(await first.stop()).toEqual({ code: 0, signal: null })

    const second = await serve(['--state', path])
    try {
      expect(second.summary.state).toMatchObject({ path, restored: true, users: first.summary.pools[0]!.users.length })
      // Tokens issued by the first process still work; the device change and the forgotten device stayed.
      const listed = await call(second.summary.endpoint, 'ListDevices', { AccessToken: changed.accessToken })
      expect(listed.status, JSON.stringify(listed.json)).toBe(200)
      expect((listed.json.Devices as { DeviceKey: string }[]).map((d) => d.DeviceKey)).toContain(device.key)
      const keptList = await call(second.summary.endpoint, 'ListDevices', { AccessToken: kept.accessToken })
      expect(keptList.status).toBe(200)
      expect((keptList.json.Devices as { DeviceKey: string }[]).map((d) => d.DeviceKey)).not.toContain(forgotten.key)
      // The revocation stayed: the signed-out token is refused, the new one of the second start is not.
      const refused = await call(second.summary.endpoint, 'ListDevices', { AccessToken: signedOut.accessToken })
      expect(refused.status).toBe(400)
      expect(refused.json.__type).toMatch(/NotAuthorizedException/)
      const fresh = second.summary.pools[0]!.users.find((user) => user.username === signedOut.username)!
      expect((await call(second.summary.endpoint, 'ListDevices', { AccessToken: fresh.accessToken })).status).toBe(200)
    } finally {
      await second.stop()
    }
  })

  it('refuses a corrupt, a foreign or a newer file and leaves it byte for byte', async () => {
    const dir = stateDir()
    const cases: [string, string, RegExp][] = [
      ['corrupt.json', '{nope', /is not JSON/],
      ['foreign.json', '{"hello":1}', /is JSON but not a cognito-device-mock state file/],
      ['newer.json', JSON.stringify({ format: STATE_FORMAT, formatVersion: 99, library: '9.0.0', savedAt: '2030-01-01T00:00:00.000Z', snapshot: {} }), /has format version 99/],
      ['broken.json', JSON.stringify({ format: STATE_FORMAT, formatVersion: 1, library: '0.1.0', savedAt: '2026-01-01T00:00:00.000Z', snapshot: { exact: {}, pools: 'x' } }), /cannot be restored/],
    ]
    for (const [name, text, message] of cases) {
      const path = join(dir, name)
      writeFileSync(path, text)
      const ran = await refusedStart(['--state', path])
      expect(ran.code, ran.stderr).toBe(2)
      expect(ran.stdout).toBe('')
      expect(ran.stderr).toContain(`[cognito-device-mock] --state ${path} `)
      expect(ran.stderr).toMatch(message)
      expect(ran.stderr).toContain('It was left as it is')
      expect(readFileSync(path, 'utf8')).toBe(text)
    }
    expect(readdirSync(dir).sort()).toEqual(cases.map(([name]) => name).sort())
  })

  it('never leaves a corrupt file when killed (-9) during a burst of saves', async () => {
    const dir = stateDir()
    const path = join(dir, 'state.json')
    const valid = () => {
      const envelope = readStateFile(path)!
      expect(envelope.format).toBe(STATE_FORMAT)
      createCognitoMock({ seed: 1 }).restore(envelope.snapshot)
      return envelope
    }
    let lastSavedAt = ''
    for (let round = 0; round < 5; round++) {
      const served = await serve(['--state', path, '--users', '100'])
      expect(served.summary.state?.restored).toBe(round > 0)
      if (round === 0) {
        const deadline = Date.now() + 10_000
        while (!existsSync(path) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const targets = served.summary.pools[0]!.users.filter((user) => user.devices.length > 0)
      let stop = false
      const burst = async (offset: number) => {
        for (let i = offset; !stop; i += 4) {
          const user = targets[i % targets.length]!
          const device = user.devices[0]!
          await call(served.summary.endpoint, 'UpdateDeviceStatus', { AccessToken: user.accessToken, DeviceKey: device.key, DeviceRememberedStatus: i % 8 < 4 ? 'remembered' : 'not_remembered' }).catch(() => {})
        }
      }
      const running = [0, 1, 2, 3].map(burst)
      // Under sustained load saves come every 2 s (the debounce's max wait): kill after the first, at a different moment each round.
      await new Promise((resolve) => setTimeout(resolve, 2300 + Math.floor(Math.random() * 2000)))
      expect((await served.stop('SIGKILL')).signal).toBe('SIGKILL')
      stop = true
      await Promise.all(running)
      const envelope = valid()
      expect(envelope.savedAt > lastSavedAt, 'a save happened during the burst').toBe(true)
      lastSavedAt = envelope.savedAt
    }
    // The next start removes the temp files of interrupted saves.
    const last = await serve(['--state', path])
    await last.stop()
    valid()
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
