import { http, type HttpHandler } from 'msw'
import type { SetupWorker } from 'msw/browser'
import { createCognitoMock } from '../mock.ts'
import type { CognitoMock, CognitoMockOptions } from '../handle/types.ts'
import { signInStory } from './storybook-session.ts'
import type { CognitoLoadedContext, CognitoStory, CognitoStoryContext, StorybookWorkerOptions } from './storybook-types.ts'
import { fail, reason } from '../lib/errors.ts'
import { scenarioList, scenarioUses } from '../scenarios/input.ts'
import { CONTENT_TYPE, cognitoHostPattern } from '../protocol/aws-json.ts'
import { corsHeaders } from '../protocol/responses.ts'
import type { WorkerStartOptions } from './browser-worker.ts'

/*
 * Storybook: one world per story render (decisions/0009-storybook-isolation.md).
 *
 * The service worker gets ONE stable set of handlers, registered once for the whole preview. Every story
 * render gets its own mock and its own endpoint, https://cognito-idp.{region}.amazonaws.com/__story/{id}/{n}/,
 * and the stable handler answers each request from the mock its endpoint names. Nothing is global per page,
 * so stories rendered side by side on a docs page (even the same story twice) cannot see each other's rules,
 * state, request log or clock.
 */

// ---------------------------------------------------------------------------------------------------
// The registry: story render → mock. On globalThis, so a module reloaded by HMR still finds the worker's.
// ---------------------------------------------------------------------------------------------------

interface Registry {
  mocks: Map<string, CognitoMock>
  /** What removes a render's `signedInAs` session from storage. */
  sessions: Map<string, () => void>
  renders: number
}

const REGISTRY = Symbol.for('cognito-device-mock/storybook')

function registry(): Registry {
  const scope = globalThis as { [REGISTRY]?: Registry }
  const state = (scope[REGISTRY] ??= { mocks: new Map(), sessions: new Map(), renders: 0 })
  // A registry made by an older copy of this module (HMR) has no sessions yet.
  state.sessions ??= new Map()
  return state
}

/** The path prefix of story endpoints on the public Cognito hosts. */
const STORY_PATH = '__story'

