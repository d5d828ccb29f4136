/**
 * 党章 第九条: a member who, without good reason, goes six consecutive months without taking part in
 * the Party's organizational life, or without paying dues, is regarded as having left the Party. The
 * app never acts on it: it warns the branch at 3 and at 6 months (and the 党委 at 6), and shows the
 * member their own state. This file counts the months, from per-month facts, in Beijing time. Pure:
 * the facts and `now` are passed in.
 */
import { beijing } from './beijing-time'

/**
 * One calendar month (Beijing) for one member:
 * - `lapsed`: owed something and did not do it (no owed meeting attended; dues due and not paid);
 * - `kept`: did it, or had good reason (approved leave for every meeting owed; an approved 减免);
 * - `neutral`: nothing was owed that month (no meeting held for them; no dues due).
 * A `kept` month ends a run; a `neutral` month neither ends nor lengthens it.
 */
export type MonthFact = 'lapsed' | 'kept' | 'neutral'

/**
 * The thresholds of the warning, in consecutive lapsed months (党章 第九条 names six; the branch is
 * told at three so it can act in time — DESIGN.md §2).
 */
export const LAPSE_THRESHOLDS = [3, 6] as const
export type LapseThreshold = (typeof LAPSE_THRESHOLDS)[number]

export type LapseCause = 'org_life' | 'dues'

export const LAPSE_CAUSE_LABELS: Record<LapseCause, string> = {
  org_life: '参加组织生活',
  dues: '交纳党费',
}

/** `YYYY-MM` of the Beijing month `ms` falls in. */
export function monthKeyOf(ms: number): string {
  return beijing(ms).format('YYYY-MM')
}

/** The month after `YYYY-MM` (December rolls into January of the next year). */
export function nextMonthKey(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The month before `YYYY-MM` (January rolls back into December of the year before). */
export function previousMonthKey(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/**
 * The `count` complete Beijing months before the one `now` (ms) falls in, oldest first: on
 * 2026-07-01 00:00 Beijing, `completeMonths(now, 3)` is 2026-04, 2026-05, 2026-06.
 */
export function completeMonths(now: number, count: number): string[] {
  const out: string[] = []
  let month = previousMonthKey(monthKeyOf(now))
  for (let i = 0; i < count; i += 1) {
    out.unshift(month)
    month = previousMonthKey(month)
  }
  return out
}

export interface LapseRun {
  /** Consecutive lapsed months up to the last complete month (neutral months skipped). */
  months: number
  /** The first month of the run (`YYYY-MM`), or null when there is none. */
  since: string | null
  /** The last lapsed month of the run, or null. */
  through: string | null
  /** The highest threshold reached (3 or 6), or null below three. */
  threshold: LapseThreshold | null
  /**
   * The Beijing day the highest threshold was reached: the first day after the month that made the
   * run reach it (`YYYY-MM-DD`), or null.
   */
  reachedOn: string | null
}

/**
 * The current run of lapsed months. `facts` maps `YYYY-MM` to the month's fact; a month missing
 * from it is neutral. Only months complete at `now` (ms) count — the month `now` is in is still
 * open. Looks back at most `lookback` months (default 24). Returns the run and the threshold reached.
 */
export function lapseRun(facts: Readonly<Record<string, MonthFact>>, now: number, lookback = 24): LapseRun {
  const months = completeMonths(now, lookback).reverse() // newest first
  const lapsed: string[] = []
  for (const month of months) {
    const fact = facts[month] ?? 'neutral'
    if (fact === 'kept') break
    if (fact === 'lapsed') lapsed.push(month)
  }
  const count = lapsed.length
  const threshold = [...LAPSE_THRESHOLDS].reverse().find((t) => count >= t) ?? null
  // The month that made the run reach the threshold: the threshold-th lapsed month, oldest first.
  const reaching = threshold === null ? null : lapsed[count - threshold]
  return {
    months: count,
    since: count ? lapsed[count - 1] : null,
    through: count ? lapsed[0] : null,
    threshold,
    reachedOn: reaching ? `${nextMonthKey(reaching)}-01` : null,
  }
}

/** `2026-04` → `2026年4月`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${y}年${m}月`
}

/**
 * The gentle line the member reads about their own state, or null when there is nothing to say:
 * e.g. `你已连续 3 个月没有参加组织生活（2026年4月起），请留意近期的会议，或与支部联系。`
 */
export function lapseLine(cause: LapseCause, run: Pick<LapseRun, 'months' | 'since'>): string | null {
  if (run.months < 2 || !run.since) return null
  const what = cause === 'org_life' ? '没有参加组织生活' : '没有交纳党费'
  const next = cause === 'org_life' ? '请留意近期的会议，或与支部联系' : '请与支部组织委员联系交纳'
  return `你已连续 ${run.months} 个月${what}（${monthLabel(run.since)}起），${next}。`
}

/**
 * The line the secretary (and at six months the 党委) reads about one member, e.g.
 * `黄晓明已连续 6 个月没有参加组织生活（2026年1月起）。党章第九条：连续六个月…，请及时谈心谈话、了解原因。`
 */
export function lapseReason(name: string, cause: LapseCause, run: Pick<LapseRun, 'months' | 'since'>): string {
  const what = cause === 'org_life' ? '没有参加组织生活' : '没有交纳党费'
  const since = run.since ? `（${monthLabel(run.since)}起）` : ''
  const advice =
    run.months >= 6
      ? '已达党章第九条所说的六个月，请核实有无正当理由，按规定处置，不要自动除名'
      : '请及时谈心谈话、了解原因'
  return `${name}已连续 ${run.months} 个月${what}${since}，${advice}。`
}

/**
 * The facts with every month touched by an approved exclusion from 应到 (长期病休 and the like,
 * DESIGN.md §2: `from`/`to` Beijing dates, `to` null while it lasts) marked `kept`: good reason, so
 * a run ends there. Takes the facts, the exclusion (or null) and `now` (ms); returns a new record.
 */
export function withExclusion(
  facts: Readonly<Record<string, MonthFact>>,
  exclusion: { from: string; to: string | null } | null | undefined,
  now: number,
): Record<string, MonthFact> {
  const out = { ...facts }
  if (!exclusion || !/^\d{4}-\d{2}/.test(exclusion.from)) return out
  const last = exclusion.to && /^\d{4}-\d{2}/.test(exclusion.to) ? exclusion.to.slice(0, 7) : monthKeyOf(now)
  let month = exclusion.from.slice(0, 7)
  for (let i = 0; i < 600 && month <= last; i += 1) {
    out[month] = 'kept'
    month = nextMonthKey(month)
  }
  return out
}
