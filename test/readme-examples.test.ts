import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { CognitoIdentityProviderClient, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt } from 'jose'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CognitoMock } from '../src/index.ts'

/**
 * Every example in README.md runs as written, or, where Node cannot run it (browser, Playwright, Storybook),
 * type-checks as written. The README is read at test time, so an edited README is what is tested, and a new
 * example fails here until `examples` says how it is checked.
 *
 * Snippets are written under .tmp/ inside the repository so that `cognito-device-mock` resolves to this
 * package through its own `exports` (dist/, the files users get: `npm run build` first, as `npm test` does)
 * and every other import to node_modules. In the msw2 project Vite's alias turns the snippets' `msw` into msw 2.
 */

const root = new URL('../', import.meta.url)
const README = readFileSync(new URL('README.md', root), 'utf8')
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  name: string
  scripts: Record<string, string>
  peerDependencies: Record<string, string>
}
const major = process.env.COGNITO_MOCK_MSW_MAJOR ?? '3'
// One folder per project: the msw2 and msw3 projects run at the same time.
const work = new URL(`.tmp/readme-examples/msw${major}/`, root)

interface Block {
  lang: string
  code: string
  /** README line of the snippet's first line. */
  line: number
  key: string
}

/** The module's top-level constants, as `check` gets them. */
type Scope = Record<string, any>

interface Example {
  /** What the snippet names without defining it: real code when it runs, declarations when it is only type-checked. */
  prelude?: string
  /** Runs the snippet in Node and checks what it produced; without it the snippet is type-checked only. */
  check?: (scope: Scope) => unknown
  /** A whole file as a reader writes it: also type-checked in a strict Vite React project (`viteStrict` below). */
  vite?: true
}

const lineOf = (index: number) => README.slice(0, index).split('\n').length
const keyOf = (code: string) => code.split('\n').find((line) => line.trim() !== '')!.replace(/\s+/g, ' ').trim()

function fencedBlocks(): Block[] {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]!, line: lineOf(m.index) + 1, key: keyOf(m[2]!) }))
}

