/**
 * Holidays for a year the holiday dataset does not hold yet (issue 17 §4): the days people are off
 * that follow from law and the calendar alone, computed from the solar and lunar calendars with
 * `tyme4ts` (6tail's lunar calendar). Pure: no clock, no platform; the dataset is passed in.
 *
 * Source: 《全国年节及纪念日放假办法》 (国务院令第 795 号, 2024 revision, in force 2025-01-01), 第二条:
 * 元旦 1 天 (1月1日), 春节 4 天 (农历除夕、正月初一至初三), 清明节 1 天 (农历清明当日), 劳动节 2 天
 * (5月1日、2日), 端午节 1 天 (农历端午当日), 中秋节 1 天 (农历中秋当日), 国庆节 3 天 (10月1日至3日);
 * 第六条: a holiday that falls on a Saturday or Sunday is made up on a working day.
 *
 * The State Council's yearly notice (国务院办公厅关于部分节假日安排的通知) then joins weekends and 调休 into
 * longer blocks. Which 调休 working days it picks cannot be known in advance, but the blocks have kept
 * one shape since the 2024 revision (2025 and 2026 notices), and a meeting placed in a likely block
 * would be moved anyway, so a computed year avoids the whole usual block (HOLIDAY_RULES):
 * - 春节: 8 days from 除夕 (除夕 … 正月初七; 2025: 01-28…02-04; 2026 added 腊月廿八, 02-15…02-23);
 * - 劳动节: 05-01 … 05-05; 国庆节: 10-01 … 10-07, one day longer when 中秋 falls inside it (2025: 10-08);
 * - 元旦, 清明节, 端午节, 中秋节 (one statutory day each): that day, plus the Monday before a Tuesday or
 *   the Friday after a Thursday (the notices bridge to the weekend: 2024 清明 04-04…04-06), plus the
 *   Monday after a Saturday or Sunday (第六条; 2025 端午 05-31 → 06-02, 2026 清明 04-05 → 04-06).
 * 调休 working days (weekend days made working days) are never computed: a computed year has none,
 * and plans for it say so.
 */
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts'
import type { HolidayCalendar } from './annual-plan'

/** Where a holiday starts in a given year. */
export type HolidayAnchor =
  /** A Gregorian date (元旦, 劳动节, 国庆节). */
  | { kind: 'solar'; month: number; day: number }
  /** A lunar date (端午 = 五月初五, 中秋 = 八月十五). */
  | { kind: 'lunar'; month: number; day: number }
  /** 除夕: the day before 正月初一 (腊月廿九 or 三十, whichever ends the year). */
  | { kind: 'lunarNewYearsEve' }
  /** The day of a solar term (清明). */
  | { kind: 'solarTerm'; name: string }

export interface HolidayRule {
  /** The holiday's name as people say it (元旦, 春节, 清明节 …). */
  name: string
  anchor: HolidayAnchor
  /** Days off by law (第二条), counted from the anchor. */
  statutoryDays: number
  /** Days a computed year avoids, counted from the anchor: the usual block of the yearly notice. */
  blockDays: number
  /** A one-day holiday joined to its weekend (Tuesday → Monday, Thursday → Friday, weekend → Monday). */
  bridge: boolean
  /**
   * A holiday whose day, when it falls inside this block, makes the block one day longer: the notices
   * keep both days off (中秋 on 10-01 in 2020 and 10-06 in 2025 gave 国庆 10-01 … 10-08).
   */
  absorbs?: string
}

/** The holidays a computed year avoids; see the module comment for the sources of each span. */
export const HOLIDAY_RULES: readonly HolidayRule[] = [
  { name: '元旦', anchor: { kind: 'solar', month: 1, day: 1 }, statutoryDays: 1, blockDays: 1, bridge: true },
  { name: '春节', anchor: { kind: 'lunarNewYearsEve' }, statutoryDays: 4, blockDays: 8, bridge: false },
  { name: '清明节', anchor: { kind: 'solarTerm', name: '清明' }, statutoryDays: 1, blockDays: 1, bridge: true },
  { name: '劳动节', anchor: { kind: 'solar', month: 5, day: 1 }, statutoryDays: 2, blockDays: 5, bridge: false },
  { name: '端午节', anchor: { kind: 'lunar', month: 5, day: 5 }, statutoryDays: 1, blockDays: 1, bridge: true },
  { name: '中秋节', anchor: { kind: 'lunar', month: 8, day: 15 }, statutoryDays: 1, blockDays: 1, bridge: true },
  {
    name: '国庆节',
    anchor: { kind: 'solar', month: 10, day: 1 },
    statutoryDays: 3,
    blockDays: 7,
    bridge: false,
    absorbs: '中秋节',
  },
]

