/**
 * Issue 4 planning actions against the real router on a seeded SQLite store: rule overrides (and the
 * counters they rebuild), the annual plan from generation to an idempotent publish, the month
 * calendar's statuses, and the in-app 消息 list.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import { MAX_REBUILD_BRANCHES } from '../../src/cloud/actions/planning/rules'
import { rulesFor, updateCounters } from '../../src/cloud/compliance-counters'
import type { Meeting } from '../../src/domain/meeting'
import type { Org } from '../../src/domain/org'
import type { PlanItemView, PlanView } from '../../src/domain/api/views-planning'
import {
  FIXED_NOW,
  MEMBER_B1,
  MEMBER_B2,
  ORGANIZER_B1,
  apiPerTest,
  scheduleInput,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
  type In,
  type Out,
  requestIds,
} from './api-fixture'

const DAY = 86_400_000
/** 2025-12-01 10:00 Beijing: a 2026 plan made then has the whole year ahead. */
const BEFORE_2026 = Date.UTC(2025, 11, 1, 2)
const api = apiPerTest()
const rid = requestIds('req-planning')

/** The typed answer of `memberId`'s call; `write` gives it a fresh request id. */
const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

/** The 党委 sets org_cmte's own overrides: the raw result, or (`setCmteRules`) the accepted change. */
const overrideCmte = (overrides: unknown[]) =>
  api.as(SUPERVISOR).raw('rules.setOverride', { orgId: 'org_cmte', overrides }, rid())
const setCmteRules = (overrides: In<'rules.setOverride'>['overrides']) =>
  ok(SUPERVISOR, 'rules.setOverride', { orgId: 'org_cmte', overrides }, true)

/** An item as plan.update takes it. */
const asInput = ({ id, kind, date, startTime, endTime, title, place, groupId }: PlanItemView) => ({
  id,
  kind,
  date,
  startTime,
  endTime,
  title,
  place,
  groupId,
})

async function summaryItem(kind: string, branchId = 'org_b1', date?: string) {
  const page = await ok(SUPERVISOR, 'compliance.summary', {
    orgId: 'org_cmte',
    limit: 10,
    date,
  })
  const branch = page.items.find((b) => b.branch.id === branchId)!
  return branch.items.find((i) => i.kind === kind)!
}

/** Records a meeting as held (attendance, minutes) the way the attendance and minutes actions do. */
async function hold(meetingId: string, at: number, extra: Record<string, unknown> = {}) {
  const { store } = api.ports
  await store.transaction(async (tx) => {
    const before = (await tx.get<Omit<Meeting, 'id'>>('meetings', meetingId))!
    const branch = (await tx.get<Org>('orgs', before.branchId))!
    const after = await tx.update<Record<string, unknown>>(
      'meetings',
      meetingId,
      { attendanceRecordedAt: at, minutesFinalizedAt: at, ...extra },
      before._version,
    )
    await updateCounters(tx, await rulesFor(store, branch), before, after as never)
  })
}

