/**
 * This library's version, as in package.json (src/version.test.ts keeps the two equal). Browser persistence
 * ignores a state saved by another version.
 */
export const VERSION = '0.1.0'
