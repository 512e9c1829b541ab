import { challengeOf, usableFactors } from '../auth/mfa.ts'
import { fidelity } from '../fidelity.ts'
import type { GetUserResponse, UserType } from '../model/operation-types.generated.ts'
import { userAttributes } from '../state/user-lookup.ts'
import { epochSeconds } from './device-type.ts'
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

/**
 * A user as AdminCreateUser and ListUsers show them (UserType): name, attributes (only `names` when given), dates
 * in epoch seconds, whether enabled, status.
 *
 * @example
 * userType(user) // { Username: 'ada', Attributes: [...], UserCreateDate: 1700000000.123, …, UserStatus: 'CONFIRMED' }
 */
export function userType(user: UserRecord, names?: readonly string[]): UserType {
  const all = userAttributes(user)
  return {
    Username: user.username,
    Attributes: names === undefined ? all : all.filter((attribute) => names.includes(attribute.Name)),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt ?? user.createdAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  }
}
