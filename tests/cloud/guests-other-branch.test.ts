/**
 * Issue 18 part 7: a branch secretary could add any member id of another branch as 列席, learn their
 * name from the answer and the board, and mark them present. Now such an invitation waits for the
 * guest's own acceptance (in 消息) or the 党委's approval; until then the inviting branch sees only
 * a count, and cannot mark them present. Guests of the branch itself and of the 党委 stay as before.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import type { MeetingDetail } from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  MEMBER_B1,
  MEMBER_B2,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
  apiPerTest,
  requestIds,
  scheduleInput,
  type In,
  type Out,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('guests-test')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>): Promise<Out<N>> =>
  api.as(memberId).call(action, input, rid())

async function refusal(memberId: string, action: ActionName, input: unknown) {
  const r = await api.as(memberId).raw(action, input, rid())
  if (r.ok) throw new Error(`${action} was expected to be refused`)
  return r.error
}

/** A 主题党日 of 第一党支部 today 14:00–16:00 (the clock is at 10:00). */
async function meetingOfB1(): Promise<MeetingDetail> {
  return ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '列席测试' }),
  )
}

async function nameOf(memberId: string): Promise<string> {
  return (await api.ports.store.get<{ name: string }>('members', memberId))!.name
}

const boardIds = async (meetingId: string) =>
  (await ok(SECRETARY_B1, 'attendance.board', { meetingId })).people.map((p) => p.memberId)

test('a member of another branch is pending: not named, not on the board, not markable, until they accept', async () => {
  const m = await meetingOfB1()
  const name = await nameOf(MEMBER_B2)
  const invited = await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] })
  expect(invited.guests).toEqual([])
  expect(invited.pendingGuests).toBe(1)
  expect(JSON.stringify(invited)).not.toContain(name)
  expect(await boardIds(m.id)).not.toContain(MEMBER_B2)
  const settings = await ok(SECRETARY_B1, 'attendance.settings', { meetingId: m.id })
  expect(JSON.stringify(settings)).not.toContain(name)

  // During the meeting the inviting secretary cannot mark them present, and nothing is written.
  api.clock.now = fromBeijing('2026-11-22', '14:10')
  const marked = await refusal(SECRETARY_B1, 'attendance.markManual', {
    meetingId: m.id,
    memberId: MEMBER_B2,
    reason: '会场登记',
  })
  expect(marked.code).toBe('VALIDATION_FAILED')
  expect(JSON.stringify(marked)).not.toContain(name)
  expect(await api.ports.store.get('attendance', `${m.id}.${MEMBER_B2}`)).toBeNull()

  // The guest sees the invitation in 消息 and accepts; then they are a 列席 guest as before.
  const messages = await ok(MEMBER_B2, 'message.listMine', { limit: 20 })
  expect(messages.items.map((x) => x.title)).toContain('列席邀请：列席测试')
  const answer = await ok(MEMBER_B2, 'attendance.answerGuestInvite', { meetingId: m.id, accept: true })
  expect(answer).toMatchObject({ meetingId: m.id, accepted: true })
  const after = await ok(SECRETARY_B1, 'attendance.settings', { meetingId: m.id })
  // No one else of that name: the label is the name itself.
  expect(after.guests).toEqual([{ id: MEMBER_B2, name, label: name }])
  expect(after.pendingGuests).toBe(0)
  await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: MEMBER_B2, reason: '会场登记' })
  const board = await ok(SECRETARY_B1, 'attendance.board', { meetingId: m.id })
  expect(board.people.find((p) => p.memberId === MEMBER_B2)).toMatchObject({ guest: true, state: 'present' })
})

test('a declined invitation is gone; answering again or for someone else is refused', async () => {
  const m = await meetingOfB1()
  await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] })
  expect((await refusal(MEMBER_B1, 'attendance.answerGuestInvite', { meetingId: m.id, accept: true })).code).toBe(
    'VALIDATION_FAILED',
  )
  const declined = await ok(MEMBER_B2, 'attendance.answerGuestInvite', { meetingId: m.id, accept: false })
  expect(declined.accepted).toBe(false)
  const settings = await ok(SECRETARY_B1, 'attendance.settings', { meetingId: m.id })
  expect(settings).toMatchObject({ guests: [], pendingGuests: 0 })
  expect(await boardIds(m.id)).not.toContain(MEMBER_B2)
  const again = await refusal(MEMBER_B2, 'attendance.answerGuestInvite', { meetingId: m.id, accept: true })
  expect(again.message).toMatch(/没有待你确认的列席邀请/)
})

test('the 党委 may approve instead of the guest; another branch’s secretary may not', async () => {
  const m = await meetingOfB1()
  await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] })
  expect((await refusal(SECRETARY_B2, 'attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 })).code).toBe(
    'FORBIDDEN',
  )
  expect((await refusal(SECRETARY_B1, 'attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 })).code).toBe(
    'FORBIDDEN',
  )
  expect(await boardIds(m.id)).not.toContain(MEMBER_B2)
  const approved = await ok(SUPERVISOR, 'attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 })
  expect(approved.guests.map((g) => g.id)).toEqual([MEMBER_B2])
  expect(await boardIds(m.id)).toContain(MEMBER_B2)
})

test('guests of the branch itself and of the 党委 are invited at once, as before', async () => {
  const m = await meetingOfB1()
  const probationary = (
    await api.ports.store.query<{ _id: string }>('members', {
      where: [{ field: 'orgId', op: 'eq', value: 'org_b1' }],
      limit: 100,
    })
  ).items.find((p) => !m.participants.some((x) => x.id === p._id))
  const ids = [SUPERVISOR, ...(probationary ? [probationary._id] : [])]
  const invited = await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: ids })
  expect(invited.guests.map((g) => g.id).sort()).toEqual([...ids].sort())
  expect(invited.pendingGuests).toBe(0)
  for (const id of ids) expect(await boardIds(m.id)).toContain(id)
})
