/** The pure rules of the 党委's matrix (src/domain/supervision.ts). */
import { fromBeijing } from '../../src/domain/beijing-time'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES } from '../../src/domain/meeting-kinds'
import {
  applyMeetingToRow,
  attendanceSummaryOf,
  cellStatusOf,
  columnsOfLayout,
  compactOwner,
  effectiveSilentDays,
  expandOwner,
  implausibleReasons,
  judgeRow,
  keysSharing,
  layoutOf,
  nameGrams,
  ownerIndicators,
  riskScore,
  searchGrams,
  silentSince,
  statusKey,
  type MeetingTally,
  type RowState,
} from '../../src/domain/supervision'

const RULES = effectiveRules(DEFAULT_KIND_RULES, [])
const EMPTY: RowState = { cells: [], sums: [], flags: [] }
const DAY = 86_400_000

function tally(id: string, date: string, over: Partial<MeetingTally> = {}): MeetingTally {
  const startAt = fromBeijing(date, '15:00')
  return {
    id,
    kind: 'theme_day',
    startAt,
    endAt: startAt + 2 * 3_600_000,
    cancelled: false,
    attendanceRecordedAt: null,
    minutesFinalizedAt: null,
    quorumMet: null,
    owner: 'b1',
    minutesLate: false,
    participants: 10,
    attendance: null,
    ...over,
  }
}

const held = (t: MeetingTally, late = false): MeetingTally => ({
  ...t,
  attendanceRecordedAt: t.endAt,
  minutesFinalizedAt: t.endAt + DAY,
  minutesLate: late,
  attendance: { expected: 10, present: 9, signIns: 9, manual: 1, offline: 0, remote: 2 },
})

test('a row kept write by write equals the row built from the final meetings', () => {
  const a = tally('a', '2026-03-05')
  const b = tally('b', '2026-03-20')
  const c = tally('c', '2026-04-02', { kind: 'committee_meeting' })
  let kept = EMPTY
  const step = (before: MeetingTally | null, after: MeetingTally | null) => {
    kept = applyMeetingToRow(kept, before, after, RULES, 2026)
  }
  step(null, a)
  step(null, b)
  step(a, held(a, true))
  step(null, c)
  step(c, { ...c, startAt: fromBeijing('2026-05-02', '15:00'), endAt: fromBeijing('2026-05-02', '17:00') })
  step(b, { ...b, cancelled: true })
  const finalC = { ...c, startAt: fromBeijing('2026-05-02', '15:00'), endAt: fromBeijing('2026-05-02', '17:00') }
  let fresh = EMPTY
  for (const m of [held(a, true), { ...b, cancelled: true }, finalC])
    fresh = applyMeetingToRow(fresh, null, m, RULES, 2026)
  const sortCells = (s: RowState) =>
    [...s.cells].sort((x, y) => `${x.kind}${x.period}`.localeCompare(`${y.kind}${y.period}`))
  // Cells emptied by a move stay as empty counters; compare the cells that hold something.
  const nonEmpty = (s: RowState) =>
    sortCells(s).filter((x) => x.counter.counted || x.counter.scheduledFuture.length || x.meetings.length)
  expect(nonEmpty(kept)).toEqual(nonEmpty(fresh))
  expect(kept.sums).toEqual(fresh.sums)
  expect(kept.flags).toEqual(fresh.flags)
  expect(kept.cells.find((x) => x.period === '2026-03')).toMatchObject({ lateCounted: 1, meetings: [['a', a.startAt]] })
})

