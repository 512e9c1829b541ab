import { requireWebCrypto } from './lib/hash.ts'
import { clockHandle } from './handle/clock.ts'
import { devicesHandle } from './handle/devices.ts'
import { poolsHandle } from './handle/pools.ts'
import { scenariosHandle } from './handle/scenarios.ts'
import { signInFromCode, tokensHandle } from './handle/tokens.ts'
import { signInAsHandle } from './handle/sessions.ts'
import { cognitoHandlers } from './handle/msw-handlers.ts'
import { outboxHandle } from './handle/outbox.ts'
import type { CognitoMock, CognitoMockOptions } from './handle/types.ts'
import { usersHandle } from './handle/users.ts'
import { createPipeline } from './pipeline/pipeline.ts'
import { fromFetchRequest, toFetchResponse } from './protocol/wire-form.ts'
import { withWireAnswerer } from './handle/wire-answer.ts'
import { RequestLog } from './pipeline/request-log.ts'
import { ScenarioEngine } from './scenarios/engine.ts'
import { scenarioUses } from './scenarios/input.ts'
import { presets } from './scenarios/presets.ts'
import { Runtime } from './state/runtime.ts'

/**
 * Creates a stateful mock of the Cognito user-pools device API: the runtime (state), the pipeline (requests)
 * and the handle (your code's view of both), assembled.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createCognitoMock } from 'cognito-device-mock'
 *
 * const cognito = createCognitoMock({ seed: 42 })
 * const server = setupServer(...cognito.handlers)
 * server.listen()
 *
 * const [pool] = cognito.pools.list()
 * const [user] = cognito.users.list(pool.id)
 * const accessToken = await cognito.tokens.issue(pool.id, user.username)
 * // new CognitoIdentityProviderClient({ region: 'us-east-1' }).send(new ListDevicesCommand({ AccessToken: accessToken }))
 */
export function createCognitoMock(options: CognitoMockOptions = {}): CognitoMock {
  requireWebCrypto()
  const runtime = new Runtime(options)
  const engine = new ScenarioEngine(() => runtime.scenarioRandom, presets)
  const log = new RequestLog(options.log ?? false)
  const answer = createPipeline({
    runtime,
    scenarios: engine,
    log,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.checkSignatureDate ? { checkSignatureDate: true } : {}),
  })
  const handle = async (request: Request): Promise<Response> => toFetchResponse(await answer(fromFetchRequest(request)))
  // Built before any seeding, so that a bad endpoint is refused at once.
  const handlers = cognitoHandlers(options.endpoints, handle)
  const scenarios = scenariosHandle(runtime, engine, options.scenario)
  const signIn = signInFromCode(runtime)

  function reset(): void {
    runtime.seedWorld()
    runtime.restartRequestIds()
    engine.clear()
    log.clear()
    for (const what of scenarioUses(options.scenario)) scenarios.use(what)
  }
  reset()

  const mock: CognitoMock = {
    handlers,
    handle,
    seed: runtime.seed,
    clock: clockHandle(runtime),
    pools: poolsHandle(runtime),
    users: usersHandle(runtime),
    devices: devicesHandle(runtime),
    tokens: tokensHandle(runtime, signIn),
    signIn,
    signInAs: signInAsHandle(runtime),
    scenarios,
    outbox: outboxHandle(runtime),
    requests: { list: () => log.list(), clear: () => log.clear() },
    reset,
    snapshot: (snapshotOptions = {}) => runtime.snapshot(snapshotOptions.exact ?? false),
    restore: (snapshot) => runtime.restore(snapshot),
  }
  return withWireAnswerer(mock, answer)
}
