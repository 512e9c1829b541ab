import { authOperationNames, operationModels, type DeviceOperationName, type OperationName } from '../model/exceptions.ts'
import type { InputOf, OutputOf } from '../model/operation-types.generated.ts'
import type { OperationContext } from '../state/context.ts'
import { adminForgetDevice } from './admin-forget-device.ts'
import { adminGetDevice } from './admin-get-device.ts'
import { adminGetUser } from './admin-get-user.ts'
import { adminListDevices } from './admin-list-devices.ts'
import { adminSetUserMfaPreference } from './admin-set-user-mfa-preference.ts'
import { adminUpdateDeviceStatus } from './admin-update-device-status.ts'
import { associateSoftwareToken } from './associate-software-token.ts'
import { confirmDevice } from './confirm-device.ts'
import { forgetDevice } from './forget-device.ts'
import { getDevice } from './get-device.ts'
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts'
import { getUser } from './get-user.ts'
import { getUserPoolMfaConfig } from './get-user-pool-mfa-config.ts'
import { globalSignOut } from './global-sign-out.ts'
import { initiateAuth } from './initiate-auth.ts'
import { respondToAuthChallenge } from './respond-to-auth-challenge.ts'
import { revokeToken } from './revoke-token.ts'
import { setUserMfaPreference } from './set-user-mfa-preference.ts'
import { setUserPoolMfaConfig } from './set-user-pool-mfa-config.ts'
import { listDevices } from './list-devices.ts'
import { updateDeviceStatus } from './update-device-status.ts'
import { verifySoftwareToken } from './verify-software-token.ts'
import { adminConfirmSignUp } from './admin-confirm-sign-up.ts'
import { adminCreateUser } from './admin-create-user.ts'
import { adminResetUserPassword } from './admin-reset-user-password.ts'
import { adminSetUserPassword } from './admin-set-user-password.ts'
import { adminDeleteUserAttributes, adminUpdateUserAttributes } from './admin-user-attributes.ts'
import { adminDeleteUser, adminDisableUser, adminEnableUser, adminUserGlobalSignOut } from './admin-user-state.ts'
import { changePassword } from './change-password.ts'
import { confirmForgotPassword } from './confirm-forgot-password.ts'
import { confirmSignUp } from './confirm-sign-up.ts'
import { deleteUser } from './delete-user.ts'
import { deleteUserAttributes } from './delete-user-attributes.ts'
import { forgotPassword } from './forgot-password.ts'
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code.ts'
import { listUsers } from './list-users.ts'
import { resendConfirmationCode } from './resend-confirmation-code.ts'
import { signUp } from './sign-up.ts'
import { updateUserAttributes } from './update-user-attributes.ts'
import { verifyUserAttribute } from './verify-user-attribute.ts'

/** Operation `K` as a function: its validated request in, its response out (`void`: an empty body). */
export type Operation<K extends OperationName> = (ctx: OperationContext, input: InputOf<K>) => Promise<OutputOf<K>>

/** Every operation the mock answers, by its wire name: the nine device operations, then sign-in's, MFA's and the user lifecycle's. */
export const operations: { readonly [K in OperationName]: Operation<K> } = {
  GetDevice: getDevice,
  AdminGetDevice: adminGetDevice,
  ListDevices: listDevices,
  AdminListDevices: adminListDevices,
  ForgetDevice: forgetDevice,
  AdminForgetDevice: adminForgetDevice,
  UpdateDeviceStatus: updateDeviceStatus,
  AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
  ConfirmDevice: confirmDevice,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  GetUser: getUser,
  GlobalSignOut: globalSignOut,
  RevokeToken: revokeToken,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  SetUserMFAPreference: setUserMfaPreference,
  AdminSetUserMFAPreference: adminSetUserMfaPreference,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  AdminGetUser: adminGetUser,
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  AdminConfirmSignUp: adminConfirmSignUp,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ChangePassword: changePassword,
  AdminResetUserPassword: adminResetUserPassword,
  AdminSetUserPassword: adminSetUserPassword,
  UpdateUserAttributes: updateUserAttributes,
  VerifyUserAttribute: verifyUserAttribute,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  DeleteUserAttributes: deleteUserAttributes,
  DeleteUser: deleteUser,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  ListUsers: listUsers,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
}

/**
 * Runs operation `name`. A caller holding a union of names (the pipeline) cannot call `operations[name]`
 * directly: TypeScript would demand an input fitting every operation at once. Generic over `K`, the
 * lookup is `Operation<K>`, and the pairing of `name` with `input` is checked where the input was
 * made (`validateInput(name, body)` returns `InputOf<K>`).
 *
 * @example
 * const output = await runOperation(name, ctx, validateInput(name, body))
 */
export function runOperation<K extends OperationName>(name: K, ctx: OperationContext, input: InputOf<K>): Promise<OutputOf<K>> {
  const operation: Operation<K> = operations[name]
  return operation(ctx, input)
}

/** User operations are unsigned (`authtype: none` in the model); the others need SigV4 (WIRE §1). */
export function isSignedOperation(name: OperationName): boolean {
  return operationModels[name].authtype !== 'none'
}

/** One of the nine device operations. */
export function isDeviceOperation(name: string): name is DeviceOperationName {
  return Object.hasOwn(operations, name) && !(authOperationNames as readonly string[]).includes(name)
}

/** Any operation the mock answers. */
export function isImplementedOperation(name: string): name is OperationName {
  return Object.hasOwn(operations, name)
}

export type { OperationContext }
