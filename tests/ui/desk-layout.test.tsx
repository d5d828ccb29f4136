/**
 * The desk layout in jsdom against the real server code (issue 13, part 3): at a desk (the browser
 * build, a window 1024 px wide or wider) the side navigation follows the role, 支部成员 and the 签到看板
 * are tables whose rows do what the cards do, and a date or time field is the browser's own input
 * giving the form's text; on a phone (or in WeChat) the same pages keep their cards and pickers.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { backTarget, DeskShell, deskNavFor } from '../../src/components/desk-shell'
import { PickerField } from '../../src/components/form-fields'
import type { ProfileView } from '../../src/domain/api/views'
import { PAGES, pageUrl } from '../../src/domain/pages'
import AttendanceBoardPage from '../../src/packages/attendance/pages/board/index'
import RosterList from '../../src/packages/roster/pages/list/index'
import { MEMBER_B1, meetingAt, SECRETARY_B1, SUPERVISOR } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest } from './real-api'

linkPerTest(SECRETARY_B1)

const env = process.env as Record<string, string | undefined>
let taroEnv: string | undefined

/** The browser build at `width` px: TARO_ENV h5 and a matchMedia answering for that width. */
function browserAt(width: number): void {
  env.TARO_ENV = 'h5'
  window.matchMedia = ((query: string) => ({
    matches: query === '(min-width: 1024px)' && width >= 1024,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia
}

beforeEach(() => {
  taroEnv = env.TARO_ENV
})
afterEach(() => {
  if (taroEnv === undefined) delete env.TARO_ENV
  else env.TARO_ENV = taroEnv
})

async function profileOf(memberId: string): Promise<ProfileView> {
  const who = await link.api!.as(memberId).call('session.whoami', {})
  if (!who.bound) throw new Error(`${memberId} is not bound`)
  return who
}

const labels = (profile: ProfileView) => deskNavFor(profile).map((i) => i.label)

test('the side navigation follows the role: a secretary, a member, the 党委', async () => {
  expect(labels(await profileOf(SECRETARY_B1))).toEqual([
    '首页',
    '会议',
    '支部成员',
    '年度计划',
    '会议月历',
    '会议记录本',
    '消息',
    '我的',
  ])
  // A member plans nothing.
  expect(labels(await profileOf(MEMBER_B1))).not.toContain('年度计划')
  // The 党委: its supervision, no branch roster.
  const committee = labels(await profileOf(SUPERVISOR))
  expect(committee).toContain('组织生活监督')
  expect(committee).not.toContain('支部成员')
  // Not signed in: the tabs only.
  expect(deskNavFor(null).map((i) => i.label)).toEqual(['首页', '会议', '我的'])
})

test('支部成员 at a desk: a table with a header row; a click or Enter on a row opens the member', async () => {
  browserAt(1366)
  const { container } = render(<RosterList />)
  await waitFor(() => expect(container.querySelector('#member-table tbody tr')).not.toBeNull())
  const table = container.querySelector('#member-table')!
  expect(table.tagName).toBe('TABLE')
  expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
    '姓名',
    '类别',
    '职务',
    '党小组',
    '手机号',
    '状态',
    '微信',
  ])
  const roster = await link.api!.as(SECRETARY_B1).call('roster.list', { limit: 50 })
  expect(table.querySelectorAll('tbody tr')).toHaveLength(roster.items.length)
  const row = container.querySelector(`#member-${roster.items[0].id}`)!
  expect(row.textContent).toContain(roster.items[0].name)
  expect(row.textContent).toContain(roster.items[0].phone)
  fireEvent.click(row)
  expect(navigation.calls.at(-1)).toEqual({
    method: 'navigateTo',
    url: pageUrl('memberDetail', { id: roster.items[0].id }),
  })
  fireEvent.keyDown(container.querySelector(`#member-${roster.items[1].id}`)!, { key: 'Enter' })
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('memberDetail', { id: roster.items[1].id }))
})

test('支部成员 on a phone-wide browser: the cards, no table', async () => {
  browserAt(375)
  const { container } = render(<RosterList />)
  await waitFor(() => expect(container.querySelector('.roster__item')).not.toBeNull())
  expect(container.querySelector('#member-table')).toBeNull()
})

