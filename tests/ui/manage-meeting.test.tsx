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
  // A month the demo holds no 主题党日 in, so the new time clashes with nothing.
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2027-03-11' } })
  await act(async () => fireEvent.click(container.querySelector('#manage-submit')!))
  await waitFor(() => expect(container.querySelector('#manage-error')!.textContent).toMatch(/改期原因/))
  expect((await link.api!.ports.store.get<{ startAt: number }>('meetings', meeting.id))!.startAt).toBe(meeting.startAt)

  fireEvent.change(container.querySelector('#manage-reason textarea, textarea#manage-reason')!, {
    target: { value: '与区委党校培训冲突' },
  })
  await act(async () => fireEvent.click(container.querySelector('#manage-submit')!))
  await waitFor(() => expect(container.querySelector('#meeting-history')).not.toBeNull())
  expect(container.querySelector('#meeting-history')!.textContent).toMatch(/03月11日[\s\S]*与区委党校培训冲突/)
  expect(container.querySelector('#meeting-time')!.textContent).toContain('2027年03月11日')
})

test('a plain member sees no way to change the meeting', async () => {
  link.user = MEMBER_B1
  const { container, findByText } = render(<MeetingDetailPage />)
  await findByText(meeting.title)
  expect(container.querySelector('#meeting-reschedule')).toBeNull()
  expect(container.querySelector('#meeting-cancel')).toBeNull()
})

test('改期 onto a time the same people are expected elsewhere shows why before saving; 仍然改期 saves', async () => {
  const other = await link.api!.as(SECRETARY_B1).result(
    'meeting.schedule',
    scheduleInput({
      kind: 'party_lecture',
      title: '一月专题党课',
      date: '2027-01-15',
      startTime: '15:00',
      endTime: '16:00',
    }),
    'ui-sched-02',
  )
  if (!other.ok) throw new Error(other.error.message)
  const { container } = render(<MeetingDetailPage />)
  await waitFor(() => expect(container.querySelector('#meeting-reschedule')).not.toBeNull())
  fireEvent.click(container.querySelector('#meeting-reschedule')!)
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2027-01-15' } })
  fireEvent.change(container.querySelector('#manage-reason textarea, textarea#manage-reason')!, {
    target: { value: '与区委党校培训冲突' },
  })
  await act(async () => fireEvent.click(container.querySelector('#manage-submit')!))
  await waitFor(() => expect(container.querySelector('#reschedule-warnings')).not.toBeNull())
  expect(container.querySelector('#reschedule-warnings')!.textContent).toMatch(/与「一月专题党课」.*时间重叠/)
  // Compared with the others only: the meeting is not a clash with itself.
  expect(container.querySelector('#reschedule-warnings')!.textContent).not.toContain(meeting.title)
  expect((await link.api!.ports.store.get<{ startAt: number }>('meetings', meeting.id))!.startAt).toBe(meeting.startAt)

  await act(async () => fireEvent.click(container.querySelector('#reschedule-anyway')!))
  await waitFor(() => expect(container.querySelector('#meeting-time')!.textContent).toContain('2027年01月15日'))
})
