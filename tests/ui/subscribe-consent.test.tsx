/**
 * Consent for subscribe messages is asked where src/domain/subscribe-messages.ts says (CONSENT_TAPS):
 * in WeChat, a tap asks `requestSubscribeMessage` for that tap's templates (at most three) before the
 * page it leads to opens; templates without an id are not asked for; every declared tap is wired in a
 * page. WeChat is the recorded mock (tests/mocks/taro.ts `device`); the server is the real one.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { act, fireEvent, render } from '@testing-library/react'
import { MeetingCard } from '../../src/components/meeting-card'
import type { MeetingSummary } from '../../src/domain/api/views'
import { CONSENT_TAPS, TEMPLATE_KEYS, type ConsentTap } from '../../src/domain/subscribe-messages'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import { SUBSCRIBE_TEMPLATE_IDS } from '../../src/services/subscribe'
import { MEMBER_B1, SECRETARY_B1 } from '../cloud/api-fixture'
import { device, navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

const env = process.env as Record<string, string | undefined>
let taroEnv: string | undefined

/** The ids a tap asks for when every template has one: `TPL_<key>`. */
const idsOf = (tap: ConsentTap) => CONSENT_TAPS[tap].templates.map((t) => `TPL_${t}`)

beforeEach(() => {
  resetTaroMock()
  taroEnv = env.TARO_ENV
  env.TARO_ENV = 'weapp'
  for (const key of TEMPLATE_KEYS) SUBSCRIBE_TEMPLATE_IDS[key] = `TPL_${key}`
})
afterEach(async () => {
  if (taroEnv === undefined) delete env.TARO_ENV
  else env.TARO_ENV = taroEnv
  for (const key of TEMPLATE_KEYS) SUBSCRIBE_TEMPLATE_IDS[key] = ''
  await closeLink()
})

/** Signed in as `user`, the first of their upcoming meetings (its card's data). */
async function upcomingMeeting(user: string): Promise<MeetingSummary> {
  await openLink(user)
  const page = await link.api!.as(user).call('meeting.listMine', { when: 'upcoming' })
  return page.items[0]
}

/** Signed in as `user`, the detail page of their first upcoming meeting, rendered and loaded. */
async function upcomingDetail(user: string) {
  const m = await upcomingMeeting(user)
  navigation.params = { id: m.id }
  const page = render(<MeetingDetailPage />)
  await page.findByText(m.title)
  return { m, page }
}

test('a member’s 签到 and 请假 ask for their templates first, then open the page', async () => {
  const { m, page } = await upcomingDetail(MEMBER_B1)

  await act(async () => fireEvent.click(page.container.querySelector('#go-signin')!))
  expect(device.subscribeRequests).toEqual([idsOf('meeting.signIn')])
  expect(idsOf('meeting.signIn')).toEqual(['TPL_meeting.reminder', 'TPL_meeting.notice', 'TPL_minutes.notice'])
  expect(navigation.calls.at(-1)).toEqual({
    method: 'navigateTo',
    url: `/packages/attendance/pages/signin/index?meetingId=${m.id}`,
  })

  await act(async () => fireEvent.click(page.container.querySelector('#go-leave')!))
  expect(device.subscribeRequests.at(-1)).toEqual(idsOf('meeting.leave'))
  expect(navigation.calls.at(-1)?.url).toBe(`/packages/attendance/pages/leave/index?meetingId=${m.id}`)
})

test('the secretary’s 考勤与请假 asks for leave requests, items to review and minutes reminders', async () => {
  const { m, page } = await upcomingDetail(SECRETARY_B1)
  await act(async () => fireEvent.click(page.container.querySelector('#go-attendance')!))
  expect(device.subscribeRequests).toEqual([['TPL_leave.notice', 'TPL_review.pending', 'TPL_minutes.notice']])
  expect(navigation.calls.at(-1)?.url).toBe(`/packages/attendance/pages/board/index?meetingId=${m.id}`)
})

test('opening a meeting still to come asks for its reminder; opening a past one asks nothing', async () => {
  const m = await upcomingMeeting(MEMBER_B1)
  const card = render(<MeetingCard meeting={m} />)
  await act(async () => fireEvent.click(card.container.querySelector(`#meeting-${m.id}`)!))
  expect(device.subscribeRequests).toEqual([idsOf('meeting.open')])
  expect(device.subscribeRequests[0]).toContain('TPL_meeting.reminder')
  expect(navigation.calls).toEqual([{ method: 'navigateTo', url: `/packages/meeting/pages/detail/index?id=${m.id}` }])
  card.unmount()

  const past = render(<MeetingCard meeting={{ ...m, id: 'mtg_past', phase: 'ended' }} />)
  await act(async () => fireEvent.click(past.container.querySelector('#meeting-mtg_past')!))
  expect(device.subscribeRequests).toHaveLength(1)
  expect(navigation.calls).toHaveLength(2)
})

test('templates without an id are not asked for; with none, nothing is asked and the page still opens', async () => {
  const m = await upcomingMeeting(MEMBER_B1)
  SUBSCRIBE_TEMPLATE_IDS['meeting.notice'] = ''
  const card = render(<MeetingCard meeting={m} />)
  await act(async () => fireEvent.click(card.container.querySelector(`#meeting-${m.id}`)!))
  expect(device.subscribeRequests).toEqual([['TPL_meeting.reminder', 'TPL_leave.notice']])
  for (const key of TEMPLATE_KEYS) SUBSCRIBE_TEMPLATE_IDS[key] = ''
  await act(async () => fireEvent.click(card.container.querySelector(`#meeting-${m.id}`)!))
  expect(device.subscribeRequests).toHaveLength(1)
  expect(navigation.calls).toHaveLength(2)
})

test('in the browser nothing is asked', async () => {
  env.TARO_ENV = 'h5'
  const m = await upcomingMeeting(MEMBER_B1)
  const card = render(<MeetingCard meeting={m} />)
  await act(async () => fireEvent.click(card.container.querySelector(`#meeting-${m.id}`)!))
  expect(device.calls).not.toContain('requestSubscribeMessage')
  expect(navigation.calls).toHaveLength(1)
})

test('every declared consent tap is wired in a page or component, and nothing asks outside them', () => {
  const src = path.join(__dirname, '..', '..', 'src')
  const files = ['pages', 'packages', 'components'].flatMap((dir) =>
    (readdirSync(path.join(src, dir), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(path.join(src, dir, f), 'utf8')),
  )
  const wired = new Set(files.flatMap((text) => [...text.matchAll(/requestSubscribe\('([^']+)'\)/g)].map((m) => m[1])))
  const declared = Object.keys(CONSENT_TAPS)
  // meeting-actions.tsx names its taps as step data (`subscribe: '<tap>'`).
  for (const text of files) for (const m of text.matchAll(/subscribe: '([^']+)'/g)) wired.add(m[1])
  expect(declared.filter((t) => !wired.has(t))).toEqual([])
  expect([...wired].filter((t) => !declared.includes(t))).toEqual([])
  expect(files.some((text) => text.includes('requestSubscribeMessage'))).toBe(false)
})
