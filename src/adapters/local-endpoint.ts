import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { fail, formatMessage, usageError } from '../lib/errors.ts'
import { createCognitoMock } from '../mock.ts'
import type { CognitoMock, CognitoMockOptions } from '../handle/types.ts'
import { wireAnswererOf, type WireAnswerer } from '../handle/wire-answer.ts'
import { NETWORK_ERROR, type WireAnswer, type WireRequest } from '../protocol/wire-form.ts'
import { BadRequest } from './request-body.ts'
import { wireRequest } from './node-request.ts'
import { controlAnswer } from './serve-control.ts'
import { allowedHostRules, allowedOriginSet, loopbackGuard, type LoopbackGuard } from './loopback-guard.ts'

/**
 * A real HTTP endpoint in front of the mock's pipeline, for clients MSW cannot intercept: the AWS CLI, boto3,
 * the SDKs of other languages, another process. The server only translates: Node request → `WireRequest` →
 * the pipeline (what `cognito.handle` wraps in Fetch's types) → `WireAnswer` → bytes on the socket. Every Cognito
 * behaviour stays in the core.
 *
 * Only this machine's names and pages may use it: a request naming another `Host` (DNS rebinding) or sent by a
 * page of another `Origin` is refused with a 403 before the mock sees it (`loopback-guard.ts`).
 *
 * The endpoint has no region in its host name, so the mock skips its region checks (a pool from any region
 * answers, an admin call signed for any region passes the scope check), as for any custom endpoint.
 */

/**
 * Options of {@link startLocalEndpoint}: where to listen, plus either a mock or the options to create one.
 *
 * @example
 * const options: LocalEndpointOptions = { port: 0, host: '127.0.0.1', seed: 42, world: { pools: 2 } }
 * // or serve a mock you already hold: { port: 4566, mock: cognito }
 * // reached as http://cognito:4566 from a Docker Compose service, called by a page on https://app.example.test:
 * // { host: '0.0.0.0', allowedHosts: ['cognito'], allowedOrigins: ['https://app.example.test'] }
 */
export interface LocalEndpointOptions extends CognitoMockOptions {
  /** Serve this mock instead of creating one. Then no other mock option (seed, region, ...) may be given. */
  mock?: CognitoMock
  /** TCP port (default 4566, LocalStack's). `0` picks any free port: read it back from `port` or `url`. */
  port?: number
  /** Interface to listen on (default `127.0.0.1`, this machine only). `0.0.0.0` or `::` to accept others. */
  host?: string
  /**
   * Names a request's `Host` may give besides this server's own (`localhost`, `*.localhost`, loopback
   * addresses, `host`, the address the connection came in on): e.g. `['cognito']` for a Docker Compose
   * service, `'.example.test'` for that name and every name under it, `'*'` for any. Ports are not checked.
   * Any other Host is answered 403 before the mock sees the request: a web page using DNS rebinding sends its own.
   */
  allowedHosts?: string[]
  /**
   * Origins (`scheme://host[:port]`) whose pages may call the endpoint besides http(s) pages of `localhost`,
   * `*.localhost`, `127.0.0.1` and `[::1]` on any port; `'*'` for any (what the MSW handlers answer). A request
   * with another `Origin` is answered 403 before the mock sees it, preflight included; one without `Origin`
   * (CLI, SDKs outside browsers) passes. Allowed pages get their origin back in `Access-Control-Allow-Origin`.
   */
  allowedOrigins?: string[]
  /** Called after each request the mock or the control API answered (not those refused before): e.g. to save state. */
  onAnswered?: () => void
}

/**
 * A running local endpoint.
 *
 * @example
 * const endpoint: LocalEndpoint = await startLocalEndpoint({ port: 0 })
 * process.env.COGNITO_ENDPOINT = endpoint.url // for a client in another process
 * endpoint.cognito.clock.advance('2h') // tokens issued before now answer `Access Token has expired`
 * await endpoint.close()
 */
export interface LocalEndpoint {
  /** The base URL to give clients, e.g. `http://127.0.0.1:4566` (AWS CLI `--endpoint-url`, boto3 `endpoint_url`). */
  readonly url: string
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number
  /** The host the server listens on. */
  readonly host: string
  /** The mock being served: seed it, read it, move its clock while clients talk to it. */
  readonly cognito: CognitoMock
  /** Stops listening and closes every connection, idle or busy. Safe to call more than once. */
  close(): Promise<void>
}

/**
 * The port {@link startLocalEndpoint} and `cognito-device-mock serve` use unless told otherwise (LocalStack's).
 *
 * @example
 * const endpoint = await startLocalEndpoint() // http://127.0.0.1:4566
 * endpoint.port === DEFAULT_LOCAL_PORT
 */
