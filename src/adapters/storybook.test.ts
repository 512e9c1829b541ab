import { CognitoIdentityProviderClient, ForgetDeviceCommand, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { faker as fakerDE } from '@faker-js/faker/locale/de'
import { setupServer } from 'msw/node'
import { combineParameters } from 'storybook/preview-api'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { activeStoryMocks, cognitoCleanup, cognitoLoader, cognitoStoryHandlers } from './storybook.ts'
import type { CognitoStory, CognitoStoryParameters } from './storybook-types.ts'

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

describe('declarative worlds in parameters.cognito', () => {
  /** Storybook's own merge of preview, component and story parameters (plain objects deeply, the rest replaced). */
  const merged = (...levels: { cognito?: CognitoStoryParameters }[]) => combineParameters(...levels).cognito as CognitoStoryParameters

  it('reach the mock through Storybook’s merge: a story’s pools replace the component’s, factories and faker pass as they are', async () => {
    const device = ({ index }: { index: number }) => ({ lastIp: `10.0.0.${index + 1}` })
    const parameters = merged(
      { cognito: { seed: 3 } },
      { cognito: { faker: fakerDE, world: { pools: [{ name: 'Component' }, 2], devicesPerUser: { min: 1, max: 1 }, device } } },
      {
        cognito: {
          world: { pools: [{ name: 'Acme', deviceRemembering: 'always', users: [{ username: 'ada', devices: [{ name: 'Ada’s MacBook', remembered: true }, 2] }, 1] }] },
        },
      },
    )
    // Merged, not copied: the Faker instance and the factory are the very objects the component gave.
    expect(parameters.faker).toBe(fakerDE)
    expect(parameters.world?.device).toBe(device)
    const story = await render('worlds--acme', parameters)
    const [pool, ...others] = story.mock.pools.list()
    expect(others).toEqual([])
    expect(pool).toMatchObject({ name: 'Acme', deviceRemembering: 'always' })
    expect(story.username).toBe('ada')
    const devices = story.mock.devices.list(pool!.id, 'ada')
    expect(devices.map((d) => d.name)).toContain('Ada’s MacBook')
    expect(devices.map((d) => d.lastIp).toSorted()).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3'])
    // The generated user took the component's devicesPerUser; the world speaks the component's locale.
    const [, other] = story.mock.users.list(pool!.id)
    expect(story.mock.devices.list(pool!.id, other!.username)).toHaveLength(1)
    expect(story.mock.snapshot({ exact: true }).exact?.origin.locale).toBe('de')
    expect((await listKeys(story)).toSorted()).toEqual(devices.map((d) => d.key).toSorted())
  })

  it('refuses a bad world naming the story and the path to fix', async () => {
    const bad = cognitoLoader({ id: 'worlds--bad', parameters: { cognito: { world: { pools: [{ users: [{ username: 'a b' }, -1] }] } } } })
    await expect(bad).rejects.toThrow(TypeError)
    await expect(bad).rejects.toThrow(
      /^\[cognito-device-mock\] story "worlds--bad" \(parameters\.cognito\): world is not a world description:\n {2}world\.pools\[0\]\.users\[0\]\.username: expected 1 to 128 characters/,
    )
    await expect(bad).rejects.toThrow(/\n {2}world\.pools\[0\]\.users\[1\]: expected a whole number ≥ 0/)
  })

  it('names the story when a factory returns what is not a description, or faker is not a Faker', async () => {
    const factory = cognitoLoader({ id: 'worlds--factory', parameters: { cognito: { world: { user: () => ({ colour: 'red' }) as never } } } })
    await expect(factory).rejects.toThrow(/^\[cognito-device-mock\] story "worlds--factory" \(parameters\.cognito\): .*user/)
    await expect(factory).rejects.toThrow(/colour/)
    const faker = cognitoLoader({ id: 'worlds--faker', parameters: { cognito: { faker: { locale: 'de' } as never } } })
    await expect(faker).rejects.toThrow(/^\[cognito-device-mock\] story "worlds--faker" \(parameters\.cognito\): the faker option takes a Faker instance/)
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
