import { fidelity } from '../fidelity.ts'
import { Tombstones, type PrunedRefreshToken } from './tombstones.ts'
import type { AuthSessionRecord, PrunedRecordsSnapshot, RefreshTokenRecord } from './types.ts'

/**
 * Tombstones, kept by epoch so that they too end (fidelity.prunedRecordsKeptFor): a record pruned as expired goes
 * into the epoch of the time it became prunable, and an epoch is dropped once it is more than one epoch old. An
 * expired refresh token or session is therefore refused as expired for one to two epochs after that, then as an
 * unknown one, and the store's memory is flat however long a mock runs. Epochs follow from the records' own
 * times and the clock, not from when pruning ran, so that two mocks in the same state answer the same.
 */

const EPOCH_MS = fidelity.prunedRecordsKeptFor.days * 86_400_000

/** A pruned refresh token, and the epoch that holds it (for revoking it). */
export type EpochRefreshToken = PrunedRefreshToken & { epoch: number }

export class TombstoneEpochs {
  #epochs = new Map<number, Tombstones>()

  #at(epoch: number): Tombstones {
    let tombstones = this.#epochs.get(epoch)
    if (!tombstones) this.#epochs.set(epoch, (tombstones = new Tombstones()))
    return tombstones
  }

  /** The epochs still answered at `now`: this one and the one before. */
  *#live(now: number): Generator<[number, Tombstones]> {
    const current = Math.floor(now / EPOCH_MS)
    for (const entry of this.#epochs) if (entry[0] >= current - 1) yield entry
  }

  /** `prunableAt`: when the record stopped being able to change an answer (the store's pruning rule). */
  addRefreshToken(record: RefreshTokenRecord, user: string, revoked: boolean, prunableAt: number): void {
    this.#at(Math.floor(prunableAt / EPOCH_MS)).addRefreshToken(record, user, revoked)
  }

  refreshToken(token: string, now: number): EpochRefreshToken | undefined {
    for (const [epoch, tombstones] of this.#live(now)) {
      const found = tombstones.refreshToken(token)
      if (found) return { ...found, epoch }
    }
    return undefined
  }

  revoke(token: EpochRefreshToken): void {
    this.#epochs.get(token.epoch)?.revokeSlot(token.slot)
  }

  revokeFamily(originJti: string): boolean {
    let revoked = false
    for (const tombstones of this.#epochs.values()) revoked = tombstones.revokeFamily(originJti) || revoked
    return revoked
  }

  revokeUser(user: string): void {
    for (const tombstones of this.#epochs.values()) tombstones.revokeUser(user)
  }

  addSession(record: AuthSessionRecord, user: string): void {
    this.#at(Math.floor(record.expiresAt / EPOCH_MS)).addSession(record, user)
  }

  takeSession(session: string, now: number): boolean {
    for (const [, tombstones] of this.#live(now)) if (tombstones.takeSession(session)) return true
    return false
  }

  forget(matches: (owner: { poolId: string; user: string }) => boolean): void {
    for (const tombstones of this.#epochs.values()) tombstones.forget(matches)
  }

  /** Drops the epochs no longer answered at `now`. */
  drop(now: number): void {
    const current = Math.floor(now / EPOCH_MS)
    for (const epoch of this.#epochs.keys()) if (epoch < current - 1) this.#epochs.delete(epoch)
  }

  get size(): { refreshTokens: number; sessions: number } {
    let refreshTokens = 0
    let sessions = 0
    for (const tombstones of this.#epochs.values()) {
      refreshTokens += tombstones.size.refreshTokens
      sessions += tombstones.size.sessions
    }
    return { refreshTokens, sessions }
  }

  /** Each epoch's tombstones, oldest epoch first; an epoch's entries name it. */
  snapshot(): PrunedRecordsSnapshot {
    const out: Required<PrunedRecordsSnapshot> = { refreshTokens: [], sessions: [] }
    for (const epoch of [...this.#epochs.keys()].sort((a, b) => a - b)) {
      const { refreshTokens = [], sessions = [] } = this.#epochs.get(epoch)!.snapshot()
      out.refreshTokens.push(...refreshTokens.map((entry) => ({ ...entry, epoch })))
      out.sessions.push(...sessions.map((entry) => ({ ...entry, epoch })))
    }
    return out
  }

  /** Entries without an epoch (snapshots taken before epochs) join the epoch of `now`. */
  restore(snapshot: PrunedRecordsSnapshot, userKey: (poolId: string, username: string) => string, now: number): void {
    this.clear()
    const fallback = Math.floor(now / EPOCH_MS)
    const byEpoch = new Map<number, PrunedRecordsSnapshot & Required<PrunedRecordsSnapshot>>()
    const of = (epoch: number | undefined) => {
      const key = epoch ?? fallback
      if (!byEpoch.has(key)) byEpoch.set(key, { refreshTokens: [], sessions: [] })
      return byEpoch.get(key)!
    }
    for (const entry of snapshot.refreshTokens ?? []) of(entry.epoch).refreshTokens.push(entry)
    for (const entry of snapshot.sessions ?? []) of(entry.epoch).sessions.push(entry)
    for (const [epoch, part] of byEpoch) this.#at(epoch).restore(part, userKey)
  }

  clear(): void {
    this.#epochs.clear()
  }
}
