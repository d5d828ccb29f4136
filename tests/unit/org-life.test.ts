/** 我的组织生活's rules (src/domain/org-life.ts): outcomes, 补学 offer, 学时, month facts, rule overrides. */
import { fromBeijing } from '../../src/domain/beijing-time'
import { MEETING_PHASE_LABELS, meetingPhase } from '../../src/domain/meeting'
import {
  DEFAULT_STUDY_RULES,
  effectiveStudyRules,
  orgLifeEntry,
  orgLifeMonthFacts,
  orgLifeTotals,
  OUTCOME_LABELS,
  requiredHours,
  type OwedMeetingFacts,
} from '../../src/domain/org-life'

const HOUR = 3_600_000
const start = fromBeijing('2026-05-10', '14:00')
const now = fromBeijing('2026-06-15', '09:00')

function owed(over: Partial<OwedMeetingFacts> = {}): OwedMeetingFacts {
  return {
    meetingId: 'm1',
    title: '5月主题党日',
    kind: 'theme_day',
    startAt: start,
    endAt: start + 2 * HOUR,
    record: null,
    leave: null,
    makeup: 'none',
    ...over,
  }
}

describe('orgLifeEntry', () => {
  test('in person, late: attended, hours earned, no 补学 offered', () => {
    const e = orgLifeEntry(
      owed({ record: { mode: 'in_person', confirmed: true, late: true } }),
      DEFAULT_STUDY_RULES,
      now,
    )
    expect(e).toMatchObject({ outcome: 'present', late: true, makeupOffered: false, hours: 4 })
  })

  test('remote confirmed counts; remote not yet confirmed is pending, earns nothing, offers no 补学', () => {
    const remote = orgLifeEntry(
      owed({ record: { mode: 'remote', confirmed: true, late: false } }),
      DEFAULT_STUDY_RULES,
      now,
    )
    expect(remote).toMatchObject({ outcome: 'remote', hours: 4, makeupOffered: false })
    const pending = orgLifeEntry(
      owed({ record: { mode: 'remote', confirmed: false, late: false } }),
      DEFAULT_STUDY_RULES,
      now,
    )
    expect(pending).toMatchObject({ outcome: 'pending', hours: 0, makeupOffered: false })
  })

  test('absent and on approved leave are offered 补学; a pending leave is absent', () => {
    expect(orgLifeEntry(owed(), DEFAULT_STUDY_RULES, now)).toMatchObject({
      outcome: 'absent',
      makeupOffered: true,
      hours: 0,
    })
    expect(orgLifeEntry(owed({ leave: { status: 'approved' } }), DEFAULT_STUDY_RULES, now)).toMatchObject({
      outcome: 'leave',
      makeupOffered: true,
    })
    expect(orgLifeEntry(owed({ leave: { status: 'pending' } }), DEFAULT_STUDY_RULES, now).outcome).toBe('absent')
  })

  test('an accepted 补学 earns the hours (rule data) but stays a miss; a submitted one is not offered again', () => {
    const accepted = orgLifeEntry(owed({ makeup: 'accepted' }), DEFAULT_STUDY_RULES, now)
    expect(accepted).toMatchObject({ outcome: 'absent', makeup: 'accepted', makeupOffered: false, hours: 4 })
    const strict = effectiveStudyRules([{ makeupEarnsHours: false }])
    expect(orgLifeEntry(owed({ makeup: 'accepted' }), strict, now).hours).toBe(0)
    expect(orgLifeEntry(owed({ makeup: 'submitted' }), DEFAULT_STUDY_RULES, now)).toMatchObject({
      makeupOffered: false,
      hours: 0,
    })
  })

  test('a meeting not ended yet is upcoming and offers nothing', () => {
    const e = orgLifeEntry(owed({ startAt: now + HOUR, endAt: now + 3 * HOUR }), DEFAULT_STUDY_RULES, now)
    expect(e).toMatchObject({ outcome: 'upcoming', makeupOffered: false, hours: 0 })
    expect(OUTCOME_LABELS[e.outcome]).toBe(MEETING_PHASE_LABELS.upcoming)
  })

  test('a meeting on now is 进行中 as 首页 and the meeting page say (meetingPhase), not 未开始, and not owed yet', () => {
    const on = owed({ startAt: now - HOUR, endAt: now + HOUR })
    expect(meetingPhase({ status: 'scheduled', ...on }, now)).toBe('ongoing')
    const e = orgLifeEntry(on, DEFAULT_STUDY_RULES, now)
    expect(e).toMatchObject({ outcome: 'ongoing', makeupOffered: false, hours: 0 })
    expect(OUTCOME_LABELS[e.outcome]).toContain(MEETING_PHASE_LABELS.ongoing)
    expect(orgLifeTotals([e], 32)).toMatchObject({ owed: 0, absent: 0 })
    // Signed in while it is on: the sign-in shows, as on the board.
    const signed = orgLifeEntry(
      owed({ ...on, record: { mode: 'in_person', confirmed: true, late: false } }),
      DEFAULT_STUDY_RULES,
      now,
    )
    expect(signed.outcome).toBe('present')
  })
})

