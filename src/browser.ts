export { startCognitoWorker } from './adapters/browser-worker.ts'
export type { StartCognitoWorkerOptions } from './adapters/browser-worker.ts'
