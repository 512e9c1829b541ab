import { http, type HttpHandler } from 'msw'
import { cognitoHostPatterns, customEndpointPattern } from '../protocol/aws-json.ts'

/**
 * The MSW handlers that send every request to Cognito's hosts (AWS's, and `endpoints`) to `handle`. A mock's
 * own `handlers` are these; the browser adapter builds them before the mock exists (and before the mock's code
 * has loaded), so that the service worker registers while the rest of the library loads and the world is seeded.
 *
 * @internal not exported from the package entries.
 * @example
 * const handlers = cognitoHandlers(['http://localhost:9229'], (request) => cognito.handle(request))
 */
export function cognitoHandlers(endpoints: readonly string[] | undefined, handle: (request: Request) => Promise<Response>): HttpHandler[] {
  const resolver = ({ request }: { request: Request }) => handle(request)
  return [...cognitoHostPatterns, ...(endpoints ?? []).map(customEndpointPattern)].map((pattern) => http.all(pattern, resolver))
}
