/**
 * meeting.calendar: a branch's month — each day's meetings with how they stand, and the period status
 * of every kind for the periods containing the month, read from the compliance counters exactly as
 * 首页 reads them (statusFromCounter), so the calendar and 首页 never disagree.
 */
import type { MeetingDoc } from '../../collections'
import { implement } from '../handler'
import { isAllowed } from '../../../domain/access'
import { planGenerate as planGenerateDecl } from '../../../domain/api/catalog-planning'
import { meetingCalendar as meetingCalendarDecl } from '../../../domain/api/catalog-planning'
import type { CalendarDay, CalendarPeriod } from '../../../domain/api/views-planning'
import { formatDate, formatTime } from '../../../domain/beijing-time'
import { COUNT_STATUS_LABELS, meetingDayStatus, monthGrid, monthLabel, shiftMonth } from '../../../domain/calendar'
import { COMPLIANCE_LABELS, type ComplianceResult, type ComplianceStatus } from '../../../domain/compliance'
import { MEETING_PHASE_LABELS } from '../../../domain/meeting'
import { factsOf, rulesFor } from '../../compliance-counters'
import { periodStatuses } from './period-status'
import { chineseDaysCalendar } from '../../adapters/chinese-days-calendar'
import { planCalendar } from './plans'
import { meetingsStartingIn } from './rules'
import { orgRef } from '../roster-reads'

/** A month of a branch holds a few dozen meetings; beyond this the data is wrong, not big. */
const MAX_MONTH_MEETINGS = 1000
/** Which status needs attention first, as on 首页. */
const URGENCY: ComplianceStatus[] = ['overdue', 'missed', 'due', 'in_progress', 'done']

export const meetingCalendar = implement(meetingCalendarDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const grid = monthGrid(input.month)
  const meetings = await meetingsStartingIn<MeetingDoc>(store, branch._id, grid.start, grid.end, MAX_MONTH_MEETINGS)
  const today = formatDate(ctx.now)
  const rules = await rulesFor(store, branch)
  const byDate = new Map<string, CalendarDay['meetings']>()
  for (const m of meetings) {
    const { status, counting } = meetingDayStatus(
      { ...factsOf(m), minutesLate: m.minutesLate },
      ctx.now,
      rules[0]?.minutesDueMs,
    )
    const date = formatDate(m.startAt)
    const list = byDate.get(date) ?? []
    list.push({
      id: m._id,
      kind: m.kind,
      kindLabel: '',
      title: m.title,
      startAt: m.startAt,
      endAt: m.endAt,
      time: `${formatTime(m.startAt)}–${formatTime(m.endAt)}`,
      status,
      statusLabel: MEETING_PHASE_LABELS[status],
      counting,
      countingLabel: counting ? COUNT_STATUS_LABELS[counting] : null,
      groupId: m.groupId,
    })
    byDate.set(date, list)
  }

  const labels = new Map(rules.map((r) => [r.kind, r.label]))
  // The dataset alone answers for the years it holds; tyme4ts is loaded only for a year it lacks.
  const calendar = grid.days.every((d) => chineseDaysCalendar.hasYear(Number(d.date.slice(0, 4))))
    ? chineseDaysCalendar
    : await planCalendar()
  const days: CalendarDay[] = grid.days.map((d) => ({
    ...d,
    today: d.date === today,
    holiday: calendar.holidayName(d.date),
    meetings: (byDate.get(d.date) ?? []).map((m) => ({ ...m, kindLabel: labels.get(m.kind) ?? m.kind })),
  }))

  // The periods containing the month: a day inside it stands for all of them.
  const periods: CalendarPeriod[] = (await periodStatuses(store, branch, rules, grid.monthStart, ctx.now))
    .filter((p) => p.owners.length > 0)
    .map(({ rule, span, owners: results }) => {
      const worst = results.reduce((w, r) =>
        URGENCY.indexOf(r.result.status) < URGENCY.indexOf(w.result.status) ? r : w,
      )
      const combined: ComplianceResult = worst.result
      return {
        kind: rule.kind,
        label: rule.label,
        periodKey: span.key,
        periodLabel: span.label,
        status: combined.status,
        statusLabel: COMPLIANCE_LABELS[combined.status],
        counted: results.reduce((n, r) => n + r.result.counted, 0),
        required: results.reduce((n, r) => n + r.result.required, 0),
        atRisk: results.some((r) => r.result.atRisk),
        reason:
          results.length > 1
            ? results
                .map((r) => `${r.owner.name}：${COMPLIANCE_LABELS[r.result.status]}，${r.result.reason}`)
                .join('；')
            : combined.reason,
      }
    })

  return {
    branch: orgRef(branch),
    month: input.month,
    monthLabel: monthLabel(input.month),
    prevMonth: shiftMonth(input.month, -1),
    nextMonth: shiftMonth(input.month, 1),
    days,
    periods,
    canPlan: isAllowed(ctx.actor, planGenerateDecl.access, { orgPath: branch.path }),
  }
})
