/**
 * 流动党员 reminders, once a day: each mobile member whose check-in for the current cadence period is
 * still missing in the period's last week is reminded once per period; each branch's 书记 is told,
 * most urgent first, about every member who crossed a contact threshold (once per member per
 * crossing: the id carries the state and the last contact it was measured from) and about every
 * member away six months or more (once per stay). Reads are paged by declared indexes: orgs by
 * parentId, mobile_profiles by branchId + lastContactAt.
 */
import { eq } from '../ports/store'
import {
  CONTACT_STATE_LABELS,
  checkinDue,
  checkinReminderDue,
  compareByRisk,
  contactState,
  daysSince,
  needsTransfer,
  type ContactState,
} from '../../domain/mobile'
import { secretariesAmong, type Member, type Org } from '../../domain/org'
import { mobileRulesFor } from '../actions/mobile/registry'
import type { ProfileDoc } from '../documents'
import { membersByIds, membersOf } from '../actions/roster-reads'
import { notify } from '../notices'
import type { Ports } from '../ports'
import type { Stored } from '../ports/store'
import type { DailyJob, JobReport } from './daily-job'

async function* orgsBelow(ports: Ports, parentId: string | null): AsyncGenerator<Stored<Org>> {
  let cursor: string | null = null
  do {
    const page: { items: Stored<Org>[]; nextCursor: string | null } = await ports.store.query('orgs', {
      where: [eq('parentId', parentId)],
      orderBy: { field: '_id', direction: 'asc' },
      limit: 100,
      cursor,
    })
    for (const org of page.items) {
      yield org
      if (org.kind !== 'group') yield* orgsBelow(ports, org._id)
    }
    cursor = page.nextCursor
  } while (cursor)
}

/** The branch's 书记; when it has none, its 副书记 and 组织委员. */
async function secretariesOf(ports: Ports, branchId: string): Promise<string[]> {
  return secretariesAmong(await membersOf(ports.store, branchId)).map((m) => m._id)
}

interface Crossing {
  memberId: string
  name: string
  state: ContactState
  lastContactAt: number
  transferDue: boolean
  since: string
  city: string
}

async function runBranch(ports: Ports, branch: Stored<Org>, now: number, report: JobReport): Promise<void> {
  const rules = await mobileRulesFor(ports.store, branch)
  const crossings: Crossing[] = []
  let cursor: string | null = null
  do {
    const page: { items: Stored<ProfileDoc>[]; nextCursor: string | null } = await ports.store.query(
      'mobile_profiles',
      {
        where: [eq('branchId', branch._id)],
        orderBy: { field: 'lastContactAt', direction: 'asc' },
        limit: 100,
        cursor,
      },
    )
    const members = new Map(
      (
        await membersByIds(
          ports.store,
          page.items.map((p) => p.memberId),
        )
      ).map((m): [string, Stored<Member>] => [m._id, m]),
    )
    for (const p of page.items) {
      const member = members.get(p.memberId)
      if (!member || member.status !== 'mobile') continue
      const due = checkinDue(p.lastCheckinAt, now, rules.cadence)
      if (checkinReminderDue(due, now)) {
        const sent = await notify(
          ports,
          {
            id: `mobile.${p.memberId}.checkin-due.${due.period.key}`,
            memberId: p.memberId,
            branchId: branch._id,
            topic: 'mobile.checkinDue',
            fields: { periodLabel: due.period.label, cadence: rules.cadence, dueBy: due.dueBy },
          },
          now,
        )
        if (sent) {
          report.sent += 1
          report.details.push(`${branch.name} ${member.name}：报到提醒（${due.period.label}）`)
        }
      }
      const state = contactState(p.lastContactAt, now, rules.thresholds)
      const transferDue = needsTransfer(p.since, now)
      if (state !== 'normal' || transferDue) {
        crossings.push({
          memberId: p.memberId,
          name: member.name,
          state,
          lastContactAt: p.lastContactAt,
          transferDue,
          since: p.since,
          city: p.city,
        })
      }
    }
    cursor = page.nextCursor
  } while (cursor)
  if (crossings.length === 0) return

  crossings.sort(compareByRisk)
  const recipients = await secretariesOf(ports, branch._id)
  for (const c of crossings) {
    for (const to of recipients) {
      if (c.state !== 'normal') {
        const sent = await notify(
          ports,
          {
            id: `mobile.${c.memberId}.${c.state}.${c.lastContactAt}.${to}`,
            memberId: to,
            branchId: branch._id,
            topic: 'mobile.contactState',
            fields: {
              memberId: c.memberId,
              name: c.name,
              city: c.city,
              state: c.state,
              lastContactAt: c.lastContactAt,
              days: daysSince(c.lastContactAt, now),
            },
          },
          now,
        )
        if (sent) {
          report.sent += 1
          report.details.push(`${branch.name} ${c.name}：${CONTACT_STATE_LABELS[c.state]}`)
        }
      }
      if (c.transferDue) {
        const sent = await notify(
          ports,
          {
            id: `mobile.${c.memberId}.transfer.${c.since}.${to}`,
            memberId: to,
            branchId: branch._id,
            topic: 'mobile.transferDue',
            fields: { memberId: c.memberId, name: c.name, city: c.city, since: c.since },
          },
          now,
        )
        if (sent) {
          report.sent += 1
          report.details.push(`${branch.name} ${c.name}：需转接组织关系`)
        }
      }
    }
  }
}

export const mobileReminders: DailyJob = {
  name: 'mobile-reminders',
  async run(ports, now) {
    const report: JobReport = { job: 'mobile-reminders', sent: 0, details: [] }
    for await (const org of orgsBelow(ports, null)) {
      if (org.kind === 'branch') await runBranch(ports, org, now, report)
    }
    return report
  },
}