// Inline code that is a whole statement ("Or in one line: `const … = …`") is an example too.
function inlineStatements(): Block[] {
  return [...README.matchAll(/`((?:const|await) [^`\n]+)`/g)].map((m) => ({ lang: 'ts', code: `${m[1]!}\n`, line: lineOf(m.index), key: m[1]! }))
}

/** The SDK v3 client of the README's Node example lists the first user's devices through whatever MSW serves. */
async function listDevices(cognito: CognitoMock) {
  const [pool] = cognito.pools.list()
  const [user] = cognito.users.list(pool!.id)
  const client = new CognitoIdentityProviderClient({ region: 'us-east-1', maxAttempts: 1 })
  try {
    return (await client.send(new ListDevicesCommand({ AccessToken: await cognito.tokens.issue(pool!.id, user!.username) }))).Devices
  } finally {
    client.destroy()
  }
}

const mockAndAppHandlers = `import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { createCognitoMock } from 'cognito-device-mock'
const appHandlers = [http.get('https://api.example.test/me', () => HttpResponse.json({ name: 'Ada' }))]
const cognito = createCognitoMock({ seed: 42 })`

/** One server answers both the app's own handler and Cognito. */
async function answersBoth({ cognito }: Scope) {
  expect(await (await fetch('https://api.example.test/me')).json()).toEqual({ name: 'Ada' })
  expect(await listDevices(cognito)).toBeInstanceOf(Array)
}

const mock = `import { createCognitoMock } from 'cognito-device-mock'\nconst cognito = createCognitoMock({ seed: 42 })`

/**
 * Every README example, keyed by the start of its first line (whitespace collapsed): short enough that editing
 * the example's arguments keeps it matched, long enough that each key matches one example. An array holds the
 * alternatives a block separates with `// or:`, each checked with its own prelude.
 */
const examples: Record<string, Example | Example[]> = {
  "import { setupServer } from 'msw/node'": {
    async check({ cognito, Devices }) {
      expect(cognito.requests.list().map(({ operation, status }: { operation: string; status: number }) => [operation, status])).toEqual([['ListDevices', 200]])
      expect(Devices).toBeInstanceOf(Array)
      // The example's point: a list to show. The world gives a pool's first user remembered devices (issue 10).
      expect(Devices.length).toBeGreaterThan(0)
    },
  },
  'const { server, cognito } = setupCognitoServer(': {
    prelude: "import { setupCognitoServer } from 'cognito-device-mock/node'", // "from `cognito-device-mock/node`", says the README
    async check({ server, cognito }) {
      server.listen()
      expect(await listDevices(cognito)).toBeInstanceOf(Array)
    },
  },
  'server.use(...cognito.handlers)': [
    { prelude: `${mockAndAppHandlers}\nconst server = setupServer(...appHandlers)\nserver.listen()`, check: answersBoth },
    { prelude: mockAndAppHandlers, check: (scope) => (scope.server.listen(), answersBoth(scope)) },
  ],
  "import { startCognitoWorker } from 'cognito-device-mock/browser'": {},
  'const { cognito } = await startCognitoWorker(': {
    prelude: "import { startCognitoWorker } from 'cognito-device-mock/browser'",
  },
  // Only Playwright can run it: e2e/readme.spec.ts is this example line for line (checked below).
  "import { test, expect } from 'cognito-device-mock/playwright'": {},
  '// .storybook/preview.ts': { vite: true },
  // A whole story file: its imports, its Story type (the intersection checks `parameters.cognito`, which Storybook
  // types as `any`), and `./Devices`, the reader's component (DEVICES_COMPONENT below).
  '// a story:': { vite: true },
  'const [pool] = cognito.pools.list()': {
    prelude: `import { Amplify } from 'aws-amplify'
import { signIn } from 'aws-amplify/auth'
import { setupCognitoServer } from 'cognito-device-mock/node'
const { server, cognito } = setupCognitoServer({ seed: 42 })
server.listen()`,
    check({ cognito }) {
      const calls = cognito.requests.list() as { operation: string; status: number }[]
      expect(calls.map((call) => call.operation)).toEqual(expect.arrayContaining(['InitiateAuth', 'RespondToAuthChallenge']))
      expect(calls.filter((call) => call.status !== 200)).toEqual([])
    },
  },
  'const pool = cognito.pools.create({ usernameAttributes': {
    prelude: `import { CognitoIdentityProviderClient, ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider'
import { setupCognitoServer } from 'cognito-device-mock/node'
const { server, cognito } = setupCognitoServer({ seed: 42 })
server.listen()`,
    check({ cognito, pool }) {
      const [user] = cognito.users.list(pool.id)
      expect(user).toMatchObject({ username: user.sub, email: 'ada@example.com', emailVerified: true, status: 'CONFIRMED', attributes: { name: 'Ada' } })
      expect((cognito.requests.list() as { operation: string; status: number }[]).map(({ operation, status }) => [operation, status])).toEqual([['SignUp', 200], ['ConfirmSignUp', 200]])
    },
  },
  'const { AccessToken, IdToken, RefreshToken, NewDeviceMetadata } = await cognito.signIn(': {
    prelude: `${mock}
const [pool] = cognito.pools.list()
const [user] = cognito.users.list(pool.id)
const device = cognito.devices.create(pool.id, user.username)`,
    check({ AccessToken, NewDeviceMetadata, fromDevice, device }) {
      expect(decodeJwt(AccessToken).token_use).toBe('access')
      expect(NewDeviceMetadata.DeviceKey).toMatch(/^us-east-1_/)
      expect(fromDevice.NewDeviceMetadata).toBeUndefined()
      expect(decodeJwt(fromDevice.AccessToken).device_key).toBe(device.key)
    },
  },
  'const session = await cognito.signInAs(': {
    prelude: `${mock}
const [pool] = cognito.pools.list()
const [user] = cognito.users.list(pool.id)
const items = new Map<string, string>()
const localStorage = { setItem: (key: string, value: string) => void items.set(key, value) }
import { writeClientSession } from 'cognito-device-mock'
void writeClientSession`,
    check({ session, items, cognito, pool, user }) {
      expect(items.get(`CognitoIdentityServiceProvider.${pool.clients[0].clientId}.LastAuthUser`)).toBe(user.username)
      expect(items.get(`CognitoIdentityServiceProvider.${pool.clients[0].clientId}.${user.username}.deviceKey`)).toBe(session.device.key)
      expect(cognito.devices.get(pool.id, user.username, session.device.key).rememberedStatus).toBe('remembered')
    },
  },
  "test('opens on the device list, signed in', async ({ page, cognito }) => {": {
    prelude: "import { test, expect } from 'cognito-device-mock/playwright'",
  },
  '// global-setup.ts': {},
  'export const SignedIn: Story = {': {
    prelude: `import type { JSX } from 'react'
import type { StoryObj } from '@storybook/react-vite'
import type { CognitoStoryParameters } from 'cognito-device-mock/storybook'
declare function AccountPage(): JSX.Element
type Story = StoryObj<typeof AccountPage> & { parameters?: { cognito?: CognitoStoryParameters } }`,
  },
  'if (import.meta.env.DEV) {': {
    prelude: '/// <reference types="vite/client" />',
  },
  "import { faker as fakerDE } from '@faker-js/faker/locale/de'": {
    check({ cognito }) {
      const [pool] = cognito.pools.list()
      expect(pool.name).toBe('Acme')
      const users = cognito.users.list(pool.id)
      expect(users.map((user: { username: string }) => user.username)[0]).toBe('ada')
      expect(users).toHaveLength(5)
      const devices = cognito.devices.list(pool.id, 'ada')
      expect(devices).toHaveLength(4)
      expect(devices.find((device: { name?: string }) => device.name === 'Ada’s MacBook')?.rememberedStatus).toBe('remembered')
      // The factory's private-a addresses, on every device; the locale's names on the drawn users.
      expect(devices.every((device: { lastIp: string }) => device.lastIp.startsWith('10.'))).toBe(true)
      expect(users[0].password).toBe('Secret-123!')
    },
  },
  '// MFA in every pool that does not say': {
    prelude: "import { createCognitoMock } from 'cognito-device-mock'",
    check({ cognito }) {
      const [pool] = cognito.pools.list()
      expect(pool.mfa).toMatchObject({ mode: 'on', factors: ['totp', 'sms'], rememberedDevicesSkipMfa: true })
      expect(cognito.users.get(pool.id, 'ada').mfa).toMatchObject({ enabled: ['totp'], preferred: 'totp' })
      expect(cognito.users.get(pool.id, 'bob').mfa.enabled).toEqual(['sms', 'totp'])
      expect(cognito.users.get(pool.id, 'bob').mfa.preferred).toBeUndefined()
      expect(cognito.users.totpCode(pool.id, 'ada')).toMatch(/^\d{6}$/)
    },
  },
  "const code = cognito.outbox.code({ username: 'ada', medium: 'SMS' })": {
    // A sign-in that stopped at SMS_MFA sent ada's code; bob has an authenticator.
    prelude: `import { createCognitoMock } from 'cognito-device-mock'
const cognito = createCognitoMock({
  seed: 42,
  world: { pools: [{ mfa: { mode: 'on', factors: ['sms', 'totp'] }, users: [{ username: 'ada', password: 'Secret-123!', phoneNumber: '+15555550123', mfa: ['sms'] }, { username: 'bob', mfa: ['totp'] }] }] },
})
const [pool] = cognito.pools.list()
await cognito.handle(new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
  body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clients[0].clientId, AuthParameters: { USERNAME: 'ada', PASSWORD: 'Secret-123!' } }),
}))`,
    check({ cognito, code, authenticatorCode, stop }) {
      expect(cognito.outbox.list()).toEqual([expect.objectContaining({ username: 'ada', medium: 'SMS', destination: '+15555550123', code })])
      expect(code).toMatch(/^\d{6}$/)
      expect(authenticatorCode).toMatch(/^\d{6}$/)
      expect(stop).toBeTypeOf('function')
    },
  },
  'cognito.scenarios.use(': {
    prelude: mock,
    check: ({ cognito }) => expect(cognito.scenarios.active()).toEqual([]), // its last line: clear()
  },
}

interface Part extends Example {
  block: Block
  code: string
  file: string
}

const tsBlocks = () => [...fencedBlocks(), ...inlineStatements()].filter((block) => block.lang === 'ts' || block.lang === 'tsx')
const keysOf = (block: Block) => Object.keys(examples).filter((key) => block.key.startsWith(key))

function parts(): Part[] {
  return tsBlocks().flatMap((block) => {
    const [key, ...more] = keysOf(block)
    const entry = key === undefined || more.length > 0 ? undefined : examples[key]
    if (!entry) return []
    const alternatives = Array.isArray(entry) ? block.code.split(/\/\/ or:[^\n]*\n/) : [block.code]
    if (Array.isArray(entry) && alternatives.length !== entry.length) throw new Error(`README.md:${block.line}: ${alternatives.length} alternatives, ${entry.length} preludes`)
    return alternatives.map((code, i) => ({
      ...(Array.isArray(entry) ? entry[i]! : entry),
      block,
      code,
      file: `line-${String(block.line).padStart(3, '0')}${Array.isArray(entry) ? `-${i + 1}` : ''}.${block.lang}`,
    }))
  })
}

/** Names bound by top-level `const`/`let` (plain or destructured) that the snippet does not export itself. */
function topLevelNames(code: string): string[] {
  return [...code.matchAll(/^(?:const|let) (\{[^=]*\}|\[[^=]*\]|[\w$]+)\s*[:=]/gm)].flatMap((m) =>
    m[1]!.replace(/^[{[]|[}\]]$/g, '').split(',').map((name) => name.split(':').at(-1)!.replace('...', '').trim()).filter(Boolean),
  )
}

/** Prelude + snippet as one module; a run part also exports its constants, for `check`. */
function moduleOf(part: Part): string {
  const body = `${part.prelude ?? ''}\n${part.code}`
  return `${body}\nexport { ${part.check ? topLevelNames(body).join(', ') : ''} }\n`
}

const all = parts()
const cleanups: (() => void)[] = []

/** `./Devices` of the README's story: the reader's component. */
const DEVICES_COMPONENT = `import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'

export function Devices({ client, accessToken }: { client: CognitoIdentityProviderClient; accessToken: string }) {
  return <p data-region={String(client.config.region)}>{accessToken.length}</p>
}
`

/**
 * The tsconfig.app.json of Vite's React template (`npm create vite -- --template react-ts`), plus
 * `noUncheckedIndexedAccess`: what the README's whole-file examples (`vite: true`) must pass as written.
 */
const viteStrict = {
  target: 'es2022', useDefineForClassFields: true, lib: ['es2022', 'dom', 'dom.iterable'], module: 'esnext', types: ['vite/client'],
  skipLibCheck: true, moduleResolution: 'bundler', allowImportingTsExtensions: true, verbatimModuleSyntax: true, moduleDetection: 'force',
  noEmit: true, jsx: 'react-jsx', strict: true, noUnusedLocals: true, noUnusedParameters: true, erasableSyntaxOnly: true,
  noFallthroughCasesInSwitch: true, noUncheckedSideEffectImports: true, noUncheckedIndexedAccess: true,
}

beforeAll(() => {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  for (const part of all) writeFileSync(new URL(part.file, work), moduleOf(part))
  // What a reader's project would have: strict, modern ESM, a bundler's resolution, React's JSX.
  const compilerOptions = {
    target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2023', 'dom', 'dom.iterable'], types: ['node'],
    jsx: 'react-jsx', strict: true, skipLibCheck: true, noEmit: true, isolatedModules: true,
  }
  writeFileSync(new URL('tsconfig.json', work), JSON.stringify({ compilerOptions, include: ['*.ts', '*.tsx'] }, null, 2))
  writeFileSync(new URL('Devices.tsx', work), DEVICES_COMPONENT)
  const viteFiles = ['Devices.tsx', ...all.filter((part) => part.vite).map((part) => part.file)]
  writeFileSync(new URL('tsconfig.vite.json', work), JSON.stringify({ compilerOptions: viteStrict, files: viteFiles }, null, 2))
})

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('README examples', () => {
  it('every ts/tsx example is known here (run, or type-checked), and every known one is in the README', () => {
    const found = tsBlocks()
    const unmatched = found.filter((block) => keysOf(block).length !== 1).map((block) => `README.md:${block.line}: ${block.key} (keys: ${keysOf(block).length})`)
    expect(unmatched, 'give each of these one key in `examples`, test/readme-examples.test.ts').toEqual([])
    const stale = Object.keys(examples).filter((key) => found.filter((block) => block.key.startsWith(key)).length !== 1)
    expect(stale, 'keys matching no README example, or several').toEqual([])
    const other = fencedBlocks().filter((block) => !['ts', 'tsx', 'sh'].includes(block.lang)).map((block) => `README.md:${block.line}: ${block.lang || '(none)'}`)
    expect(other, 'fenced blocks of a language this test does not check').toEqual([])
  })

  it.each(all.filter((part) => part.check).map((part) => [`${part.file}: ${part.block.key.slice(0, 70)}`, part] as const))(
    'runs %s',
    async (_, part) => {
      const scope: Scope = await import(/* @vite-ignore */ pathToFileURL(fileURLToPath(new URL(part.file, work))).href)
      // The snippets listen and never close (a reader's test would, in afterAll).
      cleanups.push(() => scope.server?.close(), () => scope.client?.destroy())
      await part.check!(scope)
    },
  )

  // One compiler run for every example, run ones included; the same types in both projects, so once.
  // And the whole-file examples again in a strict Vite React project (tsconfig.vite.json), at the same time.
  it.skipIf(major !== '3')('type-checks every example as written', { timeout: 120_000 }, async () => {
    expect(all.filter((part) => part.vite).length).toBeGreaterThanOrEqual(2)
    const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', root))
    const compile = (project: string) =>
      promisify(execFile)(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: fileURLToPath(work) }).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string; message: string }) => error.stdout || error.message,
      ).then((text) => text.replace(/^(?=.)/gm, `${project}: `))
    const output = (await Promise.all(['tsconfig.json', 'tsconfig.vite.json'].map(compile))).join('\n')
    // Back to README lines, so a failure says which example broke.
    const errors = output.split('\n').filter(Boolean).map((text) => {
      const at = /^(\S+: )(line-\S+?\.tsx?)\((\d+),\d+\): (.*)$/.exec(text)
      const part = at && all.find((p) => p.file === at[2])
      if (!part) return text
      const preludeLines = part.prelude ? part.prelude.split('\n').length : 0
      const snippetLine = Number(at![3]) - 1 - preludeLines
      return `${at![1]}${snippetLine >= 0 ? `README.md:${part.block.line + snippetLine}` : `prelude of README.md:${part.block.line}`}: ${at![4]}`
    })
    expect(errors).toEqual([])
  })

  it('the Playwright example runs as e2e/readme.spec.ts, line for line (only its import differs)', () => {
    const example = fencedBlocks().find((block) => block.key.startsWith("import { test, expect } from 'cognito-device-mock/playwright'"))!
    const spec = readFileSync(new URL('../e2e/readme.spec.ts', import.meta.url), 'utf8')
    const body = spec.slice(spec.indexOf('\nimport ') + 1)
    expect(body).toBe(example.code.replace("from 'cognito-device-mock/playwright'", "from '../src/playwright.ts'"))
  })

  it('sh blocks name only npm scripts, packages, CLI commands and flags that exist', () => {
    const cli = fileURLToPath(new URL('dist/cli.js', root))
    const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })
    const commands = new Set(/^Usage: \S+ (.+?) \[options\]/m.exec(help)![1]!.split('|'))
    const flags = new Set(help.match(/(?<=^\s+(?:-\w, )?)--[\w-]+/gm))
    const installable = new Set([pkg.name, ...Object.keys(pkg.peerDependencies)])
    // Each rule returns what it could not find; `line` is the command without its comment.
    const missing = (names: string[], known: { has(name: string): boolean }) => names.filter((name) => !known.has(name))
    const scripts = new Set(Object.keys(pkg.scripts))
    const rules: [RegExp, (m: RegExpExecArray, line: string) => string[]][] = [
      [/^npm install$/, () => []],
      [/^npm install --save-dev (.+)$/, (m) => missing(m[1]!.split(' '), installable)],
      [/^npm (test)$|^npm run ([\w:-]+)/, (m) => missing([m[1] ?? m[2]!], scripts)],
      [/^npx msw init /, () => missing(['msw'], installable)],
      [/^npx cognito-device-mock (\S+)(.*)$/, (m) => missing([m[1]!], commands).concat(missing(m[2]!.match(/--[\w-]+/g) ?? [], flags))],
      // The CLI's help prints the same line, and test/cli.test.ts runs `aws cognito-idp list-devices` and `initiate-auth` for real.
      [/^aws cognito-idp (?:list-devices|initiate-auth) /, (_, line) => (help.includes(line) ? [] : ['the same line in `cognito-device-mock --help`'])],
    ]
    const lines = fencedBlocks()
      .filter((block) => block.lang === 'sh')
      .flatMap((block) => block.code.split('\n').map((text, i) => ({ text: text.replace(/\s+#.*$/, '').trim(), at: `README.md:${block.line + i}` })))
      .filter(({ text }) => text !== '')
    expect(lines.length).toBeGreaterThan(0)
    const problems = lines.flatMap(({ text, at }) => {
      const rule = rules.find(([pattern]) => pattern.test(text))
      if (!rule) return [`${at}: "${text}" matches no rule of this test`]
      return rule[1](rule[0].exec(text)!, text).map((name) => `${at}: "${text}": no ${name}`)
    })
    expect(problems).toEqual([])
  })
})
