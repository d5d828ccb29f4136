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
  LOST_CONTACT_MONTHS,
  lostSince,
  monthsWithoutContact,
  needsTransfer,
  reportRequirement,
  stopProposalProblem,
  thresholdProblems,
  DEFAULT_CHECKIN_CADENCE,
  type ContactThresholds,
} from '../../src/domain/mobile'

const last = fromBeijing('2026-05-10', '09:30')

describe('contact state: a day is 24 h of elapsed time; a state starts 1 ms after its threshold', () => {
  test.each([
    [30, 'normal', 'needs_contact'],
    [90, 'needs_contact', 'warning'],
  ] as const)('%i days exactly is %s; 1 ms earlier the same, 1 ms later %s', (days, atAndBefore, after) => {
    expect(contactState(last, last + days * DAY_MS - 1)).toBe(atAndBefore)
    expect(contactState(last, last + days * DAY_MS)).toBe(atAndBefore)
    expect(contactState(last, last + days * DAY_MS + 1)).toBe(after)
  })

  test('just contacted is 正常, and a contact in the future (device clock) is 正常 too', () => {
    expect(contactState(last, last)).toBe('normal')
    expect(contactState(last, last - 5000)).toBe('normal')
  })

  test('失联风险 starts on the Beijing date six calendar months after the last contact, not after 180 days', () => {
    // Last contact 2026-05-10 09:30: six calendar months is 2026-11-10 (184 days later), not 11-06.
    expect(lostSince(last)).toBe('2026-11-10')
    expect(contactState(last, last + 180 * DAY_MS + 1)).toBe('warning')
    expect(contactState(last, fromBeijing('2026-11-09', '23:59'))).toBe('warning')
    expect(contactState(last, fromBeijing('2026-11-10', '00:00'))).toBe('lost_risk')
  })

  test('thresholds are data: a committee override moves the boundaries', () => {
    const t = { needsContactDays: 15, warningDays: 45, lostRiskMonths: 4 }
    expect(contactState(last, last + 15 * DAY_MS, t)).toBe('normal')
    expect(contactState(last, last + 15 * DAY_MS + 1, t)).toBe('needs_contact')
    expect(contactState(last, last + 45 * DAY_MS + 1, t)).toBe('warning')
    expect(contactState(last, fromBeijing('2026-09-09', '23:59'), t)).toBe('warning')
    expect(contactState(last, fromBeijing('2026-09-10', '00:00'), t)).toBe('lost_risk')
  })

  test('days since is whole days, rounded down', () => {
    expect(daysSince(last, last + 30 * DAY_MS - 1)).toBe(29)
    expect(daysSince(last, last + 30 * DAY_MS)).toBe(30)
  })

  test('threshold sets must grow', () => {
    const fields = (t: ContactThresholds) => thresholdProblems(t).map((p) => p.field)
    expect(fields(DEFAULT_CONTACT_THRESHOLDS)).toEqual([])
    expect(fields({ needsContactDays: 30, warningDays: 30, lostRiskMonths: 6 })).toEqual(['warningDays'])
    // Three months can be as short as 84 days (28 a month): a warning at 84 days is not before it.
    expect(fields({ needsContactDays: 30, warningDays: 83, lostRiskMonths: 3 })).toEqual([])
    expect(fields({ needsContactDays: 30, warningDays: 84, lostRiskMonths: 3 })).toEqual(['lostRiskMonths'])
    expect(fields({ needsContactDays: 90, warningDays: 60, lostRiskMonths: 1 })).toEqual([
      'warningDays',
      'lostRiskMonths',
    ])
  })

  test('a set stored before issue 16 in days keeps its 需联系/预警 days and takes six calendar months', () => {
    const rules = effectiveMobileRules([
      { orgId: 'org_cmte', thresholds: { needsContactDays: 20, warningDays: 60, lostRiskDays: 150 } as never },
    ])
    expect(rules.thresholds).toEqual({ needsContactDays: 20, warningDays: 60, lostRiskMonths: LOST_CONTACT_MONTHS })
    // A months value past six (失联 itself) is not trusted either.
    const late = effectiveMobileRules([
      { orgId: 'org_cmte', thresholds: { needsContactDays: 20, warningDays: 60, lostRiskMonths: 9 } },
    ])
    expect(late.thresholds.lostRiskMonths).toBe(LOST_CONTACT_MONTHS)
  })

  test('the nearest org on the path wins, thresholds and cadence separately', () => {
    const rules = effectiveMobileRules([
      { orgId: 'org_cmte', thresholds: { needsContactDays: 20, warningDays: 60, lostRiskMonths: 5 } },
      { orgId: 'org_b1', cadence: 'quarter' },
    ])
    expect(rules.thresholds.needsContactDays).toBe(20)
    expect(rules.cadence).toBe('quarter')
    expect(rules.source).toEqual({ thresholds: 'org_cmte', cadence: 'org_b1' })
    expect(effectiveMobileRules([]).source).toEqual({ thresholds: 'default', cadence: 'default' })
  })

  test('报到 is yearly unless the branch asks more often', () => {
    expect(DEFAULT_CHECKIN_CADENCE).toBe('year')
    expect(effectiveMobileRules([]).cadence).toBe('year')
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

  test('leap years: 31 August 2023 + 6 months is 29 February 2024; 29 February + 6 months is 29 August', () => {
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29')
    expect(needsTransfer('2023-08-31', at('2024-02-28', '23:59'))).toBe(false)
    expect(needsTransfer('2023-08-31', at('2024-02-29', '00:00'))).toBe(true)
    expect(addMonths('2024-02-29', 6)).toBe('2024-08-29')
    expect(addMonths('2026-02-28', 6)).toBe('2026-08-28')
  })

  function at(date: string, time: string) {
    return fromBeijing(date, time)
  }
})

describe('失联: six calendar months without contact, on Beijing dates', () => {
  const at = (date: string, time = '12:00') => fromBeijing(date, time)

  test.each([
    // last contact (Beijing), six months complete on, the instant before is still short
    ['2025-08-31', '2026-02-28'],
    ['2023-08-31', '2024-02-29'],
    ['2024-02-29', '2024-08-29'],
    ['2026-03-31', '2026-09-30'],
    ['2026-06-30', '2026-12-30'],
    ['2026-07-15', '2027-01-15'],
  ])('last contact %s → 失联 from %s', (contact, from) => {
    const lastAt = at(contact, '18:00')
    expect(lostSince(lastAt)).toBe(from)
    expect(monthsWithoutContact(lastAt, fromBeijing(from, '00:00') - 1)).toBe(false)
    expect(monthsWithoutContact(lastAt, fromBeijing(from, '00:00'))).toBe(true)
  })

  test('a contact late in the evening counts on its Beijing date, not its UTC date', () => {
    // 2026-05-31 23:30 Beijing is 15:30 UTC on 05-31; 2026-06-01 00:30 Beijing is 05-31 UTC.
    expect(lostSince(fromBeijing('2026-05-31', '23:30'))).toBe('2026-11-30')
    expect(lostSince(fromBeijing('2026-06-01', '00:30'))).toBe('2026-12-01')
  })
})

describe('the proposal to the 党委 for 停止党籍: only after six months and a search, never twice', () => {
  const lastAt = fromBeijing('2026-03-31', '10:00')
  const sixMonths = fromBeijing('2026-09-30', '00:00')
  const searched = [{ date: '2026-09-01', found: false }]

  test('before six calendar months it is refused, saying from which date', () => {
    const problem = stopProposalProblem({
      lastContactAt: lastAt,
      searches: searched,
      now: sixMonths - 1,
      openProposal: false,
    })
    expect(problem).toContain('不满 6 个月')
    expect(problem).toContain('2026-09-30')
  })

  test('at six months it needs a search since the last contact that did not reach the member', () => {
    expect(stopProposalProblem({ lastContactAt: lastAt, searches: [], now: sixMonths, openProposal: false })).toContain(
      '还没有查找记录',
    )
    // A search before the last contact, or one that reached the member, is not a search for the lost member.
    const stale = [
      { date: '2026-03-01', found: false },
      { date: '2026-09-01', found: true },
    ]
    expect(
      stopProposalProblem({ lastContactAt: lastAt, searches: stale, now: sixMonths, openProposal: false }),
    ).toContain('还没有查找记录')
    expect(
      stopProposalProblem({ lastContactAt: lastAt, searches: searched, now: sixMonths, openProposal: false }),
    ).toBeNull()
  })

  test('an open proposal is not made again', () => {
    expect(
      stopProposalProblem({ lastContactAt: lastAt, searches: searched, now: sixMonths, openProposal: true }),
    ).toContain('已经向党委提请过')
  })
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