test('a meeting of another year leaves the row alone; moving across the new year leaves one and enters the other', () => {
  const m = tally('m', '2026-12-30')
  const row2026 = applyMeetingToRow(EMPTY, null, m, RULES, 2026)
  expect(applyMeetingToRow(EMPTY, null, m, RULES, 2027)).toBe(EMPTY)
  const moved = { ...m, startAt: fromBeijing('2027-01-04', '15:00'), endAt: fromBeijing('2027-01-04', '17:00') }
  const left = applyMeetingToRow(row2026, m, moved, RULES, 2026)
  expect(left.cells.flatMap((x) => x.meetings)).toEqual([])
  expect(applyMeetingToRow(EMPTY, m, moved, RULES, 2027).cells[0]).toMatchObject({ period: '2027-01' })
})

test('flags: short, at night, all by hand; an unheld or cancelled meeting is never flagged', () => {
  const base = held(tally('n', '2026-03-05'))
  expect(implausibleReasons(base)).toEqual([])
  expect(implausibleReasons({ ...base, endAt: base.startAt + 14 * 60_000 })).toEqual(['short'])
  expect(implausibleReasons({ ...base, endAt: base.startAt + 15 * 60_000 })).toEqual([])
  const at = (time: string) => ({
    ...base,
    startAt: fromBeijing('2026-03-05', time),
    endAt: fromBeijing('2026-03-05', time) + 3_600_000,
  })
  expect(implausibleReasons(at('22:00'))).toEqual(['night'])
  expect(implausibleReasons(at('21:59'))).toEqual([])
  expect(implausibleReasons(at('05:59'))).toEqual(['night'])
  expect(implausibleReasons(at('06:00'))).toEqual([])
  const manual = { ...base, attendance: { ...base.attendance!, manual: 9 } }
  expect(implausibleReasons(manual)).toEqual(['all_manual'])
  expect(implausibleReasons({ ...manual, cancelled: true })).toEqual([])
  expect(implausibleReasons({ ...manual, attendanceRecordedAt: null })).toEqual([])
  // 补登 (代为登记 after the limit) asks for a second look; summaries from before issue 18 have no count.
  const belated = { ...base, attendance: { ...base.attendance!, belated: 1 } }
  expect(implausibleReasons(belated)).toEqual(['belated'])
  expect(implausibleReasons({ ...belated, attendance: { ...base.attendance!, belated: 0 } })).toEqual([])
  expect(implausibleReasons({ ...belated, cancelled: true })).toEqual([])
})

test('the attendance summary counts participants only', () => {
  const people = [
    { guest: false, state: 'present', via: 'manual', offline: false, belated: true },
    { guest: false, state: 'present', via: 'qr', offline: true },
    { guest: false, state: 'remote', via: 'remote', offline: false },
    { guest: false, state: 'absent', via: null, offline: false, belated: true },
    { guest: true, state: 'present', via: 'manual', offline: false, belated: true },
  ]
  expect(attendanceSummaryOf({ expected: 4, present: 3, people })).toEqual({
    expected: 4,
    present: 3,
    signIns: 3,
    manual: 1,
    offline: 1,
    remote: 1,
    belated: 1,
  })
})

test('cell statuses: 已完成 only when the quota holds without 补录', () => {
  const done = { status: 'done' as const, counted: 1, required: 1, scheduled: 0, atRisk: false, reason: '' }
  expect(cellStatusOf(done, 0)).toBe('done')
  expect(cellStatusOf(done, 1)).toBe('backfilled')
  expect(cellStatusOf({ ...done, counted: 2 }, 1)).toBe('done')
  expect(cellStatusOf({ ...done, status: 'in_progress' }, 0)).toBe('upcoming')
  expect(cellStatusOf({ ...done, status: 'due' }, 0)).toBe('upcoming')
  expect(cellStatusOf({ ...done, status: 'overdue' }, 0)).toBe('overdue')
  expect(cellStatusOf({ ...done, status: 'missed' }, 0)).toBe('missed')
})

