/**
 * The same seed grows the same world in Chromium as in Node: faker, its locale data and the seeded randomizer
 * run in the page exactly as in Node, so the page's state is byte-identical to a Node mock's.
 */
import { expect, test } from '../src/playwright.ts'
import { createCognitoMock, type StoreSnapshot } from '../src/index.ts'
import { DEMO, expectState } from './support/app.ts'

/** The seeded part of a snapshot (what the app's reads cannot change), as the text a byte comparison needs. */
const world = (snapshot: StoreSnapshot) => JSON.stringify({ pools: snapshot.pools, users: snapshot.users, devices: snapshot.devices, nextSeq: snapshot.nextSeq })

for (const seed of [DEMO.seed, 1337, 'a string seed']) {
  test.describe(`seed ${JSON.stringify(seed)}`, () => {
    test.use({ cognitoSeed: seed })

    test("the page's world is byte-identical to Node's", async ({ page, cognito }) => {
      await cognito.goto('/')
      await expectState(page, 'ready')
      const inPage = await cognito.state('snapshot')
      const inNode = createCognitoMock({ seed, world: DEMO.world }).snapshot()
      expect(inPage.devices.length).toBeGreaterThan(50)
      expect(world(inPage)).toBe(world(inNode))
    })
  })
}
