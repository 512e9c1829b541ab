import { setupServer, type SetupServer } from 'msw/node'
import { createCognitoMock, type CognitoMock, type CognitoMockOptions } from '../mock.ts'

/**
 * An MSW server for Node that answers Cognito with a new mock (or the one given). Any other request is
 * left to your own handlers and MSW's `onUnhandledRequest`.
 *
 * @example
 * import { setupCognitoServer } from 'cognito-device-mock/node'
 *
 * const { server, cognito } = setupCognitoServer({ seed: 42 })
 * beforeAll(() => server.listen())
 * afterEach(() => cognito.reset())
 * afterAll(() => server.close())
 */
export function setupCognitoServer(mockOrOptions: CognitoMock | CognitoMockOptions = {}): { server: SetupServer; cognito: CognitoMock } {
  const cognito = 'handlers' in mockOrOptions ? mockOrOptions : createCognitoMock(mockOrOptions)
  return { server: setupServer(...cognito.handlers), cognito }
}
