import { fidelity } from '../fidelity.ts'
import { deviceOperationNames, operationNames, type DeviceOperationName, type ModeledExceptionName, type OperationName } from './exceptions.ts'

/**
 * Every message the mock puts on the wire, in one catalogue. Messages a capture of the real service confirms
 * are written here (docs/WIRE.md names the capture); inferred ones are `fidelity` entries, referenced here so
 * that an operation reads every message from one place and a fidelity choice stays in `src/fidelity.ts`.
 *
 * @example
 * throw new CognitoError('ResourceNotFoundException', wire.deviceNotFound)
 */
export const wire = {
  /** WIRE §2: any device operation, unknown or foreign device key. */
  deviceNotFound: 'Device does not exist.',
  /** WIRE §2: admin operations and the JWKS document, unknown pool (or a pool of another region). */
  poolNotFound: (poolId: string) => `User pool ${poolId} does not exist.`,
  /** WIRE §5: a sign-in call naming an unknown app client. */
  clientNotFound: (clientId: string) => `User pool client ${clientId} does not exist.`,
  /** WIRE §5: wrong password, unknown user under PreventUserExistenceErrors, forged proof. */
  incorrectCredentials: 'Incorrect username or password.',
  /** WIRE §3: the access-token checks, in Cognito's order. */
  token: {
    invalid: 'Invalid Access Token',
    expired: 'Access Token has expired',
    revoked: 'Access Token has been revoked',
    missingScope: 'Access Token does not have required scopes',
  },
  /** HTTP 500, as every AWS JSON service words it. */
  internalError: 'An internal error occurred.',
  /** User-state errors ([I] where the device API reuses the sign-in wording: fidelity.userMessages). */
  user: fidelity.userMessages,
  /** WIRE §8.7.2: (Admin)SetUserMFAPreference, any SMSMfaSettings for a user without a phone number. */
  mfaPreference: {
    noPhone: 'User does not have a phone_number set to turn on SMS MFA',
  },
  /** WIRE §8.7.2: SetUserPoolMfaConfig (a real-AWS repro): OFF with a factor; ON or OPTIONAL without one. */
  poolMfaConfig: {
    offWithFactor: "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    noFactor: 'Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.',
  },
  /** WIRE §10.1.1: the user lifecycle's confirmed wording (sources there). */
  lifecycle: {
    usernameExists: 'User already exists',
    adminUsernameExists: 'User account already exists',
    usernameAttributeExists: (attribute: 'email' | 'phone_number') => `An account with the given ${attribute} already exists.`,
    aliasExists: (attribute: 'email' | 'phone_number') => `An account with the ${attribute} already exists.`,
    signUpPasswordPrefix: 'Password did not conform with policy: ',
    codeMismatch: 'Invalid verification code provided, please try again.',
    codeExpired: 'Invalid code provided, please request a code again.',
    attemptLimit: 'Attempt limit exceeded, please try after some time.',
    cannotConfirm: (status: string) => `User cannot be confirmed. Current status is ${status}`,
    alreadyConfirmed: 'User is already confirmed.',
    clientUserNotFound: 'Username/client id combination not found.',
    noRecoveryChannel: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    cannotResetInState: 'User password cannot be reset in the current state.',
    temporaryPasswordExpired: 'Temporary password has expired and must be reset by an administrator.',
    requiredAttribute: (name: string) => `${name}: The attribute is required\n`,
    schemaPrefix: 'Attributes did not conform to the schema: ',
    unknownAttribute: (name: string) => `${name}: Attribute does not exist in the schema.\n`,
    customTypeUnknown: (name: string) => `Type for attribute {${name}} could not be determined`,
    cannotUpdate: (name: string) => `${name}: Attribute cannot be updated.\n`,
    unauthorizedWrite: 'A client attempted to write unauthorized attribute',
    notVerifiable: 'Invalid attribute name. Only phone_number and email can be verified.',
    requiredCannotBeDeleted: (name: string) => `Invalid user attributes: ${name}: Required attribute cannot be deleted.`,
    noEmailForEmailDelivery: 'No email provided but desired delivery medium was Email',
    usernameEmailOrPhone: 'Username should be either an email or a phone number.',
    usernameNotEmailForAlias: 'Username cannot be of email format, since user pool is configured for email alias.',
    filterUnparsable: 'Error while parsing filter.',
    missingRequestedAttributes: 'One or more requested attributes do not exist.',
    emailQuota:
      'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.',
  },
} as const

