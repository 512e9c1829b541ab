import { describe, expect, it } from 'vitest'
import { CognitoError } from '../model/exceptions.ts'
import {
  filterMessages,
  matchesUserFilter,
  parseUserFilter,
  searchableAttributes,
  type FilterableUser,
  type UserFilter,
} from './list-users-filter.ts'

const alice: FilterableUser = {
  username: 'Alice.Smith',
  status: 'CONFIRMED',
  enabled: true,
  attributes: [
    { Name: 'sub', Value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
    { Name: 'email', Value: 'Alice@Example.com' },
    { Name: 'phone_number', Value: '+15555550100' },
    { Name: 'name', Value: 'Alice Smith' },
    { Name: 'given_name', Value: 'Alice' },
    { Name: 'family_name', Value: 'Smith' },
    { Name: 'preferred_username', Value: 'ally' },
    { Name: 'custom:role', Value: 'admin' },
  ],
}

const bob: FilterableUser = {
  username: 'bob',
  status: 'FORCE_CHANGE_PASSWORD',
  enabled: false,
  attributes: [{ Name: 'sub', Value: 'ffffffff-0000-4000-8000-000000000000' }, { Name: 'email' }],
}

function refusal(filter: string): CognitoError {
  try {
    parseUserFilter(filter)
  } catch (error) {
    expect(error).toBeInstanceOf(CognitoError)
    return error as CognitoError
  }
  throw new Error(`parseUserFilter accepted ${JSON.stringify(filter)}`)
}

function matches(filter: string, user: FilterableUser): boolean {
  return matchesUserFilter(parseUserFilter(filter)!, user)
}

describe('parseUserFilter', () => {
  it.each([
    ['email = "a@b.c"', { attribute: 'email', prefix: false, value: 'a@b.c' }],
    ['email ^= "a@"', { attribute: 'email', prefix: true, value: 'a@' }],
    ['email="a@b.c"', { attribute: 'email', prefix: false, value: 'a@b.c' }],
    ['email^="a@"', { attribute: 'email', prefix: true, value: 'a@' }],
    ['email  =   "a@b.c"', { attribute: 'email', prefix: false, value: 'a@b.c' }],
    ['email= "a@b.c"', { attribute: 'email', prefix: false, value: 'a@b.c' }],
    ['email ="a@b.c"', { attribute: 'email', prefix: false, value: 'a@b.c' }],
    ['  email = "a@b.c"  ', { attribute: 'email', prefix: false, value: 'a@b.c' }],
    ['name = ""', { attribute: 'name', prefix: false, value: '' }],
    ['name = "a = \\"b\\""', { attribute: 'name', prefix: false, value: 'a = "b"' }],
    ['cognito:user_status = "CONFIRMED"', { attribute: 'cognito:user_status', prefix: false, value: 'CONFIRMED' }],
  ] satisfies [string, UserFilter][])('parses %j', (filter, expected) => {
    expect(parseUserFilter(filter)).toEqual(expected)
  })

  it('unescapes an inner double quote and backslash', () => {
    expect(parseUserFilter('name = "say \\"hi\\""')?.value).toBe('say "hi"')
    expect(parseUserFilter('name = "back\\\\slash"')?.value).toBe('back\\slash')
    expect(parseUserFilter('name ^= "ends with \\\\"')?.value).toBe('ends with \\')
  })

  it('accepts every searchable attribute', () => {
    for (const attribute of searchableAttributes) {
      expect(parseUserFilter(`${attribute} = "x"`)).toEqual({ attribute, prefix: false, value: 'x' })
    }
  })

  it.each([undefined, '', '   '])('lists every user for %j', (filter) => {
    expect(parseUserFilter(filter)).toBeUndefined()
  })

  it.each([
    ['no quotes', 'email = a@b.c'],
    ['single quotes', "email = 'a@b.c'"],
    ['missing operator', 'email "a@b.c"'],
    ['trailing garbage after the closing quote', 'email = "a@b.c" x'],
    ['a second quoted value', 'email = "a" "b"'],
    ['unterminated quote', 'email = "a@b.c'],
    ['an unescaped inner quote', 'name = "say "hi""'],
    ['a backslash escaping the closing quote', 'name = "abc\\"'],
    ['an unknown escape', 'name = "a\\nb"'],
    ['!=', 'email != "a@b.c"'],
    ['!= without spaces', 'email!="a@b.c"'],
    ['== ', 'email == "a@b.c"'],
    ['two clauses with AND', 'email = "a@b.c" AND name = "x"'],
    ['no attribute', '= "a@b.c"'],
    ['no value', 'email ='],
    ['a bare name', 'email'],
  ])('refuses %s as unparsable', (_, filter) => {
    const error = refusal(filter)
    expect(error.type).toBe('InvalidParameterException')
    expect(error.wireMessage).toBe('Error while parsing filter.')
    expect(error.wireMessage).toBe(filterMessages.unparsable)
    expect(error.status).toBe(400)
  })

  it.each(['custom:role', 'address', 'unknown', 'Email', 'email_verified'])('refuses %s as not searchable', (name) => {
    const error = refusal(`${name} = "x"`)
    expect(error.type).toBe('InvalidParameterException')
    expect(error.wireMessage).toBe(`Invalid search attribute: ${name}`)
    expect(error.wireMessage).toBe(filterMessages.notSearchable(name))
  })

  it('reports an unsearchable attribute with the prefix operator too', () => {
    expect(refusal('custom:role ^= "ad"').wireMessage).toBe('Invalid search attribute: custom:role')
  })
})

describe('matchesUserFilter', () => {
  it('matches username exactly, case included', () => {
    expect(matches('username = "Alice.Smith"', alice)).toBe(true)
    expect(matches('username = "alice.smith"', alice)).toBe(false)
    expect(matches('username = "Alice"', alice)).toBe(false)
  })

  it('matches a username prefix, case included', () => {
    expect(matches('username ^= "Alice"', alice)).toBe(true)
    expect(matches('username ^= "alice"', alice)).toBe(false)
  })

  it('matches email in any case, exactly or by prefix', () => {
    expect(matches('email = "alice@example.com"', alice)).toBe(true)
    expect(matches('email = "ALICE@EXAMPLE.COM"', alice)).toBe(true)
    expect(matches('email = "alice@example"', alice)).toBe(false)
    expect(matches('email ^= "ALICE@"', alice)).toBe(true)
    expect(matches('email ^= "bob@"', alice)).toBe(false)
  })

  it.each([
    ['phone_number', '+15555550100', '+1555'],
    ['name', 'alice smith', 'ALICE S'],
    ['given_name', 'ALICE', 'al'],
    ['family_name', 'smith', 'SM'],
    ['preferred_username', 'ALLY', 'Al'],
    ['sub', '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D', '0A1B'],
  ])('matches %s in any case, exactly or by prefix', (attribute, exact, prefix) => {
    expect(matches(`${attribute} = "${exact}"`, alice)).toBe(true)
    expect(matches(`${attribute} ^= "${prefix}"`, alice)).toBe(true)
    expect(matches(`${attribute} = "${prefix}"`, alice)).toBe(false)
    expect(matches(`${attribute} ^= "zz"`, alice)).toBe(false)
  })

  it('matches status Enabled and Disabled, case included', () => {
    expect(matches('status = "Enabled"', alice)).toBe(true)
    expect(matches('status = "Disabled"', alice)).toBe(false)
    expect(matches('status = "Disabled"', bob)).toBe(true)
    expect(matches('status = "Enabled"', bob)).toBe(false)
    expect(matches('status = "enabled"', alice)).toBe(false)
    expect(matches('status = "DISABLED"', bob)).toBe(false)
    expect(matches('status ^= "En"', alice)).toBe(true)
  })

  it('matches cognito:user_status in any case', () => {
    expect(matches('cognito:user_status = "CONFIRMED"', alice)).toBe(true)
    expect(matches('cognito:user_status = "confirmed"', alice)).toBe(true)
    expect(matches('cognito:user_status = "CONFIRMED"', bob)).toBe(false)
    expect(matches('cognito:user_status = "force_change_password"', bob)).toBe(true)
    expect(matches('cognito:user_status ^= "Force"', bob)).toBe(true)
  })

  it('matches a value holding an escaped quote', () => {
    const quoted: FilterableUser = { ...alice, attributes: [{ Name: 'name', Value: 'Say "Hi"' }] }
    expect(matches('name = "say \\"hi\\""', quoted)).toBe(true)
    expect(matches('name ^= "say \\""', quoted)).toBe(true)
  })

  it('never matches a user lacking the attribute', () => {
    expect(matches('given_name ^= ""', bob)).toBe(false)
    expect(matches('phone_number = ""', bob)).toBe(false)
    // bob's email entry has no Value: absent, not empty.
    expect(matches('email ^= ""', bob)).toBe(false)
    expect(matches('email ^= ""', alice)).toBe(true)
  })

  it('does not read custom attributes through a standard name', () => {
    expect(matches('name = "admin"', alice)).toBe(false)
  })
})
