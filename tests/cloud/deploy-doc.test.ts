/**
 * docs/deploy.md tells whoever deploys to CloudBase which collections and indexes to create by
 * hand (CloudBase creates neither); it must list exactly what src/cloud/collections.ts declares.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../src/cloud/collections'

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8')

/** The collection table's rows: name → the index cell. */
function documentedCollections(): Map<string, string> {
  const rows = new Map<string, string>()
  for (const line of doc.split('\n')) {
    const m = /^\|\s*`([a-z_]+)`\s*\|([^|]*)\|/.exec(line)
    if (m) rows.set(m[1], m[2].trim())
  }
  return rows
}

test('every declared collection is in the deployment guide with each of its indexes, and nothing else', () => {
  const rows = documentedCollections()
  expect([...rows.keys()].sort()).toEqual(Object.keys(COLLECTIONS).sort())
  for (const [name, { indexes }] of Object.entries(COLLECTIONS)) {
    const documented = indexes.map((fields) => fields.map((f) => `\`${f}\``).join(' + '))
    if (documented.length === 0) expect([name, rows.get(name)]).toEqual([name, expect.stringContaining('无')])
    else
      expect([
        name,
        rows
          .get(name)!
          .split('；')
          .map((s) => s.trim()),
      ]).toEqual([name, documented])
  }
})
