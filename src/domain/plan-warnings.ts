/**
 * What the secretary should look at again in an annual plan (issue 4 §2): a date on a holiday, a
 * weekend or outside the year; a year whose holiday arrangement is not published yet; a period
 * planned below its quota. Warnings only: nothing here moves a date. Pure: the holiday calendar is
 * passed in.
 */
import type { HolidayCalendar } from './annual-plan'
import { PLAN_PLACEMENT } from './annual-plan'
import { fromBeijing } from './beijing-time'
import { WEEKDAY_NAMES, weekdayOfDate } from './calendar'
import type { EffectiveKindRule } from './kind-rules'
import type { MeetingKind } from './meeting-kinds'
import { periodsOfYear } from './periods'

/**
 * What the secretary should look at again about one plan date (`YYYY-MM-DD`) of the plan for
 * `year`, in Chinese; null when it is an ordinary working day. A weekend day made a working day by
 * 调休 is named too: it is a working day, but people may have made plans before the notice.
 */
export function dateWarning(date: string, year: number, calendar: HolidayCalendar): string | null {
  if (Number.isNaN(fromBeijing(date, '00:00'))) return `${date} 这一天不存在，请重新选择日期`
  if (Number(date.slice(0, 4)) !== year) return `${date} 不在 ${year} 年内，请改到 ${year} 年的日期`
  const wd = weekdayOfDate(date)
  if (calendar.isAdjustedWorkday(date)) {
    return wd === 0 || wd === 6 ? `${date} 是星期${WEEKDAY_NAMES[wd]}，为调休上班日，请确认党员当天能参加` : null
  }
  if (calendar.isHoliday(date)) {
    const name = calendar.holidayName(date)
    return `${date} 是${name ? `${name}假期` : '法定节假日'}，党员大多休假，请确认或改到工作日`
  }
  if (wd === 0 || wd === 6) return `${date} 是星期${WEEKDAY_NAMES[wd]}，不是工作日，请确认或改到工作日`
  return null
}

/**
 * The plan-wide note when the dataset lacks `year`'s holiday arrangement, in Chinese; else null.
 * With `computesYear` (statutory-holidays.ts) the note names the holidays computed and that the
 * year's 调休 working days are not known yet.
 */
export function yearWarning(
  year: number,
  calendar: Pick<HolidayCalendar, 'hasYear'> & { computesYear?: (year: number) => boolean },
): string | null {
  if (calendar.hasYear(year)) return null
  const head = `${year}年法定节假日安排尚未公布（国务院通常在上一年年底公布）`
  return calendar.computesYear?.(year)
    ? `${head}：计划已按《全国年节及纪念日放假办法》和农历推算，避开了元旦、春节（除夕起 8 天）、清明节、劳动节（5月1日至5日）、端午节、中秋节、国庆节（10月1日至7日）；${year}年的调休上班日还不知道，公布后请核对再发布，或发布后逐次调整。`
    : `${head}，计划只避开了周末；节假日和调休公布后请核对再发布，或发布后逐次调整。`
}

/** The fields of a plan item the quota check reads. */
export interface PlannedItem {
  kind: MeetingKind
  groupId: string | null
  /** Beijing date `YYYY-MM-DD` and time `HH:mm`. */
  date: string
  startTime: string
}

/**
 * Periods of `year` planned below their quota under `rules`, one Chinese sentence each, in rule,
 * period, then group order. Kinds the planner does not place (谈心谈话) are not checked; a 党小组会
 * is counted per group of `groups`; an item whose date or time does not parse counts nowhere.
 * With `now` (ms), periods ended by then are not checked (a year under way).
 */
export function quotaWarnings(
  items: readonly PlannedItem[],
  rules: readonly EffectiveKindRule[],
  year: number,
  groups: readonly { id: string; name: string }[],
  now?: number,
): string[] {
  const out: string[] = []
  for (const rule of rules) {
    if (!PLAN_PLACEMENT[rule.kind]) continue
    const owners: { id: string | null; name: string }[] =
      rule.audience === 'group' ? [...groups] : [{ id: null, name: '' }]
    for (const span of periodsOfYear(year, rule.period)) {
      // A period already over can no longer be planned: nothing to ask of the plan there.
      if (now !== undefined && span.end <= now) continue
      for (const owner of owners) {
        const planned = items.filter((i) => {
          if (i.kind !== rule.kind || (owner.id !== null && i.groupId !== owner.id)) return false
          const at = fromBeijing(i.date, i.startTime)
          return !Number.isNaN(at) && at >= span.start && at < span.end
        }).length
        if (planned < rule.requiredCount) {
          out.push(
            `${span.label}${owner.name ? `${owner.name}的` : ''}${rule.label}计划 ${planned} 次，少于规定的 ${rule.requiredCount} 次，请补上。`,
          )
        }
      }
    }
  }
  return out
}
