/**
 * The 党委's year matrix (issue 14) against the real embedded API: cell statuses, indicators
 * against figures computed by hand on a small fixture, filters, search, sort, paging, 党小组 rows and
 * who may read it; then the same rows kept by the real attendance and minutes actions.
 */
import { fromBeijing } from '../../src/domain/beijing-time'
import type { MatrixRow, MatrixView } from '../../src/domain/api/views-supervision'
import type { Member, Org } from '../../src/domain/org'
import type { MeetingKind } from '../../src/domain/meeting-kinds'
import type { AttendanceSummary } from '../../src/domain/supervision'
import type { MeetingDoc } from '../../src/cloud/collections'
import { ownerOf, rulesFor, updateCounters } from '../../src/cloud/compliance-counters'
import { addReadToRow } from '../../src/cloud/supervision-rows'
import { apiPerTest, type In, type TestApi } from './api-fixture'

const DAY = 86_400_000
const api = apiPerTest({ seed: false })

const ORGS: (Omit<Org, 'id'> & { _id: string })[] = [
  { _id: 'cmte', kind: 'committee', name: '测试党委', parentId: null, path: ['cmte'] },
  { _id: 'gb1', kind: 'general_branch', name: '机关党总支', parentId: 'cmte', path: ['cmte', 'gb1'] },
  { _id: 'b_a', kind: 'branch', name: '第一支部', parentId: 'cmte', path: ['cmte', 'b_a'] },
  { _id: 'b_a_g1', kind: 'group', name: '第一党小组', parentId: 'b_a', path: ['cmte', 'b_a', 'b_a_g1'] },
  { _id: 'b_b', kind: 'branch', name: '机关第二支部', parentId: 'gb1', path: ['cmte', 'gb1', 'b_b'] },
  { _id: 'b_c', kind: 'branch', name: '第三支部', parentId: 'gb1', path: ['cmte', 'gb1', 'b_c'] },
  { _id: 'cmte2', kind: 'committee', name: '另一党委', parentId: null, path: ['cmte2'] },
  { _id: 'x1', kind: 'branch', name: '外单位支部', parentId: 'cmte2', path: ['cmte2', 'x1'] },
]

function person(id: string, orgId: string, roles: Member['roles']) {
  return {
    _id: id,
    orgId,
    groupId: null,
    name: `成员${id}`,
    gender: 'male' as const,
    phone: '13800000000',
    category: 'full' as const,
    roles,
    status: 'normal' as const,
    joinedAt: '2005-07-01',
    confirmedAt: '2006-07-01',
  }
}

interface Spec {
  id: string
  branchId: string
  kind: MeetingKind
  groupId?: string
  date: string
  start?: string
  end?: string
  held?: boolean
  finalized?: boolean
  late?: boolean
  participants?: number
  summary?: AttendanceSummary
}

/** A meeting written the way the actions write it: the meeting and its counters in one transaction. */
async function meeting(a: TestApi, s: Spec): Promise<MeetingDoc> {
  const startAt = fromBeijing(s.date, s.start ?? '15:00')
  const endAt = fromBeijing(s.date, s.end ?? '17:00')
  const doc: MeetingDoc = {
    _id: s.id,
    branchId: s.branchId,
    kind: s.kind,
    title: s.id,
    startAt,
    endAt,
    place: '活动室',
    agenda: ['学习'],
    groupId: s.groupId ?? null,
    participantIds: Array.from({ length: s.participants ?? 10 }, (_, i) => `p${i}`),
    status: 'scheduled',
    createdBy: 'sup',
    createdAt: startAt - DAY,
    updatedAt: startAt - DAY,
    attendanceRecordedAt: s.held ? endAt : null,
    attendanceSummary: s.held ? (s.summary ?? null) : null,
    minutesFinalizedAt: s.finalized ? endAt + (s.late ? 10 * DAY : DAY) : null,
    minutesLate: s.finalized ? s.late === true : null,
    quorumMet: null,
  }
  const branch = (await a.ports.store.get('orgs', s.branchId))!
  const rules = await rulesFor(a.ports.store, branch)
  await a.ports.store.transaction(async (tx) => {
    await tx.insert('meetings', doc)
    await updateCounters(tx, rules, null, doc)
  })
  return doc
}

