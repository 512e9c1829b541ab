import { readFileSync } from 'node:fs'
import type { Faker } from '@faker-js/faker'
import { fail } from '../lib/errors.ts'
import { checkWorld, type WorldOptions } from '../state/world-spec.ts'

/*
 * What `cognito-device-mock serve --world FILE --faker-locale CODE` reads: a world description from a JSON file
 * and a Faker instance by its locale code. Node-only (the file system), so it lives with the adapters.
 */

/**
 * Reads a world description from a JSON file and checks it, every failure a `[cognito-device-mock]` error that
 * starts with `where` (e.g. `--world world.json`): an unreadable file, text that is not JSON (with its line and
 * column when the parser tells the position), or a world with the paths to fix.
 *
 * @example
 * // world.json: { "pools": [{ "name": "Acme", "users": [{ "username": "ada" }, 4] }] }
 * const world = readWorldFile('world.json', '--world world.json')
 * createCognitoMock({ world })
 */
export function readWorldFile(path: string, where: string): WorldOptions {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    fail(`${where}: cannot read the file (${fileProblem(error)}).`)
  }
  let world: unknown
  try {
    // An editor's byte order mark is not JSON, and not worth refusing a file for.
    world = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    fail(`${where}: the file is not JSON: ${jsonProblem(text, error)}.`)
  }
  return checkWorld(world, where)
}

function fileProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'it is a directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

/**
 * The parser's complaint in one line, with a line and column: V8 gives `at position N` (Node 20) or also
 * `(line L column C)` (Node 22+); an `Unexpected token` message gives no position and quotes the text instead
 * (dropped: it may span lines), so the position is found by parsing prefixes.
 */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const unexpected = /^(Unexpected token '.+?'), .* is not valid JSON$/s.exec(message)
  if (unexpected) return `${unexpected[1]!} at ${lineAndColumn(text, firstBadCharacter(text))}`
  const position = /in JSON at position (\d+)/.exec(message)
  if (!position) return message
  return `${message.slice(0, position.index)}at ${lineAndColumn(text, Number(position[1]))}`
}

/**
 * Where JSON.parse first fails in `text`: a prefix that ends before the mistake fails only for ending early
 * ("Unexpected end", or a position at its very end), one that holds it fails before its end; the shortest of
 * the latter is found by halving, a few parses for any size.
 */
function firstBadCharacter(text: string): number {
  const failsWithin = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length))
      return false
    } catch (error) {
      const message = error instanceof Error ? error.message : ''
      const at = /at position (\d+)/.exec(message)
      return !message.startsWith('Unexpected end') && (!at || Number(at[1]) < length)
    }
  }
  let low = 0
  let high = text.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (failsWithin(middle)) high = middle
    else low = middle + 1
  }
  return Math.max(0, low - 1)
}

/** `(line 3 column 7)`, both counted from 1. */
function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position)
  return `(line ${before.split('\n').length} column ${before.length - before.lastIndexOf('\n')})`
}

/**
 * The Faker instance of a locale code (`de`, `en_GB`, `pt-BR`: faker's `allFakers` keys, `-` or `_`), for the
 * `faker` option. Imported on demand: `@faker-js/faker`'s entry evaluates all its locales (about 220 ms in Node),
 * which a server started without a locale must not pay.
 *
 * @example
 * createCognitoMock({ faker: await fakerForLocale('de', '--faker-locale') })
 */
export async function fakerForLocale(code: string, where: string): Promise<Faker> {
  const { allFakers } = await import('@faker-js/faker')
  const key = code.trim().replace(/-/g, '_')
  const found = Object.entries(allFakers).find(([name]) => name.toLowerCase() === key.toLowerCase())
  if (!found) fail(`${where}: no faker locale "${code}". Use one of ${Object.keys(allFakers).join(', ')}.`)
  return found[1]
}
