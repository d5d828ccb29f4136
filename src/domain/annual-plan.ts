/**
 * A branch's draft plan for a year (issue 4 §2): one item per required meeting per period, placed
 * by a per-kind rule, moved off statutory holidays and weekends. The secretary reviews and adjusts
 * the draft before it is published; nothing here is scheduled yet.
 *
 * Dates are plain Beijing calendar dates ('YYYY-MM-DD'), handled as UTC day numbers so that no
 * device time zone can shift them.
 */
import { z } from 'zod'
import { formatDate } from './beijing-time'
import { WEEKDAY_NAMES } from './calendar'
import type { MeetingKind, MeetingKindRule } from './meeting-kinds'
import { periodsOfYear, type PeriodSpan } from './periods'

/** Which days people work in China: statutory holidays and 调休 come from a maintained dataset. */
export interface HolidayCalendar {
  /** Whether the State Council's arrangement for this year is in the dataset. */
  hasYear(year: number): boolean
  /** A statutory holiday (including weekend days folded into a holiday block). */
  isHoliday(date: string): boolean
  /** A weekend day made a working day by 调休 (调休上班日). */
  isAdjustedWorkday(date: string): boolean
  holidayName(date: string): string | null
  /**
   * True when the year is not in the dataset but its holidays are computed by rule
   * (statutory-holidays.ts): holidays avoided, 调休 working days unknown. Absent: nothing computed.
   */
  computesYear?(year: number): boolean
}

export type Nth = 1 | 2 | 3 | 4 | -1
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

/** e.g. 每月第一个星期五 = { nth: 1, weekday: 5 }; nth -1 is the last one of the month. */
export interface DayRule {
  nth: Nth
  weekday: Weekday
}

export interface PlanTime {
  startTime: string
  endTime: string
}

export interface KindPlacement {
  day: DayRule
  /**
   * Take the first occurrence of the weekday that is a working day (支委会: 第一个工作日的星期二)
   * instead of moving a holiday date to the next working day, keeping the weekday people expect.
   */
  sameWeekdayIfOff?: boolean
}

/**
 * Where each kind lands inside its month. Which month: a period's items are spread over its months
 * ending in the last one, so a quarterly 党员大会 falls in the quarter's last month and a yearly
 * 组织生活会 / 民主评议 in December. Kinds missing here (谈心谈话, held in pairs) are not planned.
 */
export const PLAN_PLACEMENT: Partial<Record<MeetingKind, KindPlacement>> = {
  theme_day: { day: { nth: 1, weekday: 5 } },
  committee_meeting: { day: { nth: 1, weekday: 2 }, sameWeekdayIfOff: true },
  group_meeting: { day: { nth: 2, weekday: 3 } },
  branch_congress: { day: { nth: 2, weekday: 4 } },
  party_lecture: { day: { nth: 3, weekday: 3 } },
  life_meeting: { day: { nth: 3, weekday: 2 } },
  member_review: { day: { nth: 3, weekday: 4 } },
}

/** The 主题党日's day when the branch has not chosen one: its placement above (每月第一个星期五). */
export const DEFAULT_THEME_DAY: DayRule = PLAN_PLACEMENT.theme_day!.day

/** Where a planned or added meeting is held until the secretary says otherwise. */
export const DEFAULT_PLAN_PLACE = '党员活动室'

/** The time of day each kind is planned at until the secretary changes it (a 支委会 in the morning, the rest afternoons). */
export const DEFAULT_PLAN_TIMES: Record<MeetingKind, PlanTime> = {
  theme_day: { startTime: '15:00', endTime: '17:00' },
  committee_meeting: { startTime: '09:00', endTime: '10:30' },
  group_meeting: { startTime: '15:00', endTime: '16:30' },
  branch_congress: { startTime: '15:00', endTime: '17:00' },
  party_lecture: { startTime: '15:00', endTime: '16:30' },
  life_meeting: { startTime: '14:30', endTime: '17:30' },
  member_review: { startTime: '14:30', endTime: '17:00' },
  heart_talk: { startTime: '10:00', endTime: '11:00' },
}

const NTH_NAMES: Record<Nth, string> = { 1: '第一个', 2: '第二个', 3: '第三个', 4: '第四个', [-1]: '最后一个' }

