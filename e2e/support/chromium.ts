import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/** Debian's Chromium (installed by .ci/run); Playwright cannot download browsers on this machine. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** Quiet, offline-friendly flags for a headless Chromium in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * The Chromium to launch: Debian's first; else the one `npx playwright install chromium` put in Playwright's
 * cache (`undefined`: Playwright's default); else a clear error.
 */
export function chromiumExecutable(): string | undefined {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM
  if (existsSync(chromium.executablePath())) return undefined
  throw new Error(
    `[cognito-device-mock e2e] No Chromium: neither ${SYSTEM_CHROMIUM} (apt-get install chromium) nor Playwright's ` +
      `${chromium.executablePath()} (npx playwright install chromium) exists.`,
  )
}

/** `launchOptions` for Playwright: executablePath (when not Playwright's own) and the flags above. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumExecutable()
  return { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] }
}
