/**
 * Attendance rules (issue 5), pure: when sign-in is open, who is late, how an offline scan is
 * judged, and the live board's arithmetic (应到/实到/请假/缺席/迟到 and quorum).
 */
import type {
  AttendanceBoard,
  AttendancePerson,
  AttendanceState,
  LeaveCategory,
  LeaveStatus,
  SignInVia,
} from './api/views-attendance'
import type { MeetingKindRule } from './meeting-kinds'
import { hasVotingRights, isCommitteeMember, type Member } from './org'
import { quorumOf } from './quorum'
import { TOKEN_TOLERANCE_WINDOWS, TOKEN_WINDOW_MS, windowOf } from './attendance-token'

const MINUTE = 60_000

export const DEFAULT_OPENS_BEFORE_MIN = 30
export const DEFAULT_LATE_AFTER_MIN = 5
const HOUR = 60 * MINUTE

/** Attendance limits kept as rule data (issue 18), in epoch-ms durations. */
export interface AttendanceRules {
  /** An offline sign-in may be uploaded up to this long after the meeting ends (exactly at it is accepted). */
  offlineUploadMs: number
  /** 代为登记 more than this long after the meeting ended is 补登 (exactly at it is not). */
  manualBelatedAfterMs: number
}

export const DEFAULT_ATTENDANCE_RULES: AttendanceRules = {
  offlineUploadMs: 2 * HOUR,
  manualBelatedAfterMs: 24 * HOUR,
}

/** Bounds on a committee's setting of each limit (epoch-ms durations). */
export const ATTENDANCE_RULE_RANGES: Record<keyof AttendanceRules, { min: number; max: number }> = {
  offlineUploadMs: { min: 15 * MINUTE, max: 24 * HOUR },
  manualBelatedAfterMs: { min: HOUR, max: 7 * 24 * HOUR },
}

/**
 * The attendance rules in force for a branch: the defaults, then each committee's
 * `attendanceOfflineUploadMs` / `attendanceManualBelatedAfterMs` along the org path (root first,
 * nearest last). A value that is not an integer inside its range is skipped, never trusted.
 */
export function attendanceRulesFrom(
  setsAlongPath: readonly { attendanceOfflineUploadMs?: unknown; attendanceManualBelatedAfterMs?: unknown }[],
): AttendanceRules {
  const rules = { ...DEFAULT_ATTENDANCE_RULES }
  const take = (key: keyof AttendanceRules, v: unknown) => {
    const r = ATTENDANCE_RULE_RANGES[key]
    if (typeof v === 'number' && Number.isInteger(v) && v >= r.min && v <= r.max) rules[key] = v
  }
  for (const set of setsAlongPath) {
    take('offlineUploadMs', set.attendanceOfflineUploadMs)
    take('manualBelatedAfterMs', set.attendanceManualBelatedAfterMs)
  }
  return rules
}

/** A duration in Chinese for messages: whole hours as "N 小时", else minutes. */
export function hoursText(ms: number): string {
  return ms % HOUR === 0 ? `${ms / HOUR} 小时` : `${Math.round(ms / MINUTE)} 分钟`
}

/** 补登: 代为登记 at `markedAt` more than the rule's limit after the meeting ended at `endAt` (epoch ms). */
export function isBelatedManual(endAt: number, markedAt: number, rules: AttendanceRules): boolean {
  return markedAt - endAt > rules.manualBelatedAfterMs
}

export const LEAVE_CATEGORY_LABELS: Record<LeaveCategory, string> = {
  work: '因公',
  sick: '因病',
  personal: '因事',
  other: '其他',
}
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = {
  pending: '待审批',
  approved: '已准假',
  declined: '未准假',
}
export const ATTENDANCE_STATE_LABELS: Record<AttendanceState, string> = {
  present: '现场出席',
  remote: '远程参会',
  remote_pending: '远程待确认',
  offline_pending: '离线补传待确认',
  leave: '请假',
  leave_pending: '请假待批',
  absent: '缺席',
}
export const VIA_LABELS: Record<SignInVia, string> = {
  qr: '扫码签到',
  printed_code: '会场码签到',
  offline: '离线补传',
  manual: '代为登记',
  remote: '远程参会',
}

export interface SignInPlace {
  lat: number
  lng: number
  /** Metres. */
  radius: number
  label: string
}

