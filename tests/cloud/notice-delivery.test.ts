/**
 * Whether a notice reached its person on WeChat is kept with it, and the branch's organizers see who
 * a meeting's notices (or the branch's lately, daily reminders included) did not reach, and why —
 * on the host (a member without a WeChat binding is not reached) and on CloudBase over the WeChat
 * stand-in (no binding, no consent 43101, no template configured).
 */
import { HANDLERS } from '../../src/cloud/actions'
import { openCloudBase } from '../../src/cloud/cloudbase'
import { meetingReminders } from '../../src/cloud/jobs/planning'
import type { NoticeDoc } from '../../src/cloud/documents'
import { createMain } from '../../src/cloud/router'
import { DEMO_UNBOUND_MEMBER_IDS, seedDemo } from '../../src/cloud/seed/demo-branch'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { NotReachedView } from '../../src/domain/api/views-planning'
import { fromBeijing } from '../../src/domain/beijing-time'
import { FIXED_NOW, MEMBER_B1, okData, apiPerTest, scheduleInput, SECRETARY_B1, SECRETARY_B2 } from './api-fixture'
import { FakeWxCloud } from './fake-wx-cloud'

const DAY = 86_400_000
const api = apiPerTest()

async function notices(where: { field: string; value: string }): Promise<NoticeDoc[]> {
  const page = await api.ports.store.query<NoticeDoc>('notifications', {
    where: [{ field: where.field, op: 'eq', value: where.value }],
    limit: 100,
  })
  return page.items
}

test('on the host, a participant without a WeChat binding is not reached; the secretary sees who and why', async () => {
  const m = await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), 'req-delivery-1')
  const unbound = m.participants.filter((p) => DEMO_UNBOUND_MEMBER_IDS.includes(p.id))
  expect(unbound.length).toBeGreaterThan(0)

  const stored = await notices({ field: 'meetingId', value: m.id })
  expect(stored).toHaveLength(m.participantCount)
  for (const n of stored) {
    const bound = !DEMO_UNBOUND_MEMBER_IDS.includes(n.memberId)
    expect([n.memberId, n.delivery]).toEqual([
      n.memberId,
      bound
        ? { status: 'delivered', failure: null, reason: null, at: FIXED_NOW }
        : { status: 'undelivered', failure: 'no-binding', reason: expect.any(String), at: FIXED_NOW },
    ])
    expect(n.branchId).toBe('org_b1')
  }

  const view = await api.as(SECRETARY_B1).call('message.notReachedForMeeting', { meetingId: m.id })
  expect(view.people.map((p) => p.name).sort()).toEqual(unbound.map((p) => p.name).sort())
  expect(view.people.every((p) => p.reasons.join() === '未绑定微信' && p.notices === 1)).toBe(true)
  expect(view.notices.every((n) => n.topic === 'meeting.scheduled' && n.topicTitle === '会议通知')).toBe(true)
  expect(view).toMatchObject({ truncated: false, since: null })

  // A replay of the write adds nothing, and the reminder job adds its own undelivered notices.
  await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), 'req-delivery-1')
  await meetingReminders.run(api.ports, fromBeijing('2026-12-03', '16:00'))
  const after = await api.as(SECRETARY_B1).call('message.notReachedForMeeting', { meetingId: m.id })
  expect(after.people.map((p) => [p.name, p.notices])).toEqual(expect.arrayContaining(unbound.map((p) => [p.name, 2])))
  expect(after.notices.map((n) => n.topic).sort()).toEqual(
    [...unbound.map(() => 'meeting.reminder'), ...unbound.map(() => 'meeting.scheduled')].sort(),
  )
})

