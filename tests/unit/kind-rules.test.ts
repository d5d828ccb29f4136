import {
  AT_RISK_DAYS,
  atRiskDaysFrom,
  atRiskDaysSchema,
  DEFAULT_MINUTES_DUE_MS,
  effectiveRules,
  kindsWithNewPeriod,
  minutesDueDaysSchema,
  minutesDueFrom,
  ruleOverrideSchema,
  type RuleSet,
} from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES, kindRule, MEETING_KINDS } from '../../src/domain/meeting-kinds'

const messages = (input: unknown) => {
  const r = ruleOverrideSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => i.message)
}

test('without overrides every kind keeps its national default, sourced "default"', () => {
  const rules = effectiveRules(DEFAULT_KIND_RULES, [])
  expect(rules.map((r) => r.kind)).toEqual([...MEETING_KINDS])
  for (const r of rules) {
    expect(r).toMatchObject({ ...kindRule(r.kind), source: { period: 'default', requiredCount: 'default' } })
  }
  expect(kindRule('branch_congress', rules)).toMatchObject({ period: 'quarter', requiredCount: 1 })
  expect(kindRule('committee_meeting', rules)).toMatchObject({ period: 'month', requiredCount: 1 })
  expect(kindRule('life_meeting', rules)).toMatchObject({ period: 'year', requiredCount: 1 })
})

test('a committee can set 党课 每半年 for its subtree', () => {
  const rules = effectiveRules(DEFAULT_KIND_RULES, [
    { orgId: 'dw', overrides: [{ kind: 'party_lecture', period: 'half' }] },
  ])
  const lecture = kindRule('party_lecture', rules)
  expect(lecture).toMatchObject({ period: 'half', requiredCount: 1, frequencyText: '每半年 1 次' })
  expect(lecture).toMatchObject({ source: { period: 'dw', requiredCount: 'default' } })
  // Nothing else moves.
  expect(kindRule('theme_day', rules)).toEqual(kindRule('theme_day', effectiveRules(DEFAULT_KIND_RULES, [])))
})

test('the nearest org wins, value by value', () => {
  const path: RuleSet[] = [
    { orgId: 'dw', overrides: [{ kind: 'party_lecture', period: 'half', requiredCount: 1 }] },
    { orgId: 'zzz', overrides: [{ kind: 'party_lecture', period: 'quarter' }] },
    { orgId: 'zb', overrides: [{ kind: 'branch_congress', requiredCount: 2 }] },
  ]
  const rules = effectiveRules(DEFAULT_KIND_RULES, path)
  expect(kindRule('party_lecture', rules)).toMatchObject({
    period: 'quarter',
    requiredCount: 1,
    source: { period: 'zzz', requiredCount: 'dw' },
  })
  expect(kindRule('branch_congress', rules)).toMatchObject({
    period: 'quarter',
    requiredCount: 2,
    frequencyText: '每季度 2 次',
    source: { period: 'default', requiredCount: 'zb' },
  })
})

test('an override that no longer validates is skipped, not thrown', () => {
  const rules = effectiveRules(DEFAULT_KIND_RULES, [
    {
      orgId: 'dw',
      overrides: [
        { kind: 'life_meeting', period: 'month' },
        { kind: 'theme_day', requiredCount: 0 },
      ],
    },
  ])
  expect(kindRule('life_meeting', rules)).toMatchObject({ period: 'year', source: { period: 'default' } })
  expect(kindRule('theme_day', rules)).toMatchObject({ requiredCount: 1, source: { requiredCount: 'default' } })
})

test('valid overrides pass the schema', () => {
  expect(messages({ kind: 'party_lecture', period: 'half' })).toEqual([])
  expect(messages({ kind: 'party_lecture', period: 'quarter', requiredCount: 2 })).toEqual([])
  expect(messages({ kind: 'branch_congress', period: 'month' })).toEqual([])
  expect(messages({ kind: 'theme_day', requiredCount: 12 })).toEqual([])
})

