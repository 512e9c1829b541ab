import { parseScenarioValue } from '../handle/control.ts'
import type { CognitoMock } from '../handle/types.ts'
import { formatMessage, reason } from '../lib/errors.ts'
import type { OutboxFilter } from '../state/outbox.ts'

/*
 * The control API of the local endpoint (`serve`): the handle's scenarios, reset, request log and outbox over
 * HTTP, for tests written in any language. It lives under a reserved path prefix that Cognito never uses:
 * Cognito answers `POST /` and `GET /{poolId}/…`, and a pool id always begins with a region, never with `_`.
 * Control calls pass the same Host/Origin guard as Cognito calls, and are not Cognito calls: the mock's
 * request log never records them.
 */

/** Where the control API lives: `http://127.0.0.1:4566/_cognito-device-mock/requests`, … */
export const CONTROL_PREFIX = '/_cognito-device-mock/'

type Route = Partial<Record<'GET' | 'POST' | 'DELETE', (cognito: CognitoMock, request: Request, url: URL) => Promise<unknown> | unknown>>

/** A refusal of the control API: its status and message, answered as `{"error": "[cognito-device-mock] …"}`. */
class ControlError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

const MEDIA = ['SMS', 'EMAIL'] as const

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
      const uses = scenarioBody(await request.text())
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
  return filter
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })
}

/**
 * The control API's answer to `request`, or `undefined` when its path is not under {@link CONTROL_PREFIX} (a
 * Cognito call, for `cognito.handle`). Answers are JSON; a bad body or query is a 400, an unknown control path a
 * 404, a wrong method a 405 with `Allow`.
 *
 * @example
 * const response = (await controlAnswer(cognito, request)) ?? (await cognito.handle(request))
 * // GET /_cognito-device-mock/requests → 200 {"requests": [{"operation": "ListDevices", …}]}
 * // POST /_cognito-device-mock/scenario with body throttled → 200 {"ok": true, "used": 1}
 */
export async function controlAnswer(cognito: CognitoMock, request: Request): Promise<Response | undefined> {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(CONTROL_PREFIX)) return undefined
  const name = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '')
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined
  if (!route) {
    const known = Object.keys(routes).map((key) => CONTROL_PREFIX + key)
    return json(404, { error: formatMessage(`no control path ${url.pathname.slice(0, 100)}; known: ${known.join(', ')}.`) })
  }
  const allow = Object.keys(route).join(', ')
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
