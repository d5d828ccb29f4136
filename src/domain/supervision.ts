/**
 * The 党委's supervision of its branches (issue 14): the year matrix's cells and indicators, the
 * risk score rows are sorted by, the checks that flag a meeting as implausible, and when a silent
 * branch is escalated. Pure: the server passes in maintained state and the time.
 *
 * The server keeps one row state per branch and year (`supervision_rows`), updated in the same
 * transaction as every meeting write (`applyMeetingToRow`, called next to the compliance counters)
 * and every 阅签; the matrix reads those states only, never meetings. A cell's status depends on
 * when it is read (a deadline may pass), so it is judged at read time from the per-cell counter with
 * the very rule the 首页 uses (`statusFromCounter`).
 */
import { beijing, fromBeijing } from './beijing-time'
import {
  applyMeetingChange,
  countsTowardQuota,
  emptyCounter,
  statusFromCounter,
  type ComplianceResult,
  type MeetingFacts,
  type PeriodCounter,
} from './compliance'
import type { EffectiveKindRule } from './kind-rules'
import { DEFAULT_KIND_RULES, type MeetingKind } from './meeting-kinds'
import type { OrgKind } from './org'
import { periodSpan, periodsOfYear, type PeriodSpan } from './periods'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

// ---- vocabulary ----

/** A cell's status in the year matrix. */
export const CELL_STATUSES = ['done', 'backfilled', 'overdue', 'missed', 'upcoming'] as const
export type CellStatus = (typeof CELL_STATUSES)[number]

export const CELL_STATUS_LABELS: Record<CellStatus, string> = {
  done: '已完成',
  backfilled: '补录',
  overdue: '逾期',
  missed: '未完成',
  upcoming: '待召开',
}

/** Why a meeting is flagged for a second look. */
export const FLAG_REASONS = ['short', 'night', 'all_manual', 'belated'] as const
export type FlagReason = (typeof FLAG_REASONS)[number]

/** A meeting shorter than this is flagged 'short'. */
export const SHORT_MEETING_MS = 15 * MINUTE
/** A meeting starting at or after NIGHT_FROM_HOUR or before NIGHT_UNTIL_HOUR (Beijing) is flagged 'night'. */
export const NIGHT_FROM_HOUR = 22
export const NIGHT_UNTIL_HOUR = 6

export const FLAG_LABELS: Record<FlagReason, string> = {
  short: '会议时长不足 15 分钟',
  night: '会议在夜间（22:00–6:00）召开',
  all_manual: '全部签到均为代为登记',
  belated: '有补登（会后超过时限才代为登记的出席），建议复核',
}

/** Meeting ids a cell keeps (earliest first); the branch's calendar has the rest. */
export const CELL_MEETING_IDS = 3
/** Flags a row keeps (latest meetings first). */
export const MAX_ROW_FLAGS = 30

// ---- the views (re-exported by api/views-supervision.ts) ----

/** One column of the matrix: a kind in one of its periods of the year. */
export interface MatrixColumn {
  kind: MeetingKind
  /** The period key: `2026-03`, `2026-Q1`, `2026-H1` or `2026`. */
  period: string
  /** For people, e.g. `主题党日 3月`, `党课 第一季度`, `组织生活会 全年`. */
  label: string
}

/** One cell: the quota of one kind in one period for one row's org. */
export interface MatrixCell {
  kind: MeetingKind
  period: string
  status: CellStatus
  /** Some meetings behind the cell (held, scheduled or awaiting minutes), earliest first; at most CELL_MEETING_IDS. */
  meetingIds: string[]
}

/**
 * A row's figures for the year. Shares and rates are fractions 0–1, null when there is nothing to
 * divide by yet.
 */
export interface MatrixIndicators {
  /** Meetings that count toward their quota with minutes finalized in time (not 补录). */
  onTime: number
  /** Finalized minutes entered late (补录) / finalized minutes. */
  backfillShare: number | null
  /** Sign-ins recorded by hand by the committee (代为登记) / sign-ins, over confirmed attendance. */
  proxyShare: number | null
  /** Sign-ins made offline and sent later (离线补传) / sign-ins. */
  offlineShare: number | null
  /** Remote attendance (远程参会) / sign-ins. */
  remoteShare: number | null
  /** Present / expected, over the meetings whose attendance is confirmed. */
  attendanceRate: number | null
  /** 阅签 confirmations / participants, over finalized minutes. */
  readRate: number | null
  /** Whole days since the start of the last held meeting of the year; null when none. */
  daysSinceLast: number | null
  /** Start of the last held meeting of the year (epoch ms); null when none. */
  lastHeldAt: number | null
  /** 流动党员 in 预警 or 失联风险 (branch rows; 0 on 党小组 rows), as of the daily job. */
  mobileAtRisk: number
}

