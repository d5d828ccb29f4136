/**
 * Issue 12's cold-start benchmark: what a new CloudBase container pays to load each cloud function,
 * against the baseline every function pays anyway, loading wx-server-sdk alone. The functions are
 * built into a folder inside the repository (so the bundles resolve wx-server-sdk from
 * node_modules); then, in a fresh Node process per sample, alternating so drift hits all alike, it
 * times `require('wx-server-sdk')` alone and `require(<function>/index.js)` (which requires
 * wx-server-sdk itself). Prints each function's index.js and lazy parts in KB, the median load
 * times, and each function's ratio to the baseline; the `api` function must stay within
 * COLD_START_BUDGET and 1.3× the baseline (the process exits non-zero otherwise).
 *   npm run bench -- cloud-load          (BENCH_LOADS samples each, default 21)
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { buildCloud, COLD_START_BUDGET, type BuiltFunction } from '../../scripts/build-cloud'

const ROOT = path.resolve(__dirname, '..', '..')
export const MAX_LOAD_RATIO = 1.3

/** Milliseconds `require(target)` takes in a fresh Node process started in the repository, after `before` ran. */
function timeRequire(target: string, before = ''): number {
  const script = `
    ${before}
    const t0 = process.hrtime.bigint()
    require(${JSON.stringify(target)})
    process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6))`
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, timeout: 60_000 })
  return Number(out.toString())
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export async function run(): Promise<void> {
  const samples = Number(process.env.BENCH_LOADS ?? 21)
  const outDir = path.join(ROOT, 'tests', '.artifacts', `cloud-load-${process.pid}`)
  mkdirSync(outDir, { recursive: true })
  try {
    const built: BuiltFunction[] = await buildCloud({ outDir, quiet: true })
    const times = new Map<string, number[]>([
      ['wx-server-sdk', []],
      ...built.map((f) => [f.name, []] as [string, number[]]),
    ])
    // One warm-up of each, so the first sample does not pay for the disk cache alone.
    timeRequire('wx-server-sdk')
    for (const f of built) timeRequire(path.join(f.dir, 'index.js'))
    for (let i = 0; i < samples; i++) {
      times.get('wx-server-sdk')!.push(timeRequire('wx-server-sdk'))
      for (const f of built) times.get(f.name)!.push(timeRequire(path.join(f.dir, 'index.js')))
    }
    const base = median(times.get('wx-server-sdk')!)
    console.log(`${samples} fresh Node processes each; median time of the require alone`)
    console.log(`  ${'wx-server-sdk alone'.padEnd(24)} ${''.padStart(10)} ${base.toFixed(1).padStart(7)} ms  1.00×`)
    let failed = false
    for (const f of built) {
      const t = median(times.get(f.name)!)
      const ratio = t / base
      console.log(
        `  ${`${f.name}/index.js`.padEnd(24)} ${kb(f.bytes).padStart(10)} ${t.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×`,
      )
      for (const p of f.parts) console.log(`    ${`${p.name}.js (on demand)`.padEnd(28)} ${kb(p.bytes).padStart(10)}`)
      if (f.name === 'api') {
        const sizeOk = f.bytes <= COLD_START_BUDGET
        const ratioOk = ratio <= MAX_LOAD_RATIO
        console.log(
          `  api: ${kb(f.bytes)} of ${kb(COLD_START_BUDGET)} ${sizeOk ? 'ok' : 'OVER BUDGET'}; ` +
            `load ${ratio.toFixed(2)}× wx-server-sdk, limit ${MAX_LOAD_RATIO}× ${ratioOk ? 'ok' : 'OVER LIMIT'}`,
        )
        failed ||= !sizeOk || !ratioOk
      }
    }
    // What the first .docx export adds on top of a loaded api function (informational).
    const api = built.find((f) => f.name === 'api')
    if (api?.parts.some((p) => p.name === 'minutes-docx')) {
      const index = JSON.stringify(path.join(api.dir, 'index.js'))
      const docx = Array.from({ length: Math.min(samples, 7) }, () =>
        timeRequire(path.join(api.dir, 'minutes-docx.js'), `require(${index})`),
      )
      console.log(
        `  first .docx export loads minutes-docx.js in ${median(docx).toFixed(1)} ms (median of ${docx.length})`,
      )
    }
    if (failed) process.exitCode = 1
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
