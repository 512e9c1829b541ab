import { challengeOf, usableFactors } from '../auth/mfa.ts'
import { fidelity } from '../fidelity.ts'
import type { GetUserResponse } from '../model/operation-types.generated.ts'
import type { UserPoolRecord, UserRecord } from '../state/types.ts'

/**
 * A user's second factors as GetUser and AdminGetUser show them (fidelity.userView); their attributes are
 * `userAttributes` (state/user-lookup.ts).
 */

/** UserMFASettingList and PreferredMfaSetting when there are some; MFAOptions for the legacy SMS case. */
export function userMfaFields(pool: UserPoolRecord, user: UserRecord): Pick<GetUserResponse, 'MFAOptions' | 'PreferredMfaSetting' | 'UserMFASettingList'> {
  const enabled = user.mfa?.enabled ?? []
  const fields: Pick<GetUserResponse, 'MFAOptions' | 'PreferredMfaSetting' | 'UserMFASettingList'> = {}
  if (fidelity.userView.legacyMfaOptions && isLegacySms(pool, user)) {
    fields.MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]
  }
  if (user.mfa?.preferred !== undefined) fields.PreferredMfaSetting = challengeOf[user.mfa.preferred]
  if (enabled.length > 0 || fields.MFAOptions) fields.UserMFASettingList = enabled.map((factor) => challengeOf[factor])
  return fields
}

/** SMS_MFA by the legacy rule (an `on` pool, a phone number, no usable factor of the user's own): fidelity.mfaChoice. */
function isLegacySms(pool: UserPoolRecord, user: UserRecord): boolean {
  return usableFactors(pool, user).includes('sms') && !(user.mfa?.enabled ?? []).includes('sms')
}
