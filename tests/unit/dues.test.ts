import {
  DEFAULT_DUES_RULES,
  addMonths,
  coveredMonths,
  duesQuote,
  effectiveDuesRules,
  keepsDuesInApp,
  memberMonths,
  monthsBetween,
  monthsOfYear,
  MONTH_STATE_LABELS,
  parseYuan,
  paymentMonthsProblem,
  shareOf,
  type DuesBaseDecl,
  type DuesEntry,
} from '../../src/domain/dues'

const quote = (category: Parameters<typeof duesQuote>[0], baseFen: number | null) => duesQuote(category, baseFen)

describe('在职 bands (中组发〔2008〕3号 第二条)', () => {
  it.each([
    [0, 50, 0],
    [300000, 50, 1500], // 3000.00 元: 0.5%
    [300001, 100, 3000], // 3000.01 元: 1% → 30.0001 元, rounds to 30.00
    [500000, 100, 5000], // 5000.00 元: 1%
    [500001, 150, 7500], // 5000.01 元: 1.5% → 75.00015
    [1000000, 150, 15000], // 10000.00 元: 1.5%
    [1000001, 200, 20000], // 10000.01 元: 2% → 200.0002
    [2345678, 200, 46914], // 23456.78 × 2% = 469.1356 → 469.14
  ])('base %i 分 → %i 万分之, %i 分 a month', (base, rate, monthly) => {
    const q = quote('employed', base)
    expect(q.rateBp).toBe(rate)
    expect(q.monthlyFen).toBe(monthly)
  })

  it('rounds half up to 1 分', () => {
    // 3333.50 元 × 1% = 33.335 元 → 33.34
    expect(shareOf(333350, 100)).toBe(3334)
    // 3333.49 元 × 1% = 33.3349 → 33.33
    expect(shareOf(333349, 100)).toBe(3333)
    expect(quote('employed', 333350).basis).toBe('月基数 3333.50 元 × 1%')
  })
})

describe('离退休 bands (第四条)', () => {
  it.each([
    [500000, 50, 2500], // 5000.00 元: 0.5%
    [500001, 100, 5000], // 5000.01 元: 1%
    [1200000, 100, 12000],
  ])('base %i 分 → %i 万分之, %i 分', (base, rate, monthly) => {
    const q = quote('retired', base)
    expect(q.rateBp).toBe(rate)
    expect(q.monthlyFen).toBe(monthly)
  })
})

describe('flat categories (第五条, 第六条)', () => {
  it.each(['student', 'unemployed', 'subsistence', 'farmer'] as const)('%s pays 0.2 元 by default', (c) => {
    const q = quote(c, null)
    expect(q.rateBp).toBeNull()
    expect(q.monthlyFen).toBe(20)
    expect(q.baseFen).toBeNull()
  })

  it('a based category needs a base', () => {
    expect(() => quote('employed', null)).toThrow(RangeError)
    expect(() => quote('retired', -1)).toThrow(RangeError)
  })

  it('the 党委 chooses the 农民党员 amount within 0.2–1 元; the nearest org wins; out of range is ignored', () => {
    const rules = effectiveDuesRules([
      { orgId: 'cmte', farmerFen: 100 },
      { orgId: 'general', farmerFen: 50 },
      { orgId: 'branch', farmerFen: 101 },
    ])
    expect(rules.flatFen.farmer).toBe(50)
    expect(rules.farmerSource).toBe('general')
    expect(duesQuote('farmer', null, rules).monthlyFen).toBe(50)
    expect(rules.flatFen.student).toBe(20)
    expect(effectiveDuesRules([{ orgId: 'c', farmerFen: 19 }]).flatFen.farmer).toBe(20)
  })
})

describe('补交 (at most six months back)', () => {
  it('allows the six months before the current one and refuses the seventh with what to do', () => {
    expect(paymentMonthsProblem(['2026-05', '2026-06', '2026-11'], '2026-11')).toBeNull()
    const problem = paymentMonthsProblem(['2026-04', '2026-05'], '2026-11')
    expect(problem).toContain('2026年4月的党费已超过 6 个月的补交期限（最早可补交2026年5月）')
    expect(problem).toContain('报党委研究处理')
    expect(problem).not.toContain('2026年5月的党费')
  })

  it('refuses months before the member joined: nothing is due for them', () => {
    expect(paymentMonthsProblem(['2026-07', '2026-08'], '2026-11', DEFAULT_DUES_RULES, '2026-07')).toBeNull()
    const problem = paymentMonthsProblem(['2026-06', '2026-07'], '2026-11', DEFAULT_DUES_RULES, '2026-07')
    expect(problem).toContain('2026年6月在入党之前')
    expect(problem).toContain('请去掉这些月份')
    expect(problem).not.toContain('2026年7月在')
  })

  it('counts across years', () => {
    expect(paymentMonthsProblem(['2025-07'], '2026-01')).toBeNull()
    expect(paymentMonthsProblem(['2025-06'], '2026-01')).toContain('2025年6月')
  })

  it('refuses months more than a year ahead', () => {
    expect(paymentMonthsProblem(['2027-11'], '2026-11')).toBeNull()
    expect(paymentMonthsProblem(['2027-12'], '2026-11')).toContain('最多预交 12 个月')
  })

  it('uses the rule value', () => {
    expect(paymentMonthsProblem(['2026-08'], '2026-11', { backPayMonths: 2 })).toContain('超过 2 个月')
    expect(DEFAULT_DUES_RULES.backPayMonths).toBe(6)
  })
})

