import { parseScenarioValue } from '../handle/control.ts'
import type { CognitoMock } from '../handle/types.ts'
import { formatMessage, reason } from '../lib/errors.ts'
import type { OutboxFilter } from '../state/outbox.ts'
import { fidelity } from '../fidelity.ts'
import { fromUtf8 } from '../lib/bytes.ts'
import type { WireRequest, WireResponse } from '../protocol/wire-form.ts'
import type { Duration } from '../state/clock.ts'

/*
 * The control API of the local endpoint (`serve`): the handle's scenarios, reset, clock, request log and outbox over
 * HTTP, for tests written in any language. It lives under a reserved path prefix that Cognito never uses:
 * Cognito answers `POST /` and `GET /{poolId}/…`, and a pool id always begins with a region, never with `_`.
 * Control calls pass the same Host/Origin guard as Cognito calls, and are not Cognito calls: the mock's
 * request log never records them.
 */

/** Where the control API lives: `http://127.0.0.1:4566/_cognito-device-mock/requests`, … */
export const CONTROL_PREFIX = '/_cognito-device-mock/'

type Route = Partial<Record<'GET' | 'POST' | 'DELETE', (cognito: CognitoMock, request: WireRequest, url: URL) => Promise<unknown> | unknown>>

/** A refusal of the control API: its status and message, answered as `{"error": "[cognito-device-mock] …"}`. */
class ControlError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

const MEDIA = ['SMS', 'EMAIL'] as const
const PURPOSES = ['mfa', 'sign-up', 'forgot-password', 'verify-attribute', 'invitation'] as const satisfies readonly OutboxFilter['purpose'][]

const routes: Record<string, Route> = {
  requests: {
    GET: (cognito) => ({ requests: cognito.requests.list() }),
    DELETE: (cognito) => {
      cognito.requests.clear()
      return { ok: true }
    },
  },
  scenario: {
    POST: async (cognito, request) => {
      const uses = scenarioBody(await bodyText(request))
      for (const use of uses) cognito.scenarios.use(use)
      return { ok: true, used: uses.length }
    },
    DELETE: (cognito) => {
      cognito.scenarios.reset()
      return { ok: true }
    },
  },
  reset: {
    POST: (cognito) => {
      cognito.reset()
      return { ok: true }
    },
  },
  clock: {
    GET: (cognito) => clockState(cognito),
    POST: async (cognito, request) => {
      const body = jsonBody(await bodyText(request))
      const { advance, set } = body
      if ((advance === undefined) === (set === undefined)) throw new ControlError(400, 'give one of {"advance": "1d"} (a duration: ms, or a number with ms, s, m, h or d) or {"set": "2026-01-15T09:30:00Z"} (a date, or epoch ms).')
      if (advance !== undefined) cognito.clock.advance(advance as Duration)
      else cognito.clock.set(set as string | number)
      return clockState(cognito)
    },
  },
  outbox: {
    GET: (cognito, _request, url) => ({ messages: cognito.outbox.list(outboxFilter(url.searchParams)) }),
    DELETE: (cognito) => {
      cognito.outbox.clear()
      return { ok: true }
    },
  },
}

/**
 * A `POST …/scenario` body: a preset name (`throttled`, or as a JSON string `"throttled"`), names separated by
 * commas, or JSON (a scenario, a rule or a list of rules), as `serve --scenario` and `?cognito-scenario=` take.
 */
function scenarioBody(text: string): ReturnType<typeof parseScenarioValue> {
  let value = text.trim()
  if (value.startsWith('"')) {
    try {
      value = String(JSON.parse(value))
    } catch {
      throw new ControlError(400, `the body is not a JSON string: ${value.slice(0, 80)}`)
    }
  }
  const uses = parseScenarioValue(value)
  if (uses.length === 0) throw new ControlError(400, 'the body must name a preset (e.g. throttled) or give a scenario or rules as JSON.')
  return uses
}

