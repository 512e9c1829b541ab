// @ts-check
/**
 * The jsdom recipe without its WebCrypto setup file, for the one test that shows what happens then:
 * createCognitoMock() throws a `[cognito-device-mock]` error naming the fix.
 */
const base = require('./jest.config.cjs')

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'cjs-jsdom-no-webcrypto',
  setupFiles: [],
  testMatch: ['<rootDir>/no-webcrypto/*.jest.test.ts'],
}