export function dayRuleText(rule: DayRule): string {
  return `每月${NTH_NAMES[rule.nth]}星期${WEEKDAY_NAMES[rule.weekday]}`
}

export const dayRuleSchema = z.object({
  nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], {
    error: '请选择第几个星期：第一个到第四个，或最后一个',
  }),
  weekday: z.union(
    [0, 1, 2, 3, 4, 5, 6].map((d) => z.literal(d)) as [z.ZodLiteral<Weekday>, ...z.ZodLiteral<Weekday>[]],
    {
      error: '请选择星期几',
    },
  ),
})

export interface PlanItem {
  kind: MeetingKind
  periodKey: string
  date: string
  startTime: string
  endTime: string
  title: string
  groupId: string | null
  /** The date the rule gave, when a holiday or weekend moved it. */
  movedFrom?: string
  note?: string
}

export interface PlanInput {
  year: number
  branchId: string
  /** The branch's effective rules (see kind-rules.ts). */
  rules: readonly MeetingKindRule[]
  groups: readonly { id: string; name: string }[]
  themeDay: DayRule
  defaults?: { times?: Partial<Record<MeetingKind, PlanTime>> }
  calendar: HolidayCalendar
}

export interface Plan {
  branchId: string
  year: number
  items: PlanItem[]
  warnings: string[]
}

const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / DAY_MS
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function weekdayOf(day: number): number {
  // Day 0, 1970-01-01, was a Thursday.
  return (((day + 4) % 7) + 7) % 7
}

function monthDay(day: number): string {
  const [, m, d] = dateOf(day).split('-').map(Number)
  return `${m}月${d}日`
}

/** Every date in a month with the given weekday, in order. */
function weekdaysOfMonth(year: number, month0: number, weekday: number): number[] {
  const first = Date.UTC(year, month0, 1) / DAY_MS
  const next = Date.UTC(year, month0 + 1, 1) / DAY_MS
  const out: number[] = []
  for (let d = first + ((weekday - weekdayOf(first) + 7) % 7); d < next; d += 7) out.push(d)
  return out
}

function isWorkingDay(day: number, calendar: HolidayCalendar): boolean {
  const date = dateOf(day)
  if (calendar.isAdjustedWorkday(date)) return true
  const wd = weekdayOf(day)
  return wd !== 0 && wd !== 6 && !calendar.isHoliday(date)
}

function offReason(day: number, calendar: HolidayCalendar): string {
  const date = dateOf(day)
  if (calendar.isHoliday(date)) {
    const name = calendar.holidayName(date)
    return name ? `${name}假期` : '法定节假日'
  }
  return `周${WEEKDAY_NAMES[weekdayOf(day)]}`
}

interface Placed {
  day: number
  movedFrom?: string
  note?: string
}

/**
 * The next free working day in the period, else the previous one. Free: not already holding another
 * all-member meeting (`taken`), since the same members cannot sit in two meetings at once; when the
 * period has no free working day left, sharing a day beats leaving the working days.
 */
function ontoWorkingDay(
  day: number,
  span: { first: number; last: number },
  calendar: HolidayCalendar,
  taken: ReadonlyMap<number, string>,
): Placed {
  for (const free of [true, false]) {
    const ok = (d: number) => isWorkingDay(d, calendar) && (!free || !taken.has(d))
    if (ok(day)) return { day }
    const why = isWorkingDay(day, calendar) ? `已安排${taken.get(day)}` : `为${offReason(day, calendar)}`
    const moved = (to: number, verb: string): Placed => ({
      day: to,
      movedFrom: dateOf(day),
      note: `原定 ${monthDay(day)} ${why}，${verb} ${monthDay(to)}`,
    })
    for (let d = day + 1; d <= span.last; d++) if (ok(d)) return moved(d, '顺延至')
    for (let d = day - 1; d >= span.first; d--) if (ok(d)) return moved(d, '提前至')
  }
  return { day, note: '本周期内没有工作日，请手动选择日期' }
}

