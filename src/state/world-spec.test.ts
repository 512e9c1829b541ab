import { describe, expect, it } from 'vitest'
import { createCognitoMock } from '../mock.ts'
import { Fakers } from './faker.ts'
import { seededPassword } from './passwords.ts'
import { Store } from './store.ts'
import { generateWorld } from './world.ts'
import { describeWorld } from './world-description.ts'
import { checkWorld, type WorldOptions } from './world-spec.ts'

/**
 * Every way a world description can be wrong, and the exact `[cognito-device-mock]` message that names the path
 * to fix: the schema's rules (checkWorld, at construction) and what only the whole world shows (generateWorld).
 */

const HEADER = '[cognito-device-mock] world is not a world description:\n'

function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return (error as Error).message
  }
  throw new Error('expected an error')
}

/** [name, world, the lines after the header] */
const schemaCases: [string, unknown, string][] = [
  // Wrong types
  ['pools a string', { pools: '3' }, 'world.pools: expected a count or a list of pools and counts'],
  ['usersPerPool a string', { usersPerPool: '5' }, 'world.usersPerPool: expected a whole number'],
  ['usersPerPool null', { usersPerPool: null }, 'world.usersPerPool: expected a whole number'],
  ['devicesPerUser a string', { devicesPerUser: 'many' }, 'world.devicesPerUser: expected a count or a { min, max } range'],
  ['devicesPerUser.min a string', { devicesPerUser: { min: 'a', max: 2 } }, 'world.devicesPerUser.min: expected a whole number'],
  ['devicesPerUser.max missing', { devicesPerUser: { min: 1 } }, 'world.devicesPerUser.max: expected a whole number (it is missing)'],
  ['a pool null', { pools: [null] }, 'world.pools[0]: expected a count (a whole number ≥ 0) or an object describing one'],
  ['users an object', { pools: [{ users: { username: 'ada' } }] }, 'world.pools[0].users: expected a count or a list of users and counts'],
  ['a user a string', { pools: [{ users: ['ada'] }] }, 'world.pools[0].users[0]: expected a count (a whole number ≥ 0) or an object describing one'],
  ['devices a string', { pools: [{ users: [{ devices: 'some' }] }] }, 'world.pools[0].users[0].devices: expected a count, a { min, max } range, or a list of devices and counts'],
  ['enabled a string', { pools: [{ users: [{ enabled: 'yes' }] }] }, 'world.pools[0].users[0].enabled: expected true or false'],
  ['remembered a string, deep', { pools: [{ users: [{}, { devices: [{ remembered: 'yes' }] }] }] }, 'world.pools[0].users[1].devices[0].remembered: expected true or false'],
  ['clientName a number', { pools: [{ clients: [{ clientName: 3 }] }] }, 'world.pools[0].clients[0].clientName: expected a string'],
  ['world a list', [], 'world: expected an object'],
  ['world a number', 3, 'world: expected an object'],
  // Counts: negative, fractional, not finite, over the limits, min > max
  ['pools negative', { pools: -1 }, 'world.pools: expected a whole number ≥ 0'],
  ['pools fractional', { pools: 1.5 }, 'world.pools: expected a whole number ≥ 0'],
  ['pools NaN', { pools: Number.NaN }, 'world.pools: expected a whole number ≥ 0'],
  ['pools infinite', { pools: Number.POSITIVE_INFINITY }, 'world.pools: expected a whole number ≥ 0'],
  ['usersPerPool fractional', { usersPerPool: 0.5 }, 'world.usersPerPool: expected a whole number ≥ 0'],
  ['a count in a device list fractional', { pools: [{ users: [{ devices: [1.5] }] }] }, 'world.pools[0].users[0].devices[0]: expected a whole number ≥ 0'],
  ['a count in a device list negative', { pools: [{ users: [{}, { devices: [4, -1] }] }] }, 'world.pools[0].users[1].devices[1]: expected a whole number ≥ 0'],
  ['pools over the limit', { pools: 1001 }, 'world.pools: expected at most 1000'],
  ['pools over the limit in all', { pools: [600, {}, 400] }, 'world.pools: expected at most 1000 pools in all'],
  ['usersPerPool over the limit', { usersPerPool: 100_001 }, 'world.usersPerPool: expected at most 100000'],
  ['users over the limit in all', { pools: [{ users: [100_000, {}] }] }, 'world.pools[0].users: expected at most 100000 users in all'],
  ['devicesPerUser.max over the limit', { devicesPerUser: { min: 0, max: 10_001 } }, 'world.devicesPerUser.max: expected at most 10000'],
  ['a user’s devices over the limit', { pools: [{ users: [{ devices: 10_001 }] }] }, 'world.pools[0].users[0].devices: expected at most 10000'],
  ['devicesPerUser min > max', { devicesPerUser: { min: 4, max: 3 } }, 'world.devicesPerUser: min must not exceed max'],
  ['a user’s devices min > max', { pools: [{ users: [{ devices: { min: 3, max: 1 } }] }] }, 'world.pools[0].users[0].devices: min must not exceed max'],
  // Unknown keys (typos), with the key meant
  ['a typo at the top', { usersPerPol: 3 }, 'world: unknown key "usersPerPol" (did you mean "usersPerPool"?); known: pools, usersPerPool, devicesPerUser, deviceRemembering, mfa, pool, user, device'],
  ['a typo in a pool', { pools: [{ nmae: 'x' }] }, 'world.pools[0]: unknown key "nmae" (did you mean "name"?); known: id, name, deviceRemembering, clients, createdAt, mfa, aliases, usernameAttributes, autoVerified, requiredAttributes, customAttributes, passwordPolicy, accountRecovery, keepOriginalUntilVerified, users'],
  ['a typo in a user', { pools: [{ users: [{ usrename: 'x' }] }] }, 'world.pools[0].users[0]: unknown key "usrename" (did you mean "username"?); known: username, password, email, sub, status, enabled, createdAt, attributes, phoneNumber, emailVerified, phoneVerified, mfa, preferredMfa, totpSecret, devices'],
  [
    'a typo in a device',
    { pools: [{ users: [{ devices: [{ remebered: true }] }] }] },
    'world.pools[0].users[0].devices[0]: unknown key "remebered" (did you mean "remembered"?); known: key, groupKey, name, remembered, lastIp, sdk, createdAt, lastModifiedAt, lastAuthenticatedAt',
  ],
  [
    'a typo in a client',
    { pools: [{ clients: [{ clientSecrett: true }] }] },
    'world.pools[0].clients[0]: unknown key "clientSecrett" (did you mean "clientSecret"?); known: clientId, clientName, clientSecret, preventUserExistenceErrors, explicitAuthFlows',
  ],
  ['a typo in a range', { devicesPerUser: { min: 1, mx: 2 } }, 'world.devicesPerUser.max: expected a whole number (it is missing)\n  world.devicesPerUser: unknown key "mx" (did you mean "max"?); known: min, max'],
  ['keys unlike any', { pools: [{ users: [{ devices: [{ colour: 1, size: 2 }] }] }] }, 'world.pools[0].users[0].devices[0]: unknown keys "colour", "size"; known: key, groupKey, name, remembered, lastIp, sdk, createdAt, lastModifiedAt, lastAuthenticatedAt'],
  // Identifiers and names
  ['a pool id without an underscore', { pools: [{ id: 'us-east-1-abc' }] }, 'world.pools[0].id: expected a pool id such as "us-east-1_AbC123xYz"'],
  ['a pool id with a symbol', { pools: [{ id: 'us-east-1_abc!' }] }, 'world.pools[0].id: expected a pool id such as "us-east-1_AbC123xYz"'],
  ['a pool id too long', { pools: [{ id: `us-east-1_${'a'.repeat(50)}` }] }, 'world.pools[0].id: expected at most 55 characters'],
  ['a pool name with a slash', { pools: [{ name: 'a/b' }] }, 'world.pools[0].name: expected 1 to 128 letters, digits, spaces or +=,.@-_'],
  ['a username with a space', { pools: [{ users: [{ username: 'ada lovelace' }] }] }, 'world.pools[0].users[0].username: expected 1 to 128 characters, no spaces (Cognito\'s username pattern)'],
  ['an empty username', { pools: [{ users: [{ username: '' }] }] }, 'world.pools[0].users[0].username: expected 1 to 128 characters, no spaces (Cognito\'s username pattern)'],
  ['an email without @', { pools: [{ users: [{ email: 'ada' }] }] }, 'world.pools[0].users[0].email: expected an email address such as "ada@example.com"'],
  ['a device key in capitals', { pools: [{ users: [{ devices: [{ key: 'us-east-1_ABC' }] }] }] }, 'world.pools[0].users[0].devices[0].key: expected a device key such as "us-east-1_<lowercase uuid>"'],
  ['a device key without a region', { pools: [{ users: [{ devices: [{ key: '0000-1111' }] }] }] }, 'world.pools[0].users[0].devices[0].key: expected a device key such as "us-east-1_<lowercase uuid>"'],
  ['an empty device name', { pools: [{ users: [{ devices: [{ name: '' }] }] }] }, 'world.pools[0].users[0].devices[0].name: expected a non-empty string'],
  ['a device name too long', { pools: [{ users: [{ devices: [{ name: 'x'.repeat(1025) }] }] }] }, 'world.pools[0].users[0].devices[0].name: expected at most 1024 characters'],
  ['no app client', { pools: [{ clients: [] }] }, 'world.pools[0].clients: expected at least one app client (leave clients out for the seeded web and server clients)'],
  ['a client id with a space', { pools: [{ clients: [{ clientId: 'a b' }] }] }, 'world.pools[0].clients[0].clientId: expected 1 to 128 letters, digits, _ or +'],
  ['a short client secret', { pools: [{ clients: [{ clientSecret: 'abc' }] }] }, 'world.pools[0].clients[0].clientSecret: expected true (a secret drawn from the seed) or 24 to 64 letters, digits, _ or +'],
  // Dates
  ['a date in words', { pools: [{ users: [{ devices: [{ createdAt: 'last tuesday' }] }] }] }, 'world.pools[0].users[0].devices[0].createdAt: expected a date: a Date, epoch milliseconds or an ISO 8601 string'],
  ['an invalid Date', { pools: [{ users: [{ createdAt: new Date('x') }] }] }, 'world.pools[0].users[0].createdAt: expected a date: a Date, epoch milliseconds or an ISO 8601 string'],
  ['a NaN date', { pools: [{ createdAt: Number.NaN }] }, 'world.pools[0].createdAt: expected a date: a Date, epoch milliseconds or an ISO 8601 string'],
  ['a boolean date', { pools: [{ users: [{ devices: [{ lastAuthenticatedAt: true }] }] }] }, 'world.pools[0].users[0].devices[0].lastAuthenticatedAt: expected a date: a Date, epoch milliseconds or an ISO 8601 string'],
  // Factories that are not functions
  ['a device factory object', { device: { name: 'x' } }, 'world.device: expected a function ({ faker, pool, user, index }) => ({ name, … })'],
  ['a user factory string', { user: 'x' }, 'world.user: expected a function ({ faker, pool, index }) => ({ username, … })'],
  ['a pool factory number', { pool: 3 }, 'world.pool: expected a function ({ faker, index }) => ({ name, … })'],
  // Modes and statuses
  ['deviceRemembering empty', { deviceRemembering: [] }, 'world.deviceRemembering: expected at least one mode'],
  ['deviceRemembering an unknown mode', { deviceRemembering: ['always', 'never'] }, 'world.deviceRemembering[1]: expected "always", "user-opt-in" or "off"'],
  ['a pool’s empty mode', { pools: [{ deviceRemembering: '' }] }, 'world.pools[0].deviceRemembering: expected "always", "user-opt-in" or "off"'],
  ['a status in lower case', { pools: [{ users: [{ status: 'confirmed' }] }] }, 'world.pools[0].users[0].status: expected one of CONFIRMED, UNCONFIRMED, RESET_REQUIRED, FORCE_CHANGE_PASSWORD, ARCHIVED, COMPROMISED, UNKNOWN, EXTERNAL_PROVIDER'],
  ['an attribute value that is not a string', { pools: [{ users: [{ attributes: { name: 3 } }] }] }, 'world.pools[0].users[0].attributes.name: expected a string'],
  ['a username attribute that is not one', { pools: [{ usernameAttributes: ['username'] }] }, 'world.pools[0].usernameAttributes[0]: expected "email" or "phone_number"'],
  ['a password policy too short', { pools: [{ passwordPolicy: { minimumLength: 4 } }] }, 'world.pools[0].passwordPolicy.minimumLength: expected 6 to 99'],
  ['a policy key misspelt', { pools: [{ passwordPolicy: { minimumLenght: 8 } }] }, 'world.pools[0].passwordPolicy: unknown key "minimumLenght" (did you mean "minimumLength"?); known: minimumLength, requireLowercase, requireUppercase, requireNumbers, requireSymbols, temporaryPasswordValidityDays'],
  ['account recovery unknown', { pools: [{ accountRecovery: ['email'] }] }, 'world.pools[0].accountRecovery[0]: expected "verified_email", "verified_phone_number" or "admin_only"'],
  ['preventUserExistenceErrors unknown', { pools: [{ clients: [{ preventUserExistenceErrors: 'yes' }] }] }, 'world.pools[0].clients[0].preventUserExistenceErrors: expected "ENABLED" or "LEGACY"'],
]

