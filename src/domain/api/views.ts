/** What actions return: the shapes the client renders. */
import type { MeetingKind } from '../meeting-kinds'
import type { Meeting, MeetingPhase } from '../meeting'
import type { MyMeetingState } from '../my-meeting-state'
import type {
  ExpectedExclusion,
  MemberCategory,
  MemberChangeField,
  MemberStatus,
  OrgKind,
  PartyProbation,
  ConfirmationPending,
  Role,
} from '../org'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface OrgRef {
  id: string
  name: string
  kind: OrgKind
}

export interface ProfileView {
  bound: true
  member: {
    id: string
    name: string
    gender: 'male' | 'female'
    phoneMasked: string
    category: MemberCategory
    status: MemberStatus
    roles: Role[]
    joinedAt: string
    votingRights: boolean
  }
  org: OrgRef
  group: OrgRef | null
  /** From the root 党委 down to the member's own org. */
  orgPath: OrgRef[]
  /** Whether the member may plan and schedule the branch's meetings. */
  canSchedule: boolean
}

export interface UnboundView {
  bound: false
}

/** A meeting in a list: the meeting's own fields (src/domain/meeting.ts) and how it stands for the viewer. */
export interface MeetingSummary extends Pick<
  Meeting,
  'id' | 'branchId' | 'kind' | 'title' | 'startAt' | 'endAt' | 'place' | 'status'
> {
  phase: MeetingPhase
  participantCount: number
  iAmParticipant: boolean
  /** Attendance confirmed by the organizers: the meeting was held. */
  held: boolean
  /** Minutes finalized and locked. */
  minutesFinal: boolean
  /** 补录: minutes finalized later than the rules allow after the meeting. */
  minutesLate: boolean
  /** For kinds with quorum, whether it was met; null before attendance or where none applies. */
  quorumMet: boolean | null
  /** Counts toward the period's quota (held, minutes final, quorum not failed). */
  counts: boolean
  /** Members may attend by video (远程参会); a list offers the way only then. */
  allowRemote: boolean
}

export interface MeetingHistoryEntry {
  change: 'edited' | 'rescheduled' | 'cancelled'
  /** What changed, in Chinese, e.g. `时间：12月04日 15:00 → 12月11日 15:00`. */
  summary: string[]
  reason: string | null
  by: { id: string; name: string }
  at: number
}

export interface MeetingDetail extends MeetingSummary {
  agenda: string[]
  branchName: string
  group: OrgRef | null
  participants: { id: string; name: string }[]
  createdBy: { id: string; name: string }
  createdAt: number
  /** The stored version, for edits that must not overwrite someone else's. */
  version: number
  cancelReason: string | null
  /** Whether the viewer may edit, reschedule or cancel it (the branch's organizers, before it ends). */
  canManage: boolean
  /** Whether the viewer organizes it (签到码, 考勤), before and after it ends. */
  canRecord: boolean
  /** Whether the viewer may write its minutes (the branch committee: any 支委 may be 记录人). */
  canWriteMinutes: boolean
  /** Members may attend by video (远程参会). */
  allowRemote: boolean
  /**
   * The viewer was expected, the meeting has ended and they have no sign-in (absent, or on leave):
   * 补学 is for them. False for anyone who attended (a sign-in awaiting confirmation included).
   */
  iMissed: boolean
  /**
   * The viewer's own state on the meeting (src/domain/my-meeting-state.ts) with what to do next, and
   * whether they still owe its 阅签; null for a viewer not expected at it.
   */
  mine: { state: MyMeetingState; hint: string; readOwed: boolean } | null
  /** Every change after scheduling, newest first. */
  history: MeetingHistoryEntry[]
}

export interface DemoAccount {
  memberId: string
  name: string
  orgId: string
  orgName: string
  roles: Role[]
  category: MemberCategory
}

export interface SessionGrant {
  token: string
  expiresAt: number
  /** Set for a 扫码登录 web session: the record 退出登录 ends (`webLogin.revoke`); absent for a development session. */
  webSessionId?: string
}

export interface HealthView {
  ok: true
  store: 'sqlite' | 'cloudbase'
  time: number
}

/** One row of 支部成员. `phone` is full only for the branch's committee and the 党委; masked otherwise. */
export interface MemberRow {
  id: string
  name: string
  gender: 'male' | 'female'
  category: MemberCategory
  status: MemberStatus
  roles: Role[]
  group: OrgRef | null
  phone: string
  phoneMasked: boolean
  votingRights: boolean
  /** Whether a WeChat user is bound to this member. */
  bound: boolean
  version: number
}

export interface MemberHistoryEntry {
  field: MemberChangeField
  from: unknown
  to: unknown
  reason: string | null
  by: { id: string; name: string }
  at: number
}