describe('study rules', () => {
  test('32 for a member, 56 for a secretary or any 支委', () => {
    expect(requiredHours(['member'], DEFAULT_STUDY_RULES)).toBe(32)
    expect(requiredHours(['secretary'], DEFAULT_STUDY_RULES)).toBe(56)
    expect(requiredHours(['propaganda', 'member'], DEFAULT_STUDY_RULES)).toBe(56)
    expect(requiredHours(['group_leader'], DEFAULT_STUDY_RULES)).toBe(32)
  })

  test('nearest org wins per value; out-of-range values are ignored', () => {
    const rules = effectiveStudyRules([
      { memberHours: 40, hoursByKind: { party_lecture: 3, theme_day: 6 } },
      { hoursByKind: { party_lecture: 8, theme_day: -1 }, committeeHours: 1000 },
    ])
    expect(rules.memberHours).toBe(40)
    expect(rules.committeeHours).toBe(56)
    expect(rules.hoursByKind.party_lecture).toBe(8)
    expect(rules.hoursByKind.theme_day).toBe(6)
    expect(DEFAULT_STUDY_RULES.hoursByKind.party_lecture).toBe(4) // defaults untouched
  })

  test('totals add the year: owed excludes upcoming; hours sum', () => {
    const entries = [
      orgLifeEntry(owed({ record: { mode: 'in_person', confirmed: true, late: false } }), DEFAULT_STUDY_RULES, now),
      orgLifeEntry(
        owed({ kind: 'party_lecture', leave: { status: 'approved' }, makeup: 'accepted' }),
        DEFAULT_STUDY_RULES,
        now,
      ),
      orgLifeEntry(owed({ kind: 'group_meeting' }), DEFAULT_STUDY_RULES, now),
      orgLifeEntry(owed({ startAt: now + HOUR, endAt: now + 2 * HOUR }), DEFAULT_STUDY_RULES, now),
    ]
    expect(orgLifeTotals(entries, 32)).toEqual({
      owed: 3,
      attended: 1,
      leave: 1,
      absent: 1,
      madeUp: 1,
      hours: 8,
      requiredHours: 32,
    })
  })
})

describe('orgLifeMonthFacts', () => {
  const m = (date: string, over: Partial<OwedMeetingFacts> = {}) => {
    const s = fromBeijing(date, '14:00')
    return owed({ startAt: s, endAt: s + HOUR, ...over })
  }

  test('attending any meeting keeps the month; approved leave for all keeps it; otherwise lapsed', () => {
    const facts = orgLifeMonthFacts(
      [
        m('2026-03-05'),
        m('2026-03-20', { record: { mode: 'in_person', confirmed: true, late: false } }),
        m('2026-04-08', { leave: { status: 'approved' } }),
        m('2026-05-08', { leave: { status: 'approved' } }),
        m('2026-05-20'),
        m('2026-06-01', { leave: { status: 'declined' } }),
      ],
      now,
    )
    expect(facts).toEqual({ '2026-03': 'kept', '2026-04': 'kept', '2026-05': 'lapsed', '2026-06': 'lapsed' })
  })

  test('a meeting is counted in the Beijing month it starts in; one not ended yet is not counted', () => {
    // 2026-04-30 23:30 Beijing is still April though it is 15:30 UTC.
    const facts = orgLifeMonthFacts(
      [
        m('2026-06-30'),
        owed({ startAt: fromBeijing('2026-04-30', '23:30'), endAt: fromBeijing('2026-05-01', '00:30') }),
      ],
      now,
    )
    expect(facts).toEqual({ '2026-04': 'lapsed' })
  })
})