describe('checkWorld: every schema rule, with the path to fix', () => {
  it.each(schemaCases)('%s', (_name, world, expected) => {
    expect(messageOf(() => checkWorld(world))).toBe(`${HEADER}  ${expected}`)
    expect(messageOf(() => createCognitoMock({ world: world as WorldOptions }))).toBe(`${HEADER}  ${expected}`)
  })

  it('names whose world it is', () => {
    expect(messageOf(() => checkWorld({ pools: -1 }, 'scenario "demo"'))).toBe(`[cognito-device-mock] scenario "demo": ${HEADER.slice(22)}  world.pools: expected a whole number ≥ 0`)
  })

  it('lists every mistake, at most eight, and counts the rest', () => {
    const world = { pools: [{ users: [{ username: 'a b', email: 'x', status: 'x', enabled: 1, sub: '', password: '', devices: [{ key: 'x', name: '', remembered: 1, lastIp: '', sdk: '' }] }] }] }
    const lines = messageOf(() => checkWorld(world)).split('\n')
    expect(lines).toHaveLength(10)
    expect(lines[1]).toBe("  world.pools[0].users[0].username: expected 1 to 128 characters, no spaces (Cognito's username pattern)")
    expect(lines[9]).toBe('  … and 3 more')
  })

  it('takes what it should: undefined and null (the default world), and every valid form', () => {
    expect(checkWorld(undefined)).toEqual({})
    expect(checkWorld(null)).toEqual({})
    const world: WorldOptions = {
      pools: [2, { id: 'eu-west-1_Abc', name: 'Acme Corp.', deviceRemembering: 'off', clients: [{ clientSecret: true }], createdAt: 0, users: [0, { username: 'ada@example.org', devices: 0 }] }],
      usersPerPool: 0,
      devicesPerUser: { min: 0, max: 10_000 },
      deviceRemembering: ['off'],
      pool: () => ({}),
      user: () => ({}),
      device: () => ({}),
    }
    expect(checkWorld(world)).toBe(world)
  })
})

