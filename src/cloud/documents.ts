/**
 * The documents the server stores, one interface per kind of record (without the store's `_id` and
 * `_version`, unless a document names its `_id` itself), in the order of the collections that hold
 * them (src/cloud/collections.ts maps each collection to its document). Types only, built from
 * src/domain and the notifier port's `Notification`, so every module of src/cloud can import them
 * without importing the handlers or adapters that write them, and no import circle runs through the
 * collection registry.
 */
import type { MakeupView, MobileProfileFields, ReportView, StopProposalAnswer } from '../domain/api/views-mobile'
import type { SearchMethod } from '../domain/mobile'
import type { PlanItemView } from '../domain/api/views-planning'
import type { DayRule } from '../domain/annual-plan'
import type { AttendanceRecord, LeaveRecord, SignInSettings } from '../domain/attendance'
import type { PeriodCounter } from '../domain/compliance'
import type { NoticeDelivery } from '../domain/delivery'
import type { DuesBaseDecl, DuesEntry, PaymentMethod } from '../domain/dues'
import type { RuleSet } from '../domain/kind-rules'
import type { Meeting } from '../domain/meeting'
import type { MeetingKind } from '../domain/meeting-kinds'
import type { ChainEntryKind, MinutesAttendance, MinutesContent } from '../domain/minutes'
import type { Period } from '../domain/periods'
import type { PhotoSource } from '../domain/photo-source'
import type { AttendanceSummary, CompactOwner, RowState } from '../domain/supervision'
import type { Notification } from './ports/notifier'

// — meetings

/** The meeting document as the attendance area reads and writes it (old meetings lack the extras). */
export type AttendanceMeetingDoc = Omit<Meeting, 'id'> & {
  _id: string
  signIn?: SignInSettings | null
  guestIds?: string[]
  /** 列席 invitations to members of another branch, waiting for their acceptance (or the 党委's). */
  guestInvites?: GuestInviteDoc[]
  /** How each settled invitation was settled: by the member themself or approved by the 党委. */
  guestAnswers?: { memberId: string; accepted: boolean; byCommittee: boolean; at: number }[]
  allowRemote?: boolean | null
  videoLink?: string | null
  attendanceRecordedAt?: number | null
  quorumMet?: boolean | null
  minutesFinalizedAt?: number | null
  /** The board's counts when attendance was confirmed (the 党委's matrix sums them). */
  attendanceSummary?: AttendanceSummary | null
}

/** A pending 列席 invitation: whom, by whom, when (epoch ms). */
export interface GuestInviteDoc {
  memberId: string
  invitedBy: string
  invitedAt: number
}

// — notifications, outbox

/** A notice as kept for the in-app 消息 list (`notifications`). */
export interface NoticeDoc extends Omit<Notification, 'id'> {
  /** The branch whose organizers see whether it reached the person. */
  branchId: string
  /** The meeting it is about, if any. */
  meetingId: string | null
  createdAt: number
  /** When the member opened it in the app; null while unread. */
  readAt: number | null
  /** What the notifier answered; null until it has. */
  delivery: NoticeDelivery | null
}

/** A notification the host's outbox notifier queued (`outbox`, `_id` = the notification id). */
export interface OutboxEntry extends Omit<Notification, 'id'> {
  queuedAt: number
}

// — compliance counters, kind rules, plans

/** One period's count of one kind of meeting for its owner (`compliance_counters`). */
export interface CounterDoc {
  /** The branch, or for a 党小组会 the group, that owes the meetings. */
  ownerId: string
  branchId: string
  kind: MeetingKind
  period: Period
  periodKey: string
  start: number
  end: number
  counter: PeriodCounter
}

/** A 党委's or 支部's kind rules (`rule_sets`, `_id` = the org id). */
export interface RuleSetDoc extends RuleSet {
  updatedAt: number
  updatedBy: string
}

/** An item as the plan stores it: its view without what is derived when read. */
export type PlanItemDoc = Omit<PlanItemView, 'kindLabel' | 'groupName' | 'warning'>

