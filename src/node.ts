export { setupCognitoServer } from './adapters/node-server.ts'
export { startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions } from './adapters/local-endpoint.ts'
