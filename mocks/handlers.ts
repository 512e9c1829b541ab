// The ready-made MSW wiring, in MSW's own convention (mocks/handlers.ts, mocks/node.ts, mocks/browser.ts).
// Copy these three files into an app, replacing '../src/index.ts' with 'cognito-device-mock'.
import { createCognitoMock } from '../src/index.ts'

/** The mock's state handle: seed data, issue tokens, reset between tests. */
export const cognito = createCognitoMock({ seed: 42 })

export const handlers = [...cognito.handlers]
