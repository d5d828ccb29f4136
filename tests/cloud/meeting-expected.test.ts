/**
 * One 应到 rule for a meeting: a member excluded from 应到 (不计入应到, issue 16 §3) is left out of the
 * meeting page's 应参会人员 and its count exactly as the attendance board leaves them out of 应到.
 */
import { apiPerTest, MEMBER_B1, requestIds, scheduleInput, SECRETARY_B1 } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-meeting-expected')

test('the meeting page lists and counts the board’s 应到, not the raw participants', async () => {
  const meeting = await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), rid())
  const m = await api.as(SECRETARY_B1).call('roster.get', { memberId: MEMBER_B1 })
  const before = await api.as(SECRETARY_B1).call('meeting.get', { meetingId: meeting.id })
  expect(before.participants.some((p) => p.id === MEMBER_B1)).toBe(true)

  await api.as(SECRETARY_B1).call(
    'memberState.setExclusion',
    {
      memberId: MEMBER_B1,
      version: m.version,
      reason: '长期住院',
      exclusion: {
        reason: 'long_sick_leave',
        note: '住院治疗，党委同意',
        approvedBy: '示范区机关党委',
        approvedOn: '2026-11-20',
        from: '2026-11-20',
        to: '2027-02-28',
      },
    },
    rid(),
  )
  const board = await api.as(SECRETARY_B1).call('attendance.board', { meetingId: meeting.id })
  const detail = await api.as(SECRETARY_B1).call('meeting.get', { meetingId: meeting.id })
  expect(detail.participantCount).toBe(board.expected)
  expect(detail.participantCount).toBe(before.participantCount - 1)
  expect(detail.participants.map((p) => p.id)).not.toContain(MEMBER_B1)
  expect(detail.participants).toHaveLength(board.expected)
})
