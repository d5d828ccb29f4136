/**
 * 列席邀请 from another branch answered in 消息 (issue 18 part 7), in jsdom against the real server
 * code: the guest taps 同意列席 and only then is on the inviting branch's 列席 list.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MessagesPage from '../../src/packages/plan/pages/messages/index'
import { MEMBER_B2, scheduleInput, SECRETARY_B1, SUPERVISOR } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

afterEach(closeLink)

test('the guest accepts in 消息; the inviting branch then sees them on its list', async () => {
  resetTaroMock()
  await openLink(MEMBER_B2)
  const api = link.api!
  const m = await api
    .as(SECRETARY_B1)
    .call(
      'meeting.schedule',
      scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '列席界面测试' }),
      'ui-guests-schedule',
    )
  const invited = await api
    .as(SECRETARY_B1)
    .call('attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] }, 'ui-guests-invite')
  expect(invited).toMatchObject({ guests: [], pendingGuests: 1 })

  const { container } = render(<MessagesPage />)
  const accept = await waitFor(() => {
    const b = container.querySelector('#messages-list [id^="guest-accept-"]')
    expect(b).not.toBeNull()
    return b!
  })
  expect(accept.closest('[id^="message-"]')!.textContent).toContain('列席邀请：列席界面测试')
  const before = navigation.calls.length
  await act(async () => fireEvent.click(accept))
  await waitFor(() => expect(container.querySelector('[id^="guest-answer-"]')!.textContent).toMatch(/已同意列席/))
  // The answer does not open the notice's page.
  expect(navigation.calls.length).toBe(before)
  const settings = await api.as(SECRETARY_B1).call('attendance.settings', { meetingId: m.id })
  expect(settings.guests.map((g) => g.id)).toEqual([MEMBER_B2])
  expect(settings.pendingGuests).toBe(0)
})

test('after the 党委 approved for the guest, 消息 says 已由党委同意 and offers no 同意 / 谢绝', async () => {
  resetTaroMock()
  await openLink(MEMBER_B2)
  const api = link.api!
  const m = await api
    .as(SECRETARY_B1)
    .call(
      'meeting.schedule',
      scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '列席已批' }),
      'ui-guests-approved-schedule',
    )
  await api
    .as(SECRETARY_B1)
    .call('attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] }, 'ui-guests-approved-invite')
  await api
    .as(SUPERVISOR)
    .call('attendance.approveGuest', { meetingId: m.id, memberId: MEMBER_B2 }, 'ui-guests-approved-approve')

  const { container } = render(<MessagesPage />)
  const note = await waitFor(() => {
    const n = container.querySelector('#messages-list [id^="guest-answer-"]')
    expect(n).not.toBeNull()
    return n!
  })
  expect(note.textContent).toContain('已由党委同意列席')
  expect(container.querySelector('#messages-list [id^="guest-accept-"]')).toBeNull()
  expect(container.querySelector('#messages-list [id^="guest-decline-"]')).toBeNull()
})
