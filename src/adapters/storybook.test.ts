import { CognitoIdentityProviderClient, ForgetDeviceCommand, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { activeStoryMocks, cognitoCleanup, cognitoLoader, cognitoStoryHandlers, type CognitoStory, type CognitoStoryParameters } from './storybook.ts'

/**
 * The Storybook adapter in Node: the same stable handlers the preview's worker gets, an unmodified SDK
 * client per story render with the render's endpoint, and the isolation a docs page needs.
 */

const server = setupServer(...cognitoStoryHandlers())
// msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest (the suite runs on both).
beforeAll(() => server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never))
afterAll(() => server.close())

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

const world = { devicesPerUser: { min: 4, max: 4 }, deviceRemembering: ['always' as const] }

/** What Storybook does for one story render: loaders, then beforeEach (whose cleanup runs at teardown). */
async function render(id: string, cognito: CognitoStoryParameters | false | undefined): Promise<CognitoStory> {
  const loaded = await cognitoLoader({ id, parameters: { cognito } })
  const cleanup = cognitoCleanup({ loaded })
  if (cleanup) cleanups.push(cleanup)
  return loaded.cognito!
}

function clientOf(story: CognitoStory) {
  return new CognitoIdentityProviderClient({ region: story.region, endpoint: story.endpoint, maxAttempts: 1 })
}

async function listKeys(story: CognitoStory): Promise<string[]> {
  const { Devices = [] } = await clientOf(story).send(new ListDevicesCommand({ AccessToken: story.accessToken, Limit: 60 }))
  return Devices.map((d) => d.DeviceKey!)
}

