import { fromBeijing } from '../../src/domain/beijing-time'
import {
  AT_RISK_DAYS,
  applyMeetingChange,
  COMPLIANCE_LABELS,
  counterDeltas,
  counterFromMeetings,
  counterKey,
  countsTowardQuota,
  emptyCounter,
  rebuildWindow,
  statusFromCounter,
  type MeetingFacts,
  type PeriodCounter,
} from '../../src/domain/compliance'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES, kindRule, type MeetingKind, type MeetingKindRule } from '../../src/domain/meeting-kinds'
import { periodSpan, type PeriodSpan } from '../../src/domain/periods'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (date: string, time = '12:00') => fromBeijing(date, time)
const rules = effectiveRules(DEFAULT_KIND_RULES, [])

/** A meeting held and fully recorded unless told otherwise. */
function meeting(id: string, kind: MeetingKind, start: number, extra: Partial<MeetingFacts> = {}): MeetingFacts {
  const endAt = start + 2 * HOUR
  return {
    id,
    kind,
    startAt: start,
    endAt,
    cancelled: false,
    attendanceRecordedAt: endAt,
    minutesFinalizedAt: endAt + HOUR,
    quorumMet: null,
    ...extra,
  }
}
const planned = (id: string, kind: MeetingKind, start: number, extra: Partial<MeetingFacts> = {}) =>
  meeting(id, kind, start, { attendanceRecordedAt: null, minutesFinalizedAt: null, ...extra })

/** The status built from scratch over raw meetings: a fresh counter, then the one decision. */
function periodStatus(input: {
  rule: MeetingKindRule
  span: PeriodSpan
  meetings: readonly MeetingFacts[]
  now: number
  minutesDueMs?: number
}) {
  const counter = counterFromMeetings(input.meetings, input.span, input.rule.kind)
  return statusFromCounter(counter, input.rule, input.span, input.now, input.minutesDueMs)
}

function status(kind: MeetingKind, spanAt: number, meetings: MeetingFacts[], now: number, ruleSet = rules) {
  const rule = kindRule(kind, ruleSet)
  return periodStatus({ rule, span: periodSpan(spanAt, rule.period), meetings, now })
}

test('labels', () => {
  expect(COMPLIANCE_LABELS).toEqual({
    done: '已完成',
    in_progress: '进行中',
    due: '待召开',
    overdue: '逾期',
    missed: '未完成',
  })
})

describe('countsTowardQuota', () => {
  const held = meeting('a', 'branch_congress', at('2026-03-10'), { quorumMet: true })
  test('held, recorded, finalized and quorate counts', () => {
    expect(countsTowardQuota(held)).toBe(true)
    expect(countsTowardQuota({ ...held, quorumMet: null })).toBe(true)
  })
  test('each missing piece stops it counting', () => {
    expect(countsTowardQuota({ ...held, cancelled: true })).toBe(false)
    expect(countsTowardQuota({ ...held, attendanceRecordedAt: null })).toBe(false)
    expect(countsTowardQuota({ ...held, minutesFinalizedAt: null })).toBe(false)
    expect(countsTowardQuota({ ...held, kind: 'committee_meeting', quorumMet: false })).toBe(false)
  })

  test('quorum gates the vote, not the meeting: a 党员大会 without quorum is still held (issue 16)', () => {
    expect(countsTowardQuota({ ...held, kind: 'branch_congress', quorumMet: false })).toBe(true)
    expect(countsTowardQuota({ ...held, kind: 'committee_meeting', quorumMet: false })).toBe(false)
  })
})