test("the branch's list covers the last 30 days of every notice, the daily jobs' included, and nothing older", async () => {
  const m = await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), 'req-delivery-2')
  await meetingReminders.run(api.ports, fromBeijing('2026-12-03', '16:00'))
  api.clock.now = FIXED_NOW + 10 * DAY
  const recent = await api.as(SECRETARY_B1).call('message.notReachedInBranch', {})
  expect(recent.since).toBe(api.clock.now - 30 * DAY)
  expect(new Set(recent.notices.map((n) => n.topic))).toEqual(new Set(['meeting.scheduled', 'meeting.reminder']))
  expect(recent.people.every((p) => DEMO_UNBOUND_MEMBER_IDS.includes(p.memberId))).toBe(true)
  // The demo's own 主题党日 that day is reminded too: the job's notices are listed whatever meeting they are of.
  expect(recent.notices.filter((n) => n.topic === 'meeting.scheduled').map((n) => n.title)).toEqual(
    recent.notices.filter((n) => n.topic === 'meeting.scheduled').map(() => `会议通知：${m.title}`),
  )
  expect(recent.notices.some((n) => n.topic === 'meeting.reminder' && !n.title.endsWith(m.title))).toBe(true)

  // Another branch's organizers see their own branch only: its members' reminders, nothing of the first.
  const other = await api.as(SECRETARY_B2).call('message.notReachedInBranch', {})
  expect(other.notices.length).toBeGreaterThan(0)
  expect(other.notices.every((n) => n.memberId.startsWith('m_b2_') && n.topic === 'meeting.reminder')).toBe(true)
  expect(recent.notices.every((n) => n.memberId.startsWith('m_b1_'))).toBe(true)

  // The reminders were made on 12-03, 11 days after FIXED_NOW; 30 days after that they are no longer listed.
  api.clock.now = FIXED_NOW + 42 * DAY
  const later = await api.as(SECRETARY_B1).call('message.notReachedInBranch', {})
  expect(later.notices).toEqual([])
})

test('a member may not see who was not reached', async () => {
  const m = await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), 'req-delivery-3')
  const r = await api.as(MEMBER_B1).result('message.notReachedForMeeting', { meetingId: m.id })
  expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const b = await api.as(MEMBER_B1).result('message.notReachedInBranch', {})
  expect(b).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

test('on CloudBase: no binding, no consent (43101) and no configured template each say why', async () => {
  const fake = new FakeWxCloud()
  const ports = openCloudBase(fake.cloud, { clock: { now: () => FIXED_NOW }, templates: { 'meeting.notice': 'TPL_M' } })
  await seedDemo(ports.store, FIXED_NOW)
  const main = createMain(ports, HANDLERS)
  const call = (memberId: string, action: string, input: unknown, requestId?: string) => {
    fake.context = { OPENID: `dev_${memberId}` }
    return main({ action, input, requestId }, {}) as Promise<{ ok: boolean; data?: unknown; error?: never }>
  }
  fake.refusing.add(`dev_${MEMBER_B1}`)
  const m = await okData<MeetingDetail>(call(SECRETARY_B1, 'meeting.schedule', scheduleInput(), 'req-delivery-cb-1'))
  const scheduled = await okData<NotReachedView>(
    call(SECRETARY_B1, 'message.notReachedForMeeting', { meetingId: m.id }),
  )
  const reasons = Object.fromEntries(scheduled.people.map((p) => [p.memberId, p.reasons]))
  expect(reasons[MEMBER_B1]).toEqual(['未同意接收这类微信提醒'])
  for (const id of m.participants.map((p) => p.id).filter((id) => DEMO_UNBOUND_MEMBER_IDS.includes(id))) {
    expect(reasons[id]).toEqual(['未绑定微信'])
  }
  expect(fake.sent.length).toBe(m.participantCount - Object.keys(reasons).length)

  // 会议提醒 has no template configured: every participant's reminder stays in the app only.
  const before = fake.sent.length
  await meetingReminders.run(ports, fromBeijing('2026-12-03', '16:00'))
  expect(fake.sent.length).toBe(before)
  const reminded = await okData<NotReachedView>(call(SECRETARY_B1, 'message.notReachedForMeeting', { meetingId: m.id }))
  const reminders = reminded.notices.filter((n) => n.topic === 'meeting.reminder')
  expect(reminders).toHaveLength(m.participantCount)
  expect(new Set(reminders.map((n) => n.failureLabel))).toEqual(new Set(['小程序尚未配置这类微信提醒']))
}, 20_000)
