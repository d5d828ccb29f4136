/**
 * Benchmarks (not part of `npm test`): each reports times and ratios against a baseline measured in
 * the same run.   npm run bench [-- <name>]
 */
import { run as cloudLoad } from './cloud-load.bench'
import { run as compliance } from './compliance.bench'
import { run as h5Load } from './h5-load.bench'
import { run as signin } from './signin.bench'
import { run as supervision } from './supervision.bench'

const BENCHES: Record<string, () => Promise<void>> = {
  compliance,
  signin,
  'cloud-load': cloudLoad,
  'h5-load': h5Load,
  supervision,
}

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (only.length && !only.includes(name)) continue
    console.log(`=== ${name} ===`)
    await bench()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
