import * as sdk from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deviceOperationNames, modeledErrors, type CognitoMock, type DeviceOperationName } from '../src/index.ts'
import { fillMessage, messageFor } from '../src/model/messages.ts'
import { rejection, sdkClient, startMock, wire, type MockFixture } from './support.ts'

/**
 * Every operation × every exception its model lists, scripted by a scenario and received by the unmodified AWS SDK
 * for JavaScript v3 as its own exception class, with the catalogue's message, status and fault.
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const KEY = 'us-east-1_e5aa0983-759e-478c-bf4b-6fa73b2af7a5'

let fixture: MockFixture
let cognito: CognitoMock
let client: sdk.CognitoIdentityProviderClient
let inputs: Record<DeviceOperationName, object>

/** A well-formed input for each operation (scripted answers never look at it, but the SDK must be able to send it). */
async function inputsFor(mock: CognitoMock): Promise<Record<DeviceOperationName, object>> {
  const pool = mock.pools.list()[0]!
  const user = mock.users.list(pool.id)[0]!
  const AccessToken = await mock.tokens.issue(pool.id, user.username)
  const admin = { UserPoolId: pool.id, Username: user.username }
  return {
    GetDevice: { AccessToken, DeviceKey: KEY },
    AdminGetDevice: { ...admin, DeviceKey: KEY },
    ListDevices: { AccessToken, Limit: 60 },
    AdminListDevices: { ...admin, Limit: 60 },
    ForgetDevice: { AccessToken, DeviceKey: KEY },
    AdminForgetDevice: { ...admin, DeviceKey: KEY },
    UpdateDeviceStatus: { AccessToken, DeviceKey: KEY, DeviceRememberedStatus: 'remembered' },
    AdminUpdateDeviceStatus: { ...admin, DeviceKey: KEY, DeviceRememberedStatus: 'remembered' },
    ConfirmDevice: { AccessToken, DeviceKey: KEY, DeviceName: 'nodejs', DeviceSecretVerifierConfig: { PasswordVerifier: 'cA==', Salt: 'cw==' } },
  }
}

function command(operation: DeviceOperationName): object {
  const Class = (sdk as unknown as Record<string, new (input: object) => object>)[`${operation}Command`]
  if (!Class) throw new Error(`the SDK has no ${operation}Command`)
  return new Class(inputs[operation])
}

function exceptionClass(type: string): abstract new (...args: never[]) => Error {
  const cls = (sdk as unknown as Record<string, unknown>)[type]
  if (typeof cls !== 'function') throw new Error(`the SDK exports no ${type}`)
  return cls as abstract new (...args: never[]) => Error
}