describe('generateWorld: what only the whole world shows', () => {
  /** [name, world, the message] */
  const cases: [string, WorldOptions, string][] = [
    ['two pools of one id', { pools: [{ id: 'us-east-1_Dup' }, { id: 'us-east-1_Dup' }] }, 'world.pools[1].id: "us-east-1_Dup" is already the id of world.pools[0]; pool ids are unique.'],
    ['a pool id whose prefix is not a region', { pools: [{ id: 'local_abc' }] }, 'world.pools[0].id: "local_abc" does not start with an AWS region name and "_", such as "us-east-1_".'],
    ['a pool id with an availability zone', { pools: [{ id: 'us-east-1a_abc' }] }, 'world.pools[0].id: "us-east-1a_abc" does not start with an AWS region name and "_", such as "us-east-1_".'],
    [
      'two users of one name, in other cases',
      { pools: [{ id: 'us-east-1_Acme', users: [{ username: 'Ada' }, 2, { username: 'ada' }] }] },
      'world.pools[0].users[3].username: "ada" is already the name of world.pools[0].users[0] ("Ada") in pool us-east-1_Acme; usernames are unique, whatever their case.',
    ],
    [
      'two devices of one key, of two users',
      { pools: [{ users: [{ devices: [{ key: 'us-east-1_1111' }] }, { devices: [2, { key: 'us-east-1_1111' }] }] }] },
      'world.pools[0].users[1].devices[2].key: "us-east-1_1111" is already the key of world.pools[0].users[0].devices[0]; device keys are unique.',
    ],
    [
      'two devices of one key, of one user',
      { pools: [{ users: [{ devices: [{ key: 'us-east-1_1111' }, { key: 'us-east-1_1111' }] }] }] },
      'world.pools[0].users[0].devices[1].key: "us-east-1_1111" is already the key of world.pools[0].users[0].devices[0]; device keys are unique.',
    ],
    [
      'two devices of one key, in two pools',
      { pools: [{ users: [{ devices: [{ key: 'us-east-1_2222' }] }] }, { users: [1, { devices: [{ key: 'us-east-1_2222' }] }] }], deviceRemembering: ['always'] },
      'world.pools[1].users[1].devices[0].key: "us-east-1_2222" is already the key of world.pools[0].users[0].devices[0]; device keys are unique.',
    ],
    [
      'a device key of another region',
      { pools: [{ id: 'eu-west-1_Acme', users: [{ devices: [{ key: 'us-east-1_3333' }] }] }] },
      'world.pools[0].users[0].devices[0].key: "us-east-1_3333" is not a key of the pool\'s region; it starts with "eu-west-1_".',
    ],
    [
      'devices listed in an off pool',
      { pools: [{ id: 'us-east-1_Off', deviceRemembering: 'off', users: [{}, { devices: [{ name: 'Kiosk' }] }] }] },
      'world.pools[0].users[1].devices: pool us-east-1_Off has deviceRemembering "off" and tracks no devices. Give the pool another mode, or the user no devices.',
    ],
    [
      'devices counted in an off pool',
      { pools: [{ id: 'us-east-1_Off', deviceRemembering: 'off', users: [{ devices: 2 }] }] },
      'world.pools[0].users[0].devices: pool us-east-1_Off has deviceRemembering "off" and tracks no devices. Give the pool another mode, or the user no devices.',
    ],
    [
      'devices in a pool off by the cycle',
      { pools: [{ id: 'us-east-1_A' }, { id: 'us-east-1_B' }, { id: 'us-east-1_C', users: [{ devices: [3] }] }] },
      'world.pools[2].users[0].devices: pool us-east-1_C has deviceRemembering "off" and tracks no devices. Give the pool another mode, or the user no devices.',
    ],
    [
      'lastModifiedAt before createdAt',
      { pools: [{ users: [{ devices: [{}, { createdAt: '2025-01-02T00:00:00Z', lastModifiedAt: '2025-01-01T00:00:00Z' }] }] }] },
      'world.pools[0].users[0].devices[1]: lastModifiedAt (2025-01-01T00:00:00.000Z) is before createdAt (2025-01-02T00:00:00.000Z).',
    ],
    [
      'lastModifiedAt from a factory before a described createdAt',
      { pools: [{ users: [{ devices: [{ createdAt: '2025-01-02T00:00:00Z' }] }] }], device: () => ({ lastModifiedAt: '2024-12-31T00:00:00Z' }) },
      'world.pools[0].users[0].devices[0]: lastModifiedAt (2024-12-31T00:00:00.000Z) is before createdAt (2025-01-02T00:00:00.000Z).',
    ],
    [
      'two app clients of one id, in two pools',
      { pools: [{ clients: [{ clientId: 'app' }] }, { clients: [{ clientName: 'web' }, { clientId: 'app' }] }] },
      'world.pools[1].clients[1].clientId: "app" is already the id of world.pools[0].clients[0]; app client ids are unique across pools.',
    ],
  ]

  it.each(cases)('%s', (_name, world, expected) => {
    expect(messageOf(() => createCognitoMock({ world }))).toBe(`[cognito-device-mock] ${expected}`)
  })

  it('a mistake anywhere leaves the store as it was: nothing of the world is stored', () => {
    const store = new Store()
    const fakers = new Fakers(1)
    const world: WorldOptions = { pools: [2, { users: [{ username: 'ada' }, { username: 'ADA' }] }] }
    expect(() => generateWorld(checkWorld(world), { store, fakers, now: Date.now(), region: 'us-east-1', password: (p, u) => seededPassword(fakers, p, u) })).toThrow(/usernames are unique/)
    expect(store.pools.size).toBe(0)
    expect(store.snapshot(0).users).toEqual([])
  })

  it('a world description sorts keys and shows dates and functions as text', () => {
    expect(describeWorld({ pools: [{ users: 1, createdAt: new Date(0), name: 'A' }], device: () => ({}) })).toEqual({
      device: 'function () => ({})',
      pools: [{ createdAt: '1970-01-01T00:00:00.000Z', name: 'A', users: 1 }],
    })
  })
})
