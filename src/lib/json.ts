/**
 * Request bodies are untrusted: JSON.parse itself copes with any nesting, but every recursive walk after it (the
 * validator, zod, the request log, scenario matching) would overflow the stack on a few kilobytes of brackets.
 * Refusing deep bodies here, once, keeps every later walk within a known depth.
 */

export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: 'malformed' | 'too-deep' }

const OPEN_OBJECT = 0x7b // {
const CLOSE_OBJECT = 0x7d // }
const OPEN_ARRAY = 0x5b // [
const CLOSE_ARRAY = 0x5d // ]
const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \

/**
 * Parses a request body, refusing malformed JSON and JSON nested deeper than `maxDepth` (the pipeline passes `fidelity.jsonMaxDepth`) (an object
 * or array is one level; `{"a":[]}` is two). Never throws.
 *
 * @example
 * parseJsonBody('{"AccessToken":"…"}')                 // { ok: true, value: { AccessToken: '…' } }
 * parseJsonBody('{"a":' + '['.repeat(2100) + ']'.repeat(2100) + '}') // { ok: false, reason: 'too-deep' }
 * parseJsonBody('{"a":')                               // { ok: false, reason: 'malformed' }
 */
export function parseJsonBody(text: string, maxDepth: number): ParsedJson {
  // Nesting deeper than maxDepth needs more than maxDepth opening brackets: a body with fewer (all of Cognito's,
  // counted at native speed by indexOf) skips the character-by-character scan.
  if (text.length > maxDepth && moreOpeningsThan(text, maxDepth) && depthExceeds(text, maxDepth)) return { ok: false, reason: 'too-deep' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

/** Whether `text` holds more than `count` `{` and `[` in all, strings included (an upper bound of the depth). */
function moreOpeningsThan(text: string, count: number): boolean {
  let seen = 0
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) if (++seen > count) return true
  }
  return false
}

/**
 * Whether brackets outside strings nest deeper than `maxDepth`. One pass, no allocation; malformed text is
 * scanned as far as it goes (JSON.parse refuses it afterwards if it is not too deep).
 */
function depthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) {
      inString = true
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return true
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--
    }
  }
  return false
}
