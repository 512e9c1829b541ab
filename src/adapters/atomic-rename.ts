import { renameSync } from 'node:fs'
import { rename } from 'node:fs/promises'

/*
 * The rename that makes a state save atomic, retried where it can fail for a moment: on Windows, a virus scanner,
 * the search indexer or an editor briefly holding the target open makes `MoveFileEx` fail with EPERM, EACCES or
 * EBUSY, and the same rename succeeds a few milliseconds later (npm's graceful-fs retries for the same reason).
 * Elsewhere these codes mean what they say, and the first failure is reported.
 */

/** The codes a held file gives on Windows. */
const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY'])

/** How long a rename is retried before its error is reported: long enough for a scan, short enough for a SIGTERM. */
const BUDGET_MS = 2_000

export interface RenameOptions {
  platform?: NodeJS.Platform
  /** For tests: the rename to retry. */
  rename?: (from: string, to: string) => Promise<void>
  renameSync?: (from: string, to: string) => void
}

const retryable = (error: unknown, platform: NodeJS.Platform) => platform === 'win32' && TRANSIENT.has((error as NodeJS.ErrnoException)?.code ?? '')

/**
 * `rename(from, to)`, retried with growing pauses (10 ms, 20 ms, … up to 100 ms) for about 2 s while Windows
 * reports the target busy.
 *
 * @example
 * await renameRetrying('state.json.123.1.tmp', 'state.json')
 */
export async function renameRetrying(from: string, to: string, options: RenameOptions = {}): Promise<void> {
  const { platform = process.platform, rename: move = rename } = options
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await move(from, to)
    } catch (error) {
      if (!retryable(error, platform) || Date.now() - started >= BUDGET_MS) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.min(10 * attempt, 100)))
    }
  }
}

/**
 * {@link renameRetrying} for the final save before exit, where the event loop cannot wait: it sleeps in place.
 *
 * @example
 * renameRetryingSync('state.json.123.2.tmp', 'state.json')
 */
export function renameRetryingSync(from: string, to: string, options: RenameOptions = {}): void {
  const { platform = process.platform, renameSync: move = renameSync } = options
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return move(from, to)
    } catch (error) {
      if (!retryable(error, platform) || Date.now() - started >= BUDGET_MS) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(10 * attempt, 100))
    }
  }
}
