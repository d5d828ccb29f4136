/**
 * China's statutory holidays and 调休 working days from the maintained `chinese-days` package,
 * which follows the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知).
 *
 * We read the package's published JSON dataset rather than call its functions: those parse
 * 'YYYY-MM-DD' as UTC midnight and then read the day in the process's local zone, so on a machine
 * west of Greenwich every answer is a day off. Looking a date string up in the dataset has no zone.
 * Upgrading the package (npm update chinese-days) is how a newly announced year arrives.
 */
import dataset from 'chinese-days/dist/chinese-days.json'
import type { HolidayCalendar } from '../../domain/annual-plan'

/** Each value is "English name,中文名,days"; the same shape for all three maps. */
export interface ChineseDaysDataset {
  holidays: Record<string, string>
  workdays: Record<string, string>
  inLieuDays?: Record<string, string>
}

// The dataset abbreviates some festivals; people read the full names in plan notes.
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' }

export class ChineseDaysCalendar implements HolidayCalendar {
  private readonly years: ReadonlySet<number>

  constructor(private readonly data: ChineseDaysDataset = dataset) {
    // A year is covered when the dataset holds any of its holidays: every year has at least 元旦.
    this.years = new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))
  }

  /** The years whose arrangement the installed dataset holds, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b)
  }

  hasYear(year: number): boolean {
    return this.years.has(year)
  }

  isHoliday(date: string): boolean {
    return date in this.data.holidays && !(date in this.data.workdays)
  }

  isAdjustedWorkday(date: string): boolean {
    return date in this.data.workdays
  }

  holidayName(date: string): string | null {
    if (!this.isHoliday(date)) return null
    const name = this.data.holidays[date].split(',')[1]?.trim()
    if (!name) return null
    return FULL_NAMES[name] ?? name
  }
}

export const chineseDaysCalendar = new ChineseDaysCalendar()
