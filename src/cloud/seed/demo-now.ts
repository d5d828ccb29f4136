/**
 * The demo's meetings around the moment the host starts, so a newcomer can try the whole loop at
 * once: in each demo 支部, a 主题党日 that is on now (sign-in open, nobody signed in yet) and a
 * 党员大会 that ended half an hour ago (attendance taken and confirmed, minutes not yet written).
 * Placed relative to `now` every time the host starts with the demo; a restart while they still
 * fit adds nothing, so restarts do not pile them up:
 *   - a 支部 with any meeting on now gets no new live meeting;
 *   - a 支部 with any meeting that ended within the last JUST_ENDED_WINDOW gets no new ended one.
 * Ids carry the start minute (`mtg_demo_live_b1_202611300440`), the same on every machine for the same `now`.
 */
import { beijing } from '../../domain/beijing-time'
import { kindRule } from '../../domain/meeting-kinds'
import { updateCounters, rulesFor } from '../compliance-counters'
import { readAll } from '../actions/roster-reads'
import { eq, type StorePort } from '../ports/store'
import type { AttendanceMeetingDoc } from '../documents'
import { seedDemoAttendance } from './demo-attendance'
import { DEMO_BRANCH_IDS, demoMeetingAt } from './demo-branch'

const MIN = 60_000
/** The live meeting began this long ago (the start rounded down to 5 minutes) and lasts two hours. */
const LIVE_STARTED_AGO = 10 * MIN
const LIVE_LENGTH = 120 * MIN
/** The ended meeting ended this long ago and lasted an hour and a half. */
const ENDED_AGO = 30 * MIN
const ENDED_LENGTH = 90 * MIN
/** A meeting that ended within this window counts as "just ended": no new one is placed. */
export const JUST_ENDED_WINDOW = 6 * 60 * MIN

/** What seedDemoNow placed: the ids of the meetings it wrote. */
export interface DemoNowResult {
  live: string[]
  ended: string[]
}

const floorTo5 = (t: number) => t - (t % (5 * MIN))

/**
 * Places, in each demo 支部 present in `store`, a meeting on now and one just ended (see the file
 * comment); `now` in ms since epoch. Does nothing where the demo is not seeded or where such
 * meetings are already there. Returns the ids written.
 */
export async function seedDemoNow(store: StorePort, now: number): Promise<DemoNowResult> {
  const placed: DemoNowResult = { live: [], ended: [] }
  for (const branchId of DEMO_BRANCH_IDS) {
    const branch = await store.get('orgs', branchId)
    if (!branch) continue
    const meetings = (await readAll(store, 'meetings', [eq('branchId', branchId)], 'startAt', 5000)).filter(
      (m) => (m as AttendanceMeetingDoc).status !== 'cancelled',
    ) as AttendanceMeetingDoc[]
    const rules = await rulesFor(store, branch as { path: string[] })
    const short = branchId.replace('org_', '')

    if (!meetings.some((m) => m.startAt <= now && now < m.endAt)) {
      const startAt = floorTo5(now - LIVE_STARTED_AGO)
      const label = beijing(startAt).format('YYYY年M月')
      const doc = demoMeetingAt(branchId, 'theme_day', startAt, startAt + LIVE_LENGTH, `${label}主题党日`, {
        id: `mtg_demo_live_${short}_${beijing(startAt).format('YYYYMMDDHHmm')}`,
      })
      await store.transaction(async (tx) => {
        await tx.insert('meetings', doc)
        await updateCounters(tx, rules, null, doc)
      })
      placed.live.push(doc._id)
    }

    if (!meetings.some((m) => m.endAt <= now && m.endAt > now - JUST_ENDED_WINDOW)) {
      const endAt = floorTo5(now - ENDED_AGO)
      const startAt = endAt - ENDED_LENGTH
      const day = beijing(startAt)
      const quarter = Math.floor(day.month() / 3) + 1
      const base = demoMeetingAt(
        branchId,
        'branch_congress',
        startAt,
        endAt,
        `${day.year()}年第${quarter}季度党员大会`,
        {
          id: `mtg_demo_ended_${short}_${day.format('YYYYMMDDHHmm')}`,
        },
      )
      // Attendance taken at the meeting and confirmed; the minutes are left for the newcomer to write.
      const doc = {
        ...base,
        attendanceRecordedAt: startAt + 10 * MIN,
        minutesFinalizedAt: null,
        quorumMet: kindRule(base.kind).quorum === 'none' ? null : true,
      }
      await store.transaction(async (tx) => {
        await tx.insert('meetings', doc)
        await updateCounters(tx, rules, null, doc)
      })
      placed.ended.push(doc._id)
    }
  }
  // Sign-ins, leave and the confirmed counts (attendanceSummary) of the ended ones.
  if (placed.ended.length) await seedDemoAttendance(store, now)
  return placed
}
