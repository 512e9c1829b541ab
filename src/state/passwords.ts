/**
 * Seeded users' passwords: deterministic (the same seed, pool and username give the same password), readable,
 * and accepted by Cognito's default password policy (8+ characters, upper and lower case, a digit, a symbol).
 * Each is drawn from a faker stream of its own, named by the pool and the username, so that a password never
 * depends on the order users were made in, and a snapshot saved before users had passwords gets the same one.
 */

import type { Fakers } from './faker.ts'
import { hashText, streams } from './seed.ts'

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/**
 * The password the mock gives a user it creates without one, e.g. `Bupeta-Lixoru-4821`.
 *
 * @example
 * seededPassword(new Fakers(42), 'us-east-1_AbC123xYz', 'ada.kim') // the same string on every run
 */
export function seededPassword(fakers: Fakers, poolId: string, username: string): string {
  const faker = fakers.shared('passwords')
  fakers.reseed(faker, [streams.passwords, hashText(poolId), hashText(username.toLowerCase())])
  const word = () => capital(faker.internet.password({ length: 6, memorable: true }))
  return `${word()}-${word()}-${faker.string.numeric({ length: 4, allowLeadingZeros: false })}`
}

/**
 * Whether `password` meets Cognito's default policy. The mock never refuses a password set through the handle;
 * this only documents (and tests) that seeded passwords would be accepted by a real pool.
 */
export function meetsDefaultPolicy(password: string): boolean {
  return password.length >= 8 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && /[^\p{L}\p{N}\s]/u.test(password)
}
