import type { CognitoMock } from '../handle/types.ts'
import { CONTROL_KEYS } from '../handle/control.ts'
import type { StoreSnapshot } from '../state/types.ts'
import { VERSION } from '../version.ts'
import { formatMessage } from '../lib/errors.ts'

/** The part of the Web Storage API persistence uses: `sessionStorage`, `localStorage` or one of your own. */
export type PersistStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** Where `startCognitoWorker({ persist })` keeps the mock's state. */
export interface PersistOptions {
  /** The storage key (default `"cognito-device-mock:state"`, `CONTROL_KEYS.stateKey`). */
  key?: string
  /**
   * Default `sessionStorage`: one state per tab, kept across reloads, gone with the tab. `localStorage` keeps
   * it across tabs and browser restarts (and shares it between tabs, last save wins).
   */
  storage?: PersistStorage
}

/** A saved state, as JSON in the storage. */
interface SavedState {
  /** The layout of this object; bumped if it changes. */
  format: typeof FORMAT
  /** The library version that saved it: another version's state is ignored. */
  library: string
  /** `snapshot({ exact: true })`: its `exact.origin` names the seed and world it grew from. */
  state: StoreSnapshot
}

const FORMAT = 1

export interface Persistence {
  /**
   * Restores the saved state when there is one from this library version, for the seed and world options this
   * mock was made with; anything else is ignored (the mock keeps its seeded world). True if it restored.
   */
  restore(): boolean
  /** Saves the mock's state, unless it is what was saved last. Never throws: a failure is warned about once. */
  save(): void
  /** Removes the saved state: the next page load starts from the seed. */
  clear(): void
}

/**
 * Keeps `cognito`'s state in a Web Storage, for `startCognitoWorker({ persist })`: restore it at start-up, save
 * it after each answered request and when the page is hidden. Also makes `cognito.reset()` clear the saved state.
 * Storage is the browser adapter's business: the mock itself only offers `snapshot({ exact: true })` and
 * `restore()` (decisions/0010-browser-persistence.md).
 *
 * @example
 * const persisted = persistMock(cognito, { storage: sessionStorage })
 * persisted.restore()
 * worker.events.on('response:mocked', () => persisted.save())
 */
export function persistMock(cognito: CognitoMock, options: PersistOptions = {}): Persistence {
  const key = options.key ?? CONTROL_KEYS.stateKey
  /** Each kind of failure is warned about once: a full storage must not fill the console too. */
  const warned = new Set<string>()
  const warnOnce = (kind: 'storage' | 'read' | 'restore' | 'save', message: string, error?: unknown) => {
    if (warned.has(kind)) return
    warned.add(kind)
    const reason = error instanceof Error ? ` (${error.name}: ${error.message})` : ''
    console.warn(formatMessage(`${message}${reason}`))
  }

  let storage: PersistStorage | undefined
  try {
    // Reading `sessionStorage` itself throws where storage is blocked (sandboxed frames, some privacy settings).
    storage = options.storage ?? globalThis.sessionStorage
  } catch (error) {
    warnOnce('storage', 'persist: sessionStorage is not available; the mock runs without saving its state.', error)
  }
  if (!storage) {
    warnOnce('storage', 'persist: no storage (sessionStorage is missing here); the mock runs without saving its state.')
    return { restore: () => false, save: () => undefined, clear: () => undefined }
  }
  const store = storage

  /** The JSON last written, or read and restored: saving the same again is skipped. */
  let lastSaved: string | undefined

  // A reset is a fresh start: a reload after it must not bring back the state from before.
  const reset = cognito.reset
  cognito.reset = () => {
    reset()
    clear()
  }

  function clear(): void {
    lastSaved = undefined
    try {
      store.removeItem(key)
    } catch {
      // Nothing saved can be removed either: nothing to do.
    }
  }

  function read(): SavedState | undefined {
    let raw: string | null
    try {
      raw = store.getItem(key)
    } catch (error) {
      warnOnce('read', `persist: could not read storage["${key}"]; starting from the seed.`, error)
      return undefined
    }
    if (raw === null) return undefined
    try {
      const saved = JSON.parse(raw) as Partial<SavedState> | null
      if (saved?.format !== FORMAT || saved.library !== VERSION || typeof saved.state !== 'object' || saved.state === null) return undefined
      lastSaved = raw
      return saved as SavedState
    } catch {
      return undefined
    }
  }

  return {
    restore() {
      const saved = read()
      if (!saved) return false
      const here = JSON.stringify(cognito.snapshot({ exact: true }).exact?.origin)
      if (JSON.stringify(saved.state.exact?.origin) !== here) {
        lastSaved = undefined
        return false
      }
      try {
        cognito.restore(saved.state)
        return true
      } catch (error) {
        // A state that passed the checks above but does not restore: start from the seed rather than half of it.
        lastSaved = undefined
        reset()
        warnOnce('restore', `persist: the state saved in storage["${key}"] could not be restored; starting from the seed.`, error)
        return false
      }
    },
    save() {
      const saved: SavedState = { format: FORMAT, library: VERSION, state: cognito.snapshot({ exact: true }) }
      const text = JSON.stringify(saved)
      if (text === lastSaved) return
      try {
        store.setItem(key, text)
        lastSaved = text
      } catch (error) {
        // Usually QuotaExceededError. What is saved is now older than the mock: drop it, so that a reload starts
        // from the seed instead of from a state the page never showed.
        clear()
        warnOnce(
          'save',
          `persist: could not save the mock's state (${text.length.toLocaleString('en')} characters) in storage["${key}"]. ` +
            'The mock goes on answering, but a reload starts from the seed.',
          error,
        )
      }
    },
    clear,
  }
}