/** A meeting that looks implausible and deserves a second look; flagged, never scored. */
export interface MatrixFlag {
  meetingId: string
  reason: FlagReason
  /** The reason in Chinese. */
  label: string
}

export interface MatrixRow {
  orgId: string
  name: string
  /** `branch` rows carry the branch's kinds; `group` rows only 党小组会. */
  orgKind: Extract<OrgKind, 'branch' | 'group'>
  /** The 党总支 (or 党委) above a branch; the branch above a 党小组. */
  parentName: string
  /** The branch the row belongs to (itself for a branch row). */
  branchId: string
  cells: MatrixCell[]
  indicators: MatrixIndicators
  flags: MatrixFlag[]
  /** The risk score the `risk` sort uses (higher is worse; `riskScore`); the branch's on its 党小组 rows. */
  risk: number
}

// ---- maintained state ----

/** What attendance.confirm records on the meeting: the board's counts at confirmation. */
export interface AttendanceSummary {
  /** 应到 (participants). */
  expected: number
  /** 实到 (in person + confirmed remote). */
  present: number
  /** Sign-ins of any kind (present people with a sign-in record). */
  signIns: number
  /** 代为登记. */
  manual: number
  /** 离线补传. */
  offline: number
  /** 远程参会. */
  remote: number
  /** 补登: 代为登记 later than the rule allows after the end; absent on summaries recorded before issue 18. */
  belated?: number
}

/**
 * The summary attendance.confirm records, from the board: participants only (列席 guests are not
 * counted); a sign-in is a participant present in person or confirmed remote.
 */
export function attendanceSummaryOf(board: {
  expected: number
  present: number
  people: readonly {
    guest: boolean
    state: string
    via: string | null
    offline: boolean
    belated?: boolean
  }[]
}): AttendanceSummary {
  const signedIn = board.people.filter((p) => !p.guest && (p.state === 'present' || p.state === 'remote'))
  return {
    expected: board.expected,
    present: board.present,
    signIns: signedIn.length,
    manual: signedIn.filter((p) => p.via === 'manual').length,
    offline: signedIn.filter((p) => p.offline).length,
    remote: signedIn.filter((p) => p.state === 'remote').length,
    belated: signedIn.filter((p) => p.belated === true).length,
  }
}

/** A meeting as the row sees it. */
export interface MeetingTally extends MeetingFacts {
  /** The org that owes it: the 党小组 for a 党小组会, else the branch. */
  owner: string
  minutesLate: boolean
  /** Participants, who are to 阅签 the final minutes. */
  participants: number
  attendance: AttendanceSummary | null
}

/** Sums over one owner's meetings of a year. */
export interface YearSums {
  held: number
  finalized: number
  onTime: number
  backfilled: number
  signIns: number
  manual: number
  offline: number
  remote: number
  present: number
  expected: number
  readsExpected: number
  readsConfirmed: number
  /** Start of the latest held meeting; not lowered when a held meeting is removed. */
  lastHeldAt: number | null
}

export interface CellState {
  owner: string
  kind: MeetingKind
  period: string
  counter: PeriodCounter
  /** Counted meetings whose minutes were 补录. */
  lateCounted: number
  /** `[meetingId, startAt]`, earliest first, at most CELL_MEETING_IDS. */
  meetings: [string, number][]
}

export interface RowFlag {
  meetingId: string
  owner: string
  startAt: number
  reason: FlagReason
}

/** One branch's year as the matrix reads it. */
export interface RowState {
  cells: CellState[]
  sums: ({ owner: string } & YearSums)[]
  flags: RowFlag[]
}

export function emptySums(): YearSums {
  return {
    held: 0,
    finalized: 0,
    onTime: 0,
    backfilled: 0,
    signIns: 0,
    manual: 0,
    offline: 0,
    remote: 0,
    present: 0,
    expected: 0,
    readsExpected: 0,
    readsConfirmed: 0,
    lastHeldAt: null,
  }
}

