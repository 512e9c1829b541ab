/**
 * The inferred choices of the user lifecycle (issue 14): sign-up, confirmation codes, forgotten and changed
 * passwords, attribute changes, an admin's user management. Spread into `fidelity` (src/fidelity.ts), listed in
 * the README's Fidelity table and marked `[I]` in docs/WIRE.md §10; confirmed wording is `wire.lifecycle`
 * (src/model/messages.ts).
 */

const HOUR = 3_600_000

export const lifecycleFidelity = {
  /**
   * [I] What a pool created without saying has (WIRE §10.2): email auto-verified and required, as the console's
   * pools since 2023 have (the API's own default is neither); Cognito's default password policy (8 characters,
   * lower, upper, digit, symbol) [C]; temporary passwords good for 7 days [C: PasswordPolicyType]; recovery by a
   * verified email, then a verified phone number [C: the console's default, AccountRecoverySetting].
   */
  poolDefaults: {
    autoVerified: ['email'] as const,
    requiredAttributes: ['email'] as const,
    passwordPolicy: {
      minimumLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
      temporaryPasswordValidityDays: 7,
    },
    accountRecovery: ['verified_email', 'verified_phone_number'] as const,
  },

  /**
   * Codes a user types in (WIRE §10.1.2): [C] a sign-up or attribute code is good for 24 hours, a password reset
   * code for 1 hour; [I] they are 6 digits (the default templates' `{####}`); a newer code of the same purpose
   * replaces the older, which then mismatches; a wrong code does not spend the right one; a used code is gone.
   */
  codes: {
    digits: 6,
    lifetimeMs: { 'sign-up': 24 * HOUR, 'verify-attribute': 24 * HOUR, 'forgot-password': HOUR },
  },

  /**
   * [C: the developer guide's "code security resource quotas"] calls a user may make per hour before
   * `LimitExceededException`, `Attempt limit exceeded, please try after some time.`; ConfirmForgotPassword's
   * quota is "5 to 20, depending on risk": [I] 5 here. [I] ForgotPassword counts as ResendConfirmationCode
   * does; every call counts, right or wrong; the hour is a sliding window on the mock's clock.
   */
  hourlyLimits: {
    ConfirmSignUp: 15,
    ResendConfirmationCode: 5,
    ForgotPassword: 5,
    ConfirmForgotPassword: 5,
    ChangePassword: 5,
    GetUserAttributeVerificationCode: 5,
    VerifyUserAttribute: 15,
  },

  /**
   * [I] The messages codes arrive in, as a pool without its own templates words them (the console's defaults:
   * "Your verification code is {####}.", "Your username is {username} and temporary password is {####}.").
   */
  codeMessages: {
    verification: { subject: 'Your verification code', text: 'Your verification code is {####}. ' },
    passwordReset: { subject: 'Your verification code', text: 'Your password reset code is {####}. ' },
    invitation: { subject: 'Your temporary password', text: 'Your username is {username} and temporary password is {####}. ' },
  },

  /**
   * [I] A pool whose users sign in with their email or phone number (UsernameAttributes) names a new user by a
   * UUID [C: the model's AdminCreateUser doc says it generates one]: the user's `sub`.
   */
  generatedUsername: 'sub' as const,

  /**
   * [I] Under PreventUserExistenceErrors, ForgotPassword and ResendConfirmationCode for an unknown or disabled
   * user answer with a simulated delivery [C: the developer guide]; its destination is one masked address per
   * pool [C: one capture shows the same `u***@y***` for every name tried], here derived from the pool's id.
   */
  simulatedDelivery: (poolId: string) => ({
    AttributeName: 'email',
    DeliveryMedium: 'EMAIL' as const,
    Destination: `${'abcdefghijklmnopqrstuvwxyz'[[...poolId].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 26]}***@e***`,
  }),

  /**
   * [I] Messages no capture shows: an unknown user at ConfirmSignUp under PreventUserExistenceErrors mismatches as a
   * wrong code does; AdminCreateUser RESEND for a user who is not in FORCE_CHANGE_PASSWORD; a custom attribute the
   * pool does not declare is named as the model's wording for unknown attributes names it; an alias taken at
   * UpdateUserAttributes; a ListUsers AttributesToGet naming an attribute the schema lacks; SMS delivery for a user
   * without a phone number; a pool with one username attribute refusing another kind of name; an alias pool refusing
   * a phone-number-like name (as it refuses an email-like one [C]); an email or phone number that does not look like
   * one (the wording apps quote); a code asked for an attribute the user lacks; a resend where nothing is
   * auto-verified; a SignUp without a password (the model lets passwordless pools omit it: the mock's pools all
   * have passwords, so it answers as validation words a null sensitive member); NEW_PASSWORD_REQUIRED answered without a required attribute (the wording apps quote); a ListUsers filter on an attribute it cannot search (moto's and cognito-local's words).
   */
  lifecycleMessages: {
    passwordMissing: "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null",
    newPasswordMissing: (name: string) => `Invalid attributes given, ${name} is missing`,
    notSearchable: (name: string) => `Invalid search attribute: ${name}`,
    invalidEmail: 'Invalid email address format.',
    invalidPhone: 'Invalid phone number format.',
    noAttribute: (name: string) => `${name} is not set for the user.`,
    noAutoVerification: 'Cannot resend codes. Auto verification not turned on.',
    usernameShould: { email: 'Username should be an email.', phone: 'Username should be a phone number.' },
    usernameNotPhoneForAlias: 'Username cannot be of phone number format, since user pool is configured for phone_number alias.',
    resendNotForceChange: 'User status must be FORCE_CHANGE_PASSWORD to resend a temporary password.',
    aliasTakenOnUpdate: (attribute: string) => `An account with the given ${attribute} already exists.`,
    noPhoneForSms: 'No phone_number provided but desired delivery medium was Sms',
  },

  /**
   * Exceptions the API's documentation names for an operation whose error list in the model leaves them out [C: the
   * doc]: AdminCreateUser's ForceAliasCreation "throws an AliasExistsException error if the alias already exists".
   * The mock answers them, and counts them as modeled.
   */
  modelGaps: { AdminCreateUser: ['AliasExistsException'] } as Readonly<Record<string, readonly string[]>>,

  /**
   * [I] A user SignUp or AdminCreateUser makes has `email_verified` / `phone_number_verified` "false" until a code or
   * an admin verifies them (the AWS CLI's AdminCreateUser example shows the answer without the flags).
   */
  newUserFlagsFalse: true,

  /**
   * [I] A client write of `email_verified` or `phone_number_verified` is refused as an unauthorized attribute (the
   * default WriteAttributes exclude them) [C: the message]; admins may set them. `sub` is never writable
   * (`Attribute cannot be updated.`).
   */
  clientWritableVerifiedFlags: false,

  /**
   * [I] GetUser and AdminGetUser list the attributes besides `sub`, the verified flags, `phone_number` and `email`
   * between `phone_number` and `email`, in the order they were set (fidelity.userView's order otherwise).
   */
  otherAttributesBeforeEmail: true,

  /**
   * [I] Password changes (ChangePassword, ConfirmForgotPassword, AdminSetUserPassword) keep tokens [C for the first
   * two] and remembered devices [I strong: WIRE §10.1.5]; AdminResetUserPassword keeps devices and makes the user's
   * tokens answer PasswordResetRequiredException as every call of a RESET_REQUIRED user does; AdminDisableUser
   * revokes the user's tokens [C: the model's doc], which stay revoked after AdminEnableUser.
   */
  passwordChangeKeepsSessions: true,
} as const
