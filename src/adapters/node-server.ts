import * as mswNode from 'msw/node'
import { setupServer, type SetupServer } from 'msw/node'
import { formatMessage } from '../lib/errors.ts'
import { createCognitoMock } from '../mock.ts'
import type { CognitoMock, CognitoMockOptions } from '../handle/types.ts'

/**
 * An MSW server for Node that answers Cognito with a new mock (or the one given). Any other request is
 * left to your own handlers and MSW's `onUnhandledRequest`.
 *
 * Use it when Cognito is the only thing your tests mock. If they already have an MSW server, add the mock's
 * handlers to it instead (`server.use(...cognito.handlers)`): MSW intercepts once per process, so of two
 * listening servers only the last one answers, and closing either one stops both. This server warns once
 * (`console.warn`) when it finds another MSW server listening beside it.
 *
 * @example
 * import { setupCognitoServer } from 'cognito-device-mock/node'
 *
 * const { server, cognito } = setupCognitoServer({ seed: 42 })
 * beforeAll(() => server.listen())
 * afterEach(() => cognito.reset())
 * afterAll(() => server.close())
 */
export function setupCognitoServer(mockOrOptions: CognitoMock | CognitoMockOptions = {}): { server: SetupServer; cognito: CognitoMock } {
  const cognito = 'handlers' in mockOrOptions ? mockOrOptions : createCognitoMock(mockOrOptions)
  return { server: watchedServer(setupServer(...cognito.handlers)), cognito }
}

// ---------------------------------------------------------------------------------------------------
// Two servers in one process
// ---------------------------------------------------------------------------------------------------

// Every `setupServer` of one msw copy (2.15 and 3, as checked) feeds on one shared interceptor source: enabling a server
// drops the previous server's listener from it, and closing any server disposes of it. Two listening servers thus
// fail silently: the first one's handlers never run (a Cognito call falls to the other's `onUnhandledRequest`,
// and with 'bypass' or 'warn' reaches the network), and closing either leaves the other intercepting nothing.
// No handler of the shadowed server runs, so the mock cannot notice from a request: the servers are watched
// instead, at `listen` and through the shared source's `newListener` hook.

const ADVICE =
  'MSW intercepts once per process: the server that listened last answers every request, the other one\'s handlers ' +
  'never run (Cognito calls can then reach the network), and closing either server stops interception for both. ' +
  'Use one server: add the mock to yours with `server.use(...cognito.handlers)` (or `setupServer(...yourHandlers, ' +
  '...cognito.handlers)`) instead of setupCognitoServer.'

const ALREADY_LISTENING = `setupCognitoServer: another MSW server is already listening in this process. ${ADVICE}`
const LISTENED_AFTER = `another MSW server started listening while setupCognitoServer's server was listening. ${ADVICE}`

interface ServerState {
  warned: boolean
}

interface Registry {
  /** setupCognitoServer servers that are listening (across copies of this library: the key is global). */
  listening: Map<object, ServerState>
  /** The server inside its own `listen()`: the source listener it adds is no stranger's. */
  enabling: object | undefined
}

const REGISTRY = Symbol.for('cognito-device-mock.node-servers')
const WATCHED = Symbol.for('cognito-device-mock.watched-source')

function registry(): Registry {
  const global = globalThis as { [REGISTRY]?: Registry }
  return (global[REGISTRY] ??= { listening: new Map(), enabling: undefined })
}

/** What is used of msw's shared source. An msw without it: only this library's own servers are seen. */
interface SharedSource {
  emitter: {
    listenerCount(type: string): number
    hooks: { on(hook: 'newListener', listener: (type: unknown) => void, options: { persist: boolean }): void }
  }
}

function sharedSource(): SharedSource | undefined {
  const options = (mswNode as unknown as { defaultNetworkOptions?: { sources?: readonly unknown[] } }).defaultNetworkOptions
  const source = options?.sources?.[0] as Partial<SharedSource> | undefined
  const emitter = source?.emitter
  return typeof emitter?.listenerCount === 'function' && typeof emitter.hooks?.on === 'function' ? (source as SharedSource) : undefined
}

/** One message per event, and none to a server that has warned already. */
function warn(servers: Iterable<ServerState>, message: string): void {
  let fresh = false
  for (const state of servers) {
    if (state.warned) continue
    state.warned = true
    fresh = true
  }
  if (fresh) console.warn(formatMessage(message))
}

/** Hears every server of this msw copy start listening; the hook persists through the source's resets. */
function watchSource(source: SharedSource): void {
  const marked = source as unknown as Record<symbol, boolean>
  if (marked[WATCHED]) return
  marked[WATCHED] = true
  source.emitter.hooks.on(
    'newListener',
    (type) => {
      const { listening, enabling } = registry()
      if (type === 'frame' && enabling === undefined && listening.size > 0) warn(listening.values(), LISTENED_AFTER)
    },
    { persist: true },
  )
}

function watchedServer(server: SetupServer): SetupServer {
  const state: ServerState = { warned: false }
  const listen = server.listen.bind(server)
  const close = server.close.bind(server)
  server.listen = ((...args: Parameters<SetupServer['listen']>) => {
    const current = registry()
    // A second listen() of this server is msw's own error to report.
    if (current.listening.has(server)) return listen(...args)
    const source = sharedSource()
    if (source) watchSource(source)
    const othersListening = source ? source.emitter.listenerCount('frame') > 0 : current.listening.size > 0
    if (othersListening) warn([state], ALREADY_LISTENING)
    current.enabling = server
    try {
      listen(...args)
    } finally {
      current.enabling = undefined
    }
    current.listening.set(server, state)
  }) as SetupServer['listen']
  server.close = () => {
    registry().listening.delete(server)
    close()
  }
  return server
}
