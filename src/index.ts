export { createCognitoMock } from './mock.ts'
export type {
  ScenarioInput,
  CognitoMock,
  CognitoMockOptions,
  CreateDeviceInput,
  CreatePoolInput,
  CreateUserInput,
  IssueTokenInput,
} from './mock.ts'
export type {
  DeviceRecord,
  DeviceRemembering,
  DeviceRememberedStatus,
  PendingDeviceRecord,
  StoreSnapshot,
  UserPoolRecord,
  UserRecord,
  UserStatus,
} from './state/types.ts'
export type { WorldOptions } from './state/world.ts'
export type { ClockMode, Duration } from './state/clock.ts'
export type { Seed } from './state/random.ts'
export type { AwsCredentials } from './protocol/sigv4.ts'
export type { AccessTokenClaims } from './state/tokens.ts'
export { CognitoError, deviceOperationNames, modeledErrors, modeledExceptionNames } from './model/exceptions.ts'
export type { CognitoErrorName, DeviceOperationName, ModeledExceptionName } from './model/exceptions.ts'
export { fidelity } from './fidelity.ts'
export { presets } from './scenarios/presets.ts'
export { messageFor, exceptionCatalogue } from './scenarios/messages.ts'
export type { Scenario, ScenarioAnswer, ScenarioRule, RequestRecord } from './scenarios/types.ts'
export { scenarioControl, readStartupSettings, parseScenarioValue, CONTROL_KEYS } from './scenarios/control.ts'
export type { ScenarioControl, StartupSettings } from './scenarios/control.ts'
