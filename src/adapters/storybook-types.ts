import type { HttpHandler } from 'msw'
import type { CognitoMock, CognitoMockOptions, IssueTokenInput, SignedInSession } from '../handle/types.ts'
import type { StorySignedInAs } from './storybook-session.ts'
import type { WorkerStartOptions } from './browser-worker.ts'
import type { ScenarioRule } from '../scenarios/types.ts'

/** The types of `cognito-device-mock/storybook`: a story's parameters, what its loader gives, and the worker's options. */


/**
 * Who the story is signed in as, and the access token it gets (`parameters.cognito.user`).
 *
 * @example
 * parameters: { cognito: { user: { username: 'ada.kim', scope: 'openid', expiresIn: '5m' } } }
 */
export interface CognitoStoryUser extends Omit<IssueTokenInput, 'deviceKey'> {
  /** The user pool (default: the first pool of the world). */
  poolId?: string
  /** The user (default: the pool's first user). */
  username?: string
  /** The `device_key` claim of the token, as after a sign-in from that remembered device. */
  deviceKey?: string
}

/**
 * `parameters.cognito` of a story: the mock's options (`seed`, `world`, `faker`, `scenario`, `now`, `region`,
 * …) plus story conveniences. Storybook merges parameters from preview, component and story, plain objects
 * deeply and everything else by replacement, so a component can give the world and each story its scenario:
 * a story's `world.pools` list replaces the component's whole, its `world.usersPerPool` joins the component's
 * `world.devicesPerUser`, and factories (functions) and `faker` (a Faker instance, not a plain object) are
 * taken as they are, never merged or copied. A bad world is refused with the story's id and the path to fix.
 *
 * @example
 * export const Throttled: Story = {
 *   parameters: { cognito: { seed: 7, scenario: 'throttled' } },
 * }
 * export const ThrottleTwiceThenAnswer: Story = {
 *   parameters: {
 *     cognito: {
 *       world: { devicesPerUser: { min: 3, max: 3 } },
 *       rules: [{ operations: 'ListDevices', sequence: [{ error: 'TooManyRequestsException' }, { error: 'TooManyRequestsException' }, 'real'] }],
 *     },
 *   },
 * }
 */
export interface CognitoStoryParameters extends CognitoMockOptions {
  /** Rules used after `scenario` (they win over it where both match), and again after every `reset()`. */
  rules?: readonly ScenarioRule[]
  /** Who is signed in (default: the first user of the first pool) and the token's scope and lifetime. */
  user?: CognitoStoryUser
  /**
   * Runs on the fresh mock before the user signs in: create pools, users or devices the story needs,
   * change a user's status, advance the clock. May be async.
   */
  setup?: (cognito: CognitoMock) => void | Promise<void>
  /**
   * Start signed in: the story's user (`true`), another (a username), or `{ username, device, storage, … }`.
   * The session is made in the story's mock (`signInAs`) and written where the app's client reads it
   * (`localStorage` by default), and removed when the story's render ends: a page that reads Amplify's or
   * identity-js's session renders signed in. Stories shown together on a docs page share that storage.
   */
  signedInAs?: StorySignedInAs
}

/**
 * What `cognitoLoader` puts in `loaded.cognito`: the story render's own mock and how to reach it. Give
 * `endpoint` and `region` to the client under test, e.g.
 * `new CognitoIdentityProviderClient({ region, endpoint })`.
 *
 * @example
 * render: (_args, { loaded }) => {
 *   const { mock, endpoint, region, accessToken, poolId, username } = cognitoStory(loaded)
 *   return <Devices client={new CognitoIdentityProviderClient({ region, endpoint })} accessToken={accessToken} />
 * }
 */
export interface CognitoStory {
  /**
   * This render's mock: its state, scenarios and request log, for play functions and the story's UI; its
   * outbox and authenticator codes too, for a story that walks through MFA.
   *
   * @example
   * play: async ({ loaded }) => {
   *   const { mock, username } = cognitoStory(loaded)
   *   const code = mock.outbox.code({ username }) // the SMS or email code the story's sign-in sent
   * }
   */
  mock: CognitoMock
  /** This render's endpoint, e.g. `https://cognito-idp.us-east-1.amazonaws.com/__story/devices--throttled/3/`. */
  endpoint: string
  /** The region of the endpoint and of the signed-in user's pool. */
  region: string
  poolId: string
  username: string
  /** A fresh access token for `username`, issued by this render's mock. */
  accessToken: string
  /** With `signedInAs`: the session written to the app's storage (tokens, device keys and secret). */
  session?: SignedInSession
}

/**
 * The part of Storybook's story context the loader reads (Storybook's own `StoryContext` fits it), so the
 * adapter needs no Storybook types; a test can call the loader with a plain object.
 *
 * @example
 * const { cognito } = await cognitoLoader({ id: 'devices--throttled', parameters: { cognito: { scenario: 'throttled' } } })
 */
export interface CognitoStoryContext {
  /** The story id, e.g. `demo-devices--throttled`. */
  id: string
  parameters: { cognito?: CognitoStoryParameters | false | undefined; [name: string]: unknown }
}

/**
 * The part of Storybook's story context the cleanup reads: what the loaders returned.
 *
 * @example
 * const loaded = await cognitoLoader(context)
 * const cleanup = cognitoCleanup({ loaded }) // call it when the render ends
 */
export interface CognitoLoadedContext {
  /** Storybook's `loaded` (typed `Record<string, any>` there, so it fits): `cognito` is what `cognitoLoader` returned. */
  loaded: { cognito?: CognitoStory | undefined; [name: string]: unknown }
}

/**
 * Options of `startStorybookWorker()`.
 *
 * @example
 * mswLoader(() => startStorybookWorker({ start: { serviceWorker: { url: './mockServiceWorker.js' } }, handlers: [otherApi] }))
 */
export interface StorybookWorkerOptions {
  /**
   * Options for MSW's `worker.start()` (default: unrelated requests bypass, quiet). The worker script is
   * `/mockServiceWorker.js`: serve its folder with Storybook's `staticDirs`.
   */
  start?: WorkerStartOptions
  /** More handlers for the worker's initial list (they survive the addon's reset between stories). */
  handlers?: readonly HttpHandler[]
}
