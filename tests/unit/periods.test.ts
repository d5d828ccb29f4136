import { fromBeijing } from '../../src/domain/beijing-time'
import { periodSpan, periodsOfYear } from '../../src/domain/periods'

const at = (date: string, time = '12:00') => fromBeijing(date, time)

test('the last minute of a quarter belongs to it, the next minute to the next one (Beijing time)', () => {
  const last = periodSpan(at('2026-09-30', '23:59'), 'quarter')
  const next = periodSpan(at('2026-10-01', '00:00'), 'quarter')
  expect(last.key).toBe('2026-Q3')
  expect(next.key).toBe('2026-Q4')
  expect(last.end).toBe(next.start)
  expect(next.label).toBe('2026年第四季度')
  // 2026-09-30 16:00 UTC is already 10-01 in Beijing.
  expect(periodSpan(Date.UTC(2026, 8, 30, 16, 0), 'quarter').key).toBe('2026-Q4')
})

test('months, halves and years have the right keys, labels and bounds', () => {
  expect(periodSpan(at('2026-02-28'), 'month')).toMatchObject({
    key: '2026-02',
    label: '2026年2月',
    start: at('2026-02-01', '00:00'),
    end: at('2026-03-01', '00:00'),
  })
  expect(periodSpan(at('2026-07-01', '00:00'), 'half')).toMatchObject({ key: '2026-H2', label: '2026年下半年' })
  expect(periodSpan(at('2026-12-31', '23:59'), 'year')).toMatchObject({
    key: '2026',
    end: at('2027-01-01', '00:00'),
  })
  expect(periodSpan(at('2026-12-31', '23:59'), 'month').end).toBe(at('2027-01-01', '00:00'))
})

test('a year has 12 months, 4 quarters, 2 halves and 1 year, back to back', () => {
  for (const [period, n] of [
    ['month', 12],
    ['quarter', 4],
    ['half', 2],
    ['year', 1],
  ] as const) {
    const spans = periodsOfYear(2027, period)
    expect(spans).toHaveLength(n)
    expect(spans[0].start).toBe(at('2027-01-01', '00:00'))
    expect(spans[n - 1].end).toBe(at('2028-01-01', '00:00'))
    for (let i = 1; i < n; i += 1) expect(spans[i].start).toBe(spans[i - 1].end)
  }
})
