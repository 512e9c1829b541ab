import { readFileSync } from 'node:fs'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { createCognitoMock, presets, type PresetName, type ScenarioInput, type ScenarioName } from '../src/index.ts'
import type { DeviceRecord, OutboxMessage, PasswordPolicyRecord, StoreSnapshot, UserPoolRecord, UserRecord } from '../src/index.ts'
import type { CognitoPage, CognitoRoute, FixtureSignInOptions, Jsonified, StateArgs, StateResult } from '../src/playwright.ts'
import type { CognitoMock, SignedInSession, SignInAsOptions } from '../src/index.ts'
import type { StorySignedInAs } from '../src/storybook.ts'
import type { ScenarioControl } from '../src/browser.ts'
import { scenarioControl } from '../src/handle/control.ts'
import type { StoryContext } from '@storybook/react-vite'
import { cognitoCleanup, cognitoLoader, cognitoStory, type CognitoStory } from '../src/storybook.ts'

// The type-level expectations are checked by `npm run typecheck` (tsc reads test/); the run-time ones by vitest.
describe('public types that guide editors', () => {
  it('PresetName is the union of the built-in presets’ names, and lists every one', () => {
    expectTypeOf<'throttled'>().toExtend<PresetName>()
    expectTypeOf<'offline'>().toExtend<PresetName>()
    expectTypeOf<'no-such-preset'>().not.toExtend<PresetName>()
    const names: PresetName[] = presets.map((preset) => preset.name)
    expect(new Set(names).size).toBe(presets.length)
  })

  it('scenarios.use() autocompletes presets and still takes registered names, scenarios and rules', () => {
    expectTypeOf<PresetName>().toExtend<ScenarioName>()
    expectTypeOf<'my-registered-scenario'>().toExtend<ScenarioName>()
    expectTypeOf<Parameters<ReturnType<typeof createCognitoMock>['scenarios']['use']>[0]>().toEqualTypeOf<ScenarioInput>()
    const cognito = createCognitoMock({ seed: 1, world: { pools: 0 } })
    cognito.scenarios.register({ name: 'my-registered-scenario', rules: [] })
    cognito.scenarios.use('my-registered-scenario')
    cognito.scenarios.use({ operations: 'GetDevice', answer: 'hang' })
    expect(cognito.scenarios.active().map((layer) => layer.source)).toEqual(['rule', 'my-registered-scenario'])
  })

  it('the lifecycle\'s settings, attributes and outbox purposes are typed', () => {
    const cognito = createCognitoMock({ seed: 1, world: { pools: 0 } })
    const pool = cognito.pools.create({ usernameAttributes: ['email'], customAttributes: ['tier'], passwordPolicy: { minimumLength: 10 }, accountRecovery: ['verified_email'] })
    expectTypeOf(pool.passwordPolicy).toEqualTypeOf<PasswordPolicyRecord | undefined>()
    const user = cognito.users.create(pool.id, { email: 'ada@example.com', attributes: { name: 'Ada', 'custom:tier': 'gold' } })
    expect(user.attributes).toEqual({ name: 'Ada', 'custom:tier': 'gold' })
    expectTypeOf<OutboxMessage['purpose']>().toEqualTypeOf<'mfa' | 'sign-up' | 'forgot-password' | 'verify-attribute' | 'invitation'>()
    // @ts-expect-error a username attribute is email or phone_number
    expect(() => cognito.pools.create({ usernameAttributes: ['username'] })).toThrow(/usernameAttributes/)
    // @ts-expect-error not an outbox purpose
    expect(cognito.outbox.list({ purpose: 'newsletter' })).toEqual([])
  })

  it('one sign-in from code: tokens.signIn is the deprecated alias of signIn and gives the same kind of result', async () => {
    const cognito = createCognitoMock({ seed: 3 })
    const pool = cognito.pools.list()[0]!
    const user = cognito.users.list(pool.id)[0]!
    const direct = await cognito.signIn(pool.id, user.username)
    const alias = await cognito.tokens.signIn(pool.id, user.username)
    expect(Object.keys(alias).sort()).toEqual(Object.keys(direct).sort())
    expect(alias.AccessToken).not.toBe(direct.AccessToken)
  })
})

