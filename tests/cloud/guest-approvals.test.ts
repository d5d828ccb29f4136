/**
 * attendance.pendingGuests (issue 18 part 7): the 党委 lists its members invited by another branch
 * and still waiting — by name, with both branches — until the meeting ends or the invitation is
 * settled; the branch's own officers cannot read it.
 */
import { MEMBER_B2, SECRETARY_B1, SUPERVISOR, apiPerTest, expectRefused, meetingAt, requestIds } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('guest-approvals')

test('pending invitations are listed for the 党委 until settled or the meeting ends', async () => {
  const m = await meetingAt(api, 'upcoming', { title: '待审批的列席' })
  await api.as(SECRETARY_B1).call('attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] }, rid())
  const list = () => api.as(SUPERVISOR).call('attendance.pendingGuests', { orgId: 'org_cmte' })
  const [one, ...rest] = await list()
  expect(rest).toEqual([])
  expect(one).toMatchObject({
    meetingId: m.id,
    title: '待审批的列席',
    branchId: 'org_b1',
    branchName: '第一党支部',
    memberId: MEMBER_B2,
    memberOrgName: '第二党支部',
  })
  expect(one.name.length).toBeGreaterThan(0)
  expectRefused(await api.as(SECRETARY_B1).raw('attendance.pendingGuests', { orgId: 'org_cmte' }), 'FORBIDDEN')

  // Once the meeting has ended the invitation is void and no longer listed.
  api.clock.now = m.endAt + 1
  expect(await list()).toEqual([])
  api.clock.now = m.startAt - 60_000
  await api.as(SUPERVISOR).call('attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 }, rid())
  expect(await list()).toEqual([])
})
