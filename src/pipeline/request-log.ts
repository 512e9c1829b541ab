import { formatMessage } from '../lib/errors.ts'
import { operationNames, type OperationName } from '../model/exceptions.ts'
import { inputShapeAt, shapeOf } from '../model/schemas.ts'
import { NETWORK_ERROR, type WireAnswer } from '../protocol/wire-form.ts'
import type { RequestRecord } from '../scenarios/types.ts'

/**
 * The log keeps the most recent calls within two bounds, so that neither a long soak nor a stream of huge
 * bodies can exhaust memory: a count, and a byte budget over the entries' estimated size.
 */
const MAX_RECORDS = 10_000
const LOG_BUDGET_BYTES = 16 * 1024 * 1024

/**
 * Entries are cut at record time, past what any real Cognito input reaches (tokens, SRP values and sessions
 * are at most a few kilobytes): the log must not hold on to a body the answer has long forgotten.
 */
const MAX_STRING = 4096
/** Members of an object or items of an array kept per level. */
const MAX_ITEMS = 100
const MAX_DEPTH = 8
/** What one entry's input may take, estimated: a wide input of many long strings is cut here. */
const ENTRY_BUDGET_BYTES = 64 * 1024
/** The estimate's fixed costs: an entry's record and strings, one value, one member or item. */
const RECORD_BYTES = 160
const VALUE_BYTES = 16
const operationSet: ReadonlySet<string> = new Set(operationNames)

/**
 * Every call the mock answered, in arrival order, so a test can assert "ListDevices was called twice and
 * the second call was throttled".
 */
export class RequestLog {
  /** Entries from `#head` on are live: dropping the oldest moves the head, and the array is compacted now and then. */
  /** Slots before `#head` are emptied (`undefined`) so that dropped entries can be collected before compaction. */
  #records: (RequestRecord | undefined)[] = []
  #sizes: number[] = []
  #head = 0
  #bytes = 0
  log: boolean

  constructor(log: boolean) {
    this.log = log
  }

  record(facts: Omit<RequestRecord, 'status' | 'errorType' | 'truncated'>): RequestRecord {
    const input = boundedInput(facts.input)
    const operation = facts.operation.length > MAX_STRING ? cutString(facts.operation, MAX_STRING) : facts.operation
    const truncated = input.truncated || operation !== facts.operation
    const record: RequestRecord = { ...facts, operation, input: input.value, status: undefined, ...(truncated ? { truncated: true as const } : {}) }
    const size = RECORD_BYTES + operation.length + facts.requestId.length + input.bytes
    this.#records.push(record)
    this.#sizes.push(size)
    this.#bytes += size
    while (this.size > MAX_RECORDS || (this.#bytes > LOG_BUDGET_BYTES && this.size > 1)) this.#dropOldest()
    return record
  }

  /** Live entries. */
  get size(): number {
    return this.#records.length - this.#head
  }

  /** The log's estimated size in bytes (about the JSON length of its inputs, plus fixed costs per entry). */
  get bytes(): number {
    return this.#bytes
  }

  #dropOldest(): void {
    this.#bytes -= this.#sizes[this.#head]!
    this.#records[this.#head] = undefined
    this.#head++
    if (this.#head >= 1024 && this.#head * 2 >= this.#records.length) {
      this.#records = this.#records.slice(this.#head)
      this.#sizes = this.#sizes.slice(this.#head)
      this.#head = 0
    }
  }

  settle(record: RequestRecord, answer: WireAnswer): void {
    record.status = answer === NETWORK_ERROR ? 0 : answer.status
    const errorType = answer === NETWORK_ERROR ? undefined : answer.headers['x-amzn-errortype']
    if (errorType) record.errorType = errorType.replace(/:.*$/, '')
    else if (answer === NETWORK_ERROR) record.errorType = 'NetworkError'
    if (this.log) {
      console.info(
        formatMessage(
          `${record.operation || '(no target)'} → ${record.status === 0 ? 'network error' : record.status}` +
            `${record.errorType && record.status !== 0 ? ` ${record.errorType}` : ''} (${record.answeredBy})`,
        ),
      )
    }
  }

  /** Inputs are masked here, when read, so that answering a call pays nothing for the log. */
  list(): RequestRecord[] {
    const live = this.#records.slice(this.#head).filter((record): record is RequestRecord => record !== undefined)
    return live.map((record) => ({
      ...record,
      input: operationSet.has(record.operation) ? maskSensitive(record.operation as OperationName, record.input) : record.input,
    }))
  }

