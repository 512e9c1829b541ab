// @ts-check
/**
 * CommonJS Jest in the Node environment, with msw 2 and babel-jest (Babel config: babel.config.cjs, next to this).
 *
 * As a user writes it, with cognito-device-mock in node_modules: this repository resolves the package by its own
 * name instead (package.json "exports" self-reference, onto the built dist/), and maps msw to its `msw2`
 * devDependency (npm:msw@2.15.0). Copied into docs/recipes/jest.md: keep the two in step.
 */

/** ESM-only packages that a CommonJS Jest must transform to CommonJS (see jest/cjs-node/jest.config.cjs). */
const esmOnly = ['cognito-device-mock', '@faker-js/faker', 'jose', 'until-async', 'rettime', '@open-draft/deferred-promise']

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'cjs-babel',
  // Also Babel's `root`, where babel-jest's Babel looks for babel.config.cjs. A user's rootDir is their project
  // root, where that file is anyway. (With rootDir at this repository's root, which has no Babel config, Babel
  // finds none and the TypeScript test file fails to parse.)
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.jest.test.ts'],
  transform: {
    // `.mjs` too: rettime and @open-draft/deferred-promise ship only .mjs, which Jest's default `\.[jt]sx?$` misses.
    '^.+\\.(ts|m?js)$': 'babel-jest',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Only in this repository, whose `msw` is msw 3: msw 2 is its `msw2` devDependency. A user on msw 2 leaves it out.
  moduleNameMapper: {
    '^msw$': 'msw2',
    '^msw/node$': 'msw2/node',
  },
}
