import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

/**
 * What README "Node versions" says, checked: `engines`, and Amplify v6's device tracking in Node, which needs a
 * global `navigator` (Node has one since 21). On Node 20 Amplify signs in without it but never confirms the
 * device; the README's one-line polyfill makes it confirm. The library itself on Node 20 with msw 2, as npm
 * installs it there, is test/pack.test.ts's ("runs on Node 20").
 *
 * The sign-ins run in child processes (Node 20 cannot run this suite), against dist/ (`npm run build` first, as
 * `npm test` does) and msw 2 (the `msw2` devDependency: what Node 20 gets), with the repo's aws-amplify.
 */

const root = new URL('../', import.meta.url)
const README = readFileSync(new URL('README.md', root), 'utf8')
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } }
const node20 = process.env.COGNITO_MOCK_NODE20 ?? '/usr/bin/node'
const node20Version = existsSync(node20) ? execFileSync(node20, ['--version'], { encoding: 'utf8' }).trim() : 'none'
const repoNode = existsSync(fileURLToPath(new URL('node_modules/.bin/node', root))) ? fileURLToPath(new URL('node_modules/.bin/node', root)) : process.execPath

/** The README's polyfill, word for word. */
const POLYFILL = "globalThis.navigator ??= { userAgent: 'Node.js' }"

const script = (polyfill: boolean) => `${polyfill ? POLYFILL : ''}
const { http } = await import('msw2')
const { setupServer } = await import('msw2/node')
const { createCognitoMock } = await import('../../dist/index.js')
const { Amplify } = await import('aws-amplify')
const { signIn } = await import('aws-amplify/auth')
const cognito = createCognitoMock({ seed: 42 })
const server = setupServer(http.all(/^https:\\/\\/cognito-idp\\./, ({ request }) => cognito.handle(request)))
server.listen({ onUnhandledRequest: 'bypass' })
const [pool] = cognito.pools.list()
const [user] = cognito.users.list(pool.id)
Amplify.configure({ Auth: { Cognito: { userPoolId: pool.id, userPoolClientId: pool.clients[0].clientId } } })
const before = cognito.devices.list(pool.id, user.username).length
const { nextStep } = await signIn({ username: user.username, password: user.password })
server.close()
console.log(JSON.stringify({
  node: process.version,
  step: nextStep.signInStep,
  calls: cognito.requests.list().map((call) => call.operation + ' ' + call.status),
  newDevices: cognito.devices.list(pool.id, user.username).slice(before).map((device) => device.name),
}))
`

async function signInWith(node: string, polyfill: boolean): Promise<{ node: string; step: string; calls: string[]; newDevices: string[] }> {
  const dir = new URL('.tmp/node-versions/', root)
  mkdirSync(dir, { recursive: true })
  const file = new URL(`sign-in-${polyfill ? 'polyfill' : 'plain'}-${node === node20 ? 20 : 'repo'}.mjs`, dir)
  writeFileSync(file, script(polyfill))
  const { stdout } = await promisify(execFile)(node, [fileURLToPath(file)], { cwd: fileURLToPath(root) })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

describe('Node versions (README)', () => {
  it('engines are the ones the README states', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.13.0 || >=24.0.0')
    const section = README.slice(README.indexOf('### Node versions'), README.indexOf('## Use'))
    for (const floor of ['20.19', '22.13', '24', '22.12']) expect(section).toContain(floor)
    expect(section).toContain(`\`${POLYFILL}\``)
  })

  it.runIf(process.env.COGNITO_MOCK_MSW_MAJOR !== '2' && node20Version.startsWith('v20.') && existsSync(fileURLToPath(new URL('dist/index.js', root))))(
    `Amplify v6 on Node 20 (${node20Version}) tracks the device only with the README's navigator; on the repo's Node it needs none`,
    { timeout: 60_000 },
    async () => {
      const [plain, polyfilled, current] = await Promise.all([signInWith(node20, false), signInWith(node20, true), signInWith(repoNode, false)])
      expect(plain.node).toMatch(/^v20\./)
      // Signed in, yet the device was never confirmed: Amplify swallows the missing navigator.
      expect(plain).toMatchObject({ step: 'DONE', calls: ['InitiateAuth 200', 'RespondToAuthChallenge 200'], newDevices: [] })
      expect(polyfilled).toMatchObject({ step: 'DONE', calls: ['InitiateAuth 200', 'RespondToAuthChallenge 200', 'ConfirmDevice 200'] })
      expect(polyfilled.newDevices).toEqual(['Node.js']) // the userAgent is the device's name
      expect(Number(current.node.slice(1).split('.')[0])).toBeGreaterThanOrEqual(21)
      expect(current.calls).toContain('ConfirmDevice 200')
    },
  )
})
