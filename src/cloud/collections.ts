/**
 * The collections the server keeps, the document each holds (`CollectionDocs`; the documents are
 * declared in documents.ts, which imports no module of src/cloud but the notifier port) and the fields each
 * is queried by. The store port is typed by `CollectionDocs`: `store.get('meetings', id)` answers a
 * `Stored<MeetingDoc>` without a type argument, and an unknown collection does not compile. The SQLite adapter creates
 * these indexes itself; on CloudBase create the same indexes in the console (see README).
 */
import type { Invitation } from '../domain/invitation'
import type { MeetingChange } from '../domain/meeting'
import type { ChainEntry } from '../domain/minutes'
import type { MobileRuleSet } from '../domain/mobile'
import type { Member, MemberChange, Org } from '../domain/org'
import type {
  AmendmentDoc,
  AttendanceDoc,
  AttendanceMeetingDoc,
  ChainAnchorDoc,
  ChainHeadDoc,
  CheckinDoc,
  MobileSearchDoc,
  StopProposalDoc,
  CounterDoc,
  DuesBaseDoc,
  DuesEntryDoc,
  DuesHandoverDoc,
  LeaveDoc,
  MakeupDoc,
  MinutesDoc,
  NoticeDoc,
  OutboxEntry,
  PhotoDoc,
  PlanDoc,
  ProfileDoc,
  ReadDoc,
  ReportDoc,
  RuleSetDoc,
  EscalationDoc,
  GuessAttemptDoc,
  HeartTalkDoc,
  SupervisionRowDoc,
  SupervisionStateDoc,
  WebLoginTicketDoc,
  WebSessionDoc,
} from './documents'

export const COLLECTIONS = {
  orgs: { indexes: [['parentId']] },
  members: { indexes: [['orgId', 'name']] },
  bindings: { indexes: [['memberId']] },
  meetings: { indexes: [['branchId', 'startAt']] },
  requests: { indexes: [] },
  // The in-app 消息 by person; who a meeting's notices, or a branch's lately, did not reach.
  notifications: {
    indexes: [
      ['memberId', 'createdAt'],
      ['meetingId', 'createdAt'],
      ['branchId', 'createdAt'],
    ],
  },
  outbox: { indexes: [['memberId']] },
  member_history: { indexes: [['memberId', 'at']] },
  invitations: { indexes: [['memberId']] },
  guess_attempts: { indexes: [] },
  meeting_history: { indexes: [['meetingId', 'at']] },
  compliance_counters: { indexes: [['branchId', 'periodKey']] },
  rule_sets: { indexes: [] },
  // issue 4 — planning
  plans: { indexes: [['branchId', 'year']] },
  // issue 5 — attendance (ids `${meetingId}.${memberId}`)
  attendance: {
    indexes: [
      ['meetingId', 'signedAt'],
      // a 流动党员's latest attendance counts as contact (mobile-attendance-contact.ts)
      ['memberId', 'signedAt'],
    ],
  },
  leave_requests: {
    indexes: [
      ['meetingId', 'createdAt'],
      ['memberId', 'createdAt'],
    ],
  },
  // issue 6 — minutes
  minutes: { indexes: [['branchId', 'meetingStartAt']] },
  minutes_amendments: { indexes: [['meetingId', 'at']] },
  minutes_chain: {
    indexes: [
      ['branchId', 'seq'],
      ['meetingId', 'seq'],
    ],
  },
  minutes_reads: { indexes: [['meetingId', 'at']] },
  photos: { indexes: [['meetingId', 'receivedAt']] },
  // issue 14 — the chain heads witnessed in the supervising 党委's records
  chain_anchors: {
    indexes: [
      ['branchId', 'seq'],
      ['committeeId', 'at'],
    ],
  },
  // issue 7 — mobile members
  mobile_profiles: { indexes: [['branchId', 'lastContactAt']] },
  checkins: { indexes: [['memberId', 'at']] },
  // issue 16 — 失联 handling: 查找记录 and proposals for 停止党籍 to the 党委
  mobile_searches: { indexes: [['memberId', 'recordedAt']] },
  stop_proposals: {
    indexes: [
      ['memberId', 'proposedAt'],
      ['branchId', 'proposedAt'],
    ],
  },
  reports: {
    indexes: [
      ['branchId', 'submittedAt'],
      ['memberId', 'submittedAt'],
    ],
  },
  makeups: {
    indexes: [
      ['meetingId', 'submittedAt'],
      ['memberId', 'submittedAt'],
    ],
  },
  // issue 13 — 扫码登录: login tickets (read by id only) and browser sessions by member
  web_login_tickets: { indexes: [] },
  web_sessions: { indexes: [['memberId', 'createdAt']] },
  // issue 14 — the 党委's year matrix (one row per branch and year) and what it was told
  supervision_state: { indexes: [] },
  supervision_rows: {
    indexes: [
      ['scope', 'riskRank'],
      ['scopeByName', 'name'],
      ['scopeDue', 'nextChangeAt'],
    ],
  },
  escalations: { indexes: [['branchId', 'at']] },
  // issue 15 — 党费: base declarations, payments and 减免 (corrections are entries too), 上缴
  dues_bases: {
    indexes: [
      ['memberId', 'declaredAt'],
      ['branchId', 'year'],
    ],
  },
  dues_entries: {
    indexes: [
      ['branchId', 'lastMonth'],
      ['memberId', 'lastMonth'],
    ],
  },
  dues_handovers: { indexes: [['branchId', 'handedOn']] },
  // issue 16 — 谈心谈话 per pair, by branch and year
  heart_talks: { indexes: [['branchId', 'year', 'date']] },
} as const satisfies Record<string, { indexes: readonly (readonly string[])[] }>