function clockState(cognito: CognitoMock): { now: number; date: string } {
  const now = cognito.clock.now()
  return { now, date: new Date(now).toISOString() }
}

function jsonBody(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ControlError(400, `the body is not JSON: ${text.slice(0, 80)}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ControlError(400, 'the body must be a JSON object.')
  return value as Record<string, unknown>
}

function outboxFilter(params: URLSearchParams): OutboxFilter {
  const filter: OutboxFilter = {}
  const username = params.get('username')
  if (username !== null) filter.username = username
  const poolId = params.get('poolId')
  if (poolId !== null) filter.poolId = poolId
  const medium = params.get('medium')
  if (medium !== null) {
    const upper = medium.toUpperCase()
    if (!(MEDIA as readonly string[]).includes(upper)) throw new ControlError(400, `medium must be SMS or EMAIL, got "${medium.slice(0, 40)}".`)
    filter.medium = upper as OutboxFilter['medium']
  }
  const purpose = params.get('purpose')
  if (purpose !== null) {
    if (!(PURPOSES as readonly string[]).includes(purpose)) throw new ControlError(400, `purpose must be one of ${PURPOSES.join(', ')}, got "${purpose.slice(0, 40)}".`)
    filter.purpose = purpose as OutboxFilter['purpose']
  }
  return filter
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }, body: `${JSON.stringify(body)}\n` }
}

/** A control body is small: one past the pipeline's own bound is refused like a bad one. */
async function bodyText(request: WireRequest): Promise<string> {
  const bytes = await request.read(fidelity.requestTooLarge.maxBytes)
  if (bytes === undefined) throw new ControlError(413, 'the body is too large.')
  return fromUtf8(bytes)
}

/**
 * The control API's answer to `request`, or `undefined` when its path is not under {@link CONTROL_PREFIX} (a
 * Cognito call, for `cognito.handle`). Answers are JSON; a bad body or query is a 400, an unknown control path a
 * 404, a wrong method a 405 with `Allow`; a page's CORS preflight (`OPTIONS`) a 204 naming the path's methods.
 *
 * @example
 * const answer = (await controlAnswer(cognito, request)) ?? (await pipeline(request))
 * // GET /_cognito-device-mock/requests → 200 {"requests": [{"operation": "ListDevices", …}]}
 * // POST /_cognito-device-mock/scenario with body throttled → 200 {"ok": true, "used": 1}
 * // POST /_cognito-device-mock/clock with body {"advance": "2h"} → 200 {"now": 1768483800000, "date": "2026-01-15T13:30:00.000Z"}
 */
export async function controlAnswer(cognito: CognitoMock, request: WireRequest): Promise<WireResponse | undefined> {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(CONTROL_PREFIX)) return undefined
  const name = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '')
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined
  if (!route) {
    const known = Object.keys(routes).map((key) => CONTROL_PREFIX + key)
    return json(404, { error: formatMessage(`no control path ${url.pathname.slice(0, 100)}; known: ${known.join(', ')}.`) })
  }
  const allow = Object.keys(route).join(', ')
  if (request.method === 'OPTIONS') {
    // A page's preflight (a JSON body, a DELETE): its Origin passed the guard already, which answers it by name.
    const asked = request.headers.get('access-control-request-headers')
    return { status: 204, body: null, headers: { 'access-control-allow-methods': allow, 'access-control-allow-headers': asked ?? 'content-type', 'access-control-max-age': '600', allow } }
  }
  const handler = route[request.method as keyof Route]
  if (!handler) return json(405, { error: formatMessage(`${request.method} is not allowed on ${url.pathname}; allowed: ${allow}.`) }, { allow })
  try {
    return json(200, await handler(cognito, request, url))
  } catch (error) {
    // A refused body (not JSON, an unknown preset, a bad rule) is the caller's error; the mock's usage errors say why.
    const status = error instanceof ControlError ? error.status : 400
    return json(status, { error: formatMessage(reason(error)) })
  }
}
