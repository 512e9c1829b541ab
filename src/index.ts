export { createCognitoMock } from './mock.ts'
export type {
  ScenarioInput,
  CognitoMock,
  CognitoMockOptions,
  SnapshotOptions,
  CreateDeviceInput,
  CreatePoolInput,
  CreateUserInput,
  IssueTokenInput,
  SignInInput,
} from './mock.ts'
export type { AuthenticationResult } from './auth/results.ts'
export type { CreateClientInput } from './auth/clients.ts'
export { secretHash } from './auth/clients.ts'
export type {
  AppClientRecord,
  AuthSessionRecord,
  RefreshTokenRecord,
  DeviceRecord,
  DeviceRemembering,
  DeviceRememberedStatus,
  ExactPosition,
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
export { CognitoError, authOperationNames, deviceOperationNames, modeledErrors, modeledExceptionNames, operationNames } from './model/exceptions.ts'
export type { AuthOperationName, CognitoErrorName, DeviceOperationName, ModeledExceptionName, OperationName } from './model/exceptions.ts'
export { fidelity } from './fidelity.ts'
export { presets } from './scenarios/presets.ts'
export { messageFor, exceptionCatalogue } from './scenarios/messages.ts'
export type { Scenario, ScenarioAnswer, ScenarioRule, RequestRecord } from './scenarios/types.ts'
export { scenarioControl, readStartupSettings, parseScenarioValue, CONTROL_KEYS } from './scenarios/control.ts'
export type { ScenarioControl, StartupSettings } from './scenarios/control.ts'