  clear(): void {
    this.#records = []
    this.#sizes = []
    this.#head = 0
    this.#bytes = 0
  }
}

/** The input as the log shows it: sensitive members (AccessToken, Username) replaced by `***`. */
function maskSensitive(operation: OperationName, input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input
  const masked: Record<string, unknown> = {}
  for (const [member, value] of Object.entries(input)) {
    const shape = inputShapeAt(operation, [member])
    masked[member] = shape !== undefined && shapeOf(shape).sensitive && value !== undefined && value !== null ? '***' : value
  }
  return masked
}

// ---------------------------------------------------------------------------------------------------
// Bounding an input
// ---------------------------------------------------------------------------------------------------

/**
 * The input as the log keeps it, with its estimated size: the decoded input itself when it is within the
 * limits (the common case, which costs one walk and no copy), otherwise a copy cut to them.
 */
function boundedInput(input: unknown): { value: unknown; bytes: number; truncated: boolean } {
  const bytes = sizeWithinLimits(input, 0, ENTRY_BUDGET_BYTES)
  if (bytes >= 0) return { value: input, bytes, truncated: false }
  const budget = { left: ENTRY_BUDGET_BYTES }
  const value = cut(input, 0, budget)
  return { value, bytes: ENTRY_BUDGET_BYTES - budget.left, truncated: true }
}

/** The estimated size of `value`, or -1 as soon as a limit would cut it. */
function sizeWithinLimits(value: unknown, depth: number, left: number): number {
  if (typeof value === 'string') return value.length > MAX_STRING ? -1 : VALUE_BYTES + value.length
  if (value === null || typeof value !== 'object') return VALUE_BYTES
  if (depth >= MAX_DEPTH) return -1
  let bytes = VALUE_BYTES
  let count = 0
  for (const key in value) {
    if (++count > MAX_ITEMS || key.length > MAX_STRING) return -1
    const inner = sizeWithinLimits((value as Record<string, unknown>)[key], depth + 1, left - bytes)
    if (inner < 0) return -1
    bytes += inner + (Array.isArray(value) ? 0 : VALUE_BYTES + key.length)
    if (bytes > left) return -1
  }
  return bytes
}

/** A copy of `value` within the limits and `budget`, each cut saying what it left out. */
function cut(value: unknown, depth: number, budget: { left: number }): unknown {
  if (typeof value === 'string') {
    const keep = Math.max(0, Math.min(value.length, MAX_STRING, budget.left - VALUE_BYTES))
    if (keep === value.length) {
      budget.left -= VALUE_BYTES + keep
      return value
    }
    // The note's ellipsis makes the string two bytes a character.
    const kept = cutString(value, keep)
    budget.left -= VALUE_BYTES + 2 * kept.length
    return kept
  }
  if (value === null || typeof value !== 'object') {
    budget.left -= VALUE_BYTES
    return value
  }
  const isArray = Array.isArray(value)
  const keys = isArray ? undefined : Object.keys(value)
  const total = isArray ? value.length : keys!.length
  const summary = `[truncated, ${total} ${isArray ? 'items' : 'members'}]`
  if (depth >= MAX_DEPTH || budget.left <= VALUE_BYTES) {
    budget.left -= VALUE_BYTES + summary.length
    return summary
  }
  budget.left -= VALUE_BYTES
  let kept = 0
  if (isArray) {
    const items: unknown[] = []
    while (kept < total && kept < MAX_ITEMS && budget.left > 0) items.push(cut(value[kept++], depth + 1, budget))
    if (kept < total) items.push(`…[truncated, ${total - kept} more items]`)
    return items
  }
  const members: Record<string, unknown> = {}
  while (kept < total && kept < MAX_ITEMS && budget.left > 0) {
    const key = keys![kept++]!
    const name = key.length > MAX_STRING ? cutString(key, MAX_STRING) : key
    budget.left -= VALUE_BYTES + (name === key ? 1 : 2) * name.length
    members[name] = cut((value as Record<string, unknown>)[key], depth + 1, budget)
  }
  if (kept < total) members['…'] = `[truncated, ${total - kept} more members]`
  return members
}

/**
 * The first `keep` characters and a note of the length. Copied through JSON so that the result shares no
 * storage with `text`: a plain slice may point into the original string and keep all of it alive.
 */
function cutString(text: string, keep: number): string {
  return JSON.parse(JSON.stringify(`${text.slice(0, keep)}…[truncated, ${text.length} characters]`)) as string
}
