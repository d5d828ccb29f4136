/**
 * The month calendar (issue 4 §3), pure: which dates a month's grid shows, and how one meeting reads
 * on it — 待召开 / 进行中 / 已结束 / 已取消, and once held, 已完成 or 补录 (minutes finalized late).
 * Dates are Beijing calendar dates handled as UTC day numbers, so no device zone shifts them.
 */
import { countsTowardQuota, DEFAULT_MINUTES_DUE_MS, type MeetingFacts } from './compliance'
import { fromBeijing } from './beijing-time'
import { meetingPhase, type MeetingPhase } from './meeting'

const DAY_MS = 86_400_000

/** A meeting on the calendar reads as its phase (labels: MEETING_PHASE_LABELS). */
export type DayStatus = MeetingPhase
export type CountStatus = 'done' | 'late' | null

export const COUNT_STATUS_LABELS: Record<'done' | 'late', string> = { done: '已完成', late: '补录' }

/** 星期日 … 星期六, indexed by weekday number (0 = Sunday). */
export const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'] as const

/** The weekday number (0 = Sunday) of a `YYYY-MM-DD` calendar date. */
export function weekdayOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

export function parseMonth(month: string): { year: number; month0: number } | null {
  const m = MONTH_RE.exec(month)
  return m ? { year: Number(m[1]), month0: Number(m[2]) - 1 } : null
}

function monthString(year: number, month0: number): string {
  const y = year + Math.floor(month0 / 12)
  const m = ((month0 % 12) + 12) % 12
  return `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The month `delta` months from `month` ('YYYY-MM'). */
export function shiftMonth(month: string, delta: number): string {
  const p = parseMonth(month)
  if (!p) throw new Error(`invalid month ${month}`)
  return monthString(p.year, p.month0 + delta)
}

export function monthLabel(month: string): string {
  const p = parseMonth(month)
  if (!p) throw new Error(`invalid month ${month}`)
  return `${p.year}年${p.month0 + 1}月`
}

export interface GridDay {
  date: string
  day: number
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  inMonth: boolean
}

export interface MonthGrid {
  days: GridDay[]
  /** Beijing 00:00 of the first grid day (epoch ms). */
  start: number
  /** Beijing 00:00 of the day after the last grid day (exclusive). */
  end: number
  /** The month's own first instant and the next month's. */
  monthStart: number
  monthEnd: number
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Whole weeks, Monday first, covering the month. */
export function monthGrid(month: string): MonthGrid {
  const p = parseMonth(month)
  if (!p) throw new Error(`invalid month ${month}`)
  const first = Date.UTC(p.year, p.month0, 1) / DAY_MS
  const next = Date.UTC(p.year, p.month0 + 1, 1) / DAY_MS
  const weekdayOf = (d: number) => (((d + 4) % 7) + 7) % 7
  const lead = (weekdayOf(first) + 6) % 7
  const trail = (7 - ((weekdayOf(next) + 6) % 7)) % 7
  const days: GridDay[] = []
  for (let d = first - lead; d < next + trail; d++) {
    const date = dateOf(d)
    days.push({ date, day: Number(date.slice(8)), weekday: weekdayOf(d), inMonth: d >= first && d < next })
  }
  return {
    days,
    start: fromBeijing(days[0].date, '00:00'),
    end: fromBeijing(days[days.length - 1].date, '00:00') + DAY_MS,
    monthStart: fromBeijing(`${month}-01`, '00:00'),
    monthEnd: fromBeijing(`${monthString(p.year, p.month0 + 1)}-01`, '00:00'),
  }
}

/** How one meeting reads on the calendar at `now`. */
export function meetingDayStatus(
  m: MeetingFacts & { minutesLate?: boolean | null },
  now: number,
  minutesDueMs: number = DEFAULT_MINUTES_DUE_MS,
): { status: DayStatus; counting: CountStatus } {
  const status = meetingPhase(
    { status: m.cancelled ? 'cancelled' : 'scheduled', startAt: m.startAt, endAt: m.endAt },
    now,
  )
  if (status === 'cancelled' || !countsTowardQuota(m)) return { status, counting: null }
  const late =
    m.minutesLate === true || (m.minutesFinalizedAt !== null && m.minutesFinalizedAt > m.endAt + minutesDueMs)
  return { status, counting: late ? 'late' : 'done' }
}