export const DEFAULT_LOCAL_PORT = 4566

/**
 * The interface {@link startLocalEndpoint} listens on unless told otherwise: this machine only.
 *
 * @example
 * const endpoint = await startLocalEndpoint({ port: 0 })
 * endpoint.host === DEFAULT_LOCAL_HOST // '127.0.0.1'
 */
export const DEFAULT_LOCAL_HOST = '127.0.0.1'

/** Every option of `createCognitoMock`: none may come with a `mock`, whose options were fixed when it was made. */
const mockOptionNames = ['seed', 'now', 'clock', 'region', 'accountId', 'endpoints', 'world', 'faker', 'credentials', 'checkSignatureDate', 'scenario', 'log'] as const
// A new option of createCognitoMock that the list forgets is a compile error here, not a silently ignored option.
true satisfies [Exclude<keyof CognitoMockOptions, (typeof mockOptionNames)[number]>] extends [never] ? true : never

/**
 * Serves a Cognito mock over plain HTTP with `node:http`, so that any client given an endpoint URL talks to
 * it: same status, headers and body bytes as `mock.handle` (and hence as the MSW handlers) produce.
 * Keep-alive connections are supported; a malformed request gets a 4xx and never stops the server.
 *
 * @example
 * import { startLocalEndpoint } from 'cognito-device-mock/node'
 *
 * const endpoint = await startLocalEndpoint({ port: 0, seed: 42 })
 * const [pool] = endpoint.cognito.pools.list()
 * const [user] = endpoint.cognito.users.list(pool.id)
 * const token = await endpoint.cognito.tokens.issue(pool.id, user.username)
 * // aws cognito-idp list-devices --endpoint-url ${endpoint.url} --region us-east-1 --access-token ${token}
 * await endpoint.close()
 */
export async function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const { mock, port = DEFAULT_LOCAL_PORT, host = DEFAULT_LOCAL_HOST, allowedHosts = [], allowedOrigins = [], onAnswered, ...mockOptions } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`startLocalEndpoint: port must be a whole number from 0 to 65535, got ${port}.`)
  if (typeof host !== 'string' || host === '') fail('startLocalEndpoint: host must be a non-empty string such as "127.0.0.1".')
  const guard = loopbackGuard(host, allowedHostRules(allowedHosts, 'startLocalEndpoint: allowedHosts'), allowedOriginSet(allowedOrigins, 'startLocalEndpoint: allowedOrigins'))
  if (mock !== undefined) {
    const extra = mockOptionNames.filter((name) => mockOptions[name] !== undefined)
    if (extra.length > 0) {
      fail(`startLocalEndpoint: give either \`mock\` or mock options, not both (got mock and ${extra.join(', ')}). Pass the options to createCognitoMock() instead.`)
    }
  }
  const cognito = mock ?? createCognitoMock(mockOptions)
  const answer = wireAnswererOf(cognito, 'startLocalEndpoint')

  const server = createServer({ keepAlive: true }, (req, res) => {
    serve(cognito, answer, guard, req, res, onAnswered).catch((error: unknown) => {
      // serve() answers every failure itself; this only runs if the socket broke while it did.
      if (!res.headersSent && !res.destroyed) plainAnswer(res, 500, `Unexpected failure: ${String(error)}`)
      else res.destroy()
    })
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Unparseable HTTP: answer 400 (or 431 for huge headers) and drop the connection, as Node would, but quietly.
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy()
      return
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  })

  await listen(server, port, host)
  const address = server.address() as AddressInfo
  const url = `http://${urlHost(host)}:${address.port}`

  let closing: Promise<void> | undefined
  return {
    url,
    port: address.port,
    host,
    cognito,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE') {
        reject(usageError(`port ${port} on ${host} is already in use. Choose another port, or 0 for any free port.`, Error, { cause: error }))
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
        reject(usageError(`cannot listen on host "${host}": it is not an address of this machine.`, Error, { cause: error }))
      } else if (error.code === 'EACCES') {
        reject(usageError(`not allowed to listen on port ${port} (ports below 1024 need privileges).`, Error, { cause: error }))
      } else {
        reject(usageError(`cannot listen on ${host}:${port}: ${error.message}`, Error, { cause: error }))
      }
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

