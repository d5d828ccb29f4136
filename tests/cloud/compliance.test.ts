/** The compliance dashboard over real actions: counters follow scheduling, rescheduling and cancelling. */
import { MEMBER_B1, apiPerTest, scheduleInput, SECRETARY_B1, SECRETARY_B2, SUPERVISOR } from './api-fixture'

const api = apiPerTest()

async function item(who: string, kind: string, date?: string, ownerId = 'org_b1') {
  const r = await api.as(who).result('compliance.summary', date ? { date } : {})
  if (!r.ok) throw new Error(r.error.message)
  const branch = r.data.items.find((b) => b.items.some((i) => i.owner.id === ownerId))!
  return branch.items.find((i) => i.kind === kind && i.owner.id === ownerId)!
}

test('a 主题党日 scheduled for this month turns 尚未安排 into 已安排; moved into next month, it follows', async () => {
  expect(await item(SECRETARY_B1, 'theme_day')).toMatchObject({ status: 'due', scheduled: 0 })
  const r = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput({ date: '2026-11-27' }), 'c-sched-1')
  expect(r.ok).toBe(true)
  if (!r.ok) return
  const now = await item(SECRETARY_B1, 'theme_day')
  expect(now).toMatchObject({ status: 'due', scheduled: 1, atRisk: false })
  expect(now.reason).toContain('11月27日')

  const moved = await api.as(SECRETARY_B1).result(
    'meeting.reschedule',
    {
      meetingId: r.data.id,
      version: r.data.version,
      date: '2026-12-04',
      startTime: '15:00',
      endTime: '17:00',
      reason: '场地冲突',
    },
    'c-resched-1',
  )
  expect(moved.ok).toBe(true)
  expect(await item(SECRETARY_B1, 'theme_day')).toMatchObject({ scheduled: 0 })
  // December already had the seeded 主题党日; now it has two.
  expect(await item(SECRETARY_B1, 'theme_day', '2026-12-10')).toMatchObject({ scheduled: 2 })
})

test('cancelling the only scheduled 支委会 of the month puts it back to 尚未安排', async () => {
  expect(await item(SECRETARY_B1, 'committee_meeting')).toMatchObject({ scheduled: 1 })
  const list = await api.as(SECRETARY_B1).result('meeting.listBranch', {
    when: 'upcoming',
  })
  const committee = list.ok ? list.data.items.find((m) => m.kind === 'committee_meeting')! : null
  const detail = await api.as(SECRETARY_B1).result('meeting.get', { meetingId: committee!.id })
  const cancelled = await api
    .as(SECRETARY_B1)
    .result(
      'meeting.cancel',
      { meetingId: committee!.id, version: detail.ok ? detail.data.version : 0, reason: '书记外出学习' },
      'c-cancel-1',
    )
  expect(cancelled.ok).toBe(true)
  expect(await item(SECRETARY_B1, 'committee_meeting')).toMatchObject({ status: 'due', scheduled: 0 })
})

test('past periods show what happened: held ones 已完成, the seeded missing 支委会 未完成', async () => {
  expect(await item(SECRETARY_B1, 'committee_meeting', '2026-06-10')).toMatchObject({ status: 'done', counted: 1 })
  expect(await item(SECRETARY_B2, 'committee_meeting', '2026-06-10', 'org_b2')).toMatchObject({
    status: 'missed',
    counted: 0,
  })
})

test('the 党委 sees every branch below it; a branch member sees only their branch', async () => {
  const all = await api.as(SUPERVISOR).result('compliance.summary', {})
  expect(all.ok && all.data.items.map((b) => b.branch.id).sort()).toEqual(['org_b1', 'org_b2'])
  const mine = await api.as(MEMBER_B1).result('compliance.summary', {})
  expect(mine.ok && mine.data.items.map((b) => b.branch.id)).toEqual(['org_b1'])
  const other = await api.as(MEMBER_B1).result('compliance.summary', { orgId: 'org_b2' })
  expect(!other.ok && other.error.code).toBe('FORBIDDEN')
})
