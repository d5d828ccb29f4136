/**
 * 未收到微信提醒 for the organizers, against the real server code on the host (where a member without
 * a WeChat binding is not reached): on the meeting detail, who that meeting's notices did not reach;
 * on 消息, who the branch's notices of the last 30 days did not reach. Members see neither, and their
 * pages do not ask.
 */
import { render, waitFor } from '@testing-library/react'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import MessagesPage from '../../src/packages/plan/pages/messages/index'
import { MEMBER_B1, SECRETARY_B1, scheduleInput } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

beforeEach(() => resetTaroMock())
afterEach(closeLink)

/** A 主题党日 of the whole first branch: its two members without a WeChat binding are not reached. */
async function scheduled(): Promise<{ id: string; title: string }> {
  const r = await link.api!.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-ui-not-reached')
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}

test('the secretary sees on the meeting who its notices did not reach, and why; a member does not', async () => {
  await openLink(SECRETARY_B1)
  const m = await scheduled()
  navigation.params = { id: m.id }
  const page = render(<MeetingDetailPage />)
  await page.findByText(m.title)
  await waitFor(() => expect(page.container.querySelector('#not-reached')).not.toBeNull())
  expect(page.container.querySelector('#not-reached-headline')!.textContent).toBe('2 人未收到微信提醒：郭子涵、胡佳怡')
  expect(page.container.querySelector('#not-reached')!.textContent).toContain('请当面或电话告知')
  expect(page.container.querySelector('#not-reached-m_b1_16')!.textContent).toBe('郭子涵：未绑定微信')
  page.unmount()

  link.user = MEMBER_B1
  link.sent.length = 0
  const member = render(<MeetingDetailPage />)
  await member.findByText(m.title)
  expect(member.container.querySelector('#not-reached')).toBeNull()
  expect(link.sent.map((e) => e.action)).not.toContain('message.notReachedForMeeting')
})

test('on 消息 the secretary sees who the branch’s notices of the last 30 days did not reach', async () => {
  await openLink(SECRETARY_B1)
  await scheduled()
  const page = render(<MessagesPage />)
  await waitFor(() => expect(page.container.querySelector('#not-reached-headline')).not.toBeNull())
  expect(page.container.querySelector('#not-reached-headline')!.textContent).toBe(
    '近 30 天有 2 人未收到微信提醒：郭子涵、胡佳怡',
  )
  page.unmount()

  link.user = MEMBER_B1
  link.sent.length = 0
  const member = render(<MessagesPage />)
  await waitFor(() => expect(member.container.querySelector('#messages-list')).not.toBeNull())
  expect(member.container.querySelector('#not-reached')).toBeNull()
  expect(link.sent.map((e) => e.action)).not.toContain('message.notReachedInBranch')
})