/** The host part of a URL: IPv6 in brackets; a wildcard address becomes the loopback clients can reach. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

async function serve(cognito: CognitoMock, answer: WireAnswerer, guard: LoopbackGuard, req: IncomingMessage, res: ServerResponse, onAnswered?: () => void): Promise<void> {
  // The mock writes its own `Date` header from its (possibly logical) clock; Node must not add another.
  res.sendDate = false
  let request: WireRequest
  let allowOrigin: string | undefined
  try {
    const url = requestUrl(req)
    // A foreign Host or Origin is refused before the body is read, and never reaches the mock (nor its log).
    const verdict = guard.check(req.headers.host, req.headers.origin, req.socket.localAddress)
    if (verdict.refused !== undefined) throw new BadRequest(403, verdict.refused)
    allowOrigin = verdict.allowOrigin
    request = await wireRequest(req, res, url)
  } catch (error) {
    if (error instanceof BadRequest) {
      // The rest of the body (if any) is not worth reading: close the connection after answering.
      res.shouldKeepAlive = false
      plainAnswer(res, error.status, error.message)
      return
    }
    // The client went away while sending its body.
    res.destroy()
    return
  }
  let reply: WireAnswer
  try {
    // The control API (`/_cognito-device-mock/…`) answers before the mock, so the request log never records it.
    reply = (await controlAnswer(cognito, request)) ?? (await answer(request))
  } catch (error) {
    // The pipeline answers every Cognito failure itself; this is a bug in the mock, reported like AWS reports its own.
    console.error(formatMessage('The mock failed to answer a request; answering 500.'), error)
    plainAnswer(res, 500, 'The mock failed to answer this request; see the server log.')
    return
  }
  onAnswered?.()
  writeAnswer(reply, res, allowOrigin)
}

/** The URL as the client addressed it. */
function requestUrl(req: IncomingMessage): string {
  const target = req.url ?? '/'
  const hostHeader = req.headers.host
  // The URL is rebuilt from the Host header the client sent (and signed, for SigV4), else from the socket. The
  // common case (a path, a plain host) needs no parsing: only a URL that would not read back the same is parsed.
  if (target.startsWith('/') && hostHeader !== undefined && plainPath.test(target) && !dotSegment.test(target)) {
    const host = plainHost.exec(hostHeader)
    const port = host?.[1]
    if (host && (port === undefined || (port !== '80' && Number(port) <= 65535))) return `http://${hostHeader.toLowerCase()}${target}`
  }
  const socket = req.socket
  const local = `${urlHost(socket.localAddress ?? DEFAULT_LOCAL_HOST)}:${socket.localPort ?? 0}`
  let url: URL | undefined
  if (target.startsWith('/')) {
    if (hostHeader !== undefined && /^[\w.\-[\]:%]+$/.test(hostHeader)) url = safeUrl(`http://${hostHeader}${target}`)
    url ??= safeUrl(`http://${local}${target}`)
  } else if (/^https?:\/\//i.test(target)) {
    url = safeUrl(target) // absolute-form, as sent to a proxy
  }
  if (url === undefined) throw new BadRequest(400, `Cannot read the request target "${target.slice(0, 200)}" as a URL path.`)
  return url.href
}

/**
 * A host (with its port as group 1, if any) and a path that `new URL()` gives back unchanged: no default
 * port 80 (dropped), no port past 65535 (refused), no `.` or `..` segment (resolved), nothing to escape.
 */
const plainHost = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::([1-9]\d{0,4}))?$/i
const plainPath = /^\/[\w\-./]*$/
const dotSegment = /\/\.\.?(?:\/|$)/

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/**
 * Writes the mock's answer exactly: status, every header, body bytes, and a Content-Length matching those bytes,
 * so that nothing is chunked, not even ForgetDevice's empty body. A network error (a scenario's) cuts the
 * connection. For a page of an allowed origin, `Access-Control-Allow-Origin` names that origin instead of `*`.
 */
function writeAnswer(reply: WireAnswer, res: ServerResponse, allowOrigin: string | undefined): void {
  if (res.destroyed) return
  if (reply === NETWORK_ERROR) {
    res.destroy()
    return
  }
  // Copied name by name (never `delete`d: that turns the object into a slow dictionary for Node's header writer).
  const headers: Record<string, string> = {}
  for (const name in reply.headers) if (name !== 'transfer-encoding' && name !== 'content-length') headers[name] = reply.headers[name]!
  if (reply.status !== 204 && reply.status !== 304) headers['content-length'] = String(reply.body === null ? 0 : Buffer.byteLength(reply.body))
  if (allowOrigin !== undefined) {
    const vary = headers.vary
    headers['access-control-allow-origin'] = allowOrigin
    headers.vary = vary ? `${vary}, Origin` : 'Origin'
  }
  res.writeHead(reply.status, headers)
  res.end(reply.body ?? undefined)
}

/** A short text answer of the server itself (never of the Cognito mock): malformed or refused requests only. */
function plainAnswer(res: ServerResponse, status: number, message: string): void {
  const body = `[cognito-device-mock] ${message}\n`
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  })
  res.end(body)
}
