import { fail, formatMessage } from '../lib/errors.ts'

/*
 * What keeps the local endpoint (`startLocalEndpoint`, `cognito-device-mock serve`) to the clients it is meant
 * for. A server on 127.0.0.1 is reachable from every web page the developer opens: a page may send it requests
 * (a form, a `fetch` in `no-cors` mode), and with DNS rebinding (a name of the attacker's that first resolves
 * to the attacker's server, then to 127.0.0.1) it may even read the answers, as if it were same-origin.
 *
 * - Host: a rebinding page's requests carry the attacker's name in `Host`; only names of this server pass:
 *   `localhost` and `*.localhost` (RFC 6761 §6.3), loopback addresses, the address listened on and the one
 *   the connection came in on, and the names the developer allows. As Vite ≥ 6.0.9 (CVE-2025-24010) does.
 * - Origin: a cross-origin page's requests carry its `Origin`; only localhost pages, on any port (Vite's
 *   default), and the origins the developer allows pass, and get their own origin back in
 *   `Access-Control-Allow-Origin` instead of `*`. A request without `Origin` (the AWS CLI, boto3, the SDKs
 *   outside browsers) passes, as in LocalStack's CorsEnforcer.
 * Both refusals happen before the request reaches the mock: it is neither answered nor logged by it.
 */

/** Hosts a Host header may name besides the defaults: exact names, `.suffix` rules, or everything. */
export interface HostRules {
  any: boolean
  names: Set<string>
  /** `.example.test`: the name `example.test` and every name under it. */
  suffixes: string[]
}

/** Vite's default `server.cors.origin`: http(s) pages of localhost, its subdomains, 127.0.0.1 and [::1], any port. */
const LOCAL_ORIGIN = /^https?:\/\/(?:(?:[^:]+\.)?localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/

/** Characters a Host header may hold (the local endpoint reads no other as a host either). */
const HOST_CHARS = /^[\w.\-[\]:%]+$/

/** At most this many distinct blocked hosts and origins are reported on the console per endpoint. */
const MAX_REPORTED = 10

/** At most this many Host/Origin verdicts are remembered (clients send the same few values again and again). */
const MAX_MEMO = 256

/** What the guard says of one request: the 403 message, or the origin to echo in CORS headers (if any). */
export type Verdict = { refused: string } | { refused?: undefined; allowOrigin: string | undefined }

/** The Host and Origin checks of one local endpoint. */
export interface LoopbackGuard {
  /** The verdict on a request with these headers, arriving on a connection to `localAddress`. */
  check(host: string | undefined, origin: string | undefined, localAddress: string | undefined): Verdict
}

/** `host`'s canonical host name (lower case, IPv4 normalised, IPv6 in brackets, no trailing dot), or undefined. */
function canonicalHost(host: string): string | undefined {
  if (!HOST_CHARS.test(host)) return undefined
  let url: URL
  try {
    url = new URL(`http://${host}`)
  } catch {
    return undefined
  }
  if (url.hostname === '' || url.username !== '' || url.pathname !== '/') return undefined
  return url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname
}

/** An address as Node reports it (`::1`, `::ffff:127.0.0.1`, `fe80::1%eth0`) in canonical host form. */
function canonicalAddress(address: string): string | undefined {
  const plain = address.replace(/%.*$/, '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
  return canonicalHost(plain.includes(':') && !plain.startsWith('[') ? `[${plain}]` : plain)
}

/** Loopback names and addresses: `localhost`, `*.localhost`, 127.0.0.0/8 (also IPv4-mapped), `[::1]`. */
function isLoopback(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(name) ||
    name === '[::1]' ||
    /^\[::ffff:7f[\da-f]{2}:[\da-f]{1,4}\]$/.test(name)
  )
}

/** The wildcard addresses: listening on one says nothing of the names clients use. */
const WILDCARDS = new Set(['0.0.0.0', '[::]'])

/**
 * Reads a list of allowed hosts (`--allow-host`, `allowedHosts`): names or IP addresses without a port, a
 * leading `.` for a name and all names under it, or `*` for any host. Refuses anything else, saying `where`.
 *
 * @example
 * allowedHostRules(['cognito', '.example.test'], '--allow-host') // { any: false, names: {'cognito'}, suffixes: ['.example.test'] }
 * allowedHostRules(['cognito:4566'], '--allow-host') // throws: give the name without a port
 */
export function allowedHostRules(entries: readonly string[], where: string): HostRules {
  if (!Array.isArray(entries)) fail(`${where} must be a list of host names, got ${typeof entries}.`, TypeError)
  const rules: HostRules = { any: false, names: new Set(), suffixes: [] }
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.trim() === '') fail(`${where} takes host names such as "cognito" or ".example.test", got ${JSON.stringify(entry)}.`, TypeError)
    if (entry === '*') {
      rules.any = true
      continue
    }
    const suffix = entry.startsWith('.')
    const name = suffix ? entry.slice(1) : entry
    // An IPv6 address may come without its brackets; `name:port` has one colon only.
    const bare = name.split(':').length > 2 && !name.startsWith('[') ? `[${name}]` : name
    if (/^[^:/]+:\d+$|^\[[^\]]*\]:\d*$/.test(bare)) fail(`${where} takes a host name without a port (any port of an allowed name passes), got "${entry}".`)
    const canonical = canonicalHost(bare)
    if (canonical === undefined || (suffix && canonical.startsWith('['))) {
      fail(`${where} takes host names such as "cognito" or ".example.test" (no scheme, no port, no path), got "${entry}".`)
    }
    if (suffix) rules.suffixes.push(`.${canonical}`)
    else rules.names.add(canonical)
  }
  return rules
}

