/**
 * The shape of one daily job and of what it reports: the jobs (src/cloud/jobs/*.ts) implement it,
 * the registry (src/cloud/jobs/index.ts) lists them and the timer (src/cloud/functions/timer) runs them.
 */
import type { Ports } from '../ports'

export interface JobReport {
  job: string
  /** Notices newly stored and sent by this run. */
  sent: number
  /** One line per thing noticed, for the timer's log. */
  details: string[]
}

export interface DailyJob {
  name: string
  /** Does what is due at `now` (ms since epoch) through `ports`; resolves to what it did. */
  run(ports: Ports, now: number): Promise<JobReport>
}
