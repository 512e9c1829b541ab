import type { OperationName } from '../model/exceptions.ts'
import { isImplementedOperation } from '../operations/index.ts'
import { inputShapeAt, shapeOf } from '../model/schemas.ts'
import type { ScenarioCall } from './engine.ts'
import type { RequestRecord } from './types.ts'

/** The request log keeps the most recent calls only, so a long soak cannot grow memory without bound. */
const MAX_RECORDS = 10_000

/**
 * Every call the mock answered, in arrival order, so a test can assert "ListDevices was called twice and
 * the second call was throttled".
 */
export class RequestLog {
  #records: RequestRecord[] = []
  log: boolean

  constructor(log: boolean) {
    this.log = log
  }

  record(facts: Omit<RequestRecord, 'status' | 'errorType'>): RequestRecord {
    const record: RequestRecord = { ...facts, status: undefined }
    this.#records.push(record)
    if (this.#records.length > MAX_RECORDS) this.#records.splice(0, this.#records.length - MAX_RECORDS)
    return record
  }

  settle(record: RequestRecord, response: Response): void {
    record.status = response.type === 'error' ? 0 : response.status
    const errorType = response.headers.get('x-amzn-errortype')
    if (errorType) record.errorType = errorType.replace(/:.*$/, '')
    else if (response.type === 'error') record.errorType = 'NetworkError'
    if (this.log) {
      console.info(
        `[cognito-device-mock] ${record.operation || '(no target)'} → ${record.status === 0 ? 'network error' : record.status}` +
          `${record.errorType && record.status !== 0 ? ` ${record.errorType}` : ''} (${record.answeredBy})`,
      )
    }
  }

  /** Inputs are masked here, when read, so that answering a call pays nothing for the log. */
  list(): RequestRecord[] {
    return this.#records.map((record) => ({
      ...record,
      input: isImplementedOperation(record.operation) ? maskSensitive(record.operation, record.input as Record<string, unknown> | undefined) : record.input,
    }))
  }

  clear(): void {
    this.#records = []
  }
}

/** The input as the log shows it: sensitive members (AccessToken, Username) replaced by `***`. */
export function maskSensitive(operation: OperationName, input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input
  const masked: Record<string, unknown> = {}
  for (const [member, value] of Object.entries(input)) {
    const shape = inputShapeAt(operation, [member])
    masked[member] = shape !== undefined && shapeOf(shape).sensitive && value !== undefined && value !== null ? '***' : value
  }
  return masked
}

/**
 * What a rule can match on. The input is read leniently (a body the store will refuse can still be
 * scripted), and the caller's username is decoded only when a rule asks for it.
 */
export function scenarioCall(operation: OperationName, input: Record<string, unknown> | undefined): ScenarioCall {
  let username: string | undefined | null = null
  return {
    operation,
    input,
    get username() {
      if (username === null) username = callerName(input)
      return username
    },
  }
}

/**
 * The access token's `username` claim (not verified: matching only), the admin call's `Username`, or the
 * `USERNAME` a sign-in call names in AuthParameters or ChallengeResponses.
 */
function callerName(input: Record<string, unknown> | undefined): string | undefined {
  const token = input?.AccessToken
  if (typeof token === 'string') {
    try {
      const payload = token.split('.')[1] ?? ''
      const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
      const claims = JSON.parse(new TextDecoder().decode(bytes))
      return typeof claims?.username === 'string' ? claims.username : undefined
    } catch {
      return undefined
    }
  }
  if (typeof input?.Username === 'string') return input.Username
  for (const parameters of [input?.AuthParameters, input?.ChallengeResponses]) {
    const name = (parameters as Record<string, unknown> | undefined)?.USERNAME
    if (typeof name === 'string') return name
  }
  return undefined
}
