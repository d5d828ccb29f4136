/**
 * Frequency overrides set by supervising committees (党委, 党总支) for their subtree, as data.
 * A branch's effective rules are the national defaults with the overrides along its org path laid on
 * top, nearest org last, so a 党总支 under a 党委 can tighten what the 党委 set.
 */
import { z } from 'zod'
import { kindLabel, MEETING_KINDS, type MeetingKind, type MeetingKindRule } from './meeting-kinds'
import { PERIOD_LABELS, type Period } from './periods'

export interface RuleOverride {
  kind: MeetingKind
  period?: Period
  requiredCount?: number
}

export interface RuleSet {
  orgId: string
  overrides: RuleOverride[]
  /**
   * The one minutes deadline this org sets for its subtree (ms after a meeting ends, whole days):
   * attendance and minutes are due by then (compliance 逾期), and minutes finalized later are 补录.
   * Absent: inherited. Stored under this name since issue 6 (it first governed 补录 only).
   */
  minutesLateAfterMs?: number | null
  /**
   * Days before a period's end at which a quota not covered by scheduled meetings is at risk, per
   * period, set by this org for its subtree (issue 16 §8). A period absent: inherited.
   */
  atRiskDays?: Partial<Record<Period, number>> | null
}

/** Where a value came from (defined with the deadlines, deadline-rules.ts, which this file re-exports). */
export type { RuleSource } from './deadline-rules'

export interface EffectiveKindRule extends MeetingKindRule {
  source: { period: RuleSource; requiredCount: RuleSource }
  /**
   * The minutes deadline in force for the branch (ms after the meeting ends), the same for every
   * kind: what `statusFromCounter` calls 逾期 and what `isLateEntry` calls 补录 both read it.
   */
  minutesDueMs: number
  /** Days before the end of this kind's period at which an uncovered quota is at risk (AT_RISK_DAYS, or a 党委's). */
  atRiskDays: number
}

/** What `rules.setAtRiskDays` takes: days per period within AT_RISK_DAYS_RANGE; a period left out is inherited. */
export const atRiskDaysSchema = z
  .object(
    Object.fromEntries(
      (Object.keys(AT_RISK_DAYS) as Period[]).map((p) => [
        p,
        z
          .number({ error: `${PERIOD_LABELS[p]}的提前天数请填写数字` })
          .int({ error: `${PERIOD_LABELS[p]}的提前天数请填写整数` })
          .min(AT_RISK_DAYS_RANGE[p].min, { error: `${PERIOD_LABELS[p]}至少提前 ${AT_RISK_DAYS_RANGE[p].min} 天` })
          .max(AT_RISK_DAYS_RANGE[p].max, {
            error: `${PERIOD_LABELS[p]}最多提前 ${AT_RISK_DAYS_RANGE[p].max} 天，请调小天数`,
          })
          .optional(),
      ]),
    ) as Record<Period, z.ZodOptional<z.ZodNumber>>,
  )
  .strict()

// The deadlines (minutes due, at-risk days) live in deadline-rules.ts, free of zod, so the domain modules
// the cloud bundle's lazy parts (.docx, .xlsx) import do not pull the schema library in; re-exported here.
import {
  AT_RISK_DAYS,
  AT_RISK_DAYS_RANGE,
  atRiskDaysFrom,
  MINUTES_DUE_DAYS_RANGE,
  minutesDueFrom,
  type RuleSource,
} from './deadline-rules'
export {
  AT_RISK_DAYS,
  AT_RISK_DAYS_RANGE,
  atRiskDaysFrom,
  DEFAULT_MINUTES_DUE_DAYS,
  DEFAULT_MINUTES_DUE_MS,
  MINUTES_DUE_DAYS_RANGE,
  MINUTES_DUE_MS_RANGE,
  minutesDueFrom,
  minutesDueText,
} from './deadline-rules'

/**
 * The periods a committee may choose per kind. The national rules (DESIGN.md §2) fix a minimum
 * rhythm for most kinds — a 支委会 every month, a 组织生活会 every year — so only 党课, which the
 * 党委 sets, and 支部党员大会, which may be held more often, get a choice.
 */
export const ALLOWED_PERIODS: Record<MeetingKind, readonly Period[]> = {
  branch_congress: ['month', 'quarter'],
  committee_meeting: ['month'],
  group_meeting: ['month'],
  party_lecture: ['quarter', 'half'],
  theme_day: ['month'],
  life_meeting: ['year'],
  member_review: ['year'],
  heart_talk: ['year'],
}

