export { setupCognitoServer } from './adapters/node-server.ts'