test('invalid overrides are refused with a message that says what to fix', () => {
  expect(messages({ kind: 'life_meeting', period: 'quarter' })).toEqual(['组织生活会的周期只能是每年，请改为每年'])
  expect(messages({ kind: 'party_lecture', period: 'month' })).toEqual([
    '党课的周期只能是每季度或每半年，请从中选择一个',
  ])
  expect(messages({ kind: 'committee_meeting', period: 'quarter' })).toEqual(['支部委员会的周期只能是每月，请改为每月'])
  expect(messages({ kind: 'theme_day', requiredCount: 0 })).toEqual(['每个周期至少召开 1 次，请调大次数'])
  expect(messages({ kind: 'theme_day', requiredCount: 13 })).toEqual(['每个周期最多设置 12 次，请调小次数'])
  expect(messages({ kind: 'theme_day', requiredCount: 1.5 })).toEqual(['次数请填写整数'])
  expect(messages({ kind: 'theme_day' })).toEqual(['请至少设置周期或次数中的一项'])
  expect(messages({ kind: 'tea_party', period: 'year' })).toEqual(['请选择会议类型'])
  expect(messages({ kind: 'theme_day', period: 'week' })).toEqual(['周期只能是每月、每季度、每半年或每年'])
})

test('the kinds whose counters a rule change rebuilds are those whose period changed or is new', () => {
  const before = effectiveRules(DEFAULT_KIND_RULES, [])
  const after = before.map((r) => (r.kind === 'party_lecture' ? { ...r, period: 'half' as const } : r))
  expect(kindsWithNewPeriod(before, after)).toEqual(['party_lecture'])
  expect(kindsWithNewPeriod(before, before)).toEqual([])
  expect(kindsWithNewPeriod(before.slice(1), before)).toEqual([before[0].kind])
})

describe('rule values carried by every effective rule (issue 16)', () => {
  const DAY = 24 * 3_600_000

  test('the minutes deadline: default 3 days, nearest org wins, out of range skipped', () => {
    expect(minutesDueFrom([])).toEqual({ ms: DEFAULT_MINUTES_DUE_MS, source: 'default' })
    expect(DEFAULT_MINUTES_DUE_MS).toBe(3 * DAY)
    const sets = [
      { orgId: 'dw', overrides: [], minutesLateAfterMs: 5 * DAY },
      { orgId: 'zb', overrides: [], minutesLateAfterMs: 2 * DAY },
    ]
    expect(minutesDueFrom(sets)).toEqual({ ms: 2 * DAY, source: 'zb' })
    expect(minutesDueFrom([sets[0], { orgId: 'zb', overrides: [], minutesLateAfterMs: 32 * DAY }]).ms).toBe(5 * DAY)
    expect(minutesDueFrom([{ orgId: 'dw', minutesLateAfterMs: null }]).source).toBe('default')
    // Every kind carries the one value, so 逾期 and 补录 read the same.
    expect(new Set(effectiveRules(DEFAULT_KIND_RULES, sets).map((r) => r.minutesDueMs))).toEqual(new Set([2 * DAY]))
  })

  test('at-risk days: per period, defaults 7/15/15/30, each period from the nearest org that sets it', () => {
    expect(atRiskDaysFrom([]).days).toEqual(AT_RISK_DAYS)
    const r = atRiskDaysFrom([
      { orgId: 'dw', atRiskDays: { quarter: 20, year: 40 } },
      { orgId: 'zb', atRiskDays: { quarter: 25, month: 28 } },
    ])
    // A month has at least 28 days: 28 is out of range and skipped.
    expect(r.days).toEqual({ month: 7, quarter: 25, half: 15, year: 40 })
    expect(r.source).toEqual({ month: 'default', quarter: 'zb', half: 'default', year: 'dw' })
    const rules = effectiveRules(DEFAULT_KIND_RULES, [{ orgId: 'dw', overrides: [], atRiskDays: { quarter: 20 } }])
    expect(rules.find((x) => x.kind === 'party_lecture')!.atRiskDays).toBe(20)
    expect(rules.find((x) => x.kind === 'theme_day')!.atRiskDays).toBe(7)
    // A kind whose period a 党委 changes takes that period's days.
    const half = effectiveRules(DEFAULT_KIND_RULES, [
      { orgId: 'dw', overrides: [{ kind: 'party_lecture', period: 'half' }], atRiskDays: { half: 40 } },
    ])
    expect(half.find((x) => x.kind === 'party_lecture')).toMatchObject({ period: 'half', atRiskDays: 40 })
  })

  test('the setting schemas refuse out-of-range values in Chinese', () => {
    expect(minutesDueDaysSchema.safeParse(0).success).toBe(false)
    expect(minutesDueDaysSchema.safeParse(31).success).toBe(true)
    expect(minutesDueDaysSchema.safeParse(null).success).toBe(true)
    const r = atRiskDaysSchema.safeParse({ year: 365 })
    expect(r.success).toBe(false)
    if (!r.success) expect(r.error.issues[0].message).toContain('最多提前 364 天')
  })
})