type Additive = Exclude<keyof YearSums, 'lastHeldAt'>
const ADDITIVE: Additive[] = [
  'held',
  'finalized',
  'onTime',
  'backfilled',
  'signIns',
  'manual',
  'offline',
  'remote',
  'present',
  'expected',
  'readsExpected',
  'readsConfirmed',
]

/** What one meeting adds to its owner's sums (zero for a cancelled or unheld one). */
export function tallyOf(m: MeetingTally): Record<Additive, number> {
  const out = Object.fromEntries(ADDITIVE.map((k) => [k, 0])) as Record<Additive, number>
  if (m.cancelled) return out
  const held = m.attendanceRecordedAt !== null
  const final = m.minutesFinalizedAt !== null
  out.held = held ? 1 : 0
  out.finalized = final ? 1 : 0
  out.onTime = countsTowardQuota(m) && !m.minutesLate ? 1 : 0
  out.backfilled = final && m.minutesLate ? 1 : 0
  out.readsExpected = final ? m.participants : 0
  if (held && m.attendance) {
    out.signIns = m.attendance.signIns
    out.manual = m.attendance.manual
    out.offline = m.attendance.offline
    out.remote = m.attendance.remote
    out.present = m.attendance.present
    out.expected = m.attendance.expected
  }
  return out
}

/** `a + sign × b`, field by field; `lastHeldAt` is the later of the two. */
export function addSums(a: YearSums, b: Partial<YearSums>, sign: 1 | -1 = 1): YearSums {
  const out = { ...a }
  for (const k of ADDITIVE) out[k] = a[k] + sign * (b[k] ?? 0)
  const last = b.lastHeldAt ?? null
  out.lastHeldAt = a.lastHeldAt === null ? last : last === null ? a.lastHeldAt : Math.max(a.lastHeldAt, last)
  return out
}

/** The Beijing year a meeting belongs to (that of its start). */
export function yearOf(startAt: number): number {
  return beijing(startAt).year()
}

/** Why a held meeting looks implausible (none for a plausible or unheld one). */
export function implausibleReasons(
  m: Pick<MeetingTally, 'startAt' | 'endAt' | 'cancelled' | 'attendanceRecordedAt' | 'attendance'>,
): FlagReason[] {
  if (m.cancelled || m.attendanceRecordedAt === null) return []
  const out: FlagReason[] = []
  if (m.endAt - m.startAt < SHORT_MEETING_MS) out.push('short')
  const hour = beijing(m.startAt).hour()
  if (hour >= NIGHT_FROM_HOUR || hour < NIGHT_UNTIL_HOUR) out.push('night')
  if (m.attendance && m.attendance.signIns > 0 && m.attendance.manual === m.attendance.signIns) out.push('all_manual')
  if ((m.attendance?.belated ?? 0) > 0) out.push('belated')
  return out
}

function spanOf(m: Pick<MeetingFacts, 'kind' | 'startAt'>, rules: readonly EffectiveKindRule[]): PeriodSpan | null {
  const rule = rules.find((r) => r.kind === m.kind)
  if (!rule || rule.audience === 'pair') return null
  return periodSpan(m.startAt, rule.period)
}

/**
 * The row state of `year` after one meeting changed from `before` to `after` (null: absent). Parts
 * of either outside `year` are ignored, so the server passes the same pair to both years' rows when
 * a meeting moves across a new year. Replaying the same change leaves the state as it was.
 */
