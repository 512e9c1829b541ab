import * as msw from 'msw'
import mswPackage from 'msw/package.json' with { type: 'json' }
import { setupServer } from 'msw/node'
import { describe, expect, it } from 'vitest'
import { createCognitoMock } from '../src/index.ts'

/**
 * The suite runs once per msw major (see vitest.config.ts). This proves each project really runs the major it
 * claims, in the tests and in the library source alike, so the matrix can never test msw 3 twice.
 */
const expected = Number(process.env.COGNITO_MOCK_MSW_MAJOR)

describe(`msw matrix (msw ${expected})`, () => {
  it('knows which msw major this project is meant to run', () => {
    expect([2, 3]).toContain(expected)
  })

  it('resolves msw/package.json to that major', () => {
    expect(Number(mswPackage.version.split('.')[0])).toBe(expected)
  })

  it("sees that major's API from 'msw'", () => {
    // msw 3 renamed cleanUrl to getCleanUrlString and dropped the GraphQL handler from the core entry.
    const api = msw as Record<string, unknown>
    if (expected === 2) {
      expect(api.cleanUrl).toBeTypeOf('function')
      expect(api.getCleanUrlString).toBeUndefined()
    } else {
      expect(api.getCleanUrlString).toBeTypeOf('function')
      expect(api.cleanUrl).toBeUndefined()
    }
  })

  it('gives the library source the same msw as the tests', async () => {
    const cognito = createCognitoMock({ seed: 1 })
    // The handlers come from src/mock.ts's `http`; they are instances of the tests' msw classes only if
    // both resolved `msw` to the same copy.
    expect(cognito.handlers.length).toBeGreaterThan(0)
    for (const handler of cognito.handlers) expect(handler).toBeInstanceOf(msw.HttpHandler)

    const server = setupServer(...cognito.handlers)
    server.listen()
    try {
      const response = await fetch('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetDevice' },
        body: '{}',
      })
      // Answered by the mock through this major's interceptor, never by the network.
      expect(response.status).toBe(400)
      expect(response.headers.get('x-amzn-errortype')).toMatch(/^InvalidParameterException:/)
      await response.text()
    } finally {
      server.close()
    }
  })
})
