/** The mock's page: startCognitoWorker with the demo's world, a token for the first user, one ListDevices. */
import { createCognitoMock } from '../../src/index.ts'
import { startCognitoWorker } from '../../src/browser.ts'
import { listDevices, mark, run } from './shared.ts'

mark('script')
run(async () => {
  const cognito = createCognitoMock({ seed: 42, world: { devicesPerUser: { min: 20, max: 32 } } })
  mark('mock')
  await startCognitoWorker(cognito)
  mark('worker')
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id)[0]!
  const token = await cognito.tokens.issue(pool.id, user.username)
  mark('token')
  const devices = await listDevices(token)
  mark('response')
  return devices
})
