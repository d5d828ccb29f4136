/**
 * The 党委 drills down read-only (issue 14 §2), in jsdom against the real server code: from 首页 to
 * a branch; 会议月历, 流动党员 and 会议记录本 without a branch offer the branches to choose from; the
 * meeting, its attendance board, the locked minutes (with verify) and the book show the 党委 no
 * control that writes the branch's records — only reads, exports and navigation.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import AttendanceBoardPage from '../../src/packages/attendance/pages/board/index'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import MinutesBookPage from '../../src/packages/minutes/pages/book/index'
import MinutesViewPage from '../../src/packages/minutes/pages/view/index'
import MobileList from '../../src/packages/mobile/pages/list/index'
import CalendarPage from '../../src/packages/plan/pages/calendar/index'
import PlanPage from '../../src/packages/plan/pages/plan/index'
import Home from '../../src/pages/index/index'
import type { MeetingDetail } from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import { pageUrl } from '../../src/domain/pages'
import { SECRETARY_B1, SUPERVISOR, requestIds, scheduleInput } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest } from './real-api'

linkPerTest(SUPERVISOR)
/** The first answers can take seconds on a busy machine (the real server code runs in-process). */
const SLOW = { timeout: 8000 }
const rid = requestIds('ui-supervision-readonly')

/** The ids of every button on the page: what the 党委 can press. */
const buttons = (container: HTMLElement) => [...container.querySelectorAll('button')].map((b) => b.id)

/**
 * A 主题党日 of the first branch on 2026-11-22 14:00–16:00, held (everyone marked present, attendance
 * confirmed) and its minutes finalized at 17:00 by the secretary: a locked record on the chain.
 */
async function finalizedMeeting(): Promise<MeetingDetail> {
  const api = link.api!
  const secretary = api.as(SECRETARY_B1)
  const m = await secretary.call(
    'meeting.schedule',
    scheduleInput({
      title: '11月主题党日：学习支部工作条例',
      date: '2026-11-22',
      startTime: '14:00',
      endTime: '16:00',
    }),
    rid(),
  )
  api.clock.now = fromBeijing('2026-11-22', '14:10')
  for (const p of m.participants) {
    await secretary.call('attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, rid())
  }
  api.clock.now = fromBeijing('2026-11-22', '16:30')
  await secretary.call('attendance.confirm', { meetingId: m.id }, rid())
  const v = await secretary.call('minutes.get', { meetingId: m.id })
  const content = {
    ...v.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: v.content!.items.map((i) => ({ ...i, speeches: '集中学习了支部工作条例。', decision: '按季度交流体会。' })),
  }
  const saved = await secretary.call('minutes.saveDraft', { meetingId: m.id, version: v.version, content }, rid())
  api.clock.now = fromBeijing('2026-11-22', '17:00')
  await secretary.call('minutes.finalize', { meetingId: m.id, version: saved.version }, rid())
  return m
}

test('首页: the 党委 opens a branch from its row, and has 组织生活监督 and 会议记录本 among its shortcuts', async () => {
  const { container } = render(<Home />)
  await waitFor(() => expect(container.querySelector('#compliance-branch-org_b2')).not.toBeNull(), SLOW)
  expect(container.querySelector('#go-supervision')!.textContent).toBe('组织生活监督')
  expect(container.querySelector('#go-minutes-book')!.textContent).toBe('会议记录本')
  expect(container.querySelector('#go-schedule')).toBeNull()
  await act(async () => fireEvent.click(container.querySelector('#go-supervision')!))
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('supervision'))
  await act(async () => fireEvent.click(container.querySelector('#compliance-branch-org_b2')!))
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('supervisionBranch', { branchId: 'org_b2' }))
})

