import type { OperationContext } from '../state/context.ts'
import type { GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse } from '../model/operation-types.generated.ts'
import { adminPool } from './auth.ts'
import { poolMfaType } from './pool-mfa-type.ts'

/** The pool's MFA mode and factors (fidelity.poolMfaConfig). */
export async function getUserPoolMfaConfig(ctx: OperationContext, input: GetUserPoolMfaConfigRequest): Promise<GetUserPoolMfaConfigResponse> {
  return poolMfaType(adminPool(ctx, input.UserPoolId))
}
