#!/usr/bin/env node
// Generates e2e/app/public/mockServiceWorker.js with the msw CLI of the INSTALLED `msw` package, so the
// worker's version always matches the library the demo app bundles. Runs before `dev` and `build:demo`.
//
// Why not `npx msw init`: this repository also installs `msw2` (npm:msw@2.15.0, for the test matrix), and
// both packages declare a `msw` bin; node_modules/.bin/msw may point at either. Resolving `msw` by name
// picks the real one. The generated file is not committed (.gitignore).
//
// Usage: node scripts/msw-init.mjs [directory]   (default: e2e/app/public)
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const target = resolve(root, process.argv[2] ?? 'e2e/app/public')
const require = createRequire(join(root, 'package.json'))

const manifestPath = require.resolve('msw/package.json')
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.msw
if (!bin) throw new Error(`[msw-init] msw ${manifest.version} declares no "msw" bin in ${manifestPath}.`)
const cli = join(dirname(manifestPath), bin)

const run = spawnSync(process.execPath, [cli, 'init', relative(root, target) || '.', '--no-save'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
})
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr)
  throw new Error(`[msw-init] msw init failed with exit code ${run.status}.`)
}

const worker = readFileSync(join(target, 'mockServiceWorker.js'), 'utf8')
const version = /const PACKAGE_VERSION = '([^']+)'/.exec(worker)?.[1]
if (version !== manifest.version) {
  throw new Error(`[msw-init] the generated worker says msw ${version}, the installed msw is ${manifest.version}.`)
}
console.log(`[msw-init] ${relative(root, join(target, 'mockServiceWorker.js'))} (msw ${version})`)
