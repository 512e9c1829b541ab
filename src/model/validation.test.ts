import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fidelity } from '../fidelity.ts'
import { CognitoError, deviceOperationNames, type DeviceOperationName } from './exceptions.ts'
import { serverRequired, validateInput, wirePath } from './validation.ts'

/** Exact wire messages of WIRE.md §2, checked against `validateInput` one constraint at a time. */

const TOKEN = 'eyJraWQiOiJrIn0.eyJzdWIiOiJzIn0.c2ln'
const KEY = 'us-east-1_e5aa0983-759e-478c-bf4b-6fa73b2af7a5'
const POOL = 'us-east-1_AbC123xYz'
const USER = 'alice'

const PREFIX = "failed to satisfy constraint: Member must"

/** The CognitoError `validateInput` throws for `body`, or fails the test if it accepts it. */
function refusal(operation: DeviceOperationName, body: unknown): CognitoError {
  try {
    validateInput(operation, body)
  } catch (error) {
    expect(error).toBeInstanceOf(CognitoError)
    return error as CognitoError
  }
  throw new Error(`validateInput(${operation}) accepted ${JSON.stringify(body)?.slice(0, 200)}`)
}

function invalid(operation: DeviceOperationName, body: unknown): string {
  const error = refusal(operation, body)
  expect(error.type).toBe('InvalidParameterException')
  expect(error.status).toBe(400)
  return error.wireMessage!
}

function serialization(operation: DeviceOperationName, body: unknown): string {
  const error = refusal(operation, body)
  expect(error.type).toBe('SerializationException')
  expect(error.status).toBe(400)
  return error.wireMessage!
}

/** A minimal valid body of each operation. */
const valid: Record<DeviceOperationName, Record<string, unknown>> = {
  GetDevice: { AccessToken: TOKEN, DeviceKey: KEY },
  AdminGetDevice: { DeviceKey: KEY, UserPoolId: POOL, Username: USER },
  ListDevices: { AccessToken: TOKEN },
  AdminListDevices: { UserPoolId: POOL, Username: USER },
  ForgetDevice: { AccessToken: TOKEN, DeviceKey: KEY },
  AdminForgetDevice: { UserPoolId: POOL, Username: USER, DeviceKey: KEY },
  UpdateDeviceStatus: { AccessToken: TOKEN, DeviceKey: KEY },
  AdminUpdateDeviceStatus: { UserPoolId: POOL, Username: USER, DeviceKey: KEY },
  ConfirmDevice: { AccessToken: TOKEN, DeviceKey: KEY },
}

const usesKey = (op: DeviceOperationName) => 'DeviceKey' in valid[op]
const isAdmin = (op: DeviceOperationName) => 'UserPoolId' in valid[op]