function place(
  occurrences: number[],
  rule: DayRule,
  extra: number,
  placement: KindPlacement,
  span: { first: number; last: number },
  calendar: HolidayCalendar,
  taken: ReadonlyMap<number, string>,
): Placed {
  // A second meeting in the same month goes two weeks after the first (第一个 → 第三个 星期五).
  const ordered = rule.nth === -1 ? [...occurrences].reverse() : occurrences
  const start = Math.min((rule.nth === -1 ? 0 : rule.nth - 1) + 2 * extra, ordered.length - 1)
  if (placement.sameWeekdayIfOff) {
    const working = ordered.slice(start).find((d) => isWorkingDay(d, calendar) && !taken.has(d))
    if (working !== undefined) return { day: working }
  }
  return ontoWorkingDay(ordered[start], span, calendar, taken)
}

const MONTHS_IN: Record<PeriodSpan['period'], number> = { month: 1, quarter: 3, half: 6, year: 12 }

/**
 * The month (0-based within the period) of item i of n: spread evenly and ending in the period's
 * last month, so one per quarter lands in its third month and one per year in December.
 */
function spreadMonth(i: number, n: number, months: number): number {
  return Math.ceil((months * (i + 1)) / n) - 1
}

function title(span: PeriodSpan, rule: MeetingKindRule, index: number, count: number, group?: string): string {
  const nth = count > 1 ? `（第${index + 1}次）` : ''
  return group ? `${span.label}${rule.label}（${group}）${nth}` : `${span.label}${rule.label}${nth}`
}

export function generatePlan(input: PlanInput): Plan {
  const { year, rules, groups, calendar } = input
  const warnings: string[] = []
  if (!calendar.hasYear(year)) {
    warnings.push(
      calendar.computesYear?.(year)
        ? `${year}年法定节假日安排尚未收录（国务院通常在上一年年底公布），计划按法定假日和农历推算避开了节假日，但调休上班日还不知道；公布后请更新依赖并重新生成。`
        : `${year}年法定节假日安排尚未收录（国务院通常在上一年年底公布），计划仅避开了周末；公布后请更新依赖并重新生成。`,
    )
  }
  const items: PlanItem[] = []
  // Days already holding an all-member meeting. The 主题党日 is placed first: its day is the fixed one.
  const allMemberDays = new Map<number, string>()
  const ordered = [...rules].sort((a, b) => Number(b.kind === 'theme_day') - Number(a.kind === 'theme_day'))
  for (const rule of ordered) {
    const base = PLAN_PLACEMENT[rule.kind]
    if (!base) continue
    const placement = rule.kind === 'theme_day' ? { ...base, day: input.themeDay } : base
    const time = input.defaults?.times?.[rule.kind] ?? DEFAULT_PLAN_TIMES[rule.kind]
    const audiences = rule.audience === 'group' ? groups.map((g) => ({ groupId: g.id, name: g.name })) : [null]
    if (rule.audience === 'group' && groups.length === 0) {
      warnings.push(`本支部尚未划分党小组，计划中没有${rule.label}；如需召开，请先在组织架构中添加党小组后重新生成。`)
    }
    for (const span of periodsOfYear(year, rule.period)) {
      const first = dayNumber(formatDate(span.start))
      const last = dayNumber(formatDate(span.end - 1))
      const [y0, m0] = formatDate(span.start).split('-').map(Number)
      const perMonth = new Map<number, number>()
      for (let i = 0; i < rule.requiredCount; i++) {
        const monthIndex = spreadMonth(i, rule.requiredCount, MONTHS_IN[span.period])
        const extra = perMonth.get(monthIndex) ?? 0
        perMonth.set(monthIndex, extra + 1)
        const occurrences = weekdaysOfMonth(y0, m0 - 1 + monthIndex, placement.day.weekday)
        const taken = rule.audience === 'all' ? allMemberDays : new Map<number, string>()
        const placed = place(occurrences, placement.day, extra, placement, { first, last }, calendar, taken)
        if (rule.audience === 'all') allMemberDays.set(placed.day, rule.label)
        for (const audience of audiences) {
          items.push({
            kind: rule.kind,
            periodKey: span.key,
            date: dateOf(placed.day),
            startTime: time.startTime,
            endTime: time.endTime,
            title: title(span, rule, i, rule.requiredCount, audience?.name),
            groupId: audience?.groupId ?? null,
            ...(placed.movedFrom ? { movedFrom: placed.movedFrom } : {}),
            ...(placed.note ? { note: placed.note } : {}),
          })
        }
      }
    }
  }
  items.sort(
    (a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.title.localeCompare(b.title),
  )
  return { branchId: input.branchId, year, items, warnings }
}
