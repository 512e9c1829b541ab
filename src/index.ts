export { createCognitoMock } from './mock.ts'
export type {
  CognitoMock,
  CognitoMockOptions,
  SnapshotOptions,
  CreateDeviceInput,
  CreatePoolInput,
  CreateUserInput,
  IssueTokenInput,
  SignInInput,
  SignInAsOptions,
  SignedInSession,
} from './handle/types.ts'
export type { AuthenticationResult } from './auth/results.ts'
export { writeClientSession, type SessionCookie, type SessionStorageKind, type SessionTargets } from './handle/client-storage.ts'
export type { PageSignIn } from './handle/page-sign-in.ts'
export type { CreateClientInput } from './state/clients.ts'
export type { OutboxFilter } from './state/outbox.ts'
export { secretHash } from './auth/clients.ts'
export type {
  AppClientRecord,
  AuthSessionRecord,
  RefreshTokenRecord,
  DeviceRecord,
  DeviceRemembering,
  DeviceRememberedStatus,
  ExactPosition,
  MfaFactor,
  MfaMode,
  OutboxMessage,
  OutboxPurpose,
  PasswordPolicyRecord,
  PendingDeviceRecord,
  PoolMfaRecord,
  PrunedRecordsSnapshot,
  RecoveryOption,
  SignInAlias,
  StoreSnapshot,
  UserCodeRecord,
  UserMfaRecord,
  UserPoolRecord,
  UserRecord,
  UserStatus,
  VerifiableAttribute,
} from './state/types.ts'
export type { PoolSettingsSpec } from './state/pool-settings.ts'
export type { PoolMfaSpec, UserMfaSpec } from './state/world-mfa.ts'
export type {
  CountRange,
  DateInput,
  DeviceFactoryContext,
  DeviceSpec,
  PoolFactoryContext,
  PoolSpec,
  UserFactoryContext,
  UserSpec,
  WorldOptions,
} from './state/world-spec.ts'
export type { ClockMode, Duration } from './state/clock.ts'
export type { Seed } from './state/seed.ts'
export type { AwsCredentials } from './protocol/sigv4.ts'
export type { AccessTokenClaims } from './state/tokens.ts'
export { CognitoError, authOperationNames, deviceOperationNames, modeledErrors, modeledExceptionNames, operationNames } from './model/exceptions.ts'
export type { AuthOperationName, CognitoErrorName, DeviceOperationName, ModeledExceptionName, OperationName } from './model/exceptions.ts'
export { fidelity } from './fidelity.ts'
export { messageFor, wire, type ExceptionMessage } from './model/messages.ts'
export { presets, type PresetName } from './scenarios/presets.ts'
export { exceptionCatalogue } from './scenarios/messages.ts'
export type { ActiveLayer } from './scenarios/engine.ts'
export type { Scenario, ScenarioAnswer, ScenarioInput, ScenarioName, ScenarioOption, ScenarioRule, RequestRecord } from './scenarios/types.ts'
