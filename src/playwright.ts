export { attachCognito, routeCognito, test, expect } from './adapters/playwright.ts'
export type { CognitoFixtureOptions, CognitoPage, CognitoPageOptions } from './adapters/playwright.ts'
