/**
 * The one minutes deadline (issue 16 §6): a 党委 sets it on its rules (`rules.setMinutesDue`), and the
 * same meeting flips in both places that read it — 逾期 on 首页 and the 党委's matrix, and 补录 on the
 * minutes finalized after it.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import { SECRETARY_B1, SUPERVISOR, apiPerTest, requestIds, scheduleInput, type In, type Out } from './api-fixture'

const MIN = 60_000
const DAY = 24 * 60 * MIN
const START = fromBeijing('2026-11-22', '14:00')
const END = fromBeijing('2026-11-22', '16:00')

const api = apiPerTest()
const rid = requestIds('minutes-deadline')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

/** A 主题党日 today 14:00–16:00, attended by all and confirmed, with its minutes drafted. */
async function heldWithDraft(): Promise<MeetingDetail> {
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00' }),
    true,
  )
  api.clock.now = START + 10 * MIN
  for (const p of m.participants) {
    await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = END + MIN
  await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const c = view.content!
  await ok(
    SECRETARY_B1,
    'minutes.saveDraft',
    {
      meetingId: m.id,
      version: view.version,
      content: {
        ...c,
        chair: '张建国',
        recorder: '李晓红',
        items: c.items.map((item, i) => ({ ...item, speeches: `第${i + 1}项发言`, decision: `第${i + 1}项决议` })),
      },
    },
    true,
  )
  return m
}

async function finalize(meetingId: string): Promise<MinutesView> {
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  return ok(SECRETARY_B1, 'minutes.finalize', { meetingId, version: view.version }, true)
}

/** 首页's status of 主题党日 this month for the first branch. */
async function homeStatus(): Promise<string> {
  const page = await ok(SECRETARY_B1, 'compliance.summary', { orgId: 'org_b1' })
  return page.items[0].items.find((i) => i.kind === 'theme_day')!.status
}

/** The 党委 matrix's cell of 主题党日 2026-11 for the first branch. */
async function matrixStatus(): Promise<string> {
  const v = await ok(SUPERVISOR, 'supervision.matrix', { orgId: 'org_cmte', year: 2026 })
  const row = v.rows.find((r) => r.orgId === 'org_b1')!
  return row.cells.find((c) => c.kind === 'theme_day' && c.period === '2026-11')!.status
}

const setDue = (days: number | null) => ok(SUPERVISOR, 'rules.setMinutesDue', { orgId: 'org_cmte', days }, true)

test('shortening the deadline to 1 day makes the same meeting 逾期 on 首页 and the matrix, and its minutes 补录', async () => {
  const m = await heldWithDraft()
  api.clock.now = END + 2 * DAY
  // Under the default 3 days: still within the deadline everywhere.
  expect(await homeStatus()).toBe('in_progress')
  expect(await matrixStatus()).toBe('upcoming')

  const rules = await setDue(1)
  expect(rules.minutesDue).toMatchObject({ ms: DAY, text: '1 天', ownDays: 1, source: { orgId: 'org_cmte' } })
  expect(await homeStatus()).toBe('overdue')
  expect(await matrixStatus()).toBe('overdue')
  const view = await finalize(m.id)
  expect(view.late).toBe(true)
  expect(view.lateAfter).toBe('1 天')
})

test('lengthening it to 5 days takes the same meeting out of 逾期 and its minutes are not 补录', async () => {
  const m = await heldWithDraft()
  api.clock.now = END + 4 * DAY
  expect(await homeStatus()).toBe('overdue')
  expect(await matrixStatus()).toBe('overdue')

  await setDue(5)
  expect(await homeStatus()).toBe('in_progress')
  expect(await matrixStatus()).toBe('upcoming')
  const view = await finalize(m.id)
  expect(view.late).toBe(false)
  expect(view.lateAfter).toBe('5 天')
})

test('clearing the 党委 setting returns to the default 3 days; the deadline is shown on rules.get', async () => {
  await setDue(7)
  expect((await ok(SECRETARY_B1, 'rules.get', { orgId: 'org_b1' })).minutesDue).toMatchObject({
    text: '7 天',
    source: { orgId: 'org_cmte' },
    ownDays: null,
  })
  const cleared = await setDue(null)
  expect(cleared.minutesDue).toMatchObject({
    ms: 3 * DAY,
    text: '3 天',
    ownDays: null,
    source: { orgId: null, name: '系统默认' },
  })
})

test('a branch cannot set its own deadline, and a value out of range changes nothing', async () => {
  const onBranch = await api.as(SUPERVISOR).raw('rules.setMinutesDue', { orgId: 'org_b1', days: 2 }, rid())
  expect(onBranch.ok).toBe(false)
  if (!onBranch.ok) expect(onBranch.error.message).toContain('党委一级设置')
  for (const days of [0, 32, 1.5]) {
    const r = await api.as(SUPERVISOR).raw('rules.setMinutesDue', { orgId: 'org_cmte', days }, rid())
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('VALIDATION_FAILED')
  }
  const bySecretary = await api.as(SECRETARY_B1).raw('rules.setMinutesDue', { orgId: 'org_cmte', days: 2 }, rid())
  expect(bySecretary.ok).toBe(false)
  expect((await ok(SUPERVISOR, 'rules.get', { orgId: 'org_cmte' })).minutesDue.text).toBe('3 天')
})

test('the at-risk days are the 党委’s too: 40 days before the quarter ends, the unplanned 党课 is at risk on 首页', async () => {
  // 22 November: 39 days are left in 2026-Q4, whose 党课 is neither held nor scheduled.
  const lecture = async () =>
    (await ok(SECRETARY_B1, 'compliance.summary', { orgId: 'org_b1' })).items[0].items.find(
      (i) => i.kind === 'party_lecture',
    )!
  expect(await lecture()).toMatchObject({ status: 'due', atRisk: false })
  const view = await ok(SUPERVISOR, 'rules.setAtRiskDays', { orgId: 'org_cmte', atRiskDays: { quarter: 40 } }, true)
  expect(view.atRisk.find((r) => r.period === 'quarter')).toMatchObject({
    days: 40,
    ownDays: 40,
    source: { orgId: 'org_cmte' },
  })
  expect(view.atRisk.find((r) => r.period === 'month')).toMatchObject({
    days: 7,
    ownDays: null,
    source: { orgId: null },
  })
  expect(await lecture()).toMatchObject({ status: 'due', atRisk: true })

  const bad = await api
    .as(SUPERVISOR)
    .raw('rules.setAtRiskDays', { orgId: 'org_cmte', atRiskDays: { month: 28 } }, rid())
  expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED')
  // Cleared: back to the default 15 days.
  await ok(SUPERVISOR, 'rules.setAtRiskDays', { orgId: 'org_cmte', atRiskDays: {} }, true)
  expect(await lecture()).toMatchObject({ atRisk: false })
})