/** A branch's annual plan (`plans`, `_id` = `${branchId}.${year}`). */
export interface PlanDoc {
  branchId: string
  year: number
  status: 'draft' | 'published'
  themeDay: DayRule
  items: PlanItemDoc[]
  generatedAt: number
  generatedBy: string
  updatedAt: number
  updatedBy: string
  publishedAt: number | null
  publishedBy: string | null
  /** What generating left out, in Chinese (days already past, periods already held); absent on older plans. */
  leftOut?: string[]
}

// — attendance

/** The attendance document, `_id = ${meetingId}.${memberId}`. */
export interface AttendanceDoc extends AttendanceRecord {
  meetingId: string
  branchId: string
  receivedAt: number
  /** Remote attendance: who confirmed it and when. */
  confirmedBy: string | null
  confirmedAt: number | null
}

/** A leave request and its decision (`leave_requests`). */
export interface LeaveDoc extends LeaveRecord {
  meetingId: string
  branchId: string
  createdAt: number
  decidedBy: string | null
  decidedAt: number | null
  decisionNote: string | null
}

// — minutes

/** The minutes document (`minutes`, `_id` = meeting id). */
export interface MinutesDoc {
  meetingId: string
  branchId: string
  meetingStartAt: number
  kind: MeetingKind
  status: 'draft' | 'final'
  content: MinutesContent
  updatedBy: string
  updatedAt: number
  /** Set at finalize, with the meeting as it was then; part of the locked content. */
  title: string | null
  meetingEndAt: number | null
  attendance: MinutesAttendance | null
  photos: { id: string; sha256: string; receivedAt: number }[] | null
  finalizedAt: number | null
  finalizedBy: string | null
  late: boolean
  contentHash: string | null
  amendmentCount: number
}

/** One correction after finalize (`minutes_amendments`). */
export interface AmendmentDoc {
  meetingId: string
  branchId: string
  seq: number
  reason: string
  changes: { field: string; label: string; before: string; after: string }[]
  by: string
  at: number
  contentHash: string
}

/** The head of a branch's minutes chain (`minutes_chain`, `_id` = `head.${branchId}`). */
export interface ChainHeadDoc {
  /** Not `branchId`, so the head never shows up among the entries of a branch. */
  headOf: string
  seq: number
  hash: string
  at: number
}

/** That a member read a meeting's final minutes (`minutes_reads`). */
export interface ReadDoc {
  meetingId: string
  memberId: string
  at: number
  /** The chain entry that seals this 阅签 (absent on reads made before 阅签 were chained). */
  chainSeq?: number
}

/**
 * A branch's chain head as witnessed in the supervising 党委's own records (`chain_anchors`, `_id` =
 * `${committeeId}.${branchId}.${seq}`): written by the server at each finalize, amendment and 阅签 and
 * by the daily job, never by an action a branch role can call.
 */
export interface ChainAnchorDoc {
  /** The supervising 党委 whose records these are. */
  committeeId: string
  branchId: string
  seq: number
  hash: string
  /** Server time the head was witnessed. */
  at: number
  /** What the anchored entry links, so a deleted one can still be named. */
  kind: ChainEntryKind
  meetingId: string
  by: 'finalize' | 'amend' | 'read' | 'daily'
}

/** A photo received for a meeting's minutes (`photos`). */
export interface PhotoDoc {
  meetingId: string
  branchId: string
  fileId: string
  sha256: string
  size: number
  contentType: string
  receivedAt: number
  by: string
  /** Camera or album as the client said (issue 18); absent on older photos. */
  source?: PhotoSource | null
}

// — 流动党员

/** A 流动党员's profile (`mobile_profiles`, `_id` = memberId). */
export interface ProfileDoc extends MobileProfileFields {
  memberId: string
  branchId: string
  lastContactAt: number
  lastCheckinAt: number | null
  createdAt: number
  updatedAt: number
  updatedBy: string
}

/** `_id` = the device-made check-in id (or a server id for a contact the branch logged). */
export interface CheckinDoc {
  memberId: string
  branchId: string
  kind: 'checkin' | 'contact'
  city: string
  note: string
  deviceTime: number
  /** Server receive time. */
  at: number
  photoFileId: string | null
  byId: string
  byName: string
}

