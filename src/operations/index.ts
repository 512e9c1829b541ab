import { deviceOperations } from '../model/service-model.generated.ts'
import type { DeviceOperationName } from '../model/exceptions.ts'
import type { OperationContext } from './context.ts'
import { adminForgetDevice } from './admin-forget-device.ts'
import { adminGetDevice } from './admin-get-device.ts'
import { adminListDevices } from './admin-list-devices.ts'
import { adminUpdateDeviceStatus } from './admin-update-device-status.ts'
import { confirmDevice } from './confirm-device.ts'
import { forgetDevice } from './forget-device.ts'
import { getDevice } from './get-device.ts'
import { listDevices } from './list-devices.ts'
import { updateDeviceStatus } from './update-device-status.ts'

export type Operation = (ctx: OperationContext, input: any) => Promise<unknown>

/** The nine device operations by their wire name. */
export const operations: Record<DeviceOperationName, Operation> = {
  GetDevice: getDevice,
  AdminGetDevice: adminGetDevice,
  ListDevices: listDevices,
  AdminListDevices: adminListDevices,
  ForgetDevice: forgetDevice,
  AdminForgetDevice: adminForgetDevice,
  UpdateDeviceStatus: updateDeviceStatus,
  AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
  ConfirmDevice: confirmDevice,
}

/** User operations are unsigned (`authtype: none` in the model); the others need SigV4 (WIRE §1). */
export function isSignedOperation(name: DeviceOperationName): boolean {
  return (deviceOperations[name] as { authtype?: string }).authtype !== 'none'
}

export function isDeviceOperation(name: string): name is DeviceOperationName {
  return Object.hasOwn(operations, name)
}

export type { OperationContext }
