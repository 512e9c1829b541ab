// @ts-check
/**
 * CommonJS Jest in jsdom through jest-fixed-jsdom, with msw 2 and @swc/jest: the Node recipe (../cjs-node) with
 * two changes, the environment and a setup file that gives jsdom WebCrypto (crypto.subtle), which the mock signs
 * its tokens with. Copied into docs/recipes/jest.md: keep the two in step.
 */

/** ESM-only packages a CommonJS Jest must transform (see ../cjs-node/jest.config.cjs). */
const esmOnly = ['cognito-device-mock', '@faker-js/faker', 'jose', 'until-async', 'rettime', '@open-draft/deferred-promise']

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'cjs-jsdom',
  rootDir: __dirname,
  // jsdom, with Node's fetch, Request, Response, streams, TextEncoder… put back, and Node's export conditions
  // (plain jest-environment-jsdom resolves `browser`, where msw/node and cognito-device-mock/node are null).
  testEnvironment: 'jest-fixed-jsdom',
  // jest-fixed-jsdom (0.0.11) keeps jsdom's `crypto`, which has getRandomValues but no `subtle`.
  setupFiles: ['<rootDir>/webcrypto.setup.cjs'],
  testMatch: ['<rootDir>/*.jest.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } } }],
    '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Only in this repository, whose `msw` is msw 3: msw 2 is its `msw2` devDependency. A user on msw 2 leaves it out.
  moduleNameMapper: {
    '^msw$': 'msw2',
    '^msw/node$': 'msw2/node',
  },
}
