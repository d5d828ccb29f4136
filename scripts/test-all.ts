/**
 * `npm test`: everything CI runs, in order, stopping at the first failure, with each step's time.
 * Type check, lint (ESLint, and stylelint with the rules WXSS needs), format, unit + cloud-action + UI
 * tests, the printed documents converted to PDF by LibreOffice and read page by page, the WeChat build, WeChat's own compilers (wcc, wcsc) over it, its size check, WeChat's
 * compile-and-pack and code-quality scan (miniprogram-ci), its pages run and rendered in a
 * mini-program simulation, the h5 build, and end-to-end tests in headless Chromium against a host
 * the tests start.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
const BIN = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

const steps: [string, string, string[], Record<string, string>?][] = [
  ['type check', BIN('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['style lint (WXSS rules)', 'npm', ['run', '--silent', 'lint:styles']],
  ['format', BIN('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['unit, cloud and UI tests', BIN('jest'), ['--selectProjects', 'unit', 'cloud', 'ui', '--ci']],
  ['printed documents (LibreOffice)', BIN('tsx'), ['scripts/test-print.ts']],
  ['weapp build', BIN('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' }],
  ['WeChat compilers (wcc, wcsc)', BIN('tsx'), ['scripts/wechat-compilers.ts']],
  ['weapp package check', BIN('tsx'), ['scripts/check-weapp.ts']],
  ['WeChat compile-and-pack (miniprogram-ci)', BIN('tsx'), ['scripts/miniprogram-ci-check.ts']],
  ['weapp pages in a mini-program simulation', BIN('jest'), ['--selectProjects', 'wechat', '--ci']],
  ['cloud function build', BIN('tsx'), ['scripts/build-cloud.ts']],
  ['h5 build', BIN('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' }],
  ['end-to-end tests', BIN('tsx'), ['scripts/test-e2e.ts']],
]

const only = process.argv.slice(2)
const timings: [string, number][] = []
for (const [name, cmd, args, env] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue
  console.log(`\n=== ${name} ===`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  timings.push([name, (Date.now() - started) / 1000])
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal}).`)
    process.exit(1)
  }
}
console.log('\n=== summary ===')
for (const [name, s] of timings) console.log(`✓ ${name.padEnd(28)} ${s.toFixed(1).padStart(6)} s`)
console.log(`  total ${timings.reduce((n, [, s]) => n + s, 0).toFixed(1)} s`)