describe('rules.get / rules.setOverride', () => {
  test('a member sees the rules in force with their source; the 党委 may edit its own org only', async () => {
    const mine = await ok(MEMBER_B1, 'rules.get', {})
    expect(mine.org.id).toBe('org_b1')
    expect(mine.canEdit).toBe(false)
    const lecture = mine.rules.find((r) => r.kind === 'party_lecture')!
    expect(lecture).toMatchObject({ period: 'quarter', requiredCount: 1, allowedPeriods: ['quarter', 'half'] })
    expect(lecture.source.period).toEqual({ orgId: null, name: '国家规定' })
    expect((await ok(SUPERVISOR, 'rules.get', {})).canEdit).toBe(true)
    expect((await ok(SUPERVISOR, 'rules.get', { orgId: 'org_b1' })).canEdit).toBe(false)
  })

  test('a branch is refused, a branch secretary is forbidden, an invalid period is explained', async () => {
    const onBranch = await api.as(SUPERVISOR).result('rules.setOverride', { orgId: 'org_b1', overrides: [] }, rid())
    expect(onBranch).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect((onBranch as { error: { message: string } }).error.message).toContain('党委')
    const bySecretary = await api
      .as(SECRETARY_B1)
      .result('rules.setOverride', { orgId: 'org_b1', overrides: [] }, rid())
    expect(bySecretary).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const bad = await overrideCmte([{ kind: 'committee_meeting', period: 'quarter' }])
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(JSON.stringify(bad)).toContain('支部委员会的周期只能是每月')
    expect(await api.ports.store.get('rule_sets', 'org_cmte')).toBeNull()
  })

  test('a new count changes the summary at once; no counter is rebuilt', async () => {
    // October's 主题党日 was held: done, until two a month are required.
    expect((await summaryItem('theme_day', 'org_b1', '2026-10-15')).status).toBe('done')
    const r = await setCmteRules([{ kind: 'theme_day', requiredCount: 2 }])
    expect(r.rebuilt).toEqual({ kinds: [], branches: 0, counters: 0 })
    const theme = r.rules.find((x) => x.kind === 'theme_day')!
    expect(theme.source.requiredCount).toEqual({ orgId: 'org_cmte', name: expect.any(String) })
    expect(theme.frequencyText).toBe('每月 2 次')
    const item = await summaryItem('theme_day', 'org_b1', '2026-10-15')
    expect(item).toMatchObject({ status: 'missed', counted: 1, required: 2 })
  })

  test('党课 每季度 → 每半年 rebuilds the counters, so the summary counts the September lecture', async () => {
    // 2026 Q4 has no lecture yet; the Q3 one (September) is in the second half-year.
    expect(await summaryItem('party_lecture')).toMatchObject({ status: 'due', periodKey: '2026-Q4', counted: 0 })
    const r = await setCmteRules([{ kind: 'party_lecture', period: 'half' }])
    expect(r.rebuilt.kinds).toEqual(['party_lecture'])
    expect(r.rebuilt.branches).toBe(2)
    expect(r.rebuilt.counters).toBeGreaterThan(0)
    expect(await summaryItem('party_lecture')).toMatchObject({ status: 'done', periodKey: '2026-H2', counted: 1 })
    expect(await summaryItem('party_lecture', 'org_b2')).toMatchObject({ status: 'done', periodKey: '2026-H2' })

    // A lecture scheduled now lands in the half-year counter, and going back to quarters rebuilds again.
    const scheduled = await ok(
      SECRETARY_B1,
      'meeting.schedule',
      scheduleInput({ kind: 'party_lecture', title: '12月党课', date: '2026-12-10' }),
      true,
    )
    expect(scheduled.kind).toBe('party_lecture')
    const back = await setCmteRules([])
    expect(back.rebuilt.kinds).toEqual(['party_lecture'])
    expect(await summaryItem('party_lecture')).toMatchObject({ status: 'due', periodKey: '2026-Q4', scheduled: 1 })
    expect(await summaryItem('party_lecture', 'org_b2')).toMatchObject({
      status: 'due',
      periodKey: '2026-Q4',
      scheduled: 0,
    })
  })
  test('a period change over more branches than a rebuild may touch is refused and changes nothing', async () => {
    const { store } = api.ports
    await store.transaction(async (tx) => {
      for (let i = 0; i < MAX_REBUILD_BRANCHES; i++) {
        await tx.insert('orgs', {
          _id: `org_many_${i}`,
          kind: 'branch',
          name: `批量支部${i}`,
          parentId: 'org_cmte',
          path: ['org_cmte', `org_many_${i}`],
        })
      }
    })
    const refused = await overrideCmte([{ kind: 'party_lecture', period: 'half' }])
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(JSON.stringify(refused)).toContain(`超过 ${MAX_REBUILD_BRANCHES} 个`)
    expect(await store.get('rule_sets', 'org_cmte')).toBeNull()
    // A new count needs no rebuild, so it is accepted at any size.
    const count = await setCmteRules([{ kind: 'party_lecture', requiredCount: 2 }])
    expect(count.rebuilt.branches).toBe(0)
  })
})

