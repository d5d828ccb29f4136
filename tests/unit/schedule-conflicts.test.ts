import { fromBeijing } from '../../src/domain/beijing-time'
import { kindRule } from '../../src/domain/meeting-kinds'
import { scheduleWarnings, type CalendarMeeting, type PlannedMeeting } from '../../src/domain/schedule-conflicts'

const at = (date: string, time: string) => fromBeijing(date, time)
const names = new Map([
  ['m1', '张建国'],
  ['m2', '李梅'],
  ['m3', '王强'],
])

function meeting(over: Partial<CalendarMeeting> & Pick<CalendarMeeting, 'id'>): CalendarMeeting {
  return {
    kind: 'branch_congress',
    title: '第四季度党员大会',
    groupId: null,
    startAt: at('2026-12-10', '14:30'),
    endAt: at('2026-12-10', '16:00'),
    participantIds: ['m1', 'm2', 'm3'],
    status: 'scheduled',
    ...over,
  }
}

const groupMeeting: PlannedMeeting = {
  kind: 'group_meeting',
  groupId: 'g1',
  startAt: at('2026-12-10', '15:00'),
  endAt: at('2026-12-10', '16:30'),
  participantIds: ['m1', 'm2'],
}

describe('scheduleWarnings', () => {
  it('warns of a 党小组会 at the time of a 党员大会 the same people attend, naming them and the meeting', () => {
    const w = scheduleWarnings(groupMeeting, [meeting({ id: 'c1' })], kindRule('group_meeting'), names)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatchObject({ reason: 'overlap', meetingIds: ['c1'] })
    expect(w[0].message).toContain('「第四季度党员大会」')
    expect(w[0].message).toContain('2026年12月10日 周四 14:30–16:00')
    expect(w[0].message).toContain('张建国、李梅两边都应参加')
  })

  it('does not warn when the times only touch, the people differ, or the other meeting is cancelled', () => {
    const touching = meeting({ id: 'c1', startAt: at('2026-12-10', '13:00'), endAt: at('2026-12-10', '15:00') })
    const others = meeting({ id: 'c2', participantIds: ['m3'] })
    const cancelled = meeting({ id: 'c3', status: 'cancelled' })
    expect(scheduleWarnings(groupMeeting, [touching, others, cancelled], kindRule('group_meeting'), names)).toEqual([])
    const overlapping = meeting({ id: 'c1', startAt: at('2026-12-10', '13:00'), endAt: at('2026-12-10', '15:01') })
    expect(scheduleWarnings(groupMeeting, [overlapping], kindRule('group_meeting'), names)).toHaveLength(1)
  })

  it('counts the people beyond those it names', () => {
    const many = Array.from({ length: 8 }, (_, i) => `p${i}`)
    const w = scheduleWarnings(
      { ...groupMeeting, participantIds: many },
      [meeting({ id: 'c1', participantIds: many })],
      kindRule('group_meeting'),
      names,
    )
    expect(w[0].message).toContain('8 人两边都应参加')
  })

  it('warns of a second 主题党日 in the month, with the date of the first, and not of one in the next month', () => {
    const first = meeting({
      id: 't1',
      kind: 'theme_day',
      title: '11月主题党日',
      startAt: at('2026-11-05', '09:00'),
      endAt: at('2026-11-05', '11:00'),
    })
    const planned: PlannedMeeting = {
      kind: 'theme_day',
      groupId: null,
      startAt: at('2026-11-26', '09:00'),
      endAt: at('2026-11-26', '11:00'),
      participantIds: ['m1'],
    }
    const w = scheduleWarnings(planned, [first], kindRule('theme_day'), names)
    expect(w).toEqual([expect.objectContaining({ reason: 'repeat', meetingIds: ['t1'] })])
    expect(w[0].message).toContain('2026年11月已经安排或召开过 1 次主题党日（11月05日）')
    expect(w[0].message).toContain('每月开 1 次')
    const december = { ...planned, startAt: at('2026-12-01', '09:00'), endAt: at('2026-12-01', '11:00') }
    expect(scheduleWarnings(december, [first], kindRule('theme_day'), names)).toEqual([])
  })

  it('counts 党小组会 per 党小组, follows the rule a 党委 set, and leaves out the meeting being rescheduled', () => {
    const other = meeting({
      id: 'g2m',
      kind: 'group_meeting',
      groupId: 'g2',
      participantIds: ['m3'],
      startAt: at('2026-12-02', '09:00'),
      endAt: at('2026-12-02', '10:00'),
    })
    expect(scheduleWarnings(groupMeeting, [other], kindRule('group_meeting'), names)).toEqual([])
    const own = { ...other, id: 'g1m', groupId: 'g1' }
    expect(scheduleWarnings(groupMeeting, [own], kindRule('group_meeting'), names)[0].reason).toBe('repeat')
    expect(scheduleWarnings(groupMeeting, [own], { ...kindRule('group_meeting'), requiredCount: 2 }, names)).toEqual([])
    expect(scheduleWarnings({ ...groupMeeting, id: 'g1m' }, [own], kindRule('group_meeting'), names)).toEqual([])
  })

  it('does not count 谈心谈话 as repeats', () => {
    const talk = meeting({
      id: 'h1',
      kind: 'heart_talk',
      participantIds: ['m3', 'm2'],
      startAt: at('2026-03-01', '09:00'),
      endAt: at('2026-03-01', '10:00'),
    })
    const planned: PlannedMeeting = {
      kind: 'heart_talk',
      groupId: null,
      startAt: at('2026-06-01', '09:00'),
      endAt: at('2026-06-01', '10:00'),
      participantIds: ['m1', 'm2'],
    }
    expect(scheduleWarnings(planned, [talk], kindRule('heart_talk'), names)).toEqual([])
  })
})
