// The README's generated tables: presets and the operation × exception catalogue.
// `npm run gen:readme` rewrites them in README.md; test/readme.test.ts fails when they are stale.
import { deviceOperationNames } from '../src/model/exceptions.ts'
import { exceptionCatalogue } from '../src/scenarios/messages.ts'
import { presets } from '../src/scenarios/presets.ts'

const cell = (text: string) => text.replace(/\|/g, '\\|')

export function presetTable(): string {
  const rows = presets.map((p) => `| \`${p.name}\` | ${cell(p.description ?? '')} | ${cell(p.ui ?? '')} |`)
  return ['| preset | what it does | what a UI should show |', '|---|---|---|', ...rows].join('\n')
}

export function catalogueTable(): string {
  const rows = exceptionCatalogue(deviceOperationNames).map(
    (row) => `| ${row.operation} | ${row.type} | ${row.type === 'InternalErrorException' ? 500 : 400} | ${cell(row.message)} | ${row.confirmed ? 'yes' : 'no'} |`,
  )
  return ['| operation | exception | status | message the mock uses | confirmed from the real service |', '|---|---|---|---|---|', ...rows].join('\n')
}

export const sections = { presets: presetTable, catalogue: catalogueTable } as const

/** README text with every generated section replaced by its current content. */
export function withTables(readme: string): string {
  let out = readme
  for (const [name, table] of Object.entries(sections)) {
    const start = `<!-- generated:${name} -->`
    const end = `<!-- /generated:${name} -->`
    const from = out.indexOf(start)
    const to = out.indexOf(end)
    if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`)
    out = `${out.slice(0, from + start.length)}\n${table()}\n${out.slice(to)}`
  }
  return out
}
