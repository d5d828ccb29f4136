/**
 * 安排会议 in jsdom against the real server code: the form checks input with the declaration's own
 * schema, keeps what was typed through failures and restarts, and never creates a meeting twice;
 * a clash with the calendar (the same people at that time, a second 主题党日 in a month) is shown with
 * its reason before saving, and the organizer chooses to go on or go back.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import SchedulePage from '../../src/packages/meeting/pages/schedule/index'
import { navigation } from '../mocks/taro'
import { SECRETARY_B1 } from '../cloud/api-fixture'
import { link, typeInto, linkPerTest } from './real-api'

linkPerTest(SECRETARY_B1)

const meetings = () => link.api!.ports.store.count('meetings')
/** The saves sent (the check before each is a read, left out). */
const writes = () => link.sent.filter((e) => e.action === 'meeting.schedule')

function fillValid(container: HTMLElement) {
  typeInto(container, 'field-title', '学习支部工作条例')
  typeInto(container, 'field-place', '党员活动室')
  typeInto(container, 'field-agenda-0', '重温入党誓词')
  // The default date is a week after the real today; pin one after the fixture's clock instead, in a
  // month the demo has no meetings in (so nothing clashes).
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2027-03-04' } })
}

test('an empty title is refused in Chinese before anything is sent, and nothing is written', async () => {
  const before = await meetings()
  const { container } = render(<SchedulePage />)
  typeInto(container, 'field-place', '党员活动室')
  fireEvent.click(container.querySelector('#submit-schedule')!)
  expect(container.querySelector('#form-error')!.textContent).toMatch(/请填写会议主题/)
  expect(link.sent).toHaveLength(0)
  expect(await meetings()).toBe(before)
  // What was typed is still there.
  expect((container.querySelector('#field-place input') as HTMLInputElement).value).toBe('党员活动室')
})

test('the server refuses a time already past with a Chinese message on the field; nothing is written', async () => {
  const before = await meetings()
  const { container } = render(<SchedulePage />)
  fillValid(container)
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2026-11-01' } })
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(container.querySelector('#form-error')!.textContent).toMatch(/已经过去/))
  expect(writes()).toHaveLength(1)
  expect(await meetings()).toBe(before)
  expect(navigation.calls).toHaveLength(0)
})

test('a draft survives closing the page', async () => {
  const first = render(<SchedulePage />)
  typeInto(first.container, 'field-title', '未提交的会议主题')
  first.unmount()
  const second = render(<SchedulePage />)
  expect((second.container.querySelector('#field-title input') as HTMLInputElement).value).toBe('未提交的会议主题')
})

test('offline, the submission fails with a network message and keeps the form; the retry creates one meeting', async () => {
  const before = await meetings()
  const { container } = render(<SchedulePage />)
  fillValid(container)
  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(container.querySelector('#form-error')!.textContent).toMatch(/网络连接失败/))
  expect(await meetings()).toBe(before)

  link.offline = false
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(navigation.calls).toHaveLength(1))
  expect(await meetings()).toBe(before + 1)
  const [offline, online] = writes()
  // The retry is the same write: same request id, so a lost reply cannot make a second meeting.
  expect(online.requestId).toBe(offline.requestId)
  expect(navigation.calls[0]).toEqual({
    method: 'redirectTo',
    url: expect.stringMatching(/^\/packages\/meeting\/pages\/detail\/index\?id=mtg_/),
  })

  // Replaying the very same submission returns the same meeting and writes nothing new.
  const replay = await link.api!.main(online, { sessionToken: link.api!.tokenFor(SECRETARY_B1) })
  expect(replay.ok && (replay.data as { id: string }).id).toBe(navigation.calls[0].url.split('id=')[1])
  expect(await meetings()).toBe(before + 1)

  // The draft is gone: a new form starts empty.
  const fresh = render(<SchedulePage />)
  expect((fresh.container.querySelector('#field-title input') as HTMLInputElement).value).toBe('')
})

