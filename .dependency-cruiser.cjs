// @ts-check
/*
 * Layers that only point down.
 *
 * The source under src/ is organised in layers, lowest first. A module may
 * import (at run time) only from its own layer or from lower layers. Within a
 * layer anything goes, except that there must be no run-time cycles anywhere.
 *
 *    1. lib         src/lib/
 *    2. model       src/model/, src/fidelity.ts (and fidelity-mfa.ts, fidelity-lifecycle.ts, spread into it), src/version.ts
 *    3. protocol    src/protocol/
 *    4. state       src/state/
 *    5. auth        src/auth/
 *    6. operations  src/operations/
 *    7. scenarios   src/scenarios/
 *    8. pipeline    src/pipeline/
 *    9. handle      src/handle/, src/mock.ts
 *   10. adapters    src/adapters/
 *   11. entries     src/index.ts, node.ts, browser.ts, playwright.ts,
 *                   storybook.ts, cli.ts
 *
 * Type-only imports (`import type`, `export type`, `import { type A }` with
 * only type specifiers, `typeof import('x')`) are erased at compile time, so
 * they may point anywhere among layers 1–9 (a lower layer may name the type of
 * something a higher layer builds, e.g. the mock handle). They may NOT reach
 * into adapters or entries from below: those are the public/platform surface
 * and nothing underneath should know about them, not even their types. That is
 * the rule "layers point down: no types from adapters or entries".
 *
 * Test files (*.test.ts) are not cruised at all. Generated files
 * (*.generated.ts) are ordinary members of their folder.
 *
 * Parser: TypeScript 7 (the native compiler in devDependencies) has no JS
 * compiler API, and dependency-cruiser's tsc extractor needs typescript <7.
 * Without a parser dependency-cruiser silently skips every .ts file and
 * reports "no violations" on 0 modules, so we use the swc parser
 * (@swc/core, a devDependency) and fail loudly below if it is missing.
 */

try {
  require('@swc/core')
} catch (error) {
  throw new Error(
    '.dependency-cruiser.cjs: @swc/core is not loadable, so dependency-cruiser ' +
      'cannot read .ts files and would check nothing. Run `npm install`.\n' +
      String(error),
  )
}

/** One entry per layer, lowest first: name and the path regex of its members. */
const LAYERS = [
  { name: 'lib', path: '^src/lib/' },
  { name: 'model', path: '^src/(?:model/|fidelity(?:-mfa|-lifecycle)?[.]ts$|version[.]ts$)' },
  { name: 'protocol', path: '^src/protocol/' },
  { name: 'state', path: '^src/state/' },
  { name: 'auth', path: '^src/auth/' },
  { name: 'operations', path: '^src/operations/' },
  { name: 'scenarios', path: '^src/scenarios/' },
  { name: 'pipeline', path: '^src/pipeline/' },
  { name: 'handle', path: '^src/(?:handle/|mock[.]ts$)' },
  { name: 'adapters', path: '^src/adapters/' },
  {
    name: 'entries',
    path: '^src/(?:index|node|browser|playwright|storybook|cli)[.]ts$',
  },
]

const TEST_FILE = '[.]test[.]ts$'
/**
 * Dependency types that do not exist at run time.
 * @type {import('dependency-cruiser').DependencyType[]}
 */
const TYPE_LEVEL = ['type-only', 'type-import']

const any = (/** @type {string[]} */ paths) => paths.map((p) => `(?:${p})`).join('|')

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => {
  const higher = LAYERS.slice(index + 1)
  const higherNames = higher.map((l) => l.name)
  return {
    name: `layers point down: ${layer.name} must not import ${higherNames.join(', ')}`,
    comment:
      `${layer.name} is layer ${index + 1} of ${LAYERS.length}. At run time it may import only ` +
      `from its own layer and from ${index === 0 ? 'nothing else in src (only node builtins and packages)' : LAYERS.slice(0, index).map((l) => l.name).join(', ')}; ` +
      `importing from ${higherNames.join(', ')} points up. Move the shared piece down, ` +
      `pass it in as a parameter, or use \`import type\` if only its type is needed ` +
      `(type-only imports of adapters/entries are still refused).`,
    severity: 'error',
    from: { path: layer.path, pathNot: TEST_FILE },
    to: { path: any(higher.map((l) => l.path)), dependencyTypesNot: TYPE_LEVEL },
  }
})

/**
 * Everything below adapters; adapters may not see entries either.
 * @type {import('dependency-cruiser').IForbiddenRuleType[]}
 */
const typesFromSurfaceRules = [
  {
    name: 'layers point down: no types from adapters or entries',
    comment:
      'Type-only imports may cross layers, but not into the platform/public surface: ' +
      'nothing in layers lib..handle may import (even `import type`) from src/adapters/ ' +
      'or the entry files, and adapters may not import (even types) from the entry files. ' +
      'Define the type lower down and let adapters/entries import it.',
    severity: 'error',
    from: { path: any(LAYERS.slice(0, 9).map((l) => l.path)), pathNot: TEST_FILE },
    to: { path: any(LAYERS.slice(9).map((l) => l.path)) },
  },
  {
    name: 'layers point down: adapters must not import entries (types included)',
    comment:
      'Adapters sit below the entry files; they may not import from them, not even types.',
    severity: 'error',
    from: { path: LAYERS[9].path, pathNot: TEST_FILE },
    to: { path: LAYERS[10].path },
  },
]

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    ...layerRules,
    ...typesFromSurfaceRules,
    {
      name: 'layers point down: every src module belongs to a layer',
      comment:
        'A module under src/ that matches no layer escapes the layer rules. Add the new ' +
        'folder/file to LAYERS in .dependency-cruiser.cjs (or move it into an existing layer).',
      severity: 'error',
      from: { path: '^src/', pathNot: any([TEST_FILE, ...LAYERS.map((l) => l.path)]) },
      to: {},
    },
    {
      name: 'layers point down: nothing imports a src module outside the layers',
      comment:
        'The imported module under src/ matches no layer, so it escapes the layer rules. ' +
        'Add it to LAYERS in .dependency-cruiser.cjs (or move it into an existing layer).',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_FILE },
      to: { path: '^src/', pathNot: any([TEST_FILE, ...LAYERS.map((l) => l.path)]) },
    },
    {
      name: 'no-circular',
      comment:
        'Run-time import cycles are forbidden anywhere in src/ (within a layer too): they ' +
        'make module evaluation order matter. Cycles that go only through type-only ' +
        'imports are fine, since those are erased.',
      severity: 'error',
      from: { pathNot: TEST_FILE },
      to: {
        circular: true,
        dependencyTypesNot: TYPE_LEVEL,
        viaOnly: { dependencyTypesNot: TYPE_LEVEL },
      },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'The import cannot be resolved to a file on disk (typo, missing .ts file, or a ' +
        'package that is not installed).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // swc reads the TypeScript source itself (pre-compilation), so `import type`
    // and type-only specifiers are always seen and tagged `type-only`.
    parser: 'swc',
    // tsPreCompilationDeps only switches extraction to the tsc extractor, which
    // needs typescript <7 (we have 7). Turning it on would change nothing but
    // print a "missing-tsc-transpiler" warning on every run; swc (above) already
    // extracts pre-compilation dependencies.
    tsPreCompilationDeps: false,
    // Used for resolution (paths/baseUrl, none today). With TypeScript 7 the
    // file itself cannot be parsed by dependency-cruiser; relative `.ts`
    // imports (allowImportingTsExtensions) resolve directly.
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: TEST_FILE },
    moduleSystems: ['es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'browser', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
}

module.exports = config