test('the risk score: one 逾期 outweighs months of silence; days count up to a year', () => {
  const quiet = { overdue: 0, missed: 0, backfilled: 0, mobileAtRisk: 0 }
  expect(riskScore({ ...quiet, daysSinceLast: 0 })).toBe(0)
  expect(riskScore({ ...quiet, overdue: 1, daysSinceLast: 0 })).toBeGreaterThan(
    riskScore({ ...quiet, daysSinceLast: 90 }),
  )
  expect(riskScore({ ...quiet, daysSinceLast: 400 })).toBe(riskScore({ ...quiet, daysSinceLast: null }))
  expect(riskScore({ overdue: 1, missed: 2, backfilled: 1, mobileAtRisk: 1, daysSinceLast: 5 })).toBe(
    100 + 120 + 20 + 30 + 5,
  )
})

test('status sets: "any of these" finds every set sharing one', () => {
  expect(statusKey(['overdue', 'done', 'done'])).toBe('done+overdue')
  const keys = keysSharing(['overdue'])
  expect(keys).toHaveLength(16)
  expect(keys).toContain('overdue')
  expect(keys).toContain('done+backfilled+overdue+missed+upcoming')
  expect(keys).not.toContain('done+missed')
  expect(keysSharing(['done', 'missed', 'overdue', 'upcoming', 'backfilled'])).toHaveLength(31)
})

test('search pieces: every piece of a name a search can ask for', () => {
  expect(nameGrams('第一支部')).toEqual(expect.arrayContaining(['第', '一', '第一', '一支', '支部']))
  expect(searchGrams(' 一 ')).toEqual(['一'])
  expect(searchGrams('第一支')).toEqual(['第一', '一支'])
  for (const q of searchGrams('一支部')) expect(nameGrams('第一支部')).toContain(q)
})

test('a judged row packs and unpacks to the same cells', () => {
  let state = applyMeetingToRow(EMPTY, null, held(tally('a', '2026-03-05')), RULES, 2026)
  state = applyMeetingToRow(state, null, tally('g', '2026-04-12', { kind: 'group_meeting', owner: 'g1' }), RULES, 2026)
  const now = fromBeijing('2026-04-20', '10:00')
  const j = judgeRow(state, ['g1'], 'b1', RULES, 2026, now, 0)
  const columns = columnsOfLayout(layoutOf(RULES), 2026)
  const packed = compactOwner({ id: 'b1', name: '支部', group: false }, j.branch.cells, j.branch.sums, j.branch.flags)
  expect(expandOwner(packed, columns)).toEqual(
    j.branch.cells.map((c) => (c.status === 'done' ? { ...c, meetingIds: [] } : c)),
  )
  const group = compactOwner({ id: 'g1', name: '小组', group: true }, j.groups[0].cells, j.groups[0].sums, [])
  expect(expandOwner(group, columns).find((c) => c.period === '2026-04')).toMatchObject({
    status: 'overdue',
    meetingIds: ['g'],
  })
  expect(expandOwner(packed, columns, ['theme_day']).every((c) => c.kind === 'theme_day')).toBe(true)
  // The figures come back as judged, and days since are worked out when read.
  expect(ownerIndicators(packed, now, 0)).toEqual(j.branch.indicators)
  expect(ownerIndicators(packed, now + 3 * DAY, 0).daysSinceLast).toBe(j.branch.indicators.daysSinceLast! + 3)
  // The next change is a deadline still to come.
  expect(j.nextChangeAt).toBe(fromBeijing('2026-05-01', '00:00'))
})

test('silence: more than the rule’s days since the last meeting; the nearest 党委 setting wins', () => {
  const last = fromBeijing('2026-10-06', '15:00')
  expect(silentSince(last, 0, last + 30 * DAY, 30)).toBeNull()
  expect(silentSince(last, 0, last + 30 * DAY + 1, 30)).toBe(last)
  expect(silentSince(null, 1000, 1000 + 31 * DAY, 30)).toBe(1000)
  expect(effectiveSilentDays([])).toBe(30)
  expect(effectiveSilentDays([{ silentDays: 45 }, {}, { silentDays: 20 }])).toBe(20)
})
