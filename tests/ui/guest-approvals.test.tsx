/**
 * 列席审批 (issue 18 part 7), in jsdom against the real server code: the 党委 reaches the page from
 * 首页's shortcuts, sees who another branch invited, approves, and the member is then on the
 * inviting branch's 列席 list; the inviting branch saw only a count before.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { shortcutsFor } from '../../src/components/shortcuts'
import { pageUrl } from '../../src/domain/pages'
import GuestApprovals from '../../src/packages/supervision/pages/guests/index'
import { MEMBER_B2, scheduleInput, SECRETARY_B1, SUPERVISOR } from '../cloud/api-fixture'
import { resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

afterEach(closeLink)

test('the 党委 sees the pending invitation by name and approves it; the branch then lists the guest', async () => {
  resetTaroMock()
  await openLink(SUPERVISOR)
  const api = link.api!
  const profile = await api.as(SUPERVISOR).call('session.whoami', {})
  expect(profile.bound && shortcutsFor(profile).map((s) => [s.id, s.url])).toContainEqual([
    'go-guest-approvals',
    pageUrl('supervisionGuests'),
  ])
  const m = await api
    .as(SECRETARY_B1)
    .call(
      'meeting.schedule',
      scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '列席审批界面测试' }),
      'ui-gappr-schedule',
    )
  const invited = await api
    .as(SECRETARY_B1)
    .call('attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] }, 'ui-gappr-invite')
  // Nothing about the guest for the inviting branch: a count only.
  expect(invited).toMatchObject({ guests: [], pendingGuests: 1 })
  expect(JSON.stringify(invited)).not.toContain(MEMBER_B2)

  const { container } = render(<GuestApprovals />)
  const approve = await waitFor(() => {
    const b = container.querySelector('[id^="approve-"]')
    expect(b).not.toBeNull()
    return b!
  })
  const item = approve.closest('[id^="guest-"]')!
  expect(item.textContent).toContain('第一党支部邀请列席「列席审批界面测试」')
  expect(item.textContent).toContain('第二党支部')
  await act(async () => fireEvent.click(approve))
  await waitFor(() => expect(container.querySelector('#approved-note')).not.toBeNull())
  expect(container.querySelector('[id^="approve-"]')).toBeNull()
  const settings = await api.as(SECRETARY_B1).call('attendance.settings', { meetingId: m.id })
  expect(settings.guests.map((g) => g.id)).toEqual([MEMBER_B2])
  expect(settings.pendingGuests).toBe(0)
  expect(
    await api.as(SUPERVISOR).call('attendance.pendingGuests', { orgId: profile.bound ? profile.org.id : '' }),
  ).toEqual([])
})
