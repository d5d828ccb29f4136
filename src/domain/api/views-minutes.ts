/** What the minutes actions (catalog-minutes.ts) return. */
import type { DecisionKindRule } from '../decision-kinds'
import type { DecisionTally } from '../decisions'
import type { MemberCategory } from '../org'
import type { MeetingKind } from '../meeting-kinds'
import type { ChainEntryKind, MinutesAttendance, MinutesContent, VoteOutcome } from '../minutes'
import type { PhotoSource } from '../photo-source'

export type MinutesStatus = 'none' | 'draft' | 'final'

export interface MinutesPhotoView {
  id: string
  sha256: string
  size: number
  contentType: string
  /** Server time the photo arrived. */
  receivedAt: number
  by: string
  /** Camera or album as the client said; null when unknown (an older client). */
  source: PhotoSource | null
  /** Why the record flags it (相册选取, 来源未知, 会后 N 天收到), or ''. */
  flag: string
}

export interface MinutesAmendmentView {
  id: string
  /** 1 for the first correction. */
  seq: number
  reason: string
  changes: { field: string; label: string; before: string; after: string }[]
  by: { id: string; name: string }
  at: number
}

export interface MinutesView {
  meetingId: string
  branchId: string
  branchName: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  meetingPlace: string
  status: MinutesStatus
  /** The meeting was cancelled: there are no minutes to write. */
  cancelled: boolean
  /** Finalized on paper before this app kept minutes (the meeting counts; there is no electronic record). */
  legacy: boolean
  /** Finalized in this app, but the record is gone (deleted behind the app): never shown as a paper record. */
  missing: boolean
  /** Store version of the minutes, for saveDraft; 0 when none is saved yet. */
  version: number
  /**
   * As written: the draft (or, before any draft, the kind's template) for those who write it; the
   * locked original once final. Null for a reader while the minutes are still a draft.
   */
  content: MinutesContent | null
  /** Final content with every amendment applied; null until final. */
  corrected: MinutesContent | null
  /** Frozen at finalize; read live from the attendance board while a draft. Null when none. */
  attendance: MinutesAttendance | null
  /** Per item, the vote outcome where a vote is recorded. */
  votes: (VoteOutcome | null)[]
  /**
   * Per item, its typed decision as counted (issue 16): locked at finalize, live on a draft; null for
   * items without one. Each says how every participant was counted.
   */
  decisions: (DecisionTally | null)[]
  /** The typed decisions this meeting may take, with their rules as in force for the branch; empty where none. */
  decisionKinds: DecisionKindRule[]
  /**
   * Members the editor may pick as a decision's subject, voter with a written opinion or candidate;
   * `probationEndsOn` is a 预备党员's 预备期满 date (null for a 正式党员).
   */
  decisionRoster: {
    id: string
    name: string
    category: MemberCategory
    votingRights: boolean
    probationEndsOn: string | null
  }[]
  /** Whether the kind records 赞成/反对/弃权. */
  kindVotes: boolean
  photos: MinutesPhotoView[]
  amendments: MinutesAmendmentView[]
  updatedAt: number | null
  updatedBy: { id: string; name: string } | null
  finalizedAt: number | null
  finalizedBy: { id: string; name: string } | null
  /** 补录: finalized later than the rules allow after the meeting ended. */
  late: boolean
  /** The rule in words, e.g. “3 天”. */
  lateAfter: string
  contentHash: string | null
  /** 阅签: confirmed / participants. */
  reads: { confirmed: number; expected: number; iConfirmed: boolean; iAmParticipant: boolean }
  /** May write the draft and add photos (the branch committee), until final. */
  canWrite: boolean
  /** May finalize and amend (书记, 副书记, 组织委员). */
  canFinalize: boolean
  /** Why finalize is refused now (meeting not ended, no attendance), or null. */
  finalizeBlocked: string | null
  /** Set when the attendance board could not be read (the draft still works). */
  attendanceNote: string | null
}

export interface MinutesPhotoFile {
  id: string
  contentType: string
  base64: string
}