export function applyMeetingToRow(
  state: RowState,
  before: MeetingTally | null,
  after: MeetingTally | null,
  rules: readonly EffectiveKindRule[],
  year: number,
): RowState {
  const inYear = (m: MeetingTally | null): m is MeetingTally => !!m && yearOf(m.startAt) === year
  const was = inYear(before) ? before : null
  const is = inYear(after) ? after : null
  if (!was && !is) return state
  const id = (was ?? is)!.id

  // Cells: every (owner, kind, period) the meeting was or is in, each once.
  const touched: { owner: string; kind: MeetingKind; span: PeriodSpan }[] = []
  for (const m of [was, is]) {
    const span = m && spanOf(m, rules)
    if (!m || !span) continue
    if (!touched.some((t) => t.owner === m.owner && t.kind === m.kind && t.span.key === span.key)) {
      touched.push({ owner: m.owner, kind: m.kind, span })
    }
  }
  let cells = state.cells
  for (const { owner, kind, span } of touched) {
    const at = cells.findIndex((c) => c.owner === owner && c.kind === kind && c.period === span.key)
    const cell: CellState =
      at >= 0 ? cells[at] : { owner, kind, period: span.key, counter: emptyCounter(), lateCounted: 0, meetings: [] }
    const belongs = (x: MeetingTally | null) =>
      x && x.owner === owner && x.kind === kind && x.startAt >= span.start && x.startAt < span.end ? x : null
    const b = belongs(was)
    const a = belongs(is)
    const late = (x: MeetingTally | null) => (x && countsTowardQuota(x) && x.minutesLate ? 1 : 0)
    const meetings = cell.meetings.filter(([mid]) => mid !== id)
    if (a && !a.cancelled) meetings.push([a.id, a.startAt])
    meetings.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    const next: CellState = {
      ...cell,
      counter: applyMeetingChange(cell.counter, b, a, span, kind),
      lateCounted: cell.lateCounted - late(b) + late(a),
      meetings: meetings.slice(0, CELL_MEETING_IDS),
    }
    cells = at >= 0 ? cells.map((c, i) => (i === at ? next : c)) : [...cells, next]
  }

  // Sums of the owner(s).
  let sums = state.sums
  const bump = (m: MeetingTally, sign: 1 | -1) => {
    const at = sums.findIndex((s) => s.owner === m.owner)
    const base = at >= 0 ? sums[at] : { owner: m.owner, ...emptySums() }
    const held = sign === 1 && !m.cancelled && m.attendanceRecordedAt !== null ? m.startAt : null
    const next = { ...addSums(base, { ...tallyOf(m), lastHeldAt: held }, sign), owner: m.owner }
    sums = at >= 0 ? sums.map((s, i) => (i === at ? next : s)) : [...sums, next]
  }
  if (was) bump(was, -1)
  if (is) bump(is, 1)

  // Flags: this meeting's, replaced.
  const flags = state.flags.filter((f) => f.meetingId !== id)
  if (is) {
    for (const reason of implausibleReasons(is))
      flags.push({ meetingId: is.id, owner: is.owner, startAt: is.startAt, reason })
  }
  flags.sort((x, y) => y.startAt - x.startAt || x.meetingId.localeCompare(y.meetingId))
  return { cells, sums, flags: flags.slice(0, MAX_ROW_FLAGS) }
}

/** One more (or, replayed, the same) 阅签 of a finalized meeting's minutes, on its owner's sums. */
export function addRead(state: RowState, owner: string): RowState {
  const at = state.sums.findIndex((s) => s.owner === owner)
  const base = at >= 0 ? state.sums[at] : { owner, ...emptySums() }
  const next = { ...base, readsConfirmed: base.readsConfirmed + 1 }
  return { ...state, sums: at >= 0 ? state.sums.map((s, i) => (i === at ? next : s)) : [...state.sums, next] }
}

// ---- reading ----

const COLUMN_PERIOD_LABEL: Record<PeriodSpan['period'], (span: PeriodSpan) => string> = {
  month: (s) => `${Number(s.key.slice(5))}月`,
  quarter: (s) => s.label.slice(5),
  half: (s) => s.label.slice(5),
  year: () => '全年',
}

/** The columns of a year: each kind the rules owe (谈心谈话 is per pair, not a column) × its periods. */
export function yearColumns(
  rules: readonly EffectiveKindRule[],
  year: number,
  kinds?: readonly MeetingKind[],
): (MatrixColumn & { span: PeriodSpan; rule: EffectiveKindRule })[] {
  return rules
    .filter((r) => r.audience !== 'pair' && (!kinds || kinds.includes(r.kind)))
    .flatMap((rule) =>
      periodsOfYear(year, rule.period).map((span) => ({
        kind: rule.kind,
        period: span.key,
        label: `${rule.label} ${COLUMN_PERIOD_LABEL[span.period](span)}`,
        span,
        rule,
      })),
    )
}

