// @ts-check
/**
 * The native ESM recipe with msw 2 (what npm installs on Node 20, where msw 3 does not run): msw 2 has ESM
 * builds (`import` condition), so no transform is needed either. Only in this repository, whose `msw` is msw 3,
 * is msw mapped to the `msw2` devDependency; a user on msw 2 uses jest.config.mjs as it is.
 */
import base from './jest.config.mjs'

/** @type {import('jest').Config} */
export default {
  ...base,
  displayName: 'esm-node-msw2',
  moduleNameMapper: {
    '^msw$': 'msw2',
    '^msw/node$': 'msw2/node',
  },
  globals: { mswMajor: 2 },
}
