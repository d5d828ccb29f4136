/**
 * 会议办理 on the meeting detail: which next steps each person sees, against the real server code.
 * An organizer opens the 签到码 and the attendance board; a participant signs in and may ask for
 * leave before the start; once the minutes are final, everyone in the branch reads them and a
 * participant who missed the meeting (never one who attended) may write a 补学 note.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import { MEMBER_B1, SECRETARY_B1, scheduleInput } from '../cloud/api-fixture'
import { hidePage, navigation, resetTaroMock, showPage } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

beforeEach(() => resetTaroMock())
afterEach(closeLink)

async function firstMeeting(user: string, when: 'upcoming' | 'past') {
  const page = await link.api!.as(user).result('meeting.listMine', { when })
  if (!page.ok) throw new Error(page.error.message)
  return page.data.items
}

function steps(container: HTMLElement): string[] {
  return [...container.querySelectorAll('#meeting-actions [id^="go-"]')].map((e) => e.id)
}

test('before the meeting: the secretary sees 签到码 and 考勤; a member sees 签到 and 请假, no organizer steps', async () => {
  await openLink(SECRETARY_B1)
  const [m] = await firstMeeting(MEMBER_B1, 'upcoming')
  navigation.params = { id: m.id }
  const secretary = render(<MeetingDetailPage />)
  await secretary.findByText(m.title)
  expect(steps(secretary.container)).toEqual(expect.arrayContaining(['go-signin-code', 'go-attendance']))
  expect(steps(secretary.container)).not.toContain('go-minutes-view')
  secretary.unmount()

  link.user = MEMBER_B1
  const member = render(<MeetingDetailPage />)
  await member.findByText(m.title)
  expect(steps(member.container)).toEqual(['go-signin', 'go-leave'])
  await act(async () => fireEvent.click(member.container.querySelector('#go-leave')!))
  expect(navigation.calls.at(-1)).toEqual({
    method: 'navigateTo',
    url: `/packages/attendance/pages/leave/index?meetingId=${m.id}`,
  })
})

test('after a held meeting with final minutes: its card says 已完成; a member who attended reads the minutes, one who missed it may also write 补学', async () => {
  await openLink(MEMBER_B1)
  const past = await firstMeeting(MEMBER_B1, 'past')
  // Which held meetings the member missed, as 流动党员/补学 lists them (absent or on leave).
  const missedIds = new Set((await link.api!.as(MEMBER_B1).call('mobile.getMine', {})).missed.map((x) => x.meetingId))
  const done = past.find((p) => p.held && p.minutesFinal && !missedIds.has(p.id))
  expect(done).toBeDefined()
  navigation.params = { id: done!.id }
  const member = render(<MeetingDetailPage />)
  await member.findByText(done!.title)
  expect(steps(member.container)).toEqual(['go-minutes-view'])
  await waitFor(() => expect(member.container.querySelector('.record-tags__counts')?.textContent).toBe('已完成'))
  member.unmount()

  const missed = past.find((p) => p.held && p.minutesFinal && missedIds.has(p.id))
  expect(missed).toBeDefined()
  navigation.params = { id: missed!.id }
  const absentee = render(<MeetingDetailPage />)
  await absentee.findByText(missed!.title)
  expect(steps(absentee.container)).toEqual(['go-minutes-view', 'go-makeup'])
  absentee.unmount()

  // A meeting that has just ended, with no attendance confirmed yet.
  const scheduled = await link.api!.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-ui-actions-1')
  if (!scheduled.ok) throw new Error(scheduled.error.message)
  link.api!.clock.now = Date.UTC(2026, 11, 4, 9, 30) // 2026-12-04 17:30 Beijing
  link.user = SECRETARY_B1
  navigation.params = { id: scheduled.data.id }
  const secretary = render(<MeetingDetailPage />)
  await secretary.findByText(scheduled.data.title)
  expect(steps(secretary.container)).toEqual(['go-attendance', 'go-minutes-edit'])
  expect(secretary.container.querySelector('.record-tags__held')?.textContent).toBe('待确认考勤')
})

test('back from a sub-page that changed the meeting, the detail shows the change (the page refreshes on show)', async () => {
  await openLink(SECRETARY_B1)
  const m = await link.api!.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), 'req-ui-show-1')
  navigation.params = { id: m.id }
  const page = render(<MeetingDetailPage />)
  await page.findByText(m.title)

  // The organizer opens 修改会议 (the page hides) and saves a new title there.
  act(() => void hidePage())
  await link
    .api!.as(SECRETARY_B1)
    .call(
      'meeting.edit',
      { meetingId: m.id, version: m.version, title: '改过的主题：学习党章', place: m.place, agenda: m.agenda },
      'req-ui-show-2',
    )
  expect(page.queryByText('改过的主题：学习党章')).toBeNull()

  // Back on the detail: WeChat shows it again, and it reads the meeting anew.
  await act(async () => void expect(showPage()).toBeGreaterThan(0))
  await page.findByText('改过的主题：学习党章')
  expect(page.queryByText(m.title)).toBeNull()
})
