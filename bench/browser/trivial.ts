/** The baseline: the same worker set-up with one trivial MSW handler that answers a canned ListDevices page. */
import { http, HttpResponse } from 'msw'
import { setupWorker } from 'msw/browser'
import { listDevices, mark, run } from './shared.ts'

/** The mock's own answer to the same call (seed 42, Limit 10), captured in Node by bench/browser.ts. */
declare const __CANNED_LIST_DEVICES__: { body: string; headers: Record<string, string> }

mark('script')
run(async () => {
  const canned = __CANNED_LIST_DEVICES__
  const worker = setupWorker(
    http.post('https://cognito-idp.us-east-1.amazonaws.com/', () => new HttpResponse(canned.body, { status: 200, headers: canned.headers })),
  )
  // The options startCognitoWorker passes (msw 3 reads onUnhandledFrame, msw 2 onUnhandledRequest).
  await worker.start({ onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass', quiet: true } as Parameters<typeof worker.start>[0])
  mark('worker')
  mark('token')
  const devices = await listDevices('canned')
  mark('response')
  return devices
})
