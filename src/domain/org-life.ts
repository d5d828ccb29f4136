/**
 * 我的组织生活, derived (issue 15): each meeting a member was owed in a year, how they took part, the
 * study hours (学时) it earned against the yearly requirement, and the per-month facts the 党章 第九条
 * warning counts (src/domain/lapse.ts). Nothing here is typed by anyone: it is read from meetings,
 * sign-ins, leave and 补学. Pure; rule values are data, per 党委 (nearest org wins).
 */
import { attendanceStateOf, type AttendanceRecord, type LeaveRecord } from './attendance'
import type { AttendanceState } from './api/views-attendance'
import { beijing } from './beijing-time'
import type { MonthFact } from './lapse'
import { MEETING_PHASE_LABELS, meetingPhase } from './meeting'
import { MEETING_KINDS, type MeetingKind } from './meeting-kinds'
import { isCommitteeMember, type Role } from './org'

/**
 * Study hours (学时) rules. The yearly requirement is from 《中国共产党党员教育管理工作条例》(2019),
 * its provision on 集中学习培训: 党员每年集中学习培训时间一般不少于 32 学时；基层党组织书记和班子成员
 * 一般不少于 56 学时 (the article's number was not checked against the official text here). How many
 * 学时 a meeting of each kind earns is not national: each 党委 sets it (common local practice counts
 * an hour as 1 学时 and half a day as 4), so the defaults below are data a 党委 may override.
 */
export interface StudyRules {
  /** 学时 a year for a member. */
  memberHours: number
  /** 学时 a year for a branch secretary or committee member (支委). */
  committeeHours: number
  /** 学时 earned by attending one meeting of each kind. */
  hoursByKind: Record<MeetingKind, number>
  /** Whether an accepted 补学 earns the meeting's 学时 (it never counts as attendance). */
  makeupEarnsHours: boolean
}

export const DEFAULT_STUDY_RULES: StudyRules = {
  memberHours: 32,
  committeeHours: 56,
  hoursByKind: {
    branch_congress: 2,
    committee_meeting: 2,
    group_meeting: 2,
    party_lecture: 4,
    theme_day: 4,
    life_meeting: 4,
    member_review: 2,
    heart_talk: 0,
  },
  makeupEarnsHours: true,
}

/** A 党委's override of the study rules, kept in `rule_sets` as `study.<orgId>`. */
export interface StudyRuleSet {
  kind: 'study'
  orgId: string
  memberHours?: number
  committeeHours?: number
  hoursByKind?: Partial<Record<MeetingKind, number>>
  makeupEarnsHours?: boolean
}

export function studyRuleSetId(orgId: string): string {
  return `study.${orgId}`
}

const HOURS_BOUNDS = { min: 0, max: 400 } as const
const sane = (n: unknown, max: number = HOURS_BOUNDS.max): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= HOURS_BOUNDS.min && n <= max

/**
 * The study rules in force: the defaults with each set along the org path laid on top, root first,
 * so the nearest org's value wins. A value out of bounds (negative, not a number, above 400 a year or
 * 24 a meeting) is ignored.
 */
export function effectiveStudyRules(setsRootFirst: readonly Partial<StudyRuleSet>[]): StudyRules {
  const out: StudyRules = { ...DEFAULT_STUDY_RULES, hoursByKind: { ...DEFAULT_STUDY_RULES.hoursByKind } }
  for (const s of setsRootFirst) {
    if (sane(s.memberHours)) out.memberHours = s.memberHours
    if (sane(s.committeeHours)) out.committeeHours = s.committeeHours
    if (typeof s.makeupEarnsHours === 'boolean') out.makeupEarnsHours = s.makeupEarnsHours
    for (const kind of MEETING_KINDS) {
      const h = s.hoursByKind?.[kind]
      if (sane(h, 24)) out.hoursByKind[kind] = h
    }
  }
  return out
}

/** The yearly requirement for someone with these roles: 56 for the 支委 (secretary included), else 32. */
export function requiredHours(roles: readonly Role[], rules: StudyRules): number {
  return isCommitteeMember(roles) ? rules.committeeHours : rules.memberHours
}

/**
 * How the member took part in one meeting they were owed:
 * - `present` / `remote`: attended (in person; by video, confirmed);
 * - `pending`: a remote attendance or offline sign-in not yet confirmed by the secretary;
 * - `leave`: approved leave; `absent`: neither (a leave not approved, or still pending, included);
 * - `upcoming`: not started yet; `ongoing`: on now and the member has not signed in yet. Both follow
 *   `meetingPhase` (src/domain/meeting.ts), the one rule 首页 and the meeting page use, so the three
 *   pages never disagree on whether a meeting is on.
 */
export type OrgLifeOutcome = 'present' | 'remote' | 'pending' | 'leave' | 'absent' | 'upcoming' | 'ongoing'

export const OUTCOME_LABELS: Record<OrgLifeOutcome, string> = {
  present: '出席',
  remote: '远程参会',
  pending: '待确认',
  leave: '请假',
  absent: '缺席',
  upcoming: MEETING_PHASE_LABELS.upcoming,
  ongoing: `${MEETING_PHASE_LABELS.ongoing}·未签到`,
}

