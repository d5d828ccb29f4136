/**
 * Issue 15's daily step — 党章 第九条: a member who, without good reason, goes six consecutive months
 * without taking part in organizational life or without paying dues is regarded as having left the
 * Party. Each day, for every branch, each active member's run of lapsed months is counted
 * (src/domain/lapse.ts) from the branch's meetings, sign-ins and leave, and from the 党费 ledger's
 * paid, exempted (减免) and unpaid months (src/cloud/lapse-sources.ts). At 3 months the branch's
 * secretary is told; at 6 the secretary and the 党委's 组织员 above. Approved leave, and an approved
 * exclusion from 应到, keep a month; a month with nothing owed is neutral. One notice per person,
 * cause, run and threshold (its id says so), so a later run tells nothing twice; the most urgent (6
 * before 3, longer runs first) are sent first. The app never acts on it by itself.
 */
import { formatDate, fromBeijing } from '../../domain/beijing-time'
import {
  completeMonths,
  lapseReason,
  lapseRun,
  withExclusion,
  type LapseCause,
  type LapseRun,
} from '../../domain/lapse'
import { isActiveMember, secretariesAmong, type Member } from '../../domain/org'
import { membersOf } from '../actions/roster-reads'
import { branchDuesFacts } from '../lapse-sources'
import { notify } from '../notices'
import { branchOrgLifeFacts } from '../org-life-reads'
import type { Ports } from '../ports'
import type { Stored } from '../ports/store'
import type { DailyJob, JobReport } from './daily-job'
import { allBranches } from './supervision-escalation'

/** Months looked back: a run longer than a year is still a run of six and more. */
const LOOKBACK_MONTHS = 12

interface Found {
  member: Stored<Member>
  branchId: string
  cause: LapseCause
  run: LapseRun & { threshold: 3 | 6; since: string; reachedOn: string }
  to: string[]
}

export const lapseWarning: DailyJob = {
  name: 'lapse-warning',
  async run(ports: Ports, now: number): Promise<JobReport> {
    const out: JobReport = { job: this.name, sent: 0, details: [] }
    const from = fromBeijing(`${completeMonths(now, LOOKBACK_MONTHS + 1)[0]}-01`, '00:00')
    const staffOf = new Map<string, string[]>()
    const staff = async (orgId: string) => {
      if (!staffOf.has(orgId)) {
        const ms = await membersOf(ports.store, orgId)
        staffOf.set(
          orgId,
          ms.filter((m) => m.roles.includes('supervisor') && m.status === 'normal').map((m) => m._id),
        )
      }
      return staffOf.get(orgId)!
    }

    const found: Found[] = []
    for await (const branch of allBranches(ports)) {
      const members = (await membersOf(ports.store, branch._id)).filter(isActiveMember)
      if (members.length === 0) continue
      const secretaries = secretariesAmong(members).map((m) => m._id)
      const above = (await Promise.all(branch.path.slice(0, -1).map(staff))).flat()
      const orgLife = await branchOrgLifeFacts(ports.store, branch._id, from, now, now)
      const dues = await branchDuesFacts(ports.store, branch._id, now, LOOKBACK_MONTHS)
      for (const member of members) {
        const facts = {
          org_life: withExclusion(orgLife.get(member._id) ?? {}, member.exclusion, now),
          dues: dues.get(member._id) ?? {},
        }
        for (const cause of ['org_life', 'dues'] as const) {
          const run = lapseRun(facts[cause], now, LOOKBACK_MONTHS)
          if (run.threshold === null || !run.since || !run.reachedOn) continue
          const to = run.threshold >= 6 ? [...secretaries, ...above] : secretaries
          found.push({ member, branchId: branch._id, cause, run: run as Found['run'], to })
        }
      }
    }

    found.sort(
      (a, b) =>
        b.run.threshold - a.run.threshold ||
        b.run.months - a.run.months ||
        a.member.name.localeCompare(b.member.name, 'zh'),
    )
    for (const f of found) {
      let told = false
      for (const recipient of new Set(f.to)) {
        const sent = await notify(
          ports,
          {
            // Once per person, cause, run (its first month) and threshold: no daily repeats.
            id: `lapse.${f.cause}.${f.member._id}.${f.run.since}.${f.run.threshold}.${recipient}`,
            memberId: recipient,
            branchId: f.branchId,
            topic: 'lapse.warning',
            fields: {
              memberId: f.member._id,
              name: f.member.name,
              cause: f.cause,
              months: f.run.months,
              since: f.run.since,
              threshold: f.run.threshold,
              date: formatDate(now),
            },
          },
          now,
        )
        if (sent) {
          out.sent += 1
          told = true
        }
      }
      if (told) out.details.push(lapseReason(f.member.name, f.cause, f.run))
    }
    return out
  },
}