describe('each status', () => {
  const oct = at('2026-10-15')
  test('done: enough counted meetings, in an open or a closed period', () => {
    const m = meeting('a', 'theme_day', at('2026-10-09', '15:00'))
    expect(status('theme_day', oct, [m], at('2026-10-20'))).toMatchObject({
      status: 'done',
      counted: 1,
      required: 1,
      reason: '本月应召开主题党日 1 次，已完成 1 次，已达标。',
    })
    expect(status('theme_day', oct, [m], at('2027-01-20')).status).toBe('done')
  })

  test('due: nothing yet; with a meeting scheduled it names the date', () => {
    expect(status('theme_day', oct, [], at('2026-10-05'))).toMatchObject({ status: 'due', scheduled: 0, atRisk: false })
    const next = planned('a', 'theme_day', at('2026-10-09', '15:00'))
    expect(status('theme_day', oct, [next], at('2026-10-05'))).toMatchObject({
      status: 'due',
      scheduled: 1,
      reason: '本月主题党日已安排在 10月9日，请按时召开。',
    })
  })

  test('due, with the example wording: 5 days left in the month, nothing scheduled', () => {
    expect(status('theme_day', oct, [], at('2026-10-27', '09:00'))).toMatchObject({
      status: 'due',
      atRisk: true,
      reason: '本月尚未安排主题党日，距月底还有 5 天，请尽快安排。',
    })
  })

  test('a period that has not begun asks to plan ahead, without a countdown', () => {
    expect(status('theme_day', oct, [], at('2026-09-10')).reason).toBe('2026年10月尚未安排主题党日，请提前安排。')
  })

  test('in_progress: under way, then awaiting minutes', () => {
    const m = planned('a', 'theme_day', at('2026-10-09', '15:00'))
    expect(status('theme_day', oct, [m], at('2026-10-09', '16:00'))).toMatchObject({
      status: 'in_progress',
      scheduled: 0,
      reason: '主题党日正在召开，会后请在 3 天内登记出席并定稿会议记录。',
    })
    const recorded = { ...m, attendanceRecordedAt: at('2026-10-09', '17:00') }
    expect(status('theme_day', oct, [recorded], at('2026-10-10'))).toMatchObject({
      status: 'in_progress',
      reason: '10月9日的主题党日已结束，请在 10月12日 17:00 前登记出席并定稿会议记录。',
    })
  })

  test('overdue: ended more than 3 days ago without minutes', () => {
    const m = meeting('a', 'theme_day', at('2026-10-09', '15:00'), { minutesFinalizedAt: null })
    expect(status('theme_day', oct, [m], at('2026-10-20'))).toMatchObject({
      status: 'overdue',
      counted: 0,
      reason: '10月9日的主题党日已结束超过 3 天，出席登记或会议记录仍未完成，请尽快补齐并定稿。',
    })
  })

  test('missed: the period closed without enough', () => {
    expect(status('theme_day', oct, [], at('2026-11-02'))).toMatchObject({
      status: 'missed',
      reason:
        '2026年10月应召开主题党日 1 次，只完成 0 次，该周期已结束；请在下一周期按时召开，并向上级党组织说明情况。',
    })
  })

  test('requiredCount above 1: partly done is not done', () => {
    const twice = effectiveRules(DEFAULT_KIND_RULES, [
      { orgId: 'dw', overrides: [{ kind: 'party_lecture', requiredCount: 2 }] },
    ])
    const q4 = at('2026-11-01')
    const one = meeting('a', 'party_lecture', at('2026-10-15'))
    expect(status('party_lecture', q4, [one], at('2026-11-01'), twice)).toMatchObject({
      status: 'due',
      counted: 1,
      required: 2,
      reason: '本季度尚未安排党课，距季度末还有 61 天，请尽快安排。',
    })
    const two = meeting('b', 'party_lecture', at('2026-12-01'))
    expect(status('party_lecture', q4, [one, two], at('2026-12-10'), twice).status).toBe('done')
  })
})