/** The sign-in settings kept on the meeting document (`meeting.signIn`). */
export interface SignInSettings {
  secret: string
  /** Minutes before the start that sign-in opens. */
  opensBefore: number
  /** Minutes after the start after which a sign-in is 迟到. */
  lateAfter: number
  /** When the participant list was frozen (sign-in first opened); null before. */
  frozenAt: number | null
  place: SignInPlace | null
}

export interface SignInWindow {
  opensAt: number
  closesAt: number
}

export function signInWindow(
  meeting: { startAt: number; endAt: number },
  settings: Pick<SignInSettings, 'opensBefore'> | null,
): SignInWindow {
  const opensBefore = settings?.opensBefore ?? DEFAULT_OPENS_BEFORE_MIN
  return { opensAt: meeting.startAt - opensBefore * MINUTE, closesAt: meeting.endAt }
}

/** Why sign-in is not open at `at`, or null when it is. */
export function signInClosedReason(window: SignInWindow, at: number): string | null {
  if (at < window.opensAt) return '还没到签到时间（会前开放签到），请到时再扫码。'
  if (at > window.closesAt) return '会议已经结束，签到已关闭；如确实参加了会议，请联系支部书记代为登记。'
  return null
}

export function isLate(
  meeting: { startAt: number },
  settings: Pick<SignInSettings, 'lateAfter'> | null,
  signedAt: number,
): boolean {
  return signedAt > meeting.startAt + (settings?.lateAfter ?? DEFAULT_LATE_AFTER_MIN) * MINUTE
}

/**
 * Whether an offline scan's claimed device time fits its token and the meeting: the token's window
 * must lie inside the sign-in window, the device time must agree with the token (one window either
 * side) and must not be later than its arrival at the server, and it must arrive no later than
 * `rules.offlineUploadMs` after sign-in closed (exactly at the limit is accepted). Null when acceptable.
 * Acceptance makes a claim only: it counts once the organizer confirms it.
 */
export function offlineRefusal(
  window: SignInWindow,
  tokenWindow: number,
  deviceTime: number,
  receivedAt: number,
  rules: Pick<AttendanceRules, 'offlineUploadMs'> = DEFAULT_ATTENDANCE_RULES,
): string | null {
  const tokenStart = tokenWindow * TOKEN_WINDOW_MS
  const tokenEnd = tokenStart + TOKEN_WINDOW_MS
  if (tokenEnd <= window.opensAt || tokenStart > window.closesAt) {
    return '这个离线签到码不在本次会议的签到时间内，无法补传；如确实参加了会议，请联系支部书记代为登记。'
  }
  if (
    Math.abs(windowOf(deviceTime) - tokenWindow) > TOKEN_TOLERANCE_WINDOWS ||
    deviceTime > receivedAt + TOKEN_WINDOW_MS
  ) {
    return '离线签到记录的手机时间与签到码不符，无法补传；请校准手机时间，并联系支部书记代为登记。'
  }
  if (receivedAt > window.closesAt + rules.offlineUploadMs) {
    return `离线签到须在会后 ${hoursText(rules.offlineUploadMs)}内上传，已超过期限；请联系支部书记代为登记。`
  }
  return null
}

// ---- the board ----

export interface BoardPerson {
  memberId: string
  name: string
  votingRights: boolean
  committee: boolean
  /** Attending on a 《流动党员活动证》 from another branch: no vote here. */
  visiting: boolean
}

/**
 * How `memberId` counts on the board of a meeting of `branchId`: named as on the roster, voting
 * rights and committee seat from it, and visiting (no vote here) when their org is another branch.
 * `member` is undefined for someone no longer on any roster: （已离开本支部）, no vote, visiting.
 */
export function boardPersonOf(
  memberId: string,
  member: Pick<Member, 'name' | 'category' | 'status' | 'roles' | 'orgId'> | undefined,
  branchId: string,
): BoardPerson {
  return {
    memberId,
    name: member?.name ?? '（已离开本支部）',
    votingRights: member ? hasVotingRights(member) : false,
    committee: member ? isCommitteeMember(member.roles) : false,
    visiting: member ? member.orgId !== branchId : true,
  }
}

