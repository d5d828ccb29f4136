/** The login, 会议 and meeting-detail pages in jsdom, against the real server code and demo data. */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import Login from '../../src/pages/login/index'
import Meetings from '../../src/pages/meetings/index'
import { MEMBER_B1, SECRETARY_B2 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

beforeEach(() => resetTaroMock())
afterEach(closeLink)

test('login lists the demo accounts by organization; choosing one stores a session and opens 首页', async () => {
  await openLink(null)
  const { container, findByText } = render(<Login />)
  await findByText('第一党支部')
  expect(container.textContent).toContain('第二党支部')
  expect(container.textContent).toContain('张建国')
  await act(async () => fireEvent.click(container.querySelector(`#account-${MEMBER_B1}`)!))
  await waitFor(() => expect(navigation.calls).toEqual([{ method: 'switchTab', url: '/pages/index/index' }]))
  const session = Taro.getStorageSync('party.session') as { token: string }
  // The stored token really identifies that member to the server.
  const who = await link.api!.main({ action: 'session.whoami', input: {} }, { sessionToken: session.token })
  expect(who.ok && (who.data as { member: { id: string } }).member.id).toBe(MEMBER_B1)
})

test('会议 lists my upcoming meetings, and past ones page by page without repeats', async () => {
  await openLink(MEMBER_B1)
  const { container } = render(<Meetings />)
  await waitFor(() => expect(container.querySelector('.meeting-card')).not.toBeNull())
  const upcoming = [...container.querySelectorAll('.meeting-card')].map((e) => e.id)
  expect(upcoming.length).toBeGreaterThan(0)

  fireEvent.click(container.querySelector('#tab-past')!)
  await waitFor(() => expect(container.querySelectorAll('.meeting-card').length).toBe(20))
  await act(async () => fireEvent.click(container.querySelector('#load-more')!))
  await waitFor(() => expect(container.querySelectorAll('.meeting-card').length).toBeGreaterThan(20))
  const past = [...container.querySelectorAll('.meeting-card')].map((e) => e.id)
  expect(new Set(past).size).toBe(past.length)
  expect(past.some((id) => upcoming.includes(id))).toBe(false)
  // Only meetings of the member's own branch.
  expect(past.every((id) => !id.includes('_b2_'))).toBe(true)
})

test('meeting detail shows the meeting; another branch’s meeting is refused in Chinese with a retry', async () => {
  await openLink(MEMBER_B1)
  const page = await link.api!.as(MEMBER_B1).result('meeting.listMine', {
    when: 'upcoming',
  })
  const mine = page.ok ? page.data.items[0] : null
  navigation.params = { id: mine!.id }
  const { container, findByText, unmount } = render(<MeetingDetailPage />)
  await findByText(mine!.title)
  expect(container.querySelector('#meeting-agenda')!.textContent).toMatch(/1\./)
  unmount()

  link.user = SECRETARY_B2
  const other = render(<MeetingDetailPage />)
  await waitFor(() => expect(other.container.querySelector('#state-error')).not.toBeNull())
  expect(other.container.textContent).toMatch(/没有权限/)
  expect(other.container.textContent).toContain('重试')
})

test('meeting detail without an id says how to get there', async () => {
  await openLink(MEMBER_B1)
  const { container } = render(<MeetingDetailPage />)
  expect(container.textContent).toContain('请从会议列表中点开')
})
