/** What the 流动党员 actions (catalog-mobile.ts) return. */
import type { MeetingKind } from '../meeting-kinds'
import type {
  CheckinCadence,
  ContactState,
  ContactThresholds,
  MobileReason,
  ReportKind,
  ReportRequirement,
  SearchMethod,
} from '../mobile'
import type { OrgRef } from './views'

/** The registry fields a roster editor keeps (mobile.updateProfile), as stored and as shown. */
export interface MobileProfileFields {
  /** Beijing date the member went away (`YYYY-MM-DD`). */
  since: string
  city: string
  reason: MobileReason
  contact: string
  /** 《流动党员活动证》 number; empty when none was issued. */
  certificateNo: string
  /** 流入地 host branch, free text; empty when none. */
  hostBranch: string
  /** Expected return (`YYYY-MM-DD`), or null. */
  expectedReturn: string | null
}

export interface MobileProfileView extends MobileProfileFields {
  memberId: string
  name: string
  branchId: string
  /** Server time of the last contact (check-in, report, 补学, or a contact the branch logged). */
  lastContactAt: number
  lastCheckinAt: number | null
  state: ContactState
  daysSinceContact: number
  /** Away six months or more at one place: the branch should start 组织关系转接. */
  transferDue: boolean
  /** Beijing date from which six calendar months have passed without contact (失联 handling from then). */
  lostSince: string
  /** Six calendar months without contact have passed: search and record, then propose to the 党委. */
  lost: boolean
  version: number
}

/** One 查找记录: who searched, when, how and with what result. */
export interface SearchRecordView {
  id: string
  memberId: string
  /** Beijing date of the search (`YYYY-MM-DD`). */
  date: string
  method: SearchMethod
  methodLabel: string
  result: string
  /** Whether the search reached the member (then it counts as a contact). */
  found: boolean
  byName: string
  /** Server time it was recorded. */
  recordedAt: number
}

/**
 * A branch's proposal to its 党委 to stop the membership (停止党籍) of a member lost six months: a
 * record the 党委 sees, never an automatic change (the 党组织 decides by its own procedure).
 */
export interface StopProposalView {
  id: string
  memberId: string
  memberName: string
  branch: OrgRef
  /** The 党委 it goes to (the nearest 党委 above the branch). */
  committee: OrgRef
  /** Server time of the last contact when proposed, and the Beijing date six months after it. */
  lastContactAt: number
  lostSince: string
  reason: string
  /** The searches recorded since the last contact, as they stood when proposed. */
  searches: SearchRecordView[]
  proposedAt: number
  proposedByName: string
  /** `open` until the 党委 answers (mobile.answerStopProposal). */
  status: 'open' | 'agreed' | 'refused'
  /** Whether the viewer (staff of the 党委 it went to) may answer it now. */
  canAnswer: boolean
  /** The 党委's answer, once given; null while open. */
  answer: StopProposalAnswer | null
}

/**
 * The 党委's answer to a 停止党籍 proposal: 同意 with its decision's date and 文号, or 不同意 with the
 * reason. Recorded only: the member's status is changed by the roster's own edit, not by this.
 */
export interface StopProposalAnswer {
  agreed: boolean
  /** Beijing date of the 党委's decision (同意 only). */
  decidedOn: string | null
  /** The decision's 文号 (同意 only). */
  docNo: string | null
  /** Why not (不同意 only). */
  reason: string | null
  byName: string
  at: number
}

export interface StopProposalPage {
  org: OrgRef
  /** Newest first. */
  items: StopProposalView[]
}

export interface MobileRulesView {
  thresholds: ContactThresholds
  cadence: CheckinCadence
  source: { thresholds: string; cadence: string }
}

export interface CheckinView {
  id: string
  memberId: string
  /** `checkin`: the member's 报到; `contact`: a contact the branch logged (电话、走访…). */
  kind: 'checkin' | 'contact'
  city: string
  note: string
  /** The device's clock when the member pressed 报到 (may be offline, hence earlier than receivedAt). */
  deviceTime: number
  receivedAt: number
  hasPhoto: boolean
  /** Who logged a contact; the member for a check-in. */
  byName: string
}

export interface ReportView {
  id: string
  memberId: string
  memberName: string
  branchId: string
  year: number
  kind: ReportKind
  title: string
  body: string
  submittedAt: number
  readAt: number | null
  readByName: string | null
  reply: string | null
}

export interface MakeupView {
  id: string
  meetingId: string
  meetingTitle: string
  meetingKind: MeetingKind
  meetingStartAt: number
  memberId: string
  memberName: string
  note: string
  submittedAt: number
  acceptedAt: number | null
  acceptedByName: string | null
}

/** A past meeting of the member's branch they were expected at and did not attend. */
export interface MissedMeeting {
  meetingId: string
  title: string
  kind: MeetingKind
  startAt: number
  minutesFinal: boolean
  makeup: 'none' | 'submitted' | 'accepted'
}

export interface CheckinDueView {
  cadence: CheckinCadence
  periodLabel: string
  doneThisPeriod: boolean
  dueDate: string
}

/** The member's own 流动党员 page. */
export interface MobileHomeView {
  /** Null when the member is not registered as a 流动党员. */
  profile: MobileProfileView | null
  due: CheckinDueView
  requirement: ReportRequirement
  checkins: CheckinView[]
  reports: ReportView[]
  missed: MissedMeeting[]
}

export interface MobileBranchView {
  branch: OrgRef
  rules: MobileRulesView
  /** Most urgent first. */
  rows: MobileProfileView[]
  counts: Record<ContactState, number>
  /** Members with status 流动 but no registry entry yet. */
  unregistered: { memberId: string; name: string }[]
  /** What the viewer may change here (from the actions' declarations). */
  can: { setCadence: boolean; setThresholds: boolean }
}

export interface TimelineEntry {
  at: number
  kind: 'checkin' | 'contact' | 'report' | 'makeup' | 'search'
  title: string
  detail: string
}

export interface MobileMemberView {
  profile: MobileProfileView | null
  /** The member's name and status even before a profile exists. */
  member: { id: string; name: string; status: string; branchId: string }
  requirement: ReportRequirement
  due: CheckinDueView
  reports: ReportView[]
  makeups: MakeupView[]
  timeline: TimelineEntry[]
  /** 查找记录, newest first. */
  searches: SearchRecordView[]
  /** The proposal to the 党委 for 停止党籍, when one was made. */
  proposal: StopProposalView | null
  /** Why a proposal cannot be made now (Chinese, with what to do next); null when it can. */
  proposalProblem: string | null
  /** What the viewer may do here (from the actions' declarations). */
  can: {
    editProfile: boolean
    recordContact: boolean
    markReports: boolean
    recordSearch: boolean
    proposeStop: boolean
  }
}

export interface MakeupPageView {
  meeting: { id: string; title: string; kind: MeetingKind; startAt: number; minutesFinal: boolean; branchId: string }
  /** Whether the caller may write a 补学 note for this meeting, and if not, why (Chinese). */
  canSubmit: boolean
  reason: string | null
  mine: MakeupView | null
  /** Every 补学 of this meeting, for the branch's organizers; null for others. */
  all: MakeupView[] | null
}
