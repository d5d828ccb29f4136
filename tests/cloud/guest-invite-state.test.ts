/**
 * The guest's own view of a 列席 invitation (tryout finding c): after the 党委 approved for them, 消息
 * still offered 同意列席 / 谢绝 and 谢绝 said 没有待你确认的列席邀请. Now attendance.myGuestInvite says
 * where it stands, and a late 谢绝 says the 党委 approved and what to do instead.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import {
  MEMBER_B2,
  SECRETARY_B1,
  SUPERVISOR,
  apiPerTest,
  requestIds,
  scheduleInput,
  type In,
  type Out,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('guest-state-test')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>): Promise<Out<N>> =>
  api.as(memberId).call(action, input, rid())

async function invited(title: string) {
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title }),
  )
  await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] })
  return m
}

test('pending, then approved by the 党委: the state says so, and a late 谢绝 explains', async () => {
  const m = await invited('列席现状')
  expect(await ok(MEMBER_B2, 'attendance.myGuestInvite', { meetingId: m.id })).toMatchObject({ state: 'pending' })
  await ok(SUPERVISOR, 'attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 })
  const after = await ok(MEMBER_B2, 'attendance.myGuestInvite', { meetingId: m.id })
  expect(after.state).toBe('approved')
  expect(after.note).toContain('已由党委同意列席')
  const late = await api.as(MEMBER_B2).raw('attendance.answerGuestInvite', { meetingId: m.id, accept: false }, rid())
  expect(late.ok).toBe(false)
  if (!late.ok) expect(late.error.message).toContain('党委已代你同意列席')
  // Still on the list: the late 谢绝 changed nothing.
  const settings = await ok(SECRETARY_B1, 'attendance.settings', { meetingId: m.id })
  expect(settings.guests.map((g) => g.id)).toEqual([MEMBER_B2])
})

test('answered by the guest: accepted or declined; someone never invited has none', async () => {
  const a = await invited('列席同意')
  await ok(MEMBER_B2, 'attendance.answerGuestInvite', { meetingId: a.id, accept: true })
  expect((await ok(MEMBER_B2, 'attendance.myGuestInvite', { meetingId: a.id })).state).toBe('accepted')
  const d = await invited('列席谢绝')
  await ok(MEMBER_B2, 'attendance.answerGuestInvite', { meetingId: d.id, accept: false })
  expect((await ok(MEMBER_B2, 'attendance.myGuestInvite', { meetingId: d.id })).state).toBe('declined')
  expect((await ok(SUPERVISOR, 'attendance.myGuestInvite', { meetingId: d.id })).state).toBe('none')
})