describe('annual plan', () => {
  test('generate a 2027 draft: holidays moved with a note, missing holiday data said in Chinese', async () => {
    const none = await ok(SECRETARY_B1, 'plan.get', { year: 2027 })
    expect(none.id).toBeNull()
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2027 }, true)
    expect(plan).toMatchObject({ id: 'org_b1.2027', status: 'draft', canEdit: true, version: 1 })
    // 12 主题党日 + 12 支委会 + 24 党小组会 + 4 党员大会 + 4 党课 + 组织生活会 + 民主评议
    expect(plan.items).toHaveLength(58)
    expect(new Set(plan.items.map((i) => i.id)).size).toBe(58)
    if (!plan.calendarCovered) expect(plan.warnings[0]).toContain('2027年法定节假日安排尚未公布')
    expect(plan.items.every((i) => i.date.startsWith('2027-'))).toBe(true)
    expect(plan.items.filter((i) => i.warning).map((i) => i.warning)).toEqual([])

    // A 2026 plan is generated from the published holiday data: National Day is avoided (generated
    // before 2026 began: a year under way leaves its past days out).
    api.clock.now = BEFORE_2026
    const p2026 = await ok(SECRETARY_B1, 'plan.generate', { year: 2026 }, true)
    expect(p2026.calendarCovered).toBe(true)
    expect(p2026.items.some((i) => i.date >= '2026-10-01' && i.date <= '2026-10-07')).toBe(false)
    expect(p2026.items.some((i) => i.note?.includes('国庆'))).toBe(true)
  })

  test('regenerating a draft replaces it; only organizers may generate; members read it', async () => {
    await ok(SECRETARY_B1, 'plan.generate', { year: 2027 }, true)
    const again = await ok(
      ORGANIZER_B1,
      'plan.generate',
      {
        year: 2027,
        themeDayRule: { nth: -1, weekday: 4 },
        times: { theme_day: { startTime: '14:00', endTime: '16:00' } },
      },
      true,
    )
    expect(again.version).toBe(2)
    const theme = again.items.filter((i) => i.kind === 'theme_day')
    expect(theme[0]).toMatchObject({ startTime: '14:00', endTime: '16:00' })
    expect(again.themeDayText).toBe('主题党日：每月最后一个星期四')
    expect(await api.as(MEMBER_B1).result('plan.generate', { year: 2027 }, rid())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const read = await ok(MEMBER_B1, 'plan.get', { year: 2027 })
    expect(read.canEdit).toBe(false)
    expect(await api.as(SECRETARY_B2).result('plan.get', { branchId: 'org_b1', year: 2027 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(((await ok(SUPERVISOR, 'plan.get', { branchId: 'org_b1', year: 2027 })) as PlanView).items).toHaveLength(58)
  })

  test('update: a holiday date is kept with a warning, a stale version and a foreign group are refused', async () => {
    api.clock.now = BEFORE_2026 // the whole year still ahead
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2026 }, true)
    const items = plan.items.filter((i) => i.date >= '2026-12-01').map(asInput)
    items[0] = { ...items[0], date: '2026-10-01', title: '国庆主题党日' }
    items.push({
      id: undefined as unknown as string,
      kind: 'party_lecture',
      date: '2026-12-26',
      startTime: '09:00',
      endTime: '10:00',
      title: '书记讲党课',
      place: '会议室',
      groupId: null,
    })
    const updated = await ok(
      SECRETARY_B1,
      'plan.update',
      { year: 2026, version: plan.version, items: items.map((i) => (i.id ? i : { ...i, id: undefined })) },
      true,
    )
    expect(updated.version).toBe(plan.version + 1)
    const national = updated.items.find((i) => i.title === '国庆主题党日')!
    expect(national.date).toBe('2026-10-01')
    expect(national.warning).toContain('国庆节假期')
    const saturday = updated.items.find((i) => i.title === '书记讲党课')!
    expect(saturday.warning).toContain('星期六')
    expect(saturday.id).toMatch(/^item_/)
    // Months left without their meetings are listed.
    expect(updated.warnings.some((w) => w.includes('2026年1月主题党日计划 0 次'))).toBe(true)

    const stale = await api.as(SECRETARY_B1).result('plan.update', { year: 2026, version: plan.version, items }, rid())
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const foreign = await api.as(SECRETARY_B1).result(
      'plan.update',
      {
        year: 2026,
        version: updated.version,
        items: [
          {
            kind: 'group_meeting',
            date: '2026-12-09',
            startTime: '15:00',
            endTime: '16:00',
            title: '小组会',
            place: '室',
            groupId: 'org_b2_g1',
          },
        ],
      },
      rid(),
    )
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(((await ok(SECRETARY_B1, 'plan.get', { year: 2026 })) as PlanView).version).toBe(updated.version)
  })

  test('publish creates the meetings once, feeds the counters, notifies each member once; then locks', async () => {
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2027 }, true)
    const before = await api.ports.store.count('meetings', [{ field: 'branchId', op: 'eq', value: 'org_b1' }])
    const requestId = rid()
    const first = await api.as(SECRETARY_B1).result('plan.publish', { year: 2027, version: plan.version }, requestId)
    if (!first.ok) throw new Error(first.error.message)
    expect(first.data).toMatchObject({ status: 'published', created: 58, canEdit: false })
    expect(first.data.items.every((i) => i.meetingId)).toBe(true)
    expect(first.data.notified).toBeGreaterThan(10)
    const after = await api.ports.store.count('meetings', [{ field: 'branchId', op: 'eq', value: 'org_b1' }])
    expect(after - before).toBe(58)

    // The same request replayed returns the first answer; a new request is refused; nothing is made twice.
    const replay = await api.as(SECRETARY_B1).result('plan.publish', { year: 2027, version: plan.version }, requestId)
    expect(replay).toEqual(first)
    const again = await api.as(SECRETARY_B1).result('plan.publish', { year: 2027, version: plan.version }, rid())
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const regen = await api.as(SECRETARY_B1).result('plan.generate', { year: 2027 }, rid())
    expect(regen).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await api.ports.store.count('meetings', [{ field: 'branchId', op: 'eq', value: 'org_b1' }])).toBe(after)

    // Participants come from the kind: a group meeting only its group, the committee only the 支委.
    const item = first.data.items.find((i) => i.kind === 'group_meeting' && i.groupId === 'org_b1_g1')!
    const meeting = await ok(SECRETARY_B1, 'meeting.get', { meetingId: item.meetingId! })
    expect(meeting.group?.id).toBe('org_b1_g1')
    expect(meeting.participants.length).toBeLessThan(16)
    const notices = await ok(MEMBER_B1, 'message.listMine', { limit: 50 })
    expect(notices.items.filter((n) => n.template === 'plan.published')).toHaveLength(1)
    expect(notices.items[0].body).toContain('你应参加')

    // The counters hold the planned meetings: 2027-01's 主题党日 is 待召开 (scheduled) as of January.
    const jan = await ok(SECRETARY_B1, 'compliance.summary', { date: '2027-01-02' })
    expect(jan.items[0].items.find((i) => i.kind === 'theme_day')).toMatchObject({ periodKey: '2027-01', scheduled: 1 })
  })

  test('a publish that was cut off part-way is finished by the retry without doubles', async () => {
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2027 }, true)
    const { store } = api.ports
    // An earlier try made the first meeting, then stopped before marking the plan published.
    const original = store.update.bind(store)
    let failOnce = true
    store.update = (async (collection: string, id: string, patch: never, version: number) => {
      if (collection === 'plans' && failOnce) {
        failOnce = false
        throw new Error('connection lost')
      }
      return original(collection, id, patch, version)
    }) as typeof store.update
    const cut = await api.as(SECRETARY_B1).result('plan.publish', { year: 2027, version: plan.version }, rid())
    expect(cut).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const retry = await ok(SECRETARY_B1, 'plan.publish', { year: 2027, version: plan.version }, true)
    expect(retry.created).toBe(0)
    expect(retry.status).toBe('published')
    expect(
      await store.count('meetings', [
        { field: 'branchId', op: 'eq', value: 'org_b1' },
        { field: 'startAt', op: 'gte', value: Date.UTC(2026, 11, 31, 16) },
      ]),
    ).toBe(58)
  })

  test('a year under way: generating leaves out past days and periods already held, and says so', async () => {
    const held = await api.ports.store.query<Meeting & { status: string }>('meetings', {
      where: [
        { field: 'branchId', op: 'eq', value: 'org_b1' },
        { field: 'startAt', op: 'gte', value: Date.UTC(2026, 10, 1) - 8 * 3_600_000 },
      ],
      limit: 100,
    })
    const novemberKinds = new Set(
      held.items
        .filter((m) => m.status !== 'cancelled' && m.startAt < Date.UTC(2026, 11, 1) - 8 * 3_600_000)
        .map((m) => m.kind),
    )
    expect(novemberKinds.size).toBeGreaterThan(0)
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2026 }, true)
    // Nothing before now (FIXED_NOW is 2026-11-22), nothing in November of a kind the branch already has there.
    expect(plan.items.length).toBeGreaterThan(0)
    for (const i of plan.items) expect(i.date >= '2026-11-22').toBe(true)
    for (const i of plan.items.filter((x) => x.date < '2026-12-01')) expect(novemberKinds.has(i.kind)).toBe(false)
    expect(plan.warnings.join('\n')).toMatch(/2026年已过去的日期不再安排：生成时略去了今天以前的 \d+ 次会议/)
    expect(plan.warnings.join('\n')).toMatch(/已有会议的期间没有重复安排（\d+ 次）：2026年1月主题党日、/)
    // Periods already over ask nothing of the plan.
    expect(plan.warnings.join('\n')).not.toMatch(/2026年(1|2|3|4|5|6|7|8|9|10)月.*少于规定/)
    // A 2027 plan made now leaves nothing out.
    const next = await ok(SECRETARY_B1, 'plan.generate', { year: 2027 }, true)
    expect(next.warnings.join('\n')).not.toMatch(/不再安排|没有重复安排/)
  })

  test('a plan with a past date is refused with the item named, and nothing is created', async () => {
    const generated = await ok(SECRETARY_B1, 'plan.generate', { year: 2026 }, true)
    // The generator leaves past days out; a date typed into the past is what publish refuses.
    const items = generated.items.map(asInput)
    items[0] = { ...items[0], date: '2026-11-02' }
    const plan = await ok(SECRETARY_B1, 'plan.update', { year: 2026, version: generated.version, items }, true)
    const r = await api.as(SECRETARY_B1).result('plan.publish', { year: 2026, version: plan.version }, rid())
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(JSON.stringify(r)).toContain('时间已经过去')
    expect(await api.ports.store.count('meetings', [{ field: 'planId', op: 'eq', value: 'org_b1.2026' }])).toBe(0)
  })
})

