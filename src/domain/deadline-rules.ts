/**
 * Deadlines as rule data (issue 16 §6, §8): the one minutes deadline and the at-risk days per period,
 * national defaults with each 党委's own along the org path, nearest last. Kept free of zod so the
 * domain modules that lazy parts of the cloud bundle import (.docx, .xlsx) do not pull the schema
 * library in; kind-rules.ts holds the schemas and re-exports these.
 */
import type { Period } from './periods'

/** Where a value came from: the national default, or the id of the org whose override set it. */
export type RuleSource = 'default' | string

const DAY_MS = 24 * 3_600_000

/**
 * The minutes deadline (issue 16 §6): attendance recorded and minutes finalized within this many days
 * after a meeting ends, else the period's status reads 逾期 and minutes finalized later carry 补录.
 * No national text fixes the number of days — 《中国共产党支部工作条例（试行）》 asks that 组织生活 be
 * recorded truthfully, not by when — so 3 days is this app's default and each 党委 sets its own
 * (DESIGN.md §2: deadlines are data, nearest org wins).
 */
export const DEFAULT_MINUTES_DUE_DAYS = 3
export const DEFAULT_MINUTES_DUE_MS = DEFAULT_MINUTES_DUE_DAYS * DAY_MS
/** What a 党委 may set: from one day to a month, in whole days. */
export const MINUTES_DUE_DAYS_RANGE = { min: 1, max: 31 } as const
export const MINUTES_DUE_MS_RANGE = {
  min: MINUTES_DUE_DAYS_RANGE.min * DAY_MS,
  max: MINUTES_DUE_DAYS_RANGE.max * DAY_MS,
} as const

/** Whether a stored deadline (ms) is usable: an integer within MINUTES_DUE_MS_RANGE (the screen sets whole days). */
function validMinutesDue(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= MINUTES_DUE_MS_RANGE.min && v <= MINUTES_DUE_MS_RANGE.max
}

/**
 * The minutes deadline in force along an org path (root first, nearest last): the default, then each
 * org's `minutesLateAfterMs`. Returns the deadline in ms and where it came from ('default' or the org
 * id). An out-of-range or non-integer value is skipped, never trusted.
 */
export function minutesDueFrom(setsAlongPath: readonly { orgId?: string; minutesLateAfterMs?: unknown }[]): {
  ms: number
  source: RuleSource
} {
  let out: { ms: number; source: RuleSource } = { ms: DEFAULT_MINUTES_DUE_MS, source: 'default' }
  for (const set of setsAlongPath) {
    if (validMinutesDue(set.minutesLateAfterMs)) out = { ms: set.minutesLateAfterMs, source: set.orgId ?? 'default' }
  }
  return out
}

/** A deadline in Chinese: `3 天`, or hours (`36 小时`) when not whole days. */
export function minutesDueText(ms: number): string {
  return ms % DAY_MS === 0 ? `${ms / DAY_MS} 天` : `${Math.round(ms / 3_600_000)} 小时`
}

/**
 * A period whose quota is not yet covered by scheduled meetings is at risk this close to its end
 * (days). No national text sets these: they are this app's defaults for the warning (a week before a
 * month ends, about two weeks before a quarter or half-year, a month before the year), and a 党委 may
 * set its own (`rules.setAtRiskDays`).
 */
export const AT_RISK_DAYS: Record<Period, number> = { month: 7, quarter: 15, half: 15, year: 30 }

/** What a 党委 may set per period: at least a day, and less than the shortest such period. */
export const AT_RISK_DAYS_RANGE: Record<Period, { min: number; max: number }> = {
  month: { min: 1, max: 27 },
  quarter: { min: 1, max: 88 },
  half: { min: 1, max: 180 },
  year: { min: 1, max: 364 },
}

function validAtRisk(period: Period, v: unknown): v is number {
  const r = AT_RISK_DAYS_RANGE[period]
  return typeof v === 'number' && Number.isInteger(v) && v >= r.min && v <= r.max
}

/**
 * The at-risk days in force per period along an org path (root first, nearest last): AT_RISK_DAYS,
 * then each org's `atRiskDays`, period by period. Returns the days and, per period, where they came
 * from ('default' or the org id). A value out of range is skipped, never trusted.
 */
export function atRiskDaysFrom(setsAlongPath: readonly { orgId?: string; atRiskDays?: unknown }[]): {
  days: Record<Period, number>
  source: Record<Period, RuleSource>
} {
  const days = { ...AT_RISK_DAYS }
  const source: Record<Period, RuleSource> = { month: 'default', quarter: 'default', half: 'default', year: 'default' }
  for (const set of setsAlongPath) {
    const own = set.atRiskDays
    if (!own || typeof own !== 'object') continue
    for (const period of Object.keys(AT_RISK_DAYS) as Period[]) {
      const v = (own as Record<string, unknown>)[period]
      if (validAtRisk(period, v)) {
        days[period] = v
        source[period] = set.orgId ?? 'default'
      }
    }
  }
  return { days, source }
}