export interface AttendanceRecord {
  memberId: string
  mode: 'in_person' | 'remote'
  late: boolean
  via: SignInVia
  signedAt: number
  offline: boolean
  manualReason: string | null
  recordedBy: string | null
  /** A remote attendance or an offline claim counts only once the organizer confirms it. */
  confirmed: boolean
  /** 代为登记 after the rule's limit (补登); absent on records older than issue 18. */
  belated?: boolean
  confirmedBy?: string | null
  confirmedAt?: number | null
}

export interface LeaveRecord {
  memberId: string
  category: LeaveCategory
  note: string
  status: LeaveStatus
}

export interface BoardInput {
  meetingId: string
  rule: Pick<MeetingKindRule, 'quorum'>
  participants: readonly BoardPerson[]
  guests: readonly BoardPerson[]
  records: readonly AttendanceRecord[]
  leaves: readonly LeaveRecord[]
  /** Member id → the name as listed (sameNameLabels); the name itself for anyone not in it. */
  labels?: ReadonlyMap<string, string>
  recordedAt: number | null
  /** Names of the organizers named by `recordedBy` / `confirmedBy` (member id → name). */
  recorderNames?: Record<string, string>
}

/**
 * One person's state at a meeting from their attendance record and leave request (either may be
 * missing): a record wins (现场出席, or 远程参会 once confirmed, else 远程待确认; an offline claim not yet
 * confirmed is 离线补传待确认); without one, an
 * approved leave is 请假, a pending one 请假待批, and anything else (none, or 未准假) 缺席.
 */
export function attendanceStateOf(
  record: Pick<AttendanceRecord, 'mode' | 'confirmed'> | null | undefined,
  leave: Pick<LeaveRecord, 'status'> | null | undefined,
): AttendanceState {
  if (record) {
    if (record.mode === 'in_person') return record.confirmed === false ? 'offline_pending' : 'present'
    return record.confirmed ? 'remote' : 'remote_pending'
  }
  if (leave?.status === 'approved') return 'leave'
  if (leave?.status === 'pending') return 'leave_pending'
  return 'absent'
}

export function computeBoard(input: BoardInput): AttendanceBoard {
  const records = new Map(input.records.map((r) => [r.memberId, r]))
  const leaves = new Map(input.leaves.map((l) => [l.memberId, l]))
  const line = (p: BoardPerson, guest: boolean): AttendancePerson => {
    const record = records.get(p.memberId)
    const leave = leaves.get(p.memberId)
    const state = attendanceStateOf(record, leave)
    return {
      memberId: p.memberId,
      name: p.name,
      label: input.labels?.get(p.memberId) ?? p.name,
      state,
      late: record?.late ?? false,
      via: record?.via ?? null,
      guest,
      votingRights: p.votingRights && !p.visiting && !guest,
      offline: record?.offline ?? false,
      manualReason: record?.manualReason ?? null,
      recordedBy: record?.recordedBy ?? null,
      signedAt: record?.signedAt ?? null,
      belated: record?.belated === true,
      confirmedBy: record?.confirmedBy ?? null,
      confirmedAt: record?.confirmedAt ?? null,
      leave: leave ? { category: leave.category, note: leave.note, status: leave.status } : null,
    }
  }
  const people = input.participants.map((p) => line(p, false))
  const guests = input.guests.filter((g) => !people.some((p) => p.memberId === g.memberId)).map((g) => line(g, true))
  const count = (s: AttendanceState) => people.filter((p) => p.state === s).length
  const inPerson = count('present')
  const remote = count('remote')
  const presentIds = people.filter((p) => p.state === 'present' || p.state === 'remote').map((p) => p.memberId)
  const quorum = input.rule.quorum === 'none' ? null : quorumOf(input.rule, input.participants, presentIds)
  return {
    meetingId: input.meetingId,
    expected: people.length,
    present: inPerson + remote,
    inPerson,
    remote,
    onLeave: count('leave'),
    absent: people.length - inPerson - remote - count('leave'),
    late: people.filter((p) => (p.state === 'present' || p.state === 'remote') && p.late).length,
    leavePending: count('leave_pending'),
    remotePending: count('remote_pending'),
    offlinePending: count('offline_pending'),
    recorderNames: input.recorderNames ?? {},
    quorum,
    recordedAt: input.recordedAt,
    people: [...people, ...guests],
  }
}
