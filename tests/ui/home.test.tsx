/** 首页 in jsdom against the real server code: the 消息 shortcut's unread badge. */
import { act, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Home from '../../src/pages/index/index'
import { unreadBadge } from '../../src/components/shortcuts'
import { MEMBER_B1, SECRETARY_B1, SECRETARY_B2, requestIds, scheduleInput } from '../cloud/api-fixture'
import { showPage } from '../mocks/taro'
import { link, linkPerTest } from './real-api'
import { saveSession } from '../../src/services/session'

linkPerTest(MEMBER_B1)
const rid = requestIds('ui-home')

const badge = (container: HTMLElement) => container.querySelector('#go-messages #messages-badge')?.textContent ?? null

test('the 消息 shortcut shows my unread count, and coming back after reading lowers it', async () => {
  const api = link.api!
  const { container } = render(<Home />)
  await waitFor(() => expect(container.querySelector('#go-messages')).not.toBeNull())
  expect(badge(container)).toBeNull()

  for (const [i, date] of ['2026-12-02', '2026-12-03'].entries()) {
    await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput({ title: `会议${i + 1}`, date }), rid())
  }
  await act(async () => void showPage())
  await waitFor(() => expect(badge(container)).toBe('2'))

  // Read one in 消息, then back on 首页.
  const [newest] = (await api.as(MEMBER_B1).call('message.listMine', { limit: 1 })).items
  await api.as(MEMBER_B1).call('message.markRead', { ids: [newest.id] }, rid())
  await act(async () => void showPage())
  await waitFor(() => expect(badge(container)).toBe('1'))

  await api.as(MEMBER_B1).call('message.markRead', { all: true }, rid())
  await act(async () => void showPage())
  await waitFor(() => expect(badge(container)).toBeNull())
})

test('the badge is hidden at 0 and capped at 99+', () => {
  expect(unreadBadge(0)).toBeNull()
  expect(unreadBadge(7)).toBe('7')
  expect(unreadBadge(99)).toBe('99')
  expect(unreadBadge(100)).toBe('99+')
})

test('with a session, 首页 sends its reads together with whoami instead of after its answer', async () => {
  saveSession({ token: link.api!.tokenFor(MEMBER_B1), expiresAt: Date.now() + 3_600_000 })
  const { container } = render(<Home />)
  // Right after the first render nothing has answered yet: all four reads are already out.
  expect(link.sent.map((e) => e.action).sort()).toEqual(
    ['compliance.summary', 'home.tasks', 'meeting.listMine', 'message.unreadCount', 'session.whoami'].sort(),
  )
  await waitFor(() => expect(container.querySelector('.home .meeting-card, .home #state-empty')).not.toBeNull())
  expect(link.sent).toHaveLength(5)
})

test('without a stored session the other reads wait for whoami (which sends a browser not logged in to the login page)', async () => {
  expect(Taro.getStorageSync('party.session')).toBe('')
  render(<Home />)
  expect(link.sent.map((e) => e.action)).toEqual(['session.whoami'])
  await waitFor(() => expect(link.sent.length).toBeGreaterThan(1))
})

test('a signed-in user not bound to a member sees how to bind, and no error from the reads refused meanwhile', async () => {
  link.user = 'o_not_bound' // a WeChat identity without a binding
  saveSession({ token: link.api!.tokenFor('o_not_bound'), expiresAt: Date.now() + 3_600_000 })
  const { container } = render(<Home />)
  await waitFor(() => expect(container.querySelector('#unbound-notice')).not.toBeNull())
  // The reads sent with whoami were refused (NOT_BOUND); 首页 shows none of that.
  await waitFor(() => expect(link.sent).toHaveLength(5))
  expect(container.querySelector('#state-error')).toBeNull()
  expect(container.querySelector('#home-hello')).toBeNull()
})

test("a branch's secretary sees on 首页 what its 党委 was told about it (督办提醒), and another branch's does not", async () => {
  const api = link.api!
  link.user = SECRETARY_B1
  const at = api.clock.now - 86_400_000
  await api.ports.store.insert('escalations', {
    _id: 'silent.org_b1.test',
    branchId: 'org_b1',
    cause: 'silent',
    ownerId: 'org_b1',
    kind: null,
    period: null,
    reason: '第一党支部已 31 天没有开展组织生活，超过 30 天',
    urgency: 1,
    at,
    told: ['m_cmte_01'],
  })
  const { container } = render(<Home />)
  await waitFor(() => expect(container.querySelector('#compliance-escalations')).not.toBeNull())
  const text = container.querySelector('#compliance-escalations')!.textContent
  expect(text).toContain('上级党委已收到以下督办提醒')
  expect(text).toContain('第一党支部已 31 天没有开展组织生活，超过 30 天')

  // The same escalation is not shown to the second branch.
  link.user = SECRETARY_B2
  const other = render(<Home />)
  await waitFor(() => expect(other.container.querySelector('#compliance-list')).not.toBeNull())
  expect(other.container.querySelector('#compliance-escalations')).toBeNull()
})
