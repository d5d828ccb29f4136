/**
 * The `timer` cloud function: CloudBase calls it every day at 08:00 Beijing time (function.json's
 * timer trigger; CloudBase triggers run on UTC+8) and it runs
 * every DAILY_JOBS entry once with the production ports. Notice ids are deterministic, so a retried
 * or doubled trigger sends nothing twice.
 */
import { cloudBaseOptionsFromEnv, openCloudBase, type WxCloud } from '../../cloudbase'
import type { JobReport } from '../../jobs/daily-job'
import type { Ports } from '../../ports'
import { runDailyJobs } from './run-jobs'

interface WxServerSdk extends WxCloud {
  init(options: { env: unknown }): void
  readonly DYNAMIC_CURRENT_ENV: unknown
}

// Required, not imported: wx-server-sdk stays in the function's own node_modules (see api/index.ts).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cloud = require('wx-server-sdk') as WxServerSdk
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

let ports: Ports | null = null

export async function main(): Promise<{ reports: JobReport[] }> {
  ports ??= openCloudBase(cloud, cloudBaseOptionsFromEnv(process.env))
  const reports = await runDailyJobs(ports, ports.clock.now())
  for (const r of reports) console.log(`[timer] ${r.job}: sent ${r.sent}`, r.details.slice(0, 50).join(' | '))
  return { reports }
}
