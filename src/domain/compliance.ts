/**
 * Whether a branch met its quota of one kind of meeting in one period (issue 4 §5).
 *
 * A meeting counts only when it was held (attendance recorded), its minutes are finalized and, where
 * quorum applies, quorum was met — so a quota cannot be met on paper by scheduling alone.
 *
 * The status is computed from a small per-period counter that the server keeps up to date in the
 * same transaction as each meeting write (`applyMeetingChange`), so a dashboard reads one document
 * per branch and kind instead of every meeting. `counterFromMeetings` builds the same counter from
 * raw meetings and `statusFromCounter` is the one decision, so a rebuild and the upkeep can never
 * disagree on wording or edge cases; the unit tests check that incremental upkeep reaches the same
 * counter as a fresh build.
 */
import { beijing, fromBeijing } from './beijing-time'
import { AT_RISK_DAYS, DEFAULT_MINUTES_DUE_MS, minutesDueText } from './deadline-rules'
import { kindRule, type MeetingKind, type MeetingKindRule } from './meeting-kinds'
import { periodSpan, type Period, type PeriodSpan } from './periods'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export type ComplianceStatus = 'done' | 'in_progress' | 'due' | 'overdue' | 'missed'

export const COMPLIANCE_LABELS: Record<ComplianceStatus, string> = {
  done: '已完成',
  in_progress: '进行中',
  due: '待召开',
  overdue: '逾期',
  missed: '未完成',
}

/**
 * Attendance and minutes are due this long after a meeting ends, unless a 党委 sets its own: the one
 * minutes deadline, kept in `deadline-rules.ts` and carried by each effective rule (`minutesDueMs`).
 */
export { DEFAULT_MINUTES_DUE_MS }

/** A period whose quota is not yet covered by scheduled meetings is at risk this close to its end (deadline-rules.ts). */
export { AT_RISK_DAYS }

const PERIOD_WORDS: Record<Period, { current: string; end: string }> = {
  month: { current: '本月', end: '月底' },
  quarter: { current: '本季度', end: '季度末' },
  half: { current: '本半年', end: '半年末' },
  year: { current: '今年', end: '年底' },
}

export interface MeetingFacts {
  id: string
  kind: MeetingKind
  startAt: number
  endAt: number
  cancelled: boolean
  attendanceRecordedAt: number | null
  minutesFinalizedAt: number | null
  /** null where quorum does not apply to the kind, or is not yet known. */
  quorumMet: boolean | null
}

export interface ComplianceResult {
  status: ComplianceStatus
  counted: number
  required: number
  /** Non-cancelled meetings of the period that have not started yet. */
  scheduled: number
  atRisk: boolean
  reason: string
}

/**
 * The per-period counter document. Lists hold what a later `now` still has to judge: whether a
 * meeting has started, or whether its minutes deadline has passed, depends on when it is read.
 */
export interface PeriodCounter {
  counted: number
  /** Not cancelled and not yet recorded as held: upcoming, under way, or ended without attendance. */
  scheduledFuture: { id: string; startAt: number; endAt: number }[]
  /** Held (attendance or minutes recorded) but not yet both, so not yet counted. */
  awaitingMinutes: { id: string; endAt: number }[]
  /** Held with quorum not met: can never count. */
  quorumFailed: { id: string; endAt: number }[]
}

export function emptyCounter(): PeriodCounter {
  return { counted: 0, scheduledFuture: [], awaitingMinutes: [], quorumFailed: [] }
}

/**
 * Whether a meeting without quorum fails to be held: only for kinds whose quorum holds the meeting
 * (支委会, `quorumToHold`); a 党员大会 without quorum is still held, with no vote (issue 16).
 */
function quorumFailedToHold(m: MeetingFacts): boolean {
  return m.quorumMet === false && kindRule(m.kind).quorumToHold
}

export function countsTowardQuota(m: MeetingFacts): boolean {
  return !m.cancelled && m.attendanceRecordedAt !== null && m.minutesFinalizedAt !== null && !quorumFailedToHold(m)
}

type Contribution =
  | { list: 'counted' }
  | { list: 'scheduledFuture'; entry: { id: string; startAt: number; endAt: number } }
  | { list: 'awaitingMinutes' | 'quorumFailed'; entry: { id: string; endAt: number } }

function contributionOf(m: MeetingFacts): Contribution | null {
  if (m.cancelled) return null
  if (countsTowardQuota(m)) return { list: 'counted' }
  if (quorumFailedToHold(m)) return { list: 'quorumFailed', entry: { id: m.id, endAt: m.endAt } }
  if (m.attendanceRecordedAt !== null || m.minutesFinalizedAt !== null) {
    return { list: 'awaitingMinutes', entry: { id: m.id, endAt: m.endAt } }
  }
  return { list: 'scheduledFuture', entry: { id: m.id, startAt: m.startAt, endAt: m.endAt } }
}

function inSpan(ms: number, span: Pick<PeriodSpan, 'start' | 'end'>): boolean {
  return ms >= span.start && ms < span.end
}