/** `https://cognito-idp.{region}.amazonaws.com/__story/{story id}/{render}/…`: key is group 1. */
const storyEndpointPattern = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/__story\/([^/?#]+\/\d+)(?=[/?#]|$)/


function refuse(status: number, message: string): Response {
  const type = 'CognitoDeviceMock#NoStoryMock'
  return new Response(JSON.stringify({ __type: type, message }), {
    status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': `${type}:`, 'x-amzn-errormessage': message, ...corsHeaders },
  })
}

const noEndpointMessage =
  '[cognito-device-mock] A Cognito request in Storybook without a story endpoint. Give the client the endpoint of ' +
  'loaded.cognito (new CognitoIdentityProviderClient({ region, endpoint })) so each story render answers from its own mock; ' +
  'the request was not sent to AWS.'
let warnedNoEndpoint = false

async function dispatch(request: Request): Promise<Response> {
  const key = storyEndpointPattern.exec(request.url)?.[1]
  if (key === undefined) {
    if (!warnedNoEndpoint) {
      warnedNoEndpoint = true
      console.error(noEndpointMessage, request.url)
    }
    return refuse(400, noEndpointMessage)
  }
  const mock = registry().mocks.get(decodeURIComponent(key))
  // The render ended (another story, or the docs page left): its late requests reach no other story's mock.
  if (!mock) return refuse(404, `[cognito-device-mock] No story mock at ${request.url}: that story render has ended.`)
  if (request.method === 'POST') return mock.handle(request)
  // Other methods (the .well-known documents) are read without the story prefix; POSTs keep their URL, whose
  // path a SigV4 signature covers.
  const url = new URL(request.url)
  url.pathname = url.pathname.replace(/^\/__story\/[^/]+\/\d+/, '') || '/'
  return mock.handle(new Request(url, { method: request.method, headers: request.headers }))
}

// ---------------------------------------------------------------------------------------------------
// Handlers and worker
// ---------------------------------------------------------------------------------------------------

/**
 * The stable handlers for Storybook's worker: every request to a public Cognito host is answered by the mock
 * of the story render its endpoint names (`loaded.cognito.endpoint`); a request without a story endpoint is
 * refused with a message (never sent to AWS). Register them once, as initial handlers, so the
 * msw-storybook-addon's reset between stories keeps them. `startStorybookWorker()` does this for you.
 *
 * @example
 * import { setupWorker } from 'msw/browser'
 * import { cognitoStoryHandlers } from 'cognito-device-mock/storybook'
 *
 * const worker = setupWorker(...cognitoStoryHandlers(), ...otherInitialHandlers)
 */
export function cognitoStoryHandlers(): HttpHandler[] {
  return [http.all(cognitoHostPattern, ({ request }) => dispatch(request))]
}

/**
 * Creates and starts MSW's worker with `cognitoStoryHandlers()` as initial handlers: the setup function of
 * msw-storybook-addon 3 (`mswLoader(setup)` for CSF 3, `addonMsw(setup)` for CSF Next). Unrelated requests
 * bypass the worker.
 *
 * @example
 * // .storybook/preview.ts
 * import { mswLoader } from 'msw-storybook-addon/csf3'
 * import { cognitoCleanup, cognitoLoader, startStorybookWorker } from 'cognito-device-mock/storybook'
 *
 * export default {
 *   loaders: [mswLoader(() => startStorybookWorker()), cognitoLoader],
 *   beforeEach: [cognitoCleanup],
 * }
 */
export async function startStorybookWorker(options: StorybookWorkerOptions = {}): Promise<SetupWorker> {
  // Imported here: `msw/browser` refuses to load in Node, and the rest of this module is usable there (tests).
  const { setupWorker } = await import('msw/browser')
  const worker = setupWorker(...cognitoStoryHandlers(), ...(options.handlers ?? []))
  // msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest: both are given so either major works.
  await worker.start({ onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass', quiet: true, ...options.start } as WorkerStartOptions)
  return worker
}

// ---------------------------------------------------------------------------------------------------
// Loader and cleanup
// ---------------------------------------------------------------------------------------------------

/**
 * A Storybook loader: for a story with `parameters.cognito`, creates a mock of its own for this render,
 * registers it under a fresh endpoint, signs a user in and returns `{ cognito: CognitoStory }` (read it as
 * `loaded.cognito`). Stories without `parameters.cognito` (or with `cognito: false`) get nothing and make no
 * mock. Every render, including a re-render after an args change and each copy of a story on a docs page,
 * starts from the seeded world.
 *
 * @example
 * // .storybook/preview.ts: with msw-storybook-addon's loader, which starts the worker
 * export default { loaders: [mswLoader(() => startStorybookWorker()), cognitoLoader], beforeEach: [cognitoCleanup] }
 *
 * // a story
 * export const Throttled: Story = {
 *   parameters: { cognito: { seed: 42, scenario: 'throttled' } },
 *   render: (_, { loaded }) => <Devices story={cognitoStory(loaded)} />,
 * }
 */
export async function cognitoLoader(context: CognitoStoryContext): Promise<{ cognito?: CognitoStory }> {
  const parameters = context.parameters.cognito
  if (parameters === undefined || parameters === false) return {}
  if (parameters === null || typeof parameters !== 'object') fail(`parameters.cognito of story "${context.id}" must be an object of options, or false.`)
  const { rules, user: userOptions = {}, setup, scenario, signedInAs, ...options } = parameters
  // Names stay names (looked up when used); anything else becomes a named scenario, so the story's rules can go after it.
  const named = scenarioList(scenarioUses(scenario), 'story scenario')
  const uses = [...named, ...(rules && rules.length > 0 ? [{ name: 'story rules', rules }] : [])]
  const mock = createStoryMock(context.id, { ...options, ...(uses.length > 0 ? { scenario: uses } : {}) })
  await setup?.(mock)

  const pool = userOptions.poolId === undefined ? mock.pools.list()[0] : mock.pools.get(userOptions.poolId)
  if (!pool) {
    fail(
      userOptions.poolId === undefined
        ? `story "${context.id}": the world has no user pool to sign in to. Give world.pools ≥ 1, or create one in setup().`
        : `story "${context.id}": no user pool "${userOptions.poolId}".`,
    )
  }
  const user = userOptions.username === undefined ? mock.users.list(pool.id)[0] : mock.users.get(pool.id, userOptions.username)
  if (!user) {
    fail(
      userOptions.username === undefined
        ? `story "${context.id}": pool ${pool.id} has no user to sign in as. Give world.usersPerPool ≥ 1, or create one in setup().`
        : `story "${context.id}": no user "${userOptions.username}" in pool ${pool.id}.`,
    )
  }
  const { poolId: _poolId, username: _username, ...tokenOptions } = userOptions
  const accessToken = await mock.tokens.issue(pool.id, user.username, tokenOptions)

  const signedIn = signedInAs === undefined ? undefined : await signInStory(mock, context.id, pool.id, user.username, signedInAs)

  const state = registry()
  const key = `${context.id}/${++state.renders}`
  state.mocks.set(key, mock)
  if (signedIn) state.sessions.set(key, signedIn.remove)
  const endpoint = `https://cognito-idp.${pool.region}.amazonaws.com/${STORY_PATH}/${encodeURIComponent(context.id)}/${state.renders}/`
  return {
    cognito: { mock, endpoint, region: pool.region, poolId: pool.id, username: user.username, accessToken, ...(signedIn ? { session: signedIn.session } : {}) },
  }
}

/**
 * `createCognitoMock(options)`, its usage errors (a bad world, region, faker, factory output) prefixed with the
 * story: a Storybook renders many stories, and the message must say whose parameters to fix.
 */
function createStoryMock(id: string, options: CognitoMockOptions): CognitoMock {
  try {
    return createCognitoMock(options)
  } catch (error) {
    const kind = error instanceof TypeError ? TypeError : error instanceof RangeError ? RangeError : Error
    fail(`story "${id}" (parameters.cognito): ${reason(error)}`, kind, { cause: error })
  }
}

/**
 * A Storybook `beforeEach` that returns the cleanup of `cognitoLoader`'s work: when Storybook tears the story
 * render down (another story is selected, the docs page is left), its mock is unregistered, and requests
 * still in flight from it are refused rather than answered by another story's mock.
 *
 * @example
 * // .storybook/preview.ts
 * export default { loaders: [mswLoader(() => startStorybookWorker()), cognitoLoader], beforeEach: [cognitoCleanup] }
 */
export function cognitoCleanup(context: CognitoLoadedContext): (() => void) | undefined {
  const story = context.loaded.cognito as CognitoStory | undefined
  if (!story || typeof story.endpoint !== 'string') return undefined
  const key = storyEndpointPattern.exec(story.endpoint)?.[1]
  if (key === undefined) return undefined
  return () => {
    const state = registry()
    state.mocks.delete(decodeURIComponent(key))
    state.sessions.get(decodeURIComponent(key))?.()
    state.sessions.delete(decodeURIComponent(key))
  }
}

/**
 * `loaded.cognito`, typed: this story render's {@link CognitoStory}. Storybook types `loaded` as
 * `Record<string, any>`, so `loaded.cognito` alone is `any` and needs a cast; this is checked instead, and names the
 * fix when the render has no mock (no `parameters.cognito`, `cognito: false`, or no `cognitoLoader` in the preview).
 *
 * @example
 * render: (_args, { loaded }) => {
 *   const { endpoint, region, accessToken } = cognitoStory(loaded) // also mock, poolId, username
 *   return <Devices client={new CognitoIdentityProviderClient({ region, endpoint })} accessToken={accessToken} />
 * }
 * play: async ({ loaded }) => cognitoStory(loaded).mock.outbox.code({ medium: 'SMS' })
 */
export function cognitoStory(loaded: CognitoLoadedContext['loaded']): CognitoStory {
  const story = loaded.cognito
  if (typeof story !== 'object' || story === null || typeof story.endpoint !== 'string') {
    fail(
      'loaded.cognito is empty: this story render has no mock. Give the story (or its component) parameters.cognito, ' +
        'e.g. { seed: 7 }, not cognito: false, and put cognitoLoader in the loaders of .storybook/preview (after mswLoader).',
    )
  }
  return story
}

/**
 * The story renders whose mocks are registered now, by key (`{story id}/{render}`): for debugging and for
 * tests of isolation. A finished render is gone from it.
 *
 * @example
 * import { activeStoryMocks } from 'cognito-device-mock/storybook'
 * console.table([...activeStoryMocks().keys()]) // ['demo-devices--happy-path/1', 'demo-devices--throttled/2']
 */
export function activeStoryMocks(): ReadonlyMap<string, CognitoMock> {
  return new Map(registry().mocks)
}
