/**
 * 流动党员 (mobile members), DESIGN.md §2: the registry's vocabulary, the contact state derived from
 * the last contact, the check-in cadence, the 6-month transfer reminder and the yearly 思想汇报.
 * Pure: time is passed in; thresholds and cadence are data with defaults here and overrides stored
 * in `rule_sets` (see MobileRuleSet).
 */
import { beijing, fromBeijing } from './beijing-time'
import { periodSpan, type Period, type PeriodSpan } from './periods'

export const DAY_MS = 24 * 3600 * 1000

export const MOBILE_REASONS = ['work', 'business', 'study', 'other'] as const
export type MobileReason = (typeof MOBILE_REASONS)[number]
export const MOBILE_REASON_LABELS: Record<MobileReason, string> = {
  work: '务工',
  business: '经商',
  study: '求学',
  other: '其他',
}

/** What a branch sees about each mobile member, most urgent last in this list. */
export const CONTACT_STATES = ['normal', 'needs_contact', 'warning', 'lost_risk'] as const
export type ContactState = (typeof CONTACT_STATES)[number]
export const CONTACT_STATE_LABELS: Record<ContactState, string> = {
  normal: '正常',
  needs_contact: '需联系',
  warning: '预警',
  lost_risk: '失联风险',
}

/**
 * Days without contact after which each state begins. A "day" is 24 hours of elapsed time (Beijing
 * has no daylight saving, so a Beijing day is always 24 hours): the state changes the instant more
 * than `days × 24 h` have passed since the last contact — at exactly 30 days a member is still 正常,
 * one millisecond later 需联系.
 */
export interface ContactThresholds {
  needsContactDays: number
  warningDays: number
  lostRiskDays: number
}

/** 需联系 after 30 days, 预警 after 90, 失联风险 after 180 (失联 handling starts at 6 months, §2). */
export const DEFAULT_CONTACT_THRESHOLDS: ContactThresholds = {
  needsContactDays: 30,
  warningDays: 90,
  lostRiskDays: 180,
}

export const CHECKIN_CADENCES = ['month', 'quarter', 'half'] as const satisfies readonly Period[]
export type CheckinCadence = (typeof CHECKIN_CADENCES)[number]
export const CADENCE_LABELS: Record<CheckinCadence, string> = {
  month: '每月一次',
  quarter: '每季度一次',
  half: '每半年一次',
}
export const DEFAULT_CHECKIN_CADENCE: CheckinCadence = 'month'

/** Away this many months or more at one place → remind the branch to transfer the membership (§2). */
export const TRANSFER_AFTER_MONTHS = 6

/**
 * Overrides kept in `rule_sets` under the id `mobile.<orgId>`: a 党委 (or 党总支) sets thresholds for
 * its subtree, a branch sets its own check-in cadence. The nearest org on the path wins.
 */
export interface MobileRuleSet {
  kind: 'mobile'
  orgId: string
  thresholds?: ContactThresholds
  cadence?: CheckinCadence
  updatedBy: string
  updatedAt: number
}

export function mobileRuleSetId(orgId: string): string {
  return `mobile.${orgId}`
}

export interface MobileRules {
  thresholds: ContactThresholds
  cadence: CheckinCadence
  /** The org whose setting is in force, or 'default'. */
  source: { thresholds: string; cadence: string }
}

/** The rules in force: defaults, then the sets along the org path from the root down (nearest last). */
export function effectiveMobileRules(
  setsRootFirst: readonly Pick<MobileRuleSet, 'orgId' | 'thresholds' | 'cadence'>[],
): MobileRules {
  const out: MobileRules = {
    thresholds: DEFAULT_CONTACT_THRESHOLDS,
    cadence: DEFAULT_CHECKIN_CADENCE,
    source: { thresholds: 'default', cadence: 'default' },
  }
  for (const set of setsRootFirst) {
    if (set.thresholds) {
      out.thresholds = set.thresholds
      out.source = { ...out.source, thresholds: set.orgId }
    }
    if (set.cadence) {
      out.cadence = set.cadence
      out.source = { ...out.source, cadence: set.orgId }
    }
  }
  return out
}

/** Thresholds must grow strictly; returns each problem in Chinese (none when they do). */
export function thresholdProblems(t: ContactThresholds): { field: keyof ContactThresholds; message: string }[] {
  const problems: { field: keyof ContactThresholds; message: string }[] = []
  if (t.warningDays <= t.needsContactDays) {
    problems.push({ field: 'warningDays', message: '“预警”天数应大于“需联系”天数' })
  }
  if (t.lostRiskDays <= t.warningDays) {
    problems.push({ field: 'lostRiskDays', message: '“失联风险”天数应大于“预警”天数' })
  }
  return problems
}

