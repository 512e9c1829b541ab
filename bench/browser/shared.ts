/**
 * What both benchmark pages share: marks relative to the navigation (performance.now() counts from the
 * page's time origin), and one ListDevices through the unmodified AWS SDK v3 client, as the demo app sends it.
 */
import { CognitoIdentityProviderClient, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider'

export interface BenchResult {
  /** Milliseconds since navigation start, by mark name, in the order they were reached. */
  marks: Record<string, number>
  /** Devices in the ListDevices answer (a sanity check that the answer was real). */
  devices: number
  error?: string
}

const marks: Record<string, number> = {}

export function mark(name: string): void {
  marks[name] = performance.now()
}

/** One ListDevices, like the demo's first page: Limit 10, no retries (nothing here should fail). */
export async function listDevices(AccessToken: string): Promise<number> {
  const client = new CognitoIdentityProviderClient({ region: 'us-east-1', maxAttempts: 1 })
  const output = await client.send(new ListDevicesCommand({ AccessToken, Limit: 10 }))
  return output.Devices?.length ?? 0
}

/** Runs the page's steps and publishes the result on `window.__bench` for the driver to read. */
export function run(steps: () => Promise<number>): void {
  const publish = (result: BenchResult) => {
    ;(window as unknown as { __bench: BenchResult }).__bench = result
  }
  steps().then(
    (devices) => publish({ marks, devices }),
    (error: unknown) => publish({ marks, devices: 0, error: String((error as Error)?.stack ?? error) }),
  )
}