/** A cell's status from its compliance result and how many of its counted meetings were 补录. */
export function cellStatusOf(result: ComplianceResult, lateCounted: number): CellStatus {
  switch (result.status) {
    case 'done':
      return result.counted - lateCounted < result.required ? 'backfilled' : 'done'
    case 'overdue':
      return 'overdue'
    case 'missed':
      return 'missed'
    case 'due':
    case 'in_progress':
      return 'upcoming'
  }
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** A row's indicators from its sums at `now`. */
export function indicatorsOf(sums: YearSums, now: number, mobileAtRisk: number): MatrixIndicators {
  return {
    onTime: sums.onTime,
    backfillShare: share(sums.backfilled, sums.finalized),
    proxyShare: share(sums.manual, sums.signIns),
    offlineShare: share(sums.offline, sums.signIns),
    remoteShare: share(sums.remote, sums.signIns),
    attendanceRate: share(sums.present, sums.expected),
    readRate: share(sums.readsConfirmed, sums.readsExpected),
    daysSinceLast: sums.lastHeldAt === null ? null : Math.max(0, Math.floor((now - sums.lastHeldAt) / DAY)),
    lastHeldAt: sums.lastHeldAt,
    mobileAtRisk,
  }
}

/** What the risk score is made of. */
export interface RiskFactors {
  overdue: number
  missed: number
  backfilled: number
  daysSinceLast: number | null
  mobileAtRisk: number
}

/** Days since the last meeting count up to this in the risk score; none this year counts as this. */
export const RISK_DAYS_CAP = 365

/**
 * The risk score (higher is worse): 100 per 逾期 cell (a quota due now and not met), 60 per 未完成
 * cell (a past period missed), 30 per 流动党员 in 预警 or 失联风险, 20 per 补录 cell, plus the days
 * since the last held meeting (at most RISK_DAYS_CAP; none this year counts as the cap). So one
 * 逾期 outweighs three months of silence, and silence breaks ties among branches with equal gaps.
 */
export function riskScore(f: RiskFactors): number {
  const days = Math.min(f.daysSinceLast ?? RISK_DAYS_CAP, RISK_DAYS_CAP)
  return 100 * f.overdue + 60 * f.missed + 30 * f.mobileAtRisk + 20 * f.backfilled + days
}

/** The key of a set of statuses, in CELL_STATUSES order (`done+overdue`); order and repeats do not matter. */
export function statusKey(statuses: readonly CellStatus[]): string {
  return CELL_STATUSES.filter((s) => statuses.includes(s)).join('+')
}

/**
 * Every set of statuses a row may have that shares at least one with `wanted`, as keys: a row
 * stores the key of its own set, and "any of these statuses" is one `in` over at most 31 keys.
 */
export function keysSharing(wanted: readonly CellStatus[]): string[] {
  const out: string[] = []
  for (let mask = 1; mask < 1 << CELL_STATUSES.length; mask += 1) {
    const set = CELL_STATUSES.filter((_, i) => mask & (1 << i))
    if (set.some((s) => wanted.includes(s))) out.push(statusKey(set))
  }
  return out
}

/** Every one- and two-character piece of a name, for search by part of it. */
export function nameGrams(name: string): string[] {
  const chars = [...name.toLowerCase()]
  const out = new Set<string>(chars)
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i] + chars[i + 1])
  return [...out]
}

/** The pieces a search must find in a name (all of them; the caller also checks the whole text). */
export function searchGrams(query: string): string[] {
  const chars = [...query.trim().toLowerCase()]
  if (chars.length <= 1) return chars
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i] + chars[i + 1])
  return [...out]
}

/** A branch's rows judged at `now`: the branch's own, then one per 党小组 (when 党小组会 is shown). */
export interface JudgedRows {
  branch: { cells: MatrixCell[]; sums: YearSums; indicators: MatrixIndicators; flags: MatrixFlag[] }
  groups: { id: string; cells: MatrixCell[]; sums: YearSums; indicators: MatrixIndicators; flags: MatrixFlag[] }[]
  /** Every status among the branch's and its groups' cells. */
  statuses: CellStatus[]
  risk: number
  /** The earliest instant after `now` at which a cell's status may change by time alone; null: never. */
  nextChangeAt: number | null
}

/**
 * Judges a branch's year at `now`: each column's cell for the branch (or, for 党小组会, for each of
 * its groups), its indicators, flags, statuses and risk score. Takes the row state, the group ids,
 * the rules in force, the year, `now` (epoch ms), the 流动党员 at risk and optionally the kinds to show.
 */
