/**
 * The periods that quotas are counted in (month, quarter, half-year, year), on Beijing dates.
 * A meeting belongs to the period its start falls in.
 */
import { beijing, fromBeijing } from './beijing-time'

export type Period = 'month' | 'quarter' | 'half' | 'year'

export const PERIOD_LABELS: Record<Period, string> = {
  month: '每月',
  quarter: '每季度',
  half: '每半年',
  year: '每年',
}

export interface PeriodSpan {
  period: Period
  /** Stable key: `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
  key: string
  /** For people: `2026年11月`, `2026年第四季度`, `2026年下半年`, `2026年`. */
  label: string
  /** Epoch ms of the first instant (Beijing 00:00 of the first day). */
  start: number
  /** Epoch ms of the first instant of the next period (exclusive). */
  end: number
}

const MONTHS_IN: Record<Period, number> = { month: 1, quarter: 3, half: 6, year: 12 }
const QUARTER_NAMES = ['一', '二', '三', '四']

function firstDay(year: number, month0: number): number {
  const y = year + Math.floor(month0 / 12)
  const m = ((month0 % 12) + 12) % 12
  return fromBeijing(`${y}-${String(m + 1).padStart(2, '0')}-01`, '00:00')
}

/** The span of `period` that contains the instant `ms`. */
export function periodSpan(ms: number, period: Period): PeriodSpan {
  const d = beijing(ms)
  const year = d.year()
  const size = MONTHS_IN[period]
  const index = Math.floor(d.month() / size)
  const month0 = index * size
  const start = firstDay(year, month0)
  const end = firstDay(year, month0 + size)
  switch (period) {
    case 'month':
      return {
        period,
        key: `${year}-${String(month0 + 1).padStart(2, '0')}`,
        label: `${year}年${month0 + 1}月`,
        start,
        end,
      }
    case 'quarter':
      return { period, key: `${year}-Q${index + 1}`, label: `${year}年第${QUARTER_NAMES[index]}季度`, start, end }
    case 'half':
      return { period, key: `${year}-H${index + 1}`, label: `${year}年${index === 0 ? '上' : '下'}半年`, start, end }
    case 'year':
      return { period, key: `${year}`, label: `${year}年`, start, end }
  }
}

/** Every span of `period` in a Beijing calendar year, in order. */
export function periodsOfYear(year: number, period: Period): PeriodSpan[] {
  const out: PeriodSpan[] = []
  let at = firstDay(year, 0)
  const stop = firstDay(year + 1, 0)
  while (at < stop) {
    const span = periodSpan(at, period)
    out.push(span)
    at = span.end
  }
  return out
}
