/** The plan, calendar and 消息 pages in jsdom, against the real server code. */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import CalendarPage from '../../src/packages/plan/pages/calendar/index'
import MessagesPage from '../../src/packages/plan/pages/messages/index'
import PlanPage from '../../src/packages/plan/pages/plan/index'
import RulesPage from '../../src/packages/plan/pages/rules/index'
import Taro from '@tarojs/taro'
import { isActiveMember } from '../../src/domain/org'
import { MEMBER_B1, scheduleInput, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

afterEach(closeLink)

/** Each 发布 confirmation shown, and the answer the next one gets. */
const modals: { title: string; content: string }[] = []
let answer = true
;(Taro as unknown as Record<string, unknown>).showModal = (o: { title: string; content: string }) => {
  modals.push({ title: o.title, content: o.content })
  return Promise.resolve({ confirm: answer, cancel: !answer, errMsg: 'showModal:ok' })
}
beforeEach(() => {
  modals.length = 0
  answer = true
})

/** Active members of 第一党支部 in the store: the ones 发布 tells. */
async function activeMembersB1(): Promise<number> {
  const page = await link.api!.ports.store.query('members', {
    where: [{ field: 'orgId', op: 'eq', value: 'org_b1' }],
    limit: 100,
  })
  return page.items.filter((m) => isActiveMember(m)).length
}

test('the secretary generates a draft, removes a meeting, saves, and publishes', async () => {
  resetTaroMock()
  await openLink(SECRETARY_B1)
  navigation.params = { branchId: 'org_b1', year: '2027' }
  const { container } = render(<PlanPage />)
  await waitFor(() => expect(container.querySelector('#plan-generate')).not.toBeNull())
  fireEvent.click(container.querySelector('#theme-nth--1')!)
  fireEvent.click(container.querySelector('#theme-weekday-4')!)
  await act(async () => fireEvent.click(container.querySelector('#plan-generate')!))
  await waitFor(() => expect(container.querySelector('#plan-items')).not.toBeNull())
  expect(container.querySelector('#plan-status')!.textContent).toBe('草稿')
  expect(container.textContent).toContain('每月最后一个星期四')
  expect(container.querySelectorAll('#plan-items > *')).toHaveLength(58)

  // Remove the first meeting: the change is kept locally until saved, then the server lists the gap.
  fireEvent.click(container.querySelector('#plan-item-0 .plan__item-main')!)
  fireEvent.click(container.querySelector('#item-remove')!)
  expect(container.querySelectorAll('#plan-items > *')).toHaveLength(57)
  await act(async () => fireEvent.click(container.querySelector('#plan-save')!))
  await waitFor(() =>
    expect(container.querySelector('#plan-warnings')!.textContent).toMatch(/计划 0 次，少于规定的 1 次/),
  )
  const saved = await link.api!.ports.store.get<{ items: unknown[] }>('plans', 'org_b1.2027')
  expect(saved!.items).toHaveLength(57)

  // 发布 asks first, saying what it does and what to check; 再看看 changes nothing.
  answer = false
  await act(async () => fireEvent.click(container.querySelector('#plan-publish')!))
  expect(modals).toHaveLength(1)
  const people = await activeMembersB1()
  expect(people).toBeGreaterThan(0)
  expect(modals[0].content).toContain(`将安排 57 次会议，并向支部 ${people} 名党员各发一条通知`)
  expect(modals[0].content).toContain('2027年的调休上班日国务院尚未公布')
  expect(modals[0].content).toMatch(/计划 0 次，少于规定的 1 次/)
  expect(container.querySelector('#plan-status')!.textContent).toBe('草稿')
  expect(await link.api!.ports.store.count('meetings', [{ field: 'planId', op: 'eq', value: 'org_b1.2027' }])).toBe(0)

  answer = true
  await act(async () => fireEvent.click(container.querySelector('#plan-publish')!))
  await waitFor(() => expect(container.querySelector('#plan-status')!.textContent).toBe('已发布'))
  expect(modals).toHaveLength(2)
  expect(container.querySelector('#plan-publish')).toBeNull()
  expect(await link.api!.ports.store.count('meetings', [{ field: 'planId', op: 'eq', value: 'org_b1.2027' }])).toBe(57)
  expect(link.sent.map((e) => e.action)).toEqual(['plan.get', 'plan.generate', 'plan.update', 'plan.publish'])
})

test('保存 lost to the network: the failure is shown in Chinese and the retry is the same write', async () => {
  resetTaroMock()
  await openLink(SECRETARY_B1)
  navigation.params = { branchId: 'org_b1', year: '2027' }
  const { container } = render(<PlanPage />)
  await waitFor(() => expect(container.querySelector('#plan-generate')).not.toBeNull())
  await act(async () => fireEvent.click(container.querySelector('#plan-generate')!))
  await waitFor(() => expect(container.querySelector('#plan-items')).not.toBeNull())
  fireEvent.click(container.querySelector('#plan-item-0 .plan__item-main')!)
  fireEvent.click(container.querySelector('#item-remove')!)

  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#plan-save')!))
  await waitFor(() => expect(container.textContent).toMatch(/网络连接失败/))
  link.offline = false
  await act(async () => fireEvent.click(container.querySelector('#plan-save')!))
  await waitFor(() => expect(container.textContent).not.toMatch(/网络连接失败/))
  const updates = link.sent.filter((e) => e.action === 'plan.update')
  expect(updates).toHaveLength(2)
  expect(updates[1].requestId).toBe(updates[0].requestId)
  const saved = await link.api!.ports.store.get<{ items: unknown[] }>('plans', 'org_b1.2027')
  expect(saved!.items).toHaveLength(57)
})

test('the calendar shows the periods and days, switches months, and opens a meeting', async () => {
  resetTaroMock()
  await openLink(MEMBER_B1)
  navigation.params = { month: '2026-10' }
  const { container } = render(<CalendarPage />)
  await waitFor(() => expect(container.querySelector('#period-theme_day')).not.toBeNull())
  expect(container.querySelector('#period-theme_day')!.textContent).toContain('已完成')
  expect(container.querySelector('#day-2026-10-01')!.textContent).toContain('国庆节')
  expect(container.querySelector('#open-plan')).toBeNull()
  const meeting = container.querySelector('[id^="meeting-"]')!
  fireEvent.click(meeting)
  expect(navigation.calls.at(-1)).toMatchObject({
    url: expect.stringContaining('/packages/meeting/pages/detail/index?id='),
  })

  await act(async () => fireEvent.click(container.querySelector('#month-next')!))
  await waitFor(() => expect(container.querySelector('#month-label')!.textContent).toContain('2026年11月'))
  expect(container.querySelector('#day-2026-11-25')!.textContent).toContain('委员会')
})

test('messages: unread first shown, opening one marks it read and goes to its page', async () => {
  resetTaroMock()
  await openLink(MEMBER_B1)
  const api = link.api!
  const r = await api.as(SECRETARY_B1).result(
    'meeting.schedule',
    {
      kind: 'theme_day',
      title: '12月主题党日',
      date: '2026-12-04',
      startTime: '15:00',
      endTime: '17:00',
      place: '党员活动室',
      agenda: ['学习'],
    },
    'ui-plan-schedule-1',
  )
  expect(r.ok).toBe(true)
  const { container } = render(<MessagesPage />)
  await waitFor(() => expect(container.querySelector('#messages-list')).not.toBeNull())
  expect(container.querySelector('#messages-unread')!.textContent).toBe('1 条未读')
  const item = container.querySelector('#messages-list > *')!
  expect(item.textContent).toContain('会议通知：12月主题党日')
  await act(async () => fireEvent.click(item))
  expect(navigation.calls.at(-1)).toMatchObject({
    url: expect.stringMatching(/^\/packages\/meeting\/pages\/detail\/index\?id=/),
  })
  await waitFor(() => expect(container.querySelector('#messages-unread')!.textContent).toBe('全部已读'))
  expect(
    (
      await api.ports.store.query<{ readAt: number | null }>('notifications', {
        where: [{ field: 'memberId', op: 'eq', value: MEMBER_B1 }],
        limit: 5,
      })
    ).items[0].readAt,
  ).not.toBeNull()
})

test('messages: 全部标为已读 lost to the network says so in Chinese; the retry is the same write', async () => {
  resetTaroMock()
  await openLink(MEMBER_B1)
  const api = link.api!
  for (const [date, rid] of [
    ['2026-12-04', 'ui-plan-schedule-2'],
    ['2026-12-11', 'ui-plan-schedule-3'],
  ]) {
    await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput({ date }), rid)
  }
  const { container } = render(<MessagesPage />)
  await waitFor(() => expect(container.querySelector('#messages-unread')!.textContent).toBe('2 条未读'))

  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#messages-read-all')!))
  await waitFor(() => expect(container.querySelector('#messages-error')!.textContent).toMatch(/网络连接失败/))
  expect(container.querySelector('#messages-unread')!.textContent).toBe('2 条未读')
  link.offline = false
  await act(async () => fireEvent.click(container.querySelector('#messages-read-all')!))
  await waitFor(() => expect(container.querySelector('#messages-unread')!.textContent).toBe('全部已读'))
  expect(container.querySelector('#messages-error')).toBeNull()
  const marks = link.sent.filter((e) => e.action === 'message.markRead')
  expect(marks).toHaveLength(2)
  expect(marks[1].requestId).toBe(marks[0].requestId)
})

