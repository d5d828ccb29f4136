/**
 * 首页 per person, against the real server code: a member's own tasks first (请假 before a meeting,
 * 现在签到 during it, 阅签 and 补学 after it), a 流动党员's due 报到 at the top, each row opening the
 * page that does it; the quotas of the period only for the branch's organizers, an unscheduled one
 * saying 未安排 (not 待召开) and opening 安排会议 with its kind and period filled in.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Home from '../../src/pages/index/index'
import SchedulePage from '../../src/packages/meeting/pages/schedule/index'
import {
  MEMBER_B1,
  MOBILE_B1,
  ORGANIZER_B1,
  SECRETARY_B1,
  meetingAt,
  requestIds,
  type TestApi,
} from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

const rid = requestIds('ui-home-tasks')
let api: TestApi

beforeEach(async () => {
  resetTaroMock()
  api = await openLink(MEMBER_B1)
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
})
afterEach(async () => {
  jest.restoreAllMocks()
  await closeLink()
})

async function home(user: string) {
  link.user = user
  const page = render(<Home />)
  await waitFor(() => expect(page.container.querySelector('#my-tasks, #my-tasks-none')).not.toBeNull())
  await waitFor(() => expect(page.container.querySelector('#state-loading')).toBeNull())
  const tasks = [...page.container.querySelectorAll('#my-tasks .my-tasks__item')].map((e) => e.id)
  return { page, tasks }
}

async function tap(container: HTMLElement, id: string) {
  await act(async () => fireEvent.click(container.querySelector(`#${id}`)!))
}

test('a member: 请假 before the meeting, 现在签到 during it (first), no quotas and no 请尽快安排', async () => {
  const m = await meetingAt(api, 'upcoming')
  const before = await home(MEMBER_B1)
  expect(before.tasks).toContain(`task-leave-${m.id}`)
  expect(before.page.container.querySelector(`#task-leave-${m.id}`)!.textContent).toContain('不能参加请点此请假')
  expect(before.page.container.querySelector('#compliance-list')).toBeNull()
  expect(before.page.container.textContent).not.toContain('请尽快安排')
  expect(before.page.container.textContent).not.toContain('。；')
  await tap(before.page.container, `task-leave-${m.id}`)
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/attendance/pages/leave/index?meetingId=${m.id}`)
  before.page.unmount()

  api.clock.now = m.startAt + 15 * 60_000
  const during = await home(MEMBER_B1)
  expect(during.tasks[0]).toBe(`task-sign_in-${m.id}`)
  expect(during.tasks).not.toContain(`task-leave-${m.id}`)
  await tap(during.page.container, `task-sign_in-${m.id}`)
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/attendance/pages/signin/index?meetingId=${m.id}`)
})

test('after the meeting: a member who missed it owes 阅签 and 补学, each opening its page; both leave once done', async () => {
  const m = await meetingAt(api, 'ended')
  api.clock.now = m.startAt + 10 * 60_000
  for (const p of m.participants.filter((p) => p.id !== MEMBER_B1)) {
    await api
      .as(SECRETARY_B1)
      .call('attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, rid())
  }
  api.clock.now = m.endAt + 30 * 60_000
  await api.as(SECRETARY_B1).call('attendance.confirm', { meetingId: m.id }, rid())
  const v = await api.as(SECRETARY_B1).call('minutes.get', { meetingId: m.id })
  const content = {
    ...v.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: v.content!.items.map((i) => ({ ...i, speeches: '发言', decision: '决议' })),
  }
  const saved = await api
    .as(SECRETARY_B1)
    .call('minutes.saveDraft', { meetingId: m.id, version: v.version, content }, rid())
  await api.as(SECRETARY_B1).call('minutes.finalize', { meetingId: m.id, version: saved.version }, rid())

  const owed = await home(MEMBER_B1)
  expect(owed.tasks).toEqual(expect.arrayContaining([`task-read-${m.id}`, `task-makeup-${m.id}`]))
  await tap(owed.page.container, `task-read-${m.id}`)
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/minutes/pages/view/index?id=${m.id}`)
  await tap(owed.page.container, `task-makeup-${m.id}`)
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/mobile/pages/makeup/index?meetingId=${m.id}`)
  owed.page.unmount()

  await api.as(MEMBER_B1).call('minutes.confirmRead', { meetingId: m.id }, rid())
  await api.as(MEMBER_B1).call('makeup.submit', { meetingId: m.id, note: '已阅读会议记录，学习了会议精神。' }, rid())
  const done = await home(MEMBER_B1)
  expect(done.tasks.filter((t) => t.endsWith(m.id))).toEqual([])
  done.page.unmount()

  // One who attended owes only the 阅签.
  const present = await home(MOBILE_B1)
  expect(present.tasks).toContain(`task-read-${m.id}`)
  expect(present.tasks).not.toContain(`task-makeup-${m.id}`)
})

test('a 流动党员 whose 报到 is due sees it at the top, opening 流动党员报到; once reported it is gone', async () => {
  const m = await meetingAt(api, 'upcoming')
  const s = await home(MOBILE_B1)
  expect(s.tasks[0]).toBe('task-mobile_checkin')
  expect(s.tasks).toContain(`task-leave-${m.id}`)
  expect(s.page.container.querySelector('#task-mobile_checkin')!.textContent).toMatch(/请在 \d{4}-\d{2}-\d{2} 前报到/)
  await tap(s.page.container, 'task-mobile_checkin')
  expect(navigation.calls.at(-1)!.url).toBe('/packages/mobile/pages/home/index')
  s.page.unmount()
  await api
    .as(MOBILE_B1)
    .call(
      'mobile.checkIn',
      { id: 'ui-home-ci-1', city: '深圳', note: '在深圳项目部', deviceTime: api.clock.now },
      rid(),
    )
  const reported = await home(MOBILE_B1)
  expect(reported.tasks).not.toContain('task-mobile_checkin')
  reported.page.unmount()
  // A member who is not a 流动党员 has no 报到 row.
  const member = await home(MEMBER_B1)
  expect(member.tasks).not.toContain('task-mobile_checkin')
})

test('the secretary and the 组织委员 see the quotas; an unscheduled one says 未安排 and opens 安排会议 with its kind and period', async () => {
  for (const who of [SECRETARY_B1, ORGANIZER_B1]) {
    const s = await home(who)
    await waitFor(() => expect(s.page.container.querySelector('#compliance-list')).not.toBeNull())
    const items = [...s.page.container.querySelectorAll('#compliance-list .compliance__item[id^="compliance-"]')]
    const open = items.find((e) => e.textContent!.includes('未安排'))
    expect(open).toBeDefined()
    // 待召开 only where a meeting is actually scheduled.
    for (const e of items.filter((e) => e.textContent!.includes('待召开'))) expect(e.textContent).toMatch(/已安排/)
    expect(open!.textContent).toContain('点此安排')
    const kind = open!.id.replace(/^compliance-/, '').replace(/-org_[a-z0-9_]+$/, '')
    await act(async () => fireEvent.click(open!))
    const url = navigation.calls.at(-1)!.url
    expect(url).toMatch(
      new RegExp(`^/packages/meeting/pages/schedule/index\\?kind=${kind}&period=[0-9A-Z-]+&date=\\d{4}-\\d{2}-\\d{2}$`),
    )
    s.page.unmount()

    // 安排会议 opens with that kind and date chosen.
    navigation.params = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    const sched = render(<SchedulePage />)
    expect(sched.container.querySelector(`#kind-${kind}`)!.className).toContain('chip--on')
    expect(sched.container.querySelector('#field-date')!.textContent).toContain(navigation.params.date)
    sched.unmount()
  }
})

test('the secretary’s older 阅签 / 补学 beyond the newest two are counted in one line, not listed', async () => {
  const view = await api.as(SECRETARY_B1).call('home.tasks', {})
  const makeups = view.items.filter((t) => t.kind === 'makeup')
  expect(makeups.length).toBeLessThanOrEqual(2)
  // Newest first.
  expect(makeups.map((t) => t.at)).toEqual([...makeups.map((t) => t.at)].sort((a, b) => b! - a!))
  const s = await home(SECRETARY_B1)
  // The demo's secretary missed more than two held meetings of the last half year.
  expect(view.more.makeup).toBeGreaterThan(0)
  expect(s.page.container.querySelector('#my-tasks-more')!.textContent).toContain(`${view.more.makeup} 次会议待补学`)
  await tap(s.page.container, 'my-tasks-more')
  expect(navigation.calls.at(-1)).toEqual({ method: 'switchTab', url: '/pages/meetings/index' })
})
