import { ChineseDaysCalendar } from '../../src/cloud/adapters/chinese-days-calendar'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES, type MeetingKind } from '../../src/domain/meeting-kinds'
import { dateWarning, quotaWarnings, yearWarning, type PlannedItem } from '../../src/domain/plan-warnings'
import { withComputedHolidays } from '../../src/domain/statutory-holidays'

/** The dataset adapter over a small slice of the published 2026 arrangement (国庆 with 调休 on 10-10). */
const dataset = new ChineseDaysCalendar({
  holidays: {
    '2026-01-01': 'New Year,元旦,3',
    '2026-10-01': 'National Day,国庆节,7',
    '2026-10-05': 'National Day,国庆节,7',
  },
  workdays: { '2026-10-10': 'National Day,国庆节,7' },
})
const calendar = withComputedHolidays(dataset)

describe('dates in a plan', () => {
  test('an ordinary working day needs no second look; a 调休 Saturday is named as a working day', () => {
    expect(dateWarning('2026-03-04', 2026, calendar)).toBeNull()
    expect(dateWarning('2026-10-10', 2026, calendar)).toBe('2026-10-10 是星期六，为调休上班日，请确认党员当天能参加')
  })

  test('a holiday, a weekend, a date outside the year and a date that does not exist are named', () => {
    expect(dateWarning('2026-10-05', 2026, calendar)).toBe('2026-10-05 是国庆节假期，党员大多休假，请确认或改到工作日')
    expect(dateWarning('2026-03-07', 2026, calendar)).toBe('2026-03-07 是星期六，不是工作日，请确认或改到工作日')
    expect(dateWarning('2026-03-08', 2026, calendar)).toBe('2026-03-08 是星期日，不是工作日，请确认或改到工作日')
    expect(dateWarning('2027-03-03', 2026, calendar)).toBe('2027-03-03 不在 2026 年内，请改到 2026 年的日期')
    expect(dateWarning('2026-02-30', 2026, calendar)).toBe('2026-02-30 这一天不存在，请重新选择日期')
  })

  test('a year the dataset lacks still knows its holidays, and says it is not covered', () => {
    expect(calendar.hasYear(2031)).toBe(false)
    expect(dateWarning('2031-05-01', 2031, calendar)).toBe('2031-05-01 是劳动节假期，党员大多休假，请确认或改到工作日')
    // 2031 中秋 falls on 10-01, so 国庆 runs to 10-08 (as in 2025); 10-09, a Thursday, is not
    // guessed off: unknown 调休 is not invented.
    expect(dateWarning('2031-10-08', 2031, calendar)).toBe('2031-10-08 是国庆节假期，党员大多休假，请确认或改到工作日')
    expect(dateWarning('2031-10-09', 2031, calendar)).toBeNull()
    // 2031 端午 (五月初五) is 06-24, a Tuesday, bridged from Monday 06-23.
    expect(dateWarning('2031-06-23', 2031, calendar)).toBe('2031-06-23 是端午节假期，党员大多休假，请确认或改到工作日')
    // In a covered year the dataset alone decides: 2026-05-01 is not in this slice of it.
    expect(calendar.isHoliday('2026-05-01')).toBe(false)
    expect(calendar.holidayName('2031-10-02')).toBe('国庆节')
    expect(yearWarning(2031, calendar)).toContain('2031年法定节假日安排尚未公布')
    expect(yearWarning(2026, calendar)).toBeNull()
  })
})

describe('quotas in a draft plan', () => {
  const rules = effectiveRules(DEFAULT_KIND_RULES, [])
  const groups = [
    { id: 'g1', name: '第一党小组' },
    { id: 'g2', name: '第二党小组' },
  ]
  const item = (kind: MeetingKind, date: string, groupId: string | null = null): PlannedItem => ({
    kind,
    groupId,
    date,
    startTime: '15:00',
  })
  const monthly = (kind: MeetingKind, groupId: string | null = null) =>
    Array.from({ length: 12 }, (_, m) => item(kind, `2026-${String(m + 1).padStart(2, '0')}-10`, groupId))
  const full: PlannedItem[] = [
    ...monthly('theme_day'),
    ...monthly('committee_meeting'),
    ...monthly('group_meeting', 'g1'),
    ...monthly('group_meeting', 'g2'),
    ...['03', '06', '09', '12'].flatMap((m) => [
      item('branch_congress', `2026-${m}-11`),
      item('party_lecture', `2026-${m}-12`),
    ]),
    item('life_meeting', '2026-12-15'),
    item('member_review', '2026-12-16'),
  ]

  test('a plan meeting every quota has no warning; 谈心谈话 is not planned, so not checked', () => {
    expect(quotaWarnings(full, rules, 2026, groups)).toEqual([])
  })

  test('a missing meeting is named by period, group and kind', () => {
    const without = full.filter((i) => !(i.kind === 'group_meeting' && i.groupId === 'g2' && i.date === '2026-04-10'))
    expect(quotaWarnings(without, rules, 2026, groups)).toEqual([
      '2026年4月第二党小组的党小组会计划 0 次，少于规定的 1 次，请补上。',
    ])
  })

  test('an item moved out of its period, or with a time that does not parse, counts nowhere', () => {
    const moved = full.map((i) =>
      i.kind === 'branch_congress' && i.date === '2026-06-11' ? { ...i, date: '2026-07-01' } : i,
    )
    const broken = full.map((i) => (i.kind === 'life_meeting' ? { ...i, startTime: '25:99' } : i))
    expect(quotaWarnings(moved, rules, 2026, groups)).toEqual([
      expect.stringMatching(/^2026年第二季度.*党员大会计划 0 次/),
    ])
    expect(quotaWarnings(broken, rules, 2026, groups)).toEqual([expect.stringMatching(/^2026年.*组织生活会计划 0 次/)])
  })
})