export interface MemberDetail extends MemberRow {
  org: OrgRef
  joinedAt: string
  confirmedAt: string | null
  /** Name, status, role, category and group changes, newest first; only the committee and the 党委 see it. */
  history: MemberHistoryEntry[]
  /** Whether the viewer may edit this member, invite or unbind (the branch committee's editors). */
  canEdit: boolean
  /**
   * The member states (issue 16 §3), shown to the member themself, the committee and the 党委; null
   * for anyone else (and when none). `probationDueOn`: the day 转正 is due for a 预备党员.
   */
  states: MemberStatesView | null
}

/** 留党察看, an exclusion from 应到 and the 预备期 of one member (src/domain/member-states.ts). */
export interface MemberStatesView {
  partyProbation: PartyProbation | null
  /** Whether the 留党察看 runs today (no vote). */
  partyProbationRunning: boolean
  exclusion: ExpectedExclusion | null
  /** Whether the exclusion applies today (not counted in 应到). */
  excludedToday: boolean
  probationDueOn: string | null
  probationExtendedTo: string | null
  /** The latest date the 预备期 may be extended to (a year past the regular end); null for a 正式党员. */
  latestExtension: string | null
  /** A 转正 the 支部大会 passed, waiting for the 上级党委's approval; null when none. */
  confirmationPending: ConfirmationPending | null
}

export interface InvitationView {
  code: string
  memberId: string
  memberName: string
  branchName: string
  expiresAt: number
  /** The page a scan opens, with the code (`packages/roster/pages/bind/index?code=…`). */
  path: string
  /** A scannable image: a mini-program code in WeChat, a QR code of the h5 address on the host. */
  imageDataUrl: string
  /** The address the QR code holds, to copy (the host's h5 address); null in WeChat, where the code is a mini-program code. */
  link: string | null
  /** Why the link will not open on a phone (it is this computer's own address) and what to do, or null. */
  linkProblem: string | null
}

export interface InvitationPreview {
  branchName: string
  /** The invited name with the middle hidden, e.g. 张*国: enough to recognise, not to harvest. */
  maskedName: string
  expiresAt: number
}

export interface ImportProblem {
  /** The row as numbered in a spreadsheet (the header is row 1). */
  row: number
  /** The column header, or `(整行)` for a whole-row problem. */
  column: string
  message: string
}

export interface ImportRowView {
  row: number
  name: string
  phoneMasked: string
  /** `create` a new member, `update` the member with this phone, or leave it `unchanged`. */
  action: 'create' | 'update' | 'unchanged'
  changes: string[]
}

export interface ImportPreview {
  rows: ImportRowView[]
  problems: ImportProblem[]
  /** What does not stop the import but deserves a look, e.g. a name another member has too. */
  warnings: ImportProblem[]
  counts: { create: number; update: number; unchanged: number }
  /** Only a preview without problems can be committed. */
  canCommit: boolean
}

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
}

/** One org in a subtree, in tree order (parents before children). */
export interface OrgNode extends OrgRef {
  parentId: string | null
  /** 0 for the org asked about, 1 for its children, … */
  depth: number
  /** Active members (正常 and 流动) belonging directly to this org, or to its groups for a branch. */
  memberCount: number
}

/** One kind of meeting owed by a branch (or, for 党小组会, by one of its groups) in its current period. */
export interface ComplianceItem {
  kind: MeetingKind
  /** The branch, or the group for a 党小组会. */
  owner: OrgRef
  periodKey: string
  periodLabel: string
  status: 'done' | 'in_progress' | 'due' | 'overdue' | 'missed'
  counted: number
  required: number
  scheduled: number
  atRisk: boolean
  /** One Chinese sentence: why, and what to do next. */
  reason: string
}

export interface BranchCompliance {
  branch: OrgRef
  items: ComplianceItem[]
  /** The item needing attention first: 逾期, then 未完成, 待召开 at risk, 待召开, 进行中, 已完成. */
  worst: ComplianceItem['status']
  atRisk: boolean
  /**
   * What the 党委 was told about this branch in the last 30 days (久未开展组织生活, 逾期), newest first,
   * at most 5: the branch sees that its 党委 knows.
   */
  escalations: { at: number; reason: string }[]
  /**
   * Whether the branch has a 支部委员会 (7 正式党员 or more, 条例 第六章) and why; without one it owes no
   * 支委会 and `items` leaves it out.
   */
  committee: { hasCommittee: boolean; fullMembers: number; reason: string }
  /** 谈心谈话 this year per pair (委员之间, 委员与党员; 条例 第五章): pairs done and owed. */
  heartTalks: { year: number; owed: number; done: number }
}
