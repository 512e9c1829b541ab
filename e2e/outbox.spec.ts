/**
 * MFA codes from a Playwright test: `routeCognito` returns the mock's codes (`outbox`, `lastCode`, `totpCode`),
 * the calls the worker fixture has. The page is a blank one on an origin of its own (served by routing, so no
 * app and no preview server are needed); its Cognito calls are answered from the test process's mock.
 */
import type { Page } from '@playwright/test'
import { expect, routeCognito, test } from '../src/playwright.ts'
import { createCognitoMock } from '../src/index.ts'

const ORIGIN = 'http://outbox.test'

/** A Cognito call from the page, as an SDK would send it. */
function call(page: Page, operation: string, input: unknown): Promise<{ ChallengeName?: string; Session?: string; AuthenticationResult?: object }> {
  return page.evaluate(
    async ({ operation, input }) => {
      const response = await fetch('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
        body: JSON.stringify(input),
      })
      return await response.json()
    },
    { operation, input },
  )
}

test.use({ serviceWorkers: 'block' })

test('routeCognito: the SMS code from lastCode and the authenticator code from totpCode sign the page in', async ({ page, context }) => {
  const mock = createCognitoMock({
    seed: 7,
    world: {
      pools: [
        {
          mfa: { mode: 'on', factors: ['sms', 'totp'] },
          users: [
            { username: 'sam', password: 'Secret-123!', phoneNumber: '+15555550142', mfa: ['sms'] },
            { username: 'tia', password: 'Secret-123!', mfa: ['totp'] },
          ],
        },
      ],
    },
  })
  const cognito = await routeCognito(context, mock)
  await context.route(`${ORIGIN}/`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>outbox</title>' }))
  await page.goto(`${ORIGIN}/`)
  const ClientId = mock.pools.list()[0]!.clients[0]!.clientId
  const start = (USERNAME: string) => call(page, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD: 'Secret-123!' } })

  await expect(cognito.lastCode()).rejects.toThrow(/the outbox is empty/)
  const sms = await start('sam')
  expect(sms.ChallengeName).toBe('SMS_MFA')
  expect(await cognito.outbox({ username: 'sam' })).toEqual([expect.objectContaining({ medium: 'SMS', destination: '+15555550142' })])
  const SMS_MFA_CODE = await cognito.lastCode({ username: 'sam', medium: 'SMS' })
  expect(SMS_MFA_CODE).toMatch(/^\d{6}$/)
  const smsDone = await call(page, 'RespondToAuthChallenge', { ClientId, ChallengeName: 'SMS_MFA', Session: sms.Session, ChallengeResponses: { USERNAME: 'sam', SMS_MFA_CODE } })
  expect(smsDone.AuthenticationResult).toBeDefined()

  const totp = await start('tia')
  expect(totp.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
  const SOFTWARE_TOKEN_MFA_CODE = await cognito.totpCode('tia') // the first pool's
  const totpDone = await call(page, 'RespondToAuthChallenge', {
    ClientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: totp.Session, ChallengeResponses: { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE },
  })
  expect(totpDone.AuthenticationResult).toBeDefined()
})
