import { fromBeijing } from '../../src/domain/beijing-time'
import {
  DAY_MS,
  DEFAULT_CONTACT_THRESHOLDS,
  addMonths,
  checkinDue,
  checkinReminderDue,
  contactAfter,
  compareByRisk,
  contactState,
  daysSince,
  effectiveMobileRules,
  needsTransfer,
  reportRequirement,
  thresholdProblems,
  type ContactThresholds,
} from '../../src/domain/mobile'

const last = fromBeijing('2026-05-10', '09:30')

describe('contact state: a day is 24 h of elapsed time; a state starts 1 ms after its threshold', () => {
  test.each([
    [30, 'normal', 'needs_contact'],
    [90, 'needs_contact', 'warning'],
    [180, 'warning', 'lost_risk'],
  ] as const)('%i days exactly is %s; 1 ms earlier the same, 1 ms later %s', (days, atAndBefore, after) => {
    expect(contactState(last, last + days * DAY_MS - 1)).toBe(atAndBefore)
    expect(contactState(last, last + days * DAY_MS)).toBe(atAndBefore)
    expect(contactState(last, last + days * DAY_MS + 1)).toBe(after)
  })

  test('just contacted is 正常, and a contact in the future (device clock) is 正常 too', () => {
    expect(contactState(last, last)).toBe('normal')
    expect(contactState(last, last - 5000)).toBe('normal')
  })

  test('thresholds are data: a committee override moves the boundaries', () => {
    const t = { needsContactDays: 15, warningDays: 45, lostRiskDays: 120 }
    expect(contactState(last, last + 15 * DAY_MS, t)).toBe('normal')
    expect(contactState(last, last + 15 * DAY_MS + 1, t)).toBe('needs_contact')
    expect(contactState(last, last + 45 * DAY_MS + 1, t)).toBe('warning')
    expect(contactState(last, last + 120 * DAY_MS + 1, t)).toBe('lost_risk')
  })

  test('days since is whole days, rounded down', () => {
    expect(daysSince(last, last + 30 * DAY_MS - 1)).toBe(29)
    expect(daysSince(last, last + 30 * DAY_MS)).toBe(30)
  })

  test('threshold sets must grow', () => {
    const fields = (t: ContactThresholds) => thresholdProblems(t).map((p) => p.field)
    expect(fields(DEFAULT_CONTACT_THRESHOLDS)).toEqual([])
    expect(fields({ needsContactDays: 30, warningDays: 30, lostRiskDays: 180 })).toEqual(['warningDays'])
    expect(fields({ needsContactDays: 30, warningDays: 90, lostRiskDays: 90 })).toEqual(['lostRiskDays'])
    expect(fields({ needsContactDays: 90, warningDays: 60, lostRiskDays: 30 })).toEqual(['warningDays', 'lostRiskDays'])
  })

  test('the nearest org on the path wins, thresholds and cadence separately', () => {
    const rules = effectiveMobileRules([
      { orgId: 'org_cmte', thresholds: { needsContactDays: 20, warningDays: 60, lostRiskDays: 150 } },
      { orgId: 'org_b1', cadence: 'quarter' },
    ])
    expect(rules.thresholds.needsContactDays).toBe(20)
    expect(rules.cadence).toBe('quarter')
    expect(rules.source).toEqual({ thresholds: 'org_cmte', cadence: 'org_b1' })
    expect(effectiveMobileRules([]).source).toEqual({ thresholds: 'default', cadence: 'default' })
  })

  test('most urgent first: by state, then longest without contact', () => {
    const rows = [
      { name: '甲', state: 'normal' as const, lastContactAt: 5 },
      { name: '乙', state: 'lost_risk' as const, lastContactAt: 2 },
      { name: '丙', state: 'warning' as const, lastContactAt: 3 },
      { name: '丁', state: 'lost_risk' as const, lastContactAt: 1 },
    ]
    expect(rows.sort(compareByRisk).map((r) => r.name)).toEqual(['丁', '乙', '丙', '甲'])
  })
})

