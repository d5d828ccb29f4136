/**
 * 报到 in jsdom against the real server code: checked with the action's own schema before sending;
 * without a network it waits in the outbox, shown as pending, and lands once when the network returns.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import CheckinPage from '../../src/packages/mobile/pages/checkin/index'
import MobileHome from '../../src/packages/mobile/pages/home/index'
import MobileList from '../../src/packages/mobile/pages/list/index'
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
  typeInto(container, 'threshold-lostRiskDays', '40')
  await act(async () => fireEvent.click(container.querySelector('#threshold-save')!))
  await waitFor(() => expect(container.querySelector('#state-m_b1_10')!.textContent).toBe('失联风险'))
  const set = await link.api!.ports.store.get<{ thresholds: unknown }>('rule_sets', 'mobile.org_cmte')
  expect(set!.thresholds).toEqual({ needsContactDays: 10, warningDays: 20, lostRiskDays: 40 })
})
