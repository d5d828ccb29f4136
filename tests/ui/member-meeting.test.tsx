/**
 * 会议详情 from the member's side, against the real server code: each role sees their own state on
 * the meeting before, during and after it (未签到 until it ends, 缺席 only after; 请假待批 / 请假 once
 * asked; 已签到 once signed in; 补学 once handed in), and 待阅签 as one tap to the minutes. The
 * attendance board says 未签到 until the meeting ends and 缺席 only after.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import AttendanceBoardPage from '../../src/packages/attendance/pages/board/index'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
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

const rid = requestIds('ui-member-meeting')
let api: TestApi

beforeEach(async () => {
  resetTaroMock()
  api = await openLink(MEMBER_B1)
  // The phone's clock agrees with the server's (the test server's clock is pinned).
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
})
afterEach(async () => {
  jest.restoreAllMocks()
  await closeLink()
})

async function myState(user: string, meetingId: string) {
  link.user = user
  navigation.params = { id: meetingId }
  const page = render(<MeetingDetailPage />)
  await waitFor(() => expect(page.container.querySelector('#meeting-title')).not.toBeNull())
  const text = (id: string) => page.container.querySelector(`#${id}`)?.textContent ?? null
  const out = {
    tag: text('my-state-tag'),
    hint: text('my-state-hint'),
    readOwed: text('my-read-owed'),
    panel: page.container.querySelector('#my-state') !== null,
    page,
  }
  return out
}

test('before the meeting: every participant is 未签到 (never 缺席), a leave asked is 请假待批 and then 请假', async () => {
  const m = await meetingAt(api, 'upcoming')
  for (const who of [MEMBER_B1, MOBILE_B1, SECRETARY_B1, ORGANIZER_B1]) {
    const s = await myState(who, m.id)
    expect([who, s.tag]).toEqual([who, '未签到'])
    expect(s.hint).toContain('不能参加请先请假')
    expect(s.page.container.textContent).not.toContain('缺席')
    s.page.unmount()
  }
  await api.as(MEMBER_B1).call('leave.request', { meetingId: m.id, category: 'work', note: '出差在外' }, rid())
  const asked = await myState(MEMBER_B1, m.id)
  expect(asked.tag).toBe('请假待批')
  expect(asked.hint).toContain('等待书记审批')
  asked.page.unmount()
  await api.as(SECRETARY_B1).call('leave.decide', { meetingId: m.id, memberId: MEMBER_B1, approve: true }, rid())
  const approved = await myState(MEMBER_B1, m.id)
  expect(approved.tag).toBe('请假')
})

test('during the meeting: one signed in is 已签到, one not yet is 未签到 and told to sign in', async () => {
  const m = await meetingAt(api, 'signin-open')
  api.clock.now = m.startAt + 20 * 60_000
  await api
    .as(SECRETARY_B1)
    .call('attendance.markManual', { meetingId: m.id, memberId: MOBILE_B1, reason: '手机没电' }, rid())
  const signed = await myState(MOBILE_B1, m.id)
  expect(signed.tag).toMatch(/^(已签到|迟到)$/)
  expect(signed.hint).toBeNull()
  signed.page.unmount()
  const notYet = await myState(MEMBER_B1, m.id)
  expect(notYet.tag).toBe('未签到')
  expect(notYet.hint).toContain('请尽快签到')
  expect(notYet.page.container.querySelector('#go-signin')).not.toBeNull()
})

test('after the meeting: one who never signed in is 缺席 and owes 阅签 (one tap to the minutes), then 补学 once handed in', async () => {
  const m = await meetingAt(api, 'ended')
  const ended = await myState(MEMBER_B1, m.id)
  expect(ended.tag).toBe('缺席')
  expect(ended.hint).toContain('会议记录定稿后')
  expect(ended.readOwed).toBeNull()
  ended.page.unmount()

  // The secretary marks the others present, confirms attendance and finalizes the minutes.
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

  const owed = await myState(MEMBER_B1, m.id)
  expect(owed.tag).toBe('缺席')
  expect(owed.hint).toContain('请阅读会议记录后提交补学')
  expect(owed.readOwed).toBe('待阅签')
  await act(async () => fireEvent.click(owed.page.container.querySelector('#go-read')!))
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/minutes/pages/view/index?id=${m.id}`)
  owed.page.unmount()

  await api.as(MEMBER_B1).call('minutes.confirmRead', { meetingId: m.id }, rid())
  await api.as(MEMBER_B1).call('makeup.submit', { meetingId: m.id, note: '已阅读会议记录，学习了会议精神。' }, rid())
  const done = await myState(MEMBER_B1, m.id)
  expect(done.tag).toBe('补学')
  expect(done.hint).toContain('等待支部确认')
  expect(done.readOwed).toBeNull()
  expect(done.page.container.querySelector('#go-read')).toBeNull()
  done.page.unmount()

  // One who was marked present is 已签到 or 迟到 after the end too, with nothing owed but 阅签.
  const present = await myState(MOBILE_B1, m.id)
  expect(present.tag).toMatch(/^(已签到|迟到)$/)
  expect(present.readOwed).toBe('待阅签')
})

test('someone not expected at the meeting (the 党委) sees no state of their own', async () => {
  const m = await meetingAt(api, 'upcoming')
  const s = await myState('m_cmte_01', m.id)
  expect(s.panel).toBe(false)
})

test('the board before the start says 未签到 and no 缺席; after the end, 缺席', async () => {
  link.user = SECRETARY_B1
  const m = await meetingAt(api, 'upcoming')
  navigation.params = { meetingId: m.id }
  const before = render(<AttendanceBoardPage />)
  await waitFor(() => expect(before.container.querySelector('#board-people')).not.toBeNull())
  expect(before.container.textContent).not.toContain('缺席')
  expect(before.container.querySelector(`#person-${MEMBER_B1}`)!.textContent).toContain('未签到')
  expect(before.container.querySelector('#board-absent')!.parentElement!.textContent).toContain('未签到')
  before.unmount()

  api.clock.now = m.endAt + 10 * 60_000
  const after = render(<AttendanceBoardPage />)
  await waitFor(() => expect(after.container.querySelector('#board-people')).not.toBeNull())
  expect(after.container.querySelector(`#person-${MEMBER_B1}`)!.textContent).toContain('缺席')
  expect(after.container.querySelector('#board-absent')!.parentElement!.textContent).toContain('缺席')
})
