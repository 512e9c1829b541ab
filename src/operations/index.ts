import { authOperationNames, operationModels, type DeviceOperationName, type OperationName } from '../model/exceptions.ts'
import type { OperationContext } from './context.ts'
import { adminForgetDevice } from './admin-forget-device.ts'
import { adminGetDevice } from './admin-get-device.ts'
import { adminListDevices } from './admin-list-devices.ts'
import { adminUpdateDeviceStatus } from './admin-update-device-status.ts'
import { confirmDevice } from './confirm-device.ts'
import { forgetDevice } from './forget-device.ts'
import { getDevice } from './get-device.ts'
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts'
import { getUser } from './get-user.ts'
import { globalSignOut } from './global-sign-out.ts'
import { initiateAuth } from './initiate-auth.ts'
import { respondToAuthChallenge } from './respond-to-auth-challenge.ts'
import { revokeToken } from './revoke-token.ts'
import { listDevices } from './list-devices.ts'
import { updateDeviceStatus } from './update-device-status.ts'

export type Operation = (ctx: OperationContext, input: any) => Promise<unknown>

/** Every operation the mock answers, by its wire name: the nine device operations, then sign-in's. */
export const operations: Record<OperationName, Operation> = {
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
