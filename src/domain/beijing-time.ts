/**
 * Party life happens on Beijing time whatever the device's zone: every date shown or parsed
 * here is in UTC+8 (China has no daylight saving).
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const BEIJING_OFFSET_MINUTES = 8 * 60
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

export function beijing(ms: number): dayjs.Dayjs {
  return dayjs(ms).utcOffset(BEIJING_OFFSET_MINUTES)
}

/** Epoch ms of a Beijing wall-clock date (`YYYY-MM-DD`) and time (`HH:mm`); NaN when invalid. */
export function fromBeijing(date: string, time: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!m || !t) return Number.NaN
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], t[1], t[2]].map(Number)
  const ms = Date.UTC(y, mo - 1, d, h, mi) - BEIJING_OFFSET_MINUTES * 60_000
  const back = beijing(ms)
  // Reject dates such as 2026-02-30 that would roll over into the next month.
  if (back.year() !== y || back.month() !== mo - 1 || back.date() !== d || h > 23 || mi > 59) return Number.NaN
  return ms
}

export function formatDate(ms: number): string {
  return beijing(ms).format('YYYY-MM-DD')
}

export function formatTime(ms: number): string {
  return beijing(ms).format('HH:mm')
}

/** e.g. `2026年12月04日 周五 14:30–16:00` */
export function formatSpan(startAt: number, endAt: number): string {
  const s = beijing(startAt)
  const e = beijing(endAt)
  const day = `${s.format('YYYY年MM月DD日')} 周${WEEKDAYS[s.day()]}`
  const sameDay = s.format('YYYY-MM-DD') === e.format('YYYY-MM-DD')
  return sameDay
    ? `${day} ${s.format('HH:mm')}–${e.format('HH:mm')}`
    : `${day} ${s.format('HH:mm')} – ${e.format('MM月DD日 HH:mm')}`
}