describe('period boundaries', () => {
  const lastMinute = meeting('a', 'branch_congress', at('2026-09-30', '23:59'), { quorumMet: true })
  const firstMinute = meeting('b', 'branch_congress', at('2026-10-01', '00:00'), { quorumMet: true })
  const now = at('2026-10-10')

  test('a meeting at 23:59 on the last day of a quarter counts for that quarter', () => {
    expect(status('branch_congress', at('2026-08-01'), [lastMinute], now).status).toBe('done')
    expect(status('branch_congress', at('2026-11-01'), [lastMinute], now).status).toBe('due')
  })

  test('a meeting at 00:00 on the next day counts for the next quarter', () => {
    expect(status('branch_congress', at('2026-08-01'), [firstMinute], now).status).toBe('missed')
    expect(status('branch_congress', at('2026-11-01'), [firstMinute], now).status).toBe('done')
  })

  test('a meeting moved across a period changes both periods’ counters', () => {
    const before = planned('m', 'branch_congress', at('2026-09-30', '23:59'))
    const after = { ...before, startAt: at('2026-10-01', '00:00'), endAt: at('2026-10-01', '02:00') }
    const deltas = counterDeltas('b1', before, after, rules)
    expect(deltas.map((d) => d.key)).toEqual(['b1:branch_congress:2026-Q3', 'b1:branch_congress:2026-Q4'])
    const counters = new Map<string, PeriodCounter>([
      [
        'b1:branch_congress:2026-Q3',
        counterFromMeetings([before], periodSpan(before.startAt, 'quarter'), 'branch_congress'),
      ],
    ])
    for (const d of deltas) {
      counters.set(d.key, applyMeetingChange(counters.get(d.key) ?? emptyCounter(), d.before, d.after, d.span, d.kind))
    }
    expect(counters.get('b1:branch_congress:2026-Q3')).toEqual(emptyCounter())
    expect(counters.get('b1:branch_congress:2026-Q4')!.scheduledFuture).toEqual([
      { id: 'm', startAt: after.startAt, endAt: after.endAt },
    ])
  })

  test('an edit that changes nothing a counter holds touches no counter', () => {
    const m = planned('m', 'theme_day', at('2026-10-09', '15:00'))
    expect(counterDeltas('b1', m, { ...m }, rules)).toEqual([])
    // Minutes finalized before attendance: the meeting moves from "scheduled" to "awaiting".
    expect(counterDeltas('b1', m, { ...m, minutesFinalizedAt: at('2026-10-09', '18:00') }, rules)).toHaveLength(1)
  })

  test('counterKey', () => {
    expect(counterKey('b1', 'theme_day', '2026-10')).toBe('b1:theme_day:2026-10')
  })
})

describe('overrides', () => {
  const half = effectiveRules(DEFAULT_KIND_RULES, [
    { orgId: 'dw', overrides: [{ kind: 'party_lecture', period: 'half' }] },
  ])

  test('with 党课 每半年, one lecture in Q1 covers the whole first half', () => {
    const lecture = meeting('a', 'party_lecture', at('2026-02-10'))
    expect(status('party_lecture', at('2026-05-01'), [lecture], at('2026-05-01'), half)).toMatchObject({
      status: 'done',
    })
    // Under the default (每季度) Q2 would still be due.
    expect(status('party_lecture', at('2026-05-01'), [lecture], at('2026-05-01')).status).toBe('due')
  })

  test('counters are keyed by the effective period', () => {
    const lecture = planned('a', 'party_lecture', at('2026-02-10'))
    expect(counterDeltas('b1', null, lecture, half).map((d) => d.key)).toEqual(['b1:party_lecture:2026-H1'])
  })
})

describe('cancellation', () => {
  const oct = at('2026-10-15')
  test('a cancelled meeting is neither scheduled nor counted', () => {
    const m = planned('a', 'theme_day', at('2026-10-09', '15:00'), { cancelled: true })
    expect(status('theme_day', oct, [m], at('2026-10-05'))).toMatchObject({ status: 'due', scheduled: 0 })
    const held = meeting('b', 'theme_day', at('2026-10-09', '15:00'), { cancelled: true })
    expect(status('theme_day', oct, [held], at('2026-10-20'))).toMatchObject({ status: 'due', counted: 0 })
  })

  test('cancelling removes it from the counter', () => {
    const m = planned('a', 'theme_day', at('2026-10-09', '15:00'))
    const span = periodSpan(m.startAt, 'month')
    const c1 = applyMeetingChange(emptyCounter(), null, m, span, 'theme_day')
    expect(c1.scheduledFuture).toHaveLength(1)
    expect(applyMeetingChange(c1, m, { ...m, cancelled: true }, span, 'theme_day')).toEqual(emptyCounter())
  })
})

