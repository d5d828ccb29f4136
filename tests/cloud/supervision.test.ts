/**
 * The 党委's year matrix (issue 14) against the real embedded API: cell statuses, indicators
 * against figures computed by hand on a small fixture, filters, search, sort, paging, 党小组 rows and
 * who may read it; then the same rows kept by the real attendance and minutes actions.
 */
import { fromBeijing } from '../../src/domain/beijing-time'
import type { MatrixRow, MatrixView } from '../../src/domain/api/views-supervision'
import type { MeetingKind } from '../../src/domain/meeting-kinds'
import { apiPerTest, type In } from './api-fixture'
import { fixture } from './supervision-fixture'
const api = apiPerTest({ seed: false })

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
    lastHeldAt: fromBeijing('2026-11-10', '15:00'),
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
