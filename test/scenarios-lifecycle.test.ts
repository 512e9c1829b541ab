import {
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it } from 'vitest'
import { fidelity, type CognitoMock, type UserPoolRecord, type UserRecord } from '../src/index.ts'
import { lifecyclePresets } from '../src/scenarios/presets-lifecycle.ts'
import { rejection, sdkClient, startMock, type MockFixture } from './support.ts'

/**
 * The lifecycle presets through the unmodified SDK v3: each scripts the refusal it names on the operations it
 * names, and leaves the others to the store; `code-delivery-failure`'s lifecycle rule is proven here too.
 */

/** The presets this file proves; test/scenarios.test.ts and test/scenarios-mfa.test.ts prove the others. */
export const LIFECYCLE_PRESETS = lifecyclePresets.map((preset) => preset.name)

let fixture: MockFixture | undefined
let cognito: CognitoMock
let c: CognitoIdentityProviderClient

function start(preset: string): { pool: UserPoolRecord; user: UserRecord; clientId: string } {
  fixture = startMock({ seed: 42 })
  cognito = fixture.cognito
  c = sdkClient({ maxAttempts: 1 })
  cognito.scenarios.use(preset)
  const pool = cognito.pools.list()[0]!
  return { pool, user: cognito.users.list(pool.id)[0]!, clientId: pool.clients[0]!.clientId }
}

afterEach(() => {
  c?.destroy()
  fixture?.close()
  fixture = undefined
})

const signUp = (clientId: string, username = 'newcomer') =>
  c.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: 'Newcomer-Pass-1', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }))

async function refused(promise: Promise<unknown>, name: string, message: string): Promise<void> {
  const error = await rejection(promise)
  expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([name, message, 400])
}

const tests: Record<(typeof LIFECYCLE_PRESETS)[number] | 'code-delivery-failure', () => Promise<void>> = {
  'sign-up-username-taken': async () => {
    const { clientId } = start('sign-up-username-taken')
    await refused(signUp(clientId), 'UsernameExistsException', 'User already exists')
    expect(cognito.outbox.list()).toEqual([])
  },
  'sign-up-password-rejected': async () => {
    const { clientId } = start('sign-up-password-rejected')
    await refused(signUp(clientId), 'InvalidPasswordException', 'Password did not conform with policy: Password must have symbol characters')
  },
  'code-mismatch': async () => {
    const { pool, clientId } = start('code-mismatch')
    cognito.scenarios.clear()
    await signUp(clientId)
    cognito.scenarios.use('code-mismatch')
    const code = cognito.outbox.code({ username: 'newcomer', purpose: 'sign-up' })
    await refused(c.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'newcomer', ConfirmationCode: code })), 'CodeMismatchException', 'Invalid verification code provided, please try again.')
    expect(cognito.users.get(pool.id, 'newcomer')!.status).toBe('UNCONFIRMED')
  },
  'code-expired': async () => {
    const { user, clientId } = start('code-expired')
    await refused(
      c.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: user.username, ConfirmationCode: '123456', Password: 'Another-Pass-1' })),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    )
  },
  'attempt-limit-exceeded': async () => {
    const { user, clientId } = start('attempt-limit-exceeded')
    await refused(c.send(new ForgotPasswordCommand({ ClientId: clientId, Username: user.username })), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.')
    // SignUp has no hourly limit: the store answers it.
    expect((await signUp(clientId)).UserConfirmed).toBe(false)
  },
  'email-quota-exceeded': async () => {
    const { clientId } = start('email-quota-exceeded')
    const error = await rejection(signUp(clientId))
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toMatch(/^Exceeded daily email limit for the operation or the account\./)
  },
  'forgot-password-unknown-user': async () => {
    const { user, clientId } = start('forgot-password-unknown-user')
    await refused(c.send(new ForgotPasswordCommand({ ClientId: clientId, Username: user.username })), 'UserNotFoundException', 'Username/client id combination not found.')
  },
  'forgot-password-no-channel': async () => {
    const { user, clientId } = start('forgot-password-no-channel')
    await refused(
      c.send(new ForgotPasswordCommand({ ClientId: clientId, Username: user.username })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    )
  },
  'already-confirmed': async () => {
    const { clientId } = start('already-confirmed')
    await refused(c.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'anyone' })), 'InvalidParameterException', 'User is already confirmed.')
    await refused(c.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'anyone', ConfirmationCode: '123456' })), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED')
  },
  'code-delivery-failure': async () => {
    const { pool, clientId } = start('code-delivery-failure')
    await refused(signUp(clientId), 'CodeDeliveryFailureException', fidelity.codeDeliveryFailure.message)
    expect(cognito.users.get(pool.id, 'newcomer')).toBeUndefined()
    expect(cognito.outbox.list()).toEqual([])
  },
}

describe('a rule scripting a lifecycle exception without a message carries the operation\'s wording', () => {
  it.each([
    ['ConfirmSignUp', 'CodeMismatchException', 'Invalid verification code provided, please try again.'],
    ['VerifyUserAttribute', 'ExpiredCodeException', 'Invalid code provided, please request a code again.'],
    ['ChangePassword', 'LimitExceededException', 'Attempt limit exceeded, please try after some time.'],
    ['SignUp', 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough'],
    ['ConfirmForgotPassword', 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough'],
    ['SignUp', 'UsernameExistsException', 'User already exists'],
    ['AdminCreateUser', 'UsernameExistsException', 'User account already exists'],
    ['ForgotPassword', 'UserNotFoundException', 'Username/client id combination not found.'],
    ['AdminDeleteUser', 'UserNotFoundException', 'User does not exist.'],
  ] as const)('%s %s: %s', async (operation, error, message) => {
    fixture = startMock({ seed: 42 })
    const { messageFor } = await import('../src/model/messages.ts')
    expect(messageFor(operation, error)?.message).toBe(message)
    fixture.cognito.scenarios.use({ operations: operation, answer: { error } })
    const answer = await fixture.cognito.handle(
      new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
        body: '{}',
      }),
    )
    expect([answer.status, await answer.json()]).toEqual([400, { __type: error, message }])
  })
})

describe('lifecycle presets, by name, through the SDK', () => {
  it('every lifecycle preset has a test here', () => {
    expect(Object.keys(tests).filter((name) => name !== 'code-delivery-failure').sort()).toEqual([...LIFECYCLE_PRESETS].sort())
  })

  for (const [name, test] of Object.entries(tests)) it(name, test)
})
