import { describe, expect, it } from 'vitest'
import { createCognitoMock } from '../src/index.ts'
import { cognitoRequest } from './support.ts'

/**
 * The request log is bounded in bytes as well as in entries: huge inputs are cut when recorded (a prefix and
 * what was left out), and the oldest entries go once the log passes its budget. Ordinary inputs are kept whole.
 */

const BUDGET = 16 * 1024 * 1024
const MB = 1024 * 1024

describe('the request log under huge bodies', () => {
  it('500 calls of 1 MB: entries are cut and say so, the log stays within its budget, small inputs stay whole', async () => {
    const cognito = createCognitoMock({ seed: 9 })
    const [pool] = cognito.pools.list()
    const [user] = cognito.users.list(pool!.id)
    const token = await cognito.tokens.issue(pool!.id, user!.username)
    const small = { AccessToken: token, DeviceKey: 'us-east-1_0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' }
    await cognito.handle(await cognitoRequest('GetDevice', small))
    // Bodies written by hand: stringifying 1 MB objects 500 times would cost the test more than the mock does.
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetDevice' }
    for (let i = 0; i < 500; i++) {
      const filler = String(i % 10).repeat(MB)
      const body = i % 2 === 0 ? `{"AccessToken":"${filler}","DeviceKey":"${small.DeviceKey}"}` : `{"AccessToken":"${token}","DeviceKey":"${small.DeviceKey}","Junk":"${filler}"}`
      await cognito.handle(new Request('https://cognito-idp.us-east-1.amazonaws.com/', { method: 'POST', headers, body }))
    }
    const log = cognito.requests.list()
    expect(log).toHaveLength(501)
    expect(JSON.stringify(log).length).toBeLessThan(BUDGET)

    // The first call, small, is whole (its token masked as ever), and not marked.
    expect(log[0]!.input).toEqual({ ...small, AccessToken: '***' })
    expect(log[0]).not.toHaveProperty('truncated')
    // A cut entry says so, keeps a prefix and the length; a sensitive member is masked, cut or not.
    const [even, odd] = [log[499]!, log[500]!]
    expect(even).toMatchObject({ truncated: true, input: { AccessToken: '***', DeviceKey: small.DeviceKey } })
    expect(odd).toMatchObject({ truncated: true, input: { AccessToken: '***', DeviceKey: small.DeviceKey, Junk: `${'9'.repeat(4096)}…[truncated, ${MB} characters]` } })
  }, 120_000)

  it('wide inputs: each entry is cut to about 64 kB, and past the budget the oldest entries go first', async () => {
    const cognito = createCognitoMock({ seed: 9 })
    const wide = (i: number) => Object.fromEntries(Array.from({ length: 120 }, (_, k) => [`Member${k}`, `${i}-`.padEnd(1000, 'x')]))
    for (let i = 0; i < 300; i++) await cognito.handle(await cognitoRequest('ListDevices', wide(i)))
    const log = cognito.requests.list()
    expect(JSON.stringify(log).length).toBeLessThan(BUDGET)
    expect(log.length).toBeGreaterThan(200)
    expect(log.length).toBeLessThan(300)
    const newest = log[log.length - 1]!.input as Record<string, string>
    expect(newest.Member0).toBe('299-'.padEnd(1000, 'x'))
    expect(newest['…']).toMatch(/^\[truncated, \d+ more members\]$/)
    expect(log.every((entry) => entry.truncated === true)).toBe(true)
  }, 120_000)
})
