/**
 * The one minutes deadline (issue 16 §6), kept free of zod so the minutes domain and its .docx part of
 * the cloud bundle do not pull the schema library in. kind-rules.ts re-exports it with the other rules.
 */
import type { RuleSource } from './kind-rules'

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
