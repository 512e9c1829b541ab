import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * The Node suite runs twice, once per supported msw major (the peer range is `^2.12.0 || ^3.0.0`):
 *
 * - `msw3`: the `msw` devDependency, as installed;
 * - `msw2`: `msw`, `msw/node`, `msw/browser` (and `msw/package.json`) aliased to the `msw2` devDependency
 *   (`npm:msw@2.15.0`). The alias applies to every file Vite transforms, so the tests and the library
 *   source under test import the same msw major. `test/msw-matrix.test.ts` proves it, so the matrix cannot
 *   silently run msw 3 twice.
 *
 * Each project sees its major in `process.env.COGNITO_MOCK_MSW_MAJOR` (`test/pack.test.ts` installs that
 * major next to the packed tarball).
 */

const msw2 = (subpath: string) => fileURLToPath(new URL(`./node_modules/msw2/${subpath}`, import.meta.url))

const include = ['test/**/*.test.ts', 'src/**/*.test.ts']
const exclude = ['**/node_modules/**', '.tmp/**', 'dist/**', 'e2e/**']

export default defineConfig({
  test: {
    include,
    exclude,
    // RSA key derivation for a pool takes ~0.4 s on first use; the pack test sets its own, longer timeout.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'msw3', env: { COGNITO_MOCK_MSW_MAJOR: '3' } },
      },
      {
        extends: true,
        resolve: {
          // Exact-match patterns: `msw` must not swallow `msw2`, and `msw/node` must not match `msw/nodeX`.
          alias: [
            { find: /^msw$/, replacement: 'msw2' },
            { find: /^msw\/node$/, replacement: 'msw2/node' },
            { find: /^msw\/browser$/, replacement: 'msw2/browser' },
            { find: /^msw\/package\.json$/, replacement: msw2('package.json') },
          ],
        },
        test: { name: 'msw2', env: { COGNITO_MOCK_MSW_MAJOR: '2' } },
      },
    ],
  },
})
