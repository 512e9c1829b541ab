import { fidelity } from '../fidelity.ts'
import type { GetUserPoolMfaConfigResponse, UserPoolMfaType } from '../model/operation-types.generated.ts'
import type { MfaMode, UserPoolRecord } from '../state/types.ts'

/** The wire's MfaConfiguration of each mode, and back. */
const wireMode = { off: 'OFF', optional: 'OPTIONAL', on: 'ON' } as const satisfies Record<MfaMode, UserPoolMfaType>

export const modeOf = { OFF: 'off', OPTIONAL: 'optional', ON: 'on' } as const satisfies Record<UserPoolMfaType, MfaMode>

/**
 * A pool's MFA configuration as GetUserPoolMfaConfig and SetUserPoolMfaConfig show it: a pool never configured
 * is `{"MfaConfiguration":"OFF"}` only; a factor's block only when the pool offers it (fidelity.poolMfaConfig).
 */
export function poolMfaType(pool: UserPoolRecord): GetUserPoolMfaConfigResponse {
  const config = pool.mfa
  if (!config) return { MfaConfiguration: fidelity.poolMfaConfig.neverConfigured }
  const output: GetUserPoolMfaConfigResponse = {}
  if (config.factors.includes('sms')) {
    output.SmsMfaConfiguration = {
      ...(config.smsMessage !== undefined ? { SmsAuthenticationMessage: config.smsMessage } : {}),
      ...(config.smsConfiguration !== undefined ? { SmsConfiguration: { ...config.smsConfiguration } } : {}),
    }
  }
  if (config.factors.includes('totp')) output.SoftwareTokenMfaConfiguration = { Enabled: true }
  if (config.factors.includes('email')) {
    output.EmailMfaConfiguration = {
      ...(config.emailMessage !== undefined ? { Message: config.emailMessage } : {}),
      ...(config.emailSubject !== undefined ? { Subject: config.emailSubject } : {}),
    }
  }
  output.MfaConfiguration = wireMode[config.mode]
  return output
}
