import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { fidelity } from '../src/fidelity.ts'
import { createCognitoMock, type CognitoMock } from '../src/index.ts'
import { cognitoRequest, credentials } from './support.ts'

/**
 * An outside probe: 5 kB of brackets overflowed the stack of the validator's recursive walks and came back as an
 * unscripted InternalErrorException (500). Deep JSON is malformed JSON to the mock: 400 SerializationException,
 * before SigV4's verdict is needed and before any member is read, and the mock stays healthy afterwards.
 */

const DEPTH = 2100
const deepArrays = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`
const deepObjects = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`

let cognito: CognitoMock
let errorSpy: MockInstance
let poolId = ''
let username = ''
let token = ''
let deviceKey = ''

beforeAll(async () => {
  cognito = createCognitoMock({ seed: 11, credentials: [credentials], world: { pools: 1, usersPerPool: 1, devicesPerUser: { min: 1, max: 1 } } })
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id)[0]!
  poolId = pool.id
  username = user.username
  token = await cognito.tokens.issue(pool.id, user.username)
  deviceKey = cognito.devices.list(pool.id, user.username)[0]!.key
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterAll(() => errorSpy.mockRestore())

async function answer(operation: string, body: string) {
  const response = await cognito.handle(await cognitoRequest(operation, body, { raw: true }))
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), json: JSON.parse((await response.text()) || '{}') }
}

const bodies = (user: Record<string, string>) => ({
  'the probe: a member 2,100 arrays deep': `{"AccessToken":${deepArrays}}`,
  'a deep unknown member beside valid ones': `{${Object.entries(user).map(([k, v]) => `"${k}":"${v}"`).join(',')},"Extra":${deepArrays}}`,
  'objects 2,100 deep as a member': `{"DeviceKey":${deepObjects}}`,
  'the whole body 2,100 arrays deep': deepArrays,
})

describe('deeply nested JSON is a SerializationException, never a 500', () => {
  /** Every deep variant of `fields` answers `operation` with the 400 a malformed body gets. */
  async function refusesDeep(operation: string, fields: Record<string, string>): Promise<void> {
    for (const [what, body] of Object.entries(bodies(fields))) {
      expect(await answer(operation, body), what).toEqual({
        status: 400,
        errorType: 'SerializationException:',
        json: { __type: 'SerializationException', message: fidelity.serialization.malformedJson },
      })
    }
  }

  it('GetDevice', () => refusesDeep('GetDevice', { AccessToken: token, DeviceKey: deviceKey }))

  it('AdminGetDevice (signed: the signature is good, the body is not)', () =>
    refusesDeep('AdminGetDevice', { UserPoolId: poolId, Username: username, DeviceKey: deviceKey }))

  it('nothing was logged as a failure, and the mock answers normally afterwards', async () => {
    expect(errorSpy).not.toHaveBeenCalled()
    const ok = await answer('GetDevice', JSON.stringify({ AccessToken: token, DeviceKey: deviceKey }))
    expect(ok.status).toBe(200)
    expect(ok.json.Device.DeviceKey).toBe(deviceKey)
  })

  it('nesting at the limit is still read as JSON (the member is then just of the wrong type)', async () => {
    const atLimit = `{"AccessToken":${'['.repeat(fidelity.jsonMaxDepth - 1)}${']'.repeat(fidelity.jsonMaxDepth - 1)}}`
    const got = await answer('GetDevice', atLimit)
    expect(got.status).toBe(400)
    expect(got.json).toEqual({ __type: 'SerializationException', message: fidelity.serialization.startOfList })
  })
})
