/**
 * 报到 in jsdom against the real server code: checked with the action's own schema before sending;
 * without a network it waits in the outbox, shown as pending, and lands once when the network returns.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import CheckinPage from '../../src/packages/mobile/pages/checkin/index'
import MobileHome from '../../src/packages/mobile/pages/home/index'
import MobileList from '../../src/packages/mobile/pages/list/index'
import MobileMember from '../../src/packages/mobile/pages/member/index'
import { flushOutbox, pendingWrites } from '../../src/services/outbox'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

const MOBILE = 'm_b1_10'

beforeEach(async () => {
  resetTaroMock()
  await openLink(MOBILE)
  // The page stamps the device's real clock; the server must not be behind it (it refuses a device clock ahead).
  link.api!.clock.now = Date.now() + 60_000
})
afterEach(closeLink)

const checkins = () => link.api!.ports.store.count('checkins', [{ field: 'memberId', op: 'eq', value: MOBILE }])

test('an empty note is refused in Chinese before anything is sent', async () => {
  const { container } = render(<CheckinPage />)
  typeInto(container, 'field-city', '广东省深圳市')
  await act(async () => fireEvent.click(container.querySelector('#checkin-submit')!))
  expect(container.querySelector('#checkin-message')!.textContent).toMatch(/请填写近期学习和工作情况/)
  expect(link.sent).toHaveLength(0)
})

test('offline, the check-in waits in the outbox and is shown; back online it lands once', async () => {
  const before = await checkins()
  const { container, unmount } = render(<CheckinPage />)
  typeInto(container, 'field-city', '广东省深圳市')
  typeInto(container, 'field-note', '在深圳项目部工作，参加了流入地党支部的学习。')
  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#checkin-submit')!))
  await waitFor(() => expect(navigation.calls.at(-1)?.url).toMatch(/mobile\/pages\/home/))
  expect(pendingWrites()).toHaveLength(1)
  expect(pendingWrites()[0]).toMatchObject({ action: 'mobile.checkIn', label: '在广东省深圳市的报到' })
  expect(await checkins()).toBe(before)
  unmount()

  const home = render(<MobileHome />)
  await waitFor(() =>
    expect(home.container.querySelector('#mobile-pending-checkin')!.textContent).toMatch(/还没有送达/),
  )

  link.offline = false
  await act(async () => {
    await flushOutbox()
  })
  await waitFor(() => expect(home.container.querySelector('#mobile-pending-checkin')).toBeNull())
  await waitFor(() => expect(home.container.querySelector('#mobile-my-state')?.textContent).toBe('正常'))
  expect(await checkins()).toBe(before + 1)
  // A second flush (or a replay of the same queued write) adds nothing.
  await act(async () => {
    await flushOutbox()
  })
  expect(await checkins()).toBe(before + 1)
})

test('the 党委 sets the thresholds on the list; the branch list follows', async () => {
  link.user = 'm_cmte_01'
  navigation.params = { branchId: 'org_b1' }
  const { container } = render(<MobileList />)
  await waitFor(() => expect(container.querySelector('#state-m_b1_10')!.textContent).toBe('预警'))
  // Only the 党委 sees the editor; the branch's cadence is the branch's to choose.
  await waitFor(() => expect(container.querySelector('#threshold-editor')).not.toBeNull())
  expect(container.querySelector('#cadence-chooser')).toBeNull()
  typeInto(container, 'threshold-needsContactDays', '10')
  typeInto(container, 'threshold-warningDays', '20')
  // 失联风险 is counted in calendar months, at most six: 7 is refused by the action's own rule.
  typeInto(container, 'threshold-lostRiskMonths', '7')
  await act(async () => fireEvent.click(container.querySelector('#threshold-save')!))
  await waitFor(() => expect(container.querySelector('#threshold-editor')!.textContent).toContain('最多 6 个月'))
  expect(await link.api!.ports.store.get('rule_sets', 'mobile.org_cmte')).toBeNull()
  typeInto(container, 'threshold-lostRiskMonths', '3')
  await act(async () => fireEvent.click(container.querySelector('#threshold-save')!))
  await waitFor(() => expect(container.querySelector('#state-m_b1_10')!.textContent).toBe('失联风险'))
  const set = await link.api!.ports.store.get<{ thresholds: unknown }>('rule_sets', 'mobile.org_cmte')
  expect(set!.thresholds).toEqual({ needsContactDays: 10, warningDays: 20, lostRiskMonths: 3 })
})

test('失联 handling: the secretary records a search, then proposes 停止党籍 to the 党委; the member is unchanged', async () => {
  link.user = 'm_b2_01'
  navigation.params = { id: 'm_b2_09' }
  const { container } = render(<MobileMember />)
  await waitFor(() => expect(container.querySelector('#member-lost')).not.toBeNull())
  expect(container.querySelector('#member-searches')!.textContent).toContain('已停机')
  // Six months out of contact: 已失联, no 报到 deadline and no transfer prompt beside the 失联 section.
  expect(container.querySelector('#member-state')!.textContent).toBe('已失联')
  expect(container.querySelector('#member-due')!.textContent).toBe('已失联，取得联系后按期报到')
  expect(container.querySelector('#mobile-profile')!.textContent).not.toContain('组织关系转接')
  expect(container.querySelector('#mobile-profile')!.textContent).not.toContain('需转接')

  fireEvent.click(container.querySelector('#search-method-relatives')!)
  typeInto(container, 'search-result', '联系其父亲，也不知其下落')
  await act(async () => fireEvent.click(container.querySelector('#search-save')!))
  await waitFor(() => expect(container.querySelector('#member-searches')!.textContent).toContain('联系其父亲'))
  expect(container.querySelector('#member-searches')!.textContent).toContain('联系亲属')

  typeInto(container, 'stop-reason', '失联已满六个月，电话、亲属均联系不上。')
  await act(async () => fireEvent.click(container.querySelector('#stop-propose')!))
  await waitFor(() => expect(container.querySelector('#stop-proposal-made')).not.toBeNull())
  expect(container.querySelector('#stop-proposal')!.textContent).toContain('附查找记录 2 条')
  expect(container.querySelector('#stop-proposal')!.textContent).toContain('不会自动改变党员状态')
  expect(await link.api!.ports.store.get('members', 'm_b2_09')).toMatchObject({ status: 'mobile' })
})
