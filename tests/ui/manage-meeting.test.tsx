/** The organizer's 改期 and 取消 on the meeting page, in jsdom against the real server code. */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MeetingDetail } from '../../src/domain/api/views'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import { MEMBER_B1, scheduleInput, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

let meeting: MeetingDetail
beforeEach(async () => {
  resetTaroMock()
  await openLink(SECRETARY_B1)
  const r = await link.api!.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'ui-sched-01')
  if (!r.ok) throw new Error(r.error.message)
  meeting = r.data
  navigation.params = { id: meeting.id }
})
afterEach(closeLink)

test('a reschedule without a reason is refused in Chinese and keeps the form; with one it is recorded', async () => {
  const { container } = render(<MeetingDetailPage />)
  await waitFor(() => expect(container.querySelector('#meeting-reschedule')).not.toBeNull())
  fireEvent.click(container.querySelector('#meeting-reschedule')!)
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2026-12-11' } })
  await act(async () => fireEvent.click(container.querySelector('#manage-submit')!))
  await waitFor(() => expect(container.querySelector('#manage-error')!.textContent).toMatch(/改期原因/))
  expect((await link.api!.ports.store.get<{ startAt: number }>('meetings', meeting.id))!.startAt).toBe(meeting.startAt)

  fireEvent.change(container.querySelector('#manage-reason textarea, textarea#manage-reason')!, {
    target: { value: '与区委党校培训冲突' },
  })
  await act(async () => fireEvent.click(container.querySelector('#manage-submit')!))
  await waitFor(() => expect(container.querySelector('#meeting-history')).not.toBeNull())
  expect(container.querySelector('#meeting-history')!.textContent).toMatch(/12月11日[\s\S]*与区委党校培训冲突/)
  expect(container.querySelector('#meeting-time')!.textContent).toContain('2026年12月11日')
})

test('a plain member sees no way to change the meeting', async () => {
  link.user = MEMBER_B1
  const { container, findByText } = render(<MeetingDetailPage />)
  await findByText(meeting.title)
  expect(container.querySelector('#meeting-reschedule')).toBeNull()
  expect(container.querySelector('#meeting-cancel')).toBeNull()
})
