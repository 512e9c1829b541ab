import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { DeviceList } from '../state/device-list.ts'
import type { DeviceRecord } from '../state/types.ts'
import { effectiveLimit, pageOf } from './pagination.ts'
import { PageTokens, type ListScope } from '../state/page-tokens.ts'

const SCOPE: ListScope = { poolId: 'us-east-1_AbC123xYz', username: 'Alice.Smith', view: 'user' }
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

async function refused(pages: PageTokens, scope: ListScope, token: string): Promise<void> {
  let caught: unknown
  try {
    const seq = await pages.decode(scope, token)
    caught = new Error(`decode accepted ${JSON.stringify(token)} as seq ${seq}`)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(CognitoError)
  expect((caught as CognitoError).type).toBe(fidelity.invalidPaginationToken.type)
  expect((caught as CognitoError).wireMessage).toBe(fidelity.invalidPaginationToken.message)
}

function device(seq: number, rememberedStatus: DeviceRecord['rememberedStatus'] = 'remembered'): DeviceRecord {
  return {
    poolId: SCOPE.poolId,
    username: SCOPE.username,
    key: `us-east-1_${seq.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    groupKey: '-abcdefgh',
    rememberedStatus,
    lastIp: '10.0.0.1',
    sdk: 'aws-sdk',
    createdAt: seq,
    lastModifiedAt: seq,
    lastAuthenticatedAt: 0,
    seq,
  }
}

function listOf(records: DeviceRecord[]): DeviceList {
  const list = new DeviceList()
  for (const record of records) list.add(record)
  return list
}

/** Every visible device, page by page, as ListDevices callers walk them. */
function walk(list: DeviceList, limit: number, visible: (d: DeviceRecord) => boolean) {
  const pages: DeviceRecord[][] = []
  let after = 0
  for (;;) {
    const { devices, more } = pageOf(list, after, limit, visible)
    pages.push(devices)
    if (!more) return pages
    expect(devices.length).toBe(limit)
    after = devices[devices.length - 1]!.seq
  }
}

describe('PageTokens', () => {
  it('round-trips a seq for the scope that issued it, and is opaque (no raw names, base64url only)', async () => {
    const pages = new PageTokens('42')
    for (const seq of [0, 1, 59, 60, 1_000_000, Number.MAX_SAFE_INTEGER]) {
      const token = await pages.encode(SCOPE, seq)
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{24}$/)
      expect(token).not.toContain('Alice')
      expect(await pages.decode(SCOPE, token)).toBe(seq)
    }
  })

  it('property: encode/decode round-trip for any scope and seq', async () => {
    const pages = new PageTokens('seed')
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          poolId: fc.string({ minLength: 1, maxLength: 55 }),
          username: fc.string({ minLength: 1, maxLength: 128, unit: 'grapheme' }),
          view: fc.constantFrom('user' as const, 'admin' as const),
        }),
        fc.nat(),
        async (scope, seq) => {
          const token = await pages.encode(scope, seq)
          expect(token).toMatch(/^\S+$/)
          expect(await pages.decode(scope, token)).toBe(seq)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('round-trips usernames outside ASCII (Cognito usernames are any letters, marks, symbols, digits)', async () => {
    const pages = new PageTokens('42')
    for (const username of ['José', 'Ñandú.Müller', '李雷', 'ユーザー', '😀user', 'é\u0301', 'İstanbul']) {
      const scope = { ...SCOPE, username }
      expect(await pages.decode(scope, await pages.encode(scope, 9))).toBe(9)
      expect(await pages.decode({ ...scope, username: username.toUpperCase() }, await pages.encode(scope, 9))).toBe(9)
    }
  })

  it('is deterministic: the same secret gives the same token, another secret another one', async () => {
    const a = await new PageTokens('42').encode(SCOPE, 7)
    expect(await new PageTokens('42').encode(SCOPE, 7)).toBe(a)
    const other = await new PageTokens('43').encode(SCOPE, 7)
    expect(other).not.toBe(a)
    await refused(new PageTokens('43'), SCOPE, a)
    await refused(new PageTokens('42'), SCOPE, other)
  })

  it('binds the token to its pool, user and view; usernames compare case-insensitively', async () => {
    const pages = new PageTokens('42')
    const token = await pages.encode(SCOPE, 12)
    await refused(pages, { ...SCOPE, poolId: 'us-east-1_Other0000' }, token)
    await refused(pages, { ...SCOPE, username: 'bob' }, token)
    await refused(pages, { ...SCOPE, username: 'Alice.Smith2' }, token)
    await refused(pages, { ...SCOPE, view: 'admin' }, token)
    expect(await pages.decode({ ...SCOPE, username: 'alice.smith' }, token)).toBe(12)
    expect(await pages.decode({ ...SCOPE, username: 'ALICE.SMITH' }, token)).toBe(12)
  })

  it('refuses every single-character change of a token', async () => {
    const pages = new PageTokens('42')
    for (const seq of [3, 60, 123_456]) {
      const token = await pages.encode(SCOPE, seq)
      for (let i = 0; i < token.length; i++) {
        for (const replacement of [...new Set([...BASE64URL, '.', '=', '+', '/', ' ', 'é', '\u0000'])]) {
          if (replacement === token[i]) continue
          await refused(pages, SCOPE, token.slice(0, i) + replacement + token.slice(i + 1))
        }
        // Deleting or duplicating a character is a change too.
        await refused(pages, SCOPE, token.slice(0, i) + token.slice(i + 1))
        await refused(pages, SCOPE, token.slice(0, i) + token[i] + token.slice(i))
      }
    }
  })

  it('refuses garbage, empty parts, swapped parts and a payload under another MAC', async () => {
    const pages = new PageTokens('42')
    const a = await pages.encode(SCOPE, 5)
    const b = await pages.encode(SCOPE, 6)
    const [payloadA, macA] = a.split('.') as [string, string]
    const [payloadB, macB] = b.split('.') as [string, string]
    for (const token of ['', '.', 'x', 'abc.', `.${macA}`, payloadA, `${macA}.${payloadA}`, `${payloadA}.${macB}`, `${payloadB}.${macA}`, `${a}.${macA}`, `${a} `]) {
      await refused(pages, SCOPE, token)
    }
  })

  it('refuses seqs that no list position can have, even under a valid MAC', async () => {
    const pages = new PageTokens('42')
    for (const seq of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      await refused(pages, SCOPE, await pages.encode(SCOPE, seq))
    }
  })

  it('property: random strings are never accepted', async () => {
    const pages = new PageTokens('42')
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120, unit: 'binary' }), async (token) => {
        await refused(pages, SCOPE, token)
      }),
      { numRuns: 300 },
    )
  })
})

describe('pageOf', () => {
  it('pages through a list in seq order, full pages until the last, which says no more', () => {
    const list = listOf([1, 2, 3, 4, 5, 6, 7].map((s) => device(s)))
    const pages = walk(list, 3, () => true)
    expect(pages.map((p) => p.map((d) => d.seq))).toEqual([[1, 2, 3], [4, 5, 6], [7]])
  })

  it('has no extra empty page when the last page is exactly full', () => {
    const list = listOf([1, 2, 3, 4].map((s) => device(s)))
    expect(pageOf(list, 0, 4, () => true)).toEqual({ devices: list.ordered, more: false })
    expect(walk(list, 2, () => true).map((p) => p.length)).toEqual([2, 2])
  })

  it('on sparse visibility: skips hidden devices and says "more" only when a visible one follows', () => {
    const records = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => device(s, s % 3 === 0 ? 'remembered' : 'not_remembered'))
    const list = listOf(records)
    const remembered = (d: DeviceRecord) => d.rememberedStatus === 'remembered'
    // Visible: 3, 6, 9. After 9 come only hidden devices: no token on that page.
    expect(pageOf(list, 0, 2, remembered)).toEqual({ devices: [records[2], records[5]], more: true })
    expect(pageOf(list, 6, 2, remembered)).toEqual({ devices: [records[8]], more: false })
    expect(pageOf(list, 0, 3, remembered)).toEqual({ devices: [records[2], records[5], records[8]], more: false })
    expect(pageOf(list, 9, 5, remembered)).toEqual({ devices: [], more: false })
    expect(pageOf(list, 0, 5, () => false)).toEqual({ devices: [], more: false })
  })

  it('resumes after a seq that is gone (a forgotten device), and past the end gives an empty last page', () => {
    const list = listOf([2, 4, 6, 8].map((s) => device(s)))
    expect(pageOf(list, 5, 10, () => true).devices.map((d) => d.seq)).toEqual([6, 8])
    list.remove(device(6).key)
    expect(pageOf(list, 4, 10, () => true).devices.map((d) => d.seq)).toEqual([8])
    expect(pageOf(list, 8, 10, () => true)).toEqual({ devices: [], more: false })
    expect(pageOf(list, 1000, 10, () => true)).toEqual({ devices: [], more: false })
  })

  it('a device added between pages appears on a later page, never twice and never before', () => {
    const list = listOf([1, 2, 3].map((s) => device(s)))
    const first = pageOf(list, 0, 2, () => true)
    list.add(device(10))
    list.remove(device(1).key)
    const second = pageOf(list, first.devices[1]!.seq, 2, () => true)
    expect(first.devices.map((d) => d.seq)).toEqual([1, 2])
    expect(second.devices.map((d) => d.seq)).toEqual([3, 10])
    expect(second.more).toBe(false)
  })

  it('property: the pages of any list, limit and visibility partition the visible devices in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 80 }),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        fc.integer({ min: 1, max: 60 }),
        (seqs, shown, limit) => {
          const records = seqs.map((seq, i) => device(seq, shown[i] ? 'remembered' : 'not_remembered'))
          const list = listOf(records)
          const visible = (d: DeviceRecord) => d.rememberedStatus === 'remembered'
          const pages = walk(list, limit, visible)
          const expected = records.filter(visible).map((d) => d.seq).sort((a, b) => a - b)
          expect(pages.flat().map((d) => d.seq)).toEqual(expected)
          for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit)
          expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true)
          if (expected.length > 0) expect(pages[pages.length - 1]!.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('effectiveLimit', () => {
  it('absent and 0 mean the default (60); any other limit is itself', () => {
    expect(fidelity.defaultListLimit).toBe(60)
    expect(effectiveLimit(undefined)).toBe(60)
    expect(effectiveLimit(0)).toBe(fidelity.zeroLimitMeansDefault ? 60 : 0)
    for (const limit of [1, 2, 59, 60]) expect(effectiveLimit(limit)).toBe(limit)
  })
})
