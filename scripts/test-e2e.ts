/**
 * End-to-end tests: the h5 build (dist/h5, built by `npm test` just before) driven in headless
 * Chromium by playwright-core, against a host each test starts on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { ensureBrowser } from './ensure-browser'

const ROOT = path.resolve(__dirname, '..')

let chromium: string | null
try {
  chromium = ensureBrowser()
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}
if (!chromium) {
  console.warn('[e2e] SKIPPED: no browser on this machine (see above).')
  process.exit(0)
}
if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
  console.error('[e2e] dist/h5 is missing: run `npm run build:h5` first.')
  process.exit(1)
}
const r = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'jest'),
  ['--selectProjects', 'e2e', '--ci', '--runInBand'],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: chromium },
  },
)
process.exit(r.status ?? 1)