describe('validateInput: valid bodies', () => {
  it.each(deviceOperationNames)('%s accepts its minimal body and returns it', (op) => {
    expect(validateInput(op, valid[op])).toEqual(valid[op])
  })

  it('accepts the full ConfirmDevice body, with empty verifier strings (min 0)', () => {
    const body = {
      AccessToken: TOKEN,
      DeviceKey: KEY,
      DeviceName: 'x',
      DeviceSecretVerifierConfig: { PasswordVerifier: '', Salt: 'A'.repeat(131_072) },
    }
    expect(validateInput('ConfirmDevice', body)).toEqual(body)
  })

  it('accepts the Limit bounds 0 and 60 and a 55-character device key', () => {
    expect(validateInput('ListDevices', { AccessToken: TOKEN, Limit: 0 })).toEqual({ AccessToken: TOKEN, Limit: 0 })
    expect(validateInput('AdminListDevices', { ...valid.AdminListDevices, Limit: 60 })).toMatchObject({ Limit: 60 })
    const key55 = `us-east-1_${'a'.repeat(45)}`
    expect(key55).toHaveLength(55)
    expect(validateInput('GetDevice', { AccessToken: TOKEN, DeviceKey: key55 })).toMatchObject({ DeviceKey: key55 })
  })

  it('accepts both enum values', () => {
    for (const status of ['remembered', 'not_remembered']) {
      expect(validateInput('UpdateDeviceStatus', { ...valid.UpdateDeviceStatus, DeviceRememberedStatus: status })).toMatchObject({
        DeviceRememberedStatus: status,
      })
    }
  })

  it('accepts usernames of letters, marks, symbols, digits and punctuation in any script', () => {
    for (const Username of ['é\u0301', '😀', 'שלום', 'ユーザー', 'a.b-c_d+e@f', '١٢٣']) {
      expect(validateInput('AdminGetDevice', { ...valid.AdminGetDevice, Username })).toMatchObject({ Username })
    }
  })

  it('drops members the model does not know, as the service ignores them', () => {
    expect(validateInput('ListDevices', { AccessToken: TOKEN, Extra: 1, accessToken: 'x', constructor: 2 })).toEqual({ AccessToken: TOKEN })
  })

  it('never reads a member smuggled in through a JSON "__proto__" key', () => {
    const body = JSON.parse(`{"__proto__": {"AccessToken": "${TOKEN}"}}`)
    expect(invalid('ListDevices', body)).toBe(
      `1 validation error detected: Value at 'accessToken' ${PREFIX} not be null`,
    )
    const withLimit = JSON.parse(`{"AccessToken": "${TOKEN}", "__proto__": {"Limit": "x"}}`)
    expect(validateInput('ListDevices', withLimit)).toEqual({ AccessToken: TOKEN })
  })

  it('property: every valid body of every operation passes unchanged', () => {
    const deviceKey = fc
      .tuple(fc.stringMatching(/^[\w-]{1,12}$/), fc.stringMatching(/^[0-9a-f-]{1,30}$/))
      .map(([a, b]) => `${a}_${b}`)
    const body = fc.record(
      {
        AccessToken: fc.stringMatching(/^[A-Za-z0-9\-_=.]{1,300}$/),
        DeviceKey: deviceKey,
        Limit: fc.integer({ min: 0, max: 60 }),
        PaginationToken: fc.stringMatching(/^\S{1,100}$/),
        DeviceRememberedStatus: fc.constantFrom('remembered', 'not_remembered'),
        DeviceName: fc.string({ minLength: 1, maxLength: 1024, unit: 'grapheme' }).filter((s) => s.length <= 1024),
      },
      { requiredKeys: ['AccessToken', 'DeviceKey'] },
    )
    fc.assert(
      fc.property(body, (b) => {
        const list = { AccessToken: b.AccessToken, ...(b.Limit !== undefined ? { Limit: b.Limit } : {}), ...(b.PaginationToken ? { PaginationToken: b.PaginationToken } : {}) }
        expect(validateInput('ListDevices', list)).toEqual(list)
        const update = { AccessToken: b.AccessToken, DeviceKey: b.DeviceKey, ...(b.DeviceRememberedStatus ? { DeviceRememberedStatus: b.DeviceRememberedStatus } : {}) }
        expect(validateInput('UpdateDeviceStatus', update)).toEqual(update)
        const confirm = { AccessToken: b.AccessToken, DeviceKey: b.DeviceKey, ...(b.DeviceName ? { DeviceName: b.DeviceName } : {}) }
        expect(validateInput('ConfirmDevice', confirm)).toEqual(confirm)
      }),
      { numRuns: 300 },
    )
  })
})

