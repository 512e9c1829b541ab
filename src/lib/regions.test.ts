import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isRegionName, REGION_SOURCE } from './regions.ts'

interface Partition {
  id: string
  regionRegex: string
  regions: Record<string, unknown>
}

/** The partitions data the AWS SDK for JavaScript v3 ships: every partition, its region pattern and regions. */
async function sdkPartitions(): Promise<Partition[]> {
  const root = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'))
  const file = join(root, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js')
  const { partitionsInfo } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { partitionsInfo: { partitions: Partition[] } }
  return partitionsInfo.partitions
}

describe('isRegionName', () => {
  it('accepts every region of every partition the SDK knows, and refuses its pseudo-regions', async () => {
    const partitions = await sdkPartitions()
    expect(partitions.map((p) => p.id)).toEqual(expect.arrayContaining(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']))
    for (const partition of partitions) {
      for (const region of Object.keys(partition.regions)) {
        if (region.endsWith('-global')) expect(isRegionName(region), region).toBe(false)
        else {
          expect(isRegionName(region), region).toBe(true)
          expect(new RegExp(partition.regionRegex).test(region), region).toBe(true)
        }
      }
    }
  })

  it('accepts the region shapes of each partition, new regions included', () => {
    for (const name of ['us-east-1', 'ap-southeast-7', 'mx-central-1', 'cn-northwest-1', 'us-gov-east-1', 'eusc-de-east-1', 'eusc-de-west-2',
      'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'us-isof-east-1', 'il-central-12']) {
      expect(isRegionName(name), name).toBe(true)
    }
  })

  it('refuses what is not a region name', () => {
    for (const name of ['', 'aws-global', 'us-east-1a', 'US-EAST-1', 'us_east_1', 'us-east', 'east-1', 'useast1', 'u-east-1', 'abcde-east-1',
      'us-east-1.', ' us-east-1', 'us-east-1\n', 'us--east-1', 'local']) {
      expect(isRegionName(name), JSON.stringify(name)).toBe(false)
    }
  })

  it('REGION_SOURCE has no capturing group, so it embeds in other patterns without shifting their groups', () => {
    expect(new RegExp(`^(${REGION_SOURCE})$`).exec('us-gov-west-1')?.length).toBe(2)
  })
})
