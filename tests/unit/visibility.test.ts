/** The visibility rules of src/domain/visibility.ts, one per private field. */
import type { MinutesAttendance, MinutesPerson } from '../../src/domain/minutes'
import {
  guestNeedsAcceptance,
  leaveCategoryOf,
  minutesAttendanceSeenBy,
  phoneSeenBy,
} from '../../src/domain/visibility'

const person = (memberId: string, note: string): MinutesPerson => ({ memberId, name: memberId, note })

function attendance(onLeave: MinutesPerson[]): MinutesAttendance {
  return {
    expected: 3,
    present: 1,
    votingEntitled: 3,
    votingPresent: 1,
    attended: [person('c', '迟到')],
    onLeave,
    absent: [],
    guests: [],
    quorum: null,
    recordedAt: 1,
  }
}

test('a leave line keeps only its category, or 请假 when it names none', () => {
  expect(leaveCategoryOf('因病：住院')).toBe('因病')
  expect(leaveCategoryOf('因公')).toBe('因公')
  expect(leaveCategoryOf('其他：家中老人生病')).toBe('其他')
  expect(leaveCategoryOf('因病住院')).toBe('请假')
  expect(leaveCategoryOf('')).toBe('请假')
})

test('minutes attendance: members see categories, the member and organizers the note; a recorder’s reason stays', () => {
  const a = attendance([person('a', '因病：住院'), person('b', '出差在外')])
  const content = { absenceNotes: [{ memberId: 'b', reason: '出差在外' }] }
  const other = minutesAttendanceSeenBy(a, content, { memberId: 'x', organizes: false })!
  expect(other.onLeave.map((p) => p.note)).toEqual(['因病', '出差在外'])
  expect(other.attended).toBe(a.attended)
  const own = minutesAttendanceSeenBy(a, content, { memberId: 'a', organizes: false })!
  expect(own.onLeave[0].note).toBe('因病：住院')
  expect(minutesAttendanceSeenBy(a, content, { memberId: 'x', organizes: true })).toBe(a)
  // The stored record is left as it was.
  expect(a.onLeave[0].note).toBe('因病：住院')
  expect(minutesAttendanceSeenBy(null, null, { memberId: 'x', organizes: false })).toBeNull()
})

test('phones are masked unless the viewer keeps the roster', () => {
  expect(phoneSeenBy('13812341518', false)).toBe('138****1518')
  expect(phoneSeenBy('13812341518', true)).toBe('13812341518')
})

test('guests of another branch need acceptance; the branch’s own and the 党委’s do not', () => {
  const path = ['org_cmte', 'org_b1']
  expect(guestNeedsAcceptance({ orgId: 'org_b2' }, path)).toBe(true)
  expect(guestNeedsAcceptance({ orgId: 'org_b1' }, path)).toBe(false)
  expect(guestNeedsAcceptance({ orgId: 'org_cmte' }, path)).toBe(false)
})
