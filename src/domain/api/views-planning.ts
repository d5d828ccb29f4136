/** What the planning actions (catalog-planning.ts) return: rules, annual plans, the month calendar, 消息. */
import type { DeliveryFailure } from '../delivery'
import type { ComplianceStatus } from '../compliance'
import type { DayRule, PlanTime } from '../annual-plan'
import type { RuleOverride } from '../kind-rules'
import type { MeetingKind } from '../meeting-kinds'
import type { Period } from '../periods'
import type { OrgRef } from './views'

/** Where a rule's value comes from: the national default (org null) or a committee's override. */
export interface RuleSourceView {
  orgId: string | null
  /** `国家规定` for the default, else the org's name. */
  name: string
}

export interface RuleView {
  kind: MeetingKind
  label: string
  period: Period
  periodLabel: string
  requiredCount: number
  frequencyText: string
  source: { period: RuleSourceView; requiredCount: RuleSourceView }
  /** The periods a committee may choose for this kind. */
  allowedPeriods: Period[]
}

export interface RulesView {
  org: OrgRef
  rules: RuleView[]
  /** The overrides this org itself sets (a committee's own settings), as stored. */
  ownOverrides: RuleOverride[]
  /** Whether the viewer may change this org's overrides (the 党委 on its own org). */
  canEdit: boolean
  updatedAt: number | null
  /**
   * The one minutes deadline in force (issue 16): attendance and minutes due this long after a
   * meeting ends — 逾期 on the dashboards and 补录 on minutes finalized later both follow it.
   * `ms` in milliseconds, `text` like `3 天`; `ownDays` is what this org itself sets (null: inherited).
   */
  minutesDue: { ms: number; text: string; source: RuleSourceView; ownDays: number | null }
  /**
   * Per period: how many days before its end a quota not covered by scheduled meetings is shown at
   * risk (首页's 有风险 and the daily reminder); `ownDays` is what this org itself sets (null: inherited).
   */
  atRisk: { period: Period; periodLabel: string; days: number; source: RuleSourceView; ownDays: number | null }[]
}

export interface RulesChangeResult extends RulesView {
  /** Counters rebuilt because a kind's period changed (e.g. 党课 每季度 → 每半年). */
  rebuilt: { kinds: MeetingKind[]; branches: number; counters: number }
}

export type PlanStatus = 'draft' | 'published'

export interface PlanItemView {
  /** Stable within the plan; the published meeting's id is derived from it. */
  id: string
  kind: MeetingKind
  kindLabel: string
  periodKey: string
  date: string
  startTime: string
  endTime: string
  title: string
  place: string
  groupId: string | null
  groupName: string | null
  /** Why the generator moved it, e.g. `原定 10月1日 为国庆节假期，顺延至 10月8日`. */
  note: string | null
  /** A date the secretary should look at again (holiday, weekend, outside the year); never changed silently. */
  warning: string | null
  /** Set once published. */
  meetingId: string | null
}

export interface PlanView {
  id: string
  branch: OrgRef
  year: number
  status: PlanStatus
  version: number
  themeDay: DayRule
  themeDayText: string
  items: PlanItemView[]
  /** Plan-wide notes: the holiday dataset lacking the year, periods planned below their quota. */
  warnings: string[]
  /** Whether the State Council's holiday arrangement for the year is known. */
  calendarCovered: boolean
  generatedAt: number
  updatedAt: number
  publishedAt: number | null
  /** Whether the viewer may change and publish it (the branch's organizers, while a draft). */
  canEdit: boolean
  /** While a draft: how many active members 发布 would notify (one notice each); 0 once published. */
  notifyCount: number
}

/** No plan for the year yet. */
export interface NoPlanView {
  id: null
  branch: OrgRef
  year: number
  calendarCovered: boolean
  canEdit: boolean
}

export interface PublishResult extends PlanView {
  /** Meetings created by this call (0 on a replay). */
  created: number
  /** Members told that the plan is out. */
  notified: number
}

export type PlanTimes = Partial<Record<MeetingKind, PlanTime>>

/** A meeting's state as the calendar shows it. */
export type CalendarMeetingStatus = 'upcoming' | 'ongoing' | 'ended' | 'cancelled'
/** Whether a held meeting counts: 已完成, or 补录 when its minutes came late. */
export type CalendarCountStatus = 'done' | 'late' | null

export interface CalendarMeeting {
  id: string
  kind: MeetingKind
  kindLabel: string
  title: string
  startAt: number
  endAt: number
  time: string
  status: CalendarMeetingStatus
  statusLabel: string
  counting: CalendarCountStatus
  countingLabel: string | null
  groupId: string | null
}

export interface CalendarDay {
  date: string
  day: number
  weekday: number
  inMonth: boolean
  today: boolean
  holiday: string | null
  meetings: CalendarMeeting[]
}

export interface CalendarPeriod {
  kind: MeetingKind
  label: string
  periodKey: string
  periodLabel: string
  status: ComplianceStatus
  statusLabel: string
  counted: number
  required: number
  atRisk: boolean
  reason: string
}

export interface CalendarView {
  branch: OrgRef
  month: string
  monthLabel: string
  prevMonth: string
  nextMonth: string
  /** Whole weeks, Monday first, covering the month. */
  days: CalendarDay[]
  /** One per kind (group meetings combined over the groups): its period containing this month. */
  periods: CalendarPeriod[]
  canPlan: boolean
}

export interface MessageView {
  id: string
  template: string
  title: string
  body: string
  page: string
  createdAt: number
  read: boolean
}

export interface MessagePage {
  items: MessageView[]
  nextCursor: string | null
  unread: number
}

/** How many of my 消息 are unread: the 首页 shortcut's badge. */
export interface UnreadCountView {
  unread: number
}

export interface MarkReadResult {
  marked: number
  unread: number
}

/** One notice that did not reach its person on WeChat (it is still in their in-app 消息). */
export interface UndeliveredNoticeView {
  id: string
  memberId: string
  name: string
  /** Its topic, e.g. `meeting.reminder`; `topicTitle` is the WeChat template's title (会议提醒). */
  topic: string
  topicTitle: string
  title: string
  failure: DeliveryFailure
  /** Why, for people, e.g. 未绑定微信. */
  failureLabel: string
  createdAt: number
}

/** Who the notices of a meeting, or of a branch lately, did not reach on WeChat. */
export interface NotReachedView {
  /** Each person not reached, once, with every reason; most recent first. */
  people: { memberId: string; name: string; reasons: string[]; notices: number }[]
  /** The notices, newest first (at most 100). */
  notices: UndeliveredNoticeView[]
  /** More were not delivered than are listed. */
  truncated: boolean
  /** The earliest time looked at (epoch ms), or null for all of a meeting's notices. */
  since: number | null
}
