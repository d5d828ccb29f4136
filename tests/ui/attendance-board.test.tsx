/**
 * 签到看板 for the organizer, against the real server code: leave approved and declined, a network
 * failure shown in Chinese and the retry sent with the same request id (one decision), 确认考勤,
 * 签到设置 checked before it is sent and then saved, and a guest invited.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import AttendanceBoardPage from '../../src/packages/attendance/pages/board/index'
import { MEMBER_B1, meetingAt, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

const PROBATIONARY = 'm_b1_14'

beforeEach(async () => {
  resetTaroMock()
  const api = await openLink(SECRETARY_B1)
  // The phone's clock agrees with the server's (the test server's clock is pinned).
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
})
afterEach(async () => {
  jest.restoreAllMocks()
  await closeLink()
})

const click = (container: HTMLElement, id: string) =>
  act(async () => fireEvent.click(container.querySelector(`#${id}`)!))

test('leave: a decision lost to the network is retried with the same request id; declining asks for a reason', async () => {
  const api = link.api!
  const m = await meetingAt(api, 'upcoming')
  for (const [who, rid] of [
    [MEMBER_B1, 'ui-board-leave-1'],
    [PROBATIONARY, 'ui-board-leave-2'],
  ]) {
    await api.as(who).call('leave.request', { meetingId: m.id, category: 'work', note: '出差在外' }, rid)
  }
  navigation.params = { meetingId: m.id }
  const { container } = render(<AttendanceBoardPage />)
  await waitFor(() => expect(container.querySelector(`#approve-leave-${MEMBER_B1}`)).not.toBeNull())

  link.offline = true
  await click(container, `approve-leave-${MEMBER_B1}`)
  await waitFor(() => expect(container.querySelector(`#person-${MEMBER_B1}`)!.textContent).toMatch(/网络连接失败/))
  link.offline = false
  await click(container, `approve-leave-${MEMBER_B1}`)
  await waitFor(() => expect(container.querySelector(`#approve-leave-${MEMBER_B1}`)).toBeNull())
  const decisions = link.sent.filter((e) => e.action === 'leave.decide')
  expect(decisions).toHaveLength(2)
  expect(decisions[1].requestId).toBe(decisions[0].requestId)
  expect(container.querySelector(`#person-${MEMBER_B1}`)!.textContent).toMatch(/请假/)
  expect(container.querySelector(`#person-${MEMBER_B1}`)!.textContent).not.toMatch(/网络连接失败/)

  await click(container, `decline-leave-${PROBATIONARY}`)
  typeInto(container, `decline-note-${PROBATIONARY}`, '本次会议需要表决，请安排时间参加')
  await click(container, `decline-submit-${PROBATIONARY}`)
  await waitFor(() => expect(container.querySelector(`#decline-note-${PROBATIONARY}`)).toBeNull())
  const last = link.sent.filter((e) => e.action === 'leave.decide').at(-1)!
  expect(last.requestId).not.toBe(decisions[0].requestId)
  expect(last.input).toMatchObject({ memberId: PROBATIONARY, approve: false })
})

test('签到设置: a bad number is refused before sending; a good one is saved; a guest is invited', async () => {
  const api = link.api!
  // A 党小组会: members of the branch's other groups are not on its list and may be invited.
  const m = await meetingAt(api, 'upcoming', { kind: 'group_meeting', groupId: 'org_b1_g2' })
  navigation.params = { meetingId: m.id }
  const { container } = render(<AttendanceBoardPage />)
  await waitFor(() => expect(container.querySelector('#settings-toggle')).not.toBeNull())
  await click(container, 'settings-toggle')
  await waitFor(() => expect(container.querySelector('#settings-form')).not.toBeNull())

  typeInto(container, 'settings-opens-before', '-5')
  const sentBefore = link.sent.length
  await click(container, 'settings-save')
  expect(link.sent.length).toBe(sentBefore)
  expect(container.querySelector('#settings-message')!.textContent).toBe(
    '提前开放签到的分钟数不能为负数。请修改后再提交。',
  )
  expect(container.querySelector('#settings-form .form-problem')!.textContent).toBe('提前开放签到的分钟数不能为负数')

  typeInto(container, 'settings-opens-before', '45')
  await click(container, 'settings-save')
  await waitFor(() => expect(container.querySelector('#settings-message')!.textContent).toBe('签到设置已保存'))
  const settings = await api.as(SECRETARY_B1).call('attendance.settings', { meetingId: m.id }, 'ui-board-settings')
  expect(settings.opensBefore).toBe(45)

  typeInto(container, 'guest-search', '')
  await click(container, 'guest-find')
  const invite = await waitFor(() => {
    const b = container.querySelector('#guest-invite [id^="invite-"]')
    expect(b).not.toBeNull()
    return b!
  })
  const guestId = invite.id.slice('invite-'.length)
  await act(async () => fireEvent.click(invite))
  await waitFor(() => expect(container.querySelector('#guest-message')!.textContent).toMatch(/^已邀请 .+ 列席$/))
  await waitFor(() => expect(container.querySelector(`#person-${guestId}`)).not.toBeNull())
})

test('确认考勤 after the meeting: the board says when it was recorded', async () => {
  const m = await meetingAt(link.api!, 'ended')
  navigation.params = { meetingId: m.id }
  const { container } = render(<AttendanceBoardPage />)
  await waitFor(() => expect(container.querySelector('#confirm-attendance')).not.toBeNull())
  expect(container.querySelector('#board-recorded')).toBeNull()
  await click(container, 'confirm-attendance')
  await waitFor(() => expect(container.querySelector('#board-recorded')!.textContent).toMatch(/确认考勤/))
  expect(container.querySelector('#board-error')).toBeNull()
})
