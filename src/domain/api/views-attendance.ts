/**
 * What the attendance actions (catalog-attendance.ts) return. The board is also read by minutes
 * (出席/请假/缺席/列席 filled from it) and by mobile members' pages, through
 * `readAttendanceBoard` in src/cloud/attendance-board.ts.
 */
import type { QuorumResult } from '../quorum'

export type SignInVia = 'qr' | 'printed_code' | 'offline' | 'manual' | 'remote'
export type LeaveCategory = 'work' | 'sick' | 'personal' | 'other'
export type LeaveStatus = 'pending' | 'approved' | 'declined'

/** One person's line on the board. */
export type AttendanceState =
  | 'present'
  | 'remote'
  | 'remote_pending'
  /** 离线补传 received, not yet confirmed by the organizer: a claim, counted in 缺席 until then. */
  | 'offline_pending'
  | 'leave'
  | 'leave_pending'
  | 'absent'

export interface AttendancePerson {
  memberId: string
  name: string
  /** The name as listed: with the 党小组 or the phone's last digits when another person here shares it (same-names.ts). */
  label: string
  state: AttendanceState
  late: boolean
  via: SignInVia | null
  /** 列席: invited, not a participant; never counted in 应到 or quorum. */
  guest: boolean
  /** Has a vote here (正式党员 of this branch; not 预备党员, not a visiting 流动党员). */
  votingRights: boolean
  /** Sent from the outbox after the fact: 离线补传. */
  offline: boolean
  /** 代为登记: marked by hand, with why and by whom. */
  manualReason: string | null
  recordedBy: string | null
  /** Server time of the first valid sign-in (device time for an offline scan, checked). */
  signedAt: number | null
  /** 代为登记 more than the rule's limit after the meeting ended: 补登. */
  belated: boolean
  /** Who confirmed a remote attendance or an offline claim (member id), and when (epoch ms). */
  confirmedBy: string | null
  confirmedAt: number | null
  leave: { category: LeaveCategory; note: string; status: LeaveStatus } | null
}

export interface AttendanceBoard {
  meetingId: string
  /** 应到: participants (guests excluded). */
  expected: number
  /** 实到 = inPerson + remote. */
  present: number
  inPerson: number
  remote: number
  onLeave: number
  absent: number
  late: number
  /** Asked for leave, not yet decided (counted in 缺席 until approved). */
  leavePending: number
  /** Said they attend remotely, not yet confirmed by the secretary (counted in 缺席 until then). */
  remotePending: number
  /** 离线补传 claims waiting for the organizer's confirmation (counted in 缺席 until then). */
  offlinePending: number
  /** Names of the organizers who marked or confirmed someone (member id → name), for the record. */
  recorderNames: Record<string, string>
  /** Null for kinds without quorum. */
  quorum: QuorumResult | null
  /** When the secretary confirmed attendance (the meeting counts as held from then); null before. */
  recordedAt: number | null
  people: AttendancePerson[]
}

export interface SignInPlaceView {
  lat: number
  lng: number
  radius: number
  label: string
}

/** The meeting's sign-in settings, without the secret. */
export interface AttendanceSettingsView {
  meetingId: string
  title: string
  startAt: number
  endAt: number
  opensBefore: number
  lateAfter: number
  opensAt: number
  closesAt: number
  place: SignInPlaceView | null
  allowRemote: boolean
  videoLink: string | null
  /** When the participant list was frozen (sign-in first opened). */
  frozenAt: number | null
  /** `label`: the name, told apart from a participant or guest of the same name (same-names.ts). */
  guests: { id: string; name: string; label: string }[]
  /** Members of another branch invited as 列席 who have not accepted yet: counted, never named. */
  pendingGuests: number
}

/** The invited member's answer to a 列席 invitation from another branch. */
export interface GuestInviteAnswerView {
  meetingId: string
  title: string
  startAt: number
  endAt: number
  /** True: now on the meeting's 列席 list; false: declined. */
  accepted: boolean
}