test('the 党委 sets 党课 to 每半年 for its branches; a branch member only reads the rules', async () => {
  resetTaroMock()
  await openLink('m_cmte_01')
  const { container, unmount } = render(<RulesPage />)
  await waitFor(() => expect(container.querySelector('#rules-editor')).not.toBeNull())
  expect(container.querySelector('#rule-party_lecture')!.textContent).toContain('国家规定')
  fireEvent.click(container.querySelector('#edit-party_lecture-half')!)
  await act(async () => fireEvent.click(container.querySelector('#rules-save')!))
  await waitFor(() => expect(container.querySelector('#rule-party_lecture')!.textContent).toContain('每半年 1 次'))
  expect(container.querySelector('#rule-party_lecture')!.textContent).toContain('示范区机关党委')
  const stored = await link.api!.ports.store.get<{ overrides: unknown[] }>('rule_sets', 'org_cmte')
  expect(stored!.overrides).toEqual([{ kind: 'party_lecture', period: 'half', requiredCount: 1 }])
  unmount()

  link.user = MEMBER_B1
  const member = render(<RulesPage />)
  await waitFor(() => expect(member.container.querySelector('#rule-party_lecture')).not.toBeNull())
  expect(member.container.querySelector('#rule-party_lecture')!.textContent).toContain('每半年 1 次')
  expect(member.container.querySelector('#rules-editor')).toBeNull()
})

