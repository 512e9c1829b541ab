// @ts-check
/**
 * CommonJS Jest with msw 3 through `require(esm)`: Jest ≥ 30.4 on Node ≥ 24.9, run with
 * `node --experimental-vm-modules`. CommonJS test files `require` the ES modules (msw 3, this library, jose,
 * faker) as they are: no transformIgnorePatterns, no moduleNameMapper. On older Node, Jest throws
 * "Must use import to load ES Module" (ERR_REQUIRE_ESM): use jest.config.cjs (msw 2) there.
 */

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'cjs-node-require-esm',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.jest.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } } }],
  },
  // Only in this repository: the msw major the tests check they were given.
  globals: { mswMajor: 3 },
}
