/**
 * 流动党员 (mobile members), DESIGN.md §2: the registry's vocabulary, the contact state derived from
 * the last contact, the check-in cadence, the 6-month transfer reminder, the yearly 思想汇报 and
 * 失联 handling (查找记录 and the proposal to the 党委, issue 16 §7).
 * Pure: time is passed in; thresholds and cadence are data with defaults here and overrides stored
 * in `rule_sets` (see MobileRuleSet). Every "six months" is six calendar months on Beijing dates
 * (`addMonths`, dayjs month arithmetic clamped to the month's end: 08-31 + 6 months = 02-28, or 02-29
 * in a leap year), never 180 days.
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
 * When each state begins. 需联系 and 预警 are counted in days of elapsed time (Beijing has no daylight
 * saving, so a day is always 24 hours): the state changes the instant more than `days × 24 h` have
 * passed since the last contact — at exactly 30 days a member is still 正常, one millisecond later
 * 需联系. 失联风险 is counted in calendar months: from the Beijing date `lostRiskMonths` calendar
 * months after the last contact's Beijing date (see `lostSince`).
 */
export interface ContactThresholds {
  needsContactDays: number
  warningDays: number
  lostRiskMonths: number
}

/**
 * 失联: six calendar months without contact. 《中国共产党党员教育管理工作条例》(2019, 党籍和组织关系管理):
 * a member out of contact with the Party organization for more than 6 months whom every means of
 * searching has not reached is to have membership stopped (停止党籍), decided by the branch or a
 * higher organization; 党章 第九条 counts six consecutive months without organizational life as
 * leaving the Party. The app only records the search and the proposal (`stopProposalProblem`).
 */
export const LOST_CONTACT_MONTHS = 6

/** 需联系 after 30 days, 预警 after 90, 失联风险 at six calendar months (失联 handling starts then, §2). */
export const DEFAULT_CONTACT_THRESHOLDS: ContactThresholds = {
  needsContactDays: 30,
  warningDays: 90,
  lostRiskMonths: LOST_CONTACT_MONTHS,
}

/** What a 党委 may set for 失联风险: earlier than six months as a warning, never later than 失联 itself. */
export const LOST_RISK_MONTHS_RANGE = { min: 1, max: LOST_CONTACT_MONTHS } as const

/**
 * The thresholds a stored set carries, or null when it carries none usable. Sets stored before issue
 * 16 counted 失联风险 in days (`lostRiskDays`, an approximation of six months): their 需联系 and 预警
 * days are kept and 失联风险 takes the national six calendar months.
 */
export function storedThresholds(t: unknown): ContactThresholds | null {
  if (!t || typeof t !== 'object') return null
  const v = t as Partial<ContactThresholds>
  if (typeof v.needsContactDays !== 'number' || typeof v.warningDays !== 'number') return null
  const months = v.lostRiskMonths
  const lostRiskMonths =
    typeof months === 'number' &&
    Number.isInteger(months) &&
    months >= LOST_RISK_MONTHS_RANGE.min &&
    months <= LOST_RISK_MONTHS_RANGE.max
      ? months
      : LOST_CONTACT_MONTHS
  return { needsContactDays: v.needsContactDays, warningDays: v.warningDays, lostRiskMonths }
}

export const CHECKIN_CADENCES = ['month', 'quarter', 'half', 'year'] as const satisfies readonly Period[]
export type CheckinCadence = (typeof CHECKIN_CADENCES)[number]
export const CADENCE_LABELS: Record<CheckinCadence, string> = {
  month: '每月一次',
  quarter: '每季度一次',
  half: '每半年一次',
  year: '每年一次',
}
/**
 * 报到 once a year by default; a branch may ask more often (`mobile.setCadence`). Why yearly: a
 * 流动党员 reports to the home branch at least once a year (DESIGN.md §2, the reading), and
 * 《关于防治"指尖上的形式主义"的若干意见》 (中央网络安全和信息化委员会, 2023-12-18) says apps should in
 * principle not impose 打卡签到 or require regular log-ins (限制强制功能, 防止强制使用), so the app asks
 * for no more than the rule does unless the branch chooses to.
 */
export const DEFAULT_CHECKIN_CADENCE: CheckinCadence = 'year'

/**
 * Away this many months or more at one place → remind the branch to transfer the membership (§2):
 * 《中国共产党党员教育管理工作条例》 — a member away for study, work or life 6 months or more at a
 * relatively fixed place should transfer the organization relationship.
 */
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
    const thresholds = storedThresholds(set.thresholds)
    if (thresholds) {
      out.thresholds = thresholds
      out.source = { ...out.source, thresholds: set.orgId }
    }
    if (set.cadence) {
      out.cadence = set.cadence
      out.source = { ...out.source, cadence: set.orgId }
    }
  }
  return out
}

/** The fewest days `months` calendar months can span (each month has at least 28 days). */
const SHORTEST_MONTH_DAYS = 28

/**
 * Thresholds must grow strictly: 需联系 before 预警, and 预警 before the shortest span 失联风险's
 * months can have (28 days a month). Returns each problem in Chinese (none when they do).
 */
export function thresholdProblems(t: ContactThresholds): { field: keyof ContactThresholds; message: string }[] {
  const problems: { field: keyof ContactThresholds; message: string }[] = []
  if (t.warningDays <= t.needsContactDays) {
    problems.push({ field: 'warningDays', message: '“预警”天数应大于“需联系”天数' })
  }
  if (t.warningDays >= t.lostRiskMonths * SHORTEST_MONTH_DAYS) {
    problems.push({
      field: 'lostRiskMonths',
      message: `“失联风险”应晚于“预警”：${t.lostRiskMonths} 个月最短只有 ${t.lostRiskMonths * SHORTEST_MONTH_DAYS} 天，请调大月数或调小预警天数`,
    })
  }
  return problems
}

