import { afterAll, describe, expect, it } from 'vitest'
import { startLocalEndpoint, type LocalEndpoint } from './local-endpoint.ts'
import { summarize, textSummary } from './serve-summary.ts'

describe('serve\'s summary', () => {
  const endpoints: LocalEndpoint[] = []
  afterAll(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.close()))
  })

  it('names what a user of an email-as-username pool signs in with (their username is their sub)', async () => {
    const endpoint = await startLocalEndpoint({
      port: 0,
      seed: 3,
      world: { pools: [{ usernameAttributes: ['email'], users: [{ email: 'ada@example.com', password: 'Correct-Horse-1!' }] }, { users: [{ username: 'bob' }] }], devicesPerUser: 0 },
    })
    endpoints.push(endpoint)
    const text = textSummary(await summarize(endpoint, {}))
    const ada = endpoint.cognito.users.list(endpoint.cognito.pools.list()[0]!.id)[0]!
    expect(text).toContain(`  user ${ada.sub} (CONFIRMED), signs in as ada@example.com, password Correct-Horse-1!\n`)
    expect(text).toMatch(/\n {2}user bob \(CONFIRMED\), password \S+\n/)
  })
})
