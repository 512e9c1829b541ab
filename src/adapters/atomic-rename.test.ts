import { describe, expect, it } from 'vitest'
import { renameRetrying, renameRetryingSync } from './atomic-rename.ts'

/** A rename that fails with `code` for its first `failures` calls, then succeeds; counts its calls. */
function flaky(code: string, failures: number) {
  let calls = 0
  const fail = () => {
    calls++
    if (calls <= failures) throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code })
  }
  return { rename: async () => fail(), renameSync: fail, calls: () => calls }
}

describe('the state file\'s rename, retried while Windows holds the target', () => {
  it('on win32, EPERM, EACCES and EBUSY are retried until the rename succeeds', async () => {
    for (const code of ['EPERM', 'EACCES', 'EBUSY']) {
      const move = flaky(code, 3)
      await renameRetrying('a.tmp', 'a', { platform: 'win32', rename: move.rename })
      expect(move.calls(), code).toBe(4)
      const moveSync = flaky(code, 2)
      renameRetryingSync('a.tmp', 'a', { platform: 'win32', renameSync: moveSync.renameSync })
      expect(moveSync.calls(), code).toBe(3)
    }
  })

  it('elsewhere, and for other codes, the first error is reported at once', async () => {
    const linux = flaky('EPERM', 1)
    await expect(renameRetrying('a.tmp', 'a', { platform: 'linux', rename: linux.rename })).rejects.toMatchObject({ code: 'EPERM' })
    expect(linux.calls()).toBe(1)
    const missing = flaky('ENOENT', 1)
    expect(() => renameRetryingSync('a.tmp', 'a', { platform: 'win32', renameSync: missing.renameSync })).toThrow(/ENOENT/)
    expect(missing.calls()).toBe(1)
  })

  it('gives up after about two seconds of a target that stays held, with the last error', async () => {
    const held = flaky('EBUSY', Number.POSITIVE_INFINITY)
    const started = Date.now()
    await expect(renameRetrying('a.tmp', 'a', { platform: 'win32', rename: held.rename })).rejects.toMatchObject({ code: 'EBUSY' })
    const waited = Date.now() - started
    expect(waited).toBeGreaterThanOrEqual(2_000)
    expect(held.calls()).toBeGreaterThan(10)
  })
})
