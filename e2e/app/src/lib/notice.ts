import type { Device } from './devices.ts'
import type { DeviceError } from './errors.ts'

export type DeviceAction = 'forget' | 'unremember' | 'undo'

/** What is happening to a device right now (its buttons are disabled meanwhile). */
export type PendingAction = 'forget' | 'unremember'

/** The one-line message above the list after an action. */
export type Notice =
  /** Un-remembered: gone from the list (ListDevices shows remembered devices only), with an Undo. */
  | { kind: 'unremembered'; device: Device; undoing?: boolean }
  /** Undo worked: remembered again and back in the list. */
  | { kind: 'restored'; device: Device }
  | { kind: 'forgotten'; device: Device }
  /** The device no longer exists (ResourceNotFoundException): removed from the list. */
  | { kind: 'gone'; device: Device }
  /** The action failed for a transient reason; the list is unchanged and the action can be retried. */
  | { kind: 'action-failed'; device: Device; action: DeviceAction; error: DeviceError; retrying?: boolean }
