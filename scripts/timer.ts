/**
 * `npm run timer`: runs every daily job (src/cloud/jobs) once against DATA_DIR's SQLite database
 * (default .data) at the current time, and prints each job's report. What the `timer` cloud function
 * does every morning in production; notices already sent are not sent again.
 *   DATA_DIR=.data npm run timer
 */
import path from 'node:path'
import { openEmbedded } from '../src/cloud/embedded'
import { runDailyJobs } from '../src/cloud/functions/timer/run-jobs'

async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const ports = openEmbedded({ dataDir: path.resolve(process.env.DATA_DIR ?? path.join(root, '.data')) })
  try {
    const reports = await runDailyJobs(ports, ports.clock.now())
    for (const r of reports) {
      console.log(`${r.job}：发出 ${r.sent} 条通知`)
      for (const line of r.details) console.log(`  ${line}`)
    }
  } finally {
    await ports.store.close()
  }
}

run().catch((err) => {
  console.error(err)
  process.exit(1)
})