describe('validateInput: null and missing members', () => {
  it('a JSON null member is an absent member', () => {
    expect(validateInput('ListDevices', { AccessToken: TOKEN, Limit: null, PaginationToken: null })).toEqual({ AccessToken: TOKEN })
    expect(
      validateInput('ConfirmDevice', { ...valid.ConfirmDevice, DeviceName: null, DeviceSecretVerifierConfig: { Salt: null, PasswordVerifier: 'p' } }),
    ).toEqual({ ...valid.ConfirmDevice, DeviceSecretVerifierConfig: { PasswordVerifier: 'p' } })
  })

  it('a null or missing sensitive member is reported without a value (WIRE §2 real example)', () => {
    const expected = `1 validation error detected: Value at 'accessToken' ${PREFIX} not be null`
    expect(invalid('ListDevices', {})).toBe(expected)
    expect(invalid('ListDevices', { AccessToken: null })).toBe(expected)
  })

  it('a null non-sensitive member is "Value null"', () => {
    expect(invalid('GetDevice', { AccessToken: TOKEN, DeviceKey: null })).toBe(
      `1 validation error detected: Value null at 'deviceKey' ${PREFIX} not be null`,
    )
  })

  it('AccessToken is required by the server for GetDevice and ForgetDevice although the model marks it optional', () => {
    expect(fidelity.serverRequiredMembers.GetDevice).toContain('AccessToken')
    for (const op of ['GetDevice', 'ForgetDevice'] as const) {
      expect(invalid(op, { DeviceKey: KEY })).toBe(`1 validation error detected: Value at 'accessToken' ${PREFIX} not be null`)
    }
  })

  it('lists every missing member, in the model order, with a plural count', () => {
    expect(invalid('GetDevice', {})).toBe(
      `2 validation errors detected: Value null at 'deviceKey' ${PREFIX} not be null; Value at 'accessToken' ${PREFIX} not be null`,
    )
    expect(invalid('AdminGetDevice', {})).toBe(
      `3 validation errors detected: Value null at 'deviceKey' ${PREFIX} not be null; ` +
        `Value null at 'userPoolId' ${PREFIX} not be null; Value at 'username' ${PREFIX} not be null`,
    )
    expect(invalid('AdminForgetDevice', {})).toBe(
      `3 validation errors detected: Value null at 'userPoolId' ${PREFIX} not be null; ` +
        `Value at 'username' ${PREFIX} not be null; Value null at 'deviceKey' ${PREFIX} not be null`,
    )
    expect(invalid('ConfirmDevice', { DeviceName: 'n' })).toBe(
      `2 validation errors detected: Value at 'accessToken' ${PREFIX} not be null; Value null at 'deviceKey' ${PREFIX} not be null`,
    )
  })

  it.each(deviceOperationNames)('%s: every required member missing alone gives exactly one error', (op) => {
    for (const member of Object.keys(valid[op])) {
      const body = { ...valid[op] }
      delete body[member]
      const message = invalid(op, body)
      expect(message).toMatch(/^1 validation error detected: /)
      expect(message).toContain(`at '${member.charAt(0).toLowerCase()}${member.slice(1)}' ${PREFIX} not be null`)
    }
  })
})