describe('months', () => {
  it('moves and measures across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(monthsBetween('2025-11', '2026-02')).toBe(3)
    expect(monthsOfYear(2026)).toHaveLength(12)
  })

  it('parses 元 typed in a form into 分', () => {
    expect(parseYuan('3000')).toBe(300000)
    expect(parseYuan('3000.01')).toBe(300001)
    expect(parseYuan('3000.5')).toBe(300050)
    expect(parseYuan('3000.001')).toBeNull()
    expect(parseYuan('-1')).toBeNull()
    expect(parseYuan('')).toBeNull()
  })
})

describe('a member ledger', () => {
  const base: DuesBaseDecl = {
    memberId: 'm1',
    year: 2026,
    category: 'employed',
    baseFen: 600000,
    rateBp: 150,
    monthlyFen: 9000,
    declaredAt: 1,
  }
  const entry = (id: string, months: string[], amountFen: number, extra: Partial<DuesEntry> = {}): DuesEntry => ({
    id,
    memberId: 'm1',
    kind: 'payment',
    months,
    amountFen,
    correctsId: null,
    recordedAt: Number(id.replace(/\D/g, '')),
    ...extra,
  })

  it('derives paid, partial, arrears, exempt and not yet due; a correction replaces its original', () => {
    const lines = memberMonths({
      months: monthsOfYear(2026).slice(0, 6),
      bases: [{ ...base, monthlyFen: 1, declaredAt: 0 }, base],
      entries: [
        entry('e1', ['2026-01', '2026-02'], 18000),
        entry('e2', ['2026-03'], 5000),
        entry('e3', ['2026-03'], 9000, { correctsId: 'e2' }),
        entry('e4', ['2026-04'], 4000),
        entry('e5', ['2026-05'], 0, { kind: 'exemption' }),
      ],
      currentMonth: '2026-05',
      firstMonth: '2026-01',
    })
    expect(lines.map((l) => l.state)).toEqual(['paid', 'paid', 'paid', 'partial', 'exempt', 'not_due'])
    expect(lines[2].entryIds).toEqual(['e3'])
    expect(lines[3].arrearsFen).toBe(5000)
    expect(lines[4].arrearsFen).toBe(0)
    expect(lines.reduce((s, l) => s + l.paidFen, 0)).toBe(18000 + 9000 + 4000)
  })

  it('marks months before joining as nothing due and months without a base as undeclared', () => {
    const lines = memberMonths({
      months: ['2025-12', '2026-01'],
      bases: [],
      entries: [],
      currentMonth: '2026-01',
      firstMonth: '2026-01',
    })
    expect(lines.map((l) => l.state)).toEqual(['before_joining', 'undeclared'])
  })

  it('joined in July: January–June owe nothing (no 应交); the current month is 本月应交, not 欠交, until it ends', () => {
    const lines = memberMonths({
      months: monthsOfYear(2026),
      bases: [base],
      entries: [],
      currentMonth: '2026-11',
      firstMonth: '2026-07',
    })
    const byMonth = new Map(lines.map((l) => [l.month, l]))
    for (const m of ['2026-01', '2026-06']) {
      expect(byMonth.get(m)).toMatchObject({ state: 'before_joining', dueFen: null, arrearsFen: 0, owed: false })
      expect(MONTH_STATE_LABELS[byMonth.get(m)!.state]).not.toBe('未到期')
    }
    expect(byMonth.get('2026-10')).toMatchObject({ state: 'unpaid', arrearsFen: 9000 })
    expect(byMonth.get('2026-11')).toMatchObject({ state: 'this_month', dueFen: 9000, arrearsFen: 0, owed: true })
    expect(MONTH_STATE_LABELS.this_month).toBe('本月应交')
    expect(byMonth.get('2026-12')).toMatchObject({ state: 'not_due', arrearsFen: 0 })
    // Arrears are the ended months only: July–October.
    expect(lines.reduce((s, l) => s + l.arrearsFen, 0)).toBe(4 * 9000)
  })

  it('tells which months are covered, corrections applied', () => {
    const covered = coveredMonths([
      entry('e1', ['2026-01'], 9000),
      entry('e2', ['2026-02'], 9000),
      entry('e3', ['2026-03'], 9000, { correctsId: 'e2' }),
      entry('e4', ['2026-04'], 0, { kind: 'exemption' }),
    ])
    expect(covered).toEqual({ paid: ['2026-01', '2026-03'], exempt: ['2026-04'] })
  })
})

describe('a branch that keeps no dues in the app', () => {
  it('is told apart from one where everyone paid', () => {
    expect(keepsDuesInApp({ dueFen: 0, paidFen: 0 }, 0)).toBe(false)
    expect(keepsDuesInApp({ dueFen: 9000, paidFen: 9000 }, 0)).toBe(true)
    expect(keepsDuesInApp({ dueFen: 0, paidFen: 0 }, 3000)).toBe(true)
  })
})
