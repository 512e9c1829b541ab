// @ts-check
/**
 * Native ESM Jest (run with `node --experimental-vm-modules`), Node environment, msw 3, @swc/jest emitting ESM.
 * Nothing under node_modules is transformed: Node loads msw 3, this library and their dependencies as the ES
 * modules they are. Copied into docs/recipes/jest.md: keep the two in step.
 */

/** @type {import('jest').Config} */
export default {
  displayName: 'esm-node',
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.jest.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  // Only the test files. @swc/jest emits ES modules when Jest loads the file as ESM (`supportsStaticESM`).
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } } }],
  },
  // Only in this repository: the msw major the tests check they were given.
  globals: { mswMajor: 3 },
}
