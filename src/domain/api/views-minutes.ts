/** What the minutes actions (catalog-minutes.ts) return. */
import type { MeetingKind } from '../meeting-kinds'
import type { MinutesAttendance, MinutesContent, VoteOutcome } from '../minutes'

export type MinutesStatus = 'none' | 'draft' | 'final'

export interface MinutesPhotoView {
  id: string
  sha256: string
  size: number
  contentType: string
  /** Server time the photo arrived. */
  receivedAt: number
  by: string
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

export interface ChainProblem {
  seq: number
  kind: 'minutes' | 'amendment'
  meetingId: string
  meetingTitle: string
  meetingDate: string
  /** `content`: the record no longer matches its hash; `link`: the entry's own hash or its link to the one before. */
  field: 'content' | 'link'
  message: string
}

export interface ChainReport {
  branchId: string
  branchName: string
  /** Entries checked. */
  entries: number
  ok: boolean
  /** The first entry that does not match, or null. */
  firstProblem: ChainProblem | null
  headHash: string | null
  checkedAt: number
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
}

export interface MinutesBook {
  branchId: string
  branchName: string
  year: number
  items: BookEntry[]
  nextCursor: string | null
}
