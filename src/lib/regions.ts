/**
 * The one definition of an AWS region name, shared by the endpoint patterns and the `region` options.
 *
 * Every partition in the SDKs' partitions data names its regions `{area}(-{qualifier})*-{direction}-{n}`:
 * `us-east-1`, `cn-north-1`, `us-gov-west-1`, `eusc-de-east-1` (four letters: the European Sovereign Cloud),
 * `us-iso-east-1`, `us-isob-east-1`, `eu-isoe-west-1`, `us-isof-south-1`. The partitions' own patterns
 * (`^(us|eu|…)\-\w+\-\d+$`, `^eusc\-(de)\-\w+\-\d+$`, …) all fall inside this one; it stays generic so that a
 * region launched after this release is still recognised. The partitions' pseudo-regions (`aws-global`) are
 * not regions: no Cognito endpoint lives there.
 */

/** Source of a RegExp matching one region name, without anchors or groups, to embed in host patterns. */
export const REGION_SOURCE = '[a-z]{2,4}(?:-[a-z]+)+-\\d+'

const regionName = new RegExp(`^${REGION_SOURCE}$`)

/**
 * Whether `name` is an AWS region name of any partition (commercial, China, GovCloud, ISO, EU sovereign).
 *
 * @example
 * isRegionName('eusc-de-east-1') // true
 * isRegionName('us-east-1a')     // false: an availability zone
 */
export function isRegionName(name: string): boolean {
  return regionName.test(name)
}
