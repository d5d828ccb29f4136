/**
 * Same names told apart through the API (issue 17 §3): two 黄晓明 of 第一党支部 in different 党小组
 * are labelled on the attendance board and in the meeting's participant list; in the same 党小组 the
 * phone's last four digits tell them apart.
 */
import { apiPerTest, MEMBER_B1, meetingAt, requestIds, SECRETARY_B1 } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-same-names')

const member = (branchId: string, groupId: string | null, phone: string) => ({
  branchId,
  name: '黄晓明',
  gender: 'male' as const,
  phone,
  category: 'full' as const,
  joinedAt: '2015-07-01',
  confirmedAt: '2016-07-01',
  roles: ['member' as const],
  groupId,
  status: 'normal' as const,
})

test('the board and the participant list label each 黄晓明', async () => {
  const secretary = api.as(SECRETARY_B1)
  const other = await secretary.call('roster.create', member('org_b1', 'org_b1_g2', '13912345678'), rid())
  const m = await meetingAt(api, 'upcoming')

  const detail = await secretary.call('meeting.get', { meetingId: m.id })
  const listed = (id: string) => detail.participants.find((p) => p.id === id)!.name
  expect([listed(MEMBER_B1), listed(other.id)]).toEqual(['黄晓明（第一党小组）', '黄晓明（第二党小组）'])
  expect(listed(SECRETARY_B1)).toBe('张建国')

  const board = await secretary.call('attendance.board', { meetingId: m.id })
  const line = (id: string) => board.people.find((p) => p.memberId === id)!
  expect([line(MEMBER_B1).label, line(other.id).label]).toEqual(['黄晓明（第一党小组）', '黄晓明（第二党小组）'])
  // The name itself is unchanged.
  expect(line(other.id).name).toBe('黄晓明')
})

test('a namesake in the same 党小组 is told apart by the last digits of the phone', async () => {
  const secretary = api.as(SECRETARY_B1)
  const seeded = await secretary.call('roster.get', { memberId: MEMBER_B1 })
  const other = await secretary.call('roster.create', member('org_b1', seeded.group!.id, '13912345678'), rid())
  const m = await meetingAt(api, 'upcoming')
  const board = await api.as(MEMBER_B1).call('attendance.board', { meetingId: m.id })
  const label = (id: string) => board.people.find((p) => p.memberId === id)!.label
  expect(label(other.id)).toBe('黄晓明（第一党小组·尾号5678）')
  expect(label(MEMBER_B1)).toBe(`黄晓明（第一党小组·尾号${seeded.phone.slice(-4)}）`)
})
