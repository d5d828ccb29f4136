/**
 * Finds LibreOffice (`soffice`) and poppler's `pdftotext` / `pdftoppm` for the printed-document
 * tests (tests/print), installing Debian's `libreoffice-writer-nogui`, `poppler-utils` and
 * `fonts-noto-cjk` when it can (root with apt-get), as scripts/ensure-browser.ts does for Chromium.
 * Under CI=true a missing tool is a failure, never a skip.
 */
import { spawnSync } from 'node:child_process'
import { aptInstall, canApt, hasChineseFont } from './ensure-browser'

/** Each tool the tests run, with the Debian package that brings it. */
const TOOLS: [command: string, debianPackage: string][] = [
  ['soffice', 'libreoffice-writer-nogui'],
  ['pdftotext', 'poppler-utils'],
  ['pdftoppm', 'poppler-utils'],
]

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
}

function missingPackages(): string[] {
  const packages = TOOLS.filter(([cmd]) => !onPath(cmd)).map(([, pkg]) => pkg)
  if (!hasChineseFont()) packages.push('fonts-noto-cjk')
  return [...new Set(packages)]
}

/**
 * True when soffice, pdftotext, pdftoppm and a Chinese font are all here (installing them first
 * when it can); false when they cannot be had on this machine. Throws under CI=true when false.
 */
export function ensureLibreOffice(): boolean {
  const missing = missingPackages()
  if (missing.length && canApt()) {
    try {
      aptInstall(missing)
    } catch (err) {
      console.error('[print] apt-get failed:', (err as Error).message)
    }
  }
  const still = missingPackages()
  if (still.length === 0) return true
  const message = `[print] missing ${still.join(', ')}. Install with: apt-get install ${still.join(' ')}`
  if (process.env.CI === 'true') throw new Error(`${message} — required under CI=true`)
  console.warn(`${message} — printed-document tests are SKIPPED on this machine.`)
  return false
}

if (require.main === module) {
  try {
    console.log(ensureLibreOffice() ? 'available' : 'unavailable')
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
}
