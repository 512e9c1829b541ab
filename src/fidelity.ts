/**
 * Every behaviour of the mock that no capture of the real service confirms lives here, and only here.
 *
 * `docs/WIRE.md` marks such behaviours `[I]`. Each choice below names why it was made, and the README's
 * "Fidelity" section lists them. Change a behaviour here and every operation follows.
 */

// ---------------------------------------------------------------------------------------------------
// Protocol
// ---------------------------------------------------------------------------------------------------

/**
 * The inferred behaviours, by name. Read-only: it documents what the mock does.
 *
 * @example
 * import { fidelity } from 'cognito-device-mock'
 * expect(error.message).toBe(fidelity.invalidPaginationToken.message)
 */
export const fidelity = {
  /** WIRE §2 [I status]: AWS JSON services answer an unknown target (and a wrong content type) with 400. */
  unknownOperation: { type: 'UnknownOperationException', status: 400 },

  /**
   * WIRE §2 [I]: malformed JSON, a body that is not an object, or a member of the wrong JSON type.
   * The messages follow the Coral deserializer's wording seen from other AWS JSON services
   * (`STRING_VALUE can not be converted to an Integer`, `Start of structure or map found where not expected.`).
   */
  serialization: {
    type: 'SerializationException',
    status: 400,
    malformedJson: 'Unexpected character found in the request body: the body is not valid JSON.',
    notAnObject: 'Expected start of structure or map.',
    startOfStructure: 'Start of structure or map found where not expected.',
    startOfList: 'Start of list found where not expected.',
    cannotConvert: (jsonKind: 'STRING_VALUE' | 'NUMBER_VALUE' | 'BOOLEAN_VALUE', target: string) =>
      `${jsonKind} can not be converted to ${/^[AEIOU]/.test(target) ? 'an' : 'a'} ${target}`,
  },

  /** WIRE §2 [I body]: the front door's answer to an admin call without SigV4. Status as other JSON services. */
  missingAuthentication: {
    type: 'MissingAuthenticationTokenException',
    status: 400,
    message: 'Missing Authentication Token',
  },

  /**
   * [I] CORS: Cognito answers browsers directly (Amplify calls it from pages), so every answer allows any
   * origin and exposes the headers SDKs read; a preflight (OPTIONS) is answered 200.
   */
  cors: {
    allowOrigin: '*',
    exposeHeaders: 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
    allowHeaders: 'content-type,x-amz-target,x-amz-user-agent,authorization,x-amz-date,x-amz-content-sha256,x-amz-security-token,amz-sdk-invocation-id,amz-sdk-request,cache-control',
    maxAgeSeconds: 86400,
  },

  /** Status of the SigV4 failures (IncompleteSignature, InvalidSignature, UnrecognizedClient) [I]. */
  signatureFailureStatus: 400,

  /**
   * A known Cognito operation the mock does not implement. Not a real Cognito answer: it must be loud so
   * that nobody mistakes it for the service, and it must never reach AWS.
   */
  notImplemented: { type: 'CognitoDeviceMock#NotImplemented', status: 501 },

  // -------------------------------------------------------------------------------------------------
  // Validation
  // -------------------------------------------------------------------------------------------------

  /**
   * Order of the values in `Member must satisfy enum value set: [...]`. The one real sample found
   * (`MfaConfiguration`: `[OPTIONAL, OFF, ON]` for a model order `OFF, ON, OPTIONAL`) is the iteration
   * order of a Java `HashSet`, so the mock prints enums in that order: `[not_remembered, remembered]`.
   */
  enumOrder: 'java-hash-set' as 'java-hash-set' | 'model',

  /**
   * Per member, the length constraint is reported before the pattern. One item per failed constraint,
   * members in the model's order.
   */
  constraintOrder: ['required', 'type', 'length', 'range', 'pattern', 'enum'] as const,

  /**
   * The model marks AccessToken optional for GetDevice and ForgetDevice, but the real service answers a
   * missing one with `Value at 'accessToken' failed to satisfy constraint: Member must not be null` (WIRE §2).
   */
  serverRequiredMembers: {
    GetDevice: ['AccessToken'],
    ForgetDevice: ['AccessToken'],
  } as Record<string, readonly string[]>,

  // -------------------------------------------------------------------------------------------------
  // Listing
  // -------------------------------------------------------------------------------------------------

  /** WIRE §3 [I]: no documented default page size. 60, the maximum, is what Amplify and the SDKs send. */
  defaultListLimit: 60,

  /** WIRE §3 [I]: `Limit: 0` is valid in the model; the mock treats it like an absent Limit. */
  zeroLimitMeansDefault: true,

  /** [I] Devices are listed oldest first (by creation), so new devices appear on later pages, never earlier. */
  listOrder: 'creation-ascending' as const,

  /** WIRE §3 [I]: a tampered, foreign or stale pagination token. */
  invalidPaginationToken: { type: 'InvalidParameterException', message: 'Invalid pagination token.' },

  // -------------------------------------------------------------------------------------------------
  // Devices
  // -------------------------------------------------------------------------------------------------

  /** WIRE §5 [I for AdminListDevices]: admin operations show devices whether remembered or not. */
  adminSeesNotRemembered: true,

  /**
   * [I] The model lists no UserNotFoundException for AdminGetDevice and AdminListDevices, so an unknown user
   * there is a ResourceNotFoundException (the user is the resource that is missing).
   */
  adminUnknownUserWithoutModeledError: { type: 'ResourceNotFoundException', message: 'User does not exist.' },

  /** [I] UpdateDeviceStatus without DeviceRememberedStatus changes nothing and answers `{}`. */
  updateWithoutStatusIsNoop: true,

  /** [I] Every UpdateDeviceStatus that names a status moves DeviceLastModifiedDate, even to the same status. */
  updateAlwaysTouchesModifiedDate: true,

  /** [I] ConfirmDevice on a key that is already confirmed. */
  deviceKeyExists: { type: 'DeviceKeyExistsException', message: 'Device key already exists.' },

  /** [I] ConfirmDevice when the pool does not track devices (device remembering "off"). */
  deviceTrackingOff: {
    type: 'InvalidParameterException',
    message: 'Device tracking is not enabled for this user pool.',
  },

  // -------------------------------------------------------------------------------------------------
  // Users (messages Cognito uses on sign-in; on the device API they are [I])
  // -------------------------------------------------------------------------------------------------

  userMessages: {
    notFound: 'User does not exist.',
    disabled: 'User is disabled.',
    notConfirmed: 'User is not confirmed.',
    passwordResetRequired: 'Password reset required for the user',
  },

  /**
   * [I] An access token whose pool lives in another region than the endpoint that received it is as
   * unknown to that endpoint as garbage: `Invalid Access Token`.
   */
  crossRegionTokenIsInvalid: true,
} as const

export type Fidelity = typeof fidelity
