/**
 * The iteration order of a `java.util.HashSet<String>` filled in `values` order.
 *
 * Why: Cognito renders enum constraints as `Member must satisfy enum value set: [...]` from a Java set, so
 * the order is neither the model's nor alphabetical (real sample: `[OPTIONAL, OFF, ON]`).
 */
export function javaHashSetOrder(values: readonly string[]): string[] {
  let capacity = 16
  while (values.length > capacity * 0.75) capacity *= 2
  const buckets: string[][] = Array.from({ length: capacity }, () => [])
  for (const value of values) {
    let hash = 0
    for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0
    const spread = hash ^ (hash >>> 16)
    buckets[spread & (capacity - 1)]!.push(value)
  }
  return buckets.flat()
}
