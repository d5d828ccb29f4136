/**
 * 转正 reminders, once a day (issue 16 §3): for each 预备党员 whose 预备期 ends (one year after
 * admission, or the extended end) within a month, the branch's 书记 is told once a month before and
 * once on the day (src/domain/member-states.ts `probationRemindersOwed`; Beijing dates). The notice id
 * carries the member, the due date and which reminder, so a second run, or a later day in the same
 * window, sends nothing twice; an extension moves the due date and so reminds again for the new one.
 */
import { eq } from '../ports/store'
import { probationDueOn, probationRemindersOwed } from '../../domain/member-states'
import { secretariesAmong, type Org } from '../../domain/org'
import { beijing } from '../../domain/beijing-time'
import { membersOf } from '../actions/roster-reads'
import { notify } from '../notices'
import type { Ports } from '../ports'
import type { Stored } from '../ports/store'
import type { DailyJob, JobReport } from './daily-job'

/** Every 党支部, a page of 100 at a time. */
async function* branches(ports: Ports): AsyncGenerator<Stored<Org>> {
  let cursor: string | null = null
  do {
    const page: { items: Stored<Org>[]; nextCursor: string | null } = await ports.store.query('orgs', {
      where: [eq('kind', 'branch')],
      orderBy: { field: '_id', direction: 'asc' },
      limit: 100,
      cursor,
    })
    cursor = page.nextCursor
    yield* page.items
  } while (cursor)
}

async function runBranch(ports: Ports, branch: Stored<Org>, today: string, now: number, report: JobReport) {
  const members = await membersOf(ports.store, branch._id)
  const recipients = secretariesAmong(members).map((m) => m._id)
  for (const m of members) {
    const dueOn = probationDueOn(m)
    if (!dueOn) continue
    for (const reminder of probationRemindersOwed(dueOn, today)) {
      for (const to of recipients) {
        const sent = await notify(
          ports,
          {
            id: `probation.${m._id}.${dueOn}.${reminder}.${to}`,
            memberId: to,
            branchId: branch._id,
            topic: 'member.probationDue',
            fields: { memberId: m._id, name: m.name, dueOn, extended: Boolean(m.probationExtendedTo), reminder },
          },
          now,
        )
        if (sent) {
          report.sent += 1
          report.details.push(
            `${branch.name} ${m.name}：预备期 ${dueOn} 期满（${reminder === 'due_day' ? '当天' : '提前一个月'}）`,
          )
        }
      }
    }
  }
}

export const probationReminders: DailyJob = {
  name: 'probation-reminders',
  async run(ports, now) {
    const report: JobReport = { job: 'probation-reminders', sent: 0, details: [] }
    const today = beijing(now).format('YYYY-MM-DD')
    for await (const branch of branches(ports)) await runBranch(ports, branch, today, now, report)
    return report
  },
}
