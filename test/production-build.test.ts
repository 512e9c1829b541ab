/**
 * An app that starts the mock only in development (the README's `if (import.meta.env.DEV) { … await import(
 * 'cognito-device-mock/browser') … }`) ships none of it: `vite build` of that app holds no module of the mock or
 * of its packages, and none of their distinctive strings. So that this cannot pass by searching for the wrong
 * strings, the same app built in development mode (where the branch stays) must hold every one of them.
 *
 * The app, the strings and the builds are bench/dev-only-app.ts's (bench/browser.ts part c prints the same
 * figures). It installs this repository's dist/ (npm test builds it first), and is built against the msw of
 * the project: msw 3 in `msw3`, msw 2 in `msw2`.
 */
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, expectedOwners, NEEDLES, search, writeApp, type MswPackage } from '../bench/dev-only-app.ts'

const msw: MswPackage = process.env.COGNITO_MOCK_MSW_MAJOR === '2' ? 'msw2' : 'msw'
// Under the repository (its node_modules hold msw, jose, zod, faker), one directory per run and project.
const dir = fileURLToPath(new URL(`../.tmp/production-build-test/${msw}-${process.pid}`, import.meta.url))

describe(`an app that starts the mock behind import.meta.env.DEV (vite build, ${msw})`, () => {
  beforeAll(() => writeApp({ dir, start: 'cognito', msw }))
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('holds no byte of the mock in production', async () => {
    const build = await buildApp(dir, 'production', msw)

    // The app itself was built…
    expect(build.files.map((file) => file.name)).toContain('index.html')
    expect(build.files.some((file) => file.name.endsWith('.js') && file.text.includes('ready'))).toBe(true)
    // …and nothing but the app and Vite's own helper went into it.
    expect(Object.keys(build.renderedBytes).filter((owner) => owner !== 'app' && owner !== 'other')).toEqual([])
    // No output file holds a string of the mock, msw, jose, zod or faker.
    expect(search(build.files).filter((needle) => needle.count > 0)).toEqual([])
  })

  it('holds all of it in development (the strings searched for are the right ones)', async () => {
    const build = await buildApp(dir, 'development', msw)
    const { owners, ownersWithoutNeedles } = await expectedOwners()

    expect(ownersWithoutNeedles, 'a run-time dependency has no distinctive string in bench/dev-only-app.ts NEEDLES').toEqual([])
    expect(build.renderedBytes['cognito-device-mock']).toBeGreaterThan(0)
    const missing = search(build.files, NEEDLES.filter((needle) => owners.includes(needle.owner))).filter((needle) => needle.count === 0)
    expect(missing).toEqual([])
  })
})