/**
 * The fixture (clock 2026-11-22 10:00 Beijing): 第一支部 with its 党小组 holds four meetings and
 * plans one; 第三支部 holds every 主题党日 on time; 机关第二支部 holds nothing.
 */
async function fixture(a: TestApi) {
  const { store } = a.ports
  await store.transaction(async (tx) => {
    for (const org of ORGS) await tx.insert('orgs', org)
    for (const m of [
      person('sup', 'cmte', ['supervisor']),
      person('sup2', 'cmte2', ['supervisor']),
      person('sec_a', 'b_a', ['secretary']),
    ]) {
      await tx.insert('members', m)
      await tx.insert('bindings', { _id: `dev_${m._id}`, memberId: m._id, boundAt: a.clock.now })
    }
  })
  // 1月: on time; 8 of 10 present, 2 by hand, 1 offline, 1 remote.
  const jan = await meeting(a, {
    id: 'm_jan',
    branchId: 'b_a',
    kind: 'theme_day',
    date: '2026-01-05',
    held: true,
    finalized: true,
    summary: { expected: 10, present: 8, signIns: 8, manual: 2, offline: 1, remote: 1 },
  })
  // 2月: 补录, at night, ten minutes, every sign-in by hand.
  await meeting(a, {
    id: 'm_feb',
    branchId: 'b_a',
    kind: 'theme_day',
    date: '2026-02-05',
    start: '23:00',
    end: '23:10',
    held: true,
    finalized: true,
    late: true,
    summary: { expected: 10, present: 6, signIns: 6, manual: 6, offline: 0, remote: 0 },
  })
  // 11月10日: held, minutes still not final 12 days later: 逾期.
  await meeting(a, {
    id: 'm_nov',
    branchId: 'b_a',
    kind: 'theme_day',
    date: '2026-11-10',
    held: true,
    summary: { expected: 10, present: 9, signIns: 9, manual: 0, offline: 0, remote: 0 },
  })
  await meeting(a, {
    id: 'm_oct_g',
    branchId: 'b_a',
    kind: 'group_meeting',
    groupId: 'b_a_g1',
    date: '2026-10-12',
    held: true,
    finalized: true,
    participants: 5,
    summary: { expected: 5, present: 5, signIns: 5, manual: 0, offline: 0, remote: 0 },
  })
  await meeting(a, { id: 'm_dec', branchId: 'b_a', kind: 'committee_meeting', date: '2026-12-03' })
  for (let month = 1; month <= 10; month += 1) {
    await meeting(a, {
      id: `m_c_${month}`,
      branchId: 'b_c',
      kind: 'theme_day',
      date: `2026-${String(month).padStart(2, '0')}-06`,
      held: true,
      finalized: true,
      summary: { expected: 4, present: 4, signIns: 4, manual: 0, offline: 0, remote: 0 },
    })
  }
  // One member confirmed (阅签) January's minutes.
  await store.transaction(async (tx) => {
    await tx.insert('minutes_reads', { _id: 'm_jan.p0', meetingId: 'm_jan', memberId: 'p0', at: a.clock.now })
    await addReadToRow(tx, jan, ownerOf(jan))
  })
}

const matrix = (input: Partial<In<'supervision.matrix'>> = {}) =>
  api.as('sup').call('supervision.matrix', { orgId: 'cmte', year: 2026, ...input })

function cell(row: MatrixRow, kind: MeetingKind, period: string) {
  return row.cells.find((c) => c.kind === kind && c.period === period)
}
const rowOf = (v: MatrixView, orgId: string) => v.rows.find((r) => r.orgId === orgId)!

