/**
 * The 党委's matrix kept by the real actions (issue 14 §1/§6): on the seeded demo, a 主题党日 is
 * scheduled, signed in by hand (代为登记) for all but one, confirmed, its minutes finalized and read
 * (阅签) — each step moves the first branch's row in the same write, and the matrix reads rows only.
 */
import type { MatrixRow } from '../../src/domain/api/views-supervision'
import { fromBeijing } from '../../src/domain/beijing-time'
import { apiPerTest, requestIds, scheduleInput, SECRETARY_B1, SUPERVISOR, type In, type Out } from './api-fixture'
import type { ActionName } from '../../src/domain/api/catalog'

const api = apiPerTest()
const rid = requestIds('supervision-actions')
const MIN = 60_000

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

async function firstBranch(): Promise<MatrixRow> {
  const v = await ok(SUPERVISOR, 'supervision.matrix', { orgId: 'org_cmte', year: 2026 })
  return v.rows.find((r) => r.orgId === 'org_b1')!
}

const cellOf = (row: MatrixRow) => row.cells.find((c) => c.kind === 'theme_day' && c.period === '2026-11')!

test('schedule, 代为登记, confirm, finalize and 阅签 each move the branch row; the matrix never reads meetings', async () => {
  const before = await firstBranch()
  // The demo's held meetings carry attendance summaries with no 代为登记 among them.
  expect(before.indicators.proxyShare).toBe(0)
  expect(cellOf(before).status).toBe('upcoming')

  const start = fromBeijing('2026-11-22', '14:00')
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00' }),
    true,
  )
  expect(cellOf(await firstBranch()).meetingIds).toContain(m.id)

  api.clock.now = start + 10 * MIN
  const absent = m.participants[0].id
  for (const p of m.participants) {
    if (p.id === absent) continue
    await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = start + 2 * 60 * MIN + MIN
  await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const held = await firstBranch()
  const n = m.participants.length
  // The year's shares now include this meeting's n − 1 代为登记 among the demo's own sign-ins.
  expect(held.indicators).toMatchObject({ offlineShare: 0, remoteShare: 0, daysSinceLast: 0 })
  expect(held.indicators.proxyShare).toBeGreaterThan(0)
  expect(held.indicators.proxyShare).toBeLessThan(1)
  expect(held.indicators.attendanceRate).not.toBe(before.indicators.attendanceRate)
  expect(n).toBeGreaterThan(1)
  expect(held.flags).toContainEqual(expect.objectContaining({ meetingId: m.id, reason: 'all_manual' }))
  expect(held.indicators.lastHeldAt).toBe(start)

  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const c = view.content!
  const content = {
    ...c,
    chair: '张建国',
    recorder: '李晓红',
    items: c.items.map((item, i) => ({ ...item, speeches: `第${i + 1}项发言`, decision: `第${i + 1}项决议` })),
  }
  const saved = await ok(SECRETARY_B1, 'minutes.saveDraft', { meetingId: m.id, version: view.version, content }, true)
  await ok(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version }, true)
  const final = await firstBranch()
  expect(cellOf(final).status).toBe('done')
  expect(final.indicators.onTime).toBe(before.indicators.onTime + 1)

  // 阅签 by a participant counts once, however often it is tapped.
  const reader = m.participants.find((p) => p.id !== absent)!.id
  expect(final.indicators.readRate).toBe(0)
  await ok(reader, 'minutes.confirmRead', { meetingId: m.id }, true)
  await ok(reader, 'minutes.confirmRead', { meetingId: m.id }, true)
  const read = await firstBranch()
  const state = await api.ports.store.get('supervision_state', 'org_b1.2026')
  const expected = state!.sums.reduce((k, s) => k + s.readsExpected, 0)
  expect(state!.sums.reduce((k, s) => k + s.readsConfirmed, 0)).toBe(1)
  expect(read.indicators.readRate).toBeCloseTo(1 / expected, 12)
})