export function judgeRow(
  state: RowState,
  groupIds: readonly string[],
  branchId: string,
  rules: readonly EffectiveKindRule[],
  year: number,
  now: number,
  mobileAtRisk: number,
  kinds?: readonly MeetingKind[],
): JudgedRows {
  const cellsByKey = new Map(state.cells.map((c) => [`${c.owner}|${c.kind}|${c.period}`, c]))
  const statuses = new Set<CellStatus>()
  const counts: Record<CellStatus, number> = { done: 0, backfilled: 0, overdue: 0, missed: 0, upcoming: 0 }
  let nextChangeAt: number | null = null
  const soonest = (t: number) => {
    if (t > now && (nextChangeAt === null || t < nextChangeAt)) nextChangeAt = t
  }
  const cellsFor = (owner: string, group: boolean): MatrixCell[] =>
    yearColumns(rules, year, kinds)
      .filter((col) => (col.rule.audience === 'group') === group)
      .map((col) => {
        const cell = cellsByKey.get(`${owner}|${col.kind}|${col.period}`)
        const counter = cell?.counter ?? emptyCounter()
        const status = cellStatusOf(statusFromCounter(counter, col.rule, col.span, now), cell?.lateCounted ?? 0)
        statuses.add(status)
        counts[status] += 1
        soonest(col.span.start)
        soonest(col.span.end)
        for (const e of counter.scheduledFuture) [e.startAt, e.endAt, e.endAt + col.rule.minutesDueMs].forEach(soonest)
        for (const e of [...counter.awaitingMinutes, ...counter.quorumFailed]) {
          ;[e.endAt, e.endAt + col.rule.minutesDueMs].forEach(soonest)
        }
        return { kind: col.kind, period: col.period, status, meetingIds: (cell?.meetings ?? []).map(([id]) => id) }
      })
  const sumsOf = (owners: readonly string[]) =>
    state.sums.filter((s) => owners.includes(s.owner)).reduce<YearSums>((acc, s) => addSums(acc, s), emptySums())
  const flagsOf = (owners: readonly string[]): MatrixFlag[] =>
    state.flags
      .filter((f) => owners.includes(f.owner))
      .map((f) => ({ meetingId: f.meetingId, reason: f.reason, label: FLAG_LABELS[f.reason] }))
  const branchCells = cellsFor(branchId, false)
  const groups = groupIds.map((id) => ({
    id,
    cells: cellsFor(id, true),
    sums: sumsOf([id]),
    indicators: indicatorsOf(sumsOf([id]), now, 0),
    flags: flagsOf([id]),
  }))
  const all = [branchId, ...groupIds, ...state.sums.map((s) => s.owner)]
  const branchSums = sumsOf([...new Set(all)])
  const indicators = indicatorsOf(branchSums, now, mobileAtRisk)
  return {
    branch: { cells: branchCells, sums: branchSums, indicators, flags: flagsOf([...new Set(all)]) },
    groups,
    statuses: [...statuses],
    risk: riskScore({
      overdue: counts.overdue,
      missed: counts.missed,
      backfilled: counts.backfilled,
      daysSinceLast: indicators.daysSinceLast,
      mobileAtRisk,
    }),
    nextChangeAt,
  }
}

// ---- the compact row the matrix pages read ----

/** One letter per status, for the compact rows. */
export const STATUS_CODES: Record<CellStatus, string> = {
  done: 'D',
  backfilled: 'B',
  overdue: 'O',
  missed: 'M',
  upcoming: 'U',
}
const STATUS_BY_CODE = Object.fromEntries(Object.entries(STATUS_CODES).map(([k, v]) => [v, k])) as Record<
  string,
  CellStatus
>

/**
 * The column layout a branch's rules give: each owed kind with its period, in the rules' order
 * (`branch_congress.quarter,committee_meeting.month,…`). Columns are rebuilt from it without the rules.
 */
export function layoutOf(rules: readonly EffectiveKindRule[]): string {
  return rules
    .filter((r) => r.audience !== 'pair')
    .map((r) => `${r.kind}.${r.period}`)
    .join(',')
}

/** A branch's or a 党小组's row, judged and packed: what a matrix page reads. */
export interface CompactOwner {
  id: string
  name: string
  group: boolean
  /** One STATUS_CODES letter per column of the layout that applies (党小组会 for a group, the rest for the branch). */
  s: string
  /** Meeting ids of the cells that are not 已完成, by column index. */
  ids: [number, string[]][]
  /** The owner's sums packed (`packSums`); its indicators are worked out when read, so days since are current. */
  n: number[]
  flags: MatrixFlag[]
}

/** Sums as a short list of numbers, in a fixed order (`lastHeldAt` −1 for none). */
export function packSums(s: YearSums): number[] {
  return [...ADDITIVE.map((k) => s[k]), s.lastHeldAt ?? -1]
}

