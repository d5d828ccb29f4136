/**
 * Finds Chromium for the end-to-end tests, installing Debian's `chromium` and `fonts-noto-cjk`
 * when it can (root with apt-get). Without Chinese fonts every label renders as boxes.
 * Under CI=true a missing browser is a failure, never a skip.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[]

function findChromium(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null
}

/** Whether fontconfig knows a font with Chinese glyphs. */
export function hasChineseFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim().length > 0
}

/** Whether this process may install Debian packages (root with apt-get). */
export function canApt(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0
}

/** Installs Debian `packages` with apt-get (non-interactive); throws when apt-get fails. */
export function aptInstall(packages: string[]): void {
  console.log(`[apt] installing ${packages.join(' ')} from Debian…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env })
}

/** The Chromium path, or null when it cannot be had here (never null under CI). */
export function ensureBrowser(): string | null {
  const missing: string[] = []
  if (!findChromium()) missing.push('chromium')
  if (!hasChineseFont()) missing.push('fonts-noto-cjk')
  if (missing.length && canApt()) {
    try {
      aptInstall(missing)
    } catch (err) {
      console.error('[browser] apt-get failed:', (err as Error).message)
    }
  }
  const chromium = findChromium()
  const problems = [!chromium && 'Chromium not found', !hasChineseFont() && 'no Chinese font (fonts-noto-cjk)'].filter(
    Boolean,
  )
  if (problems.length) {
    const message = `[browser] ${problems.join('; ')}. Install with: apt-get install chromium fonts-noto-cjk`
    if (process.env.CI === 'true') throw new Error(`${message} — required under CI=true`)
    console.warn(`${message} — end-to-end tests are SKIPPED on this machine.`)
    return chromium && hasChineseFont() ? chromium : null
  }
  return chromium
}

if (require.main === module) {
  try {
    console.log(ensureBrowser() ?? 'unavailable')
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
}