/**
 * Reads a list of allowed origins (`--allow-origin`, `allowedOrigins`): `scheme://host[:port]` as a browser
 * sends it in `Origin`, `null`, or `*` for any origin. Returns the canonical origins (`undefined` for `*`).
 *
 * @example
 * allowedOriginSet(['https://app.example.test:8443'], '--allow-origin') // Set {'https://app.example.test:8443'}
 * allowedOriginSet(['*'], '--allow-origin') // undefined: every origin passes
 */
export function allowedOriginSet(entries: readonly string[], where: string): Set<string> | undefined {
  if (!Array.isArray(entries)) fail(`${where} must be a list of origins, got ${typeof entries}.`, TypeError)
  const origins = new Set<string>()
  let any = false
  for (const entry of entries) {
    if (typeof entry !== 'string') fail(`${where} takes origins such as "https://app.example.test", got ${JSON.stringify(entry)}.`, TypeError)
    if (entry === '*') any = true
    else if (entry === 'null') origins.add('null')
    else {
      const match = /^([a-z][a-z\d+.-]*):\/\/([^/?#@\s]+)\/?$/i.exec(entry)
      let origin: string | undefined
      if (match) {
        const scheme = match[1]!.toLowerCase()
        // Browsers leave a default port out of Origin; URL does the same for http(s).
        origin = scheme === 'http' || scheme === 'https' ? safeOrigin(entry) : `${scheme}://${match[2]!.toLowerCase()}`
      }
      if (origin === undefined) fail(`${where} takes an origin, scheme://host[:port] without a path, such as "https://app.example.test", got "${entry}".`)
      origins.add(origin)
    }
  }
  return any ? undefined : origins
}

function safeOrigin(text: string): string | undefined {
  try {
    const origin = new URL(text).origin
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

/** A map that forgets everything once it holds `MAX_MEMO` entries: verdicts are cheap to make again. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>()
  return (key) => {
    let value = known.get(key)
    if (value === undefined) {
      if (known.size >= MAX_MEMO) known.clear()
      value = compute(key)
      known.set(key, value)
    }
    return value
  }
}

/**
 * The Host and Origin checks of an endpoint listening on `listenHost`, with the developer's extra names
 * (`allowedHosts`) and origins (`allowedOrigins`, `*` for any); both lists already checked. A refused request
 * is reported once per distinct host or origin on the console (the first {@link MAX_REPORTED}).
 *
 * @example
 * const guard = loopbackGuard('127.0.0.1', allowedHostRules([], 'allowedHosts'), allowedOriginSet([], 'allowedOrigins'))
 * guard.check('localhost:4566', undefined, '127.0.0.1') // { allowOrigin: undefined }
 * guard.check('attacker.example', undefined, '127.0.0.1') // { refused: 'Blocked request: Host "attacker.example" …' }
 */
export function loopbackGuard(listenHost: string, hosts: HostRules, origins: Set<string> | undefined): LoopbackGuard {
  const listening = canonicalAddress(listenHost)
  const ownNames = new Set(listening === undefined || WILDCARDS.has(listening) ? [] : [listening])
  /** undefined = allowed whatever the connection; else the canonical name (or '' if unreadable), to compare with the local address. */
  const hostVerdict = memo((host: string): string | undefined => {
    if (hosts.any) return undefined
    const name = canonicalHost(host)
    if (name === undefined) return ''
    if (isLoopback(name) || ownNames.has(name) || hosts.names.has(name)) return undefined
    if (hosts.suffixes.some((suffix) => name === suffix.slice(1) || name.endsWith(suffix))) return undefined
    return name
  })
  const addressOf = memo((address: string) => canonicalAddress(address) ?? '')
  const originAllowed = memo((origin: string) => origins === undefined || LOCAL_ORIGIN.test(origin) || origins.has(origin))
  const reported = new Set<string>()
  const refuse = (kind: string, message: string): Verdict => {
    if (reported.size < MAX_REPORTED && !reported.has(kind)) {
      reported.add(kind)
      const more = reported.size === MAX_REPORTED ? ' (Further blocked hosts and origins are not reported.)' : ''
      console.warn(formatMessage(`${message}${more}`))
    }
    return { refused: message }
  }
  return {
    check(host, origin, localAddress) {
      if (host !== undefined) {
        const name = hostVerdict(host)
        if (name === '') return refuse(`host ${host.slice(0, 200)}`, `Blocked request: Host "${host.slice(0, 200)}" is not a host name this server answers to.`)
        if (name !== undefined && (localAddress === undefined || addressOf(localAddress) !== name)) {
          const shown = name.slice(0, 200)
          return refuse(
            `host ${shown}`,
            `Blocked request: Host "${shown}" is not this server (a guard against DNS rebinding). ` +
              `Start serve with --allow-host ${shown} (startLocalEndpoint: allowedHosts) to allow it.`,
          )
        }
      }
      if (origin === undefined) return { allowOrigin: undefined }
      if (!originAllowed(origin)) {
        const shown = origin.slice(0, 200)
        return refuse(
          `origin ${shown}`,
          `Blocked request: Origin "${shown}" may not call this server (a guard against drive-by web pages). ` +
            `Start serve with --allow-origin ${shown} (startLocalEndpoint: allowedOrigins) to allow it.`,
        )
      }
      return { allowOrigin: origins === undefined ? undefined : origin }
    },
  }
}
