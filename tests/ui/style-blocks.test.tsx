/**
 * In the browser build every page's stylesheet is global once the page has been visited, so two
 * pages that style the same top-level class silently restyle each other. Each page and component
 * stylesheet owns its blocks; shared styles live in src/app.scss.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SRC = path.join(__dirname, '..', '..', 'src')

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return stylesheets(full)
    return e.name.endsWith('.scss') && full !== path.join(SRC, 'app.scss') ? [full] : []
  })
}

test('no two stylesheets define the same top-level class', () => {
  const owners = new Map<string, string[]>()
  for (const file of stylesheets(SRC)) {
    const blocks = new Set(readFileSync(file, 'utf8').match(/^\.[a-z][a-z0-9-]*/gm) ?? [])
    for (const block of blocks) owners.set(block, [...(owners.get(block) ?? []), path.relative(SRC, file)])
  }
  const shared = [...owners].filter(([, files]) => files.length > 1)
  expect(shared).toEqual([])
})

test('a top-level class of a stylesheet is not also one of src/app.scss', () => {
  const global = new Set(readFileSync(path.join(SRC, 'app.scss'), 'utf8').match(/^\.[a-z][a-z0-9-]*/gm))
  const clashes = stylesheets(SRC).flatMap((file) =>
    (readFileSync(file, 'utf8').match(/^\.[a-z][a-z0-9-]*/gm) ?? [])
      .filter((b) => global.has(b))
      .map((b) => `${path.relative(SRC, file)} ${b}`),
  )
  expect(clashes).toEqual([])
})
