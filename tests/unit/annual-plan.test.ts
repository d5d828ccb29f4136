import { chineseDaysCalendar } from '../../src/cloud/adapters/chinese-days-calendar'
import {
  dayRuleSchema,
  dayRuleText,
  DEFAULT_PLAN_TIMES,
  generatePlan,
  type HolidayCalendar,
  type PlanInput,
  type PlanItem,
} from '../../src/domain/annual-plan'
import { fromBeijing } from '../../src/domain/beijing-time'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES, type MeetingKind } from '../../src/domain/meeting-kinds'
import { periodSpan } from '../../src/domain/periods'

/** A hand-made calendar: part of the published 2026 arrangement, enough for these tests. */
function fakeCalendar(opts: { years?: number[]; holidays?: Record<string, string>; workdays?: string[] } = {}) {
  const holidays: Record<string, string> = opts.holidays ?? {
    '2026-01-01': '元旦',
    '2026-01-02': '元旦',
    '2026-01-03': '元旦',
    '2026-05-01': '劳动节',
    '2026-05-04': '劳动节',
    '2026-05-05': '劳动节',
    ...Object.fromEntries(['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, '国庆节'])),
  }
  const workdays = new Set(opts.workdays ?? ['2026-01-04', '2026-05-09', '2026-09-20', '2026-10-10'])
  const years = opts.years ?? [2026]
  const cal: HolidayCalendar = {
    hasYear: (y) => years.includes(y),
    isHoliday: (d) => d in holidays,
    isAdjustedWorkday: (d) => workdays.has(d),
    holidayName: (d) => holidays[d] ?? null,
  }
  return cal
}

const groups = [
  { id: 'g1', name: '第一党小组' },
  { id: 'g2', name: '第二党小组' },
]
const firstFriday = { nth: 1, weekday: 5 } as const

function plan(extra: Partial<PlanInput> = {}) {
  return generatePlan({
    year: 2026,
    branchId: 'b1',
    rules: effectiveRules(DEFAULT_KIND_RULES, []),
    groups,
    themeDay: firstFriday,
    calendar: fakeCalendar(),
    ...extra,
  })
}
const of = (items: PlanItem[], kind: MeetingKind) => items.filter((i) => i.kind === kind)
const count = (items: PlanItem[]) => {
  const out: Partial<Record<MeetingKind, number>> = {}
  for (const i of items) out[i.kind] = (out[i.kind] ?? 0) + 1
  return out
}
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

test('one item per required meeting per period; 党小组会 once per group', () => {
  const { items, warnings } = plan()
  expect(warnings).toEqual([])
  expect(count(items)).toEqual({
    theme_day: 12,
    committee_meeting: 12,
    group_meeting: 24,
    branch_congress: 4,
    party_lecture: 4,
    life_meeting: 1,
    member_review: 1,
  })
})

test('with a 每半年 override for 党课 the plan has 2 党课', () => {
  const rules = effectiveRules(DEFAULT_KIND_RULES, [
    { orgId: 'dw', overrides: [{ kind: 'party_lecture', period: 'half' }] },
  ])
  const lectures = of(plan({ rules }).items, 'party_lecture')
  expect(lectures.map((l) => [l.periodKey, l.title])).toEqual([
    ['2026-H1', '2026年上半年党课'],
    ['2026-H2', '2026年下半年党课'],
  ])
  // In the last month of each half.
  expect(lectures.map((l) => l.date.slice(0, 7))).toEqual(['2026-06', '2026-12'])
})

test('主题党日 每月第一个星期五; October 2 2026 is in the 国庆 holiday and moves to the next working day', () => {
  const days = of(plan().items, 'theme_day')
  const oct = days.find((d) => d.periodKey === '2026-10')!
  expect(oct).toMatchObject({
    date: '2026-10-08',
    movedFrom: '2026-10-02',
    note: '原定 10月2日 为国庆节假期，顺延至 10月8日',
    title: '2026年10月主题党日',
  })
  const unmoved = days.filter((d) => !d.movedFrom)
  for (const d of unmoved) expect(weekday(d.date)).toBe(5)
  expect(days.find((d) => d.periodKey === '2026-03')).toMatchObject({ date: '2026-03-06' })
  expect(days.find((d) => d.periodKey === '2026-03')!.note).toBeUndefined()
  // January's first Friday is 元旦 holiday; the next working day is the 调休 Sunday, January 4.
  expect(days.find((d) => d.periodKey === '2026-01')).toMatchObject({
    date: '2026-01-04',
    note: '原定 1月2日 为元旦假期，顺延至 1月4日',
  })
})

test('the last Friday of the month', () => {
  const days = of(plan({ themeDay: { nth: -1, weekday: 5 } }).items, 'theme_day')
  expect(days.map((d) => d.date)).toContain('2026-07-31')
  expect(days.map((d) => d.date)).toContain('2026-10-30')
})

test('a weekend date moves to Monday, unless it is a 调休 working day', () => {
  // 每月第二个星期六: 2026-10-10 is a 调休 Saturday and stays.
  const days = of(plan({ themeDay: { nth: 2, weekday: 6 } }).items, 'theme_day')
  expect(days.find((d) => d.periodKey === '2026-10')).toMatchObject({ date: '2026-10-10' })
  expect(days.find((d) => d.periodKey === '2026-10')!.movedFrom).toBeUndefined()
  expect(days.find((d) => d.periodKey === '2026-03')).toMatchObject({
    date: '2026-03-16',
    movedFrom: '2026-03-14',
    note: '原定 3月14日 为周六，顺延至 3月16日',
  })
})

test('with no working day left in the period the date moves back', () => {
  const calendar = fakeCalendar({ holidays: { '2026-07-31': '某假日' }, workdays: [] })
  const july = of(plan({ themeDay: { nth: -1, weekday: 5 }, calendar }).items, 'theme_day').find(
    (d) => d.periodKey === '2026-07',
  )
  expect(july).toMatchObject({ date: '2026-07-30', note: '原定 7月31日 为某假日假期，提前至 7月30日' })
})

test('支委会 on the first Tuesday that is a working day, keeping the weekday', () => {
  const meetings = of(plan().items, 'committee_meeting')
  // 2026-10-06 is a 国庆 holiday: the next Tuesday, not the next day.
  expect(meetings.find((m) => m.periodKey === '2026-10')).toMatchObject({ date: '2026-10-13' })
  expect(meetings.find((m) => m.periodKey === '2026-10')!.movedFrom).toBeUndefined()
  for (const m of meetings) expect(weekday(m.date)).toBe(2)
})

test('党员大会 in the last month of each quarter; 组织生活会 and 民主评议 in December', () => {
  const { items } = plan()
  expect(of(items, 'branch_congress').map((m) => [m.periodKey, m.date.slice(5, 7), m.title])).toEqual([
    ['2026-Q1', '03', '2026年第一季度支部党员大会'],
    ['2026-Q2', '06', '2026年第二季度支部党员大会'],
    ['2026-Q3', '09', '2026年第三季度支部党员大会'],
    ['2026-Q4', '12', '2026年第四季度支部党员大会'],
  ])
  expect(of(items, 'party_lecture').map((m) => m.date.slice(5, 7))).toEqual(['03', '06', '09', '12'])
  expect(of(items, 'life_meeting')).toEqual([
    expect.objectContaining({ periodKey: '2026', title: '2026年组织生活会', date: expect.stringMatching(/^2026-12-/) }),
  ])
  expect(of(items, 'member_review')).toEqual([
    expect.objectContaining({ title: '2026年民主评议党员', date: expect.stringMatching(/^2026-12-/) }),
  ])
})

test('党小组会 per group, titled with the group', () => {
  const jan = of(plan().items, 'group_meeting').filter((m) => m.periodKey === '2026-01')
  expect(jan.map((m) => [m.groupId, m.title])).toEqual([
    ['g1', '2026年1月党小组会（第一党小组）'],
    ['g2', '2026年1月党小组会（第二党小组）'],
  ])
  expect(of(plan().items, 'theme_day').every((m) => m.groupId === null)).toBe(true)
})

test('a branch without groups gets no 党小组会, and a warning that says what to do', () => {
  const { items, warnings } = plan({ groups: [] })
  expect(of(items, 'group_meeting')).toEqual([])
  expect(warnings).toEqual([
    '本支部尚未划分党小组，计划中没有党小组会；如需召开，请先在组织架构中添加党小组后重新生成。',
  ])
})

test('two all-member meetings never share a day: the later one moves', () => {
  // 每月第二个星期四 is also the 党员大会's default day.
  const { items } = plan({ themeDay: { nth: 2, weekday: 4 } })
  const congress = of(items, 'branch_congress').find((m) => m.periodKey === '2026-Q1')!
  expect(of(items, 'theme_day').find((m) => m.periodKey === '2026-03')).toMatchObject({ date: '2026-03-12' })
  expect(congress).toMatchObject({ date: '2026-03-13', note: '原定 3月12日 已安排主题党日，顺延至 3月13日' })
  const allMember = items.filter((i) => i.groupId === null && i.kind !== 'committee_meeting')
  expect(new Set(allMember.map((i) => i.date)).size).toBe(allMember.length)
})

test('times come from the table, and can be overridden per kind', () => {
  const { items } = plan({ defaults: { times: { theme_day: { startTime: '09:00', endTime: '11:30' } } } })
  expect(of(items, 'theme_day')[0]).toMatchObject({ startTime: '09:00', endTime: '11:30' })
  expect(of(items, 'branch_congress')[0]).toMatchObject(DEFAULT_PLAN_TIMES.branch_congress)
})

test('more than one per month: two weeks apart', () => {
  const rules = effectiveRules(DEFAULT_KIND_RULES, [
    { orgId: 'dw', overrides: [{ kind: 'theme_day', requiredCount: 2 }] },
  ])
  const march = of(plan({ rules }).items, 'theme_day').filter((d) => d.periodKey === '2026-03')
  expect(march.map((d) => [d.date, d.title])).toEqual([
    ['2026-03-06', '2026年3月主题党日（第1次）'],
    ['2026-03-20', '2026年3月主题党日（第2次）'],
  ])
})

test('every item lies in its period, on a working day, and the list is in date order', () => {
  const calendar = fakeCalendar()
  const { items } = plan()
  for (const item of items) {
    const ms = fromBeijing(item.date, item.startTime)
    const rule = DEFAULT_KIND_RULES.find((r) => r.kind === item.kind)!
    expect(periodSpan(ms, rule.period).key).toBe(item.periodKey)
    const wd = weekday(item.date)
    expect(calendar.isAdjustedWorkday(item.date) || (wd !== 0 && wd !== 6 && !calendar.isHoliday(item.date))).toBe(true)
  }
  expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort())
  expect(plan()).toEqual(plan())
})

test('a year the dataset does not have yet: still planned around weekends, with a warning', () => {
  const { items, warnings } = plan({ year: 2027 })
  expect(warnings).toEqual([
    '2027年法定节假日安排尚未收录（国务院通常在上一年年底公布），计划仅避开了周末；公布后请更新依赖并重新生成。',
  ])
  expect(items).toHaveLength(58)
  for (const item of items) expect([0, 6]).not.toContain(weekday(item.date))
  expect(of(items, 'theme_day')[0]).toMatchObject({ date: '2027-01-01', title: '2027年1月主题党日' })
})

test('谈心谈话 is held in pairs and is not planned', () => {
  expect(of(plan().items, 'heart_talk')).toEqual([])
})

test('with the real chinese-days calendar for 2026', () => {
  const { items, warnings } = plan({ calendar: chineseDaysCalendar })
  expect(warnings).toEqual([])
  expect(items).toHaveLength(58)
  expect(of(items, 'theme_day').find((d) => d.periodKey === '2026-10')).toMatchObject({
    date: '2026-10-08',
    movedFrom: '2026-10-02',
    note: '原定 10月2日 为国庆节假期，顺延至 10月8日',
  })
  // 5月1日 (劳动节) → 5月6日, the first working day after the 5-day holiday.
  expect(of(items, 'theme_day').find((d) => d.periodKey === '2026-05')).toMatchObject({ date: '2026-05-06' })
  for (const item of items) {
    const wd = weekday(item.date)
    const working =
      chineseDaysCalendar.isAdjustedWorkday(item.date) ||
      (wd !== 0 && wd !== 6 && !chineseDaysCalendar.isHoliday(item.date))
    expect([item.date, working]).toEqual([item.date, true])
  }
})

describe('the 主题党日 rule', () => {
  test('reads as people say it', () => {
    expect(dayRuleText({ nth: 1, weekday: 5 })).toBe('每月第一个星期五')
    expect(dayRuleText({ nth: -1, weekday: 0 })).toBe('每月最后一个星期日')
  })
  test('is validated with messages that say what to choose', () => {
    expect(dayRuleSchema.safeParse({ nth: 1, weekday: 5 }).success).toBe(true)
    const bad = dayRuleSchema.safeParse({ nth: 5, weekday: 7 })
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
      '请选择第几个星期：第一个到第四个，或最后一个',
      '请选择星期几',
    ])
  })
})