describe('quorum failure: a 支委会 without more than half of its members is not held (支部工作条例 第十二条)', () => {
  const q4 = at('2026-10-20')
  const failed = meeting('a', 'committee_meeting', at('2026-10-15'), { quorumMet: false })

  test('a 支委会 without quorum does not count, and with no further meeting the month is overdue', () => {
    expect(status('committee_meeting', q4, [failed], at('2026-10-16'))).toMatchObject({
      status: 'overdue',
      counted: 0,
      reason: '10月15日的支部委员会到会人数未过半数，不能计入；本月尚未另行安排，请尽快重新召开。',
    })
  })

  test('scheduling a make-up meeting turns it back to due, holding it to in progress, then done', () => {
    const makeUp = planned('b', 'committee_meeting', at('2026-10-25'))
    expect(status('committee_meeting', q4, [failed, makeUp], at('2026-10-16')).status).toBe('due')
    expect(status('committee_meeting', q4, [failed, makeUp], at('2026-10-25', '13:00')).status).toBe('in_progress')
    const held = {
      ...makeUp,
      attendanceRecordedAt: at('2026-10-25', '14:00'),
      minutesFinalizedAt: at('2026-10-26'),
      quorumMet: true,
    }
    expect(status('committee_meeting', q4, [failed, held], at('2026-10-26', '13:00')).status).toBe('done')
  })

  test('a month closed with only a failed 支委会 is missed', () => {
    expect(status('committee_meeting', q4, [failed], at('2026-11-02')).status).toBe('missed')
  })
})

describe('minutes deadline', () => {
  const oct = at('2026-10-15')
  const m = meeting('a', 'theme_day', at('2026-10-09', '15:00'), { minutesFinalizedAt: null })

  test('exactly 3 days after the end it is still in progress; one millisecond later it is overdue', () => {
    expect(status('theme_day', oct, [m], m.endAt + 3 * DAY).status).toBe('in_progress')
    expect(status('theme_day', oct, [m], m.endAt + 3 * DAY + 1).status).toBe('overdue')
  })

  test('a meeting on the last day keeps a closed period in progress until its deadline, then missed', () => {
    const last = meeting('b', 'theme_day', at('2026-10-31', '15:00'), { minutesFinalizedAt: null })
    expect(status('theme_day', oct, [last], at('2026-11-02')).status).toBe('in_progress')
    expect(status('theme_day', oct, [last], last.endAt + 3 * DAY).status).toBe('in_progress')
    expect(status('theme_day', oct, [last], last.endAt + 3 * DAY + 1).status).toBe('missed')
    expect(status('theme_day', oct, [{ ...last, minutesFinalizedAt: at('2026-11-02') }], at('2026-11-05')).status).toBe(
      'done',
    )
  })

  test('the deadline is a parameter', () => {
    const rule = kindRule('theme_day')
    const span = periodSpan(oct, 'month')
    expect(periodStatus({ rule, span, meetings: [m], now: m.endAt + DAY + 1, minutesDueMs: DAY })).toMatchObject({
      status: 'overdue',
      reason: '10月9日的主题党日已结束超过 1 天，出席登记或会议记录仍未完成，请尽快补齐并定稿。',
    })
  })
})