function sameContribution(a: Contribution | null, b: Contribution | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Document id of a branch's counter for one kind and period, e.g. `b1:theme_day:2026-10`. */
export function counterKey(branchId: string, kind: MeetingKind, periodKey: string): string {
  return `${branchId}:${kind}:${periodKey}`
}

/** One counter a meeting write touches, with the meeting as that counter sees it before and after. */
export interface CounterDelta {
  key: string
  kind: MeetingKind
  span: PeriodSpan
  before: MeetingFacts | null
  after: MeetingFacts | null
}

/**
 * The counters a meeting write must update: none for an edit that changes nothing they hold (a new
 * place or agenda), one for most changes, two when the meeting moves to another period or kind.
 */
export function counterDeltas(
  branchId: string,
  before: MeetingFacts | null,
  after: MeetingFacts | null,
  rules: readonly MeetingKindRule[],
): CounterDelta[] {
  const deltas: CounterDelta[] = []
  for (const m of [before, after]) {
    if (!m) continue
    const span = periodSpan(m.startAt, kindRule(m.kind, rules).period)
    const key = counterKey(branchId, m.kind, span.key)
    if (deltas.some((d) => d.key === key)) continue
    const here = (x: MeetingFacts | null) => (x && x.kind === m.kind && inSpan(x.startAt, span) ? x : null)
    const delta = { key, kind: m.kind, span, before: here(before), after: here(after) }
    const was = delta.before && contributionOf(delta.before)
    const is = delta.after && contributionOf(delta.after)
    if (!sameContribution(was, is)) deltas.push(delta)
  }
  return deltas
}

/**
 * The counter after one meeting changed from `before` to `after` (null: did not exist / deleted).
 * Only the parts of the meeting that fall in this counter's kind and span are applied, so the
 * server may pass the same pair to every counter `counterDeltas` names.
 */
export function applyMeetingChange(
  counter: PeriodCounter,
  before: MeetingFacts | null,
  after: MeetingFacts | null,
  span: Pick<PeriodSpan, 'start' | 'end'>,
  kind: MeetingKind,
): PeriodCounter {
  const belongs = (m: MeetingFacts | null): m is MeetingFacts => !!m && m.kind === kind && inSpan(m.startAt, span)
  const was = belongs(before) ? contributionOf(before) : null
  const is = belongs(after) ? contributionOf(after) : null
  const ids = new Set([before?.id, after?.id].filter((id): id is string => !!id))
  // Removing by id from every list keeps the lists right even if a write is replayed.
  const next: PeriodCounter = {
    counted: counter.counted - (was?.list === 'counted' ? 1 : 0) + (is?.list === 'counted' ? 1 : 0),
    scheduledFuture: counter.scheduledFuture.filter((e) => !ids.has(e.id)),
    awaitingMinutes: counter.awaitingMinutes.filter((e) => !ids.has(e.id)),
    quorumFailed: counter.quorumFailed.filter((e) => !ids.has(e.id)),
  }
  if (is?.list === 'scheduledFuture') next.scheduledFuture.push(is.entry)
  else if (is && is.list !== 'counted') next[is.list].push(is.entry)
  next.scheduledFuture.sort((a, b) => a.startAt - b.startAt || a.id.localeCompare(b.id))
  next.awaitingMinutes.sort((a, b) => a.endAt - b.endAt || a.id.localeCompare(b.id))
  next.quorumFailed.sort((a, b) => a.endAt - b.endAt || a.id.localeCompare(b.id))
  return next
}

/**
 * The Beijing years whose counters a rule change rebuilds at `now` (epoch ms): the previous, current
 * and next year (plans are made a year ahead), as epoch ms [start, end) and the years themselves.
 */
export function rebuildWindow(now: number): { start: number; end: number; years: number[] } {
  const year = beijing(now).year()
  return {
    start: fromBeijing(`${year - 1}-01-01`, '00:00'),
    end: fromBeijing(`${year + 2}-01-01`, '00:00'),
    years: [year - 1, year, year + 1],
  }
}

/** A counter built from scratch from a period's meetings (those outside `span` or of another kind are ignored). */
export function counterFromMeetings(
  meetings: readonly MeetingFacts[],
  span: Pick<PeriodSpan, 'start' | 'end'>,
  kind: MeetingKind,
): PeriodCounter {
  return meetings.reduce<PeriodCounter>((c, m) => applyMeetingChange(c, null, m, span, kind), emptyCounter())
}

function monthDay(ms: number): string {
  const d = beijing(ms)
  return `${d.month() + 1}月${d.date()}日`
}

function monthDayTime(ms: number): string {
  return `${monthDay(ms)} ${beijing(ms).format('HH:mm')}`
}

function earliest<T extends { id: string }>(entries: readonly T[], at: (e: T) => number): T {
  return entries.reduce((a, b) => (at(b) < at(a) || (at(b) === at(a) && b.id < a.id) ? b : a))
}

/**
 * The status of one kind in one period at `now` (epoch ms), from its counter and the rule in force.
 * Attendance and minutes are overdue (逾期) `minutesDueMs` after a meeting ends: by default the
 * deadline the effective rule carries (`EffectiveKindRule.minutesDueMs`, the one value 补录 reads too),
 * else DEFAULT_MINUTES_DUE_MS for a bare national rule. A quota not covered by scheduled meetings is at
 * risk `rule.atRiskDays` before the period ends (AT_RISK_DAYS for a bare national rule).
 */
export function statusFromCounter(
  counter: PeriodCounter,
  rule: MeetingKindRule & { minutesDueMs?: number; atRiskDays?: number },
  span: PeriodSpan,
  now: number,
  minutesDueMs: number = rule.minutesDueMs ?? DEFAULT_MINUTES_DUE_MS,
): ComplianceResult {
  const required = rule.requiredCount
  const counted = counter.counted
  const upcoming = counter.scheduledFuture.filter((e) => now < e.startAt)
  // Started and not complete: under way, or ended and waiting for attendance and minutes.
  const begun = [...counter.scheduledFuture.filter((e) => e.startAt <= now), ...counter.awaitingMinutes]
  const pending = begun.filter((e) => now <= e.endAt + minutesDueMs)
  const stale = begun.filter((e) => now > e.endAt + minutesDueMs)
  const failedEnded = counter.quorumFailed.filter((e) => e.endAt <= now)
  const failedUnderWay = counter.quorumFailed.filter((e) => e.endAt > now)

  const current = now >= span.start && now < span.end
  const words = PERIOD_WORDS[span.period]
  const when = current ? words.current : span.label
  const label = rule.label
  const due = minutesDueText(minutesDueMs)
  const result = (status: ComplianceStatus, reason: string, atRisk = false): ComplianceResult => ({
    status,
    counted,
    required,
    scheduled: upcoming.length,
    atRisk,
    reason,
  })
  const inProgress = () => {
    const underWay = pending.some((e) => now < e.endAt) || failedUnderWay.length > 0
    if (underWay) return result('in_progress', `${label}正在召开，会后请在 ${due}内登记出席并定稿会议记录。`)
    const next = earliest(pending, (e) => e.endAt)
    return result(
      'in_progress',
      `${monthDay(next.endAt)}的${label}已结束，请在 ${monthDayTime(next.endAt + minutesDueMs)} 前登记出席并定稿会议记录。`,
    )
  }

  if (counted >= required) {
    return result('done', `${when}应召开${label} ${required} 次，已完成 ${counted} 次，已达标。`)
  }
  if (now >= span.end) {
    // A meeting at the very end of the period still has its minutes deadline; wait for it only if
    // finishing the pending ones could still meet the quota.
    if (pending.length > 0 && counted + pending.length >= required) return inProgress()
    return result(
      'missed',
      `${span.label}应召开${label} ${required} 次，只完成 ${counted} 次，该周期已结束；请在下一周期按时召开，并向上级党组织说明情况。`,
    )
  }
  if (stale.length > 0) {
    const late = earliest(stale, (e) => e.endAt)
    return result(
      'overdue',
      `${monthDay(late.endAt)}的${label}已结束超过 ${due}，出席登记或会议记录仍未完成，请尽快补齐并定稿。`,
    )
  }
  if (failedEnded.length > 0 && upcoming.length === 0 && pending.length === 0) {
    const failed = earliest(failedEnded, (e) => -e.endAt)
    return result(
      'overdue',
      `${monthDay(failed.endAt)}的${label}到会人数未过半数，不能计入；${when}尚未另行安排，请尽快重新召开。`,
    )
  }
  if (pending.length > 0 || failedUnderWay.length > 0) return inProgress()

  const remaining = required - counted
  const msLeft = span.end - now
  // The effective rule carries the 党委's days for its period; a bare national rule takes AT_RISK_DAYS.
  const riskDays =
    rule.period === span.period && rule.atRiskDays !== undefined ? rule.atRiskDays : AT_RISK_DAYS[span.period]
  const atRisk = upcoming.length < remaining && msLeft < riskDays * DAY
  if (upcoming.length >= remaining) {
    const next = earliest(upcoming, (e) => e.startAt)
    const what =
      upcoming.length === 1
        ? `已安排在 ${monthDay(next.startAt)}`
        : `已安排 ${upcoming.length} 次，最近一次在 ${monthDay(next.startAt)}`
    return result('due', `${when}${label}${what}，请按时召开。`)
  }
  const toGo = remaining - upcoming.length
  // A period that has not begun yet gets no countdown: there is time, but it can be planned now.
  const left = now < span.start ? '' : `距${words.end}还有 ${Math.ceil(msLeft / DAY)} 天，`
  const act = now < span.start ? '请提前安排' : '请尽快安排'
  if (upcoming.length === 0 && remaining === 1) {
    return result('due', `${when}尚未安排${label}，${left}${act}。`, atRisk)
  }
  return result(
    'due',
    `${when}还需召开${label} ${remaining} 次，已安排 ${upcoming.length} 次，${left}${act}其余 ${toGo} 次。`,
    atRisk,
  )
}
