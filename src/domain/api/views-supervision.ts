/** What the supervision actions (catalog-supervision.ts) return: the 党委's year matrix and exports. */
import type { MeetingKind } from '../meeting-kinds'
import type { OrgKind } from '../org'
import type { CellStatus, FlagReason } from '../supervision'
import type { DocxFile } from './views-minutes'

export type { CellStatus, FlagReason }

/** One column of the matrix: a kind in one of its periods of the year. */
export interface MatrixColumn {
  kind: MeetingKind
  /** The period key: `2026-03`, `2026-Q1`, `2026-H1` or `2026`. */
  period: string
  /** For people, e.g. `主题党日 3月`, `党课 第一季度`, `组织生活会 全年`. */
  label: string
}

/** One cell: the quota of one kind in one period for one row's org. */
export interface MatrixCell {
  kind: MeetingKind
  period: string
  status: CellStatus
  /** The meetings behind the cell (held, scheduled, or awaiting minutes), oldest first; at most 10. */
  meetingIds: string[]
}

/**
 * The branch's (or 党小组's) figures for the year, read from maintained sums. Shares and rates are
 * fractions 0–1 (null when nothing to divide by yet).
 */
export interface MatrixIndicators {
  /** Meetings counted toward their quota with attendance and minutes within the deadline. */
  onTime: number
  /** Held meetings recorded as 补录 (entered after the fact) / held meetings. */
  backfillShare: number | null
  /** Sign-ins recorded by hand by the committee (代为登记) / sign-ins. */
  proxyShare: number | null
  /** Sign-ins made offline and sent later (离线补传) / sign-ins. */
  offlineShare: number | null
  /** Remote attendance (远程参会) / sign-ins. */
  remoteShare: number | null
  /** Present / expected, over the held meetings whose attendance is confirmed. */
  attendanceRate: number | null
  /** 阅签 confirmations / expected readers, over finalized minutes. */
  readRate: number | null
  /** Whole days since the last held meeting of any kind; null when none this year. */
  daysSinceLast: number | null
  /** 流动党员 in 预警 or 失联风险 (branch rows; 0 on 党小组 rows). */
  mobileAtRisk: number
}

/** A meeting that looks implausible and deserves a second look; flagged, never scored. */
export interface MatrixFlag {
  meetingId: string
  reason: FlagReason
  /** The reason in Chinese, e.g. `会议时长不足 15 分钟`. */
  label: string
}

export interface MatrixRow {
  orgId: string
  name: string
  /** `branch` rows carry the branch's kinds; `group` rows only 党小组会. */
  orgKind: Extract<OrgKind, 'branch' | 'group'>
  /** The 党总支 (or 党委) above a branch; the branch above a 党小组. */
  parentName: string
  /** The branch the row belongs to (itself for a branch row). */
  branchId: string
  cells: MatrixCell[]
  indicators: MatrixIndicators
  flags: MatrixFlag[]
  /** The risk score the `risk` sort uses (higher is worse); see src/domain/supervision.ts. */
  risk: number
}

export interface MatrixView {
  year: number
  columns: MatrixColumn[]
  rows: MatrixRow[]
  nextCursor: string | null
  /** Rows matching the filters, across all pages. */
  total: number
}

/** One time the 党委 was told about a branch (escalation by the daily job). */
export interface EscalationView {
  id: string
  /** `silent`: no organizational life for the rule's days; `overdue`: a quota 逾期. */
  cause: 'silent' | 'overdue'
  /** For `overdue`: the kind and period key of the quota. */
  kind: MeetingKind | null
  period: string | null
  /** Server time the 党委 was told. */
  at: number
  /** Why, in Chinese, as the 党委 read it. */
  reason: string
}

export interface BranchSupervisionView {
  year: number
  columns: MatrixColumn[]
  /** The branch's row first, then its 党小组 rows. */
  rows: MatrixRow[]
  /** Newest first. */
  escalations: EscalationView[]
}

/** An exported file; same delivery as `minutes.export` (inline base64 locally, `fileId` in production). */
export type ExportFile = DocxFile
