/**
 * The work the daily timer does (src/cloud/functions/timer in production, the local host's daily
 * tick and `npm run timer` on a PC). Each job reads what is due at `now` and sends notices through
 * `notify` (src/cloud/notices.ts), whose deterministic ids make a second run on the same day send
 * nothing twice.
 */
import type { DailyJob } from './daily-job'
import { PLANNING_JOBS } from './planning'
import { mobileReminders } from './mobile-reminders'
import { supervisionEscalation } from './supervision-escalation'
import { chainAnchors } from './chain-anchors'
import { lapseWarning } from './lapse-warning'
import { probationReminders } from './probation-reminders'

/** Every daily job, in the order they run. Each area adds its own. */
export const DAILY_JOBS: DailyJob[] = [
  ...PLANNING_JOBS,
  mobileReminders,
  probationReminders,
  chainAnchors,
  supervisionEscalation,
  lapseWarning,
]