test('the 党委 sets the minutes deadline on the rules screen; out of range is refused there, and a branch member sees it', async () => {
  resetTaroMock()
  await openLink('m_cmte_01')
  const { container, unmount } = render(<RulesPage />)
  await waitFor(() => expect(container.querySelector('#minutes-due-editor')).not.toBeNull())
  expect(container.querySelector('#minutes-due')!.textContent).toContain('3 天内')
  expect(container.querySelector('#minutes-due')!.textContent).toContain('系统默认')

  typeInto(container, 'minutes-due-days', '40')
  await act(async () => fireEvent.click(container.querySelector('#minutes-due-save')!))
  expect(container.querySelector('#field-minutes-due')!.textContent).toContain('最多 31 天')
  expect(await link.api!.ports.store.get('rule_sets', 'org_cmte')).toBeNull()

  typeInto(container, 'minutes-due-days', '5')
  await act(async () => fireEvent.click(container.querySelector('#minutes-due-save')!))
  await waitFor(() => expect(container.querySelector('#minutes-due-text')!.textContent).toBe('5 天内'))
  expect(container.querySelector('#minutes-due')!.textContent).toContain('示范区机关党委')
  const stored = await link.api!.ports.store.get<{ minutesLateAfterMs: number }>('rule_sets', 'org_cmte')
  expect(stored!.minutesLateAfterMs).toBe(5 * 86_400_000)
  unmount()

  link.user = MEMBER_B1
  const member = render(<RulesPage />)
  await waitFor(() => expect(member.container.querySelector('#minutes-due-text')).not.toBeNull())
  expect(member.container.querySelector('#minutes-due-text')!.textContent).toBe('5 天内')
  expect(member.container.querySelector('#minutes-due-editor')).toBeNull()
})

test('the 党委 sets the at-risk days per period on the rules screen; a value past the period is refused there', async () => {
  resetTaroMock()
  await openLink('m_cmte_01')
  const { container } = render(<RulesPage />)
  await waitFor(() => expect(container.querySelector('#at-risk-editor')).not.toBeNull())
  expect(container.querySelector('#at-risk-row-quarter')!.textContent).toContain('结束前 15 天')

  typeInto(container, 'at-risk-month', '30')
  await act(async () => fireEvent.click(container.querySelector('#at-risk-save')!))
  expect(container.querySelector('#at-risk-problem')!.textContent).toContain('最多提前 27 天')
  expect(await link.api!.ports.store.get('rule_sets', 'org_cmte')).toBeNull()

  typeInto(container, 'at-risk-month', '')
  typeInto(container, 'at-risk-quarter', '40')
  await act(async () => fireEvent.click(container.querySelector('#at-risk-save')!))
  await waitFor(() => expect(container.querySelector('#at-risk-row-quarter')!.textContent).toContain('结束前 40 天'))
  expect(container.querySelector('#at-risk-row-quarter')!.textContent).toContain('示范区机关党委')
  expect(container.querySelector('#at-risk-row-month')!.textContent).toContain('系统默认')
  const stored = await link.api!.ports.store.get<{ atRiskDays: unknown }>('rule_sets', 'org_cmte')
  expect(stored!.atRiskDays).toEqual({ quarter: 40 })
})
