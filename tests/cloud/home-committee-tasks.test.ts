/**
 * 党委 staff's 首页 (tryout finding a): with a 列席 invitation of its member waiting and a branch's
 * 停止党籍 proposal made, 首页 said 眼下没有需要你办的事. Now each waiting item is a row opening its
 * page, and the row leaves once the item is handled.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import {
  MEMBER_B2,
  MOBILE_B2,
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
const rid = requestIds('home-cmte-test')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>): Promise<Out<N>> =>
  api.as(memberId).call(action, input, rid())

const tasksOf = async (memberId: string) => (await ok(memberId, 'home.tasks', {})).items

test('a 列席 invitation waiting for approval is a row on the 组织员 首页 until the 党委 approves it', async () => {
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '列席待批' }),
  )
  expect((await tasksOf(SUPERVISOR)).filter((t) => t.kind === 'guest_approval')).toEqual([])
  await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] })
  const rows = (await tasksOf(SUPERVISOR)).filter((t) => t.kind === 'guest_approval')
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ meetingId: m.id, at: m.startAt })
  expect(rows[0].title).toContain('列席待批')
  expect(rows[0].reason).toContain('代为同意')
  // The inviting branch's own 首页 carries no such row: the approval is the 党委's.
  expect((await tasksOf(SECRETARY_B1)).some((t) => t.kind === 'guest_approval')).toBe(false)

  await ok(SUPERVISOR, 'attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 })
  expect((await tasksOf(SUPERVISOR)).some((t) => t.kind === 'guest_approval')).toBe(false)
})

test('a branch 停止党籍 proposal is a row on the 党委 staff 首页, opening the member', async () => {
  expect((await tasksOf(SUPERVISOR)).some((t) => t.kind === 'stop_proposal')).toBe(false)
  await ok(SECRETARY_B2, 'mobile.proposeStop', {
    memberId: MOBILE_B2,
    reason: '失联已满六个月，电话、微信均联系不上。',
  })
  const rows = (await tasksOf(SUPERVISOR)).filter((t) => t.kind === 'stop_proposal')
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ memberId: MOBILE_B2, meetingId: null, at: api.clock.now })
  expect(rows[0].reason).toContain('提请党委处理')
})