/**
 * What `rules.setMinutesDue` takes: whole days within MINUTES_DUE_DAYS_RANGE, or null to drop this
 * org's own setting and follow the org above it (or the default).
 */
export const minutesDueDaysSchema = z
  .number({ error: '期限请填写天数' })
  .int({ error: '期限请填写整天数' })
  .min(MINUTES_DUE_DAYS_RANGE.min, { error: `期限至少 ${MINUTES_DUE_DAYS_RANGE.min} 天，请调大天数` })
  .max(MINUTES_DUE_DAYS_RANGE.max, { error: `期限最多 ${MINUTES_DUE_DAYS_RANGE.max} 天，请调小天数` })
  .nullable()

export const REQUIRED_COUNT_RANGE = { min: 1, max: 12 } as const

function periodChoices(kind: MeetingKind): string {
  return ALLOWED_PERIODS[kind].map((p) => PERIOD_LABELS[p]).join('或')
}

export const ruleOverrideSchema = z
  .object({
    kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
    period: z.enum(['month', 'quarter', 'half', 'year'], { error: '周期只能是每月、每季度、每半年或每年' }).optional(),
    requiredCount: z
      .number({ error: '次数请填写数字' })
      .int({ error: '次数请填写整数' })
      .min(REQUIRED_COUNT_RANGE.min, { error: `每个周期至少召开 ${REQUIRED_COUNT_RANGE.min} 次，请调大次数` })
      .max(REQUIRED_COUNT_RANGE.max, { error: `每个周期最多设置 ${REQUIRED_COUNT_RANGE.max} 次，请调小次数` })
      .optional(),
  })
  .superRefine((o, ctx) => {
    if (o.period === undefined && o.requiredCount === undefined) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: '请至少设置周期或次数中的一项' })
    }
    if (o.period !== undefined && !ALLOWED_PERIODS[o.kind].includes(o.period)) {
      const choices = periodChoices(o.kind)
      const fix = ALLOWED_PERIODS[o.kind].length === 1 ? `请改为${choices}` : '请从中选择一个'
      ctx.addIssue({ code: 'custom', path: ['period'], message: `${kindLabel(o.kind)}的周期只能是${choices}，${fix}` })
    }
  })

function frequencyText(period: Period, count: number): string {
  return `${PERIOD_LABELS[period]} ${count} 次`
}

/**
 * The rules in force for a branch. `ruleSetsAlongPath` runs from the root committee down to the
 * branch. Each value (period, count, the minutes deadline) is taken from the nearest org that sets it.
 *
 * An override that no longer validates (say, stored before ALLOWED_PERIODS narrowed) is skipped
 * rather than thrown: one stale setting must not take a branch's plan and dashboard down, and the
 * committee's rule screen validates with the same schema, so it shows the setting as needing a fix.
 */
export function effectiveRules(
  defaults: readonly MeetingKindRule[],
  ruleSetsAlongPath: readonly RuleSet[],
): EffectiveKindRule[] {
  const minutesDueMs = minutesDueFrom(ruleSetsAlongPath).ms
  const atRisk = atRiskDaysFrom(ruleSetsAlongPath).days
  return defaults.map((base) => {
    const rule: EffectiveKindRule = {
      ...base,
      source: { period: 'default', requiredCount: 'default' },
      minutesDueMs,
      atRiskDays: atRisk[base.period],
    }
    for (const set of ruleSetsAlongPath) {
      for (const override of set.overrides) {
        if (override.kind !== base.kind || !ruleOverrideSchema.safeParse(override).success) continue
        if (override.period !== undefined) {
          rule.period = override.period
          rule.source.period = set.orgId
          rule.atRiskDays = atRisk[override.period]
        }
        if (override.requiredCount !== undefined) {
          rule.requiredCount = override.requiredCount
          rule.source.requiredCount = set.orgId
        }
      }
    }
    if (rule.source.period !== 'default' || rule.source.requiredCount !== 'default') {
      rule.frequencyText = frequencyText(rule.period, rule.requiredCount)
    }
    return rule
  })
}

/** The kinds of `after` whose period differs from `before` (or that `before` lacks): their counters need rebuilding. */
export function kindsWithNewPeriod(
  before: readonly Pick<MeetingKindRule, 'kind' | 'period'>[],
  after: readonly Pick<MeetingKindRule, 'kind' | 'period'>[],
): MeetingKind[] {
  return after.filter((a) => before.find((b) => b.kind === a.kind)?.period !== a.period).map((a) => a.kind)
}
