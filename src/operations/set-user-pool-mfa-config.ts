import { CognitoError } from '../model/exceptions.ts'
import { wire } from '../model/messages.ts'
import type { SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import { poolMfa } from '../state/user-lookup.ts'
import type { MfaFactor, PoolMfaRecord } from '../state/types.ts'
import { adminPool } from './auth.ts'
import { modeOf, poolMfaType } from './pool-mfa-type.ts'

/**
 * Replaces the pool's MFA configuration: what the call leaves out is off (an absent MfaConfiguration is OFF).
 * The remembered-device setting is a device setting and stays. fidelity.poolMfaConfig.
 */
export async function setUserPoolMfaConfig(ctx: OperationContext, input: SetUserPoolMfaConfigRequest): Promise<SetUserPoolMfaConfigResponse> {
  const pool = adminPool(ctx, input.UserPoolId)
  const mode = modeOf[input.MfaConfiguration ?? 'OFF']
  const sms = input.SmsMfaConfiguration
  const email = input.EmailMfaConfiguration
  const factors: MfaFactor[] = []
  if (sms) factors.push('sms')
  if (input.SoftwareTokenMfaConfiguration?.Enabled === true) factors.push('totp')
  if (email) factors.push('email')
  const anyBlock = sms !== undefined || email !== undefined || input.SoftwareTokenMfaConfiguration !== undefined
  if (mode === 'off' && anyBlock) throw new CognitoError('InvalidParameterException', wire.poolMfaConfig.offWithFactor)
  if (mode !== 'off' && factors.length === 0) throw new CognitoError('InvalidParameterException', wire.poolMfaConfig.noFactor)
  const before = poolMfa(pool)
  const config: PoolMfaRecord = { mode, factors, rememberedDevicesSkipMfa: before.rememberedDevicesSkipMfa }
  // A world's description of its users' factors stays, for the factors the pool still offers.
  if (before.userFactors !== undefined && mode !== 'off') config.userFactors = before.userFactors.filter((factor) => factors.includes(factor))
  if (sms?.SmsAuthenticationMessage !== undefined) config.smsMessage = sms.SmsAuthenticationMessage
  if (sms?.SmsConfiguration !== undefined) {
    const { SnsCallerArn, ExternalId, SnsRegion } = sms.SmsConfiguration
    config.smsConfiguration = {
      ...(SnsCallerArn !== undefined ? { SnsCallerArn } : {}),
      ...(ExternalId !== undefined ? { ExternalId } : {}),
      ...(SnsRegion !== undefined ? { SnsRegion } : {}),
    }
  }
  if (email?.Message !== undefined) config.emailMessage = email.Message
  if (email?.Subject !== undefined) config.emailSubject = email.Subject
  pool.mfa = config
  return poolMfaType(pool)
}
