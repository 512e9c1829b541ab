export { attachCognito, routeCognito, test, expect } from './adapters/playwright.ts'
export type { CognitoCodes, CognitoFixtureOptions, CognitoPage, CognitoPageOptions, PageWorldOptions } from './adapters/playwright.ts'
