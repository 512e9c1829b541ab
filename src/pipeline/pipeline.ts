import { fail } from '../lib/errors.ts'
import type { AwsCredentials } from '../protocol/sigv4.ts'
import { errorResponse, preflightResponse, type AnswerContext } from '../protocol/responses.ts'
import { NETWORK_ERROR, type WireAnswer, type WireRequest } from '../protocol/wire-form.ts'
import type { Firing, ScenarioEngine } from '../scenarios/engine.ts'
import type { Runtime } from '../state/runtime.ts'
import { realAnswer, scriptedResponse, tooLargeResponse, wellKnownResponse, type SigningPolicy } from './answers.ts'
import { readCall, type Call, type OperationCall } from './read-call.ts'
import type { RequestLog } from './request-log.ts'
import { scenarioCall } from './scenario-call.ts'
import { Serial } from './serial.ts'

/**
 * The request pipeline: request → protocol (read-call) → scenario decision → validation → operation →
 * encoding → log, on plain data (`WireRequest` → `WireAnswer`). It is the whole service: `cognito.handle` wraps it
 * in Fetch's types for MSW, Playwright routing and Storybook; the local endpoint calls it as it is.
 */

/** The logical clock's step per answered request: successive changes get distinct, deterministic dates. */
const CLOCK_STEP_MS = 1

/**
 * What the queued step decided for one call: a value, so that the rest (delays, the log) happens outside the
 * queue. `later` is an answer due after a scenario's latency; a real one then takes its turn in the queue.
 */
export type Plan =
  | { kind: 'now'; response: WireAnswer }
  | { kind: 'hang' }
  | { kind: 'later'; delayMs: number; answer: Exclude<Firing['answer'], 'hang'>; call: OperationCall }

/** What the pipeline needs, injected: it owns nothing but the queue. */
export interface PipelineServices {
  runtime: Runtime
  scenarios: ScenarioEngine
  log: RequestLog
  credentials?: readonly AwsCredentials[]
  /** Refuse admin calls signed more than 15 minutes from now (the wall clock or the mock's), as AWS does. */
  checkSignatureDate?: boolean
}

/**
 * Builds the function that answers one request as Cognito would.
 *
 * @example
 * const answer = createPipeline({ runtime, scenarios, log })
 * const response = toFetchResponse(await answer(fromFetchRequest(new Request('https://cognito-idp.us-east-1.amazonaws.com/', { method: 'POST', … }))))
 */
export function createPipeline(services: PipelineServices): (request: WireRequest) => Promise<WireAnswer> {
  const { runtime, scenarios, log } = services
  const signing: SigningPolicy = { ...(services.credentials ? { credentials: services.credentials } : {}), checkDate: services.checkSignatureDate ?? false }
  const serial = new Serial()

  /** The queued step: everything that reads or changes state, one call at a time, in the order calls were fully received. */
  async function plan(call: Call, context: AnswerContext): Promise<{ plan: Plan; answeredBy: string }> {
    switch (call.kind) {
      case 'preflight':
        return { plan: { kind: 'now', response: preflightResponse(call.request, context) }, answeredBy: 'store' }
      case 'well-known':
        return { plan: { kind: 'now', response: await wellKnownResponse(runtime, call.poolId, call.document, call.region) }, answeredBy: 'store' }
      case 'refused':
        return { plan: { kind: 'now', response: errorResponse(call.error, context) }, answeredBy: 'store' }
      case 'too-large':
        return { plan: { kind: 'now', response: tooLargeResponse(context) }, answeredBy: 'store' }
    }
    const firing = scenarios.isEmpty() ? undefined : scenarios.decide(scenarioCall(call.operation, call.input))
    if (!firing) return { plan: { kind: 'now', response: await realAnswer(runtime, signing, call, context) }, answeredBy: 'store' }
    const { answer, latencyMs, ruleName } = firing
    if (answer === 'hang') return { plan: { kind: 'hang' }, answeredBy: ruleName }
    if (latencyMs > 0) return { plan: { kind: 'later', delayMs: latencyMs, answer, call }, answeredBy: ruleName }
    const response = answer === 'real' ? await realAnswer(runtime, signing, call, context) : scriptedResponse(answer, context)
    return { plan: { kind: 'now', response }, answeredBy: ruleName }
  }

  /** A planned answer, delivered: at once, never, or after its latency (a real one in its turn in the queue). */
  async function deliver(planned: Plan, request: WireRequest, context: AnswerContext): Promise<WireAnswer> {
    if (planned.kind === 'now') return planned.response
    // A client that gives up on a hanging or slow answer gets its network error at once, so that nothing of
    // the call (its request, its timer) outlives it.
    const signal = request.signal
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal?.aborted) resolve('aborted')
      else signal?.addEventListener('abort', () => resolve('aborted'), { once: true })
    })
    if (planned.kind === 'hang') return aborted.then(() => NETWORK_ERROR)
    let timer: ReturnType<typeof setTimeout> | undefined
    const waited = await Promise.race([aborted, new Promise<'done'>((resolve) => (timer = setTimeout(resolve, planned.delayMs, 'done')))])
    if (waited === 'aborted') {
      clearTimeout(timer)
      return NETWORK_ERROR
    }
    // A scripted answer changes nothing, so it needs no turn in the queue; a real one takes its turn now.
    if (planned.answer !== 'real') return scriptedResponse(planned.answer, context)
    return serial.run(() => realAnswer(runtime, signing, planned.call, context))
  }

  return async function answer(request: WireRequest): Promise<WireAnswer> {
    // The id is drawn on arrival, before any await, so ids follow the order requests were made in; the queue
    // takes calls in the order they finished arriving (body read), as a server would.
    const requestId = runtime.nextRequestId()
    let call: Call
    try {
      call = await readCall(request)
    } catch (error) {
      // The client went away mid-upload: nobody is left to read an answer, and nothing reached the queue.
      if (request.signal?.aborted) return NETWORK_ERROR
      return fail('handle() could not read the request body (was it already read?).', TypeError, { cause: error })
    }
    const { context, planned, answeredBy } = await serial.run(async () => {
      const context: AnswerContext = { requestId, now: runtime.clock.now() }
      const { plan: planned, answeredBy } = await plan(call, context)
      runtime.clock.tick(CLOCK_STEP_MS)
      return { context, planned, answeredBy }
    })
    const input = call.kind === 'operation' ? call.input : undefined
    const entry = log.record({ requestId, operation: call.operation, input, answeredBy, at: context.now })
    const response = await deliver(planned, request, context)
    log.settle(entry, response)
    return response
  }
}
