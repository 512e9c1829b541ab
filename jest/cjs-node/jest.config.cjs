// @ts-check
/**
 * CommonJS Jest in the Node environment, with msw 2 (the msw for Node 20: msw 3 needs Node ≥ 22.12) and @swc/jest.
 *
 * As a user writes it, with cognito-device-mock in node_modules: this repository resolves the package by its own
 * name instead (package.json "exports" self-reference, onto the built dist/), and maps msw to its `msw2`
 * devDependency (npm:msw@2.15.0). Copied into docs/recipes/jest.md: keep the two in step.
 */

/**
 * ESM-only packages that a CommonJS Jest must transform to CommonJS: this library, two of its dependencies, and
 * three of msw 2's (msw 2 is CommonJS but `require`s them; msw#2591). Everything else under node_modules is
 * left alone, as by default.
 */
const esmOnly = ['cognito-device-mock', '@faker-js/faker', 'jose', 'until-async', 'rettime', '@open-draft/deferred-promise']

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'cjs-node',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.jest.test.ts'],
  transform: {
    // The test files (TypeScript) and the ESM-only JavaScript above; `.mjs` too (rettime and
    // @open-draft/deferred-promise ship only .mjs), which Jest's default `\.[jt]sx?$` misses.
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } } }],
    '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Only in this repository, whose `msw` is msw 3: msw 2 is its `msw2` devDependency. A user on msw 2 leaves it out.
  moduleNameMapper: {
    '^msw$': 'msw2',
    '^msw/node$': 'msw2/node',
  },
  // Only in this repository: the msw major the tests check they were given.
  globals: { mswMajor: 2 },
}
