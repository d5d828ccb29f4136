import { newAttendanceRecord } from '../../src/cloud/attendance-board'
import { attendanceStateOf, computeBoard, type AttendanceRecord, type BoardPerson } from '../../src/domain/attendance'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { MinutesContent } from '../../src/domain/minutes'
import { attendanceFromBoard, finalizeBlocked } from '../../src/domain/minutes-attendance'
import { boardPeopleSeenBy } from '../../src/domain/visibility'

const T = fromBeijing('2026-06-12', '15:00')
const person = (memberId: string, votingRights = true): BoardPerson => ({
  memberId,
  name: `党员${memberId}`,
  votingRights,
  committee: false,
  visiting: false,
})
/** A record as the server makes it: the member's own in-person scan at T unless `extra` says otherwise. */
const rec = (memberId: string, extra: Partial<AttendanceRecord> = {}): AttendanceRecord =>
  newAttendanceRecord({ _id: 'mtg', branchId: 'b1' }, memberId, { via: 'qr', signedAt: T, ...extra })
const content = (absenceNotes: MinutesContent['absenceNotes'] = []): MinutesContent => ({
  chair: '张建国',
  recorder: '黄晓明',
  place: '党员活动室',
  items: [],
  absenceNotes,
  notes: '',
})

describe("a person's state at a meeting", () => {
  test.each([
    [rec('a'), null, 'present'],
    [rec('a', { mode: 'remote', confirmed: true }), { status: 'approved' as const }, 'remote'],
    [rec('a', { mode: 'remote', confirmed: false }), null, 'remote_pending'],
    [null, { status: 'approved' as const }, 'leave'],
    [null, { status: 'pending' as const }, 'leave_pending'],
    [null, { status: 'declined' as const }, 'absent'],
    [undefined, undefined, 'absent'],
  ])('record %o and leave %o: %s', (record, leave, state) => {
    expect(attendanceStateOf(record, leave)).toBe(state)
  })
})

describe('the attendance part of the minutes', () => {
  const board = (quorum: 'voting_members_majority' | 'none') =>
    computeBoard({
      meetingId: 'mtg',
      rule: { quorum },
      participants: ['a', 'b', 'c', 'd', 'e'].map((id) => person(id)).concat(person('p', false)),
      guests: [person('g1'), person('g2')],
      records: [
        rec('a', { late: true }),
        rec('b', { mode: 'remote', via: 'remote' }),
        rec('c', { mode: 'remote', via: 'remote', confirmed: false }),
        rec('p'),
        rec('g1'),
      ],
      leaves: [
        { memberId: 'd', category: 'sick', note: '住院', status: 'approved' },
        { memberId: 'e', category: 'work', note: '', status: 'pending' },
      ],
      recordedAt: T + 3_600_000,
    })

  test('attended, on leave, absent and guests, with their marks and reasons', () => {
    const a = attendanceFromBoard(board('none'), null)
    expect(a.attended).toEqual([
      { memberId: 'a', name: '党员a', note: '迟到' },
      { memberId: 'b', name: '党员b', note: '远程' },
      { memberId: 'p', name: '党员p', note: '' },
    ])
    expect(a.onLeave).toEqual([{ memberId: 'd', name: '党员d', note: '因病：住院' }])
    expect(a.absent).toEqual([
      { memberId: 'c', name: '党员c', note: '远程未确认' },
      { memberId: 'e', name: '党员e', note: '请假未批' },
    ])
    expect(a.guests).toEqual([
      { memberId: 'g1', name: '党员g1', note: '' },
      { memberId: 'g2', name: '党员g2', note: '未到' },
    ])
    expect(a).toMatchObject({ expected: 6, present: 3, votingEntitled: 5, votingPresent: 2, recordedAt: T + 3_600_000 })
    expect(a.quorum).toBeNull()
  })

  test("the recorder's absence note wins over the leave request and the pending mark", () => {
    const a = attendanceFromBoard(
      board('none'),
      content([
        { memberId: 'd', reason: '外地培训' },
        { memberId: 'e', reason: '出差' },
      ]),
    )
    expect(a.onLeave[0].note).toBe('外地培训')
    expect(a.absent.find((p) => p.memberId === 'e')!.note).toBe('出差')
  })

  test('where quorum applies, votes are counted against the quorum’s people', () => {
    const b = board('voting_members_majority')
    const a = attendanceFromBoard(b, null)
    expect(b.quorum).toMatchObject({ applies: true, entitled: 5, presentCounting: 2 })
    expect(a.votingEntitled).toBe(b.quorum!.entitled)
    expect(a.votingPresent).toBe(b.quorum!.presentCounting)
    expect(a.quorum).toBe(b.quorum)
  })
})

describe('when minutes may be finalized', () => {
  const meeting = { status: 'scheduled' as const, startAt: T, endAt: T + 2 * 3_600_000, attendanceRecordedAt: T + 1 }

  test('cancelled, not yet ended, or attendance unconfirmed: each says what to do', () => {
    expect(finalizeBlocked({ ...meeting, status: 'cancelled' }, T + 10 * 3_600_000)).toBe(
      '这次会议已经取消，没有会议记录可定稿',
    )
    expect(finalizeBlocked(meeting, meeting.endAt - 1)).toMatch(/^会议还没有结束（.+），请在会议结束后再定稿/)
    expect(finalizeBlocked({ ...meeting, attendanceRecordedAt: null }, meeting.endAt)).toMatch(/^考勤还没有确认/)
    expect(finalizeBlocked({ ...meeting, attendanceRecordedAt: undefined }, meeting.endAt)).toMatch(/^考勤还没有确认/)
  })

  test('from the end of the meeting, with attendance confirmed, nothing blocks', () => {
    expect(finalizeBlocked(meeting, meeting.endAt)).toBeNull()
  })
})

describe('who sees why someone is on leave', () => {
  const people = computeBoard({
    meetingId: 'mtg',
    rule: { quorum: 'none' },
    participants: [person('a'), person('b'), person('c')],
    guests: [],
    records: [rec('c')],
    leaves: [
      { memberId: 'a', category: 'sick', note: '住院', status: 'approved' },
      { memberId: 'b', category: 'personal', note: '家中有事', status: 'pending' },
    ],
    recordedAt: null,
  }).people

  test('the organizers see every note', () => {
    expect(boardPeopleSeenBy(people, { memberId: 'x', organizes: true })).toBe(people)
  })

  test('a member sees their own note, and the others’ leave without its note', () => {
    const seen = boardPeopleSeenBy(people, { memberId: 'a', organizes: false })
    expect(seen.map((p) => p.leave)).toEqual([
      { category: 'sick', note: '住院', status: 'approved' },
      { category: 'personal', note: '', status: 'pending' },
      null,
    ])
    expect(people[1].leave!.note).toBe('家中有事')
  })
})