test('the 签到看板 at a desk: one table row per participant; a leave approved from its row', async () => {
  browserAt(1366)
  const api = link.api!
  // The page's clock agrees with the server's (the test server's clock is pinned).
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
  const m = await meetingAt(api, 'upcoming')
  await api
    .as(MEMBER_B1)
    .call('leave.request', { meetingId: m.id, category: 'work', note: '出差在外' }, 'ui-desk-leave')
  const board = await api.as(SECRETARY_B1).call('attendance.board', { meetingId: m.id })
  navigation.params = { meetingId: m.id }
  const { container } = render(<AttendanceBoardPage />)
  await waitFor(() => expect(container.querySelector(`#approve-leave-${MEMBER_B1}`)).not.toBeNull())
  const people = board.people.filter((p) => !p.guest)
  expect(container.querySelectorAll('#board-people tbody tr')).toHaveLength(people.length)
  expect([...container.querySelectorAll('#board-people thead th')].map((th) => th.textContent)).toEqual([
    '姓名',
    '状态',
    '签到方式 / 请假',
    '操作',
  ])
  const row = container.querySelector(`#person-${MEMBER_B1}`)!
  expect(row.tagName).toBe('TR')
  expect(row.textContent).toContain('出差在外')
  await act(async () => fireEvent.click(container.querySelector(`#approve-leave-${MEMBER_B1}`)!))
  await waitFor(() => expect(container.querySelector(`#approve-leave-${MEMBER_B1}`)).toBeNull())
  const after = await api.as(SECRETARY_B1).call('attendance.board', { meetingId: m.id })
  expect(after.people.find((p) => p.memberId === MEMBER_B1)!.state).toBe('leave')
  jest.restoreAllMocks()
})

function DateForm({ mode, initial }: { mode: 'date' | 'time'; initial: string }) {
  const [value, setValue] = useState(initial)
  return (
    <>
      <PickerField id="field-when" label="日期" mode={mode} value={value} onChange={setValue} />
      <span id="form-value">{value}</span>
    </>
  )
}

test('a date and a time at a desk: the browser’s own input, giving the text the form keeps', () => {
  browserAt(1366)
  const date = render(<DateForm mode="date" initial="2026-12-07" />)
  const input = date.container.querySelector('#field-when-input') as HTMLInputElement
  expect(input.type).toBe('date')
  expect(input.value).toBe('2026-12-07')
  fireEvent.change(input, { target: { value: '2027-01-15' } })
  expect(date.container.querySelector('#form-value')!.textContent).toBe('2027-01-15')
  date.unmount()

  const time = render(<DateForm mode="time" initial="15:00" />)
  const clock = time.container.querySelector('#field-when-input') as HTMLInputElement
  expect(clock.type).toBe('time')
  fireEvent.change(clock, { target: { value: '09:30' } })
  expect(time.container.querySelector('#form-value')!.textContent).toBe('09:30')
})

test('a date on a phone-wide browser: the picker, no input', () => {
  browserAt(375)
  const { container } = render(<DateForm mode="date" initial="2026-12-07" />)
  expect(container.querySelector('#field-when-input')).toBeNull()
  expect(container.querySelector('#field-when .form-field__input')!.textContent).toBe('2026-12-07')
})

test('the page bar’s 返回 goes back a page, or, opened first, to the page it is opened from', () => {
  // Opened from the 党费台账: back a page.
  expect(backTarget(PAGES.duesMember, 3)).toEqual({ label: '‹ 返回', url: null })
  // Opened first (a link, a reload): 党员党费明细 leads to 党费台账, not 首页.
  expect(backTarget(PAGES.duesMember, 1)).toEqual({ label: '‹ 返回党费台账', url: PAGES.duesLedger })
  expect(backTarget(PAGES.rosterImport, 1)).toEqual({ label: '‹ 返回支部成员', url: PAGES.rosterList })
  // A page opened from anywhere leads to 首页.
  expect(backTarget(PAGES.meetingDetail, 1)).toEqual({ label: '‹ 返回首页', url: PAGES.home })
})

test('phone-wide in the browser, a sub-page gets a bar with its title and 返回; a tab page gets none', () => {
  browserAt(375)
  const wx = Taro as unknown as Record<string, unknown>
  wx.eventCenter = { on: () => undefined, off: () => undefined }
  wx.getCurrentPages = () => [{}] // opened first: a link or a reload
  window.location.hash = `#${PAGES.duesMember}?memberId=m_1`
  document.title = '党员党费明细'
  const sub = render(<DeskShell />)
  expect(sub.container.querySelector('#phone-bar h1')!.textContent).toBe('党员党费明细')
  expect(document.body.classList.contains('phone-bar-on')).toBe(true)
  fireEvent.click(sub.container.querySelector('#phone-back')!)
  expect(navigation.calls.at(-1)).toEqual({ method: 'redirectTo', url: PAGES.duesLedger })
  sub.unmount()

  window.location.hash = `#${PAGES.home}`
  const tab = render(<DeskShell />)
  expect(tab.container.querySelector('#phone-bar')).toBeNull()
  expect(document.body.classList.contains('phone-bar-on')).toBe(false)
  tab.unmount()
  window.location.hash = ''
})