test('cells: 已完成, 补录, 逾期, 未完成 and 待召开, each with the meetings behind it; 党小组 rows carry 党小组会', async () => {
  await fixture(api)
  const v = await matrix()
  expect(v.total).toBe(3)
  const a = rowOf(v, 'b_a')
  expect(a).toMatchObject({ orgKind: 'branch', name: '第一支部', parentName: '测试党委' })
  expect(cell(a, 'theme_day', '2026-01')).toMatchObject({ status: 'done', meetingIds: [] })
  expect(cell(a, 'theme_day', '2026-02')).toMatchObject({ status: 'backfilled', meetingIds: ['m_feb'] })
  expect(cell(a, 'theme_day', '2026-03')).toMatchObject({ status: 'missed', meetingIds: [] })
  expect(cell(a, 'theme_day', '2026-11')).toMatchObject({ status: 'overdue', meetingIds: ['m_nov'] })
  expect(cell(a, 'committee_meeting', '2026-12')).toMatchObject({ status: 'upcoming', meetingIds: ['m_dec'] })
  expect(cell(a, 'group_meeting', '2026-10')).toBeUndefined()

  const g = rowOf(v, 'b_a_g1')
  expect(g).toMatchObject({ orgKind: 'group', name: '第一党小组', parentName: '第一支部', branchId: 'b_a' })
  expect(g.cells.every((c) => c.kind === 'group_meeting')).toBe(true)
  expect(cell(g, 'group_meeting', '2026-10')?.status).toBe('done')
  expect(cell(g, 'group_meeting', '2026-09')?.status).toBe('missed')
  // The columns name each kind's periods of the year.
  expect(v.columns).toContainEqual({ kind: 'theme_day', period: '2026-02', label: '主题党日 2月' })
  expect(v.columns).toContainEqual({ kind: 'party_lecture', period: '2026-Q3', label: '党课 第三季度' })
  expect(v.columns.filter((c) => c.kind === 'heart_talk')).toEqual([])
})

test('indicators against the fixture counted by hand; implausible meetings flagged, not scored', async () => {
  await fixture(api)
  const v = await matrix()
  const a = rowOf(v, 'b_a')
  // Held: 1月, 2月, 11月 and the 党小组's 10月; finalized: 1月, 2月 (补录) and 10月.
  expect(a.indicators).toEqual({
    onTime: 2,
    backfillShare: 1 / 3,
    proxyShare: 8 / 28,
    offlineShare: 1 / 28,
    remoteShare: 1 / 28,
    attendanceRate: 28 / 35,
    readRate: 1 / 25,
    daysSinceLast: 11, // 11月10日 15:00 → 11月22日 10:00
    mobileAtRisk: 0,
  })
  expect(rowOf(v, 'b_a_g1').indicators).toMatchObject({
    onTime: 1,
    attendanceRate: 1,
    readRate: 0,
    proxyShare: 0,
    daysSinceLast: 40,
  })
  expect(a.flags.map((f) => [f.meetingId, f.reason]).sort()).toEqual([
    ['m_feb', 'all_manual'],
    ['m_feb', 'night'],
    ['m_feb', 'short'],
  ])
  expect(a.flags[0].label).toMatch(/[\u4e00-\u9fff]/)
  // A branch with nothing held has no shares to show.
  expect(rowOf(v, 'b_b').indicators).toMatchObject({ onTime: 0, attendanceRate: null, daysSinceLast: null })
})

test('sorted by risk (overdue and missed first) or by name; paged without gaps or repeats', async () => {
  await fixture(api)
  const byRisk = await matrix()
  const branches = byRisk.rows.filter((r) => r.orgKind === 'branch')
  // 第一支部: one 逾期, 33 未完成 (its 党小组's included), one 补录, 11 days; 机关第二支部: 26 未完成 and
  // nothing this year; 第三支部: only the kinds it skipped.
  expect(branches.map((r) => r.orgId)).toEqual(['b_a', 'b_b', 'b_c'])
  const risks = branches.map((r) => r.risk)
  expect([...risks].sort((x, y) => y - x)).toEqual(risks)

  for (const sort of ['risk', 'name'] as const) {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: MatrixView = await matrix({ sort, limit: 1, cursor })
      expect(page.total).toBe(3)
      seen.push(...page.rows.filter((r) => r.orgKind === 'branch').map((r) => r.orgId))
      cursor = page.nextCursor
      pages += 1
    } while (cursor && pages < 10)
    expect([...seen].sort()).toEqual(['b_a', 'b_b', 'b_c'])
    expect(seen).toHaveLength(3)
    if (sort === 'name') expect(seen).toEqual(['b_b', 'b_a', 'b_c']) // by code point: 机关…, 第一…, 第三…
  }
})

