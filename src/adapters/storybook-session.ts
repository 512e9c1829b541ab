import { writeClientSession } from '../handle/client-storage.ts'
import type { PageSignIn } from '../handle/page-sign-in.ts'
import { pageSignIns } from '../handle/page-sign-in.ts'
import type { CognitoMock, SignedInSession } from '../handle/types.ts'
import { fail, reason } from '../lib/errors.ts'

/**
 * `parameters.cognito.signedInAs`: the story starts signed in, as the app's client would find itself after a
 * sign-in. `true` for the story's user (`user.username`, else the pool's first), a username, or options:
 * `{ username, device: 'remembered', storage: 'sessionStorage' }`.
 *
 * @example
 * parameters: { cognito: { signedInAs: { device: 'remembered' } } } // the story's user, on a remembered device
 */
export type StorySignedInAs = true | string | (Omit<PageSignIn, 'username' | 'poolId'> & { username?: string })

/**
 * Signs the story's user in (`mock.signInAs()` in the story's own mock) and writes the session where the app's
 * client reads it (`localStorage` unless `storage` says otherwise). Returns the session and what removes it,
 * which the story's cleanup calls.
 *
 * @example
 * const { session, remove } = await signInStory(mock, 'pages--account', pool.id, 'ada', { device: 'remembered' })
 */
export async function signInStory(
  mock: CognitoMock,
  id: string,
  poolId: string,
  username: string,
  signedInAs: StorySignedInAs,
): Promise<{ session: SignedInSession; remove: () => void }> {
  const where = `story "${id}" (parameters.cognito.signedInAs)`
  const given = signedInAs === true ? { username } : typeof signedInAs === 'string' ? { username: signedInAs } : { username, ...signedInAs }
  if ('poolId' in given) fail(`${where}: the pool is the story's (user.poolId), not signedInAs.poolId.`)
  const [spec] = pageSignIns(given, where)
  const { username: name, storage = 'localStorage', poolId: _poolId, ...options } = spec!
  let session: SignedInSession
  try {
    session = await mock.signInAs(poolId, name, options)
  } catch (error) {
    fail(`${where}: ${reason(error)}`, Error, { cause: error })
  }
  return { session, remove: writeClientSession(session, storage, globalThis) }
}
