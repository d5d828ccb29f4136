/**
 * meeting.calendar: a branch's month — each day's meetings with how they stand, and the period status
 * of every kind for the periods containing the month, read from the compliance counters exactly as
 * 首页 reads them (statusFromCounter), so the calendar and 首页 never disagree.
 */
import { isAllowed } from '../../../domain/access'
import { planGenerate as planGenerateDecl } from '../../../domain/api/catalog-planning'
import type { meetingCalendar as meetingCalendarDecl } from '../../../domain/api/catalog-planning'
import type { ParsedInputOf } from '../../../domain/api/define'
import type { CalendarDay, CalendarPeriod, CalendarView } from '../../../domain/api/views-planning'
import { formatDate, formatTime } from '../../../domain/beijing-time'
import {
  COUNT_STATUS_LABELS,
  DAY_STATUS_LABELS,
  meetingDayStatus,
  monthGrid,
  monthLabel,
  shiftMonth,
} from '../../../domain/calendar'
import {
  COMPLIANCE_LABELS,
  emptyCounter,
  statusFromCounter,
  type ComplianceResult,
  type ComplianceStatus,
} from '../../../domain/compliance'
import { AppError } from '../../../domain/errors'
import type { Meeting } from '../../../domain/meeting'
import type { Org } from '../../../domain/org'
import { periodSpan } from '../../../domain/periods'
import type { MemberContext } from '../../action-context'
import { planCalendar } from './plans'
import { counterKey, factsOf, rulesFor, type CounterDoc } from '../../compliance-counters'
import { orgRef, readAll } from '../roster-reads'

/** A month of a branch holds a few dozen meetings; beyond this the data is wrong, not big. */
const MAX_MONTH_MEETINGS = 1000
const MAX_GROUPS = 200
/** Which status needs attention first, as on 首页. */
const URGENCY: ComplianceStatus[] = ['overdue', 'missed', 'due', 'in_progress', 'done']

type MeetingDoc = Omit<Meeting, 'id'> & {
  _id: string
  attendanceRecordedAt?: number | null
  minutesFinalizedAt?: number | null
  minutesLate?: boolean | null
  quorumMet?: boolean | null
}

export async function meetingCalendar(
  ctx: MemberContext,
  input: ParsedInputOf<typeof meetingCalendarDecl>,
): Promise<CalendarView> {
  const { store } = ctx.ports
  const branch = ctx.target.org
  if (branch.kind !== 'branch') {
    throw new AppError('VALIDATION_FAILED', '月历按党支部查看，请先选择一个党支部。', [
      { field: 'branchId', message: '请选择党支部' },
    ])
  }
  const grid = monthGrid(input.month)
  const meetings = await readAll<MeetingDoc>(
    store,
    'meetings',
    [
      { field: 'branchId', op: 'eq', value: branch._id },
      { field: 'startAt', op: 'gte', value: grid.start },
      { field: 'startAt', op: 'lt', value: grid.end },
    ],
    'startAt',
    MAX_MONTH_MEETINGS,
  )
  const today = formatDate(ctx.now)
  const byDate = new Map<string, CalendarDay['meetings']>()
  for (const m of meetings) {
    const { status, counting } = meetingDayStatus({ ...factsOf(m), minutesLate: m.minutesLate }, ctx.now)
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
      statusLabel: DAY_STATUS_LABELS[status],
      counting,
      countingLabel: counting ? COUNT_STATUS_LABELS[counting] : null,
      groupId: m.groupId,
    })
    byDate.set(date, list)
  }

  const rules = await rulesFor(store, branch)
  const labels = new Map(rules.map((r) => [r.kind, r.label]))
  const days: CalendarDay[] = grid.days.map((d) => ({
    ...d,
    today: d.date === today,
    holiday: planCalendar.holidayName(d.date),
    meetings: (byDate.get(d.date) ?? []).map((m) => ({ ...m, kindLabel: labels.get(m.kind) ?? m.kind })),
  }))

  const groups = (
    await readAll<Org>(store, 'orgs', [{ field: 'parentId', op: 'eq', value: branch._id }], 'name', MAX_GROUPS)
  ).filter((g) => g.kind === 'group')
  // The periods containing the month: a day inside it stands for all of them.
  const at = grid.monthStart
  const owed = rules
    .filter((r) => r.audience !== 'pair')
    .map((rule) => ({
      rule,
      span: periodSpan(at, rule.period),
      owners: rule.audience === 'group' ? groups : [branch],
    }))
  const counters = await readAll<CounterDoc>(
    store,
    'compliance_counters',
    [
      { field: 'branchId', op: 'eq', value: branch._id },
      { field: 'periodKey', op: 'in', value: [...new Set(owed.map((o) => o.span.key))] },
    ],
    'periodKey',
    2000,
  )
  const byKey = new Map(counters.map((c) => [c._id, c.counter]))
  const periods: CalendarPeriod[] = owed
    .filter((o) => o.owners.length > 0)
    .map(({ rule, span, owners }) => {
      const results = owners.map((owner) => ({
        owner,
        result: statusFromCounter(
          byKey.get(counterKey(owner._id, rule.kind, span.key)) ?? emptyCounter(),
          rule,
          span,
          ctx.now,
        ),
      }))
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
}
