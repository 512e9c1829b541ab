import { fidelity } from '../fidelity.ts'
import type { CognitoError } from '../model/exceptions.ts'
import { CONTENT_TYPE } from './aws-json.ts'
import type { WireHeaders, WireResponse } from './wire-form.ts'

/** What an error answer is made of: a thrown CognitoError, or what a scenario scripted (any type a rule names). */
export type WireError = Pick<CognitoError, 'status' | 'wireMessage'> & { type: string }

/** What every answer carries besides its body. */
export interface AnswerContext {
  requestId: string
  /** Epoch milliseconds of the mock's clock, for the `Date` header. */
  now: number
}

/**
 * Cognito serves browsers directly, so its answers carry CORS headers; the mock's must too, or a page that
 * talks to the local endpoint could not read them [I: fidelity.cors].
 */
export const corsHeaders = {
  'access-control-allow-origin': fidelity.cors.allowOrigin,
  'access-control-expose-headers': fidelity.cors.exposeHeaders,
} as const

const nonAscii = /[^\x00-\x7f]/

let dateSecond = Number.NaN
let dateText = ''

/** The `Date` header: whole seconds, so consecutive answers (1 ms apart on the logical clock) share one string. */
function httpDate(now: number): string {
  const second = Math.floor(now / 1000)
  if (second !== dateSecond) {
    dateSecond = second
    dateText = new Date(second * 1000).toUTCString()
  }
  return dateText
}

/** UTF-8 length without encoding the body a second time; an all-ASCII body (nearly every one) is counted natively. */
function utf8Length(text: string): number {
  if (!nonAscii.test(text)) return text.length
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

/** A plain record, written to a socket as it is or given to `new Response()`. */
function baseHeaders(context: AnswerContext, body: string): Record<string, string> {
  return {
    'content-type': CONTENT_TYPE,
    'content-length': String(utf8Length(body)),
    date: httpDate(context.now),
    'x-amzn-requestid': context.requestId,
    ...corsHeaders,
  }
}

/** The answer to a CORS preflight: any origin, POST, and the headers the browser asks to send. */
export function preflightResponse(request: { headers: WireHeaders }, context: AnswerContext): WireResponse {
  return {
    status: 200,
    body: null,
    headers: {
      ...corsHeaders,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? fidelity.cors.allowHeaders,
      'access-control-max-age': String(fidelity.cors.maxAgeSeconds),
      'content-length': '0',
      date: httpDate(context.now),
      'x-amzn-requestid': context.requestId,
    },
  }
}

/**
 * 200 with the output as compact JSON; an operation with no output shape gets an empty body (WIRE §1).
 * Absent members are left out, never `null`.
 */
export function successResponse(output: unknown, context: AnswerContext): WireResponse {
  const body = output === undefined ? '' : JSON.stringify(output)
  return { status: 200, headers: baseHeaders(context, body), body }
}

/**
 * Node's HTTP parser refuses an answer whose headers exceed 16 KiB, and msw 3 replays answers through it: a
 * validation message echoing a long value (a 131072-char PasswordVerifier) would reach the client as
 * `fetch failed`. The header copy of the message is cut (at a character boundary); the body keeps all of it.
 */
const MAX_HEADER_MESSAGE_BYTES = 8192

/** Header values are bytes: UTF-8 text goes out as its bytes, control characters as spaces. */
function headerSafe(text: string): string {
  const bytes = new TextEncoder().encode(text.replace(/[\u0000-\u001f\u007f]/g, ' '))
  let end = Math.min(bytes.length, MAX_HEADER_MESSAGE_BYTES)
  if (end < bytes.length) while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  let out = ''
  for (const byte of bytes.subarray(0, end)) out += String.fromCharCode(byte)
  return out
}

/**
 * The error answer of WIRE §2: bare `__type`, `message` when there is one, `x-amzn-ErrorType` with its
 * trailing colon, `x-amzn-ErrorMessage`, 400 or 500.
 */
export function errorResponse(error: WireError, context: AnswerContext): WireResponse {
  const body = JSON.stringify(error.wireMessage === undefined ? { __type: error.type } : { __type: error.type, message: error.wireMessage })
  const headers = baseHeaders(context, body)
  headers['x-amzn-errortype'] = `${error.type}:`
  if (error.wireMessage !== undefined) headers['x-amzn-errormessage'] = headerSafe(error.wireMessage)
  return { status: error.status, headers, body }
}
