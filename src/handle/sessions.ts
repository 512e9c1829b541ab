import { deviceWithSecret } from '../auth/devices.ts'
import { signInResult } from '../auth/results.ts'
import { fidelity } from '../fidelity.ts'
import { fail } from '../lib/errors.ts'
import { unverifiedClaims } from '../lib/jwt.ts'
import type { Runtime } from '../state/runtime.ts'
import type { DeviceRememberedStatus } from '../state/types.ts'
import { clientStorageEntries, sessionCookies } from './client-storage.ts'
import { signInParties } from './tokens.ts'
import type { CognitoMock, SignInAsOptions, SignedInSession } from './types.ts'

const deviceChoices = ['new', 'remembered', 'not_remembered'] as const

/**
 * `cognito.signInAs()`: a signed-in session as data. The user is signed in from code (the checks of `cognito.signIn`), from a
 * device the mock creates with a secret it hands back when asked, and the result is what the clients would have
 * stored after a real sign-in: the storage entries and cookies, ready to be put where the app's client reads them.
 *
 * @example
 * const signInAs = signInAsHandle(runtime)
 * const session = await signInAs(pool.id, 'ada', { device: 'remembered' })
 * for (const [key, value] of Object.entries(session.storage)) localStorage.setItem(key, value)
 */
export function signInAsHandle(runtime: Runtime): CognitoMock['signInAs'] {
  return async function signInAs(poolId, username, options = {}) {
    const { pool, user, client: appClient } = signInParties(runtime.store, poolId, username, options.clientId === undefined ? {} : { clientId: options.clientId }, 'signInAs')
    const { device: deviceChoice = false, client = 'amplify' } = options
    if (deviceChoice !== false && !(deviceChoices as readonly unknown[]).includes(deviceChoice)) {
      fail(`signInAs: device must be ${deviceChoices.map((c) => `"${c}"`).join(', ')} or false, got ${JSON.stringify(deviceChoice)}.`)
    }
    if (client !== 'amplify' && client !== 'identity-js') fail(`signInAs: client must be "amplify" or "identity-js", got ${JSON.stringify(client)}.`)
    if (deviceChoice !== false && pool.deviceRemembering === 'off') {
      fail(`signInAs: pool ${pool.id} does not track devices (deviceRemembering "off"), so no device can be remembered: leave out device.`)
    }
    let device: SignedInSession['device']
    if (deviceChoice !== false) {
      const rememberedStatus: DeviceRememberedStatus =
        deviceChoice === 'new' ? (pool.deviceRemembering === 'always' ? 'remembered' : 'not_remembered') : deviceChoice
      const made = await deviceWithSecret(runtime.context(undefined), pool, user, {
        rememberedStatus,
        ...(options.deviceName !== undefined ? { name: options.deviceName } : {}),
      })
      device = { key: made.device.key, groupKey: made.device.groupKey, randomPassword: made.randomPassword, rememberedStatus }
    }
    // Straight to the tokens, as `signIn` does, but without handing out a new device key: a session without a
    // device has no device_key in its tokens, as after a sign-in whose client kept no device.
    const result = await signInResult(runtime.context(undefined), { pool, client: appClient, user, ...(device ? { deviceKey: device.key } : {}) })
    const clientId = appClient.clientId
    const iat = Number(unverifiedClaims(result.AccessToken!)?.iat)
    const wallNow = Date.now()
    // Each client's own convention for the same key: Amplify v6 keeps iat − now in ms, identity-js now − iat in s.
    const clockDrift = client === 'amplify' ? iat * 1000 - wallNow : Math.floor(wallNow / 1000) - iat
    const values = {
      clientId,
      username: user.username,
      accessToken: result.AccessToken!,
      idToken: result.IdToken!,
      refreshToken: result.RefreshToken!,
      clockDrift,
      signInDetails: { loginId: options.loginId ?? user.username, authFlowType: fidelity.clientSession.authFlowType },
      ...(device ? { device } : {}),
    }
    const storage = clientStorageEntries(values)
    return {
      poolId: pool.id,
      clientId,
      username: user.username,
      accessToken: values.accessToken,
      idToken: values.idToken,
      refreshToken: values.refreshToken,
      ...(device ? { device } : {}),
      storage,
      cookies: sessionCookies(storage, wallNow),
    }
  }
}
