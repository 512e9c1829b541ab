import type { CognitoStoryParameters } from 'cognito-device-mock/storybook'

/**
 * The demo app's world (e2e/app/src/main.tsx): seed 42, one pool, five users with 20–32 devices each; the
 * story signs in as the first user (e2e/support/app.ts names them and counts their remembered devices).
 */
export const DEMO_COGNITO: CognitoStoryParameters = { seed: 42, world: { devicesPerUser: { min: 20, max: 32 } } }

/** A small world for stories about single devices: every device remembered, three per user. */
export const SMALL_WORLD: NonNullable<CognitoStoryParameters['world']> = { devicesPerUser: { min: 3, max: 3 }, deviceRemembering: ['always'] }

/** The device whose ForgetDevice fails in Rules › OneDeviceForgetFails (created by the story's setup). */
export const BROKEN_DEVICE_KEY = 'us-east-1_0badf00d-0000-4000-8000-00000000dead'

/** The demo's world with MFA, as e2e/app/src/main.tsx boots it: seed 42, the first user has an authenticator. */
export const DEMO_MFA_COGNITO: CognitoStoryParameters = {
  seed: 42,
  world: { devicesPerUser: { min: 20, max: 32 }, mfa: { mode: 'on', factors: ['totp', 'sms', 'email'], rememberedDevicesSkipMfa: true } },
}
