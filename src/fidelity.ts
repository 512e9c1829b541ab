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
import { lifecycleFidelity } from './fidelity-lifecycle.ts'
import { mfaFidelity } from './fidelity-mfa.ts'

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

  /**
   * [I] A body whose objects and arrays nest deeper than this is refused like malformed JSON (`serialization`,
   * `malformedJson`), before any member is read. No capture shows what Cognito does (Java JSON readers such as
   * Jackson refuse nesting beyond 1,000 levels by default); the mock's own recursive walks must stay far from the
   * stack's limit in every browser. The implemented operations' deepest input (a map or structure inside the
   * request: AuthParameters, DeviceSecretVerifierConfig) is 2 levels and no Cognito input nests beyond a handful,
   * so 64 refuses nothing a client sends, only bodies built to probe.
   */
  jsonMaxDepth: 64,

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

  /**
   * [I] Request bodies above 16 MiB are refused before they are read further (Cognito's own inputs are a few
   * kilobytes; AWS front ends refuse oversized bodies with 413). The local endpoint and the in-process
   * pipeline share the bound, so a body cannot exhaust memory in either.
   */
  requestTooLarge: { status: 413, maxBytes: 16 * 1024 * 1024, message: 'Request Entity Too Large' },

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

  /**
   * [I] How long the mock remembers a refresh token or sign-in session it pruned as expired: it answers
   * `Refresh Token has expired` / `… session is expired` for 30 to 60 days of the mock's clock after the record
   * could last change an answer, then as an unknown token (`Invalid Refresh Token`) or session. Real refresh
   * tokens are encrypted and self-describing; the mock's are opaque, so remembering them forever would grow
   * memory with every sign-in.
   */
  prunedRecordsKeptFor: { days: 30 },

  /**
   * [I] A key handed out at sign-in (NewDeviceMetadata) stays confirmable until ConfirmDevice, with any access
   * token of its user. A user keeps the newest 100 unconfirmed keys: a sign-in past that drops the oldest, which
   * then answers `Device does not exist.`, so that sign-ins never confirmed cannot grow the mock without bound.
   */
  pendingDeviceKeysPerUser: 100,

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

  // -------------------------------------------------------------------------------------------------
  // Sign-in (InitiateAuth, RespondToAuthChallenge, refresh, sign-out)
  // -------------------------------------------------------------------------------------------------

  /**
   * [I] An app client without `preventUserExistenceErrors` behaves as `ENABLED`, the console's default for new
   * clients (the API's default is `LEGACY`). ENABLED: an unknown user gets a simulated PASSWORD_VERIFIER
   * challenge (stable salt and user id per name) and then `Incorrect username or password.`, as the developer
   * guide describes; LEGACY: `UserNotFoundException`.
   */
  preventUserExistenceErrorsDefault: 'ENABLED' as 'ENABLED' | 'LEGACY',

  /**
   * [I stage] An unconfirmed user (UserNotConfirmedException) and one whose password must be reset
   * (PasswordResetRequiredException) are refused by InitiateAuth, whatever the password (public reports say
   * Cognito answers UserNotConfirmedException even to a wrong password). A disabled user is refused only after
   * a correct password (`User is disabled.`); with a wrong one the answer is `Incorrect username or password.`
   * (developer guide). A FORCE_CHANGE_PASSWORD user gets NEW_PASSWORD_REQUIRED after a correct password
   * (`newPassword`). A user the mock cannot sign in with a password (ARCHIVED, COMPROMISED, UNKNOWN,
   * EXTERNAL_PROVIDER) is answered as `unsupportedSignIn` says.
   */
  signInUserStateStage: { refusedAtInitiateAuth: ['UNCONFIRMED', 'RESET_REQUIRED'], disabledAfterPassword: true } as const,

  /**
   * Not a Cognito answer: sign-in flows and user states the mock does not implement (CUSTOM_AUTH, USER_AUTH,
   * ARCHIVED, COMPROMISED and federated users) answer loudly, as
   * `notImplemented` does for operations, rather than pretend.
   */
  unsupportedSignIn: { type: 'CognitoDeviceMock#NotImplemented', status: 501 },

  /** [I] `ADMIN_*` flows sent to InitiateAuth (they belong to AdminInitiateAuth). */
  adminFlowOnInitiateAuth: { type: 'InvalidParameterException', message: 'Initiate Auth method not supported.' },

  /**
   * [I wording of the other parameters] A missing AuthParameters or ChallengeResponses entry:
   * `Missing required parameter USERNAME` (seen from the service for USERNAME and SRP_A).
   */
  missingParameter: { type: 'InvalidParameterException', message: (name: string) => `Missing required parameter ${name}` },

  /** [I] SRP_A that is not hex or is ≡ 0 mod N (the server must refuse it, RFC 5054 §2.5.4). */
  invalidSrpA: { type: 'InvalidParameterException', message: 'SRP_A is invalid.' },

  /**
   * [I] TIMESTAMP must have the clients' format (`EEE MMM d HH:mm:ss UTC yyyy`); its distance from the mock's
   * clock is not checked (the clock is logical and the clients sign with the wall clock). A malformed one:
   */
  invalidTimestamp: { type: 'InvalidParameterException', message: 'TIMESTAMP format is invalid.' },

  /**
   * Sessions: 3 minutes of the mock's clock (the developer guide's session lifetime). [I] single use: any
   * answer to a challenge spends its session, except `Device does not exist.`, which both clients answer by
   * retrying the same PASSWORD_VERIFIER without DEVICE_KEY. An unknown or spent session: `Invalid session for
   * the user.` (seen from the service); [I] an expired one: `Invalid session for the user, session is expired.`
   */
  session: {
    lifetimeMs: 180_000,
    invalid: 'Invalid session for the user.',
    expired: 'Invalid session for the user, session is expired.',
  },

  /**
   * [I stage] A DEVICE_KEY the user no longer has (forgotten, another user's, never confirmed) fails the
   * PASSWORD_VERIFIER answer with `ResourceNotFoundException: Device does not exist.`, the device API's
   * message (`wire.deviceNotFound` in model/messages.ts), on which amazon-cognito-identity-js and Amplify v6 clear the stored device and retry. A device
   * that is confirmed but not remembered is still recognised (device SRP), as it is still tracked.
   */
  unknownDeviceAtSignIn: { type: 'ResourceNotFoundException', wireMessage: 'deviceNotFound' as const },

  /** [I] In a pool that does not track devices (`off`) a DEVICE_KEY is ignored and no NewDeviceMetadata is issued. */
  deviceKeyIgnoredWhenTrackingOff: true,

  /**
   * [I, after public reports of decoded tokens] The access token of the sign-in that hands out
   * NewDeviceMetadata already carries the new key as `device_key`, as after a device sign-in.
   */
  newDeviceKeyInAccessToken: true,

  /**
   * [I] `last_ip_used` at a device sign-in: `UserContextData.IpAddress`, else the first `X-Forwarded-For`
   * address, else unchanged (a new device's address is drawn from the seed when the request names none).
   */
  deviceIpSources: ['UserContextData.IpAddress', 'X-Forwarded-For'] as const,

  /**
   * The secret-hash messages, as captured from InitiateAuth in public transcripts. [I] Another capture (newer
   * Amplify Android) shows `Client <id> is configured with secret but SECRET_HASH was not received`.
   */
  clientSecret: {
    missing: (clientId: string) => `Client ${clientId} is configured for secret but secret was not received`,
    wrong: (clientId: string) => `Unable to verify secret hash for client ${clientId}`,
  },

  /**
   * [I] A refresh with SECRET_HASH accepts the hash of the user's username or of their `sub` (Cognito documents
   * the `sub` for pools that sign in with an e-mail address).
   */
  refreshSecretHashUsernames: ['username', 'sub'] as const,

  /**
   * `USER_PASSWORD_AUTH flow not enabled for this client` (seen from the service) when a client's
   * `explicitAuthFlows` leave the flow out.
   */
  flowNotEnabled: { type: 'InvalidParameterException', message: (flow: string) => `${flow} flow not enabled for this client` },

  /**
   * Refresh tokens: 30 days (Cognito's default). `Invalid Refresh Token` for an unknown one and, as public
   * reports describe for device tracking, for one whose device was never confirmed, is forgotten, or is not
   * the DEVICE_KEY sent; [I] `Refresh Token has been revoked` after RevokeToken or GlobalSignOut,
   * `Refresh Token has expired` after 30 days. Refreshing keeps `auth_time` and `origin_jti`, and returns no
   * new refresh token (no rotation).
   */
  refreshToken: {
    lifetimeMs: 30 * 86_400_000,
    invalid: 'Invalid Refresh Token',
    revoked: 'Refresh Token has been revoked',
    expired: 'Refresh Token has expired',
  },

  /**
   * [I] RevokeToken (whose model lists no NotAuthorizedException): an unknown client, a missing or wrong
   * ClientSecret, or a token of another client is UnauthorizedException; an access or ID token is
   * UnsupportedTokenTypeException; an unknown or already revoked refresh token is revoked already: `{}`
   * (OAuth token revocation, RFC 7009 §2.2).
   */
  revokeToken: {
    unauthorized: { type: 'UnauthorizedException', message: 'Invalid client or secret.' },
    otherClient: { type: 'UnauthorizedException', message: 'The token was not issued to this client.' },
    unsupported: { type: 'UnsupportedTokenTypeException', message: 'Unsupported token type: RevokeToken takes a refresh token.' },
  },

  /**
   * [I] GlobalSignOut (whose model lists no UserNotFoundException) by a user deleted since the token was issued,
   * like the admin operations without it.
   */
  globalSignOutUnknownUser: { type: 'ResourceNotFoundException', message: 'User does not exist.' },

  /**
   * [I] ID token claim `email_verified`: true unless the user is UNCONFIRMED (a user's own `emailVerified`
   * overrides it in GetUser and AdminGetUser; their attribute order is fidelity.userView's).
   */
  emailVerified: (status: string) => status !== 'UNCONFIRMED',

  /**
   * WIRE §9.5 [I]: what `signInAs` writes where the clients' sources leave a choice. `signInDetails` says the user
   * signed in as Amplify's default `signIn` does (USER_SRP_AUTH), with what they typed as `loginId`.
   */
  clientSession: { authFlowType: 'USER_SRP_AUTH' },

  /** MFA, the new-password challenge and the user's view: src/fidelity-mfa.ts. */
  ...mfaFidelity,

  /** Sign-up, codes, passwords, attributes and user management: src/fidelity-lifecycle.ts. */
  ...lifecycleFidelity,
} as const

export type Fidelity = typeof fidelity