describe('meeting.calendar', () => {
  test('the month grid, each meeting with its status, and the periods from the counters', async () => {
    const cal = await ok(MEMBER_B1, 'meeting.calendar', { month: '2026-11' })
    expect(cal).toMatchObject({
      month: '2026-11',
      monthLabel: '2026年11月',
      prevMonth: '2026-10',
      nextMonth: '2026-12',
    })
    expect(cal.days.length % 7).toBe(0)
    expect(cal.days[0]).toMatchObject({ date: '2026-10-26', weekday: 1, inMonth: false })
    expect(cal.days.find((d) => d.date === '2026-11-22')!.today).toBe(true)
    // The committee meeting in three days: 待召开.
    const soon = cal.days.find((d) => d.date === '2026-11-25')!.meetings[0]
    expect(soon).toMatchObject({ kind: 'committee_meeting', status: 'upcoming', statusLabel: '待召开', counting: null })
    const period = (kind: string) => cal.periods.find((p) => p.kind === kind)!
    expect(period('theme_day')).toMatchObject({ periodKey: '2026-11', status: 'due', statusLabel: '待召开' })
    expect(period('party_lecture')).toMatchObject({ periodKey: '2026-Q4', status: 'due', statusLabel: '待召开' })
    expect(period('group_meeting').reason).toContain('第一党小组')
    expect(cal.periods.map((p) => p.kind)).not.toContain('heart_talk')
    expect(cal.canPlan).toBe(false)
    expect((await ok(SECRETARY_B1, 'meeting.calendar', { month: '2026-11' })).canPlan).toBe(true)
    // October: held in the seed (attendance and minutes final): 已结束 · 已完成; holidays named on their day.
    const oct = await ok(MEMBER_B1, 'meeting.calendar', { month: '2026-10' })
    const theme = oct.days.find((d) => d.date === '2026-10-02')!.meetings.find((m) => m.kind === 'theme_day')!
    expect(theme).toMatchObject({ status: 'ended', statusLabel: '已结束', counting: 'done', countingLabel: '已完成' })
    expect(oct.periods.find((p) => p.kind === 'theme_day')).toMatchObject({
      periodKey: '2026-10',
      status: 'done',
      statusLabel: '已完成',
    })
    expect(oct.days.find((d) => d.date === '2026-10-01')!.holiday).toBe('国庆节')
  })

  test('a late minutes shows 补录; a meeting moved into the next quarter moves its period status', async () => {
    // A December lecture counts for Q4; held with its minutes a week late it shows 补录.
    const lecture = await ok(
      SECRETARY_B1,
      'meeting.schedule',
      scheduleInput({ kind: 'party_lecture', title: '党课', date: '2026-12-30' }),
      true,
    )
    let dec = await ok(SECRETARY_B1, 'meeting.calendar', { month: '2026-12' })
    expect(dec.periods.find((p) => p.kind === 'party_lecture')).toMatchObject({ periodKey: '2026-Q4', status: 'due' })

    // Rescheduled into January: Q4 has nothing planned again and 2027-Q1 holds it.
    await ok(
      SECRETARY_B1,
      'meeting.reschedule',
      {
        meetingId: lecture.id,
        version: lecture.version,
        date: '2027-01-06',
        startTime: '15:00',
        endTime: '17:00',
        reason: '与年终工作冲突',
      },
      true,
    )
    dec = await ok(SECRETARY_B1, 'meeting.calendar', { month: '2026-12' })
    expect(dec.periods.find((p) => p.kind === 'party_lecture')!.reason).toContain('尚未安排')
    const jan = await ok(SECRETARY_B1, 'meeting.calendar', { month: '2027-01' })
    expect(jan.periods.find((p) => p.kind === 'party_lecture')).toMatchObject({ periodKey: '2027-Q1', status: 'due' })
    expect(jan.days.find((d) => d.date === '2027-01-06')!.meetings[0].title).toBe('党课')

    // Held on the day, minutes finalized a week later: it counts, flagged 补录.
    const startAt = Date.UTC(2027, 0, 6, 7)
    api.clock.now = startAt + 10 * DAY
    await hold(lecture.id, startAt + 9 * DAY, { minutesLate: true })
    const held = await ok(SECRETARY_B1, 'meeting.calendar', { month: '2027-01' })
    expect(held.days.find((d) => d.date === '2027-01-06')!.meetings[0]).toMatchObject({
      status: 'ended',
      counting: 'late',
      countingLabel: '补录',
    })
    expect(held.periods.find((p) => p.kind === 'party_lecture')).toMatchObject({
      status: 'done',
      statusLabel: '已完成',
    })
  })

  test('another branch is out of reach; the 党委 must name a branch', async () => {
    expect(await api.as(MEMBER_B2).result('meeting.calendar', { branchId: 'org_b1', month: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await api.as(SUPERVISOR).result('meeting.calendar', { month: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    expect(await api.as(MEMBER_B1).result('meeting.calendar', { month: '2026-13' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
  })
})

describe('messages', () => {
  test('newest first with an unread count; marking some, then all, read; others’ notices untouched', async () => {
    for (const [i, date] of ['2026-12-02', '2026-12-03', '2026-12-04'].entries()) {
      api.clock.now = FIXED_NOW + i * 60_000
      await ok(SECRETARY_B1, 'meeting.schedule', scheduleInput({ title: `会议${i + 1}`, date }), true)
    }
    const page = await ok(MEMBER_B1, 'message.listMine', { limit: 2 })
    expect(page.items.map((m) => m.title)).toEqual(['会议通知：会议3', '会议通知：会议2'])
    expect(page.unread).toBe(3)
    expect(page.nextCursor).not.toBeNull()
    const rest = await ok(MEMBER_B1, 'message.listMine', { limit: 2, cursor: page.nextCursor })
    expect(rest.items.map((m) => m.title)).toEqual(['会议通知：会议1'])
    expect(rest.items[0].page).toMatch(/^packages\/meeting\/pages\/detail\/index\?id=/)

    const someoneElses = (await ok(SECRETARY_B1, 'message.listMine', { limit: 1 })).items[0]
    const one = await ok(MEMBER_B1, 'message.markRead', { ids: [page.items[0].id, someoneElses.id] }, true)
    expect(one).toEqual({ marked: 1, unread: 2 })
    expect((await ok(SECRETARY_B1, 'message.listMine', { limit: 1 })).items[0].read).toBe(false)
    const all = await ok(MEMBER_B1, 'message.markRead', { all: true }, true)
    expect(all).toEqual({ marked: 2, unread: 0 })
    expect((await ok(MEMBER_B1, 'message.listMine', {})).items.every((m) => m.read)).toBe(true)
    expect(await api.as(MEMBER_B1).result('message.markRead', {}, rid())).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
  })
})

describe('message.unreadCount', () => {
  test('each member counts only their own unread notices; reading one lowers the count', async () => {
    const otherBranch = (await ok(MEMBER_B2, 'message.unreadCount', {})).unread
    expect(await ok(MEMBER_B1, 'message.unreadCount', {})).toEqual({ unread: 0 })
    for (const [i, date] of ['2026-12-02', '2026-12-03'].entries()) {
      await ok(SECRETARY_B1, 'meeting.schedule', scheduleInput({ title: `会议${i + 1}`, date }), true)
    }
    expect(await ok(MEMBER_B1, 'message.unreadCount', {})).toEqual({ unread: 2 })
    const secretary = await ok(SECRETARY_B1, 'message.unreadCount', {})
    expect(secretary.unread).toBeGreaterThan(0)
    // Another branch's member is not told of 第一党支部's meetings; the count is theirs alone.
    expect(await ok(MEMBER_B2, 'message.unreadCount', {})).toEqual({ unread: otherBranch })

    const [newest] = (await ok(MEMBER_B1, 'message.listMine', { limit: 1 })).items
    await ok(MEMBER_B1, 'message.markRead', { ids: [newest.id] }, true)
    expect(await ok(MEMBER_B1, 'message.unreadCount', {})).toEqual({ unread: 1 })
    // The member reading theirs leaves the secretary's own notices unread.
    expect(await ok(SECRETARY_B1, 'message.unreadCount', {})).toEqual(secretary)
    await ok(MEMBER_B1, 'message.markRead', { all: true }, true)
    expect(await ok(MEMBER_B1, 'message.unreadCount', {})).toEqual({ unread: 0 })
  })
})

describe('a year without the State Council’s arrangement', () => {
  test('fixed-date holidays are still avoided, and a date moved onto one is flagged', async () => {
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2031 }, true)
    expect(plan.calendarCovered).toBe(false)
    expect(plan.warnings[0]).toContain('2031年法定节假日安排尚未公布')
    for (const day of ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']) {
      expect(plan.items.some((i) => i.date === `2031-${day}`)).toBe(false)
    }
    // 2031-01-03 is the first Friday; 2031-10-03 is a Friday too: moved with a note.
    expect(plan.items.find((i) => i.kind === 'theme_day' && i.periodKey === '2031-10')!.note).toContain('国庆节')
    const items = plan.items
      .map(asInput)
      .map((i) => (i.kind === 'theme_day' && i.date.startsWith('2031-05') ? { ...i, date: '2031-05-01' } : i))
    const updated = await ok(SECRETARY_B1, 'plan.update', { year: 2031, version: plan.version, items }, true)
    expect(updated.items.find((i) => i.date === '2031-05-01')!.warning).toContain('劳动节')
  })
})

describe('holidays computed for a year the dataset lacks (2027)', () => {
  test('the plan avoids 元旦, 除夕, 端午, 中秋 and 国庆, says 调休 is unknown, and the month calendar names them', async () => {
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2027 }, true)
    expect(plan.calendarCovered).toBe(false)
    expect(plan.warnings[0]).toContain('2027年的调休上班日还不知道')
    // Dates the placement rules alone give (first Friday, second Wednesday, third Wednesday …).
    for (const date of ['2027-01-01', '2027-02-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect([date, plan.items.some((i) => i.date === date)]).toEqual([date, false])
    }
    expect(plan.items.find((i) => i.kind === 'theme_day' && i.periodKey === '2027-02')!.note).toContain('春节假期')
    const month = await ok(SECRETARY_B1, 'meeting.calendar', { month: '2027-02' })
    expect(month.days.find((d) => d.date === '2027-02-05')!.holiday).toBe('春节')
  })

  test('a plan date moved onto a weekend 调休 working day of a published year says so', async () => {
    api.clock.now = BEFORE_2026 // the whole year still ahead
    const plan = await ok(SECRETARY_B1, 'plan.generate', { year: 2026 }, true)
    const items = plan.items
      .map(asInput)
      .map((i) => (i.kind === 'theme_day' && i.date.startsWith('2026-02') ? { ...i, date: '2026-02-14' } : i))
    const updated = await ok(SECRETARY_B1, 'plan.update', { year: 2026, version: plan.version, items }, true)
    expect(updated.items.find((i) => i.date === '2026-02-14')!.warning).toBe(
      '2026-02-14 是星期六，为调休上班日，请确认党员当天能参加',
    )
  })
})
