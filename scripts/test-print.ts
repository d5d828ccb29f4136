/**
 * Printed-document tests (tests/print): the .docx exports converted to PDF by LibreOffice and read
 * back page by page with pdftotext. Installs the tools when it can (scripts/ensure-libreoffice.ts);
 * skips with a warning when they cannot be had, fails under CI=true.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ensureLibreOffice } from './ensure-libreoffice'

const ROOT = path.resolve(__dirname, '..')

let available: boolean
try {
  available = ensureLibreOffice()
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}
if (!available) {
  console.warn('[print] SKIPPED: LibreOffice or poppler-utils missing on this machine (see above).')
  process.exit(0)
}
const r = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'jest'),
  ['--selectProjects', 'print', '--ci', '--runInBand'],
  { cwd: ROOT, stdio: 'inherit' },
)
process.exit(r.status ?? 1)
