/**
 * Escalation (issue 14 §3) by the daily job: the 党委 is told about a silent branch on the day its
 * rule's days pass and about each 逾期 quota, once per cause, in one notice a day with the most urgent
 * first; the branch sees on its 首页 that its 党委 was told.
 */
import { fromBeijing } from '../../src/domain/beijing-time'
import { supervisionEscalation } from '../../src/cloud/jobs/supervision-escalation'
import { DAILY_JOBS } from '../../src/cloud/jobs'
import { apiPerTest } from './api-fixture'
import { fixture } from './supervision-fixture'

const api = apiPerTest({ seed: false })

const run = () => supervisionEscalation.run(api.ports, api.clock.now)

async function escalationIds(): Promise<string[]> {
  const page = await api.ports.store.query('escalations', { limit: 100 })
  return page.items.map((e) => e._id).sort()
}

async function noticesOf(memberId: string) {
  const page = await api.ports.store.query('notifications', {
    where: [{ field: 'memberId', op: 'eq', value: memberId }],
    limit: 100,
  })
  return page.items.filter((n) => n.template === 'supervision.escalation')
}

test('the daily job runs the escalation step', () => {
  expect(DAILY_JOBS).toContain(supervisionEscalation)
})

test('逾期 and 30 days of silence reach the 党委 once, most urgent first; another 党委 hears of its own only', async () => {
  await fixture(api)
  api.clock.now = fromBeijing('2026-11-22', '08:00')
  const first = await run()
  const lastOfThird = fromBeijing('2026-10-06', '15:00')
  expect(await escalationIds()).toEqual([
    'overdue.b_a.theme_day.2026-11',
    `silent.b_b.${fromBeijing('2025-01-01', '00:00')}`,
    `silent.b_c.${lastOfThird}`,
    `silent.x1.${fromBeijing('2025-01-01', '00:00')}`,
  ])
  expect(first.sent).toBe(2)
  const [notice] = await noticesOf('sup')
  expect(notice.title).toBe('督办提醒：3 项组织生活需关注')
  const lines = notice.body.split('\n')
  expect(lines[0]).toMatch(/^第一支部：.*11月10日的主题党日已结束超过 3 天/)
  expect(lines.slice(1).join('\n')).toContain('第三支部已 46 天没有开展组织生活（最近一次在 2026-10-06），超过 30 天')
  expect(notice.page).toContain('year=2026')
  // The other 党委 hears of its own branch only.
  const [other] = await noticesOf('sup2')
  expect(other.title).toBe('督办提醒：1 项组织生活需关注')
  expect(other.body).toMatch(/^外单位支部已 \d+ 天没有开展组织生活（2025年以来没有组织生活记录）/)

  // The same day again, and the next day: nothing new is told.
  expect((await run()).sent).toBe(0)
  api.clock.now += 86_400_000
  expect((await run()).sent).toBe(0)
  expect(await escalationIds()).toHaveLength(4)
  expect(await noticesOf('sup')).toHaveLength(1)
})

test('silence is told on the day the rule’s days pass, and a 党委 may set its own days', async () => {
  await fixture(api)
  // 第三支部 last met on 10月6日 15:00: 30 days have passed on 11月5日 15:00.
  api.clock.now = fromBeijing('2026-11-05', '08:00')
  await run()
  expect((await escalationIds()).filter((id) => id.startsWith('silent.b_c'))).toEqual([])
  api.clock.now = fromBeijing('2026-11-06', '08:00')
  await run()
  expect((await escalationIds()).filter((id) => id.startsWith('silent.b_c'))).toHaveLength(1)
})

test('a 党委’s own silent-days rule is the one applied', async () => {
  await fixture(api)
  await api.ports.store.insert('rule_sets', {
    _id: 'supervision.cmte',
    kind: 'supervision',
    orgId: 'cmte',
    silentDays: 60,
  })
  api.clock.now = fromBeijing('2026-11-22', '08:00')
  await run()
  expect((await escalationIds()).filter((id) => id.startsWith('silent.b_c'))).toEqual([])
})

test('the branch sees that its 党委 was told; the 党委 sees when and why', async () => {
  await fixture(api)
  api.clock.now = fromBeijing('2026-11-22', '08:00')
  await run()
  api.clock.now = fromBeijing('2026-11-22', '10:00')
  const home = await api.as('sec_a').call('compliance.summary', {})
  expect(home.items[0].escalations).toEqual([
    { at: fromBeijing('2026-11-22', '08:00'), reason: expect.stringContaining('11月10日的主题党日已结束超过 3 天') },
  ])
  const branch = await api.as('sup').call('supervision.branch', { branchId: 'b_a', year: 2026 })
  expect(branch.escalations).toEqual([
    expect.objectContaining({
      cause: 'overdue',
      kind: 'theme_day',
      period: '2026-11',
      at: fromBeijing('2026-11-22', '08:00'),
    }),
  ])
})