describe('state(method, ...args): typed from the handle, per method name', () => {
  // Only type-checked (`npm run typecheck`): the page's mock is not there to call.
  async function typedCalls(cognito: CognitoPage, control: ScenarioControl, poolId: string) {
    expectTypeOf(await cognito.state('devices.create', poolId, 'ada', { name: 'Kiosk' })).toEqualTypeOf<DeviceRecord>()
    expectTypeOf(await control.state('devices.create', poolId, 'ada', { name: 'Kiosk' })).toEqualTypeOf<DeviceRecord>()
    expectTypeOf(await cognito.state('users.list', poolId)).toEqualTypeOf<UserRecord[]>()
    // undefined crosses the page as null
    expectTypeOf(await cognito.state('pools.get', poolId)).toEqualTypeOf<UserPoolRecord | null>()
    expectTypeOf(await cognito.state('outbox.last')).toEqualTypeOf<OutboxMessage | null>()
    expectTypeOf(await cognito.state('outbox.clear')).toEqualTypeOf<null>()
    expectTypeOf(await cognito.state('clock.now')).toEqualTypeOf<number>()
    expectTypeOf(await cognito.state('tokens.issue', poolId, 'ada', { scope: 'openid' })).toEqualTypeOf<string>()
    expectTypeOf(await cognito.state('signIn', poolId, 'ada')).toHaveProperty('AccessToken').toEqualTypeOf<string>()
    expectTypeOf(await cognito.state('devices.issueKey', poolId, 'ada')).toEqualTypeOf<{ DeviceKey: string; DeviceGroupKey: string }>()
    // a snapshot read from the page goes back into it
    const snapshot = await cognito.state('snapshot', { exact: true })
    expectTypeOf(snapshot).toEqualTypeOf<StoreSnapshot>()
    expectTypeOf(await cognito.state('restore', snapshot)).toEqualTypeOf<null>()
    await cognito.state('clock.set', new Date('2030-01-01T00:00:00Z'))
    expectTypeOf<StateArgs<'users.get'>>().toEqualTypeOf<[poolId: string, username: string]>()
    expectTypeOf<StateResult<'devices.remove'>>().toEqualTypeOf<boolean>()
    // the 0.x form, a type argument naming the result, still compiles (deprecated)
    expectTypeOf(await cognito.state<UserRecord[]>('users.list', poolId)).toEqualTypeOf<UserRecord[]>()

    // @ts-expect-error the username is missing
    await cognito.state('devices.create', poolId)
    // @ts-expect-error a device's name is a string
    await cognito.state('devices.create', poolId, 'ada', { name: 42 })
    // @ts-expect-error no such option of a device
    await cognito.state('devices.create', poolId, 'ada', { nmae: 'Kiosk' })
    // @ts-expect-error clock.now takes nothing
    await control.state('clock.now', 1)
    // @ts-expect-error not a state method (handlers and the raw pipeline are not callable)
    await cognito.state('handle', new Request('https://example.test'))
    // @ts-expect-error a username is a string: the deprecated form (it needs a type argument) is no fallback
    await cognito.state('users.get', poolId, 42)
  }

  it('Jsonified<T> is T as JSON.parse(JSON.stringify(value)) gives it back; plain records stay themselves', () => {
    expectTypeOf<Jsonified<DeviceRecord>>().toEqualTypeOf<DeviceRecord>()
    expectTypeOf<Jsonified<{ at: Date; retry: () => void; undo?: () => void; note?: string; tags: (string | undefined)[]; pair: readonly [Date, 1] }>>()
      .toEqualTypeOf<{ at: string; note?: string; tags: (string | null)[]; pair: [string, 1] }>()
    expect(typedCalls).toBeTypeOf('function')
  })

  it('the window control gives what the types say: JSON, with null for undefined', async () => {
    const cognito = createCognitoMock({ seed: 5 })
    const control = scenarioControl(cognito)
    const pool = cognito.pools.list()[0]!
    const user = cognito.users.list(pool.id)[0]!
    const device = await control.state('devices.create', pool.id, user.username, { name: 'Kiosk', createdAt: new Date('2030-01-01T00:00:00Z') })
    expect(device).toEqual(JSON.parse(JSON.stringify(cognito.devices.get(pool.id, user.username, device.key))))
    expect(device.createdAt).toBe(Date.parse('2030-01-01T00:00:00Z'))
    expect(await control.state('pools.get', 'us-east-1_nope')).toBeNull()
    expect(await control.state('outbox.clear')).toBeNull()
    const snapshot = await control.state('snapshot')
    expect(await control.state('restore', snapshot)).toBeNull()
    expect(cognito.snapshot()).toEqual(snapshot)
  })
})