/** A 查找记录 (issue 16 §7): who looked for a member out of contact, when, how, with what result. */
export interface MobileSearchDoc {
  memberId: string
  branchId: string
  /** Beijing date of the search (`YYYY-MM-DD`). */
  date: string
  method: SearchMethod
  result: string
  found: boolean
  byId: string
  byName: string
  /** Server time it was recorded. */
  recordedAt: number
}

/**
 * A branch's proposal to its 党委 for 停止党籍 of a member lost six months (issue 16 §7). A record the
 * 党委 reads; nothing in the app changes the member's status because of it.
 */
export interface StopProposalDoc {
  memberId: string
  memberName: string
  branchId: string
  /** The nearest 党委 above the branch, which the proposal goes to. */
  committeeId: string
  /** The branch's org path, root first (a 党总支 reads the proposals below it). */
  path: string[]
  lastContactAt: number
  lostSince: string
  reason: string
  /** Ids of the searches recorded since the last contact, when proposed. */
  searchIds: string[]
  /** `open` until the 党委 answers (mobile.answerStopProposal). */
  status: 'open' | 'agreed' | 'refused'
  proposedAt: number
  proposedBy: string
  proposedByName: string
  /** The 党委's answer (absent while open); `by` is the answering member's id. */
  answer?: (StopProposalAnswer & { by: string }) | null
}

/** `_id` = the device-made report id. */
export interface ReportDoc extends Omit<ReportView, 'id'> {
  readBy: string | null
}

/** `_id` = `${meetingId}.${memberId}`. Never counted as attendance. */
export interface MakeupDoc extends Omit<MakeupView, 'id'> {
  branchId: string
  acceptedBy: string | null
}

// — 扫码登录 (browser sessions)

/**
 * `web_login_tickets/<ticketId>`: a browser's login QR (src/domain/web-login.ts). The browser's
 * secret is never stored, only its SHA-256; the ticket is single-use and lives 2 minutes.
 */
export interface WebLoginTicketDoc {
  browserKeyHash: string
  browser: string
  /** The client IP the transport saw when the browser asked, and the place text made from it. */
  ip: string | null
  place: string
  createdAt: number
  expiresAt: number
  confirmedAt: number | null
  /** The confirming WeChat identity (openid) and its member. */
  confirmedBy: string | null
  memberId: string | null
  /** When the browser collected its session, and which one (single use). */
  usedAt: number | null
  sessionId: string | null
}

/** Why a web session ended before its time: its member, or a change of the member's binding or status. */
export type WebSessionEnd = 'member' | 'unbound' | 'transferred' | 'suspended'

/** `web_sessions/<sessionId>`: a browser signed in as a member; its token is `<sessionId>.<HMAC>`. */
export interface WebSessionDoc {
  openid: string
  memberId: string
  ticketId: string
  browser: string
  ip: string | null
  place: string
  createdAt: number
  /** Rewritten at most once a minute by the calls the session makes. */
  lastSeenAt: number
  revokedAt: number | null
  revokedReason: WebSessionEnd | null
}

// — issue 14: the 党委's supervision
/**
 * One branch's year as the meeting and 阅签 writes keep it (`supervision_state`, `_id` =
 * `${branchId}.${year}`): per-cell counters, per-owner sums and implausible flags, updated in those
 * writes' transactions. Read only to judge the branch's row.
 */
export interface SupervisionStateDoc extends RowState {
  branchId: string
  year: number
}
/**
 * One branch's row of the 党委's year matrix (`supervision_rows`, same `_id`): judged from its state
 * and packed small, so a page of rows reads little whatever the number of meetings. A write marks it
 * for judging (`nextChangeAt` 0); the next matrix read, or the daily job, judges it.
 */
