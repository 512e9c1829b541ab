import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * `cognito-device-mock serve` in a process of its own, for the tests that drive the built CLI (test/cli.test.ts,
 * test/serve-state.test.ts). Needs `npm run build` first (`npm test` builds before vitest).
 */

const root = fileURLToPath(new URL('..', import.meta.url))

/** The built CLI the tests spawn. */
export const cliPath = join(root, 'dist/cli.js')

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

/** A running `serve`, with the summary it printed (`--json`'s first line). */
export interface Served<S> {
  child: ChildProcessWithoutNullStreams
  summary: S
  stderr(): string
  exit: Promise<Exit>
  /** Sends `signal` (default SIGTERM) unless it has exited, and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>
}

/**
 * Spawns `node dist/cli.js serve --port 0 --json ...args` and waits for its summary line.
 *
 * @example
 * const served = await startServe<{ endpoint: string }>(['--seed', '42'])
 * await fetch(served.summary.endpoint, …)
 * await served.stop()
 */
export async function startServe<S>(args: string[] = []): Promise<Served<S>> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run "npm run build" first ("npm test" does).`)
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--json', ...args], { stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exit = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const summary = await new Promise<S>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no summary within 20 s; stderr: ${stderr}`)), 20_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const newline = stdout.indexOf('\n')
      if (newline < 0) return
      clearTimeout(timer)
      try {
        resolve(JSON.parse(stdout.slice(0, newline)) as S)
      } catch (error) {
        reject(new Error(`the first line of stdout is not JSON: ${stdout.slice(0, 300)}`, { cause: error }))
      }
    })
    void exit.then(({ code, signal }) => reject(new Error(`serve exited (${code ?? signal}) before its summary; stderr: ${stderr}`)))
  })
  return {
    child,
    summary,
    stderr: () => stderr,
    exit,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exit
    },
  }
}

/** The AWS documentation's example key: what the CLI signs admin calls with in these tests (the mock accepts any by default). */
export const FAKE_KEY = { id: 'AKIDEXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

/** A clean environment for the AWS CLI: keys (`null`: none, for unsigned calls), no config files, no instance metadata, UTC, no pager. */
export function awsEnv(credentials: { id: string; secret: string } | null = FAKE_KEY): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    ...(credentials ? { AWS_ACCESS_KEY_ID: credentials.id, AWS_SECRET_ACCESS_KEY: credentials.secret } : {}),
  }
}
