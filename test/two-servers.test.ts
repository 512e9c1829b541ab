import { http, HttpResponse } from 'msw'
import { setupServer, type SetupServer } from 'msw/node'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { setupCognitoServer } from '../src/adapters/node-server.ts'
import { createCognitoMock } from '../src/index.ts'
import { jsonHeaders } from './support.ts'

/**
 * An outside probe: `setupCognitoServer` beside an app's own `setupServer`. MSW intercepts once per process, so
 * the server that listened last silently answered (or shadowed) the other's calls, and closing one let calls
 * reach the network. The documented pattern is one server; the other arrangement now warns once, loudly, in
 * either order. Runs on both msw majors (`--project msw3`, `--project msw2`).
 */

const APP = 'https://app.test/profile'
const COGNITO = 'https://cognito-idp.us-east-1.amazonaws.com/'
// msw 3 calls it onUnhandledFrame, msw 2 onUnhandledRequest: give both so the file runs on either.
const STRICT = { onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never

const appHandlers = [http.get(APP, () => HttpResponse.json({ name: 'Ada' }))]

let warnSpy: MockInstance
let errorSpy: MockInstance
const opened: SetupServer[] = []

/** Listens and remembers the server, so that every test leaves the process without a listening server. */
function listen(server: SetupServer): SetupServer {
  opened.push(server)
  server.listen(STRICT)
  return server
}

const ourWarnings = () => warnSpy.mock.calls.map((call) => String(call[0])).filter((text) => text.startsWith('[cognito-device-mock] '))

async function answers(url: string, init?: RequestInit): Promise<number | 'not answered'> {
  try {
    return (await fetch(url, init)).status
  } catch {
    return 'not answered'
  }
}
const cognitoCall = () => answers(COGNITO, { method: 'POST', headers: jsonHeaders('ListDevices'), body: '{}' })

beforeEach(() => {
  warnSpy = vi.spyOn(console, 'warn').mockImplementation(() => {})
  // MSW reports the requests no handler took with console.error under the 'error' strategy.
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  for (const server of opened.splice(0)) server.close()
  warnSpy.mockRestore()
  errorSpy.mockRestore()
})

describe('one server for the app and Cognito: no warning', () => {
  it('server.use(...cognito.handlers) on the app’s server answers both', async () => {
    const cognito = createCognitoMock({ seed: 3 })
    const server = setupServer(...appHandlers)
    server.use(...cognito.handlers)
    listen(server)
    expect(await answers(APP)).toBe(200)
    expect(await cognitoCall()).toBe(400)
    expect(ourWarnings()).toEqual([])
  })

  it('setupServer(...appHandlers, ...cognito.handlers) answers both', async () => {
    const cognito = createCognitoMock({ seed: 3 })
    listen(setupServer(...appHandlers, ...cognito.handlers))
    expect(await answers(APP)).toBe(200)
    expect(await cognitoCall()).toBe(400)
    expect(ourWarnings()).toEqual([])
  })

  it('setupCognitoServer alone, closed and listening again', async () => {
    const { server } = setupCognitoServer({ seed: 3 })
    server.listen(STRICT)
    expect(await cognitoCall()).toBe(400)
    server.close()
    listen(server)
    expect(await cognitoCall()).toBe(400)
    expect(ourWarnings()).toEqual([])
  })

  it('setupCognitoServer after an app server that has closed', async () => {
    const app = setupServer(...appHandlers)
    app.listen(STRICT)
    app.close()
    listen(setupCognitoServer({ seed: 3 }).server)
    expect(await cognitoCall()).toBe(400)
    expect(ourWarnings()).toEqual([])
  })
})

describe('two servers: one loud warning that says what to do', () => {
  it('the app’s server listening after setupCognitoServer shadows it: warned when the app’s server listens', async () => {
    listen(setupCognitoServer({ seed: 3 }).server)
    expect(ourWarnings()).toEqual([])
    listen(setupServer(...appHandlers))
    const warnings = ourWarnings()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('another MSW server started listening')
    expect(warnings[0]).toContain('server.use(...cognito.handlers)')
    // What the warning is about: the Cognito call is not answered by the mock any more.
    expect(await cognitoCall()).toBe('not answered')
    expect(await answers(APP)).toBe(200)
  })

  it('setupCognitoServer listening after the app’s server shadows the app: warned when it listens', async () => {
    listen(setupServer(...appHandlers))
    listen(setupCognitoServer({ seed: 3 }).server)
    const warnings = ourWarnings()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('another MSW server is already listening')
    expect(warnings[0]).toContain('setupServer(...yourHandlers, ...cognito.handlers)')
    expect(await answers(APP)).toBe('not answered')
    expect(await cognitoCall()).toBe(400)
  })

  it('two setupCognitoServer servers', () => {
    listen(setupCognitoServer({ seed: 3 }).server)
    listen(setupCognitoServer({ seed: 4 }).server)
    expect(ourWarnings()).toHaveLength(1)
  })

  it('once: a server that has warned stays quiet when it happens again', () => {
    const { server } = setupCognitoServer({ seed: 3 })
    listen(server)
    listen(setupServer(...appHandlers))
    listen(setupServer(...appHandlers))
    expect(ourWarnings()).toHaveLength(1)
  })
})
