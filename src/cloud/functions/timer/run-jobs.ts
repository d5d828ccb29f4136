/**
 * Running the daily jobs (src/cloud/jobs): once per call in the `timer` cloud function and in
 * `npm run timer`, and every day at 08:00 Beijing time on the local host when it is asked to.
 * One job failing is reported and does not stop the others.
 */
import { beijing, fromBeijing } from '../../../domain/beijing-time'
import { DAILY_JOBS } from '../../jobs'
import type { DailyJob, JobReport } from '../../jobs/daily-job'
import type { Ports } from '../../ports'

export async function runDailyJobs(
  ports: Ports,
  now: number,
  jobs: readonly DailyJob[] = DAILY_JOBS,
): Promise<JobReport[]> {
  const reports: JobReport[] = []
  for (const job of jobs) {
    try {
      reports.push(await job.run(ports, now))
    } catch (err) {
      console.error(`[timer] job ${job.name} failed`, err)
      reports.push({ job: job.name, sent: 0, details: [`失败：${err instanceof Error ? err.message : String(err)}`] })
    }
  }
  return reports
}

/** Milliseconds from `now` to the next `hour`:00 Beijing time (a full day when it is exactly that time). */
export function msUntilNextRun(now: number, hour = 8): number {
  const today = beijing(now).format('YYYY-MM-DD')
  const at = fromBeijing(today, `${String(hour).padStart(2, '0')}:00`)
  return at > now ? at - now : at + 24 * 3_600_000 - now
}

export interface DailySchedule {
  stop(): void
}

/** Runs the jobs every day at `hour`:00 Beijing time by the ports' clock, until stopped. */
export function scheduleDailyJobs(
  ports: Ports,
  options: { hour?: number; onReports?: (reports: JobReport[]) => void } = {},
): DailySchedule {
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  const arm = () => {
    if (stopped) return
    timer = setTimeout(
      async () => {
        const reports = await runDailyJobs(ports, ports.clock.now())
        options.onReports?.(reports)
        arm()
      },
      msUntilNextRun(ports.clock.now(), options.hour),
    )
    // A waiting timer alone does not keep the process alive.
    timer.unref?.()
  }
  arm()
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