function anchorDay(anchor: HolidayAnchor, year: number): SolarDay {
  switch (anchor.kind) {
    case 'solar':
      return SolarDay.fromYmd(year, anchor.month, anchor.day)
    case 'lunar':
      return LunarDay.fromYmd(year, anchor.month, anchor.day).getSolarDay()
    case 'lunarNewYearsEve':
      return LunarDay.fromYmd(year, 1, 1).getSolarDay().next(-1)
    case 'solarTerm':
      return SolarTerm.fromName(year, anchor.name).getSolarDay()
  }
}

function iso(day: SolarDay): string {
  return `${day.getYear()}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`
}

/** Extra days a one-day holiday on this weekday (0 = Sunday) joins, as offsets from it. */
const BRIDGE_OFFSETS: Record<number, number[]> = { 0: [1], 1: [], 2: [-1], 3: [], 4: [1], 5: [], 6: [2] }

/**
 * The computed holidays of one Gregorian year: date ('YYYY-MM-DD') → holiday name, for the rules
 * anchored in `year` and the days of the next year's rules that fall in `year` (元旦 on a Tuesday
 * bridges back to 12-31). Throws tyme4ts's Error for a year outside its tables (1–9999).
 */
export function computedHolidays(year: number, rules: readonly HolidayRule[] = HOLIDAY_RULES): Map<string, string> {
  const out = new Map<string, string>()
  for (const y of [year, year + 1]) {
    for (const rule of rules) {
      const first = anchorDay(rule.anchor, y)
      const absorbed = rules.find((r) => r.name === rule.absorbs)
      const inside = absorbed ? anchorDay(absorbed.anchor, y).subtract(first) : -1
      const length = rule.blockDays + (inside >= 0 && inside < rule.blockDays ? 1 : 0)
      const offsets = Array.from({ length }, (_, i) => i)
      if (rule.bridge) offsets.push(...BRIDGE_OFFSETS[first.getWeek().getIndex()])
      for (const offset of offsets) {
        const day = first.next(offset)
        const date = iso(day)
        if (day.getYear() === year && !out.has(date)) out.set(date, rule.name)
      }
    }
  }
  return out
}

/** A calendar that also says how it knows a year. */
export interface PlanCalendar extends HolidayCalendar {
  /** True when the year's holidays are computed by HOLIDAY_RULES (the dataset lacks it; 调休 unknown). */
  computesYear(year: number): boolean
}

/**
 * The calendar plans use: `dataset` for every year it covers (a newer dataset wins as soon as it is
 * installed), and for a year it lacks, the holidays computed by `rules`, with no 调休 working days.
 * `hasYear` stays the dataset's, so a plan still says the year's arrangement is not published.
 */
export function withComputedHolidays(
  dataset: HolidayCalendar,
  rules: readonly HolidayRule[] = HOLIDAY_RULES,
): PlanCalendar {
  const years = new Map<number, Map<string, string>>()
  const computed = (date: string): Map<string, string> => {
    const year = Number(date.slice(0, 4))
    let days = years.get(year)
    if (!days) {
      days = computedHolidays(year, rules)
      years.set(year, days)
    }
    return days
  }
  const covered = (date: string) => dataset.hasYear(Number(date.slice(0, 4)))
  return {
    hasYear: (year) => dataset.hasYear(year),
    computesYear: (year) => !dataset.hasYear(year),
    isHoliday: (date) => (covered(date) ? dataset.isHoliday(date) : computed(date).has(date)),
    isAdjustedWorkday: (date) => covered(date) && dataset.isAdjustedWorkday(date),
    holidayName: (date) => (covered(date) ? dataset.holidayName(date) : (computed(date).get(date) ?? null)),
  }
}
