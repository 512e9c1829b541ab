import { CONTROL_KEYS, type ScenarioControl } from 'cognito-device-mock/browser'

declare global {
  interface Window {
    /** Put there by `startCognitoWorker({ exposeOnWindow: true })`: for the dev panel, Playwright and the console. */
    __cognitoDeviceMock?: ScenarioControl
  }
}

export function mockControl(): ScenarioControl {
  const control = window.__cognitoDeviceMock
  if (!control) throw new Error('window.__cognitoDeviceMock is missing: start the worker with exposeOnWindow: true.')
  return control
}

/** The most recently used preset, by name ('happy-path' when none: the store answers everything). */
export function activePreset(control: ScenarioControl): string {
  const names = new Set(control.presets().map((p) => p.name))
  return control.active().find((layer) => names.has(layer.source))?.source ?? 'happy-path'
}

/** The panel shows itself in development, and anywhere with `?cognito-panel` (e2e tests run the production build). */
export function panelEnabled(search: string = location.search): boolean {
  return import.meta.env.DEV || new URLSearchParams(search).has('cognito-panel')
}

/**
 * Switches preset at runtime: rules off, a fresh copy of the seeded world (so a preset that re-seeds, such as
 * many-devices, does not outlive its selection, and the state matches a page loaded with
 * `?cognito-scenario=<name>`), then the preset. The URL is updated so a reload keeps it.
 */
export function switchPreset(control: ScenarioControl, preset: string): void {
  control.clear()
  control.use({ name: 'fresh-world', world: {}, rules: [] })
  control.use(preset)
  const url = new URL(location.href)
  url.searchParams.set(CONTROL_KEYS.scenarioParam, preset)
  history.replaceState(history.state, '', url)
}

/**
 * Switches seed: the seed is fixed when the mock is created, so it goes to localStorage (read by
 * startCognitoWorker) and the page reloads. A `cognito-seed` in the URL would win over localStorage, so it
 * is removed; the preset travels in the URL.
 */
export function switchSeed(seed: number, preset: string): void {
  let stored: Record<string, unknown> = {}
  try {
    stored = JSON.parse(localStorage.getItem(CONTROL_KEYS.storageKey) ?? '{}') as Record<string, unknown>
  } catch {
    // A broken entry is replaced.
  }
  localStorage.setItem(CONTROL_KEYS.storageKey, JSON.stringify({ ...stored, seed }))
  const url = new URL(location.href)
  url.searchParams.delete(CONTROL_KEYS.seedParam)
  url.searchParams.set(CONTROL_KEYS.scenarioParam, preset)
  location.assign(url)
}
