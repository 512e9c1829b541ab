import type { OperationContext } from '../state/context.ts'
import type { AdminCreateUserRequest, AdminCreateUserResponse } from '../model/operation-types.generated.ts'
import { fidelity } from '../fidelity.ts'
import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import { passwordPolicyOf } from '../state/pool-settings.ts'
import type { UserPoolRecord } from '../state/types.ts'
import { checkNameFree, createUser, newUserName, temporaryPassword } from '../auth/accounts.ts'
import { checkRequired, checkSchema } from '../auth/attributes.ts'
import { sendInvitation } from '../auth/codes.ts'
import { checkPassword } from '../auth/password-policy.ts'
import { takeAlias } from './alias-claim.ts'
import { adminPool, adminUser } from './auth.ts'
import { userType } from './user-type.ts'

/**
 * A user an admin creates: FORCE_CHANGE_PASSWORD with a temporary password (given, or generated) that the
 * invitation carries into the outbox, so that sign-in meets NEW_PASSWORD_REQUIRED [C]. `MessageAction: 'SUPPRESS'`
 * sends nothing; `'RESEND'` gives an existing FORCE_CHANGE_PASSWORD user a new temporary password and window [C].
 * Mediums default to SMS [C: the model]; [I] without a phone number the invitation goes by email.
 */
export async function adminCreateUser(ctx: OperationContext, input: AdminCreateUserRequest): Promise<AdminCreateUserResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  if (input.MessageAction === 'RESEND') return resend(ctx, pool, input)
  const attributes = input.UserAttributes ?? []
  checkSchema(pool, attributes)
  const name = newUserName(pool, input.Username)
  checkNameFree(ctx, pool, name, 'AdminCreateUser')
  checkRequired(pool, attributes, name.from ? [name.from.name] : [])
  const password = passwordFor(ctx, pool, input.TemporaryPassword)
  const mediums = mediumsFor(input, attributes.find((a) => a.Name === 'email')?.Value || name.from?.name === 'email', attributes.find((a) => a.Name === 'phone_number')?.Value || name.from?.name === 'phone_number')
  claimVerifiedAliases(ctx, pool, attributes, input.ForceAliasCreation === true)
  const user = createUser(ctx, pool, { name, attributes, status: 'FORCE_CHANGE_PASSWORD', password })
  user.temporaryPasswordAt = ctx.clock.now()
  if (input.MessageAction !== 'SUPPRESS') for (const medium of mediums) sendInvitation(ctx, { pool, user, medium, password })
  return { User: userType(user) }
}

function resend(ctx: OperationContext, pool: UserPoolRecord, input: AdminCreateUserRequest): AdminCreateUserResponse {
  const user = adminUser(ctx, pool, input.Username, true)
  if (user.status !== 'FORCE_CHANGE_PASSWORD') throw new CognitoError('UnsupportedUserStateException', fidelity.lifecycleMessages.resendNotForceChange)
  const password = passwordFor(ctx, pool, input.TemporaryPassword)
  const mediums = mediumsFor(input, user.email !== '', user.phoneNumber !== undefined)
  user.password = password
  user.temporaryPasswordAt = ctx.clock.now()
  user.modifiedAt = ctx.clock.now()
  for (const medium of mediums) sendInvitation(ctx, { pool, user, medium, password })
  return { User: userType(user) }
}

function passwordFor(ctx: OperationContext, pool: UserPoolRecord, given: string | undefined): string {
  if (given === undefined || given === '') return temporaryPassword(ctx, passwordPolicyOf(pool).minimumLength)
  checkPassword(pool, given)
  return given
}

/** The invitation's mediums; one the user has no attribute for is refused [C for email]. */
function mediumsFor(input: AdminCreateUserRequest, hasEmail: unknown, hasPhone: unknown): ('SMS' | 'EMAIL')[] {
  const asked = input.DesiredDeliveryMediums
  if (asked === undefined || asked.length === 0) return hasPhone ? ['SMS'] : hasEmail ? ['EMAIL'] : []
  const mediums = [...new Set(asked)]
  if (mediums.includes('EMAIL') && !hasEmail) throw new CognitoError('InvalidParameterException', wire.lifecycle.noEmailForEmailDelivery)
  if (mediums.includes('SMS') && !hasPhone) throw new CognitoError('InvalidParameterException', fidelity.lifecycleMessages.noPhoneForSms)
  return mediums
}

/** An email or phone number given as verified that another user signs in with: AliasExistsException unless forced [C]. */
function claimVerifiedAliases(ctx: OperationContext, pool: UserPoolRecord, attributes: AdminCreateUserRequest['UserAttributes'] & object, force: boolean): void {
  for (const name of ['email', 'phone_number'] as const) {
    const verified = attributes.find((a) => a.Name === `${name}_verified`)?.Value?.toLowerCase() === 'true'
    if (verified) takeAlias(ctx, pool, name, attributes.find((a) => a.Name === name)?.Value, force)
  }
}
