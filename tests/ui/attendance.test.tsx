/**
 * The member's 签到 page in jsdom against the real server code: a scan with the network cut waits on
 * the phone as 待上传 and is sent as 离线补传 (at the time of the scan) when the network returns;
 * a scan with the network is signed at once; a bad code is refused in Chinese.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { SignInCodeView } from '../../src/domain/api/views-attendance'
import { signInToken } from '../../src/domain/attendance-token'
import SignInPage from '../../src/packages/attendance/pages/signin/index'
import { flushOutbox, pendingWrites } from '../../src/services/outbox'
import { MEMBER_B1, scheduleInput, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

let meeting: MeetingDetail
let code: SignInCodeView
beforeEach(async () => {
  resetTaroMock()
  const api = await openLink(MEMBER_B1)
  // The phone's clock agrees with the server's (the test server's clock is pinned).
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
  const m = await api
    .as(SECRETARY_B1)
    .result(
      'meeting.schedule',
      scheduleInput({ date: '2026-11-22', startTime: '10:30', endTime: '12:00' }),
      'ui-attendance-sched',
    )
  if (!m.ok) throw new Error(m.error.message)
  meeting = m.data
  const c = await api.as(SECRETARY_B1).result('attendance.openCode', { meetingId: meeting.id }, 'ui-code-01')
  if (!c.ok) throw new Error(c.error.message)
  code = c.data
  navigation.params = { meetingId: meeting.id }
})
afterEach(async () => {
  jest.restoreAllMocks()
  await closeLink()
})

async function typeAndSubmit(container: HTMLElement, token: string) {
  await waitFor(() => expect(container.querySelector('#token-input')).not.toBeNull())
  fireEvent.change(container.querySelector('#token-input')!, { target: { value: token } })
  await act(async () => fireEvent.click(container.querySelector('#submit-token')!))
}

test('offline: the scan waits as 待上传 and is sent as 离线补传 when the network returns', async () => {
  const { container } = render(<SignInPage />)
  await waitFor(() => expect(container.querySelector('#signin-title')!.textContent).toBe(meeting.title))
  const scannedAt = link.api!.clock.now
  const token = signInToken(code.secret, meeting.id, scannedAt)

  link.offline = true
  await typeAndSubmit(container, token)
  await waitFor(() => expect(container.querySelector('#signin-pending')).not.toBeNull())
  expect(container.querySelector('#submit-token')).toBeNull()
  expect(container.querySelector('#signin-pending')!.textContent).toMatch(/待上传/)
  expect(pendingWrites()).toHaveLength(1)
  expect(await link.api!.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: meeting.id }])).toBe(0)

  // Forty minutes later the network is back: the outbox sends the scan with its own time.
  link.api!.clock.now += 40 * 60_000
  link.offline = false
  await act(async () => {
    expect(await flushOutbox()).toEqual({ sent: 1, refused: 0, stillPending: 0 })
  })
  await waitFor(() => expect(container.querySelector('#signin-pending')).toBeNull())
  await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/离线补传/))
  // A claim (issue 18): 待书记确认 on the member's page, late by the server's time of arrival.
  expect(container.querySelector('#signin-done')!.textContent).toMatch(/待书记确认/)
  const record = await link.api!.ports.store.get<{ via: string; offline: boolean; signedAt: number; late: boolean }>(
    'attendance',
    `${meeting.id}.${MEMBER_B1}`,
  )
  expect(record).toMatchObject({ via: 'offline', offline: true, signedAt: scannedAt, late: true, confirmed: false })
  // Sending again (a second flush, or a replay) changes nothing.
  expect(await flushOutbox()).toEqual({ sent: 0, refused: 0, stillPending: 0 })
  expect(await link.api!.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: meeting.id }])).toBe(1)
})

test('online: signed at once; a bad code is refused in Chinese and nothing is queued', async () => {
  const { container } = render(<SignInPage />)
  await waitFor(() => expect(container.querySelector('#signin-title')).not.toBeNull())
  await typeAndSubmit(container, signInToken('f'.repeat(64), meeting.id, link.api!.clock.now))
  await waitFor(() => expect(container.querySelector('#signin-error')!.textContent).toMatch(/签到码无效/))
  expect(pendingWrites()).toHaveLength(0)

  await typeAndSubmit(container, signInToken(code.secret, meeting.id, link.api!.clock.now))
  await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/已签到/))
  expect(await link.api!.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: meeting.id }])).toBe(1)
})
