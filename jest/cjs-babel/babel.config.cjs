/**
 * The Babel config of the babel-jest recipe (docs/recipes/jest.md, "E. CommonJS with babel-jest"), as a user
 * writes it at the root of their project. Copied into the doc: keep the two in step.
 *
 * babel-jest gives Babel Jest's `rootDir` as Babel's `root`, so Babel finds this file because jest.config.cjs sets
 * `rootDir` to this directory (a user's rootDir is their project root, where this file is). A project-wide
 * `babel.config.*` also applies to files under node_modules; a `.babelrc` does not (tested: msw 2's `.mjs`
 * dependencies then stay ES modules, "Must use import to load ES Module").
 */
module.exports = {
  presets: [
    // modules 'commonjs': the test files, this library, faker, jose and msw 2's ESM-only dependencies become
    // CommonJS for Jest's CommonJS loader. targets: syntax that the running Node has is left as it is.
    ['@babel/preset-env', { targets: { node: 'current' }, modules: 'commonjs' }],
    '@babel/preset-typescript',
  ],
}