/**
 * The invited member's own 列席 invitation as it stands now (attendance.myGuestInvite): `pending`
 * waits for their answer; `accepted` / `declined` they answered; `approved` the 党委 approved for
 * them; `listed` they are on the 列席 list otherwise (a guest of their own branch); `none` there is
 * no invitation (withdrawn, or the meeting was cancelled).
 */
export interface MyGuestInviteView {
  meetingId: string
  state: 'pending' | 'accepted' | 'declined' | 'approved' | 'listed' | 'none'
  /** One Chinese sentence saying where the invitation stands and what to do next. */
  note: string
}

/**
 * One pending 列席 invitation as the 党委 sees it (attendance.pendingGuests): a member of the 党委
 * invited by another branch of it, waiting for their own answer or the 党委's approval.
 */
export interface PendingGuestView {
  meetingId: string
  title: string
  startAt: number
  endAt: number
  /** The inviting branch. */
  branchId: string
  branchName: string
  memberId: string
  name: string
  /** The invitee's own branch. */
  memberOrgName: string
  invitedBy: string
  invitedAt: number
}

/**
 * One person an organizer may invite as 列席 (attendance.guestCandidates). A member of another
 * branch shows only name and branch (issue 18 §7): nothing else until they accept.
 */
export interface GuestCandidate {
  id: string
  name: string
  /** The name, told apart from a namesake of the own branch (src/domain/same-names.ts). */
  label: string
  /** The branch they belong to. */
  branchName: string
  /** True for a member of another branch: invited, they wait for their own or the 党委's acceptance. */
  waitsForAcceptance: boolean
}

/** What 邀请列席's search found, and what it searched (said to the organizer when nothing is found). */
export interface GuestCandidatesView {
  items: GuestCandidate[]
  /** Whether other branches of the 党委 were searched too (false when the branch has no 党委 above it). */
  searchedCommittee: boolean
  /** How many matches were left out because they are already on the list or already invited. */
  alreadyListed: number
}

/** What the 签到码 screen needs to keep rotating codes with no network. Organizers only. */
export interface SignInCodeView {
  meetingId: string
  title: string
  /** The per-meeting HMAC key. Never shown to anyone but the meeting's organizers. */
  secret: string
  windowMs: number
  startAt: number
  endAt: number
  opensAt: number
  closesAt: number
  /** Server time when the code was fetched, so the phone can correct its own clock. */
  serverNow: number
  place: SignInPlaceView | null
  expected: number
}

export interface PrintedCodeView {
  meetingId: string
  /** `data:image/png;base64,…` */
  image: string
  scene: string
  page: string
}

export interface SignInResult {
  meetingId: string
  memberId: string
  name: string
  mode: 'in_person' | 'remote'
  via: SignInVia
  late: boolean
  offline: boolean
  signedAt: number
  /** False when the person was already signed in and the first record stands. */
  created: boolean
  /** For remote attendance and offline claims: confirmed by the organizer (false = 待确认). */
  confirmed: boolean
}

export interface LeaveView {
  meetingId: string
  meetingTitle: string
  meetingStartAt: number
  memberId: string
  name: string
  category: LeaveCategory
  note: string
  status: LeaveStatus
  createdAt: number
  decidedAt: number | null
  decisionNote: string | null
}

/** A member's own view of one meeting's sign-in (the 签到 page). */
export interface MySignInView {
  meetingId: string
  title: string
  place: string
  startAt: number
  endAt: number
  opensAt: number
  closesAt: number
  phase: 'upcoming' | 'ongoing' | 'ended' | 'cancelled'
  /** Whether I am expected (参会) or invited (列席); neither means I cannot sign in. */
  role: 'participant' | 'guest' | 'none'
  requiresLocation: boolean
  placeLabel: string | null
  allowRemote: boolean
  videoLink: string | null
  state: AttendanceState
  record: SignInResult | null
  leave: LeaveView | null
}