describe('cognitoLoader', () => {
  it('gives each render its own endpoint under the public host; the SDK posts to that path', async () => {
    const story = await render('demo-devices--happy-path', { seed: 3, world })
    expect(story.endpoint).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/__story\/demo-devices--happy-path\/\d+\/$/)
    expect(story.region).toBe('us-east-1')
    expect(story.poolId).toBe(story.mock.pools.list()[0]!.id)
    expect(story.username).toBe(story.mock.users.list(story.poolId)[0]!.username)
    const urls: string[] = []
    server.events.on('request:start', ({ request }) => void urls.push(request.url))
    expect(await listKeys(story)).toHaveLength(4)
    server.events.removeAllListeners()
    expect(urls).toEqual([story.endpoint])
    expect(story.mock.requests.list().map((r) => r.operation)).toEqual(['ListDevices'])
  })

  it('keeps rules apart: stories rendered at once answer from their own scenario', async () => {
    const [happy, throttled, expired] = await Promise.all([
      render('s--happy', { seed: 3, world }),
      render('s--throttled', { seed: 3, world, scenario: 'throttled' }),
      render('s--expired', { seed: 3, world, scenario: 'access-token-expired' }),
    ])
    await expect(listKeys(throttled)).rejects.toMatchObject({ name: 'TooManyRequestsException' })
    await expect(listKeys(expired)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired' })
    expect(await listKeys(happy)).toHaveLength(4)
    expect(happy.mock.requests.list()).toHaveLength(1)
    expect(throttled.mock.requests.list()).toHaveLength(1)
  })

  it('keeps state apart, even for the same story rendered twice (a docs page shows the primary story twice)', async () => {
    const first = await render('s--same', { seed: 3, world })
    const second = await render('s--same', { seed: 3, world })
    expect(second.endpoint).not.toBe(first.endpoint)
    const keys = await listKeys(first)
    expect(await listKeys(second)).toEqual(keys)
    await clientOf(first).send(new ForgetDeviceCommand({ AccessToken: first.accessToken, DeviceKey: keys[0] }))
    expect(await listKeys(first)).toEqual(keys.slice(1))
    expect(await listKeys(second)).toEqual(keys)
  })

  it('counts sequences per render: throttle twice then answer, in each story', async () => {
    const rules = [{ operations: 'ListDevices' as const, sequence: [{ error: 'TooManyRequestsException' }, { error: 'TooManyRequestsException' }, 'real'] as const }]
    const a = await render('s--seq-a', { seed: 3, world, rules })
    const b = await render('s--seq-b', { seed: 3, world, rules })
    for (const story of [a, b]) {
      await expect(listKeys(story)).rejects.toMatchObject({ name: 'TooManyRequestsException' })
      await expect(listKeys(story)).rejects.toMatchObject({ name: 'TooManyRequestsException' })
      expect(await listKeys(story)).toHaveLength(4)
    }
  })

  it('puts `rules` after `scenario`: they win where both match, and come back after reset()', async () => {
    const story = await render('s--layers', {
      seed: 3,
      world,
      scenario: 'throttled',
      rules: [{ operations: 'ListDevices', answer: 'real' }],
    })
    expect(await listKeys(story)).toHaveLength(4)
    story.mock.reset()
    expect(story.mock.scenarios.active().map((layer) => layer.source)).toEqual(['story rules', 'throttled'])
  })

  it('runs setup() before signing in, and signs in as `user`', async () => {
    const story = await render('s--setup', {
      seed: 3,
      world: { pools: 1, usersPerPool: 1, devicesPerUser: { min: 0, max: 0 } },
      setup(cognito) {
        const [pool] = cognito.pools.list()
        cognito.users.create(pool!.id, { username: 'story.user' })
        cognito.devices.create(pool!.id, 'story.user', { key: 'us-east-1_00000000-0000-4000-8000-000000000001', rememberedStatus: 'remembered' })
      },
      user: { username: 'story.user', scope: 'aws.cognito.signin.user.admin' },
    })
    expect(story.username).toBe('story.user')
    expect(await listKeys(story)).toEqual(['us-east-1_00000000-0000-4000-8000-000000000001'])
  })

  it('makes no mock for stories without parameters.cognito, or with cognito: false', async () => {
    const before = activeStoryMocks().size
    expect(await cognitoLoader({ id: 'plain', parameters: {} })).toEqual({})
    expect(await cognitoLoader({ id: 'off', parameters: { cognito: false } })).toEqual({})
    expect(cognitoCleanup({ loaded: {} })).toBeUndefined()
    expect(activeStoryMocks().size).toBe(before)
  })

  it('fails loudly on a world with nobody to sign in as, and on an unknown preset', async () => {
    await expect(cognitoLoader({ id: 'empty', parameters: { cognito: { world: { pools: 0 } } } })).rejects.toThrow(/no user pool to sign in to/)
    await expect(cognitoLoader({ id: 'typo', parameters: { cognito: { scenario: 'throttle' } } })).rejects.toThrow(/throttle/)
  })
})

describe('the stable handlers', () => {
  it('refuse the requests of an ended render instead of answering from another story', async () => {
    const story = await render('s--ended', { seed: 3, world })
    expect(activeStoryMocks().has(new URL(story.endpoint).pathname.split('/').slice(2, 4).join('/'))).toBe(true)
    for (const cleanup of cleanups.splice(0)) cleanup()
    await expect(listKeys(story)).rejects.toMatchObject({ name: 'NoStoryMock', $metadata: { httpStatusCode: 404 } })
  })

  it('refuse a Cognito request without a story endpoint (it never reaches AWS)', async () => {
    const story = await render('s--public', { seed: 3, world })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = new CognitoIdentityProviderClient({ region: 'us-east-1', maxAttempts: 1 })
    await expect(client.send(new ListDevicesCommand({ AccessToken: story.accessToken }))).rejects.toMatchObject({
      name: 'NoStoryMock',
      $metadata: { httpStatusCode: 400 },
    })
    error.mockRestore()
    expect(story.mock.requests.list()).toHaveLength(0)
  })

  it('serve the .well-known documents of the render under its endpoint', async () => {
    const story = await render('s--jwks', { seed: 3, world })
    const response = await fetch(`${story.endpoint}${story.poolId}/.well-known/jwks.json`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(await story.mock.tokens.jwks(story.poolId))
  })
})
