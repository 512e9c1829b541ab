export { startCognitoWorker } from './adapters/browser-worker.ts'
export type { StartCognitoWorkerOptions, WorkerStartOptions } from './adapters/browser-worker.ts'
export { readStartupSettings, scenarioControl, CONTROL_KEYS } from './scenarios/control.ts'
export type { ScenarioControl, StartupSettings } from './scenarios/control.ts'
