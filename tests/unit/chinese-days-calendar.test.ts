import { getDayDetail } from 'chinese-days'
import dataset from 'chinese-days/dist/chinese-days.json'
import { ChineseDaysCalendar, chineseDaysCalendar as cal } from '../../src/cloud/adapters/chinese-days-calendar'

// 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社）: the 调休 working days.
const WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']

test('2026: 元旦 and 国庆节 are holidays with their names', () => {
  expect(cal.hasYear(2026)).toBe(true)
  expect(cal.isHoliday('2026-01-01')).toBe(true)
  expect(cal.holidayName('2026-01-01')).toBe('元旦')
  expect(cal.isHoliday('2026-10-01')).toBe(true)
  expect(cal.holidayName('2026-10-01')).toBe('国庆节')
  expect(cal.isHoliday('2026-10-07')).toBe(true)
  expect(cal.isHoliday('2026-10-08')).toBe(false)
  // Abbreviated festival names in the dataset are shown in full.
  expect(cal.holidayName('2026-09-25')).toBe('中秋节')
  expect(cal.holidayName('2026-04-05')).toBe('清明节')
})

test('2026: the 调休 working days of the published arrangement are in the dataset, and no others', () => {
  for (const date of WORKDAYS_2026) {
    expect(cal.isAdjustedWorkday(date)).toBe(true)
    expect(cal.isHoliday(date)).toBe(false)
    expect(cal.holidayName(date)).toBeNull()
  }
  const found: string[] = []
  for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10)
    if (cal.isAdjustedWorkday(date)) found.push(date)
  }
  expect(found).toEqual(WORKDAYS_2026)
})

test('an ordinary weekend is neither a holiday nor a working day', () => {
  expect(cal.isHoliday('2026-03-07')).toBe(false)
  expect(cal.isAdjustedWorkday('2026-03-07')).toBe(false)
})

test('agrees with the package’s own day lookup on every day of 2026 (in this process’s zone)', () => {
  // The package's functions read dates in local time; they are only right east of Greenwich.
  if (new Date(Date.UTC(2026, 0, 1)).getDate() !== 1) return
  for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10)
    const weekday = new Date(d).getUTCDay()
    const working = cal.isAdjustedWorkday(date) || (weekday !== 0 && weekday !== 6 && !cal.isHoliday(date))
    expect([date, working]).toEqual([date, getDayDetail(date).work])
  }
})

test('which years the installed dataset covers; 2027 is reported from the data, not assumed', () => {
  const years = cal.coveredYears()
  expect(years[0]).toBe(2004)
  expect(years).toContain(2026)
  // chinese-days 1.5.7 ends at 2026: the 2027 arrangement is usually announced in November 2026,
  // and an update of the package brings it with no code change here.
  const raw2027 = Object.keys(dataset.holidays).some((date) => date.startsWith('2027-'))
  expect(cal.hasYear(2027)).toBe(raw2027)
  expect(years.includes(2027)).toBe(raw2027)
  console.info(`chinese-days covers ${years[0]}–${years[years.length - 1]}; 2027 present: ${cal.hasYear(2027)}`)
})

test('hasYear follows the dataset it is given', () => {
  const small = new ChineseDaysCalendar({ holidays: { '2030-01-01': "New Year's Day,元旦,1" }, workdays: {} })
  expect(small.hasYear(2030)).toBe(true)
  expect(small.hasYear(2026)).toBe(false)
  expect(small.holidayName('2030-01-01')).toBe('元旦')
})
