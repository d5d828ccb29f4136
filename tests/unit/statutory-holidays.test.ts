import dataset from 'chinese-days/dist/chinese-days.json'
import { ChineseDaysCalendar, chineseDaysCalendar } from '../../src/cloud/adapters/chinese-days-calendar'
import { generatePlan, type HolidayCalendar } from '../../src/domain/annual-plan'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES } from '../../src/domain/meeting-kinds'
import { dateWarning, yearWarning } from '../../src/domain/plan-warnings'
import { computedHolidays, withComputedHolidays } from '../../src/domain/statutory-holidays'

const range = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  )
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

/**
 * The holidays of 2027 and 2030, listed by hand: the lunar and solar-term days were read from tyme4ts
 * once (LunarDay.fromYmd(y, 1, 1).getSolarDay().next(-1) for 除夕, SolarTerm.fromName(y, '清明'),
 * LunarDay.fromYmd(y, 5, 5) and (y, 8, 15)) and agree with the printed 万年历.
 */
const EXPECTED: Record<number, Record<string, string[]>> = {
  2027: {
    元旦: ['2027-01-01'], // Friday
    春节: range('2027-02-05', 8), // 除夕 02-05 … 正月初七 02-12
    清明节: ['2027-04-05'], // Monday
    劳动节: range('2027-05-01', 5),
    端午节: ['2027-06-09'], // Wednesday
    中秋节: ['2027-09-15'], // Wednesday
    国庆节: range('2027-10-01', 7),
  },
  2030: {
    元旦: ['2030-01-01'], // Tuesday: its Monday, 2029-12-31, belongs to 2029
    春节: range('2030-02-02', 8), // 除夕 02-02
    清明节: ['2030-04-05'], // Friday
    劳动节: range('2030-05-01', 5),
    端午节: ['2030-06-05'], // Wednesday
    中秋节: ['2030-09-12', '2030-09-13'], // Thursday, bridged to the weekend
    国庆节: range('2030-10-01', 7),
  },
}

const calendar = withComputedHolidays(chineseDaysCalendar)
const rules = effectiveRules(DEFAULT_KIND_RULES, [])
const groups = [
  { id: 'g1', name: '第一党小组' },
  { id: 'g2', name: '第二党小组' },
]
const planFor = (year: number, cal: HolidayCalendar) =>
  generatePlan({ year, branchId: 'b1', rules, groups, themeDay: { nth: 1, weekday: 5 }, calendar: cal })

/** Knows only weekends: what a plan for a year outside the dataset did before holidays were computed. */
const weekendsOnly: HolidayCalendar = {
  hasYear: () => false,
  isHoliday: () => false,
  isAdjustedWorkday: () => false,
  holidayName: () => null,
}

describe.each([2027, 2030])('%i, a year the chinese-days dataset does not hold', (year) => {
  const expected = new Map(Object.entries(EXPECTED[year]).flatMap(([name, dates]) => dates.map((d) => [d, name])))

  test('the dataset really lacks it, so the holidays come from the rules', () => {
    expect(chineseDaysCalendar.hasYear(year)).toBe(false)
    expect(calendar.computesYear(year)).toBe(true)
  })

  test('the computed holidays are exactly the listed ones, by name', () => {
    expect(Object.fromEntries([...computedHolidays(year)].sort())).toEqual(Object.fromEntries([...expected].sort()))
    for (const [date, name] of expected) {
      expect(calendar.isHoliday(date)).toBe(true)
      expect(calendar.holidayName(date)).toBe(name)
    }
  })

  test('the plan uses none of them; the placement rules alone would have', () => {
    const blind = planFor(year, weekendsOnly).items.filter((i) => expected.has(i.date))
    expect(blind.length).toBeGreaterThan(0)
    const { items, warnings } = planFor(year, calendar)
    expect(items.filter((i) => expected.has(i.date))).toEqual([])
    for (const i of items) expect([0, 6]).not.toContain(weekday(i.date))
    expect(items).toHaveLength(58)
    // Each date that moved says why.
    for (const i of blind) {
      const moved = items.find((m) => m.kind === i.kind && m.title === i.title)!
      if (moved.movedFrom) expect(moved.note).toContain(`${expected.get(i.date)}假期`)
    }
    expect(warnings[0]).toContain('调休上班日还不知道')
  })

  test('the plan says 调休 is not known yet for that year', () => {
    expect(yearWarning(year, calendar)).toContain(`${year}年的调休上班日还不知道`)
    expect(calendar.isAdjustedWorkday(`${year}-10-10`)).toBe(false)
  })
})

test('2027 in particular: the dates the issue saw taken are free now', () => {
  const blind = new Set(planFor(2027, weekendsOnly).items.map((i) => i.date))
  const dates = new Set(planFor(2027, calendar).items.map((i) => i.date))
  for (const d of ['2027-01-01', '2027-02-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
    expect([d, blind.has(d)]).toEqual([d, true])
    expect([d, dates.has(d)]).toEqual([d, false])
  }
})

test('the rule matches the published arrangements on working days since the 2024 revision', () => {
  // Every weekday the State Council gave off in 2025 and 2026 is computed, and nothing else.
  for (const year of [2025, 2026]) {
    const published = Object.keys(dataset.holidays).filter(
      (d) => d.startsWith(`${year}-`) && ![0, 6].includes(weekday(d)),
    )
    const computed = [...computedHolidays(year).keys()].filter((d) => ![0, 6].includes(weekday(d)))
    expect([year, computed.sort()]).toEqual([year, published.sort()])
  }
})

test('a year the dataset holds is the dataset’s alone; a newer dataset replaces the computed year', () => {
  // 2026-02-16 (除夕) is a holiday either way; 2026-02-14 (a Saturday) is a 调休 working day only in the data.
  expect(calendar.isAdjustedWorkday('2026-02-14')).toBe(true)
  // A dataset that has 2027 (as a newer chinese-days would): its answers win over the rule.
  const newer = withComputedHolidays(
    new ChineseDaysCalendar({
      holidays: { '2027-01-01': 'New Year,元旦,1', '2027-02-04': 'Spring Festival,春节,9' },
      workdays: { '2027-02-20': 'Spring Festival,春节,9' },
    }),
  )
  expect(newer.hasYear(2027)).toBe(true)
  expect(newer.computesYear(2027)).toBe(false)
  expect(newer.isHoliday('2027-02-04')).toBe(true)
  expect(newer.isHoliday('2027-06-09')).toBe(false)
  expect(newer.isAdjustedWorkday('2027-02-20')).toBe(true)
  expect(yearWarning(2027, newer)).toBeNull()
})

test('a meeting on a weekend 调休 working day says so', () => {
  expect(dateWarning('2026-02-14', 2026, calendar)).toBe('2026-02-14 是星期六，为调休上班日，请确认党员当天能参加')
  expect(dateWarning('2026-02-16', 2026, calendar)).toBe('2026-02-16 是春节假期，党员大多休假，请确认或改到工作日')
})