test('会议月历, 流动党员 and 会议记录本 without a branch: the 党委 chooses one instead of a dead end', async () => {
  const calendar = render(<CalendarPage />)
  await waitFor(() => expect(calendar.container.querySelector('#pick-org_b1')).not.toBeNull(), SLOW)
  expect(calendar.container.textContent).toContain('月历按党支部查看，请选择一个党支部')
  expect(calendar.container.querySelector('#pick-org_b1')!.textContent).toContain('第一党支部')
  await act(async () => fireEvent.click(calendar.container.querySelector('#pick-org_b2')!))
  await waitFor(() => expect(calendar.container.querySelector('#month-label')).not.toBeNull(), SLOW)
  expect(calendar.container.querySelector('#month-label')!.textContent).toContain('第二党支部')
  expect(calendar.container.querySelector('#open-plan')).toBeNull()
  // The way back to the list.
  await act(async () => fireEvent.click(calendar.container.querySelector('#change-branch')!))
  await waitFor(() => expect(calendar.container.querySelector('#branch-picker')).not.toBeNull(), SLOW)
  calendar.unmount()

  const mobile = render(<MobileList />)
  await waitFor(() => expect(mobile.container.querySelector('#pick-org_b1')).not.toBeNull(), SLOW)
  await act(async () => fireEvent.click(mobile.container.querySelector('#pick-org_b1')!))
  await waitFor(() => expect(mobile.container.querySelector('#mobile-summary')).not.toBeNull(), SLOW)
  expect(mobile.container.querySelector('#mobile-summary')!.textContent).toContain('第一党支部')
  // The branch's own setting is not the 党委's to change.
  expect(mobile.container.querySelector('#cadence-chooser')).toBeNull()
  mobile.unmount()

  navigation.params = { year: '2026' }
  const book = render(<MinutesBookPage />)
  await waitFor(() => expect(book.container.querySelector('#pick-org_b1')).not.toBeNull(), SLOW)
  expect(book.container.textContent).toContain('会议记录本按党支部保存')
  await act(async () => fireEvent.click(book.container.querySelector('#pick-org_b1')!))
  await waitFor(() => expect(book.container.querySelector('#book-heading')).not.toBeNull(), SLOW)
  expect(book.container.querySelector('#book-heading')!.textContent).toContain('第一党支部 2026 年会议记录本')
  expect(book.container.querySelector('#chosen-branch')!.textContent).toContain('第一党支部')
})

test('meeting, attendance board, minutes and book: the 党委 reads, exports and verifies, and nothing writes', async () => {
  const m = await finalizedMeeting()

  navigation.params = { id: m.id }
  const detail = render(<MeetingDetailPage />)
  await detail.findByText(m.title)
  expect(buttons(detail.container)).toEqual(['go-attendance', 'go-minutes-view'])
  expect(detail.container.querySelector('[id^="manage-"]')).toBeNull()
  await act(async () => fireEvent.click(detail.container.querySelector('#go-attendance')!))
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('attendanceBoard', { meetingId: m.id }))
  detail.unmount()

  navigation.params = { meetingId: m.id }
  const board = render(<AttendanceBoardPage />)
  await waitFor(() => expect(board.container.querySelector('#board-people')).not.toBeNull(), SLOW)
  expect(board.container.querySelector('#board-present')!.textContent).toBe(String(m.participantCount))
  expect(board.container.querySelector('#board-recorded')!.textContent).toContain('确认考勤')
  expect(buttons(board.container)).toEqual([])
  board.unmount()

  navigation.params = { id: m.id }
  const view = render(<MinutesViewPage />)
  await waitFor(() => expect(view.container.querySelector('#locked-note')).not.toBeNull(), SLOW)
  expect(buttons(view.container).sort()).toEqual(['export-docx', 'open-book', 'verify-chain'])
  for (const write of ['#open-amend', '#confirm-read', '#open-edit', '#amend-form']) {
    expect(view.container.querySelector(write)).toBeNull()
  }
  await act(async () => fireEvent.click(view.container.querySelector('#verify-chain')!))
  await waitFor(() => expect(view.container.querySelector('#verify-result')).not.toBeNull(), SLOW)
  expect(view.container.querySelector('#verify-result')!.textContent).toContain('第一党支部的记录链完好')
  view.unmount()

  navigation.params = { branchId: 'org_b1', year: '2026' }
  const book = render(<MinutesBookPage />)
  await waitFor(() => expect(book.container.querySelector('#book-heading')).not.toBeNull(), SLOW)
  expect(
    buttons(book.container)
      .filter((id) => id !== 'book-more')
      .sort(),
  ).toEqual(['export-book', 'verify-chain'])
  book.unmount()

  navigation.params = { branchId: 'org_b1', year: '2026' }
  const plan = render(<PlanPage />)
  await waitFor(() => expect(plan.container.textContent).toMatch(/年度|计划/), SLOW)
  await waitFor(() => expect(plan.container.querySelector('#state-loading')).toBeNull(), SLOW)
  expect(buttons(plan.container).filter((id) => id !== 'open-calendar')).toEqual([])
})
