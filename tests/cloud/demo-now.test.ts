/**
 * The demo's meetings placed relative to the host's start (src/cloud/seed/demo-now.ts): one on now
 * and one just ended per 支部, seen through the API as a newcomer would; no pile-up on restarts; and
 * every seeded held meeting carries the counts 确认考勤 records, so 出席率 has a value.
 */
import { readAll } from '../../src/cloud/actions/roster-reads'
import type { AttendanceMeetingDoc } from '../../src/cloud/documents'
import { seedDemoNow } from '../../src/cloud/seed/demo-now'
import { FIXED_NOW, openTestApi, SECRETARY_B1, type TestApi } from './api-fixture'

const MIN = 60_000
let api: TestApi
beforeEach(async () => {
  api = await openTestApi()
})
afterEach(() => api.close())

const meetingsOf = async (branchId: string) =>
  (await readAll(api.ports.store, 'meetings', [], '_id', 5000)).filter(
    (m) => (m as AttendanceMeetingDoc).branchId === branchId,
  ) as AttendanceMeetingDoc[]

test('places a meeting on now and one just ended in each 支部, and a restart while they fit adds nothing', async () => {
  const placed = await seedDemoNow(api.ports.store, FIXED_NOW)
  expect(placed.live).toHaveLength(2)
  expect(placed.ended).toHaveLength(2)

  const me = api.as(SECRETARY_B1)
  const live = await me.call('meeting.get', { meetingId: placed.live[0] })
  expect(live.phase).toBe('ongoing')
  expect(live.kind).toBe('theme_day')
  expect(live.startAt).toBeLessThanOrEqual(FIXED_NOW - 10 * MIN)
  // Sign-in is open: the secretary can show the code, nobody has signed in yet.
  const board = await me.call('attendance.board', { meetingId: placed.live[0] })
  expect(board.people.filter((p: { state: string }) => p.state === 'present')).toHaveLength(0)

  const ended = await me.call('meeting.get', { meetingId: placed.ended[0] })
  expect(ended.phase).toBe('ended')
  expect(ended.endAt).toBeLessThanOrEqual(FIXED_NOW - 30 * MIN)
  expect(ended.endAt).toBeGreaterThan(FIXED_NOW - 60 * MIN)
  expect(ended.held).toBe(true)
  expect(ended.minutesFinal).toBe(false)
  expect(ended.canWriteMinutes).toBe(true)
  const endedBoard = await me.call('attendance.board', { meetingId: placed.ended[0] })
  expect(endedBoard.present).toBeGreaterThan(endedBoard.expected / 2)

  const before = (await meetingsOf('org_b1')).length
  // Restarted a moment later, and again an hour later: both still fit.
  expect(await seedDemoNow(api.ports.store, FIXED_NOW + 1 * MIN)).toEqual({ live: [], ended: [] })
  expect(await seedDemoNow(api.ports.store, FIXED_NOW + 60 * MIN)).toEqual({ live: [], ended: [] })
  expect((await meetingsOf('org_b1')).length).toBe(before)

  // Three hours later the live one has ended (it is the one just ended now): only a new live one.
  const later = await seedDemoNow(api.ports.store, FIXED_NOW + 3 * 60 * MIN)
  expect(later.ended).toEqual([])
  expect(later.live).toHaveLength(2)
  expect(later.live).not.toContain(placed.live[0])
})

test('every seeded meeting with attendance taken has the confirmed counts, so 出席率 is not "—"', async () => {
  await seedDemoNow(api.ports.store, FIXED_NOW)
  const held = (await readAll(api.ports.store, 'meetings', [], '_id', 5000)).filter(
    (m) => (m as AttendanceMeetingDoc).attendanceRecordedAt != null,
  ) as AttendanceMeetingDoc[]
  expect(held.length).toBeGreaterThan(50)
  for (const m of held) {
    expect(m.attendanceSummary).toBeTruthy()
    expect(m.attendanceSummary!.expected).toBe(m.participantIds.length)
    expect(m.attendanceSummary!.present).toBeGreaterThan(0)
    expect(m.attendanceSummary!.present).toBeLessThanOrEqual(m.attendanceSummary!.expected)
  }
  // The 党委's matrix reads a 出席率 from them.
  const matrix = await api.as('m_cmte_01').call('supervision.matrix', { orgId: 'org_cmte', year: 2026 })
  const rates = JSON.stringify(matrix)
  expect(rates).toMatch(/"attendanceRate":0\.\d+/)
})