export type CollectionName = keyof typeof COLLECTIONS

/** The meeting document: the meeting and what attendance and minutes add (older ones lack these). */
export type MeetingDoc = AttendanceMeetingDoc & { minutesLate?: boolean | null }

/** `bindings/<openid>`: the member a WeChat identity is bound to. */
export interface BindingDoc {
  memberId: string
  boundAt: number
}

/** `requests/<key>`: a write's outcome under its request id, replayed when the id comes again. */
export interface RequestDoc {
  action: string
  inputHash: string
  memberId: string | null
  result: unknown
  at: number
}

/** Each collection's document (without the store's `_id` and `_version`). */
export interface CollectionDocs {
  orgs: Org
  members: Member
  bindings: BindingDoc
  meetings: MeetingDoc
  requests: RequestDoc
  notifications: NoticeDoc
  outbox: OutboxEntry
  member_history: MemberChange
  /** An invitation, with the request that made it (a replay finds the same one). */
  invitations: Invitation & { requestRef: string }
  guess_attempts: GuessAttemptDoc
  meeting_history: MeetingChange
  compliance_counters: CounterDoc
  /** By org id the 党委's or 支部's kind rules; by `mobileRuleSetId` its 流动党员 rules. */
  rule_sets: RuleSetDoc | MobileRuleSet
  plans: PlanDoc
  attendance: AttendanceDoc
  leave_requests: LeaveDoc
  minutes: MinutesDoc
  minutes_amendments: AmendmentDoc
  /** The chain's entries by `<branchId>.<seq>`, and its head by branch id. */
  minutes_chain: ChainEntry | ChainHeadDoc
  minutes_reads: ReadDoc
  photos: PhotoDoc
  chain_anchors: ChainAnchorDoc
  mobile_profiles: ProfileDoc
  checkins: CheckinDoc
  mobile_searches: MobileSearchDoc
  stop_proposals: StopProposalDoc
  reports: ReportDoc
  makeups: MakeupDoc
  supervision_state: SupervisionStateDoc
  supervision_rows: SupervisionRowDoc
  escalations: EscalationDoc
  dues_bases: DuesBaseDoc
  dues_entries: DuesEntryDoc
  dues_handovers: DuesHandoverDoc
  heart_talks: HeartTalkDoc
  web_login_tickets: WebLoginTicketDoc
  web_sessions: WebSessionDoc
}

/** The document a collection holds. */
export type DocOf<C extends CollectionName> = CollectionDocs[C]
