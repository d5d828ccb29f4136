/**
 * Daily jobs of issue 4: (a) a reminder to each participant of a meeting starting within the next
 * 24 hours, (b) a warning to a branch's organizers when a period's quota is not met and too little
 * time remains (AT_RISK_DAYS), (c) a reminder to the secretary when a meeting ended DEFAULT_MINUTES_DUE_MS
 * (3 days) ago or more and its minutes are still not final. Reads go branch by branch through the
 * declared indexes (meetings by branchId + startAt, counters by branchId + periodKey), paged; notice
 * ids are deterministic, so a second run sends nothing already sent.
 */
import type { MeetingDoc } from '../collections'
import { eq } from '../ports/store'
import { formatDate } from '../../domain/beijing-time'
import { DEFAULT_MINUTES_DUE_MS } from '../../domain/compliance'
import { organizersAmong, secretariesAmong, type Org } from '../../domain/org'
import { membersOf, readAll } from '../actions/roster-reads'
import { periodStatuses } from '../actions/planning/period-status'
import { rulesFor } from '../compliance-counters'
import { meetingFields, notify } from '../notices'
import type { Ports } from '../ports'
import type { Stored } from '../ports/store'
import type { DailyJob, JobReport } from './daily-job'

const HOUR = 3_600_000
const DAY = 24 * HOUR
export const REMINDER_WINDOW_MS = DAY
/** Minutes reminders look back this far: older gaps show as 逾期 on 首页 rather than as daily pings. */
export const MINUTES_LOOKBACK_MS = 30 * DAY
const MAX_WINDOW_MEETINGS = 2000

/** Every branch, a page at a time. */
async function forEachBranch(ports: Ports, fn: (branch: Stored<Org>) => Promise<void>): Promise<void> {
  let cursor: string | null = null
  do {
    const page: { items: Stored<Org>[]; nextCursor: string | null } = await ports.store.query('orgs', {
      where: [eq('kind', 'branch')],
      orderBy: { field: 'name', direction: 'asc' },
      limit: 100,
      cursor,
    })
    for (const branch of page.items) await fn(branch)
    cursor = page.nextCursor
  } while (cursor)
}

function meetingsStarting(ports: Ports, branchId: string, from: number, to: number, fromInclusive: boolean) {
  return readAll<MeetingDoc>(
    ports.store,
    'meetings',
    [
      eq('branchId', branchId),
      { field: 'startAt', op: fromInclusive ? 'gte' : 'gt', value: from },
      { field: 'startAt', op: 'lte', value: to },
    ],
    'startAt',
    MAX_WINDOW_MEETINGS,
  )
}

function report(job: string): JobReport {
  return { job, sent: 0, details: [] }
}

/** (a) Participants of meetings starting in (now, now + 24 h]: one notice per member per meeting. */
export const meetingReminders: DailyJob = {
  name: 'meeting-reminders',
  async run(ports, now) {
    const out = report(this.name)
    await forEachBranch(ports, async (branch) => {
      for (const m of await meetingsStarting(ports, branch._id, now, now + REMINDER_WINDOW_MS, false)) {
        if (m.status === 'cancelled') continue
        let sent = 0
        for (const memberId of m.participantIds) {
          const ok = await notify(
            ports,
            {
              id: `${m._id}.${memberId}.reminder`,
              memberId,
              branchId: branch._id,
              topic: 'meeting.reminder',
              fields: { ...meetingFields(m), remindedAt: now },
            },
            now,
          )
          if (ok) sent += 1
        }
        out.sent += sent
        if (sent > 0) out.details.push(`${branch.name} ${m.title}：提醒 ${sent} 人`)
      }
    })
    return out
  },
}

/** (b) Quotas at risk: not met, not covered by scheduled meetings, and fewer than AT_RISK_DAYS left. */
export const quotaAtRisk: DailyJob = {
  name: 'quota-at-risk',
  async run(ports, now) {
    const out = report(this.name)
    await forEachBranch(ports, async (branch) => {
      const statuses = await periodStatuses(ports.store, branch, await rulesFor(ports.store, branch), now, now)
      const risky = statuses.flatMap(({ rule, span, owners }) =>
        owners.filter((o) => o.result.atRisk).map(({ owner, result }) => ({ rule, span, owner, result })),
      )
      if (risky.length === 0) return
      const to = organizersAmong(await membersOf(ports.store, branch._id))
      for (const { rule, span, owner, result } of risky) {
        const who = owner._id === branch._id ? '' : `（${owner.name}）`
        for (const m of to) {
          const ok = await notify(
            ports,
            {
              id: `risk.${owner._id}.${rule.kind}.${span.key}.${m._id}`,
              memberId: m._id,
              branchId: branch._id,
              topic: 'quota.atRisk',
              fields: {
                branchId: branch._id,
                kind: rule.kind,
                kindLabel: rule.label,
                periodKey: span.key,
                periodLabel: span.label,
                periodEnd: span.end,
                ownerName: owner._id === branch._id ? null : owner.name,
                reason: result.reason,
                month: formatDate(now).slice(0, 7),
              },
            },
            now,
          )
          if (ok) out.sent += 1
        }
        out.details.push(`${branch.name} ${span.label}${rule.label}${who}：${result.reason}`)
      }
    })
    return out
  },
}

/**
 * (c) Minutes not final by the branch's minutes deadline (the one rule value, `minutesDueMs` of its
 * effective rules, which 逾期 and 补录 read too) after a meeting ended: to the branch's secretary.
 */
export const minutesOverdue: DailyJob = {
  name: 'minutes-overdue',
  async run(ports, now) {
    const out = report(this.name)
    await forEachBranch(ports, async (branch) => {
      const dueMs = (await rulesFor(ports.store, branch))[0]?.minutesDueMs ?? DEFAULT_MINUTES_DUE_MS
      // A meeting starts no later than it ends, so its start is in this window when its end is due.
      const due = (
        await meetingsStarting(ports, branch._id, now - MINUTES_LOOKBACK_MS - DAY, now - dueMs, true)
      ).filter(
        (m) =>
          m.status !== 'cancelled' &&
          !m.minutesFinalizedAt &&
          m.endAt + dueMs <= now &&
          m.endAt >= now - MINUTES_LOOKBACK_MS,
      )
      if (due.length === 0) return
      const to = secretariesAmong(await membersOf(ports.store, branch._id))
      for (const m of due) {
        for (const s of to) {
          const ok = await notify(
            ports,
            {
              id: `${m._id}.${s._id}.minutes-due`,
              memberId: s._id,
              branchId: branch._id,
              topic: 'minutes.overdue',
              fields: { ...meetingFields(m), dueMs },
            },
            now,
          )
          if (ok) out.sent += 1
        }
        out.details.push(`${branch.name} ${m.title}：会议记录未定稿`)
      }
    })
    return out
  },
}

export const PLANNING_JOBS: DailyJob[] = [meetingReminders, quotaAtRisk, minutesOverdue]
