/** Counting consecutive months for 党章 第九条 (src/domain/lapse.ts): Beijing month edges, a year boundary. */
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  completeMonths,
  lapseLine,
  lapseReason,
  lapseRun,
  monthKeyOf,
  nextMonthKey,
  previousMonthKey,
  withExclusion,
  type MonthFact,
} from '../../src/domain/lapse'

const at = (date: string, time = '08:00') => fromBeijing(date, time)

describe('Beijing months', () => {
  test('a UTC instant late on the last day is already the next month in Beijing', () => {
    // 2026-03-31 16:30 UTC is 2026-04-01 00:30 in Beijing.
    expect(monthKeyOf(Date.UTC(2026, 2, 31, 16, 30))).toBe('2026-04')
    expect(monthKeyOf(Date.UTC(2026, 2, 31, 15, 59))).toBe('2026-03')
  })

  test('months roll over the year boundary both ways', () => {
    expect(nextMonthKey('2025-12')).toBe('2026-01')
    expect(previousMonthKey('2026-01')).toBe('2025-12')
    expect(nextMonthKey('2026-09')).toBe('2026-10')
  })

  test('complete months end before the month now is in', () => {
    expect(completeMonths(at('2026-02-01', '00:00'), 3)).toEqual(['2025-11', '2025-12', '2026-01'])
    // One minute earlier it is still January: January is not complete.
    expect(completeMonths(at('2026-02-01', '00:00') - 60_000, 3)).toEqual(['2025-10', '2025-11', '2025-12'])
  })
})

describe('lapseRun', () => {
  const facts = (entries: [string, MonthFact][]) => Object.fromEntries(entries)

  test('the third lapsed month reaches 3 on the first day of the next month, not before', () => {
    const f = facts([
      ['2026-03', 'kept'],
      ['2026-04', 'lapsed'],
      ['2026-05', 'lapsed'],
      ['2026-06', 'lapsed'],
    ])
    const lastDayOfJune = lapseRun(f, at('2026-06-30', '23:59'))
    expect(lastDayOfJune).toMatchObject({ months: 2, threshold: null })
    const firstOfJuly = lapseRun(f, at('2026-07-01', '00:00'))
    expect(firstOfJuly).toEqual({
      months: 3,
      since: '2026-04',
      through: '2026-06',
      threshold: 3,
      reachedOn: '2026-07-01',
    })
  })

  test('six months across a year boundary reach 6 on the first of the month after the sixth', () => {
    const f = facts([
      ['2025-09', 'kept'],
      ['2025-10', 'lapsed'],
      ['2025-11', 'lapsed'],
      ['2025-12', 'lapsed'],
      ['2026-01', 'lapsed'],
      ['2026-02', 'lapsed'],
      ['2026-03', 'lapsed'],
    ])
    expect(lapseRun(f, at('2026-03-31', '23:59'))).toMatchObject({ months: 5, threshold: 3, reachedOn: '2026-01-01' })
    expect(lapseRun(f, at('2026-04-01', '00:00'))).toEqual({
      months: 6,
      since: '2025-10',
      through: '2026-03',
      threshold: 6,
      reachedOn: '2026-04-01',
    })
  })

  test('a kept month (attended, or approved leave) ends the run', () => {
    const f = facts([
      ['2026-01', 'lapsed'],
      ['2026-02', 'lapsed'],
      ['2026-03', 'kept'],
      ['2026-04', 'lapsed'],
    ])
    expect(lapseRun(f, at('2026-05-10'))).toMatchObject({ months: 1, since: '2026-04', threshold: null })
  })

  test('a month with nothing owed neither ends nor lengthens the run', () => {
    const f = facts([
      ['2026-01', 'lapsed'],
      ['2026-03', 'lapsed'],
      ['2026-05', 'lapsed'],
    ])
    expect(lapseRun(f, at('2026-07-15'))).toMatchObject({
      months: 3,
      since: '2026-01',
      threshold: 3,
      reachedOn: '2026-06-01',
    })
  })

  test('the open month never counts, even when lapsed so far', () => {
    const f = facts([
      ['2026-05', 'lapsed'],
      ['2026-06', 'lapsed'],
      ['2026-07', 'lapsed'],
    ])
    expect(lapseRun(f, at('2026-07-20'))).toMatchObject({ months: 2, threshold: null })
  })

  test('the lookback bounds the run', () => {
    const f: Record<string, MonthFact> = {}
    for (let m = 1; m <= 12; m += 1) f[`2025-${String(m).padStart(2, '0')}`] = 'lapsed'
    expect(lapseRun(f, at('2026-01-05'), 4).months).toBe(4)
    expect(lapseRun(f, at('2026-01-05')).months).toBe(12)
  })
})

describe('lines', () => {
  test('the member reads a gentle line from two months, nothing below', () => {
    expect(lapseLine('org_life', { months: 1, since: '2026-04' })).toBeNull()
    expect(lapseLine('org_life', { months: 3, since: '2026-04' })).toBe(
      '你已连续 3 个月没有参加组织生活（2026年4月起），请留意近期的会议，或与支部联系。',
    )
    expect(lapseLine('dues', { months: 2, since: '2025-12' })).toContain('没有交纳党费（2025年12月起）')
  })

  test('the secretary reads the person, the count and what to do; six months names 第九条 and no automatic act', () => {
    expect(lapseReason('黄晓明', 'org_life', { months: 3, since: '2026-04' })).toBe(
      '黄晓明已连续 3 个月没有参加组织生活（2026年4月起），请及时谈心谈话、了解原因。',
    )
    const six = lapseReason('黄晓明', 'dues', { months: 6, since: '2026-01' })
    expect(six).toContain('第九条')
    expect(six).toContain('不要自动除名')
  })
})

describe('withExclusion', () => {
  test('an approved exclusion from 应到 keeps every month it touches, ending a run; open-ended until now', () => {
    const facts: Record<string, MonthFact> = { '2026-01': 'lapsed', '2026-02': 'lapsed', '2026-04': 'lapsed' }
    const now = at('2026-06-10')
    const excused = withExclusion(facts, { from: '2026-02-20', to: '2026-03-05' }, now)
    expect(excused).toEqual({ '2026-01': 'lapsed', '2026-02': 'kept', '2026-03': 'kept', '2026-04': 'lapsed' })
    expect(lapseRun(excused, now).months).toBe(1)
    const open = withExclusion(facts, { from: '2025-12-01', to: null }, now)
    expect(Object.entries(open).filter(([, f]) => f === 'lapsed')).toEqual([])
    expect(open['2026-06']).toBe('kept')
    expect(withExclusion(facts, null, now)).toEqual(facts)
  })
})