/**
 * The mock's own, loud answers for what it does not implement (501 `CognitoDeviceMock#NotImplemented`):
 * never a real Cognito answer, never sent to AWS.
 */
export const notImplemented = {
  operation: (name: string) =>
    `[cognito-device-mock] ${name} is a Cognito operation this mock does not implement; the request was not sent to AWS.`,
  authFlow: (flow: string) =>
    `[cognito-device-mock] InitiateAuth with AuthFlow ${flow} is not implemented by this mock (USER_SRP_AUTH, USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH are); the request was not sent to AWS.`,
  userStatus: (username: string, status: string) =>
    `[cognito-device-mock] ${username} has status ${status}, whose sign-in this mock does not implement. Set status: 'CONFIRMED' (or 'FORCE_CHANGE_PASSWORD', for the NEW_PASSWORD_REQUIRED challenge) to sign in.`,
  webAuthnMfa:
    '[cognito-device-mock] WebAuthnMfaSettings with Enabled: true (passkeys as a second factor) is not implemented by this mock; the request was not sent to AWS.',
  hostedUi: (host: string) =>
    `[cognito-device-mock] ${host} is a Cognito hosted UI / OAuth host, which this mock does not implement; the request was not sent to AWS.`,
} as const

/** The message a scripted exception carries, and whether a capture of the real service confirms it. */
export interface ExceptionMessage {
  message: string
  confirmed: boolean
}

/**
 * The message of each modeled exception when a scenario scripts it without one. `confirmed: true` only for
 * messages `docs/WIRE.md` records from the real service; the others are plausible and marked as such.
 */
const exceptionMessages: Record<ModeledExceptionName, ExceptionMessage> = {
  ResourceNotFoundException: { message: wire.deviceNotFound, confirmed: true },
  NotAuthorizedException: { message: wire.token.invalid, confirmed: true },
  UserNotFoundException: { message: wire.user.notFound, confirmed: true },
  InvalidParameterException: { message: '1 validation error detected: Value null at \'deviceKey\' failed to satisfy constraint: Member must not be null', confirmed: false },
  UserNotConfirmedException: { message: wire.user.notConfirmed, confirmed: false },
  PasswordResetRequiredException: { message: wire.user.passwordResetRequired, confirmed: false },
  TooManyRequestsException: { message: 'Rate exceeded', confirmed: false },
  InternalErrorException: { message: wire.internalError, confirmed: false },
  ForbiddenException: { message: 'Request blocked by AWS WAF.', confirmed: false },
  InvalidUserPoolConfigurationException: { message: 'User pool is not configured for this operation.', confirmed: false },
  OperationNotEnabledException: { message: 'This operation is not enabled for this user pool.', confirmed: false },
  InvalidPasswordException: { message: 'Password does not conform to policy.', confirmed: false },
  InvalidLambdaResponseException: { message: 'Invalid lambda response.', confirmed: false },
  UsernameExistsException: { message: 'User already exists', confirmed: false },
  DeviceKeyExistsException: { message: fidelity.deviceKeyExists.message, confirmed: false },
}

/** AdminListDevices has no device to miss: its ResourceNotFoundException names the pool (WIRE §2). */
const adminResourceNotFound: ExceptionMessage = { message: wire.poolNotFound('{UserPoolId}'), confirmed: true }

/**
 * What the sign-in and MFA operations say where their wording differs from the device API's (a scripted
 * NotAuthorizedException at sign-in is a wrong password, not a bad token), and their own exceptions.
 */
const signInMessages: Readonly<Record<string, ExceptionMessage>> = {
  NotAuthorizedException: { message: wire.incorrectCredentials, confirmed: true },
  CodeMismatchException: { message: fidelity.mfa.mismatch.message, confirmed: true },
  ExpiredCodeException: { message: fidelity.mfa.reused.message, confirmed: true },
  EnableSoftwareTokenMFAException: { message: fidelity.mfa.setupMismatch.message, confirmed: true },
  SoftwareTokenMFANotFoundException: { message: fidelity.softwareToken.notAssociated, confirmed: true },
  MFAMethodNotFoundException: { message: fidelity.mfaChoice.noMethod.message, confirmed: true },
  InvalidPasswordException: { message: `${fidelity.passwordPolicy.prefix}${fidelity.passwordPolicy.messages.uppercase}`, confirmed: true },
  ConcurrentModificationException: { message: 'Concurrent modification, please retry.', confirmed: false },
  FeatureUnavailableInTierException: { message: 'This feature is not available in the current feature plan.', confirmed: false },
}