/** The contact state at `now` of a member last in contact at `lastContactAt`. */
export function contactState(
  lastContactAt: number,
  now: number,
  t: ContactThresholds = DEFAULT_CONTACT_THRESHOLDS,
): ContactState {
  const elapsed = now - lastContactAt
  if (elapsed > t.lostRiskDays * DAY_MS) return 'lost_risk'
  if (elapsed > t.warningDays * DAY_MS) return 'warning'
  if (elapsed > t.needsContactDays * DAY_MS) return 'needs_contact'
  return 'normal'
}

/** How urgent a state is: 0 for 正常 up to 3 for 失联风险. */
function stateRank(state: ContactState): number {
  return CONTACT_STATES.indexOf(state)
}

/** Whole days (rounded down) since the last contact. */
export function daysSince(lastContactAt: number, now: number): number {
  return Math.max(0, Math.floor((now - lastContactAt) / DAY_MS))
}

/** Members listed most urgent first: by state, then the longest without contact, then by name. */
export function compareByRisk(
  a: { state: ContactState; lastContactAt: number; name: string },
  b: { state: ContactState; lastContactAt: number; name: string },
): number {
  return (
    stateRank(b.state) - stateRank(a.state) || a.lastContactAt - b.lastContactAt || a.name.localeCompare(b.name, 'zh')
  )
}

export interface CheckinDue {
  /** The cadence period containing `now`. */
  period: PeriodSpan
  /** Whether a check-in was received in that period. */
  doneThisPeriod: boolean
  /** The last Beijing date by which the next check-in is due (`YYYY-MM-DD`). */
  dueDate: string
  /** Epoch ms of the first instant after the due date. */
  dueBy: number
}

/**
 * The next check-in's due date: the last day of the current cadence period when nothing was received
 * in it yet, else the last day of the next period. Periods are Beijing calendar months (quarters,
 * halves), so a check-in on 31 January counts for January and the next is due by the end of February.
 */
export function checkinDue(lastCheckinAt: number | null, now: number, cadence: CheckinCadence): CheckinDue {
  const period = periodSpan(now, cadence)
  const doneThisPeriod = lastCheckinAt !== null && lastCheckinAt >= period.start && lastCheckinAt < period.end
  const owed = doneThisPeriod ? periodSpan(period.end, cadence) : period
  return { period, doneThisPeriod, dueDate: beijing(owed.end - 1).format('YYYY-MM-DD'), dueBy: owed.end }
}

/** A member is reminded to check in when this little of the period is left and none came. */
export const REMIND_DAYS_BEFORE_DUE = 7

/** Whether, at `now` (epoch ms), the member should be reminded of the check-in `due`: none this period, and at most REMIND_DAYS_BEFORE_DUE days left. */
export function checkinReminderDue(due: Pick<CheckinDue, 'doneThisPeriod' | 'period'>, now: number): boolean {
  return !due.doneThisPeriod && due.period.end - now <= REMIND_DAYS_BEFORE_DUE * DAY_MS
}

/**
 * A registry entry's contact times after a contact at `at` (epoch ms), and for a check-in its last
 * check-in too: both only move forward, so an offline record arriving late never moves them back.
 */
export function contactAfter(
  last: { lastContactAt: number; lastCheckinAt: number | null },
  at: number,
  checkin: boolean,
): { lastContactAt: number; lastCheckinAt: number | null } {
  return {
    lastContactAt: Math.max(last.lastContactAt, at),
    lastCheckinAt: checkin ? Math.max(last.lastCheckinAt ?? 0, at) : last.lastCheckinAt,
  }
}

/** The Beijing date `months` calendar months after a Beijing date (`YYYY-MM-DD`), clamped to month end. */
export function addMonths(date: string, months: number): string {
  return beijing(fromBeijing(date, '12:00')).add(months, 'month').format('YYYY-MM-DD')
}

/**
 * Whether the branch should start 组织关系转接: away at the same place for six months or more, i.e.
 * today (Beijing) is on or after the date six calendar months after `awaySince`.
 */
export function needsTransfer(awaySince: string, now: number, months = TRANSFER_AFTER_MONTHS): boolean {
  const today = beijing(now).format('YYYY-MM-DD')
  return today >= addMonths(awaySince, months)
}

export const REPORT_KINDS = ['thought', 'work', 'other'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  thought: '思想汇报',
  work: '工作汇报',
  other: '其他汇报',
}

export interface ReportRequirement {
  year: number
  met: boolean
  /** `已完成` or `待提交`. */
  label: string
  /** The last Beijing date of the year (`YYYY-12-31`). */
  deadline: string
}

/** The yearly 思想汇报: met when one for this Beijing year was submitted; else due by 31 December. */
export function reportRequirement(
  reports: readonly { kind: ReportKind; year: number }[],
  now: number,
): ReportRequirement {
  const year = beijing(now).year()
  const met = reports.some((r) => r.kind === 'thought' && r.year === year)
  return { year, met, label: met ? '已完成' : '待提交', deadline: `${year}-12-31` }
}