describe('atRisk thresholds', () => {
  test('the thresholds are data', () => {
    expect(AT_RISK_DAYS).toEqual({ month: 7, quarter: 15, half: 15, year: 30 })
  })

  const cases: [MeetingKind, string, number][] = [
    ['theme_day', '2026-11-01', 7],
    ['branch_congress', '2027-01-01', 15],
    ['life_meeting', '2027-01-01', 30],
  ]
  test.each(cases)('%s: at risk only with less than the threshold left', (kind, nextStart, days) => {
    const end = at(nextStart, '00:00')
    const spanAt = end - 10 * DAY
    expect(status(kind, spanAt, [], end - days * DAY).atRisk).toBe(false)
    expect(status(kind, spanAt, [], end - days * DAY + 1).atRisk).toBe(true)
  })

  test('not at risk when the remaining meetings are scheduled', () => {
    const end = at('2026-11-01', '00:00')
    const m = planned('a', 'theme_day', end - 2 * DAY)
    expect(status('theme_day', end - DAY * 10, [m], end - 3 * DAY)).toMatchObject({ status: 'due', atRisk: false })
  })

  test('a half-year 党课 uses the 15-day threshold', () => {
    const half = effectiveRules(DEFAULT_KIND_RULES, [
      { orgId: 'dw', overrides: [{ kind: 'party_lecture', period: 'half' }] },
    ])
    const end = at('2026-07-01', '00:00')
    expect(status('party_lecture', end - DAY, [], end - 15 * DAY, half).atRisk).toBe(false)
    expect(status('party_lecture', end - DAY, [], end - 15 * DAY + 1, half).atRisk).toBe(true)
  })
})

