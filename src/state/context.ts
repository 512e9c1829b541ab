import type { Faker } from '@faker-js/faker'
import type { Clock } from './clock.ts'
import type { Store } from './store.ts'
import type { TokenSigner } from './tokens.ts'
import type { PageTokens } from './page-tokens.ts'

/** What an operation may read and change. Operations are plain functions of this and their input. */
export interface OperationContext {
  readonly store: Store
  readonly clock: Clock
  readonly tokens: TokenSigner
  readonly pages: PageTokens
  /** The runtime random stream (new keys, token ids): seeded, separate from the world's. */
  readonly random: Faker
  /** Region of the endpoint that received the call; `undefined` for a custom endpoint (localhost). */
  readonly endpointRegion: string | undefined
  /** The account id in device ARNs. */
  readonly accountId: string
  /** The caller's address when the request names one (`X-Forwarded-For`): sign-in records it as `last_ip_used`. */
  readonly sourceIp?: string
}