export type MakeupState = 'none' | 'submitted' | 'accepted'

/** The facts of one owed meeting, as read from the store. */
export interface OwedMeetingFacts {
  meetingId: string
  title: string
  kind: MeetingKind
  startAt: number
  endAt: number
  record: Pick<AttendanceRecord, 'mode' | 'confirmed' | 'late'> | null
  leave: Pick<LeaveRecord, 'status'> | null
  makeup: MakeupState
}

export interface OrgLifeEntry {
  meetingId: string
  title: string
  kind: MeetingKind
  startAt: number
  outcome: OrgLifeOutcome
  late: boolean
  makeup: MakeupState
  /** Whether a 补学 may be written: missed (absent or on leave) and none written yet. */
  makeupOffered: boolean
  /** 学时 earned. */
  hours: number
}

function outcomeOf(state: AttendanceState): OrgLifeOutcome {
  switch (state) {
    case 'present':
    case 'remote':
    case 'leave':
    case 'absent':
      return state
    case 'remote_pending':
    case 'offline_pending':
      return 'pending'
    case 'leave_pending':
      return 'absent'
  }
}

/** Whether the meeting is not over yet for the member (not started, or on and not signed in): not owed yet. */
export function notYetOwed(outcome: OrgLifeOutcome): boolean {
  return outcome === 'upcoming' || outcome === 'ongoing'
}

/** Whether this outcome is a miss that 补学 is for: absent or on leave, never attended. */
export function missed(outcome: OrgLifeOutcome): boolean {
  return outcome === 'absent' || outcome === 'leave'
}

/** One owed meeting's line at `now` (ms): how the member took part and the 学时 it earned. */
export function orgLifeEntry(f: OwedMeetingFacts, rules: StudyRules, now: number): OrgLifeEntry {
  // Only meetings that are not cancelled reach here (owedMeetings leaves cancelled ones out).
  const phase = meetingPhase({ status: 'scheduled', startAt: f.startAt, endAt: f.endAt }, now)
  const outcome: OrgLifeOutcome =
    phase !== 'ended' && !f.record
      ? phase === 'upcoming'
        ? 'upcoming'
        : 'ongoing'
      : outcomeOf(attendanceStateOf(f.record, f.leave))
  const hoursOfKind = rules.hoursByKind[f.kind]
  const attendedFully = outcome === 'present' || outcome === 'remote'
  const madeUp = missed(outcome) && f.makeup === 'accepted' && rules.makeupEarnsHours
  return {
    meetingId: f.meetingId,
    title: f.title,
    kind: f.kind,
    startAt: f.startAt,
    outcome,
    late: f.record?.late === true,
    makeup: f.makeup,
    makeupOffered: missed(outcome) && f.makeup === 'none',
    hours: attendedFully || madeUp ? hoursOfKind : 0,
  }
}

export interface OrgLifeTotals {
  owed: number
  attended: number
  leave: number
  absent: number
  madeUp: number
  hours: number
  requiredHours: number
}

/** Counts over a year's entries (meetings not started or on now without a sign-in are not owed yet). */
export function orgLifeTotals(entries: readonly OrgLifeEntry[], required: number): OrgLifeTotals {
  const past = entries.filter((e) => !notYetOwed(e.outcome))
  return {
    owed: past.length,
    attended: past.filter((e) => e.outcome === 'present' || e.outcome === 'remote' || e.outcome === 'pending').length,
    leave: past.filter((e) => e.outcome === 'leave').length,
    absent: past.filter((e) => e.outcome === 'absent').length,
    madeUp: past.filter((e) => missed(e.outcome) && e.makeup === 'accepted').length,
    hours: past.reduce((sum, e) => sum + e.hours, 0),
    requiredHours: required,
  }
}

/**
 * The per-month facts of organizational life for 党章 第九条, by Beijing month (`YYYY-MM`) of each
 * ended meeting's start: `kept` when the member attended any (a sign-in awaiting confirmation
 * included) or was on approved leave for every one; `lapsed` when they were owed some and neither;
 * months with nothing owed are absent (neutral). 补学 is not attendance and does not keep a month.
 */
export function orgLifeMonthFacts(
  meetings: readonly Pick<OwedMeetingFacts, 'startAt' | 'endAt' | 'record' | 'leave'>[],
  now: number,
): Record<string, MonthFact> {
  const byMonth = new Map<string, { attended: boolean; allExcused: boolean }>()
  for (const m of meetings) {
    if (m.endAt > now) continue
    const month = beijing(m.startAt).format('YYYY-MM')
    const cur = byMonth.get(month) ?? { attended: false, allExcused: true }
    const state = attendanceStateOf(m.record, m.leave)
    if (m.record) cur.attended = true
    else if (state !== 'leave') cur.allExcused = false
    byMonth.set(month, cur)
  }
  const out: Record<string, MonthFact> = {}
  for (const [month, v] of byMonth) out[month] = v.attended || v.allExcused ? 'kept' : 'lapsed'
  return out
}
