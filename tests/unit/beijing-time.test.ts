import { formatDate, formatSpan, formatTime, fromBeijing } from '../../src/domain/beijing-time'

test('wall-clock Beijing times map to the right instant whatever the machine zone', () => {
  expect(fromBeijing('2026-12-04', '15:00')).toBe(Date.UTC(2026, 11, 4, 7, 0))
  expect(fromBeijing('2027-01-01', '00:30')).toBe(Date.UTC(2026, 11, 31, 16, 30))
  expect(formatDate(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01')
  expect(formatTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('00:30')
})

test('impossible dates and times are NaN, never rolled over', () => {
  expect(fromBeijing('2027-02-29', '10:00')).toBeNaN()
  expect(fromBeijing('2028-02-29', '10:00')).not.toBeNaN()
  expect(fromBeijing('2026-13-01', '10:00')).toBeNaN()
  expect(fromBeijing('2026-12-01', '24:00')).toBeNaN()
  expect(fromBeijing('2026-12-1', '10:00')).toBeNaN()
})

test('a span reads like a notice', () => {
  expect(formatSpan(fromBeijing('2026-12-04', '14:30'), fromBeijing('2026-12-04', '16:00'))).toBe(
    '2026年12月04日 周五 14:30–16:00',
  )
  expect(formatSpan(fromBeijing('2026-12-04', '14:30'), fromBeijing('2026-12-05', '11:00'))).toBe(
    '2026年12月04日 周五 14:30 – 12月05日 11:00',
  )
})