describe('Storybook: loaded.cognito, typed', () => {
  it('cognitoStory(loaded) takes Storybook\'s loaded and gives the render\'s CognitoStory', async () => {
    // Storybook types `loaded` as Record<string, any>: it fits, and what comes out is typed.
    expectTypeOf<StoryContext['loaded']>().toExtend<Parameters<typeof cognitoStory>[0]>()
    expectTypeOf(cognitoStory).returns.toEqualTypeOf<CognitoStory>()
    expectTypeOf<Parameters<typeof cognitoCleanup>[0]['loaded']['cognito']>().toEqualTypeOf<CognitoStory | undefined>()
    const loaded = await cognitoLoader({ id: 'types--typed', parameters: { cognito: { seed: 3 } } })
    const story = cognitoStory(loaded)
    expect(story).toBe(loaded.cognito)
    expect(story.endpoint).toMatch(/\/__story\/types--typed\/\d+\/$/)
    cognitoCleanup({ loaded })?.()
  })

  it('says what to fix when the render has no mock', async () => {
    const loaded = await cognitoLoader({ id: 'types--none', parameters: {} })
    expect(() => cognitoStory(loaded)).toThrow(/^\[cognito-device-mock\] loaded\.cognito is empty: .*parameters\.cognito.*cognitoLoader/)
    expect(() => cognitoStory({})).toThrow(/loaded\.cognito is empty/)
  })
})

describe('starting signed in, typed', () => {
  it('signInAs takes the options a session can have, and the fixture, route mode and stories take theirs', async () => {
    expectTypeOf<Parameters<CognitoMock['signInAs']>[2]>().toEqualTypeOf<SignInAsOptions | undefined>()
    expectTypeOf<ReturnType<CognitoMock['signInAs']>>().toEqualTypeOf<Promise<SignedInSession>>()
    expectTypeOf<{ device: 'remembered'; storage: 'cookie' }>().toExtend<FixtureSignInOptions>()
    expectTypeOf<{ device: 'yes' }>().not.toExtend<FixtureSignInOptions>()
    expectTypeOf<{ storage: 'indexedDB' }>().not.toExtend<FixtureSignInOptions>()
    expectTypeOf<CognitoPage['signInAs']>().toEqualTypeOf<(username: string, options?: FixtureSignInOptions) => Promise<void>>()
    expectTypeOf<ReturnType<CognitoRoute['signInAs']>>().toEqualTypeOf<Promise<SignedInSession>>()
    expectTypeOf<true>().toExtend<StorySignedInAs>()
    expectTypeOf<{ device: 'new'; storage: 'sessionStorage' }>().toExtend<StorySignedInAs>()
    expectTypeOf<{ poolId: string }>().not.toExtend<StorySignedInAs>()
    const cognito = createCognitoMock({ seed: 3, world: { pools: 1, usersPerPool: 1, devicesPerUser: 0 } })
    const [pool] = cognito.pools.list()
    const session = await cognito.signInAs(pool!.id, cognito.users.list(pool!.id)[0]!.username, { device: 'new' })
    expect(Object.keys(session.storage)).toHaveLength(9)
    expect(session.cookies.every((cookie) => cookie.secure && cookie.sameSite === 'Lax' && cookie.path === '/')).toBe(true)
  })
})

describe('the package entries', () => {
  /** The value names an entry re-exports (`export { a, b as c, type T }` lines; types are left out). */
  const valuesOf = (entry: string): string[] => {
    const text = readFileSync(new URL(`../src/${entry}`, import.meta.url), 'utf8')
    const names: string[] = []
    for (const match of text.matchAll(/^export \{([^}]*)\} from /gm)) {
      for (const part of match[1]!.split(',')) {
        const name = part.trim()
        if (name === '' || name.startsWith('type ')) continue
        names.push(name.split(/\s+as\s+/).pop()!)
      }
    }
    return names
  }

  it('export each value from one entry only, and only re-export', () => {
    const entries = ['index.ts', 'node.ts', 'browser.ts', 'playwright.ts', 'storybook.ts']
    const seen = new Map<string, string>()
    const twice: string[] = []
    for (const entry of entries) {
      const text = readFileSync(new URL(`../src/${entry}`, import.meta.url), 'utf8')
      expect(text.split('\n').filter((line) => line.trim() !== '' && !/^export |^\s|^\}/.test(line)), entry).toEqual([])
      for (const name of valuesOf(entry)) {
        if (seen.has(name)) twice.push(`${name} (${seen.get(name)} and ${entry})`)
        seen.set(name, entry)
      }
    }
    expect(twice).toEqual([])
    expect(seen.size).toBeGreaterThan(20)
  })
})