/**
 * What the user lifecycle's operations say (WIRE §10.1.1) where a scripted exception names no message: the codes
 * a user types in, the name and attribute checks, the quotas. Keyed by type; `signUp` where SignUp words it apart.
 */
const lifecycleMessages: Readonly<Record<string, ExceptionMessage & { signUp?: string; admin?: string }>> = {
  CodeMismatchException: { message: wire.lifecycle.codeMismatch, confirmed: true },
  ExpiredCodeException: { message: wire.lifecycle.codeExpired, confirmed: true },
  LimitExceededException: { message: wire.lifecycle.attemptLimit, confirmed: true },
  UsernameExistsException: { message: wire.lifecycle.usernameExists, admin: wire.lifecycle.adminUsernameExists, confirmed: true },
  AliasExistsException: { message: wire.lifecycle.aliasExists('email'), confirmed: true },
  InvalidPasswordException: {
    message: `${fidelity.passwordPolicy.prefix}${fidelity.passwordPolicy.messages.length}`,
    signUp: `${wire.lifecycle.signUpPasswordPrefix}${fidelity.passwordPolicy.messages.length}`,
    confirmed: true,
  },
  UserNotFoundException: { message: wire.lifecycle.clientUserNotFound, admin: wire.user.notFound, confirmed: true },
  CodeDeliveryFailureException: { message: fidelity.codeDeliveryFailure.message, confirmed: false },
  UnsupportedUserStateException: { message: fidelity.lifecycleMessages.resendNotForceChange, confirmed: false },
  TooManyFailedAttemptsException: { message: wire.lifecycle.attemptLimit, confirmed: false },
  PasswordHistoryPolicyViolationException: { message: 'The password has already been used.', confirmed: false },
}

/** The lifecycle's operations: those the issue-14 model slice added (after AdminGetUser). */
const lifecycleOperations: ReadonlySet<string> = new Set(operationNames.slice(operationNames.indexOf('SignUp')))

/** The operations whose NotAuthorizedException is about credentials (sign-in), not an access token. */
const credentialOperations: readonly string[] = ['InitiateAuth', 'RespondToAuthChallenge']

/**
 * The default message of `type` for `operation`, as a scripted exception carries it; `undefined` for an
 * exception the mock has no wording for (the rule's answer then carries the type as its message).
 *
 * @example
 * messageFor('ListDevices', 'TooManyRequestsException') // { message: 'Rate exceeded', confirmed: false }
 * messageFor('RespondToAuthChallenge', 'CodeMismatchException') // { message: 'Invalid code or auth state for the user.', confirmed: true }
 * messageFor('ConfirmSignUp', 'CodeMismatchException') // { message: 'Invalid verification code provided, please try again.', confirmed: true }
 */
export function messageFor(operation: DeviceOperationName, type: ModeledExceptionName): ExceptionMessage
export function messageFor(operation: OperationName, type: string): ExceptionMessage | undefined
export function messageFor(operation: OperationName, type: string): ExceptionMessage | undefined {
  if (type === 'ResourceNotFoundException' && operation === 'AdminListDevices') return adminResourceNotFound
  const lifecycle = lifecycleOperations.has(operation) ? lifecycleMessages[type] : undefined
  if (lifecycle) {
    const admin = operation.startsWith('Admin') || operation === 'ListUsers'
    const message = (operation === 'SignUp' ? lifecycle.signUp : undefined) ?? (admin ? lifecycle.admin : undefined) ?? lifecycle.message
    return { message, confirmed: lifecycle.confirmed }
  }
  const device = (deviceOperationNames as readonly string[]).includes(operation)
  if (device || (type === 'NotAuthorizedException' && !credentialOperations.includes(operation))) return exceptionMessages[type as ModeledExceptionName]
  return signInMessages[type] ?? exceptionMessages[type as ModeledExceptionName]
}

/**
 * A message template with `{Member}` placeholders filled from the call's input.
 *
 * @example
 * fillMessage('User pool {UserPoolId} does not exist.', { UserPoolId: 'us-east-1_x' }) // 'User pool us-east-1_x does not exist.'
 */
export function fillMessage(template: string, input: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, member: string) => (typeof input?.[member] === 'string' ? (input[member] as string) : whole))
}