export interface SupervisionRowDoc {
  branchId: string
  year: number
  /**
   * `${top 党委 id}:${year}`, repeated in three fields so each kind of query pins the index it reads
   * in order (by risk, by name, by next change); a 党委's whole tree is then one index range.
   */
  scope: string
  scopeByName: string
  scopeDue: string
  name: string
  /** The branch's org path (root first), for "below this 党委 / 党总支". */
  path: string[]
  parentName: string
  groups: { id: string; name: string }[]
  /** Pieces of the name (src/domain/supervision.ts `nameGrams`), for search. */
  nameGrams: string[]
  /** 流动党员 in 预警 or 失联风险, as of the daily job. */
  mobileAtRisk: number
  /** The column layout the owners' status letters follow (`layoutOf`). */
  layout: string
  /** The branch, then its 党小组. */
  owners: CompactOwner[]
  risk: number
  /**
   * The risk order as one unique text (highest risk first, then by branch id), so the index reads a
   * page in order even when many branches share a score.
   */
  riskRank: string
  /** The set of statuses among its cells (`statusKey`). */
  statusSet: string
  /** When a deadline changes a cell next (MAX_SAFE_INTEGER: never); 0: marked by a write. */
  nextChangeAt: number
  judgedAt: number
}
/** One time the 党委 was told about a branch (`escalations`, `_id` = the cause, so once per cause). */
export interface EscalationDoc {
  branchId: string
  cause: 'silent' | 'overdue'
  ownerId: string
  kind: MeetingKind | null
  period: string | null
  reason: string
  /** Higher first within a day's notice. */
  urgency: number
  at: number
  /** Supervisors told. */
  told: string[]
}

/**
 * `guess_attempts/<key>`: guesses counted per attempt, whatever their request id, written before
 * the guess is checked. `invite:<code>` counts the answers an invitation took (`count`);
 * `bind:<openid>` and `signin:<openid>:<meetingId>` keep the times (epoch ms) of recent guesses
 * inside their rate window (`times`).
 */
export interface GuessAttemptDoc {
  count: number
  times: number[]
  updatedAt: number
}

// — 党费 (issue 15)

/**
 * `dues_bases`: one base declaration of a member for a year (each declaration kept; the latest of
 * the year counts). Money in 分; the rate and monthly 应交 are fixed when it is declared.
 */
export interface DuesBaseDoc extends DuesBaseDecl {
  branchId: string
  /** Who entered it (组织委员 or 书记), by member id and name. */
  declaredBy: string
  declaredByName: string
  /** How the amount was reached, in Chinese (from duesQuote). */
  basis: string
  note: string
}

/** The recorded approval of a 减免: who approved it, on which day, why. */
export interface DuesApproval {
  approvedBy: string
  /** Beijing date 'YYYY-MM-DD'. */
  approvedOn: string
  reason: string
}

/**
 * `dues_entries`: a payment or an approved 减免 of one member; a correction is a new entry whose
 * `correctsId` names the original, which is kept. `firstMonth` / `lastMonth` bound `months`, so a
 * range of months is read by index.
 */
export interface DuesEntryDoc extends Omit<DuesEntry, 'id'> {
  branchId: string
  firstMonth: string
  lastMonth: string
  /** Payments: how it was received (recorded only; nothing is processed). Null for a 减免. */
  method: PaymentMethod | null
  receiptNo: string
  /** Beijing date the money was received, or the 减免 approved. */
  paidOn: string
  approval: DuesApproval | null
  correctionReason: string | null
  note: string
  recordedBy: string
  recordedByName: string
}

/** `dues_handovers`: an amount the branch handed up (上缴) to its 党委. */
export interface DuesHandoverDoc {
  branchId: string
  committeeId: string
  year: number
  amountFen: number
  /** Beijing date. */
  handedOn: string
  receiptNo: string
  note: string
  recordedBy: string
  recordedByName: string
  recordedAt: number
}

// — 谈心谈话 (issue 16 §4)

/** `heart_talks`: one talk between two members, recorded by one of them or the branch's organizers. */
export interface HeartTalkDoc {
  branchId: string
  /** Calendar year of `date`, for the yearly duty. */
  year: number
  /** `a+b`, the two member ids sorted (src/domain/heart-talks.ts `pairKey`). */
  pairKey: string
  memberIds: [string, string]
  /** Beijing date of the talk. */
  date: string
  /** Brief note: the pair and the branch's 书记 only. */
  note: string
  recordedBy: string
  recordedAt: number
}
