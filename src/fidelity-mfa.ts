/**
 * The inferred choices about MFA, the new-password challenge and how a user is shown (issue 11), spread into
 * `fidelity` (src/fidelity.ts): read them as `fidelity.mfa`, `fidelity.mfaChoice`, … Each entry says what is
 * confirmed [C] and what is inferred [I], with its section of docs/WIRE.md §8.
 */
export const mfaFidelity = {
  /**
   * Where a code went, as a challenge shows it (WIRE §8.5, §8.7.7, §10.1.3): [C] a phone number with all but its
   * last four digits hidden (`+*******0008`); [C] an address as the first character of each side, case kept, and
   * nothing of the domain's suffix (`t***@g***`, as answers captured since 2023 show; older ones and the AWS CLI's
   * examples had `j***@e***.com`).
   */
  codeDestination: {
    phone: (phone: string) => `+${'*'.repeat(Math.max(0, phone.length - 5))}${phone.slice(-4)}`,
    email: (email: string) => `${email.slice(0, 1)}***@${email.slice(email.lastIndexOf('@') + 1, email.lastIndexOf('@') + 2)}***`,
  },

  /**
   * Second factors at sign-in (WIRE §8.5, §8.7). [C] a wrong code, any factor: `CodeMismatchException`, `Invalid
   * code or auth state for the user.`; a TOTP code used before: `ExpiredCodeException`, `Your software token has
   * already been used once.`; a wrong code while setting up an authenticator: `EnableSoftwareTokenMFAException`,
   * `Code mismatch and fail enable Software Token MFA`; a code is good while its session is (3 minutes), so a
   * late one meets `… session is expired.`. [I] SMS codes are 6 digits, email codes 8 (as passwordless ones
   * are); after 3 wrong codes the session is spent (the third is still a mismatch); a reused TOTP code is not
   * counted as a wrong one; a right SMS code verifies the phone number [C, WIRE §8.7.1], a right email code the
   * address [I]. TOTP: RFC 6238, SHA-1, 30 s, 6 digits, one step either side [C]; secrets are 32 Base32
   * characters [I]. An answer whose USERNAME does not name the session's user spends the session [I]. Remembered
   * devices skip MFA unless a pool says otherwise (`rememberedDevicesSkipMfa`, ChallengeRequiredOnNewDevice;
   * the mock's default true, since that is what device tracking is for; the API's default is false).
   */
  mfa: {
    codeDigits: { sms: 6, email: 8 },
    maxAttempts: 3,
    rememberedDevicesSkipMfa: true,
    mismatch: { type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' },
    reused: { type: 'ExpiredCodeException', message: 'Your software token has already been used once.' },
    setupMismatch: { type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' },
    totp: { digits: 6, periodSeconds: 30, window: 1, secretLength: 32 },
    smsMessage: 'Your authentication code is {####}. ',
    emailSubject: 'Your sign-in code',
    emailMessage: 'Your authentication code is {####}.',
  },

  /**
   * Which second factor a sign-in asks for (WIRE §8.7). [C] a factor counts when the pool offers it, the user
   * enabled it and has what it needs; several: the preferred one, else SELECT_MFA_TYPE (`MFAS_CAN_CHOOSE`, a
   * JSON-array string); none in an `on` pool: a user with a phone number gets SMS_MFA where the pool offers SMS
   * (the legacy MFAOptions behaviour), else MFA_SETUP (`MFAS_CAN_SETUP`: the pool's factors) where the pool
   * offers TOTP or email, else `MFAMethodNotFoundException`, `No MFA mechanism registerd in the account.` (sic).
   * [I] the lists are in the order SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP; every MFA challenge carries
   * USER_ID_FOR_SRP (WIRE §8.7.1; the one 2017 SMS_MFA capture of §8.5 shows only the two CODE_DELIVERY_*
   * members), so that Amplify's active username is the same whatever the factor; SOFTWARE_TOKEN_MFA adds
   * FRIENDLY_DEVICE_NAME when the authenticator has one. An email counts as a factor's destination whether or not
   * it is verified.
   */
  mfaChoice: {
    legacySmsWithPhone: true,
    noMethod: { type: 'MFAMethodNotFoundException', message: 'No MFA mechanism registerd in the account.' },
  },

  /**
   * [I] SELECT_MFA_TYPE answered with a factor not offered: the session is spent. [C] the model's documentation
   * names the email answer `EMAIL_MFA`, Amplify sends `EMAIL_OTP`: both are accepted.
   */
  mfaSelection: {
    invalid: { type: 'InvalidParameterException', message: 'Invalid MFA type answer.' },
    aliases: { EMAIL_MFA: 'EMAIL_OTP' } as Record<string, string>,
  },

  /**
   * Authenticator set-up [C]: `SoftwareTokenMFANotFoundException` `Software Token MFA has not been enabled by the
   * userPool` where the pool does not offer TOTP, `Software Token MFA does not exist for the user.` for a
   * VerifySoftwareToken with nothing associated. [I] Neither or both of AccessToken and Session:
   * `InvalidParameterException`. A verified authenticator is registered, not enabled: SetUserMFAPreference
   * enables it (during sign-in, MFA_SETUP enables it and makes it preferred, as the email set-up does for email;
   * the verified code's step and FriendlyDeviceName become the user's only then). A SOFTWARE_TOKEN_MFA answer
   * for a user whose authenticator is gone: `Software Token MFA does not exist for the user.` AssociateSoftwareToken
   * and VerifySoftwareToken on a Session each answer a new Session of a fresh lifetime.
   */
  softwareToken: {
    notEnabledByPool: 'Software Token MFA has not been enabled by the userPool',
    notAssociated: 'Software Token MFA does not exist for the user.',
    oneOf: { type: 'InvalidParameterException', message: 'Either AccessToken or Session must be provided, not both.' },
  },

  /**
   * [I] The `code-delivery-failure` preset's message: CodeDeliveryFailureException's wording where the model
   * lists it (sign-up, forgotten password) is not captured.
   */
  codeDeliveryFailure: { message: 'Unable to deliver the verification code.' },

  /** [I] MFA_SETUP answered before VerifySoftwareToken accepted a code on its session: the session is spent. */
  mfaSetup: {
    notVerified: { type: 'NotAuthorizedException', message: 'Invalid session for the user.' },
  },

  /**
   * [I] After a correct code, the answer's own DEVICE_KEY decides (amplify-js ≥ Nov 2025 and identity-js send
   * it; older Amplify does not): a device of the user → DEVICE_SRP_AUTH; none → tokens with NewDeviceMetadata;
   * one the user does not have → tokens with a new device, as if none was sent (the code is not wasted). The
   * DEVICE_SRP_AUTH answer keeps the Session string the code was sent with: amazon-cognito-identity-js
   * (`sendMFACode` → `getDeviceResponse`) answers device SRP with that one, Amplify with the one returned.
   */
  deviceAfterMfa: { keepSession: true },

  /**
   * NEW_PASSWORD_REQUIRED (FORCE_CHANGE_PASSWORD users) comes before any second factor [C: MFA_SETUP follows it
   * in an `on` pool]; ChallengeParameters `userAttributes` is a JSON string of the user's attributes with
   * `email_verified` [C], without `sub`, in fidelity.userView's order, with USER_ID_FOR_SRP [I];
   * `requiredAttributes` `[]` (the mock's pools require no attribute, so [C] `Invalid attributes given, <name>
   * is missing` never arises) [I]. [I] The answer's `userAttributes.email` and `.phone_number` replace the user's,
   * unverified when they change; other attributes are ignored. The password step's DEVICE_KEY is not carried
   * past the new password: Amplify's new-password answer handles no DEVICE_SRP_AUTH, so a device sign-in of a
   * user who had to change their password ends with a new device.
   */
  newPassword: { keptAttributes: { email: 'emailVerified', phone_number: 'phoneVerified' } as const },

  /**
   * A password that breaks the pool's policy (Cognito's default: 8 characters, lower, upper, digit, symbol):
   * `InvalidPasswordException`, `Password does not conform to policy: ` and the first rule broken [C for
   * NEW_PASSWORD_REQUIRED's uppercase rule; the other rules' wording is inferred from it].
   */
  passwordPolicy: {
    prefix: 'Password does not conform to policy: ',
    messages: {
      length: 'Password not long enough',
      lowercase: 'Password must have lowercase characters',
      uppercase: 'Password must have uppercase characters',
      numeric: 'Password must have numeric characters',
      symbol: 'Password must have symbol characters',
    },
  },

  /**
   * [I] The ID token of a user with a phone number carries `phone_number_verified` (after `iss`) and
   * `phone_number` (after `auth_time`), as public ID token samples place them; `email_verified` follows the user's
   * flag as GetUser's attribute does.
   */
  idTokenPhoneClaims: true,

  /**
   * [I] An admin call's `Username`, and a challenge answer's USERNAME, may be the username, an alias the pool has (`aliases`: a verified email or
   * phone number) or the user's `sub`; InitiateAuth's USERNAME the username or an alias.
   */
  adminUsernameForms: ['username', 'alias', 'sub'] as const,

  /**
   * SetUserMFAPreference and AdminSetUserMFAPreference (WIRE §8.7.2, §8.7.5). [C] any SMSMfaSettings for a user
   * without a phone number is refused (`wire.mfaPreference.noPhone`), even one turning SMS off; a factor the pool
   * does not offer is accepted. [C wording, I which call says which] TOTP turned on (Enabled or PreferredMfa true)
   * without a verified authenticator: `totpNotVerified.user` from SetUserMFAPreference, `.admin` from
   * AdminSetUserMFAPreference (each seen from that call); turning it off needs none. [I] any EmailMfaSettings for
   * a user without an email address: `noEmail`; PreferredMfa true on two factors: `severalPreferred`; PreferredMfa
   * true also enables the factor, Enabled true alone does not make it preferred; Enabled false disables it (and
   * drops its preference) even with PreferredMfa true; PreferredMfa false drops that factor's preference. [C the
   * model: "You can't turn off … MFA for any of your users when MFA is required", I the wording] in an `on` pool a
   * call that leaves a user with no factor: `requiredByPool`. WebAuthnMfaSettings: `Enabled: false` is accepted and changes
   * nothing (the mock keeps no passkeys); `Enabled: true` answers 501 `CognitoDeviceMock#NotImplemented`.
   */
  mfaPreference: {
    totpNotVerified: {
      user: 'User has not verified software token mfa',
      admin: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    },
    noEmail: 'User does not have delivery config set to turn on EMAIL_OTP',
    severalPreferred: 'Only one MFA factor can be set as preferred.',
    requiredByPool: 'MFA is required for this user pool: at least one MFA factor must stay enabled.',
  },

  /**
   * SetUserPoolMfaConfig and GetUserPoolMfaConfig (WIRE §8.7.2). [C] a full replace (an absent MfaConfiguration is
   * OFF); OFF with any factor block (SmsMfaConfiguration, EmailMfaConfiguration, SoftwareTokenMfaConfiguration,
   * even `{Enabled: false}`) and ON/OPTIONAL with no factor are refused (`wire.poolMfaConfig`); WebAuthnConfiguration
   * alone is accepted with OFF. [I] a pool never configured answers `{"MfaConfiguration":"OFF"}` only; a factor's
   * block is shown only when the pool offers it (TOTP as `{"Enabled":true}`); the answer to Set is what Get then
   * shows; WebAuthnConfiguration is accepted but neither kept nor shown; email MFA's prerequisites (feature tier,
   * DEVELOPER email sending) and SMS's IAM role are not checked; the remembered-device setting
   * (ChallengeRequiredOnNewDevice) is not part of this call and stays as it was.
   */
  poolMfaConfig: { neverConfigured: 'OFF' as const },

  /**
   * GetUser and AdminGetUser (WIRE §8.7.5). [I] attributes in this order, the phone pair only for a user with a
   * phone number (`phone_number_verified` true unless set otherwise; `email_verified` as fidelity.emailVerified
   * unless set); [C] UserMFASettingList (wire names, here in the order enabled) and PreferredMfaSetting are absent
   * when empty / unset; the legacy SMS case of fidelity.mfaChoice shows `MFAOptions:
   * [{"DeliveryMedium":"SMS","AttributeName":"phone_number"}]` with `UserMFASettingList: []` [C user reports].
   * [I] AdminGetUser's UserLastModifiedDate is the creation date (the mock keeps no modification date).
   */
  userView: {
    attributeOrder: ['sub', 'email_verified', 'phone_number_verified', 'phone_number', 'email'] as const,
    legacyMfaOptions: true,
  },
} as const