describe('check-in cadence: Beijing calendar periods', () => {
  const at = (date: string, time = '10:00') => fromBeijing(date, time)

  test('monthly: nothing this month → due at the end of this month', () => {
    const due = checkinDue(at('2026-10-20'), at('2026-11-22'), 'month')
    expect(due).toMatchObject({ doneThisPeriod: false, dueDate: '2026-11-30', dueBy: at('2026-12-01', '00:00') })
  })

  test('monthly: checked in this month → next due at the end of next month', () => {
    expect(checkinDue(at('2026-11-02'), at('2026-11-22'), 'month')).toMatchObject({
      doneThisPeriod: true,
      dueDate: '2026-12-31',
    })
  })

  test('month boundaries are Beijing midnight, not UTC', () => {
    // 2026-01-31 23:59:59.999 Beijing is 15:59 UTC on the 31st; 2026-02-01 00:00 Beijing is 16:00 UTC on the 31st.
    const lastJanuaryMs = at('2026-02-01', '00:00') - 1
    expect(checkinDue(lastJanuaryMs, lastJanuaryMs, 'month')).toMatchObject({
      doneThisPeriod: true,
      dueDate: '2026-02-28',
    })
    expect(checkinDue(lastJanuaryMs, at('2026-02-01', '00:00'), 'month')).toMatchObject({
      doneThisPeriod: false,
      dueDate: '2026-02-28',
    })
    // Leap year February.
    expect(checkinDue(null, at('2028-02-10'), 'month').dueDate).toBe('2028-02-29')
    // December rolls into the next year.
    expect(checkinDue(at('2026-12-05'), at('2026-12-31', '23:59'), 'month').dueDate).toBe('2027-01-31')
  })

  test('quarterly and half-yearly', () => {
    expect(checkinDue(null, at('2026-11-22'), 'quarter').dueDate).toBe('2026-12-31')
    expect(checkinDue(at('2026-10-01', '00:00'), at('2026-11-22'), 'quarter').dueDate).toBe('2027-03-31')
    expect(checkinDue(at('2026-09-30', '23:59'), at('2026-11-22'), 'quarter').doneThisPeriod).toBe(false)
    expect(checkinDue(at('2026-03-01'), at('2026-05-01'), 'half')).toMatchObject({
      doneThisPeriod: true,
      dueDate: '2026-12-31',
    })
  })

  test('never checked in → due at the end of the current period', () => {
    expect(checkinDue(null, at('2026-11-01', '00:00'), 'month')).toMatchObject({
      doneThisPeriod: false,
      dueDate: '2026-11-30',
    })
  })
})

describe('six months away → transfer membership', () => {
  test('due on the day six calendar months after leaving, not the day before', () => {
    expect(needsTransfer('2026-05-22', at('2026-11-21', '23:59'))).toBe(false)
    expect(needsTransfer('2026-05-22', at('2026-11-22', '00:00'))).toBe(true)
  })

  test('month ends clamp: 31 August + 6 months is the last day of February', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(needsTransfer('2025-08-31', at('2026-02-27', '23:59'))).toBe(false)
    expect(needsTransfer('2025-08-31', at('2026-02-28', '00:00'))).toBe(true)
  })

  function at(date: string, time: string) {
    return fromBeijing(date, time)
  }
})

describe('yearly 思想汇报', () => {
  const now = fromBeijing('2026-11-22', '10:00')
  test('this year’s 思想汇报 submitted → 已完成', () => {
    expect(reportRequirement([{ kind: 'thought', year: 2026 }], now)).toEqual({
      year: 2026,
      met: true,
      label: '已完成',
      deadline: '2026-12-31',
    })
  })
  test('only last year’s, or another kind → 待提交 by 31 December', () => {
    expect(
      reportRequirement(
        [
          { kind: 'thought', year: 2025 },
          { kind: 'work', year: 2026 },
        ],
        now,
      ),
    ).toMatchObject({ met: false, label: '待提交', deadline: '2026-12-31' })
  })
  test('the year is the Beijing year: 1 January 00:00 Beijing is already the new year', () => {
    expect(reportRequirement([{ kind: 'thought', year: 2026 }], fromBeijing('2027-01-01', '00:00')).met).toBe(false)
    expect(reportRequirement([{ kind: 'thought', year: 2026 }], fromBeijing('2027-01-01', '00:00') - 1).met).toBe(true)
  })
})

describe('contact times and check-in reminders', () => {
  test('a contact moves the last contact forward, a check-in the last check-in too; a late record never moves them back', () => {
    const profile = { lastContactAt: last, lastCheckinAt: null }
    expect(contactAfter(profile, last + 5, false)).toEqual({ lastContactAt: last + 5, lastCheckinAt: null })
    expect(contactAfter(profile, last + 5, true)).toEqual({ lastContactAt: last + 5, lastCheckinAt: last + 5 })
    expect(contactAfter({ lastContactAt: last, lastCheckinAt: last }, last - 5, true)).toEqual({
      lastContactAt: last,
      lastCheckinAt: last,
    })
  })

  test('reminded in the last 7 days of the period when no check-in came', () => {
    const may = checkinDue(null, last, 'month')
    const endOfMay = may.period.end
    expect(checkinReminderDue(may, endOfMay - 7 * DAY_MS - 1)).toBe(false)
    expect(checkinReminderDue(may, endOfMay - 7 * DAY_MS)).toBe(true)
    expect(checkinReminderDue(checkinDue(last, last, 'month'), endOfMay - DAY_MS)).toBe(false)
  })
})