/** The Beijing date (`YYYY-MM-DD`) of an instant (epoch ms). */
function beijingDate(ms: number): string {
  return beijing(ms).format('YYYY-MM-DD')
}

/**
 * The Beijing date from which a member last in contact at `lastContactAt` (epoch ms) has gone
 * `months` calendar months without contact: the last contact's Beijing date plus `months` months
 * (clamped to the month's end). On that date the months are complete.
 */
export function lostSince(lastContactAt: number, months: number = LOST_CONTACT_MONTHS): string {
  return addMonths(beijingDate(lastContactAt), months)
}

/** Whether, at `now`, `months` calendar months have passed without contact since `lastContactAt` (both epoch ms). */
export function monthsWithoutContact(
  lastContactAt: number,
  now: number,
  months: number = LOST_CONTACT_MONTHS,
): boolean {
  return beijingDate(now) >= lostSince(lastContactAt, months)
}

/** The contact state at `now` (epoch ms) of a member last in contact at `lastContactAt` (epoch ms). */
export function contactState(
  lastContactAt: number,
  now: number,
  t: ContactThresholds = DEFAULT_CONTACT_THRESHOLDS,
): ContactState {
  const elapsed = now - lastContactAt
  if (monthsWithoutContact(lastContactAt, now, t.lostRiskMonths)) return 'lost_risk'
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

/**
 * The last contact of a 流动党员 (epoch ms): the latest of what the registry keeps (报到, 思想汇报,
 * a search that reached them, a contact recorded) and the latest meeting they attended (signed in,
 * or a remote attendance or offline sign-in the organizer confirmed) — a member at the meeting is in
 * contact with the branch. `attendedAt` is that attendance's time, or null when there is none.
 */
export function lastContactWith(lastContactAt: number, attendedAt: number | null): number {
  return attendedAt === null ? lastContactAt : Math.max(lastContactAt, attendedAt)
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

/**
 * The report a 流动党员 owes the home branch: one 思想汇报 per Beijing year, due by the year's last day
 * (DESIGN.md §2: a 流动党员 reports to the home branch at least once a year — the reading;
 * no national text found fixes the form or the date).
 */
export const REPORT_RULE = { kind: 'thought', perYear: 1, dueMonthDay: '12-31' } as const satisfies {
  kind: ReportKind
  perYear: number
  dueMonthDay: string
}

/** The yearly 思想汇报 (REPORT_RULE): met when enough for this Beijing year were submitted; else due by the rule's day. */
export function reportRequirement(
  reports: readonly { kind: ReportKind; year: number }[],
  now: number,
): ReportRequirement {
  const year = beijing(now).year()
  const met = reports.filter((r) => r.kind === REPORT_RULE.kind && r.year === year).length >= REPORT_RULE.perYear
  return { year, met, label: met ? '已完成' : '待提交', deadline: `${year}-${REPORT_RULE.dueMonthDay}` }
}

/** How the branch looked for a member it lost contact with (查找记录). */
export const SEARCH_METHODS = ['phone', 'message', 'visit', 'relatives', 'host_org', 'other'] as const
export type SearchMethod = (typeof SEARCH_METHODS)[number]
export const SEARCH_METHOD_LABELS: Record<SearchMethod, string> = {
  phone: '电话',
  message: '短信或微信',
  visit: '上门走访',
  relatives: '联系亲属',
  host_org: '联系流入地党组织',
  other: '其他方式',
}

/** One search as the problem check needs it: its Beijing date and whether it reached the member. */
export interface SearchFacts {
  /** Beijing date of the search (`YYYY-MM-DD`). */
  date: string
  found: boolean
}

/**
 * Why the branch may not yet propose 停止党籍 to its 党委 for a member, in Chinese with what to do
 * next, or null when it may. The proposal needs six calendar months without contact
 * (LOST_CONTACT_MONTHS, from `lostSince`), at least one search since the last contact that did not
 * reach the member (the 条例: "通过各种方式查找仍然没有取得联系"), and no proposal still open.
 * The proposal is only a record the 党委 sees: the decision and any change of membership are the
 * 党组织's, made by its own procedure, never by the app.
 * Takes the last contact (epoch ms), the searches, `now` (epoch ms) and whether a proposal is open.
 */
export function stopProposalProblem(input: {
  lastContactAt: number
  searches: readonly SearchFacts[]
  now: number
  openProposal: boolean
}): string | null {
  if (input.openProposal) return '已经向党委提请过，党委尚未答复；请等待党委的答复，期间可继续查找并记录'
  const since = lostSince(input.lastContactAt)
  if (!monthsWithoutContact(input.lastContactAt, input.now)) {
    return `与党组织失去联系还不满 ${LOST_CONTACT_MONTHS} 个月（${since} 起满 ${LOST_CONTACT_MONTHS} 个月）；请继续联系和查找，并记录每次查找的情况`
  }
  const lastContactDate = beijingDate(input.lastContactAt)
  const searched = input.searches.filter((s) => !s.found && s.date >= lastContactDate)
  if (searched.length === 0) {
    return '失去联系以来还没有查找记录；请先通过电话、走访、联系亲属或流入地党组织等方式查找，记录查找情况后再提请'
  }
  return null
}
