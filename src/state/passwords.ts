/**
 * Seeded users' passwords: deterministic (the same seed, pool and username give the same password), readable,
 * and accepted by Cognito's default password policy (8+ characters, upper and lower case, a digit, a symbol).
 * Drawn from a hash of their inputs rather than from a faker stream, so giving every user a password shifts
 * no other seeded value.
 */

import { sfc32 } from './random.ts'

const words = [
  'Amber', 'Aspen', 'Basil', 'Birch', 'Cedar', 'Cobalt', 'Coral', 'Cosmo', 'Delta', 'Ember', 'Fable', 'Falcon', 'Fern',
  'Flint', 'Garnet', 'Glade', 'Harbor', 'Hazel', 'Heron', 'Indigo', 'Iris', 'Jade', 'Juniper', 'Kestrel', 'Lagoon', 'Lark',
  'Linden', 'Lotus', 'Maple', 'Marble', 'Meadow', 'Mesa', 'Nimbus', 'Nova', 'Oak', 'Ochre', 'Onyx', 'Orchid', 'Otter',
  'Pebble', 'Pine', 'Plume', 'Quartz', 'Quill', 'Raven', 'Reef', 'Ridge', 'Rowan', 'Saffron', 'Sage', 'Sierra', 'Slate',
  'Sparrow', 'Spruce', 'Summit', 'Tango', 'Thistle', 'Tundra', 'Umber', 'Valley', 'Violet', 'Willow', 'Wren', 'Zephyr',
] as const

/** FNV-1a over the UTF-16 code units, then sfc32: a few well-mixed 32-bit words from a string. */
function stream(text: string): () => number {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193)
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995)
  }
  return sfc32(h1, h2, 12)
}

/**
 * The password the mock gives a user it creates without one, e.g. `Harbor-Falcon-4821`.
 *
 * @example
 * seededPassword('42', 'us-east-1_AbC123xYz', 'ada.kim') // the same string on every run
 */
export function seededPassword(seed: string, poolId: string, username: string): string {
  const next = stream(`cognito-device-mock/password/${seed}/${poolId}/${username.toLowerCase()}`)
  const first = words[next() % words.length]!
  let second = words[next() % words.length]!
  if (second === first) second = words[(words.indexOf(second) + 1) % words.length]!
  const digits = String(1000 + (next() % 9000))
  return `${first}-${second}-${digits}`
}

/**
 * Whether `password` meets Cognito's default policy. The mock never refuses a password set through the handle;
 * this only documents (and tests) that seeded passwords would be accepted by a real pool.
 */
export function meetsDefaultPolicy(password: string): boolean {
  return password.length >= 8 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && /[^\p{L}\p{N}\s]/u.test(password)
}