test('filters: status, kind, 党总支 and search by part of the name', async () => {
  await fixture(api)
  const overdue = await matrix({ statuses: ['overdue'] })
  expect(overdue.rows.filter((r) => r.orgKind === 'branch').map((r) => r.orgId)).toEqual(['b_a'])
  expect(overdue.total).toBe(1)
  const backfilledOrOverdue = await matrix({ statuses: ['backfilled', 'overdue'] })
  expect(backfilledOrOverdue.total).toBe(1)

  const groups = await matrix({ kinds: ['group_meeting'] })
  expect(groups.columns.every((c) => c.kind === 'group_meeting')).toBe(true)
  expect(rowOf(groups, 'b_a_g1').cells).toHaveLength(12)
  expect(rowOf(groups, 'b_a').cells).toEqual([])
  // 主题党日 only: 第三支部 kept every one up to October, so it has no 未完成 there.
  const themeMissed = await matrix({ kinds: ['theme_day'], statuses: ['missed'] })
  expect(themeMissed.rows.map((r) => r.orgId).sort()).toEqual(['b_a', 'b_b'])
  expect(themeMissed.total).toBe(2)
  expect(rowOf(themeMissed, 'b_a').cells.every((c) => c.kind === 'theme_day')).toBe(true)

  const underGb = await matrix({ parentId: 'gb1' })
  expect(underGb.rows.map((r) => r.orgId).sort()).toEqual(['b_b', 'b_c'])
  expect(rowOf(underGb, 'b_b').parentName).toBe('机关党总支')
  // The 党总支 as the matrix's org gives the same rows.
  const gb = await matrix({ orgId: 'gb1' })
  expect(gb.rows.map((r) => r.orgId).sort()).toEqual(['b_b', 'b_c'])

  expect((await matrix({ search: '三' })).rows.map((r) => r.orgId)).toEqual(['b_c'])
  expect((await matrix({ search: '第三' })).rows.map((r) => r.orgId)).toEqual(['b_c'])
  const long = await matrix({ search: '机关第二' })
  expect(long.rows.map((r) => r.orgId)).toEqual(['b_b'])
  expect(long.total).toBe(1)
  const none = await matrix({ search: '第二支部第' })
  expect(none).toMatchObject({ rows: [], total: 0, nextCursor: null })
})

test('a branch secretary and another 党委 are refused; bad input changes nothing', async () => {
  await fixture(api)
  const bySecretary = await api.as('sec_a').result('supervision.matrix', { orgId: 'b_a', year: 2026 })
  expect(bySecretary.ok).toBe(false)
  if (!bySecretary.ok) expect(bySecretary.error.code).toBe('FORBIDDEN')
  const otherTree = await api.as('sup2').result('supervision.matrix', { orgId: 'cmte', year: 2026 })
  expect(otherTree.ok).toBe(false)
  if (!otherTree.ok) expect(otherTree.error.code).toBe('FORBIDDEN')
  const otherBranch = await api.as('sup').result('supervision.branch', { branchId: 'x1', year: 2026 })
  expect(otherBranch.ok).toBe(false)
  if (!otherBranch.ok) expect(otherBranch.error.code).toBe('FORBIDDEN')
  const tooMany = await api.as('sup').result('supervision.matrix', { orgId: 'cmte', year: 2026, limit: 101 })
  expect(tooMany.ok).toBe(false)
  if (!tooMany.ok) expect(tooMany.error.message).toContain('每页最多 100 条')
})

test('supervision.branch: the branch row with its 党小组 rows, judged now', async () => {
  await fixture(api)
  const v = await api.as('sup').call('supervision.branch', { branchId: 'b_a', year: 2026 })
  expect(v.rows.map((r) => r.orgId)).toEqual(['b_a', 'b_a_g1'])
  expect(cell(v.rows[0], 'theme_day', '2026-11')?.status).toBe('overdue')
  expect(v.escalations).toEqual([])
  // A deadline passing moves a cell without any write: 12月 ends, the planned 支委会 never held.
  api.clock.now = fromBeijing('2027-01-05', '09:00')
  const later = await api.as('sup').call('supervision.branch', { branchId: 'b_a', year: 2026 })
  expect(cell(later.rows[0], 'committee_meeting', '2026-12')?.status).toBe('missed')
  const page = await matrix({ statuses: ['upcoming'] })
  expect(page.total).toBe(0)
})

test('a new year without meetings lists every branch, all 待召开', async () => {
  await fixture(api)
  const v = await matrix({ year: 2027 })
  expect(v.total).toBe(3)
  const a = rowOf(v, 'b_a')
  expect(a.cells.every((c) => c.status === 'upcoming')).toBe(true)
  expect(a.indicators.daysSinceLast).toBeNull()
})
