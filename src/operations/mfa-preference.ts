import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { notImplemented, wire } from '../model/messages.ts'
import type { SetUserMFAPreferenceRequest } from '../model/operation-types.generated.ts'
import { poolMfa, userMfa } from '../state/user-lookup.ts'
import type { MfaFactor, UserMfaRecord, UserPoolRecord, UserRecord } from '../state/types.ts'

/**
 * What SetUserMFAPreference and AdminSetUserMFAPreference share: the settings of each factor, checked all
 * together before any of them changes the user (a refused call changes nothing). fidelity.mfaPreference.
 */

/** The three settings members and the factor each one sets. */
type Settings = Pick<SetUserMFAPreferenceRequest, 'SMSMfaSettings' | 'SoftwareTokenMfaSettings' | 'EmailMfaSettings' | 'WebAuthnMfaSettings'>

const MEMBERS = [
  ['sms', 'SMSMfaSettings'],
  ['totp', 'SoftwareTokenMfaSettings'],
  ['email', 'EmailMfaSettings'],
] as const satisfies readonly (readonly [MfaFactor, keyof Settings])[]

const invalid = (message: string) => new CognitoError('InvalidParameterException', message)

/**
 * Applies `settings` to `user`'s second factors, or throws without changing anything.
 *
 * @example
 * setMfaPreference(user, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }, 'user')
 */
export function setMfaPreference(pool: UserPoolRecord, user: UserRecord, settings: Settings, caller: 'user' | 'admin'): void {
  if (settings.WebAuthnMfaSettings?.Enabled === true) {
    throw new CognitoError(fidelity.notImplemented.type, notImplemented.webAuthnMfa)
  }
  const changes = MEMBERS.flatMap(([factor, member]) => {
    const setting = settings[member]
    return setting ? [{ factor, enabled: setting.Enabled, preferred: setting.PreferredMfa }] : []
  })
  for (const { factor, enabled, preferred } of changes) {
    const turnsOn = enabled !== false && (enabled === true || preferred === true)
    // [C] any SMSMfaSettings object needs a phone number, even one turning SMS off.
    if (factor === 'sms' && user.phoneNumber === undefined) throw invalid(wire.mfaPreference.noPhone)
    if (factor === 'email' && user.email === '') throw invalid(fidelity.mfaPreference.noEmail)
    if (factor === 'totp' && turnsOn && user.mfa?.totpSecret === undefined) throw invalid(fidelity.mfaPreference.totpNotVerified[caller])
  }
  if (changes.filter((change) => change.enabled !== false && change.preferred === true).length > 1) {
    throw invalid(fidelity.mfaPreference.severalPreferred)
  }
  if (changes.length === 0) return
  const mfa: UserMfaRecord = { ...userMfa(user), enabled: [...userMfa(user).enabled] }
  for (const { factor, enabled, preferred } of changes) {
    if (enabled === false) {
      mfa.enabled = mfa.enabled.filter((each) => each !== factor)
      if (mfa.preferred === factor) delete mfa.preferred
      continue
    }
    if ((enabled === true || preferred === true) && !mfa.enabled.includes(factor)) mfa.enabled.push(factor)
    if (preferred === true) mfa.preferred = factor
    else if (preferred === false && mfa.preferred === factor) delete mfa.preferred
  }
  // [C] the model: users cannot turn MFA off in a pool that requires it.
  if (poolMfa(pool).mode === 'on' && mfa.enabled.length === 0 && userMfa(user).enabled.length > 0) throw invalid(fidelity.mfaPreference.requiredByPool)
  user.mfa = mfa
}
