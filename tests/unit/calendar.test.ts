/** The month grid and a meeting's calendar status (src/domain/calendar.ts). */
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  meetingDayStatus,
  monthGrid,
  monthLabel,
  parseMonth,
  shiftMonth,
  WEEKDAY_NAMES,
  weekdayOfDate,
} from '../../src/domain/calendar'
import { DEFAULT_MINUTES_DUE_MS, type MeetingFacts } from '../../src/domain/compliance'

const HOUR = 3_600_000

test('a month grid is whole weeks, Monday first, bounded in Beijing time', () => {
  const nov = monthGrid('2026-11')
  expect(nov.days[0]).toEqual({ date: '2026-10-26', day: 26, weekday: 1, inMonth: false })
  expect(nov.days[nov.days.length - 1]).toEqual({ date: '2026-12-06', day: 6, weekday: 0, inMonth: false })
  expect(nov.days.length).toBe(42)
  expect(nov.days.filter((d) => d.inMonth)).toHaveLength(30)
  expect(nov.start).toBe(fromBeijing('2026-10-26', '00:00'))
  expect(nov.end).toBe(fromBeijing('2026-12-07', '00:00'))
  expect(nov.monthStart).toBe(fromBeijing('2026-11-01', '00:00'))
  expect(nov.monthEnd).toBe(fromBeijing('2026-12-01', '00:00'))
  // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
  const feb = monthGrid('2027-02')
  expect(feb.days).toHaveLength(28)
  expect(feb.days.every((d) => d.inMonth)).toBe(true)
})

test('months shift across years and read in Chinese; bad months are rejected', () => {
  expect(shiftMonth('2026-12', 1)).toBe('2027-01')
  expect(shiftMonth('2027-01', -1)).toBe('2026-12')
  expect(shiftMonth('2026-05', -17)).toBe('2024-12')
  expect(monthLabel('2026-03')).toBe('2026年3月')
  expect(parseMonth('2026-13')).toBeNull()
  expect(() => monthGrid('2026-1')).toThrow()
})

describe('meetingDayStatus', () => {
  const start = fromBeijing('2026-12-04', '15:00')
  const base: MeetingFacts = {
    id: 'm',
    kind: 'theme_day',
    startAt: start,
    endAt: start + 2 * HOUR,
    cancelled: false,
    attendanceRecordedAt: null,
    minutesFinalizedAt: null,
    quorumMet: null,
  }
  test('phase by time, cancelled wins', () => {
    expect(meetingDayStatus(base, start - 1)).toEqual({ status: 'upcoming', counting: null })
    expect(meetingDayStatus(base, start)).toEqual({ status: 'ongoing', counting: null })
    expect(meetingDayStatus(base, start + 2 * HOUR)).toEqual({ status: 'ended', counting: null })
    expect(meetingDayStatus({ ...base, cancelled: true }, start - 1)).toEqual({ status: 'cancelled', counting: null })
  })
  test('已完成 when held with minutes final and quorum; 补录 when the minutes came after the deadline', () => {
    const held = { ...base, attendanceRecordedAt: base.endAt, minutesFinalizedAt: base.endAt + DEFAULT_MINUTES_DUE_MS }
    expect(meetingDayStatus(held, held.minutesFinalizedAt)).toEqual({ status: 'ended', counting: 'done' })
    const late = { ...held, minutesFinalizedAt: held.minutesFinalizedAt + 1 }
    expect(meetingDayStatus(late, late.minutesFinalizedAt).counting).toBe('late')
    expect(meetingDayStatus({ ...held, minutesLate: true }, held.minutesFinalizedAt).counting).toBe('late')
    // Quorum gates holding a 支委会 (支部工作条例 第十二条), only the vote at a 党员大会.
    const committee = { ...held, kind: 'committee_meeting' as const, quorumMet: false }
    expect(meetingDayStatus(committee, held.minutesFinalizedAt).counting).toBeNull()
    const congress = { ...held, kind: 'branch_congress' as const, quorumMet: false }
    expect(meetingDayStatus(congress, held.minutesFinalizedAt).counting).toBe('done')
    expect(meetingDayStatus({ ...base, attendanceRecordedAt: base.endAt }, base.endAt).counting).toBeNull()
  })
})

test('a date’s weekday, named as the plan pages and warnings name it', () => {
  expect(weekdayOfDate('2026-11-22')).toBe(0)
  expect(WEEKDAY_NAMES[weekdayOfDate('2027-01-01')]).toBe('五')
})
