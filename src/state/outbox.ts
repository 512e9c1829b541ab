import type { OutboxMessage } from './types.ts'

/** The outbox keeps the newest messages only: a long test run must not grow it without end. */
const OUTBOX_LIMIT = 1000

/** Which messages a reader wants: any of these that is given must match. */
export interface OutboxFilter {
  poolId?: string
  /**
   * Case-insensitive, as usernames are. Also matches the address or number a message went to, so that a user of a
   * pool with username attributes is found by the email or phone number they signed up with (their username is
   * their `sub`).
   */
  username?: string
  medium?: OutboxMessage['medium']
  purpose?: OutboxMessage['purpose']
}

/**
 * What the service would have sent by SMS or email: the codes a test, a story or a developer types in. A
 * listener hears each message as it is sent (`serve` prints them, the browser's panel shows them).
 */
export class Outbox {
  #messages: OutboxMessage[] = []
  #next = 1
  readonly #listeners = new Set<(message: OutboxMessage) => void>()

  /** Records a message, giving it the next id, and tells the listeners. */
  send(message: Omit<OutboxMessage, 'id'>): OutboxMessage {
    const sent: OutboxMessage = { id: this.#next++, ...message }
    this.#messages.push(sent)
    if (this.#messages.length > OUTBOX_LIMIT) this.#messages.splice(0, this.#messages.length - OUTBOX_LIMIT)
    for (const listener of this.#listeners) listener(structuredClone(sent))
    return sent
  }

  /** The messages that match, oldest first, as copies. */
  list(filter: OutboxFilter = {}): OutboxMessage[] {
    const username = filter.username?.toLowerCase()
    return this.#messages
      .filter(
        (m) =>
          (filter.poolId === undefined || m.poolId === filter.poolId) &&
          (username === undefined || m.username.toLowerCase() === username || m.destination.toLowerCase() === username) &&
          (filter.medium === undefined || m.medium === filter.medium) &&
          (filter.purpose === undefined || m.purpose === filter.purpose),
      )
      .map((m) => structuredClone(m))
  }

  /** Calls `listener` with every message sent from now on; returns what stops it. */
  listen(listener: (message: OutboxMessage) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  get size(): number {
    return this.#messages.length
  }

  /** Empties the outbox; ids go on from where they were, so that a message read before is never confused with a new one. */
  clear(): void {
    this.#messages = []
  }

  /** Empties the outbox and starts ids from 1 again: a re-seeded or restored mock numbers its messages as a fresh one. */
  reset(): void {
    this.#messages = []
    this.#next = 1
  }

  snapshot(): OutboxMessage[] {
    return this.#messages.map((m) => structuredClone(m))
  }

  restore(messages: readonly OutboxMessage[]): void {
    this.#messages = messages.map((m) => structuredClone(m))
    this.#next = Math.max(this.#next, ...messages.map((m) => m.id + 1))
  }
}