/** The sums `packSums` packed. */
export function unpackSums(n: readonly number[]): YearSums {
  const out = emptySums()
  ADDITIVE.forEach((k, i) => {
    out[k] = n[i] ?? 0
  })
  const last = n[ADDITIVE.length]
  out.lastHeldAt = last === undefined || last < 0 ? null : last
  return out
}

/** Packs judged cells (in their column order) with the owner's sums and flags. */
export function compactOwner(
  owner: { id: string; name: string; group: boolean },
  cells: readonly MatrixCell[],
  sums: YearSums,
  flags: MatrixFlag[],
): CompactOwner {
  return {
    ...owner,
    s: cells.map((c) => STATUS_CODES[c.status]).join(''),
    ids: cells.flatMap((c, i): [number, string[]][] =>
      c.status !== 'done' && c.meetingIds.length > 0 ? [[i, c.meetingIds]] : [],
    ),
    n: packSums(sums),
    flags,
  }
}

/** A packed owner's indicators at `now` (the branch's 流动党员 count goes on the branch row only). */
export function ownerIndicators(owner: CompactOwner, now: number, mobileAtRisk: number): MatrixIndicators {
  return indicatorsOf(unpackSums(owner.n), now, owner.group ? 0 : mobileAtRisk)
}

/** The columns of a layout in a year, each marked as a 党小组's or the branch's. */
export function columnsOfLayout(layout: string, year: number): (MatrixColumn & { group: boolean })[] {
  return layout
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [kind, period] = part.split('.') as [MeetingKind, PeriodSpan['period']]
      const rule = DEFAULT_KIND_RULES.find((r) => r.kind === kind)!
      return periodsOfYear(year, period).map((span) => ({
        kind,
        period: span.key,
        label: `${rule.label} ${COLUMN_PERIOD_LABEL[span.period](span)}`,
        group: rule.audience === 'group',
      }))
    })
}

/** Unpacks an owner's cells against its layout's columns, keeping only `kinds` when given. */
export function expandOwner(
  owner: CompactOwner,
  columns: readonly (MatrixColumn & { group: boolean })[],
  kinds?: readonly MeetingKind[],
): MatrixCell[] {
  const mine = columns.filter((c) => c.group === owner.group)
  const ids = new Map(owner.ids)
  const out: MatrixCell[] = []
  mine.forEach((col, i) => {
    if (kinds && !kinds.includes(col.kind)) return
    out.push({
      kind: col.kind,
      period: col.period,
      status: STATUS_BY_CODE[owner.s[i]] ?? 'upcoming',
      meetingIds: ids.get(i) ?? [],
    })
  })
  return out
}

// ---- escalation ----

/** A branch with no organizational life for this many days is escalated to its 党委. */
export const DEFAULT_SILENT_DAYS = 30

/**
 * A 党委's (or 党总支's) supervision rules, kept in `rule_sets` under `supervision.<orgId>`; the
 * nearest org on a branch's path that sets a value wins.
 */
export interface SupervisionRuleSet {
  kind: 'supervision'
  orgId: string
  /** Days without organizational life after which the 党委 is told. */
  silentDays?: number
}

export function supervisionRuleSetId(orgId: string): string {
  return `supervision.${orgId}`
}

/** The silent-days rule in force: the nearest set along the path (root first), else the default. */
export function effectiveSilentDays(setsRootFirst: readonly Pick<SupervisionRuleSet, 'silentDays'>[]): number {
  let days = DEFAULT_SILENT_DAYS
  for (const s of setsRootFirst) if (typeof s.silentDays === 'number' && s.silentDays > 0) days = s.silentDays
  return days
}

/**
 * Whether a branch is silent at `now`: more than `days` × 24 h since its last held meeting, or, with
 * none on record, since `since` (the start of the year before). Returns the instant counted from, or
 * null when not silent.
 */
export function silentSince(lastHeldAt: number | null, since: number, now: number, days: number): number | null {
  const from = lastHeldAt ?? since
  return now - from > days * DAY ? from : null
}

/** Escalation causes, most urgent first: a 逾期 quota, then silence. */
export const ESCALATION_URGENCY = ['overdue', 'silent'] as const

/** Start of the Beijing year (epoch ms). */
export function yearStart(year: number): number {
  return fromBeijing(`${year}-01-01`, '00:00')
}