/** mulberry32: a tiny seeded PRNG, so a failing history can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  }
}

describe('incremental counters agree with a fresh computation over raw meetings', () => {
  // 党课 twice a quarter via an override, so partial progress is exercised too.
  const ruleSet = effectiveRules(DEFAULT_KIND_RULES, [
    { orgId: 'dw', overrides: [{ kind: 'party_lecture', requiredCount: 2 }] },
  ])
  const kinds: MeetingKind[] = ['theme_day', 'branch_congress', 'party_lecture', 'committee_meeting']
  const windowStart = at('2026-08-20', '00:00')
  const windowEnd = at('2026-12-10', '00:00')
  const boundaries = [
    at('2026-09-01', '00:00'),
    at('2026-10-01', '00:00'),
    at('2026-11-01', '00:00'),
    at('2026-12-01', '00:00'),
  ]

  function randomStart(r: ReturnType<typeof prng>): number {
    // Often right at a period boundary, where off-by-one mistakes live.
    if (r.chance(0.3)) return r.pick(boundaries) + r.pick([-60_000, 0, 60_000, -2 * HOUR])
    return windowStart + r.int((windowEnd - windowStart) / (30 * 60_000)) * 30 * 60_000
  }

  function randomChange(r: ReturnType<typeof prng>, m: MeetingFacts | undefined, id: string): MeetingFacts | null {
    if (!m) {
      const startAt = randomStart(r)
      return planned(id, r.pick(kinds), startAt, { endAt: startAt + (1 + r.int(4)) * HOUR })
    }
    const after = { ...m }
    switch (r.int(9)) {
      case 0: {
        after.startAt = randomStart(r)
        after.endAt = after.startAt + (1 + r.int(4)) * HOUR
        break
      }
      case 1:
        after.cancelled = !after.cancelled
        break
      case 2:
        after.attendanceRecordedAt = after.attendanceRecordedAt === null ? after.endAt : null
        break
      case 3:
        after.minutesFinalizedAt = after.minutesFinalizedAt === null ? after.endAt + r.int(5) * DAY : null
        break
      case 4:
        after.quorumMet = r.pick([true, false, null])
        break
      case 5:
        after.kind = r.pick(kinds)
        break
      case 6:
        return null // deleted (a draft discarded)
      default:
        after.attendanceRecordedAt = after.endAt
        after.minutesFinalizedAt = after.endAt + DAY
        after.quorumMet = r.pick([true, null, null, false])
    }
    return after
  }

  const spans: { kind: MeetingKind; span: PeriodSpan }[] = []
  for (const kind of kinds) {
    const period = kindRule(kind, ruleSet).period
    for (let t = windowStart - 40 * DAY; t < windowEnd + 40 * DAY; t = periodSpan(t, period).end) {
      spans.push({ kind, span: periodSpan(t, period) })
    }
  }

  test.each(Array.from({ length: 40 }, (_, i) => 1000 + i))('seed %i', (seed) => {
    const r = prng(seed)
    const raw = new Map<string, MeetingFacts>()
    const counters = new Map<string, PeriodCounter>()
    const steps = 30 + r.int(50)
    for (let step = 0; step < steps; step++) {
      const id = `m${r.int(8)}`
      const before = raw.get(id) ?? null
      const after = randomChange(r, before ?? undefined, id)
      for (const d of counterDeltas('b1', before, after, ruleSet)) {
        // Odd seeds hand every counter the whole pair, which applyMeetingChange must narrow itself.
        const [b, a] = seed % 2 ? [before, after] : [d.before, d.after]
        counters.set(d.key, applyMeetingChange(counters.get(d.key) ?? emptyCounter(), b, a, d.span, d.kind))
      }
      if (after) raw.set(id, after)
      else raw.delete(id)

      if (step % 5 !== 4 && step !== steps - 1) continue
      const meetings = [...raw.values()]
      const nows = [
        ...Array.from({ length: 6 }, () => windowStart - 10 * DAY + r.int(150) * 12 * HOUR + r.int(60) * 60_000),
        ...meetings.flatMap((m) => [m.startAt, m.endAt, m.endAt + 3 * DAY, m.endAt + 3 * DAY + 1]),
      ]
      // One comparison per checkpoint keeps this fast; on failure the diff names span, kind and now.
      const incremental: unknown[] = []
      const fresh: unknown[] = []
      for (const { kind, span } of spans) {
        const rule = kindRule(kind, ruleSet)
        const counter = counters.get(counterKey('b1', kind, span.key)) ?? emptyCounter()
        incremental.push([span.key, kind, counter])
        fresh.push([span.key, kind, counterFromMeetings(meetings, span, kind)])
        for (const now of nows) {
          incremental.push([span.key, kind, now, statusFromCounter(counter, rule, span, now)])
          fresh.push([span.key, kind, now, periodStatus({ rule, span, meetings, now })])
        }
      }
      expect(incremental).toEqual(fresh)
    }
  })

  test('every status occurs across the generated histories', () => {
    const seen = new Set<string>()
    for (let seed = 1000; seed < 1040; seed++) {
      const r = prng(seed)
      const raw = new Map<string, MeetingFacts>()
      for (let step = 0; step < 60; step++) {
        const id = `m${r.int(8)}`
        const after = randomChange(r, raw.get(id), id)
        if (after) raw.set(id, after)
        else raw.delete(id)
        const now = windowStart + r.int(110) * DAY
        for (const { kind, span } of spans) {
          seen.add(periodStatus({ rule: kindRule(kind, ruleSet), span, meetings: [...raw.values()], now }).status)
        }
      }
    }
    expect([...seen].sort()).toEqual(['done', 'due', 'in_progress', 'missed', 'overdue'])
  })
})

test('a rule change rebuilds the previous, current and next Beijing year', () => {
  // 2026-12-31 16:30 UTC is already 2027-01-01 in Beijing.
  const w = rebuildWindow(Date.UTC(2026, 11, 31, 16, 30))
  expect(w.years).toEqual([2026, 2027, 2028])
  expect(w.start).toBe(fromBeijing('2026-01-01', '00:00'))
  expect(w.end).toBe(fromBeijing('2029-01-01', '00:00'))
  expect(rebuildWindow(fromBeijing('2026-12-31', '23:59')).years).toEqual([2025, 2026, 2027])
})
