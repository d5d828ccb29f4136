/** The pure rules of minutes: canonical JSON, the 补录 threshold, the vote rule, corrections. */
import {
  DEFAULT_MINUTES_RULES,
  amendableFieldLabel,
  canonicalJson,
  correctedContent,
  finalizeProblems,
  isLateEntry,
  minutesRulesFrom,
  minutesTemplate,
  voteOutcome,
  withCorrections,
} from '../../src/domain/minutes'

const DAY = 86_400_000

test('canonical JSON sorts keys at every depth and drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: '中' }], c: null } })).toBe(
    '{"a":{"c":null,"d":[1,{"x":"中","z":1}]},"b":1}',
  )
  expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }))
  expect(() => canonicalJson({ a: Number.NaN })).toThrow()
})

test('补录 exactly past the threshold after the meeting ends', () => {
  const end = 1_000_000
  const rules = DEFAULT_MINUTES_RULES
  expect(isLateEntry(end, end + 3 * DAY - 1, rules)).toBe(false)
  expect(isLateEntry(end, end + 3 * DAY, rules)).toBe(false)
  expect(isLateEntry(end, end + 3 * DAY + 1, rules)).toBe(true)
})

test('a committee may set the threshold; the nearest wins and nonsense is ignored', () => {
  expect(minutesRulesFrom([]).lateAfterMs).toBe(3 * DAY)
  expect(minutesRulesFrom([{ minutesLateAfterMs: 5 * DAY }, { minutesLateAfterMs: 2 * DAY }]).lateAfterMs).toBe(2 * DAY)
  expect(minutesRulesFrom([{ minutesLateAfterMs: 5 * DAY }, { minutesLateAfterMs: -1 }]).lateAfterMs).toBe(5 * DAY)
  expect(minutesRulesFrom([{ minutesLateAfterMs: '7' }]).lateAfterMs).toBe(3 * DAY)
})

test('a motion passes with more than half of those entitled, not of those present', () => {
  const attendance = { votingEntitled: 10, votingPresent: 8, quorum: null }
  expect(voteOutcome({ for: 5, against: 0, abstain: 3 }, attendance)).toMatchObject({ needed: 6, passes: false })
  expect(voteOutcome({ for: 6, against: 1, abstain: 1 }, attendance)).toMatchObject({ passes: true, problem: null })
  expect(voteOutcome({ for: 6, against: 2, abstain: 1 }, attendance).problem).toMatch(/超过了到会有表决权的 8 人/)
  const noQuorum = {
    votingEntitled: 10,
    votingPresent: 5,
    quorum: { applies: true, entitled: 10, needed: 6, presentCounting: 5, met: false },
  }
  expect(voteOutcome({ for: 5, against: 0, abstain: 0 }, noQuorum)).toMatchObject({ passes: false })
  expect(voteOutcome({ for: 5, against: 0, abstain: 0 }, noQuorum).problem).toMatch(/不能表决/)
})

test('the template carries the agenda and the kind’s own items; finalize names what is missing', () => {
  const t = minutesTemplate({ kind: 'member_review', agenda: ['学习', '党员个人自评'], place: '会议室' })
  expect(t.items.map((i) => i.topic)).toEqual(['学习', '党员个人自评', '党员互评', '民主测评结果'])
  const problems = finalizeProblems(t, { votingEntitled: 1, votingPresent: 1, quorum: null }).map((p) => p.field)
  expect(problems).toEqual([
    'chair',
    'recorder',
    'items.0.speeches',
    'items.1.speeches',
    'items.2.speeches',
    'items.3.speeches',
  ])
})

test('corrections apply in order and leave the original untouched', () => {
  const original = minutesTemplate({ kind: 'theme_day', agenda: ['学习'], place: '会议室' })
  const corrected = withCorrections(original, [
    { field: 'place', after: '活动室' },
    { field: 'items.0.decision', after: '决议一' },
    { field: 'items.0.decision', after: '决议二' },
    { field: 'items.9.decision', after: '不存在' },
  ])
  expect(corrected.place).toBe('活动室')
  expect(corrected.items[0].decision).toBe('决议二')
  expect(original.place).toBe('会议室')
  expect(original.items[0].decision).toBe('')
})

test('amendments apply in the order they were made, whatever order they are read in', () => {
  const original = minutesTemplate({ kind: 'theme_day', agenda: ['学习'], place: '会议室' })
  const second = { seq: 2, changes: [{ field: 'place', after: '三楼活动室' }] }
  const first = {
    seq: 1,
    changes: [
      { field: 'place', after: '活动室' },
      { field: 'items.0.decision', after: '决议一' },
    ],
  }
  const corrected = correctedContent(original, [second, first])
  expect(corrected.place).toBe('三楼活动室')
  expect(corrected.items[0].decision).toBe('决议一')
  expect(original.place).toBe('会议室')
  expect(correctedContent(original, [])).toEqual(original)
})

test('an amendable field is named as the recorder sees it; an unknown one by its path', () => {
  const content = minutesTemplate({ kind: 'theme_day', agenda: ['学习', '讨论'], place: '会议室' })
  expect(amendableFieldLabel(content, 'items.1.decision')).toBe('第 2 项决议')
  expect(amendableFieldLabel(content, 'place')).toBe('会议地点')
  expect(amendableFieldLabel(content, 'items.7.topic')).toBe('items.7.topic')
})