test('a 党小组会 asks for the group, offering the branch’s own groups from the server', async () => {
  const { container } = render(<SchedulePage />)
  fillValid(container)
  fireEvent.click(container.querySelector('#kind-group_meeting')!)
  await waitFor(() => expect(container.querySelector('#group-org_b1_g1')).not.toBeNull())
  expect(container.querySelector('#group-org_b2_g1')).toBeNull()
  fireEvent.click(container.querySelector('#submit-schedule')!)
  expect(container.querySelector('#form-error')!.textContent).toMatch(/党小组/)

  fireEvent.click(container.querySelector('#group-org_b1_g2')!)
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(navigation.calls).toHaveLength(1))
  const id = navigation.calls[0].url.split('id=')[1]
  const stored = await link.api!.ports.store.get<{ groupId: string; participantIds: string[] }>('meetings', id)
  expect(stored!.groupId).toBe('org_b1_g2')
  expect(stored!.participantIds.length).toBeGreaterThan(0)
})

/** Schedules, straight through the API, a meeting the form will clash with. */
async function existing(input: Record<string, unknown>) {
  const r = await link.api!.main(
    {
      action: 'meeting.schedule',
      input: { place: '党员活动室', agenda: ['学习'], ...input },
      requestId: `existing-${String(input.date)}`,
    },
    { sessionToken: link.api!.tokenFor(SECRETARY_B1) },
  )
  if (!r.ok) throw new Error(r.error.message)
}

test('a second 主题党日 in the month is warned with its reason before saving; 返回修改 saves nothing, 仍然安排 saves', async () => {
  await existing({ kind: 'theme_day', title: '一月主题党日', date: '2027-01-08', startTime: '09:00', endTime: '11:00' })
  const before = await meetings()
  const { container } = render(<SchedulePage />)
  fillValid(container)
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2027-01-22' } })
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(container.querySelector('#schedule-warnings')).not.toBeNull())
  expect(container.querySelector('#schedule-warnings')!.textContent).toContain(
    '2027年1月已经安排或召开过 1 次主题党日（01月08日），按规定每月开 1 次即可',
  )
  expect(writes()).toHaveLength(0)
  expect(await meetings()).toBe(before)

  fireEvent.click(container.querySelector('#revise-schedule')!)
  expect(container.querySelector('#schedule-warnings')).toBeNull()
  expect(await meetings()).toBe(before)
  // What was typed is kept for the change.
  expect((container.querySelector('#field-title input') as HTMLInputElement).value).toBe('学习支部工作条例')

  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(container.querySelector('#confirm-schedule')).not.toBeNull())
  await act(async () => fireEvent.click(container.querySelector('#confirm-schedule')!))
  await waitFor(() => expect(navigation.calls).toHaveLength(1))
  expect(await meetings()).toBe(before + 1)
  expect(writes()).toHaveLength(1)
})

test('a 党小组会 during a 党员大会 names the meeting and the people in both; changing the time clears the warning', async () => {
  await existing({
    kind: 'branch_congress',
    title: '二月党员大会',
    date: '2027-02-10',
    startTime: '14:00',
    endTime: '16:00',
  })
  const { container } = render(<SchedulePage />)
  fillValid(container)
  fireEvent.click(container.querySelector('#kind-group_meeting')!)
  await waitFor(() => expect(container.querySelector('#group-org_b1_g1')).not.toBeNull())
  fireEvent.click(container.querySelector('#group-org_b1_g1')!)
  fireEvent.change(screen.getByTestId('picker-date'), { target: { value: '2027-02-10' } })
  fireEvent.change(screen.getAllByTestId('picker-time')[0], { target: { value: '15:00' } })
  fireEvent.change(screen.getAllByTestId('picker-time')[1], { target: { value: '16:30' } })
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(container.querySelector('#schedule-warnings')).not.toBeNull())
  const text = container.querySelector('#schedule-warnings')!.textContent!
  expect(text).toMatch(/与「二月党员大会」（2027年02月10日 周三 14:00–16:00）时间重叠，.+两边都应参加/)
  // Another time is another form: the old warning no longer applies and is not shown.
  fireEvent.change(screen.getAllByTestId('picker-time')[0], { target: { value: '16:00' } })
  fireEvent.change(screen.getAllByTestId('picker-time')[1], { target: { value: '17:00' } })
  expect(container.querySelector('#schedule-warnings')).toBeNull()
  await act(async () => fireEvent.click(container.querySelector('#submit-schedule')!))
  await waitFor(() => expect(navigation.calls).toHaveLength(1))
})