/** What part of the evidence a chain problem is about. */
export type ChainProblemField =
  /** The record an entry links no longer matches its hash (the part is named in the message). */
  | 'content'
  /** The entry's own hash, or its link to the entry before. */
  | 'link'
  /** The entry differs from a head the 党委's records or a printout or receipt witnessed. */
  | 'anchor'
  /** Entries are missing: a gap in the sequence, or a witnessed head beyond the chain's end. */
  | 'missing'
  /** The chain's head document does not match its last entry. */
  | 'head'
  /** The meeting's own kind, title, time or place changed after finalize. */
  | 'meeting'
  /** A sign-in or leave record of the meeting changed, appeared or vanished after finalize. */
  | 'attendance'
  /** A photo's bytes no longer hash to what was locked, or the photo is gone. */
  | 'photo'
  /** A 阅签 record was deleted or altered. */
  | 'read'

export interface ChainProblem {
  seq: number
  /** The last of a run of missing entries (`第 7–9 条`); equal to `seq` otherwise. */
  seqTo: number
  /** What the entry links; null when it is unknown (a missing entry no witness describes). */
  kind: ChainEntryKind | null
  /** The meeting, as locked where the chain holds it; empty strings when unknown. */
  meetingId: string
  meetingTitle: string
  meetingDate: string
  field: ChainProblemField
  /** What is wrong, in Chinese, naming the record (e.g. `第 3 条：会议时间在定稿后被改动`). */
  message: string
}

/** A head to check the chain against (typed from a printout, or kept as a 阅签 receipt). */
export interface GivenHead {
  seq: number
  /** The full hash, or at least its first 16 hex digits. */
  hash: string
}

export interface ChainReport {
  branchId: string
  branchName: string
  /** Entries checked. */
  entries: number
  ok: boolean
  /** The first divergence, or null. */
  firstProblem: ChainProblem | null
  /** The verified head's hash; null when the chain did not verify or is empty. */
  headHash: string | null
  /** The chain's head as stored (sequence number and hash of its last entry), verified or not; null when empty. */
  head: { seq: number; hash: string; at: number } | null
  /** Heads in the 党委's records compared, and when the newest was witnessed. */
  anchorsChecked: number
  latestAnchorAt: number | null
  /** Heads given with the call that were compared. */
  headsChecked: number
  checkedAt: number
  /**
   * Locked photos worth a second look (issue 18 §4), in chain order: chosen from the album, of
   * unknown source, or received long after the meeting. Not a break of the chain: listed even when it verifies.
   */
  photoFlags: ChainPhotoFlag[]
}

/** One flagged photo of verified minutes. */
export interface ChainPhotoFlag {
  /** The chain entry of the minutes. */
  seq: number
  meetingId: string
  meetingTitle: string
  /** 'YYYY-MM-DD' (Beijing). */
  meetingDate: string
  /** The photo's place in the minutes, from 1. */
  photo: number
  /** E.g. '相册选取' or '来源未知，会后 3 天收到' (src/domain/photo-source.ts photoFlag). */
  flag: string
}

/** What a member keeps on the device after 阅签: the chain head that seals their confirmation. */
export interface ReadReceipt {
  /** The member who confirmed: a shared device shows each member only their own receipts. */
  memberId: string
  branchId: string
  seq: number
  hash: string
  confirmedAt: number
  meetingId: string
  meetingTitle: string
}

/** The answer to 阅签: the minutes, and the receipt to keep. */
export interface ConfirmReadView extends MinutesView {
  receipt: ReadReceipt
}

/**
 * A generated document: inline as base64 from the local host; in production stored in cloud storage
 * (`fileId`, downloaded by the WeChat client), since a cloud function's reply is kept small.
 */
export interface DocxFile {
  filename: string
  contentType: string
  size: number
  base64: string | null
  fileId: string | null
}

export interface BookEntry {
  meetingId: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  status: MinutesStatus
  late: boolean
  /** Corrected content of final minutes; null otherwise. */
  content: MinutesContent | null
  attendance: MinutesAttendance | null
  amendments: number
  finalizedAt: number | null
  /** Final before this app kept minutes (the demo's past meetings): no electronic record. */
  legacy: boolean
  /** Finalized in this app but the record is gone: reported as missing, never as a paper record. */
  missing: boolean
}

export interface MinutesBook {
  branchId: string
  branchName: string
  year: number
  items: BookEntry[]
  nextCursor: string | null
}