describe('validateInput: constraints, with the exact messages', () => {
  it('Limit: quoted integer, both bounds', () => {
    expect(invalid('ListDevices', { AccessToken: TOKEN, Limit: 61 })).toBe(
      `1 validation error detected: Value '61' at 'limit' ${PREFIX} have value less than or equal to 60`,
    )
    expect(invalid('AdminListDevices', { ...valid.AdminListDevices, Limit: -1 })).toBe(
      `1 validation error detected: Value '-1' at 'limit' ${PREFIX} have value greater than or equal to 0`,
    )
    expect(invalid('ListDevices', { AccessToken: TOKEN, Limit: 2_147_483_647 })).toBe(
      `1 validation error detected: Value '2147483647' at 'limit' ${PREFIX} have value less than or equal to 60`,
    )
  })

  it('AccessToken: the pattern, without the value (WIRE §2 real example)', () => {
    expect(invalid('ListDevices', { AccessToken: '' })).toBe(
      `1 validation error detected: Value at 'accessToken' ${PREFIX} satisfy regular expression pattern: [A-Za-z0-9-_=.]+`,
    )
    const message = invalid('GetDevice', { AccessToken: 'secret token!', DeviceKey: KEY })
    expect(message).toBe(`1 validation error detected: Value at 'accessToken' ${PREFIX} satisfy regular expression pattern: [A-Za-z0-9-_=.]+`)
    expect(message).not.toContain('secret')
  })

  it('PaginationToken: length then pattern for an empty token, pattern for whitespace', () => {
    expect(invalid('ListDevices', { AccessToken: TOKEN, PaginationToken: '' })).toBe(
      `2 validation errors detected: Value '' at 'paginationToken' ${PREFIX} have length greater than or equal to 1; ` +
        `Value '' at 'paginationToken' ${PREFIX} satisfy regular expression pattern: [\\S]+`,
    )
    expect(invalid('AdminListDevices', { ...valid.AdminListDevices, PaginationToken: 'a b' })).toBe(
      `1 validation error detected: Value 'a b' at 'paginationToken' ${PREFIX} satisfy regular expression pattern: [\\S]+`,
    )
  })

  it('DeviceKey: pattern (lowercase hex only) and length 1–55', () => {
    for (const op of deviceOperationNames.filter(usesKey)) {
      const upper = 'us-east-1_E5AA0983'
      expect(invalid(op, { ...valid[op], DeviceKey: upper })).toBe(
        `1 validation error detected: Value '${upper}' at 'deviceKey' ${PREFIX} satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+`,
      )
      const long = `us-east-1_${'a'.repeat(46)}`
      expect(invalid(op, { ...valid[op], DeviceKey: long })).toBe(
        `1 validation error detected: Value '${long}' at 'deviceKey' ${PREFIX} have length less than or equal to 55`,
      )
      expect(invalid(op, { ...valid[op], DeviceKey: '' })).toBe(
        `2 validation errors detected: Value '' at 'deviceKey' ${PREFIX} have length greater than or equal to 1; ` +
          `Value '' at 'deviceKey' ${PREFIX} satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+`,
      )
    }
  })

  it('DeviceKey: a too long value that also breaks the pattern reports length before pattern', () => {
    const bad = 'X'.repeat(56)
    expect(invalid('GetDevice', { AccessToken: TOKEN, DeviceKey: bad })).toBe(
      `2 validation errors detected: Value '${bad}' at 'deviceKey' ${PREFIX} have length less than or equal to 55; ` +
        `Value '${bad}' at 'deviceKey' ${PREFIX} satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+`,
    )
  })

  it('UserPoolId: pattern and length', () => {
    for (const op of deviceOperationNames.filter(isAdmin)) {
      expect(invalid(op, { ...valid[op], UserPoolId: 'us-east-1' })).toBe(
        `1 validation error detected: Value 'us-east-1' at 'userPoolId' ${PREFIX} satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+`,
      )
      const long = `us-east-1_${'A'.repeat(46)}`
      expect(invalid(op, { ...valid[op], UserPoolId: long })).toBe(
        `1 validation error detected: Value '${long}' at 'userPoolId' ${PREFIX} have length less than or equal to 55`,
      )
    }
  })

  it('Username: sensitive, so its value is never shown', () => {
    for (const op of deviceOperationNames.filter(isAdmin)) {
      const spaced = invalid(op, { ...valid[op], Username: 'bad user' })
      expect(spaced).toBe(
        `1 validation error detected: Value at 'username' ${PREFIX} satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`,
      )
      expect(spaced).not.toContain('bad user')
      const long = invalid(op, { ...valid[op], Username: 'u'.repeat(129) })
      expect(long).toBe(`1 validation error detected: Value at 'username' ${PREFIX} have length less than or equal to 128`)
      expect(invalid(op, { ...valid[op], Username: '' })).toBe(
        `2 validation errors detected: Value at 'username' ${PREFIX} have length greater than or equal to 1; ` +
          `Value at 'username' ${PREFIX} satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`,
      )
    }
  })

  it('Username: a lone surrogate, NUL or control character breaks the pattern', () => {
    for (const Username of ['\uD800', 'a\u0000b', 'tab\there', 'a\u200Bb']) {
      expect(invalid('AdminGetDevice', { ...valid.AdminGetDevice, Username })).toMatch(/^1 validation error detected: Value at 'username' /)
    }
  })

  it('DeviceRememberedStatus: the enum set in Java HashSet order', () => {
    for (const op of ['UpdateDeviceStatus', 'AdminUpdateDeviceStatus'] as const) {
      expect(invalid(op, { ...valid[op], DeviceRememberedStatus: 'Remembered' })).toBe(
        `1 validation error detected: Value 'Remembered' at 'deviceRememberedStatus' ${PREFIX} satisfy enum value set: [not_remembered, remembered]`,
      )
    }
  })

  it('DeviceName: length 1–1024', () => {
    expect(invalid('ConfirmDevice', { ...valid.ConfirmDevice, DeviceName: '' })).toBe(
      `1 validation error detected: Value '' at 'deviceName' ${PREFIX} have length greater than or equal to 1`,
    )
    const long = 'n'.repeat(1025)
    expect(invalid('ConfirmDevice', { ...valid.ConfirmDevice, DeviceName: long })).toBe(
      `1 validation error detected: Value '${long}' at 'deviceName' ${PREFIX} have length less than or equal to 1024`,
    )
  })

  it('DeviceSecretVerifierConfig: nested paths in lowerCamelCase, values shown', () => {
    const long = 'v'.repeat(131_073)
    expect(
      invalid('ConfirmDevice', { ...valid.ConfirmDevice, DeviceSecretVerifierConfig: { PasswordVerifier: long, Salt: 's' } }),
    ).toBe(`1 validation error detected: Value '${long}' at 'deviceSecretVerifierConfig.passwordVerifier' ${PREFIX} have length less than or equal to 131072`)
    const both = invalid('ConfirmDevice', {
      ...valid.ConfirmDevice,
      DeviceSecretVerifierConfig: { PasswordVerifier: long, Salt: long },
    })
    expect(both).toMatch(/^2 validation errors detected: Value 'v+' at 'deviceSecretVerifierConfig\.passwordVerifier' /)
    expect(both).toContain(`; Value '${long}' at 'deviceSecretVerifierConfig.salt' ${PREFIX} have length less than or equal to 131072`)
  })

  it('lengths count code points, not UTF-16 code units (Smithy: Unicode scalar values)', () => {
    const astral = '𐀀'.repeat(40)
    expect(astral).toHaveLength(80)
    expect(validateInput('ConfirmDevice', { ...valid.ConfirmDevice, DeviceName: '😀'.repeat(1024) })).toMatchObject({ DeviceName: '😀'.repeat(1024) })
    expect(invalid('ConfirmDevice', { ...valid.ConfirmDevice, DeviceName: '😀'.repeat(1025) })).toMatch(/Member must have length less than or equal to 1024$/)
    expect(invalid('GetDevice', { AccessToken: TOKEN, DeviceKey: astral })).not.toContain('length')
  })

  it('counts every violation across members: 3 and 5 errors, joined by "; "', () => {
    const three = invalid('ListDevices', { AccessToken: '', Limit: 61, PaginationToken: 'a b' })
    expect(three).toBe(
      `3 validation errors detected: Value at 'accessToken' ${PREFIX} satisfy regular expression pattern: [A-Za-z0-9-_=.]+; ` +
        `Value '61' at 'limit' ${PREFIX} have value less than or equal to 60; ` +
        `Value 'a b' at 'paginationToken' ${PREFIX} satisfy regular expression pattern: [\\S]+`,
    )
    const five = invalid('AdminGetDevice', { DeviceKey: 'x', UserPoolId: '', Username: '' })
    expect(five.startsWith('5 validation errors detected: ')).toBe(true)
    expect(five.split('; ')).toHaveLength(5)
  })

  it('echoes odd Unicode in a non-sensitive value as sent', () => {
    for (const odd of ['😀_1', 'a\u0000b_1', '\u202Eevil_1', 'e\u0301_1', '\uD800_1']) {
      expect(invalid('GetDevice', { AccessToken: TOKEN, DeviceKey: odd })).toBe(
        `1 validation error detected: Value '${odd}' at 'deviceKey' ${PREFIX} satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+`,
      )
    }
  })

  it('property: a member longer than its maximum is always refused with the length phrase', () => {
    fc.assert(
      fc.property(fc.integer({ min: 56, max: 5000 }), fc.integer({ min: 129, max: 5000 }), (keyLength, nameLength) => {
        const key = `a_${'0'.repeat(keyLength - 2)}`
        expect(invalid('GetDevice', { AccessToken: TOKEN, DeviceKey: key })).toBe(
          `1 validation error detected: Value '${key}' at 'deviceKey' ${PREFIX} have length less than or equal to 55`,
        )
        expect(invalid('AdminListDevices', { UserPoolId: POOL, Username: 'u'.repeat(nameLength) })).toBe(
          `1 validation error detected: Value at 'username' ${PREFIX} have length less than or equal to 128`,
        )
      }),
      { numRuns: 100 },
    )
  })
})

