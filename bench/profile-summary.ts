/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top functions by self time, and the time spent
 * inside this package's source (`/src/`) by function, inclusive of what they call.
 *
 *   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/run.ts --only=a
 *   node bench/profile-summary.ts .tmp/prof/<file>.cpuprofile [top=25] [filter=/src/]
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, topArg, filterArg] = process.argv.slice(2)
if (!file) {
  console.error('usage: node bench/profile-summary.ts <file.cpuprofile> [top] [url filter]')
  process.exit(2)
}
const top = Number(topArg ?? 25)
const filter = filterArg ?? '/src/'
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile

const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

const self = new Map<number, number>()
let total = 0
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0
  self.set(id, (self.get(id) ?? 0) + dt)
  total += dt
})

const label = (node: ProfileNode) => {
  const url = node.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')
  return `${node.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${node.callFrame.lineNumber + 1}` : ''}`.trim()
}

const selfByLabel = new Map<string, number>()
for (const [id, us] of self) {
  const key = label(byId.get(id)!)
  selfByLabel.set(key, (selfByLabel.get(key) ?? 0) + us)
}

// Inclusive time per function under `filter`, counting each sample once per distinct function on its stack.
const inclusive = new Map<string, number>()
for (const [id, us] of self) {
  const seen = new Set<string>()
  for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
    const node = byId.get(cursor)!
    if (!node.callFrame.url.includes(filter)) continue
    const key = label(node)
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + us)
  }
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`
console.log(`total ${ms(total)}\n\nself time, top ${top}:`)
for (const [key, us] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${key}`)
console.log(`\ninclusive time in ${filter}, top ${top}:`)
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${key}`)
