import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { open, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { formatMessage, reason, usageError } from '../lib/errors.ts'
import type { CognitoMock } from '../handle/types.ts'
import type { StoreSnapshot } from '../state/types.ts'
import { VERSION } from '../version.ts'
import { renameRetrying, renameRetryingSync } from './atomic-rename.ts'

/**
 * `serve --state PATH`: the mock's whole state in one JSON file, read at start and saved after changes.
 *
 * - The file is an envelope around `mock.snapshot({ exact: true })` ({@link StateEnvelope}), so that a restart
 *   carries on exactly: devices, tokens issued and revoked, sign-ins, where the seeded streams stand.
 * - A file that is not JSON, not this format, of a newer format version, or that the mock refuses to restore is
 *   refused with a message naming it, and is never written over (decisions/0018-serve-state-file.md).
 * - Saves are atomic: `PATH.<pid>.<n>.tmp` in the same directory, fsync, rename over PATH, fsync the directory. A
 *   reader, or a `kill -9` at any moment, finds the old file or the new one, never a mix.
 */

/** The `format` marker of a state file. */
export const STATE_FORMAT = 'cognito-device-mock/state'
/** The newest envelope version this library reads and the one it writes. */
export const STATE_FORMAT_VERSION = 1

/**
 * What a state file holds.
 *
 * @example
 * const envelope: StateEnvelope = { format: STATE_FORMAT, formatVersion: 1, library: '0.1.0', savedAt: '2026-01-15T09:30:00.000Z', snapshot: cognito.snapshot({ exact: true }) }
 */
export interface StateEnvelope {
  format: typeof STATE_FORMAT
  formatVersion: number
  /** The library version that wrote it (informative). */
  library: string
  /** When it was written, by the wall clock. */
  savedAt: string
  snapshot: StoreSnapshot
}

/**
 * Reads and checks a state file: `undefined` if there is none yet. Throws a usage error naming the file and
 * what is wrong with it otherwise; it never writes.
 *
 * @example
 * const envelope = readStateFile('.cognito/state.json') // undefined on the first start
 */
export function readStateFile(path: string): StateEnvelope | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // The file is made by the first save; its directory is not (a typo in it would otherwise go unnoticed).
      if (!isDirectory(dirname(path))) throw usageError(`--state ${path}: the directory ${dirname(path)} does not exist. Create it first.`)
      return undefined
    }
    throw refused(path, `cannot be read: ${(error as Error).message}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw refused(path, `is not JSON (${text.length === 0 ? 'it is empty' : `it starts with ${JSON.stringify(text.slice(0, 20))}`})`)
  }
  const envelope = value as Partial<StateEnvelope> | null
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope) || envelope.format !== STATE_FORMAT) {
    throw refused(path, `is JSON but not a cognito-device-mock state file (no "format": "${STATE_FORMAT}")`)
  }
  if (typeof envelope.formatVersion !== 'number' || !Number.isInteger(envelope.formatVersion) || envelope.formatVersion < 1) {
    throw refused(path, `has no valid "formatVersion" (got ${JSON.stringify(envelope.formatVersion)})`)
  }
  if (envelope.formatVersion > STATE_FORMAT_VERSION) {
    throw refused(path, `has format version ${envelope.formatVersion}, written by cognito-device-mock ${String(envelope.library)}; this version (${VERSION}) reads up to ${STATE_FORMAT_VERSION}: upgrade the package`)
  }
  if (typeof envelope.snapshot !== 'object' || envelope.snapshot === null || typeof envelope.snapshot.exact !== 'object') {
    throw refused(path, 'has no exact snapshot ("snapshot" with its "exact" position)')
  }
  return envelope as StateEnvelope
}

/**
 * Puts a state file's snapshot into the mock; throws a usage error naming the file if the mock refuses it, or if
 * it was saved with another seed (whose signing keys would refuse every token it holds). Returns what it restored.
 *
 * @example
 * const { devices } = restoreState(cognito, envelope, 'state.json')
 */
export function restoreState(mock: CognitoMock, envelope: StateEnvelope, path: string): { devices: number; users: number } {
  const saved = envelope.snapshot.exact?.origin?.seed
  const ours = mock.snapshot({ exact: true }).exact?.origin.seed
  if (saved !== undefined && saved !== ours) {
    throw refused(path, `was saved with --seed ${JSON.stringify(saved)}, not ${JSON.stringify(ours)}: start with --seed ${JSON.stringify(saved)}`)
  }
  try {
    mock.restore(envelope.snapshot)
  } catch (error) {
    throw refused(path, `cannot be restored: ${reason(error)}`)
  }
  return { devices: envelope.snapshot.devices?.length ?? 0, users: envelope.snapshot.users?.length ?? 0 }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function refused(path: string, what: string): Error {
  return usageError(`--state ${path} ${what}. It was left as it is: fix or delete it, or give another --state file.`)
}

/**
 * Removes the temp files of saves interrupted (kill -9, power loss) next to `path`: `PATH.<pid>.<n>.tmp` only.
 *
 * @example
 * removeStaleTemps('state.json') // state.json.4242.7.tmp is gone; returns how many were removed
 */
export function removeStaleTemps(path: string): number {
  const dir = dirname(path)
  const prefix = `${basename(path)}.`
  let removed = 0
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^\d+\.\d+\.tmp$/.test(name.slice(prefix.length))) continue
    try {
      unlinkSync(join(dir, name))
      removed++
    } catch {
      // Gone already, or not ours to remove: a later start tries again.
    }
  }
  return removed
}

let tempCount = 0
function tempName(path: string): string {
  return `${path}.${process.pid}.${++tempCount}.tmp`
}

function envelopeText(mock: CognitoMock): string {
  const envelope: StateEnvelope = { format: STATE_FORMAT, formatVersion: STATE_FORMAT_VERSION, library: VERSION, savedAt: new Date().toISOString(), snapshot: mock.snapshot({ exact: true }) }
  return JSON.stringify(envelope)
}

/** fsync of the directory, so that the rename itself survives a power loss; skipped where a directory cannot be opened (Windows). */
function syncDirectory(path: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dirname(path), 'r')
    fsyncSync(fd)
  } catch {
    // Not supported here.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Writes the mock's state to `path` atomically and at once (for the final save before exit).
 *
 * @example
 * saveStateSync(cognito, 'state.json')
 */
export function saveStateSync(mock: CognitoMock, path: string): void {
  const text = envelopeText(mock)
  const temp = tempName(path)
  try {
    const fd = openSync(temp, 'w')
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameRetryingSync(temp, path)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // Never made.
    }
    throw error
  }
  syncDirectory(path)
}

/**
 * {@link saveStateSync} without blocking the event loop on the disk (the snapshot and JSON are still made at once).
 *
 * @example
 * await saveState(cognito, 'state.json')
 */
export async function saveState(mock: CognitoMock, path: string): Promise<void> {
  const text = envelopeText(mock)
  const temp = tempName(path)
  try {
    const file = await open(temp, 'w')
    try {
      await file.writeFile(text)
      await file.sync()
    } finally {
      await file.close()
    }
    await renameRetrying(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  syncDirectory(path)
}

/**
 * Saves of a state file, debounced: `changed()` after anything that may have changed the state; a save follows
 * `delayMs` after the last change, at most `maxWaitMs` after the first unsaved one (both stretched to the last
 * save's duration, and ten times it), one at a time (a change during a save arms the next). `flushSync()` saves now
 * if anything is unsaved: before exit.
 *
 * @example
 * const saver = stateSaver(cognito, 'state.json')
 * saver.changed() // after each answered request
 * process.on('SIGTERM', () => { saver.flushSync(); process.exit(0) })
 */
export function stateSaver(
  mock: CognitoMock,
  path: string,
  options: { delayMs?: number; maxWaitMs?: number; onError?: (message: string) => void } = {},
): { changed(): void; flushSync(): void } {
  const { delayMs = 250, maxWaitMs = 2000, onError = (message) => process.stderr.write(`${message}\n`) } = options
  let dirty = false
  let firstDirtyAt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let saving = false
  // A large state takes long to snapshot (about 1 s at 100,000 devices, on the event loop): save it less often,
  // so that saves take at most about a tenth of the time under sustained load.
  let lastSaveMs = 0

  const report = (error: unknown) => onError(formatMessage(`could not save --state ${path}: ${reason(error)}. The next change tries again.`))
  const arm = () => {
    if (saving || !dirty) return
    if (timer !== undefined) clearTimeout(timer)
    const wait = Math.max(0, Math.min(Math.max(delayMs, lastSaveMs), firstDirtyAt + Math.max(maxWaitMs, 10 * lastSaveMs) - Date.now()))
    timer = setTimeout(run, wait)
    timer.unref()
  }
  const run = () => {
    timer = undefined
    dirty = false
    saving = true
    const started = Date.now()
    saveState(mock, path).then(
      () => {
        lastSaveMs = Date.now() - started
        saving = false
        if (dirty) firstDirtyAt = Date.now()
        arm()
      },
      (error: unknown) => {
        // Not retried on a timer (a full disk would fail every time): the next change arms a save.
        saving = false
        dirty = true
        report(error)
      },
    )
  }
  return {
    changed() {
      if (!dirty) firstDirtyAt = Date.now()
      dirty = true
      arm()
    },
    flushSync() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      // A save in flight took its snapshot before the last changes, or may not finish before exit: save anyway.
      if (!dirty && !saving) return
      dirty = false
      try {
        saveStateSync(mock, path)
      } catch (error) {
        report(error)
      }
    },
  }
}

/** What `serve` prints about its state file. */
export interface StateSummary {
  path: string
  /** False when the file did not exist: the mock started from the seed and the first save makes it. */
  restored: boolean
  users: number
  devices: number
}

/**
 * `serve --state PATH` in two steps: `openStateFile` before the mock exists (reads and checks the file, removes
 * stale temp files), then `attach(mock)` once it does (restores, then saves after each `changed()`). Both throw
 * usage errors naming the file.
 *
 * @example
 * const state = openStateFile('state.json')
 * const { summary, changed, flushSync } = state.attach(endpoint.cognito)
 */
export function openStateFile(path: string): { attach(mock: CognitoMock): { summary: StateSummary; changed(): void; flushSync(): void } } {
  const envelope = readStateFile(path)
  removeStaleTemps(path)
  return {
    attach(mock) {
      const restored = envelope === undefined ? undefined : restoreState(mock, envelope, path)
      const summary: StateSummary = { path, restored: restored !== undefined, users: restored?.users ?? 0, devices: restored?.devices ?? 0 }
      return { summary, ...stateSaver(mock, path) }
    },
  }
}

/**
 * The one line `serve` prints about its state file.
 *
 * @example
 * stateLine({ path: 'state.json', restored: true, users: 5, devices: 12 }) // 'State: state.json (restored 5 users, 12 devices)'
 */
export function stateLine(state: StateSummary): string {
  return `State: ${state.path} (${state.restored ? `restored ${state.users} users, ${state.devices} devices` : 'new'})`
}