describe('scenario error catalogue through the AWS SDK v3', () => {
  beforeAll(async () => {
    fixture = startMock({ seed: 42 })
    cognito = fixture.cognito
    client = sdkClient()
    inputs = await inputsFor(cognito)
  })
  afterAll(() => {
    client.destroy()
    fixture.close()
  })
  beforeEach(() => {
    cognito.scenarios.clear()
    cognito.requests.clear()
  })

  it('covers every operation, and every operation models at least the common exceptions', () => {
    expect(deviceOperationNames).toHaveLength(9)
    for (const operation of deviceOperationNames) {
      expect(modeledErrors(operation)).toEqual(expect.arrayContaining(['ResourceNotFoundException', 'TooManyRequestsException', 'InternalErrorException']))
    }
  })

  for (const operation of deviceOperationNames) {
    describe(operation, () => {
      for (const type of modeledErrors(operation)) {
        it(`${type}: the SDK's class, the catalogue message, ${type === 'InternalErrorException' ? '500 server' : '400 client'} fault`, async () => {
          cognito.scenarios.use({ name: `script ${type}`, operations: operation, answer: { error: type } })
          const error = await rejection(client.send(command(operation) as never))
          expect(error).toBeInstanceOf(exceptionClass(type))
          expect(error).toBeInstanceOf(sdk.CognitoIdentityProviderServiceException)
          expect(error.name).toBe(type)
          // A template's members are filled from the call (AdminListDevices names its pool, as the real service does).
          expect(error.message).toBe(fillMessage(messageFor(operation, type).message, inputs[operation] as Record<string, unknown>))
          const server = type === 'InternalErrorException'
          expect(error.$metadata.httpStatusCode).toBe(server ? 500 : 400)
          expect(error.$fault).toBe(server ? 'server' : 'client')
          expect(error.$metadata.attempts).toBe(1)
          expect(error.$metadata.requestId).toMatch(UUID_V4)
          const log = cognito.requests.list()
          expect(log.map((r) => [r.operation, r.answeredBy, r.status, r.errorType, r.requestId])).toEqual([
            [operation, `script ${type}`, server ? 500 : 400, type, error.$metadata.requestId],
          ])
        })
      }
    })
  }

  it('the rule applies only to its operation: the others are answered by the store', async () => {
    cognito.scenarios.use({ operations: 'GetDevice', answer: { error: 'TooManyRequestsException' } })
    const output = (await client.send(command('ListDevices') as never)) as { $metadata: { httpStatusCode: number } }
    expect(output.$metadata.httpStatusCode).toBe(200)
    expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['store'])
  })

  it('a custom message overrides the catalogue message, on a user and on an admin operation', async () => {
    cognito.scenarios.use([
      { operations: 'ListDevices', answer: { error: 'TooManyRequestsException', message: 'Slow down: 5 calls per second' } },
      { operations: 'AdminGetDevice', answer: { error: 'ResourceNotFoundException', message: 'User pool us-east-1_Zz9 does not exist.' } },
    ])
    const list = await rejection(client.send(command('ListDevices') as never))
    expect(list).toBeInstanceOf(sdk.TooManyRequestsException)
    expect(list.message).toBe('Slow down: 5 calls per second')
    const get = await rejection(client.send(command('AdminGetDevice') as never))
    expect(get).toBeInstanceOf(sdk.ResourceNotFoundException)
    expect(get.message).toBe('User pool us-east-1_Zz9 does not exist.')
  })

  it('an empty custom message reaches the client as empty, not as the catalogue message', async () => {
    cognito.scenarios.use({ operations: 'GetDevice', answer: { error: 'NotAuthorizedException', message: '' } })
    const error = await rejection(client.send(command('GetDevice') as never))
    expect(error).toBeInstanceOf(sdk.NotAuthorizedException)
    expect(error.message).not.toBe(messageFor('GetDevice', 'NotAuthorizedException').message)
    const answer = await wire('GetDevice', inputs.GetDevice)
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({ __type: 'NotAuthorizedException', message: '' })
    expect(answer.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:')
  })

  describe('unmodeled errors', () => {
    it('use() refuses an error the operation does not model, naming the ones it does, and changes nothing', async () => {
      cognito.scenarios.use({ name: 'kept', operations: 'GetDevice', answer: { error: 'TooManyRequestsException' } })
      const before = cognito.scenarios.active()
      let message = ''
      try {
        cognito.scenarios.use({ operations: 'AdminGetDevice', answer: { error: 'UserNotFoundException' } })
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^\[cognito-device-mock\] .*AdminGetDevice does not model UserNotFoundException/)
      expect(message).toContain(`it models ${modeledErrors('AdminGetDevice').join(', ')}`)
      expect(cognito.scenarios.active()).toEqual(before)
      // Nothing scripted for AdminGetDevice: the store answers (the key is unknown).
      const error = await rejection(client.send(command('AdminGetDevice') as never))
      expect(error).toBeInstanceOf(sdk.ResourceNotFoundException)
      expect(cognito.requests.list().map((r) => r.answeredBy)).toEqual(['store'])
    })

    it('use() refuses a rule for all operations when one of them does not model the error', () => {
      expect(() => cognito.scenarios.use({ answer: { error: 'UserNotFoundException' } })).toThrow(
        /^\[cognito-device-mock\] .*(AdminGetDevice|AdminListDevices) does not model UserNotFoundException/,
      )
      expect(() => cognito.scenarios.use({ answer: { error: 'DeviceKeyExistsException' } })).toThrow(/does not model DeviceKeyExistsException/)
      expect(cognito.scenarios.active()).toEqual([])
    })

    it('unmodeled: true answers it anyway, as the SDK class of that name, with its catalogue message', async () => {
      cognito.scenarios.use({ operations: 'AdminGetDevice', answer: { error: 'UserNotFoundException', unmodeled: true } })
      const error = await rejection(client.send(command('AdminGetDevice') as never))
      expect(error).toBeInstanceOf(sdk.UserNotFoundException)
      expect(error.message).toBe('User does not exist.')
      expect(error.$metadata.httpStatusCode).toBe(400)
      expect(error.$fault).toBe('client')
    })

    it('unmodeled: true with a type the SDK does not know becomes the base service exception with that name', async () => {
      cognito.scenarios.use({ operations: 'ListDevices', answer: { error: 'MadeUpException', message: 'Too many', unmodeled: true } })
      const error = await rejection(client.send(command('ListDevices') as never))
      expect(error).toBeInstanceOf(sdk.CognitoIdentityProviderServiceException)
      expect(error.name).toBe('MadeUpException')
      expect(error.message).toBe('Too many')
      expect(error.$metadata.httpStatusCode).toBe(400)
    })
  })
})