describe('validateInput: SerializationException for values of the wrong JSON type', () => {
  it('a body that is not a JSON object', () => {
    for (const body of [[], [1], ['AccessToken']]) expect(serialization('ListDevices', body)).toBe(fidelity.serialization.startOfList)
    for (const body of [null, 'x', 5, true, undefined]) expect(serialization('ListDevices', body)).toBe(fidelity.serialization.notAnObject)
  })

  it('strings, integers and structures each refuse the other JSON kinds', () => {
    const cases: [DeviceOperationName, Record<string, unknown>, string][] = [
      ['ListDevices', { AccessToken: 5 }, 'NUMBER_VALUE can not be converted to a String'],
      ['ListDevices', { AccessToken: true }, 'BOOLEAN_VALUE can not be converted to a String'],
      ['ListDevices', { AccessToken: TOKEN, Limit: '5' }, 'STRING_VALUE can not be converted to an Integer'],
      ['ListDevices', { AccessToken: TOKEN, Limit: false }, 'BOOLEAN_VALUE can not be converted to an Integer'],
      ['ListDevices', { AccessToken: TOKEN, Limit: 1.5 }, 'NUMBER_VALUE can not be converted to an Integer'],
      ['ListDevices', { AccessToken: TOKEN, PaginationToken: 7 }, 'NUMBER_VALUE can not be converted to a String'],
      ['GetDevice', { AccessToken: TOKEN, DeviceKey: {} }, fidelity.serialization.startOfStructure],
      ['GetDevice', { AccessToken: TOKEN, DeviceKey: [KEY] }, fidelity.serialization.startOfList],
      ['AdminGetDevice', { ...valid.AdminGetDevice, Username: 1 }, 'NUMBER_VALUE can not be converted to a String'],
      ['ConfirmDevice', { ...valid.ConfirmDevice, DeviceSecretVerifierConfig: 'x' }, 'STRING_VALUE can not be converted to a Structure'],
      ['ConfirmDevice', { ...valid.ConfirmDevice, DeviceSecretVerifierConfig: [] }, fidelity.serialization.startOfList],
      ['ConfirmDevice', { ...valid.ConfirmDevice, DeviceSecretVerifierConfig: { Salt: 5 } }, 'NUMBER_VALUE can not be converted to a String'],
      ['ConfirmDevice', { ...valid.ConfirmDevice, DeviceSecretVerifierConfig: { PasswordVerifier: [1] } }, fidelity.serialization.startOfList],
      ['ConfirmDevice', { ...valid.ConfirmDevice, DeviceName: true }, 'BOOLEAN_VALUE can not be converted to a String'],
    ]
    for (const [op, body, message] of cases) expect(serialization(op, body), JSON.stringify(body)).toBe(message)
  })

  it('an enum member is a String: other JSON kinds are SerializationException, not an enum violation', () => {
    for (const op of ['UpdateDeviceStatus', 'AdminUpdateDeviceStatus'] as const) {
      expect(serialization(op, { ...valid[op], DeviceRememberedStatus: 5 })).toBe('NUMBER_VALUE can not be converted to a String')
      expect(serialization(op, { ...valid[op], DeviceRememberedStatus: false })).toBe('BOOLEAN_VALUE can not be converted to a String')
      expect(serialization(op, { ...valid[op], DeviceRememberedStatus: {} })).toBe(fidelity.serialization.startOfStructure)
      expect(serialization(op, { ...valid[op], DeviceRememberedStatus: ['remembered'] })).toBe(fidelity.serialization.startOfList)
    }
  })

  it('an integer beyond a Java Integer cannot be converted, and never leaks a zod message', () => {
    for (const Limit of [2 ** 31, 2 ** 53, 1e300, -(2 ** 31) - 1, Number.MAX_VALUE]) {
      expect(serialization('ListDevices', { AccessToken: TOKEN, Limit })).toBe('NUMBER_VALUE can not be converted to an Integer')
    }
  })

  it('a type error wins over constraint violations elsewhere in the body', () => {
    expect(serialization('ListDevices', { AccessToken: '', Limit: 'x', PaginationToken: '' })).toBe(
      'STRING_VALUE can not be converted to an Integer',
    )
  })

  it('property: every refusal is an InvalidParameterException with a counted message or a SerializationException', () => {
    const weird = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('', ' ', '\u0000', '\uD800', '😀', '\u202E', 'e\u0301', 61, -1, 1.5, 2 ** 31, 1e300, -0, true, [], {}),
    )
    const member = fc.constantFrom(
      'AccessToken',
      'DeviceKey',
      'UserPoolId',
      'Username',
      'Limit',
      'PaginationToken',
      'DeviceRememberedStatus',
      'DeviceName',
      'DeviceSecretVerifierConfig',
    )
    fc.assert(
      fc.property(fc.constantFrom(...deviceOperationNames), fc.dictionary(member, weird, { maxKeys: 4 }), (op, patch) => {
        const body = { ...valid[op], ...patch }
        let error: unknown
        try {
          validateInput(op, body)
          return
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(CognitoError)
        const { type, wireMessage } = error as CognitoError
        expect(['InvalidParameterException', 'SerializationException']).toContain(type)
        expect(typeof wireMessage).toBe('string')
        if (type === 'InvalidParameterException') {
          const match = /^(\d+) validation errors? detected: /.exec(wireMessage!)
          expect(match).not.toBeNull()
          const count = Number(match![1])
          expect(wireMessage!.startsWith(`${count} validation error${count === 1 ? '' : 's'} detected: `)).toBe(true)
          expect(wireMessage!.split(/; (?=Value)/)).toHaveLength(count)
          expect(wireMessage).not.toContain('Invalid input')
          for (const sensitive of ['AccessToken', 'Username'] as const) {
            const value = body[sensitive]
            if (typeof value === 'string' && value.length > 3 && !/^(?:Value|at|null|Member|must)$/.test(value)) {
              expect(wireMessage!.includes(`Value '${value}' at '${sensitive === 'AccessToken' ? 'accessToken' : 'username'}'`)).toBe(false)
            }
          }
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('wirePath', () => {
  it('lowers the first letter of each member and numbers list items from 1', () => {
    expect(wirePath(['DeviceSecretVerifierConfig', 'PasswordVerifier'])).toBe('deviceSecretVerifierConfig.passwordVerifier')
    expect(wirePath(['AccessToken'])).toBe('accessToken')
    expect(wirePath(['Devices', 0, 'DeviceKey'])).toBe('devices.1.member.deviceKey')
    expect(wirePath(['DeviceAttributes', 2, 'Name'])).toBe('deviceAttributes.3.member.name')
    expect(wirePath([])).toBe('')
  })
})

describe('serverRequired', () => {
  it('returns a member the request has', () => {
    expect(serverRequired('GetDevice', { DeviceKey: KEY, AccessToken: TOKEN }, 'AccessToken')).toBe(TOKEN)
  })

  it('refuses a missing one exactly as validateInput does', () => {
    for (const operation of ['GetDevice', 'ForgetDevice'] as const) {
      const expected = refusal(operation, { DeviceKey: KEY })
      let thrown: unknown
      try {
        serverRequired(operation, { DeviceKey: KEY }, 'AccessToken')
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(CognitoError)
      expect({ type: (thrown as CognitoError).type, message: (thrown as CognitoError).wireMessage }).toEqual({ type: expected.type, message: expected.wireMessage })
    }
  })
})
