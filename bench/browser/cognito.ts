/**
 * The mock's page, started as the demo app starts it (e2e/app/src/main.tsx): startCognitoWorker with the demo's
 * world, persistence and the window control, then a token for the first user and one ListDevices.
 */
import { startCognitoWorker } from '../../src/browser.ts'
import { listDevices, mark, run } from './shared.ts'

mark('script')
run(async () => {
  const { cognito } = await startCognitoWorker({ seed: 42, world: { devicesPerUser: { min: 20, max: 32 } }, persist: true, exposeOnWindow: true })
  mark('worker')
  const pool = cognito.pools.list()[0]!
  const user = cognito.users.list(pool.id)[0]!
  const token = await cognito.tokens.issue(pool.id, user.username)
  mark('token')
  const devices = await listDevices(token)
  mark('response')
  return devices
})
